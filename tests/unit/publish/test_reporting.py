"""What a run reports: the living tracking comment and the job summary."""

from __future__ import annotations

from booty.models import Outcome, Status, Usage
from booty.publish.reporting import Progress, job_summary, tracking_comment
from booty.publish.texts import comment_marker


def test_tracking_comment_shows_stages_outcome_and_marker():
    progress = Progress()
    progress.enter("read", 0.0)
    progress.enter("plan", 1.5)
    running = tracking_comment(
        issue_number=4, run_url="https://r", progress=progress, now=2.0, outcome=None, notes=[]
    )
    assert (
        "in progress" in running
        and "[x] Reading the issue (1.5s)" in running
        and comment_marker(4) in running
    )
    outcome = Outcome(
        status=Status.VALIDATION_FAILED, message="It broke.", usage=Usage(input_tokens=5, output_tokens=1)
    )
    final = tracking_comment(
        issue_number=4, run_url="", progress=progress, now=3.0, outcome=outcome, notes=["n"]
    )
    assert "validation_failed" in final and "It broke." in final and "in progress" not in final


def test_job_summary_lists_status_and_tokens():
    text = job_summary(
        Outcome(status=Status.PR_OPENED, message="ok", usage=Usage(input_tokens=1234)), manifest="| m |"
    )
    assert "| status | pr_opened |" in text and "1,234" in text and "| m |" in text


def test_job_summary_says_what_changed_and_how_the_tests_went_and_folds_the_manifest():
    from booty.models import ChangeSet, FileChange, TestResult

    changes = ChangeSet(
        changes=(
            FileChange(path="a.py", before="x = 1\ny = 2\n", after="x = 1\ny = 3\nz = 4\n"),
            FileChange(path="new.py", before=None, after="n = 1\n"),
            FileChange(path="old.py", before="o = 1\n", after=None),
        )
    )
    test = TestResult(status="failed", command="pytest -q", tail="E assert 1 == 2", exit_code=1)
    text = job_summary(
        Outcome(status=Status.PR_OPENED, message="ok"), manifest="| m |\n", changes=changes, test=test
    )
    lines = text.splitlines()
    assert [ln for ln in lines if ln.startswith("- `")] == [
        "- `a.py` (modified, +2 -1)",
        "- `new.py` (created, +1 -0)",
        "- `old.py` (deleted, +0 -1)",
    ]
    assert (
        "`pytest -q` **failed** (exit code 1)" in lines and "E assert 1 == 2" not in text
    )  # the tail is in the PR
    assert text.index("### What changed") < text.index("### Tests") < text.index("<details><summary>Context")
    assert lines[-3:] == ["| m |", "", "</details>"]


def test_job_summary_lists_at_most_thirty_problems():
    from booty.models import Problem

    problems = tuple(Problem(path=f"f{i}.py", message="bad") for i in range(45))
    text = job_summary(Outcome(status=Status.VALIDATION_FAILED, message="no", problems=problems))
    assert text.count("f1") == 11 and "- … and 15 more problems" in text  # f1, f10..f19 shown; f30..f44 not


def test_job_summary_carries_the_notes_after_the_outcome():
    text = job_summary(
        Outcome(status=Status.PR_OPENED, message="ok"), notes=["Token counting failed; estimated."]
    )
    assert text.index("ok") < text.index("> Token counting failed; estimated.") < text.index("| status |")
