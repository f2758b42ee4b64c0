"""GitHub's REST API failing, injected by the fake GitHub, through the whole action."""

from __future__ import annotations

from tests.support.faults import PERSISTENT, case_named, prepare, run_under
from tests.support.promises import broken_promises


def calls(s, method: str, suffix: str) -> int:
    return sum(1 for r in s.github.requests if r.method == method and r.path.endswith(suffix))


def test_a_read_is_retried_three_times_then_the_run_stops_with_the_cause(scenario):
    s = scenario
    case = case_named("github_502_read")
    prepare(s, case)
    run = run_under(s, case, PERSISTENT)
    assert calls(s, "GET", f"/issues/{s.issue_number}") == 4  # the first try and 3 retries, no more
    assert run.out["status"] == "error" and s.model.requests == []


def test_a_create_is_never_repeated_after_a_5xx_and_no_second_pr_appears(scenario):
    s = scenario
    case = case_named("github_504_after_creating_pull")
    prepare(s, case)
    run = run_under(s, case, 1)
    assert (
        calls(s, "POST", "/pulls") == 1
    )  # GitHub made it; asking again would have been refused (or doubled)
    [pr] = s.github.pulls.values()
    assert run.out["pr_number"] == str(pr["number"]) and pr["head"] == f"agent/issue-{s.issue_number}"
    assert broken_promises(s, run.before, run.code, run.out) == []


def test_a_secondary_rate_limit_on_opening_the_pr_is_waited_out_a_bounded_number_of_times(scenario):
    s = scenario
    case = case_named("github_403_secondary_rate_limit")
    prepare(s, case)
    run = run_under(s, case, PERSISTENT)
    assert calls(s, "POST", "/pulls") == 4
    assert run.out["status"] == "error" and s.github.pulls == {}
    assert s.branch_on_origin(f"agent/issue-{s.issue_number}") == ""


def test_a_failed_update_puts_the_branch_back_under_the_pr(scenario):
    s = scenario
    case = case_named("github_500_update_pull")
    prepare(s, case)  # a first run opened the PR; the re-run's commit says "b must not be zero"
    branch = f"agent/issue-{s.issue_number}"
    first = s.branch_on_origin(branch)
    run = run_under(s, case, PERSISTENT)
    assert run.out["status"] == "error"
    assert s.branch_on_origin(branch) == first and "cannot divide by zero" in s.show_on_origin(
        branch, "calc/ops.py"
    )
