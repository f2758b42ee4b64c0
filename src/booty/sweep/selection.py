"""Which open issues a backlog sweep runs, in what order, and why the others are left out. Pure.

The order is the tracker's (oldest first). An issue is skipped when an open Booty pull request
already answers it, when an earlier run asked for information (``booty:needs-info``), when it is
locked, beyond ``max_issues``, or when its estimate no longer fits the sweep's budget: from the
first issue that does not fit, adding stops (the sweep never reorders to squeeze cheaper ones in).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from booty.intake.triage import NEEDS_INFO_LABEL
from booty.models import Issue
from booty.ports import PullRequest
from booty.publish.texts import pr_marker


@dataclass(frozen=True)
class Selected:
    number: int
    title: str
    estimated_cost_usd: float


@dataclass(frozen=True)
class Skipped:
    number: int
    why: str


@dataclass(frozen=True)
class SweepPlan:
    issues: tuple[Selected, ...]
    skipped: tuple[Skipped, ...]

    @property
    def total_estimated_cost_usd(self) -> float:
        return sum(s.estimated_cost_usd for s in self.issues)

    def as_json(self) -> dict[str, Any]:
        """The shape ``booty sweep-plan --json`` prints and the sweep workflow reads."""
        return {
            "issues": [
                {"number": s.number, "title": s.title, "estimated_cost_usd": round(s.estimated_cost_usd, 6)}
                for s in self.issues
            ],
            "total_estimated_cost_usd": round(self.total_estimated_cost_usd, 6),
            "skipped": [{"number": s.number, "why": s.why} for s in self.skipped],
        }


def select(
    issues: Sequence[Issue],
    open_pulls: Sequence[PullRequest],
    *,
    max_issues: int,
    max_total_cost_usd: float,
    estimate: Callable[[Issue], float],
) -> SweepPlan:
    """The sweep's selection; ``estimate`` prices one issue (called only for issues still in the running)."""
    answered = {number: pull.number for number in {i.number for i in issues} for pull in open_pulls
                if pr_marker(number) in pull.body}  # fmt: skip
    chosen: list[Selected] = []
    skipped: list[Skipped] = []
    budget_left, full = max_total_cost_usd, False
    for issue in issues:
        reason = _not_runnable(issue, answered)
        if reason is None and len(chosen) >= max_issues:
            reason = f"beyond max_issues ({max_issues})"
        if reason is None and full:
            reason = "the sweep's budget is spent (max_total_cost_usd)"
        if reason is None:
            cost = estimate(issue)
            if cost > budget_left:
                full = True
                reason = (f"its estimate ${cost:.4f} does not fit what is left of the sweep's budget "
                          f"(${budget_left:.4f} of max_total_cost_usd ${max_total_cost_usd:.2f})")  # fmt: skip
            else:
                budget_left -= cost
                chosen.append(Selected(issue.number, issue.title, cost))
                continue
        skipped.append(Skipped(issue.number, reason))
    return SweepPlan(issues=tuple(chosen), skipped=tuple(skipped))


def _not_runnable(issue: Issue, answered: dict[int, int]) -> str | None:
    if issue.is_pull_request:
        return "a pull request, not an issue"
    if issue.number in answered:
        return f"Booty's pull request #{answered[issue.number]} is open for it"
    if NEEDS_INFO_LABEL in issue.labels:
        return f"labelled `{NEEDS_INFO_LABEL}`: Booty asked for information and waits for an edit"
    if issue.locked:
        return "locked"
    return None
