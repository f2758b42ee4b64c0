"""select(): the sweep's issues in the tracker's order, each left-out issue with its reason."""

from __future__ import annotations

from booty.models import Issue
from booty.ports import PullRequest
from booty.publish.texts import pr_marker
from booty.sweep.selection import select


def issue(number: int, *labels: str, **fields) -> Issue:
    return Issue(number=number, title=f"Issue {number}", labels=("agent", *labels), **fields)


def pull(number: int, body: str) -> PullRequest:
    return PullRequest(number=number, url="", head="agent/x", base="main", body=body)


def flat(cost: float):
    calls: list[int] = []

    def estimate(i: Issue) -> float:
        calls.append(i.number)
        return cost

    estimate.calls = calls  # type: ignore[attr-defined]
    return estimate


def test_open_booty_prs_needs_info_locked_and_pull_requests_are_left_out_with_their_reason():
    issues = [
        issue(1),
        issue(2),
        issue(3, "booty:needs-info"),
        issue(4, locked=True),
        issue(5, is_pull_request=True),
    ]
    pulls = [pull(9, f"Fixes it\n{pr_marker(2)}"), pull(10, "a human PR mentioning #1")]
    estimate = flat(0.1)
    plan = select(issues, pulls, max_issues=10, max_total_cost_usd=5.0, estimate=estimate)
    assert [s.number for s in plan.issues] == [1]
    why = {s.number: s.why for s in plan.skipped}
    assert "#9" in why[2] and "needs-info" in why[3] and why[4] == "locked" and "pull request" in why[5]
    assert estimate.calls == [1]  # left-out issues are never priced


def test_max_issues_keeps_the_oldest_and_names_the_limit_for_the_rest():
    plan = select([issue(n) for n in (3, 5, 8)], [], max_issues=2, max_total_cost_usd=5.0, estimate=flat(0.1))
    assert [s.number for s in plan.issues] == [3, 5]
    assert [(s.number, s.why) for s in plan.skipped] == [(8, "beyond max_issues (2)")]


def test_the_budget_stops_adding_at_the_first_issue_that_does_not_fit():
    costs = {1: 0.40, 2: 0.50, 3: 0.05}
    plan = select([issue(n) for n in costs], [], max_issues=10, max_total_cost_usd=0.8,
                  estimate=lambda i: costs[i.number])  # fmt: skip
    assert [s.number for s in plan.issues] == [1]
    assert abs(plan.total_estimated_cost_usd - 0.40) < 1e-9
    why = {s.number: s.why for s in plan.skipped}
    assert "$0.5000" in why[2] and "$0.4000" in why[2]  # its estimate and what was left
    assert "budget is spent" in why[3]  # cheaper, but the sweep does not reorder


def test_a_budget_smaller_than_one_estimate_selects_nothing_and_says_why():
    plan = select([issue(1)], [], max_issues=10, max_total_cost_usd=0.01, estimate=flat(0.2))
    assert plan.issues == () and "does not fit" in plan.skipped[0].why


def test_the_json_shape_is_the_documented_one():
    plan = select([issue(1), issue(2, "booty:needs-info")], [], max_issues=5, max_total_cost_usd=1.0,
                  estimate=flat(0.1234567))  # fmt: skip
    assert plan.as_json() == {
        "issues": [{"number": 1, "title": "Issue 1", "estimated_cost_usd": 0.123457}],
        "total_estimated_cost_usd": 0.123457,
        "skipped": [{"number": 2, "why": plan.skipped[0].why}],
    }


def test_no_issues_is_an_empty_plan():
    plan = select([], [], max_issues=5, max_total_cost_usd=1.0, estimate=flat(0.1))
    assert plan.as_json() == {"issues": [], "total_estimated_cost_usd": 0, "skipped": []}
