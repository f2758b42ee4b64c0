import pytest

from booty.core.codeowners import owners_for
from booty.core.cost import cost_usd
from booty.core.models import Outcome, Status, Usage
from booty.core.publishing import comment_marker
from booty.core.reporting import Progress, job_summary, tracking_comment
from booty.core.spending import Spend
from booty.errors import BudgetExceeded


def test_cost_uses_the_price_table():
    assert cost_usd("claude-sonnet-5", Usage(input_tokens=1_000_000, output_tokens=100_000)) == pytest.approx(4.5)
    assert cost_usd("claude-sonnet-5", Usage(), {"claude-sonnet-5": (1, 1)}) == 0


def test_spend_refuses_a_call_that_could_cross_the_cap():
    spend = Spend(model="claude-sonnet-5", max_cost_usd=0.09)
    reserved = spend.reserve("planning", 10_000, 2_000)  # 0.03 + 0.03
    spend.record("plan", Usage(input_tokens=10_000, output_tokens=500), reserved)
    assert spend.cost_usd == pytest.approx(0.0375)
    with pytest.raises(BudgetExceeded, match="max_cost_usd"):
        spend.reserve("writing a.py", 10_000, 2_000)


def test_concurrent_reservations_count_against_the_cap():
    spend = Spend(model="claude-sonnet-5", max_cost_usd=0.10)
    spend.reserve("a", 0, 4_000)  # 0.06 reserved
    with pytest.raises(BudgetExceeded):
        spend.reserve("b", 0, 4_000)


def test_tracking_comment_shows_stages_outcome_and_marker():
    progress = Progress()
    progress.enter("read", 0.0)
    progress.enter("plan", 1.5)
    running = tracking_comment(issue_number=4, run_url="https://r", progress=progress, now=2.0, outcome=None, notes=[])
    assert "in progress" in running and "[x] Reading the issue (1.5s)" in running and comment_marker(4) in running
    outcome = Outcome(status=Status.VALIDATION_FAILED, message="It broke.", usage=Usage(input_tokens=5, output_tokens=1))
    final = tracking_comment(issue_number=4, run_url="", progress=progress, now=3.0, outcome=outcome, notes=["n"])
    assert "validation_failed" in final and "It broke." in final and "in progress" not in final


def test_job_summary_lists_status_and_tokens():
    text = job_summary(Outcome(status=Status.PR_OPENED, message="ok", usage=Usage(input_tokens=1234)), manifest="| m |")
    assert "| status | pr_opened |" in text and "1,234" in text and "| m |" in text


def test_exit_codes_follow_status():
    assert Status.PR_OPENED.exit_code == 0 and Status.SKIPPED.exit_code == 0 and Status.NEEDS_INFO.exit_code == 0
    assert Status.ERROR.exit_code == 1 and Status.VALIDATION_FAILED.exit_code == 1 and Status.BUDGET_EXCEEDED.exit_code == 1


def test_codeowners_last_match_wins_and_teams_are_skipped():
    text = "* @alice\n/src/ @bob @org/team\n*.md docs@x.example"
    assert owners_for(text, ["src/a.py"]) == ["bob"]
    assert owners_for(text, ["README.md", "x.py"]) == ["alice"]
