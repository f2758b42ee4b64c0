"""The optional test_command through the whole action: failures are repaired, results reach the PR body."""

from __future__ import annotations

import subprocess

from tests.support.scripted import FIXED_OPS, Scripted, plan, request_text, whole_file

# Passes only once divide() guards against zero; says why when it fails.
CHECK = "grep -q 'cannot divide by zero' calc/ops.py || { echo 'divide(1, 0) is not guarded'; exit 1; }"
UNGUARDED = FIXED_OPS.replace(
    '    if b == 0:\n        raise ValueError("cannot divide by zero")\n', "    # b may be zero\n"
)


def test_a_failing_test_goes_back_to_the_model_and_the_passing_result_is_in_the_pr(scenario, capsys):
    s = scenario.labeled()
    s.inputs["test_command"] = CHECK
    s.model.responder = scripted = Scripted(
        plan(), {"calc/ops.py": [whole_file("calc/ops.py", UNGUARDED), whole_file("calc/ops.py", FIXED_OPS)]}
    )
    code, out = s.run(capsys)

    assert (code, out["status"]) == (0, "pr_opened"), s.summary
    assert scripted.asked == ["calc/ops.py", "calc/ops.py"]
    repair = request_text(s.model.requests[-1])
    assert "failed after this change" in repair and "divide(1, 0) is not guarded" in repair
    [pr] = s.github.pulls.values()
    assert f"`{CHECK}` **passed** (exit code 0)" in pr["body"]
    assert s.show_on_origin(pr["head"], "calc/ops.py") == FIXED_OPS


def test_tests_that_never_pass_leave_nothing_written_or_pushed(scenario, capsys):
    s = scenario.labeled()
    s.inputs.update(test_command=CHECK, max_retries="1")
    s.model.responder = scripted = Scripted(plan(), {"calc/ops.py": [whole_file("calc/ops.py", UNGUARDED)]})
    code, out = s.run(capsys)

    assert (code, out["status"]) == (1, "validation_failed")
    assert scripted.asked == ["calc/ops.py"] * 2
    assert s.branch_on_origin(f"agent/issue-{s.issue_number}") == "" and s.github.pulls == {}
    assert "divide(1, 0) is not guarded" in s.github.comments_on(s.issue_number)[0]["body"]
    status = subprocess.run(["git", "status", "--porcelain"], cwd=s.work, capture_output=True, text=True)
    assert status.stdout == "" and "cannot divide" not in (s.work / "calc/ops.py").read_text()


def test_without_a_test_command_the_pr_says_tests_were_not_run(scenario, capsys):
    s = scenario.labeled()
    s.model.responder = Scripted(plan(), {"calc/ops.py": [whole_file("calc/ops.py", FIXED_OPS)]})
    assert s.run(capsys)[1]["status"] == "pr_opened"
    [pr] = s.github.pulls.values()
    assert "Not run (no `test_command` configured)." in pr["body"]
