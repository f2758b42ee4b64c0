"""The run's progress, in the log and in the living tracking comment.

The log shows each stage as it starts and, when it ends, its duration; the comment shows the same
durations (``publish.reporting.stage_line``). The comment is written when ``publish.pacing`` says a
reader gains something, and always at the end with the outcome."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from booty.errors import BootyError
from booty.models import Outcome
from booty.ports import CodeHost, RunLog
from booty.publish.pacing import CommentPacing
from booty.publish.reporting import Progress, stage_line, stage_start_line, tracking_comment
from booty.publish.texts import comment_marker
from booty.scrubbing import Scrubber


class Tracker:
    """Reports progress to the log and to one issue comment."""

    def __init__(
        self,
        *,
        runner: RunLog,
        host: CodeHost,
        issue_number: int,
        run_url: str,
        clock: Callable[[], float],
        pacing: CommentPacing | None = None,
        started: float | None = None,
        announced: str | None = None,
    ) -> None:
        """``started``: the clock's time the run began (default: now); ``announced``: a first stage
        whose line the run already wrote (``stage_start_line``), so it is not written twice."""
        self._runner = runner
        self._host = host
        self._issue = issue_number
        self._run_url = run_url
        self._clock = clock
        self._t0 = clock() if started is None else started
        self._announced = announced
        self._progress = Progress()
        self._pacing = pacing or CommentPacing()
        self.appendix = ""  # shown after the run's report: a pull request's review rounds

    @property
    def scrubber(self) -> Scrubber:
        """The run's one scrubber (the runner's): tokens and the values of never-read files."""
        return self._runner.scrubber

    def scrub(self, text: str) -> str:
        return self._runner.scrub(text)

    def warn(self, message: str) -> None:
        """A warning in the run's log (scrubbed there), not on the issue."""
        self._runner.warning(message)

    def elapsed(self) -> float:
        return self._clock() - self._t0

    def stage(self, name: str) -> None:
        now = self.elapsed()
        self._log_end(now)
        if name == self._announced:  # it began with the run, when its line was written
            self._announced = None
            self._progress.enter(name, 0.0)
        else:
            self._progress.enter(name, now)
            self._runner.info(stage_start_line(name))
        if self._pacing.due(name, now):
            self._post(None, now, ())

    def waiting(self) -> None:
        """The current stage will take a while (indexing a large repository): the comment is
        written now if the pacing allows a write at a wait, so a reader sees the run has started."""
        now = self.elapsed()
        if self._progress.started and self._pacing.due(self._progress.started[-1][0], now, waits=True):
            self._post(None, now, ())

    def finish(self, outcome: Outcome, notes: Sequence[str] = ()) -> None:
        """The final update, with what the maintainer should know. A failure here is logged, never
        raised: the outcome stands."""
        now = self.elapsed()
        self._log_end(now)
        self._runner.info(f"[booty] Total ({now:.1f}s)")
        self._post(outcome, now, notes)

    def _log_end(self, now: float) -> None:
        """The stage that ends at ``now``, with its duration."""
        if self._progress.started:
            stage, seconds = self._progress.durations(now)[-1]
            self._runner.info(f"[booty] {stage_line(stage, seconds)}")

    def _post(self, outcome: Outcome | None, now: float, notes: Sequence[str]) -> None:
        body = tracking_comment(
            issue_number=self._issue,
            run_url=self._run_url,
            progress=self._progress,
            now=now,
            outcome=outcome,
            notes=list(notes),
            appendix=self.appendix,
        )
        self._pacing.wrote(now)
        try:
            self._host.upsert_comment(self._issue, comment_marker(self._issue), self._runner.scrub(body))
        except BootyError as err:
            self._runner.warning(f"Could not update the tracking comment on #{self._issue}: {err}")
