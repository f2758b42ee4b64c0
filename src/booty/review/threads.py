"""Review comments into threads, and which threads a round answers. Pure.

GitHub's REST API has no thread object: a thread is a first comment and the comments that reply
to it (``in_reply_to_id``), and replies go to the first comment. Whether a thread is resolved is
known only through GraphQL; when it is not known, a thread counts as open.
"""

from __future__ import annotations

from booty.review.models import FollowUpRequest, Review, ReviewComment, Thread

MAX_REVIEW_BYTES = 256 * 1024  # as for an issue body (core.issue.MAX_BODY_BYTES)


def threads_of(comments: list[ReviewComment]) -> list[Thread]:
    """The threads ``comments`` form, in the order they were started; each thread oldest first."""
    by_id = {c.id: c for c in comments}
    roots: dict[int, list[ReviewComment]] = {}
    for comment in sorted(comments, key=lambda c: (c.created_at, c.id)):
        root = comment.id if comment.in_reply_to is None else comment.in_reply_to
        while root in by_id and (parent := by_id[root].in_reply_to) is not None and parent != root:
            root = parent  # a reply to a reply (older API clients) belongs to the same thread
        roots.setdefault(root, []).append(comment)
    return [
        Thread(id=root, path=members[0].path, comments=tuple(members))
        for root, members in roots.items()
        if root in by_id  # a reply whose first comment was deleted has no thread to answer in
    ]


def with_resolution(threads: list[Thread], resolved: dict[int, tuple[bool, str]]) -> list[Thread]:
    """``threads`` with what GraphQL said: first comment id -> (is resolved, thread node id)."""
    return [
        t.model_copy(update={"resolved": resolved[t.id][0], "node_id": resolved[t.id][1]})
        if t.id in resolved
        else t
        for t in threads
    ]


def to_answer(threads: list[Thread], request: FollowUpRequest, booty: set[str]) -> list[Thread]:
    """The threads this round answers: open ones that hold a comment of the submitted review, or
    whose last comment is a writer's that Booty has not answered yet (``booty``: Booty's logins).
    Only writers' comments count; a thread with none is left alone."""
    chosen = []
    for thread in threads:
        if thread.resolved:
            continue
        asked = [
            c for c in thread.comments if c.author_is_writer and c.author not in booty and not c.author_is_bot
        ]
        if not asked:
            continue
        in_review = request.review_id is not None and any(c.review_id == request.review_id for c in asked)
        last = thread.comments[-1]
        waiting = last.author not in booty and last.author_is_writer and not last.author_is_bot
        if in_review or waiting:
            chosen.append(thread)
    return chosen


def writers_only(thread: Thread, booty: set[str]) -> Thread:
    """The thread as the model may see it: writers' comments and Booty's own earlier replies."""
    kept = tuple(
        c for c in thread.comments if (c.author_is_writer and not c.author_is_bot) or c.author in booty
    )
    return thread.model_copy(update={"comments": kept})


def reviewers_to_ask(reviews: list[Review], booty: set[str]) -> list[str]:
    """People whose latest say on the pull request still requests changes (a later comment does not
    withdraw it; an approval or a dismissal does), in the order they asked."""
    asking: dict[str, None] = {}
    for review in reviews:
        if review.author in booty or review.author.endswith("[bot]"):
            continue
        if review.state == "CHANGES_REQUESTED":
            asking.pop(review.author, None)
            asking[review.author] = None
        elif review.state in ("APPROVED", "DISMISSED"):
            asking.pop(review.author, None)
    return list(asking)


def oversized(request: FollowUpRequest, threads: list[Thread], limit: int = MAX_REVIEW_BYTES) -> str | None:
    """Why the review is too large to work on, or None: more than ``limit`` bytes of request and
    writers' comments is pasted data, not a review (GitHub allows 65,536 characters per comment)."""
    size = len(request.instruction.encode("utf-8", "surrogatepass")) + sum(
        len(c.body.encode("utf-8", "surrogatepass"))
        for t in threads
        for c in t.comments
        if c.author_is_writer
    )
    if size <= limit:
        return None
    return (
        f"The review and its threads come to {size:,} bytes; Booty reads at most {limit:,} bytes (256 KiB) of a "
        "review. Nothing was sent to the model. Put long logs or data in a gist and link it, then ask again."
    )
