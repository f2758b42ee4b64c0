"""Which paths Booty may write, and which files it must never read into a prompt.

``PathPolicy.check`` first makes the path canonical -- relative, no ``..``, no drive letters or
backslashes, and ``(root / path).resolve()`` (symlinks followed) inside ``root.resolve()`` --
then applies a deny-list with gitignore semantics to both the path as written and the path the
symlinks lead to. ``.git/`` is always denied. ``resolve()`` is the one file-system read allowed
in ``booty.core``: a symlink cannot be judged from its name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

import pathspec

from booty.core.models import Problem

# Files Booty must not change: CI definitions (the built-in token cannot push them anyway),
# secrets, container and deployment definitions, and lock files a model cannot regenerate.
DEFAULT_RESTRICTED: tuple[str, ...] = (
    ".github/workflows/**", ".env", ".env.*", "**/*.env", "**/secrets.*", "Dockerfile",
    "docker-compose*.yml", "**/*deployment*.yml", "*lock.json", "*.lock", "package-lock.json",
    "poetry.lock", "Pipfile.lock",
)  # fmt: skip

# Files whose content never enters a prompt: secrets and credentials of every common kind.
NEVER_READ: tuple[str, ...] = (
    ".env", ".env.*", "**/*.env", "**/secrets.*", "*.pem", "*.key", "*.p12", "*.pfx", "*.jks",
    "*.keystore", "*.kdbx", "id_rsa*", "id_dsa*", "id_ecdsa*", "id_ed25519*", ".npmrc", ".pypirc",
    ".netrc", "_netrc", ".git-credentials", ".pgpass", ".htpasswd", "credentials", "credentials.*",
    "**/.aws/credentials", "**/.docker/config.json", "service-account*.json", "*.tfvars", ".git/",
)  # fmt: skip

# A restricted pattern naming one of these is taken to protect a secret and is never read either;
# other restricted patterns (workflows, lock files) only protect against writes.
_SECRET_WORDS = re.compile(r"env|secret|key|token|credential|passw|pem|id_rsa|id_ed25519|cert|private", re.I)
_DRIVE = re.compile(r"^[A-Za-z]:")
MAX_PATH_BYTES, MAX_NAME_BYTES = 1024, 255  # well inside PATH_MAX and NAME_MAX of common file systems


def _specs(patterns: Sequence[str]) -> list[tuple[str, pathspec.GitIgnoreSpec]]:
    return [(p, pathspec.GitIgnoreSpec.from_lines([p])) for p in patterns if p.strip()]


class PathPolicy:
    """Path rules for one workspace; ``restricted`` patterns extend ``DEFAULT_RESTRICTED``."""

    def __init__(self, restricted: Sequence[str] = (), *, root: Path | str) -> None:
        self.root = Path(root).resolve()
        self.restricted = (*DEFAULT_RESTRICTED, *(p for p in restricted if p not in DEFAULT_RESTRICTED))
        self._deny = _specs(self.restricted)
        secretish = [p for p in restricted if _SECRET_WORDS.search(p)]
        self._never = _specs((*NEVER_READ, *secretish))

    def check(self, path: str) -> Problem | None:
        """None when Booty may write ``path``; otherwise a Problem naming the rule that refused it."""
        invalid = _invalid(path)
        if invalid:
            return Problem(path=path, kind="path", message=invalid)
        target = (self.root / path).resolve()
        if not target.is_relative_to(self.root):
            return Problem(path=path, kind="path", message="The path resolves outside the repository (through a symlink).")
        real = target.relative_to(self.root).as_posix()
        for name in dict.fromkeys((path, real)):
            if ".git" in PurePosixPath(name).parts:
                return Problem(path=path, kind="blocked", message="Files under .git/ are never changed.")
            rule = next((p for p, spec in self._deny if spec.match_file(name)), None)
            if rule:
                via = "" if name == path else f" (it is a symlink to {name})"
                return Problem(path=path, kind="blocked", message=f"Changing this file is not allowed: it matches the restricted pattern `{rule}`{via}.")
        if target.is_dir():
            return Problem(path=path, kind="path", message="The path is a directory, not a file.")
        return None

    def never_read(self, path: str) -> bool:
        """True for files whose content must stay out of prompts: ``NEVER_READ``, restricted
        patterns that look like secrets, and any path that is invalid or leads outside the root.
        Judged on the path as written and on where its symlinks lead."""
        if _invalid(path):
            return True
        target = (self.root / path).resolve()
        if not target.is_relative_to(self.root):
            return True
        names = {path, target.relative_to(self.root).as_posix()}
        return any(spec.match_file(n) for n in names for _, spec in self._never)


def _invalid(path: str) -> str | None:
    """Why ``path`` is not a plain repository-relative POSIX path, or None."""
    if not path or not path.strip():
        return "The path is empty."
    if "\x00" in path:
        return "The path contains a NUL byte."
    if any("\ud800" <= ch <= "\udfff" for ch in path):
        return "The path is not valid UTF-8 (it holds lone surrogate characters)."
    if "\\" in path:
        return "Use forward slashes: the path contains a backslash."
    if _DRIVE.match(path):
        return "The path starts with a drive letter; give a path relative to the repository root."
    if path.startswith("/"):
        return "The path is absolute; give a path relative to the repository root."
    if path.startswith("~"):
        return "The path starts with '~'; give a path relative to the repository root."
    if ".." in PurePosixPath(path).parts:
        return "The path contains '..'; give a path inside the repository without '..'."
    if path.endswith("/") or PurePosixPath(path) == PurePosixPath("."):
        return "The path names a directory (or the repository root), not a file."
    if len(path.encode()) > MAX_PATH_BYTES or any(len(p.encode()) > MAX_NAME_BYTES for p in PurePosixPath(path).parts):
        return f"The path is too long (at most {MAX_PATH_BYTES} bytes, {MAX_NAME_BYTES} per name)."
    return None
