"""When the tracking comment is written, so that each write tells a reader something.

Stage changes are coalesced: the comment is first posted when the run starts to wait (on the
model, on the tests, or on indexing a large repository: the caller says so, see ``due``'s
``waits``) or once the run is ``INTERVAL_S`` old, whichever comes first; it is then
edited only when the run starts to wait again, at least ``INTERVAL_S`` after the previous write
and at most ``MAX_EDITS`` times; the final write, with the outcome, is always made. A quick stage
(reading, packing context, validating, pushing) is shown by the next write, with its duration.
So a run writes the comment at most ``MAX_EDITS + 2`` times, and GitHub's pacing of writes is
spent on writes someone may read.
"""

from __future__ import annotations

from dataclasses import dataclass

INTERVAL_S = 5.0
MAX_EDITS = 2  # with the post, the final write and one label change: 5 writes besides the PR
WAITING_STAGES = frozenset({"plan", "write", "test"})  # a model call or the test command follows


@dataclass
class CommentPacing:
    """Decides, at each stage change, whether the comment is written now. Times are seconds
    since the run began, from the caller's clock."""

    interval_s: float = INTERVAL_S
    max_edits: int = MAX_EDITS
    last: float | None = None  # when the comment was last written (None: not posted yet)
    edits: int = 0

    def due(self, stage: str, now: float, *, waits: bool | None = None) -> bool:
        """Whether to write at ``stage``'s start; ``waits`` overrides whether the stage waits
        (default: it is one of ``WAITING_STAGES``)."""
        waits = stage in WAITING_STAGES if waits is None else waits
        if self.last is None:
            return waits or now >= self.interval_s
        return waits and self.edits < self.max_edits and now - self.last >= self.interval_s

    def wrote(self, now: float) -> None:
        if self.last is not None:
            self.edits += 1
        self.last = now
