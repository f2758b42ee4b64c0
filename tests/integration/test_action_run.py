"""booty.main end to end against the fakes: one labelled issue -> one branch, one PR, one comment."""

from __future__ import annotations

import json
import subprocess

from tests.fakes.anthropic_server import is_plan_call
from tests.support.scenario import API_KEY, GITHUB_TOKEN
from tests.support.scripted import FIXED_OPS, Scripted, plan, request_text, whole_file

BROKEN_OPS = "def add(a, b):\n    return a +\n"


def everything_written(s) -> str:
    """Every byte Booty sent anywhere or left behind, for secret checks."""
    github = json.dumps([r.json for r in s.github.requests], default=str)
    model = json.dumps(s.model.requests) + json.dumps(s.model.count_requests)
    logs = "\n".join(
        ln for ln in s.stdout.splitlines() if not ln.startswith("::add-mask::")
    )  # the runner's mask command
    return "\n".join([github, model, s.summary, logs])


def test_labelled_issue_becomes_one_pull_request(scenario, capsys):
    s = scenario.labeled()
    s.model.responder = Scripted(plan(), {"calc/ops.py": [whole_file("calc/ops.py", FIXED_OPS)]})
    code, out = s.run(capsys)

    assert (code, out["status"]) == (0, "pr_opened"), s.summary
    [pr] = s.github.pulls.values()
    assert pr["head"] == f"agent/issue-{s.issue_number}" and pr["base"] == "main"
    assert f"<!-- booty:pr issue={s.issue_number} -->" in pr["body"]
    assert out["pr_number"] == str(pr["number"]) and out["branch"] == pr["head"]
    assert s.show_on_origin(pr["head"], "calc/ops.py") == FIXED_OPS
    assert int(out["input_tokens"]) > 0 and int(out["output_tokens"]) > 0 and float(out["cost_usd"]) > 0
    [comment] = s.github.comments_on(s.issue_number)
    assert "pr_opened" in comment["body"] and out["pr_url"] in comment["body"]
    assert "GITHUB_TOKEN" in comment["body"]  # default token: CI will not run on the PR, and how to fix it
    assert s.github.violations == []
    leaked = everything_written(s)
    assert GITHUB_TOKEN not in leaked and API_KEY not in leaked
    assert "do-not-leak-this" not in request_text(
        {"messages": [m for r in s.model.requests for m in r["messages"]]}
    )


def test_rerun_updates_the_same_branch_pr_and_comment(scenario, capsys):
    s = scenario.labeled()
    s.model.responder = Scripted(plan(), {"calc/ops.py": [whole_file("calc/ops.py", FIXED_OPS)]})
    assert s.run(capsys)[1]["status"] == "pr_opened"
    second = FIXED_OPS.replace("cannot divide by zero", "division by zero is undefined")
    s.model.responder = Scripted(plan(), {"calc/ops.py": [whole_file("calc/ops.py", second)]})
    code, out = s.run(capsys)

    assert (code, out["status"]) == (0, "pr_updated")
    assert len(s.github.pulls) == 1 and len(s.github.comments_on(s.issue_number)) == 1
    assert s.show_on_origin(f"agent/issue-{s.issue_number}", "calc/ops.py") == second


def test_other_label_is_skipped_without_any_call(scenario, capsys):
    s = scenario.labeled(label="bug")
    code, out = s.run(capsys)
    assert (code, out["status"]) == (0, "skipped")
    assert s.model.requests == [] and s.github.requests == []


def test_reader_cannot_start_a_run(scenario, capsys):
    s = scenario.labeled(actor="drive-by")
    s.github.permissions["drive-by"] = "read"
    code, out = s.run(capsys)
    assert out["status"] == "unauthorized" and code == 0
    assert s.model.requests == [] and s.model.count_requests == []
    [comment] = s.github.comments_on(s.issue_number)
    assert "drive-by" in comment["body"] and "write access" in comment["body"]


def test_edits_that_never_validate_push_nothing(scenario, capsys):
    s = scenario.labeled()
    s.inputs["max_retries"] = "2"
    s.model.responder = scripted = Scripted(plan(), {"calc/ops.py": [whole_file("calc/ops.py", BROKEN_OPS)]})
    code, out = s.run(capsys)

    assert (code, out["status"]) == (1, "validation_failed")
    assert scripted.asked == ["calc/ops.py"] * 3  # the first answer and two repair rounds
    assert s.branch_on_origin(f"agent/issue-{s.issue_number}") == "" and s.github.pulls == {}
    assert "calc/ops.py" in s.github.comments_on(s.issue_number)[0]["body"]
    status = subprocess.run(["git", "status", "--porcelain"], cwd=s.work, capture_output=True, text=True)
    assert status.stdout == ""  # the workspace is left clean


def test_a_problem_goes_back_to_the_model_and_is_repaired(scenario, capsys):
    s = scenario.labeled()
    s.model.responder = Scripted(
        plan(), {"calc/ops.py": [whole_file("calc/ops.py", BROKEN_OPS), whole_file("calc/ops.py", FIXED_OPS)]}
    )
    code, out = s.run(capsys)
    assert out["status"] == "pr_opened"
    repair_prompt = request_text(s.model.requests[-1])
    assert "previous answer was rejected" in repair_prompt and "calc/ops.py" in repair_prompt


