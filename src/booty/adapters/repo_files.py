"""The files of a checked-out repository: which exist, and their bytes.

``list_files`` asks git for the tracked files when ``root`` is a git work tree (so ignored and
untracked files stay out); otherwise it walks the directory, skipping ``.git``.
``read_file_bytes`` never follows a symlink out of the repository.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def list_files(root: Path) -> list[str]:
    """Repository-relative POSIX paths of the files under ``root``, sorted."""
    root = Path(root)
    if (root / ".git").exists():
        try:
            out = subprocess.run(
                ["git", "-C", str(root), "ls-files", "-z"],
                capture_output=True,
                check=True,
                timeout=60,
            ).stdout
            return sorted(p for p in out.decode("utf-8", "surrogateescape").split("\0") if p)
        except (OSError, subprocess.SubprocessError):
            pass  # not a usable work tree after all: fall back to walking it
    found: list[str] = []
    for directory, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d != ".git"]
        rel_dir = Path(directory).relative_to(root)
        found.extend((rel_dir / name).as_posix() for name in filenames)
    return sorted(found)


def read_file_bytes(root: Path, rel: str) -> bytes | None:
    """The bytes of ``root/rel``; None for missing files, directories and symlinks leaving ``root``."""
    root = Path(root).resolve()
    path = root / rel
    try:
        if not path.resolve().is_relative_to(root) or not path.is_file():
            return None
        return path.read_bytes()
    except OSError:
        return None
