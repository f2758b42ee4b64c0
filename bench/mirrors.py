"""The repositories benchmarks run on: git directories as ``fetch`` leaves them, exported per commit."""

from __future__ import annotations

import subprocess
from pathlib import Path


def git_dir(mirrors: Path, repo: str) -> Path | None:
    """``mirrors/<owner>+<name>/repo`` or ``mirrors/<owner>+<name>``, whichever is a git directory."""
    base = mirrors / repo.replace("/", "+")
    for candidate in (base / "repo", base):
        if (candidate / "HEAD").exists() or (candidate / ".git").exists():
            return candidate
    return None


def export(gitdir: Path, commit: str, into: Path) -> None:
    """``git archive`` of ``commit`` into ``into``, leaving out blobs the mirror does not hold
    (its largest data files may be listed but absent)."""
    git = ["git", f"--git-dir={gitdir}"]
    listing = subprocess.run([*git, "ls-tree", "-r", "-z", commit], capture_output=True, check=True).stdout
    entries = [e.split(b"\t", 1) for e in listing.split(b"\0") if e]
    blobs = [(meta.split()[2], path) for meta, path in entries if meta.split()[1] == b"blob"]
    check = subprocess.run(
        [*git, "cat-file", "--batch-check"],
        input=b"\n".join(sha for sha, _ in blobs) + b"\n",
        capture_output=True,
        check=True,
    )
    absent = [
        path.decode()
        for (_, path), line in zip(blobs, check.stdout.splitlines(), strict=True)
        if line.endswith(b" missing")
    ]
    pathspec = ["--", ".", *(f":(exclude,literal){p}" for p in absent)] if absent else []
    archive = subprocess.Popen(
        [*git, "archive", commit, *pathspec], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    subprocess.run(["tar", "-x", "-C", str(into)], stdin=archive.stdout, check=True)
    if archive.wait() != 0:
        raise RuntimeError(f"git archive {commit} failed in {gitdir}")
