"""The I/O boundaries, as small Protocols in domain words.

Adapters in ``booty.adapters`` implement them with real libraries; tests pass the real adapters
pointed at local fakes. Every adapter translates library errors into ``booty.errors``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from booty.models import Issue, Plan, Prompt, Usage
from booty.scrubbing import Scrubber

if TYPE_CHECKING:
    from booty.review.models import BranchCommit, PullInfo, Review, ReviewComment

T = TypeVar("T")

# The roles ``CodeHost.permission`` answers, and those of people who may write to the repository:
# only they may start Booty, and only their comments reach the model.
ROLES = frozenset({"admin", "maintain", "write", "triage", "read", "none"})
WRITER_ROLES = frozenset({"admin", "maintain", "write"})


@dataclass(frozen=True)
class Completion(Generic[T]):
    """What one LLM call returned, with the tokens it cost."""

    value: T
    usage: Usage


class Model(Protocol):
    """The language model. Prompts arrive rendered (see ``booty.prompts``)."""

    name: str

    def count_tokens(self, prompt: Prompt, *, structured: bool) -> int:
        """Exact input tokens of a prompt (``structured`` adds the plan tool schema). Raises ModelError."""

    def plan(self, prompt: Prompt) -> Completion[Plan]:
        """Ask for a structured plan. Raises ModelError."""

    async def write(self, prompt: Prompt, *, on_start: Callable[[], None] | None = None) -> Completion[str]:
        """Ask for plain text (fenced edit blocks); ``on_start`` is called when the answer begins.
        Raises ModelError."""

    def describe(self, prompt: Prompt, *, max_output_tokens: int) -> Completion[str]:
        """Ask for the pull request description (plain text) within ``max_output_tokens``. Raises ModelError."""


class PullRef(Protocol):
    """What an outcome names of a pull request, whichever port read it."""

    @property
    def number(self) -> int: ...

    @property
    def url(self) -> str: ...


@dataclass(frozen=True)
class PullRequest:
    number: int
    url: str
    head: str
    base: str
    body: str
    author: str = ""  # login that opened it: github-actions[bot] when it was the built-in GITHUB_TOKEN


class CodeHost(Protocol):
    """The repository host (GitHub)."""

    def get_issue(self, number: int) -> Issue: ...

    def permission(self, login: str) -> str:
        """One of ``ROLES``: 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none'."""

    def default_branch(self, *, fresh: bool = False) -> str:
        """The repository's default branch; ``fresh``: asked again (the event's may be stale)."""

    def find_pull_request(self, marker: str) -> PullRequest | None:
        """The open PR whose body contains ``marker``, if any."""

    def open_issues(self, label: str, limit: int) -> list[Issue]:
        """Open issues (not pull requests) carrying ``label``, oldest first, at most ``limit``, without comments."""

    def open_pull_requests(self) -> list[PullRequest]:
        """Every open pull request."""

    def open_pull_request(
        self, *, title: str, body: str, head: str, base: str, draft: bool
    ) -> PullRequest: ...

    def update_pull_request(self, number: int, *, title: str, body: str) -> PullRequest: ...

    def upsert_comment(self, issue_number: int, marker: str, body: str) -> int:
        """Create or edit the one issue comment containing ``marker``; returns its id."""

    def add_label(self, issue_number: int, label: str) -> None: ...

    def remove_label(self, issue_number: int, label: str) -> None:
        """Take ``label`` off the issue; nothing happens when it is not there."""


class Workspace(Protocol):
    """The checked-out repository (git)."""

    root: str

    def tracked_files(self) -> list[str]:
        """Repository-relative POSIX paths of tracked files."""

    def untracked_files(self) -> list[str]:
        """Repository-relative paths of files git does not track (ignored ones included)."""

    def read_bytes(self, rel: str) -> bytes | None:
        """A file's bytes; None when missing, a directory, or leading outside the workspace."""

    def head_branch(self) -> str:
        """The checked-out branch, or the commit when HEAD is detached ('' in an empty repository)."""

    def has_commits(self) -> bool: ...

    def is_dirty(self) -> bool: ...

    def prepare_branch(self, branch: str, base: str) -> str:
        """Check out ``branch`` fresh from the newest ``base``; returns the start point used."""

    def apply(self, files: dict[str, str | None]) -> None:
        """Write files (None deletes). Paths were validated before; raises WorkspaceError."""

    def commit(self, message: str) -> str | None:
        """Commit everything applied, as the Booty bot; returns the sha, None if nothing changed."""

    def push(self, branch: str) -> str:
        """Push HEAD to origin's ``branch`` with force-with-lease; returns origin's previous commit
        ("" if the branch is new). Raises PushRejected."""

    def rewind_remote_branch(self, branch: str, previous: str) -> None:
        """Put origin's ``branch`` back to ``previous`` (delete it when ""), if it still holds our push."""

    def diff(self, base: str) -> str: ...

    def restore(self, branch: str) -> None:
        """Drop Booty's uncommitted writes and return to ``branch``."""


class RunLog(Protocol):
    """The run's log: the runner's (GitHub Actions) or a terminal's. Every line passes ``scrubber``."""

    scrubber: Scrubber

    def scrub(self, text: str) -> str: ...

    def info(self, message: str) -> None: ...

    def warning(self, message: str) -> None: ...


class ReviewHost(CodeHost, Protocol):
    """The repository host, for follow-ups on a pull request (booty.review)."""

    def get_pull(self, number: int) -> PullInfo: ...

    def review_comments(self, number: int) -> list[ReviewComment]:
        """Every review comment, flagged when its author may write here."""

    def reviews(self, number: int) -> list[Review]: ...

    def reply(self, number: int, comment_id: int, body: str) -> int:
        """Reply in the thread ``comment_id`` starts; returns the reply's id."""

    def request_reviewers(self, number: int, logins: list[str]) -> None: ...

    def comment_on_pull(self, number: int, body: str) -> int: ...

    def thread_states(self, number: int) -> dict[int, tuple[bool, str]]:
        """First comment id -> (is resolved, thread node id), for every review thread."""

    def resolve_thread(self, node_id: str) -> None: ...


class RevisionWorkspace(Workspace, Protocol):
    """The checked-out repository, for a follow-up on Booty's pushed branch."""

    def check_out_pushed(self, branch: str) -> str:
        """Check out origin's ``branch`` as it is; returns its commit. Raises WorkspaceError."""

    def fetch_base(self, base: str) -> str:
        """The ref of the newest ``base`` to diff against."""

    def changed_files(self, base: str) -> list[tuple[str, str]]:
        """(status letter, path) of every file HEAD changes against ``base``."""

    def commits_since(self, base: str) -> list[BranchCommit]:
        """The commits HEAD has that ``base`` has not, newest first."""

    def push_fast_forward(self, branch: str, expected: str) -> None:
        """Push HEAD only as a fast-forward from ``expected``; raises BranchMoved or PushRejected."""
