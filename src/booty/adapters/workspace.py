"""The checked-out repository, through GitPython. Implements ``ports.Workspace``."""

from __future__ import annotations

import base64
import os
import re
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlparse

import git

from booty.adapters.repo_files import read_file_bytes
from booty.errors import BaseBranchMissing, BranchMoved, PushRejected, WorkspaceError
from booty.publish.texts import BOT_EMAIL, BOT_NAME, written_by_booty
from booty.scrubbing import Scrubber
from booty.validate.lookalike import is_dotgit

_BOT_ENV = {
    "GIT_AUTHOR_NAME": BOT_NAME,
    "GIT_AUTHOR_EMAIL": BOT_EMAIL,
    "GIT_COMMITTER_NAME": BOT_NAME,
    "GIT_COMMITTER_EMAIL": BOT_EMAIL,
}


def trust_directory(path: Path) -> None:
    """Docker actions run as root on a workspace owned by the runner user: tell git it is safe."""
    resolved = str(Path(path).resolve())
    existing = git.Git().config("--global", "--get-all", "safe.directory", with_exceptions=False)
    if resolved not in existing.splitlines():
        git.Git().config("--global", "--add", "safe.directory", resolved)


class GitWorkspace:
    """A git work tree. ``token`` authenticates pushes over https without touching the command line.
    Commit messages and git's error messages pass through ``scrubber``, which always knows ``token``."""

    def __init__(self, root: Path, *, token: str | None = None, scrubber: Scrubber | None = None) -> None:
        self.root = str(Path(root).resolve())
        self._token = token
        self._scrubber = scrubber or Scrubber()
        self._scrubber.add(token)
        self._written: set[str] = set()
        self._found: dict[str, bytes | None] = {}  # what each written path held when Booty first wrote it
        self._made: set[Path] = set()  # folders Booty created: none of their content predates the run
        self._replaced: tuple[str, str] | None = (
            None  # (branch, its commit) when prepare_branch re-created it
        )
        try:
            self._repo = git.Repo(self.root)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            raise WorkspaceError(
                f"{self.root} is not a git repository. Run actions/checkout before Booty."
            ) from None

    # ------------------------------------------------------------------ reading

    def tracked_files(self) -> list[str]:
        """Tracked paths; names that are not UTF-8 are left out (Booty can neither show nor write them)."""
        out = self._git("ls-files", "-z")
        return [p for p in out.split("\0") if p and not any("\udc80" <= ch <= "\udcff" for ch in p)]

    def untracked_files(self) -> list[str]:
        """Files git does not track, ignored ones included; a wholly ignored directory (node_modules)
        is left out, so a large ignored tree is not walked."""
        out = (
            self._git("ls-files", "-z", "--others", "--exclude-standard", check=False)
            + "\0"
            + self._git(
                "ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--directory", check=False
            )
        )
        return [
            p
            for p in out.split("\0")
            if p and not p.endswith("/") and not any("\udc80" <= ch <= "\udcff" for ch in p)
        ]

    def read_bytes(self, rel: str) -> bytes | None:
        """A file's bytes; None when missing, a directory, or a symlink leading outside the workspace."""
        return read_file_bytes(Path(self.root), rel)

    def head_branch(self) -> str:
        try:
            return self._repo.active_branch.name
        except TypeError:  # detached HEAD, as actions/checkout leaves it for some events
            return self._repo.head.commit.hexsha if self._repo.head.is_valid() else ""

    def has_commits(self) -> bool:
        return self._repo.head.is_valid()

    def is_dirty(self) -> bool:
        return self._repo.is_dirty(untracked_files=False)

    def diff(self, base: str) -> str:
        """The change as a diff; bytes that are not UTF-8 (a latin-1 file's context lines) become U+FFFD."""
        raw = self._git("diff", f"{base}...HEAD") if base else self._git("show", "--format=", "HEAD")
        return raw.encode("utf-8", "surrogateescape").decode("utf-8", "replace")

    # ------------------------------------------------------------------ writing

    def prepare_branch(self, branch: str, base: str) -> str:
        """Check out ``branch`` fresh from the newest ``base``; returns the start point used."""
        start = self._fetch_base(base)
        args = ["checkout", "-B", branch] + ([start] if start else [])
        if not start and not self.has_commits():
            if self._has_origin():  # a pull request needs a base branch to go into
                raise WorkspaceError(
                    f"The repository has no commits yet, so there is no branch `{base}` for a pull request "
                    "to go into. Push a first commit, then run Booty again."
                )
            args = ["checkout", "--orphan", branch]
        existing = self._git(
            "rev-parse", "-q", "--verify", f"refs/heads/{branch}^{{commit}}", check=False
        ).strip()
        self._git(*args)
        if existing and self._replaced is None:
            self._replaced = (branch, existing)
        # git checkout reports a file it could not replace (read-only, immutable) and still exits 0,
        # with HEAD on the new branch: the work tree would not be the branch Booty reads and edits.
        if unwritten := self._differing_from_index():
            raise WorkspaceError(
                f"Booty could not write {', '.join(unwritten[:3])} in the workspace while checking out "
                f"`{branch}` (git could not replace it: is it read-only or immutable?); nothing was "
                "committed or pushed."
            )
        return start

    def apply(self, files: dict[str, str | None]) -> None:
        root, tracked = Path(self.root), set(self.tracked_files())
        for rel, content in files.items():
            target = (root / rel).resolve()
            real = target.relative_to(root).as_posix() if target.is_relative_to(root) else None
            if real is None or any(is_dotgit(part) for part in (*Path(rel).parts, *Path(real).parts)):
                raise WorkspaceError(f"refused to write {rel}: outside the workspace or inside .git")
            try:
                if real not in self._found and real not in tracked:
                    self._found[real] = target.read_bytes() if target.is_file() else None
                if content is None:
                    if target.exists():
                        target.unlink()
                else:
                    self._make_folders(target.parent)
                    target.write_bytes(content.encode("utf-8"))
            except OSError as err:
                raise WorkspaceError(
                    f"Booty could not write {rel} in the workspace ({err.strerror or err}); nothing was committed or pushed."
                ) from None
            self._written.add(rel)

    def commit(self, message: str) -> str | None:
        if not self._written:
            return None
        self._git("add", "--all", "--", *sorted(self._written))
        if not self._git("diff", "--cached", "--name-only").strip():
            return None
        with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8") as msg:
            msg.write(self._scrubber.scrub(message))
            msg.flush()
            self._git("commit", "--no-verify", "-q", "-F", msg.name, env=_BOT_ENV)
        return self._repo.head.commit.hexsha

    def push(self, branch: str) -> str:
        """Push HEAD to origin's ``branch`` with force-with-lease on what origin has now, so a
        concurrent push is never overwritten. Returns the commit origin had ("" if none)."""
        ref = f"refs/heads/{branch}"
        lease = self._remote_commit(ref)
        if lease and (theirs := self._commits_people_would_lose(branch)):
            raise BranchMoved(_would_drop(branch, theirs))
        try:
            self._git(
                "push",
                "--porcelain",
                f"--force-with-lease={ref}:{lease}",
                "origin",
                f"HEAD:{ref}",
                env=self._auth_env(),
            )
        except WorkspaceError as err:
            if self._remote_commit(ref, check=False) == self._repo.head.commit.hexsha:
                return lease  # the push landed and only its answer was lost
            raise PushRejected(
                f"git push of {branch} was rejected: {err}. Booty pushes (and on re-runs force-pushes) only its "
                "own agent/issue-* branches: a branch protection rule or ruleset covering them must allow that."
            ) from None
        return lease

    def _commits_people_would_lose(self, branch: str) -> list[str]:
        """ "sha subject" of each commit on origin's ``branch`` that replacing it with HEAD would drop and
        that Booty did not write (author or committer not Booty's identity). Merges are left out, and so
        is what origin's other branches hold: "Update branch" and the base's own history are not lost."""
        remote = f"refs/remotes/origin/{branch}"
        self._git("fetch", "-q", "origin", f"+refs/heads/{branch}:{remote}", env=self._auth_env())
        out = self._git(
            "log", "--no-merges", "-z", "--format=%H%x1f%ae%x1f%ce%x1f%s", remote,
            "--not", "HEAD", f"--exclude=origin/{branch}", "--remotes=origin",
        )  # fmt: skip
        lost = []
        for record in filter(None, out.split("\0")):
            sha, author, committer, subject = record.strip("\n").split("\x1f", 3)
            if not written_by_booty(author, committer):
                lost.append(f"{sha[:12]} {subject[:60]}")
        return lost

    def rewind_remote_branch(self, branch: str, previous: str) -> None:
        """Undo our push (best effort): origin's ``branch`` goes back to ``previous``, or is deleted
        when it was new. Only if it still holds our commit: a later push by anyone else stands."""
        ref = f"refs/heads/{branch}"
        ours = self._repo.head.commit.hexsha
        try:
            if previous and not self._git("cat-file", "-t", previous, check=False):
                self._git(
                    "fetch", "-q", "origin", previous, env=self._auth_env()
                )  # a fresh clone may lack it
            self._git(
                "push",
                "-q",
                f"--force-with-lease={ref}:{ours}",
                "origin",
                f"{previous}:{ref}",
                env=self._auth_env(),
            )
        except WorkspaceError:
            pass

    def restore(self, branch: str) -> None:
        """Leave the work tree as it was found: back on ``branch`` (and a branch ``prepare_branch``
        re-created back on its commit), Booty's writes undone (an untracked file it overwrote holds
        its old bytes again) and the folders it made removed."""
        self._undo_untracked_writes()  # first, so that no file of Booty's stands in checkout's way
        if self._replaced:  # the branch a previous run left here goes back to its own commit
            self._git("update-ref", f"refs/heads/{self._replaced[0]}", self._replaced[1])
        if self.has_commits():
            try:
                self._git("reset", "-q", "--hard")
                if branch:
                    self._git("checkout", "-q", branch)
            except WorkspaceError:
                if not branch:
                    raise
                self._back_without_rewriting(branch)
        tracked = self._undo_untracked_writes()  # again: a committed file has just been put back or removed
        root = Path(self.root)
        for folder in sorted(self._made, key=lambda f: len(f.parts), reverse=True):
            rel = folder.relative_to(root).as_posix() + "/"
            if folder.is_dir() and not folder.is_symlink() and not any(t.startswith(rel) for t in tracked):
                shutil.rmtree(folder)
        self._written.clear()
        self._found.clear()
        self._made.clear()
        self._replaced = None

    def _back_without_rewriting(self, branch: str) -> None:
        """Back on ``branch`` when git cannot rewrite some file (the file system refuses it): HEAD
        and the index move without touching the work tree, then every file that differs from
        ``branch`` is checked out. A file git could not write before is the branch's still, so it
        is left alone; one that differs and cannot be written is an error, as it should be."""
        if self._git("rev-parse", "-q", "--verify", f"refs/heads/{branch}", check=False).strip():
            self._git("symbolic-ref", "HEAD", f"refs/heads/{branch}")
        else:  # a detached start: a commit
            self._git("update-ref", "--no-deref", "HEAD", branch)
        self._git("reset", "-q")
        if changed := self._differing_from_index():
            self._git("checkout", "-q", "--", *changed)

    def _differing_from_index(self) -> list[str]:
        """Tracked files whose work-tree copy is not the index's."""
        return [p for p in self._git("diff", "--name-only", "-z").split("\0") if p]

    def _undo_untracked_writes(self) -> set[str]:
        """Give every file that was untracked when Booty wrote it (through symlinks: where they
        lead) its old bytes, or remove it; paths the branch now tracks are git's. Returns them."""
        tracked = set(self.tracked_files())
        for rel, found in self._found.items():
            path = Path(self.root) / rel
            if rel in tracked:
                continue
            if found is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(found)
            elif path.is_file() or path.is_symlink():
                path.unlink()
        return tracked

    def _make_folders(self, folder: Path) -> None:
        """``folder`` and its missing parents, each remembered for ``restore``."""
        missing, root = [], Path(self.root)
        while folder != root and not folder.exists():
            missing.append(folder)
            folder = folder.parent
        for made in reversed(missing):
            made.mkdir()
            self._made.add(made)

    # ------------------------------------------------------------------ helpers

    def _remote_commit(self, ref: str, *, check: bool = True) -> str:
        """The commit origin's ``ref`` points to ("" when absent, or unknown with ``check=False``)."""
        line = self._git("ls-remote", "origin", ref, env=self._auth_env(), check=check).strip()
        return line.split()[0] if line else ""

    def _has_origin(self) -> bool:
        return "origin" in [r.name for r in self._repo.remotes]

    def _fetch_base(self, base: str) -> str:
        """The newest ``base`` from origin; a base origin does not have raises ``BaseBranchMissing``
        once origin has branches at all (a pull request into it could not be opened). With no
        origin, or one with no branch yet, or when origin cannot be reached, the local branch."""
        if self._has_origin():
            try:
                self._git(
                    "fetch",
                    "-q",
                    "origin",
                    f"+refs/heads/{base}:refs/remotes/origin/{base}",
                    env=self._auth_env(),
                )
                return f"origin/{base}"
            except WorkspaceError as err:
                if "couldn't find remote ref" in str(err) and self._origin_has_branches():
                    raise BaseBranchMissing(f"The base branch `{base}` is not on origin.") from None
        if any(h.name == base for h in self._repo.heads):
            return base
        return "HEAD" if self.has_commits() else ""

    def _origin_has_branches(self) -> bool:
        return bool(self._git("ls-remote", "--heads", "origin", env=self._auth_env(), check=False).strip())

    def _auth_env(self) -> dict[str, str]:
        """Credentials for https remotes via GIT_CONFIG_* (never argv), unless checkout left its own."""
        if not self._token:
            return {}
        url = self._repo.git.config("--get", "remote.origin.url", with_exceptions=False)
        parsed = urlparse(url)
        if parsed.scheme != "https":
            return {}
        existing = self._repo.git.config("--get-regexp", r"^http\..*extraheader$", with_exceptions=False)
        if existing.strip():
            return {}
        basic = base64.b64encode(f"x-access-token:{self._token}".encode()).decode()
        return {
            "GIT_CONFIG_COUNT": "1",
            "GIT_CONFIG_KEY_0": f"http.https://{parsed.hostname}/.extraheader",
            "GIT_CONFIG_VALUE_0": f"AUTHORIZATION: basic {basic}",
        }

    def _git(self, *args: str, env: dict[str, str] | None = None, check: bool = True) -> str:
        """Run git; its failure is a WorkspaceError (``check=False``: an empty answer instead)."""
        try:
            return self._repo.git.execute(["git", *args], env={**os.environ, **env} if env else None)
        except git.GitCommandError as err:
            if not check:
                return ""
            raise WorkspaceError(self._scrubber.scrub(_stderr(err)) or f"git {args[0]} failed") from None


def _stderr(err: git.GitCommandError) -> str:
    raw = err.stderr if isinstance(err.stderr, str) else (err.stderr or b"").decode("utf-8", "replace")
    quoted = re.fullmatch(r"\s*stderr: '(.*)'\s*", raw, re.DOTALL)  # GitPython's wrapping of git's stderr
    lines = [ln.strip() for ln in (quoted.group(1) if quoted else raw).splitlines() if ln.strip()]
    return " ".join(lines[-3:])


def _would_drop(branch: str, commits: list[str]) -> str:
    listed = "; ".join(commits[:5]) + (f"; and {len(commits) - 5} more" if len(commits) > 5 else "")
    return (
        f"Origin's `{branch}` holds {len(commits)} commit(s) that people pushed ({listed}). A re-run of the "
        "issue redoes the change from scratch and would replace the branch, losing them, so Booty pushed "
        "nothing. To build on their work, review the pull request (request changes, or comment `/booty "
        "<what to do>`); to start over, delete the branch first."
    )
