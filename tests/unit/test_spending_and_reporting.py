import pytest

from booty.claude.profiles import PROFILES, Prices
from booty.errors import BudgetExceeded
from booty.models import Outcome, Status, Usage
from booty.publish.codeowners import owners_for, owners_note
from booty.publish.reporting import Progress, job_summary, tracking_comment
from booty.publish.texts import comment_marker
from booty.spend.cap import Spend
from booty.spend.cost import call_cost, prices_from

SONNET_5_5 = PROFILES["claude-sonnet-5-5"].prices


def test_a_call_is_priced_from_the_profile_cache_writes_and_reads_included():
    usage = Usage(input_tokens=1_000_000, output_tokens=100_000, cache_write_tokens=1_000_000, cache_read_tokens=1_000_000)
    assert call_cost(SONNET_5_5, usage) == pytest.approx(2.00 + 1.00 + 2.50 + 0.10)
    assert call_cost(prices_from([1, 1]), Usage()) == 0


def test_two_price_override_derives_cache_rates_and_other_lengths_are_refused():
    assert prices_from([4, 20]) == Prices(4, 20, 5.0, 0.4)
    with pytest.raises(ValueError, match="cache_write"):
        prices_from([1, 2, 3])


def test_haiku_5_5_costs_five_times_more_above_100k_prompt_tokens():
    haiku = PROFILES["claude-haiku-5-5"].prices
    short, long = Usage(input_tokens=100_000), Usage(input_tokens=100_001)
    assert call_cost(haiku, short) == pytest.approx(0.01)
    assert call_cost(haiku, long) == pytest.approx(5 * 100_001 * 0.10 / 1e6)


def test_spend_sums_calls_and_refuses_a_call_that_could_cross_the_cap():
    spend = Spend(prices=SONNET_5_5, max_cost_usd=0.065)
    reserved = spend.reserve("planning", 10_000, 2_000)  # 10k at the cache-write rate $0.025 + $0.02
    assert reserved == pytest.approx(0.045)
    spend.release(reserved)
    spend.record("plan", Usage(input_tokens=10_000, output_tokens=500))
    assert spend.cost_usd == pytest.approx(0.025) and spend.reserved_usd == 0
    with pytest.raises(BudgetExceeded, match="max_cost_usd"):
        spend.reserve("writing a.py", 10_000, 2_000)


def test_concurrent_reservations_count_against_the_cap():
    spend = Spend(prices=SONNET_5_5, max_cost_usd=0.06)
    spend.reserve("a", 0, 4_000)  # 0.04 reserved
    with pytest.raises(BudgetExceeded, match="reserved by calls under way"):
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


def test_codeowners_last_match_wins_and_e_mails_are_skipped():
    text = "* @alice\n/src/ @bob @org/team\n*.md docs@x.example"
    assert owners_for(text, ["src/a.py"]) == ["@bob", "@org/team"]
    assert owners_for(text, ["README.md", "x.py"]) == ["@alice"]
    assert owners_for(text, ["src/a.py", "x.py", "src/b.py"]) == ["@bob", "@org/team", "@alice"]
    assert owners_note(text, ["README.md"]) == [] and owners_note(None, ["x.py"]) == []


def test_job_summary_says_what_changed_and_how_the_tests_went_and_folds_the_manifest():
    from booty.models import ChangeSet, FileChange, TestResult

    changes = ChangeSet(changes=(FileChange(path="a.py", before="x = 1\ny = 2\n", after="x = 1\ny = 3\nz = 4\n"),
                                 FileChange(path="new.py", before=None, after="n = 1\n"),
                                 FileChange(path="old.py", before="o = 1\n", after=None)))
    test = TestResult(status="failed", command="pytest -q", tail="E assert 1 == 2", exit_code=1)
    text = job_summary(Outcome(status=Status.PR_OPENED, message="ok"), manifest="| m |\n", changes=changes, test=test)
    lines = text.splitlines()
    assert [
        ln for ln in lines if ln.startswith("- `")] == ["- `a.py` (modified, +2 -1)", "- `new.py` (created, +1 -0)", "- `old.py` (deleted, +0 -1)"]
    assert "`pytest -q` **failed** (exit code 1)" in lines and "E assert 1 == 2" not in text  # the tail is in the PR
    assert text.index("### What changed") < text.index("### Tests") < text.index("<details><summary>Context")
    assert lines[-3:] == ["| m |", "", "</details>"]


def test_job_summary_lists_at_most_thirty_problems():
    from booty.models import Problem

    problems = tuple(Problem(path=f"f{i}.py", message="bad") for i in range(45))
    text = job_summary(Outcome(status=Status.VALIDATION_FAILED, message="no", problems=problems))
    assert text.count("f1") == 11 and "- … and 15 more problems" in text  # f1, f10..f19 shown; f30..f44 not


def test_job_summary_carries_the_notes_after_the_outcome():
    text = job_summary(Outcome(status=Status.PR_OPENED, message="ok"), notes=["Token counting failed; estimated."])
    assert text.index("ok") < text.index("> Token counting failed; estimated.") < text.index("| status |")