def test_vague_issue_gets_questions_and_a_label(scenario, capsys):
    s = scenario.labeled()
    s.model.responder = Scripted(plan(actionable=False, questions=["Which function?"], changes=[]), {})
    code, out = s.run(capsys)
    assert (code, out["status"]) == (0, "needs_info")
    assert "booty:needs-info" in s.github.labels_on(s.issue_number)
    assert "Which function?" in s.github.comments_on(s.issue_number)[0]["body"] and s.github.pulls == {}


def test_cost_cap_stops_before_the_call(scenario, capsys):
    s = scenario.labeled()
    s.inputs["max_cost_usd"] = "0.001"
    s.model.responder = Scripted(plan(), {})
    code, out = s.run(capsys)
    assert (code, out["status"]) == (1, "budget_exceeded")
    assert s.model.requests == []  # counted, never sent
    assert "max_cost_usd" in s.github.comments_on(s.issue_number)[0]["body"]


def test_dry_run_pushes_nothing_and_shows_the_diff(scenario, capsys):
    s = scenario.labeled()
    s.inputs["dry_run"] = "true"
    s.model.responder = Scripted(plan(), {"calc/ops.py": [whole_file("calc/ops.py", FIXED_OPS)]})
    code, out = s.run(capsys)
    assert (code, out["status"]) == (0, "dry_run")
    assert s.branch_on_origin(f"agent/issue-{s.issue_number}") == "" and s.github.pulls == {}
    assert "cannot divide by zero" in s.summary and "fix(ops): clear error" in s.summary


def test_only_restricted_files_are_handed_over(scenario, capsys):
    s = scenario.labeled()
    workflow = "name: ci\non: push\n"
    s.model.responder = Scripted(
        plan(changes=[{"path": ".github/workflows/ci.yml", "action": "create", "reason": "Add CI."}]),
        {".github/workflows/ci.yml": [f".github/workflows/ci.yml\n```yaml\n{workflow}```\n"]},
    )
    code, out = s.run(capsys)
    assert out["status"] == "blocked_path" and s.github.pulls == {}
    assert "on: push" in s.github.comments_on(s.issue_number)[0]["body"]


def test_pr_permission_setting_is_explained_and_no_branch_is_left(scenario, capsys):
    s = scenario.labeled()
    s.github.fail_next(
        "POST",
        r"/pulls$",
        403,
        body={"message": "GitHub Actions is not permitted to create or approve pull requests."},
    )
    s.model.responder = Scripted(plan(), {"calc/ops.py": [whole_file("calc/ops.py", FIXED_OPS)]})
    code, out = s.run(capsys)
    assert (code, out["status"]) == (1, "error")
    assert (
        "Allow GitHub Actions to create and approve pull requests"
        in s.github.comments_on(s.issue_number)[0]["body"]
    )
    assert s.branch_on_origin(f"agent/issue-{s.issue_number}") == ""


def test_a_file_cut_at_the_output_limit_is_repaired_not_used(scenario, capsys):
    from tests.fakes.anthropic_server import TextReply

    s = scenario.labeled()
    scripted = Scripted(plan(), {"calc/ops.py": [whole_file("calc/ops.py", FIXED_OPS)]})
    cut = [TextReply(text="calc/ops.py\n```python\ndef add(a, b):\n", stop_reason="max_tokens")]

    def respond(request):
        if is_plan_call(request) or not cut:
            return scripted(request)
        return cut.pop()

    s.model.responder = respond
    code, out = s.run(capsys)
    assert out["status"] == "pr_opened"
    assert "cut off at the output limit" in request_text(s.model.requests[-1])
    assert s.show_on_origin(f"agent/issue-{s.issue_number}", "calc/ops.py") == FIXED_OPS


def test_a_large_repository_is_mapped_in_a_child_process_with_the_same_refusals(scenario, capsys):
    s = scenario.labeled()
    s.commit_files({f"filler/mod_{i}.py": f"def filler_{i}():\n    return {i}\n" for i in range(520)})
    s.model.responder = Scripted(plan(), {"calc/ops.py": [whole_file("calc/ops.py", FIXED_OPS)]})
    code, out = s.run(capsys)

    assert (code, out["status"]) == (0, "pr_opened"), s.summary
    assert "mapped in this one" not in s.stdout  # the child made the map: no fallback was needed
    [planning] = [r for r in s.model.requests if is_plan_call(r)]
    prompt = request_text(planning)
    assert "## calc/ops.py" in prompt and "def divide(a, b):" in prompt
    assert "do-not-leak-this" not in prompt and "## .env" not in prompt  # never-read: not sent to the child


def test_the_first_stage_line_is_written_once_and_first(scenario, capsys):
    s = scenario.labeled()
    s.model.responder = Scripted(plan(), {"calc/ops.py": [whole_file("calc/ops.py", FIXED_OPS)]})
    code, out = s.run(capsys)
    lines = [ln for ln in s.stdout.splitlines() if ln.startswith("[booty]")]
    assert out["status"] == "pr_opened" and lines[0] == "[booty] Reading the issue ..."
    assert lines.count("[booty] Reading the issue ...") == 1
    assert sum(ln.startswith("[booty] Reading the issue (") for ln in lines) == 1
