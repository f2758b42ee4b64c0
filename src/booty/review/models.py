"""Domain types of a follow-up on Booty's own pull request: the request, the pull request as read
back, its reviews and review comments, and the threads they form. Frozen pydantic models."""

from __future__ import annotations

from typing import Literal

from booty.models import Frozen

ReviewEvent = Literal["pull_request_review", "pull_request_review_comment", "issue_comment"]


class FollowUpRequest(Frozen):
    """One request to revise a pull request: a submitted review, or a ``/booty`` comment on it.

    ``key`` names the request across re-deliveries (``review-<id>`` or ``comment-<id>``): one
    submitted review is one run, whatever other events the same review fired."""

    pr_number: int
    actor: str
    actor_is_bot: bool = False
    event_name: ReviewEvent
    review_id: int | None = None  # the submitted review (pull_request_review, or the inline comment's)
    comment_id: int | None = None  # the `/booty` comment (issue_comment on a pull request)
    review_comment_id: int | None = None  # the inline `/booty` comment (pull_request_review_comment)
    review_state: str = ""  # changes_requested | commented | inline ('' for a comment)
    instruction: str = ""  # the review body, or the comment's text after `/booty`

    @property
    def key(self) -> str:
        return f"review-{self.review_id}" if self.review_id is not None else f"comment-{self.comment_id}"


class PullInfo(Frozen):
    """The pull request as GitHub reports it now (the event's copy may be stale)."""

    number: int
    title: str
    body: str
    state: str  # open | closed
    merged: bool
    author: str  # who opened it: the token's account when Booty did
    head: str  # branch name
    head_sha: str
    head_repo: str  # owner/name of the head branch's repository ('' when it was deleted)
    base: str
    url: str


class ReviewComment(Frozen):
    """One review comment; ``in_reply_to`` is the thread's first comment for a reply."""

    id: int
    review_id: int | None
    in_reply_to: int | None
    author: str
    author_is_writer: bool = False
    author_is_bot: bool = False
    body: str
    path: str
    line: int | None = None  # None: outdated (the line is gone from the current diff) or a file comment
    start_line: int | None = None
    original_line: int | None = None
    original_start_line: int | None = None
    side: str = "RIGHT"
    subject_type: str = "line"  # line | file
    diff_hunk: str = ""
    created_at: str = ""


class Review(Frozen):
    id: int
    author: str
    state: str  # APPROVED | CHANGES_REQUESTED | COMMENTED | DISMISSED | PENDING
    body: str = ""
    author_is_writer: bool = False


class Thread(Frozen):
    """A review thread: its first comment and the replies, oldest first. Its id is the first
    comment's id, the one GitHub's reply endpoint takes."""

    id: int
    path: str
    comments: tuple[ReviewComment, ...]
    resolved: bool | None = None  # None: not known (GitHub tells it only through GraphQL)
    node_id: str = ""  # the GraphQL id of the thread, when known

    @property
    def root(self) -> ReviewComment:
        return self.comments[0]

    @property
    def outdated(self) -> bool:
        return self.root.subject_type == "line" and self.root.line is None

    @property
    def lines(self) -> tuple[int | None, int | None]:
        """(first, last) line the thread is on, in the current diff or, when outdated, the original one."""
        root = self.root
        last = root.line if root.line is not None else root.original_line
        first = root.start_line if root.line is not None else root.original_start_line
        return (first or last, last)


class BranchCommit(Frozen):
    """One commit of the pull request's branch (not on its base), as git reports it."""

    sha: str
    author_email: str
    committer_email: str
    message: str
