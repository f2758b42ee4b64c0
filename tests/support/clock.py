"""A clock for the stage timings that moves only when a test says so."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class FakeClock:
    """Seconds that pass only when a test says so (``advance``), e.g. while the model "thinks"."""

    now: float = 1_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
