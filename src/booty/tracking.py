"""The living tracking comment: posted at start, updated at each stage, finalized with the outcome."""

from __future__ import annotations

from typing import Callable

from booty.adapters.actions import RunnerIO
from booty.core.models import Outcome
from booty.core.ports import CodeHost
from booty.core.publishing import comment_marker
from booty.core.reporting import STAGES, Progress, tracking_comment
from booty.core.scrubbing import Scrubber
from booty.errors import BootyError


class Tracker:
    """Reports progress to the log and, when there is a code host, to one issue comment."""

    def __init__(
        self,
        *,
        runner: RunnerIO,
        host: CodeHost | None,
        issue_number: int,
        run_url: str,
        clock: Callable[[], float],
    ) -> None:
        self._runner = runner
        self._host = host
        self._issue = issue_number
        self._run_url = run_url
        self._clock = clock
        self._t0 = clock()
        self._progress = Progress()
        self.notes: list[str] = []
        self.comment_id: int | None = None

    @property
    def scrubber(self) -> Scrubber:
        """The run's one scrubber (the runner's): tokens and the values of never-read files."""
        return self._runner.scrubber

    def scrub(self, text: str) -> str:
        return self._runner.scrub(text)

    def elapsed(self) -> float:
        return self._clock() - self._t0

    def stage(self, name: str) -> None:
        self._progress.enter(name, self.elapsed())
        self._runner.info(f"[booty] {STAGES[name]} ({self.elapsed():.1f}s)")
        self._post(None)

    def finish(self, outcome: Outcome) -> None:
        """The final update. A failure here is logged, never raised: the outcome stands."""
        self._post(outcome)

    def _post(self, outcome: Outcome | None) -> None:
        if self._host is None:
            return
        body = tracking_comment(
            issue_number=self._issue,
            run_url=self._run_url,
            progress=self._progress,
            now=self.elapsed(),
            outcome=outcome,
            notes=self.notes,
        )
        try:
            self.comment_id = self._host.upsert_comment(self._issue, comment_marker(self._issue), self._runner.scrub(body))
        except BootyError as err:
            self._runner.warning(f"Could not update the tracking comment on #{self._issue}: {err}")
