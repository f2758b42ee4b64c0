"""The workspace of a follow-up: Booty's pushed branch checked out as origin has it, and a push
that is only ever a fast-forward from the commit the revision was built on. Implements
``core.ports.RevisionWorkspace`` on ``GitWorkspace`` (GitPython)."""

from __future__ import annotations

import git

from booty.adapters.workspace import GitWorkspace
from booty.errors import BranchMoved, PushRejected, WorkspaceError
from booty.review.models import BranchCommit


class GitRevisionWorkspace(GitWorkspace):
    def check_out_pushed(self, branch: str) -> str:
        """Check out origin's ``branch`` as it is now (a local branch of that name is re-created,
        and put back by ``restore``); returns its commit. WorkspaceError when origin has no such branch."""
        try:
            self._git(
                "fetch",
                "-q",
                "origin",
                f"+refs/heads/{branch}:refs/remotes/origin/{branch}",
                env=self._auth_env(),
            )
        except WorkspaceError as err:
            raise WorkspaceError(
                f"Booty could not fetch its branch `{branch}` from origin ({err}); "
                "was it deleted? Nothing was changed."
            ) from None
        existing = self._git(
            "rev-parse", "-q", "--verify", f"refs/heads/{branch}^{{commit}}", check=False
        ).strip()
        self._git("checkout", "-q", "-B", branch, f"origin/{branch}")
        if existing and self._replaced is None:
            self._replaced = (branch, existing)
        return self._repo.head.commit.hexsha

    def fetch_base(self, base: str) -> str:
        """The newest ``base`` (``origin/<base>`` when origin has it), for diffs against it."""
        return self._fetch_base(base)

    def commits_since(self, base: str) -> list[BranchCommit]:
        """The commits HEAD has that ``base`` has not, newest first, with who wrote and who committed them."""
        out = self._git("log", "-z", "--format=%H%x1f%ae%x1f%ce%x1f%B", f"{base}..HEAD")
        commits = []
        for record in out.split("\0"):
            fields = record.strip("\n").split("\x1f", 3)
            if len(fields) == 4:
                sha, author, committer, message = fields
                commits.append(
                    BranchCommit(sha=sha, author_email=author, committer_email=committer, message=message)
                )
        return commits

    def changed_files(self, base: str) -> list[tuple[str, str]]:
        """(status letter, path) of every file HEAD changes against its merge base with ``base``."""
        out = self._git("diff", "--name-status", "-z", "--no-renames", f"{base}...HEAD")
        fields = [f for f in out.split("\0") if f]
        return list(
            zip(fields[0::2], fields[1::2], strict=True)
        )  # -z output: status, path, status, path, ...

    def push_fast_forward(self, branch: str, expected: str) -> None:
        """Push HEAD to origin's ``branch`` only as a fast-forward from ``expected``, the commit the
        follow-up was built on; never forced. Raises BranchMoved when origin holds anything else
        (a person pushed or rewrote the branch meanwhile), PushRejected when the push is refused."""
        ref = f"refs/heads/{branch}"
        head = self._repo.head.commit.hexsha
        if not self._is_ancestor(expected, head):
            raise WorkspaceError(f"The new commit does not descend from {expected[:12]}; nothing was pushed.")
        now = self._remote_commit(ref, check=False)
        if now != expected:
            raise BranchMoved(_moved(branch, expected, now))
        try:
            # The lease makes the check and the push one step on the server: the push lands only while
            # origin still holds ``expected``, of which HEAD is a descendant, so it is a fast-forward.
            self._git(
                "push",
                "--porcelain",
                f"--force-with-lease={ref}:{expected}",
                "origin",
                f"HEAD:{ref}",
                env=self._auth_env(),
            )
        except WorkspaceError as err:
            now = self._remote_commit(ref, check=False)
            if now == head:
                return  # the push landed and only its answer was lost
            if now != expected:
                raise BranchMoved(_moved(branch, expected, now)) from None
            raise PushRejected(
                f"git push of {branch} was rejected: {err}. A branch protection rule or ruleset "
                "covering agent/issue-* branches must allow Booty to push to them."
            ) from None

    def _is_ancestor(self, older: str, newer: str) -> bool:
        try:
            self._repo.git.execute(["git", "merge-base", "--is-ancestor", older, newer])
            return True
        except git.GitCommandError:
            return False


def _moved(branch: str, expected: str, now: str) -> str:
    where = f"now holds {now[:12]}" if now else "was deleted"
    return (
        f"Origin's `{branch}` {where}, not {expected[:12]}, the commit this revision was built on: someone pushed "
        "to it or rewrote it meanwhile. Booty pushed nothing, so their work stands; ask again (a new review "
        "or `/booty`) to revise the branch as it is now."
    )
