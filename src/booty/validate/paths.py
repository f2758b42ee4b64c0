"""Which paths Booty may write, and which files it must never read into a prompt.

``PathPolicy.check`` first makes the path canonical -- relative, no ``..``, no drive letters or
backslashes, and ``(root / path).resolve()`` (symlinks followed) inside ``root.resolve()`` --
then judges both the path as written and the path the symlinks lead to: ``.git`` in any
component is refused, and so is every name a checkout or a reviewer takes for ``.git``
(``validate.lookalike``); a path matching the deny-list (gitignore semantics) is restricted,
and one whose look-alike forms match it is refused. ``resolve()`` is the one file-system read
allowed in the pure modules: a symlink cannot be judged from its name.

Kinds: ``blocked`` is a restricted file a maintainer may change by hand (Booty proposes the
change); ``path`` is refused outright, and the rest of a change goes on without it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from booty.models import Problem
from booty.validate.lookalike import is_dotgit, spelled_out
from booty.validate.patterns import Patterns

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


_ALIKE = (
    "This path{spelled} looks like one matching the restricted pattern `{rule}`{via}: it differs only by "
    "letter case, look-alike or compatibility characters, or trailing dots and spaces. Booty never writes such a path."
)


def _spelled(text: str) -> str:
    shown = spelled_out(text)
    return "" if shown == text else f" (`{shown}` spelled out)"


def _dotgit(name: str) -> str | None:
    """Why ``name`` leads into ``.git``, or None."""
    for part in PurePosixPath(name).parts:
        if part == ".git":
            return "Files under .git/ are never changed."
        if is_dotgit(part):
            return (
                f"Files under .git/ are never changed, and `{part}`{_spelled(part)} is .git on case-insensitive or Windows "
                "checkouts, or looks like it."
            )
    return None


class PathPolicy:
    """Path rules for one workspace; ``restricted`` patterns extend ``DEFAULT_RESTRICTED``."""

    def __init__(self, restricted: Sequence[str] = (), *, root: Path | str) -> None:
        self.root = Path(root).resolve()
        self.restricted = (*DEFAULT_RESTRICTED, *(p for p in restricted if p not in DEFAULT_RESTRICTED))
        self._deny = Patterns(self.restricted)
        secretish = [p for p in restricted if _SECRET_WORDS.search(p)]
        self._never = Patterns((*NEVER_READ, *secretish))
        self._remembered: dict[str, bool] | None = None  # see remembering()
        self._real_dirs: dict[str, Path] = {}  # inside remembering(): each directory resolved once

    def check(self, path: str) -> Problem | None:
        """None when Booty may write ``path``; otherwise a Problem naming the rule that refused it."""
        invalid = _invalid(path)
        if invalid:
            return Problem(path=path, kind="path", message=invalid)
        target = (self.root / path).resolve()
        if not target.is_relative_to(self.root):
            return Problem(
                path=path,
                kind="path",
                message="The path resolves outside the repository (through a symlink).",
            )
        real = target.relative_to(self.root).as_posix()
        names = dict.fromkeys((path, real))
        for name in names:
            if refused := _dotgit(name):
                return Problem(path=path, kind="path", message=refused)
        for name in names:
            via = "" if name == path else f" (it is a symlink to {name})"
            rules = self._deny.matching(name)
            # Pretending to be a restricted file it is not: refused, never handed over as a proposal.
            if alike := [p for p in self._deny.matching_alike(name) if p not in rules]:
                return Problem(
                    path=path,
                    kind="path",
                    message=_ALIKE.format(spelled=_spelled(path), rule=alike[0], via=via),
                )
            if rules:
                return Problem(
                    path=path,
                    kind="blocked",
                    message=f"Changing this file is not allowed: it matches the restricted pattern `{rules[0]}`{via}.",
                )
        if target.is_dir():
            return Problem(path=path, kind="path", message="The path is a directory, not a file.")
        return None

    def never_read(self, path: str) -> bool:
        """True for files whose content must stay out of prompts: ``NEVER_READ``, restricted
        patterns that look like secrets, ``.git`` and its look-alikes, and any path that is invalid
        or leads outside the root. Judged on the path as written and on where its symlinks lead, in
        their literal and look-alike forms (remembered inside ``remembering``)."""
        if self._remembered is None:
            return self._judge_never_read(path)
        known = self._remembered.get(path)
        if known is None:
            known = self._remembered[path] = self._judge_never_read(path)
        return known

    @contextmanager
    def remembering(self) -> Iterator[None]:
        """Inside the block, ``never_read`` judges each path once: for a stretch where nothing
        changes the workspace (learning its secrets, indexing it, reading its modules), which asks
        about every file several times. Outside it every answer is fresh, since a test command
        (model-written code) may turn a file into a symlink."""
        self._remembered, self._real_dirs = {}, {}
        try:
            yield
        finally:
            self._remembered, self._real_dirs = None, {}

    def _judge_never_read(self, path: str) -> bool:
        if _invalid(path):
            return True
        target = self._resolved(path)
        if not target.is_relative_to(self.root):
            return True
        names = {path, target.relative_to(self.root).as_posix()}
        if any(_dotgit(n) for n in names):
            return True
        return any(self._never.any(n) for n in names)

    def _resolved(self, path: str) -> Path:
        """Where ``path`` leads, symlinks followed. Inside ``remembering`` each directory is
        resolved once (a repository has a tenth as many directories as files, and resolving walks
        every component) and only the file itself is looked at again."""
        if self._remembered is None:
            return (self.root / path).resolve()
        parent, _, name = path.rpartition("/")
        real_parent = self._real_dirs.get(parent)
        if real_parent is None:
            real_parent = self._real_dirs[parent] = (self.root / parent).resolve()
        candidate = real_parent / name
        return candidate.resolve() if candidate.is_symlink() else candidate


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
    if len(path.encode()) > MAX_PATH_BYTES or any(
        len(p.encode()) > MAX_NAME_BYTES for p in PurePosixPath(path).parts
    ):
        return f"The path is too long (at most {MAX_PATH_BYTES} bytes, {MAX_NAME_BYTES} per name)."
    return None
