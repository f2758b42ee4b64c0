"""One branch, one PR, one living comment per issue, through booty.main against the fakes."""

from __future__ import annotations

import re

from booty.demo.replies import Fault
from tests.fakes.anthropic_server import is_plan_call
from tests.support.clock import FakeClock
from tests.support.repository import git
from tests.support.scripted import FIXED_OPS, Scripted, plan, request_text, whole_file

RUN_URL = "https://github.com/octo-org/demo/actions/runs/42"  # GITHUB_RUN_ID=42 in the scenario
QUICK_RETRIES = {
    "llm_attempts": "2",
    "llm_backoff_s": "0.01",
    "llm_timeout_s": "1",
}  # hidden BOOTY_LLM_* settings


def booty_comments(github, issue: int) -> list[dict]:
    return [c for c in github.comments_on(issue) if f"<!-- booty:tracking issue={issue} -->" in c["body"]]


def origin_branches(origin) -> set[str]:
    return set(git("for-each-ref", "--format=%(refname:short)", "refs/heads", cwd=origin).split())


def test_a_rerun_from_a_fresh_checkout_updates_the_one_branch_pr_and_comment(scenario, capsys):
    s = scenario.labeled()
    s.model.responder = Scripted(plan(), {"calc/ops.py": [whole_file("calc/ops.py", FIXED_OPS)]})
    assert s.run(capsys)[1]["status"] == "pr_opened"
    [first_comment] = booty_comments(s.github, s.issue_number)
    # A person's PR with the title the second plan will use: PRs are found by marker, never by title.
    retitled = "fix(ops): refuse a zero divisor"
    decoy = s.github.add_pull(retitled, "My own attempt.", head="alice-fix", author="alice")

    s.fresh_checkout("second-checkout")
    second = FIXED_OPS.replace("cannot divide by zero", "division by zero is undefined")
    s.model.responder = Scripted(plan(title=retitled), {"calc/ops.py": [whole_file("calc/ops.py", second)]})
    code, out = s.run(capsys)

    branch = f"agent/issue-{s.issue_number}"
    assert (code, out["status"]) == (0, "pr_updated"), s.summary
    booty_pulls = [
        p for p in s.github.pulls.values() if f"<!-- booty:pr issue={s.issue_number} -->" in p["body"]
    ]
    [pr] = booty_pulls
    assert pr["number"] != decoy and pr["title"] == retitled and out["pr_number"] == str(pr["number"])
    assert s.github.pulls[decoy]["body"] == "My own attempt."  # the look-alike was left alone
    assert origin_branches(s.origin) == {"main", branch}
    assert s.show_on_origin(branch, "calc/ops.py") == second
    assert git("rev-list", "--count", f"main..{branch}", cwd=s.origin).strip() == "1"  # replaced, not stacked
    [comment] = booty_comments(s.github, s.issue_number)
    assert comment["id"] == first_comment["id"] and "(`pr_updated`)" in comment["body"]
    assert len(s.github.comments_on(s.issue_number)) == 1
    assert s.github.violations == []


def test_the_comment_is_posted_when_the_run_waits_and_shows_each_stage_with_its_duration(scenario, capsys):
    s = scenario.labeled()
    s.clock = FakeClock()
    scripted = Scripted(plan(), {"calc/ops.py": [whole_file("calc/ops.py", FIXED_OPS)]})
    seen: dict[str, str] = {}

    def respond(request):  # what the issue showed when each model call arrived; each call takes 30 s
        [comment] = booty_comments(s.github, s.issue_number)
        seen.setdefault("plan" if is_plan_call(request) else "edit", comment["body"])
        s.clock.advance(30)
        return scripted(request)

    s.model.responder = respond
    code, out = s.run(capsys)

    assert out["status"] == "pr_opened"
    before_plan = seen["plan"]
    assert "Booty is working on this issue" in before_plan and f"[workflow run]({RUN_URL})" in before_plan
    assert re.search(r"\[x\] Reading the issue \(\d+\.\ds\)", before_plan)
    assert "[x] Selecting context" in before_plan and "[ ] Planning (in progress)" in before_plan
    assert re.search(r"_Elapsed: \d+\.\ds_", before_plan)
    assert "[x] Planning (30.0s)" in seen["edit"] and "[ ] Writing the change (in progress)" in seen["edit"]
    [final] = booty_comments(s.github, s.issue_number)
    assert "(`pr_opened`)" in final["body"] and "in progress" not in final["body"]
    for stage in (
        "Reading the issue",
        "Selecting context",
        "Planning",
        "Writing the change",
        "Validating",
        "Committing and pushing",
        "Opening the pull request",
    ):
        assert re.search(rf"\[x\] {stage} \(\d+\.\ds\)", final["body"]), stage
    # the log says what the comment says: each stage's duration, then the total
    logged = re.findall(r"^\[booty\] (.+ \(\d+\.\ds\))$", s.stdout, re.MULTILINE)
    assert logged == [*re.findall(r"^- \[x\] (.+)$", final["body"], re.MULTILINE), "Total (60.0s)"]
    assert "[x] Writing the change (30.0s)" in final["body"] and "_Total: 60.0s_" in final["body"]
    # stage changes are coalesced: posted when planning starts, edited when writing starts, then the outcome
    writes = [(r.method, r.path.rsplit("/", 2)[-2:]) for r in s.github.requests if r.method != "GET"]
    assert writes == [
        ("POST", ["1", "comments"]),
        ("PATCH", ["comments", "1001"]),
        ("POST", ["demo", "pulls"]),
        ("PATCH", ["comments", "1001"]),
    ]


def test_a_failure_still_finalizes_the_comment_with_its_cause(scenario, capsys):
    s = scenario.labeled()
    s.inputs.update(QUICK_RETRIES)
    s.model.responder = lambda request: Fault.http(
        500, "api_error", "Internal server error"
    )  # on every attempt
    code, out = s.run(capsys)

    assert (code, out["status"]) == (1, "error")
    [comment] = booty_comments(s.github, s.issue_number)
    assert "**Booty: Failed** (`error`)" in comment["body"] and "in progress" not in comment["body"]
    assert "Anthropic API" in comment["body"] and "HTTP 500" in comment["body"]  # the cause, in words
    assert f"[workflow run]({RUN_URL})" in comment["body"]
    assert s.github.pulls == {} and origin_branches(s.origin) == {"main"}


def test_needs_info_then_an_edited_issue_and_a_new_label_runs_again(scenario, capsys):
    s = scenario.labeled()
    s.github.issues[s.issue_number]["labels"] = ["bug", "agent"]  # as GitHub has them when the event fires
    s.model.responder = Scripted(
        plan(actionable=False, questions=["Which error type should divide raise?"], changes=[]), {}
    )
    code, out = s.run(capsys)
    assert (code, out["status"]) == (0, "needs_info") and s.github.pulls == {}
    # the trigger label comes off, so that adding it again is what starts the next run
    assert s.github.labels_on(s.issue_number) == ["bug", "booty:needs-info"]
    [comment] = booty_comments(s.github, s.issue_number)
    assert "Which error type should divide raise?" in comment["body"] and "(`needs_info`)" in comment["body"]
    assert "add the `agent` label again" in comment["body"]

    s.github.issues[s.issue_number]["body"] += "\n\nIt should raise ValueError."
    s.github.issues[s.issue_number]["labels"].append("agent")
    s.model.responder = Scripted(plan(), {"calc/ops.py": [whole_file("calc/ops.py", FIXED_OPS)]})
    code, out = s.run(capsys)

    assert (code, out["status"]) == (0, "pr_opened")
    assert s.github.labels_on(s.issue_number) == ["bug", "agent"]  # no stale needs-info label
    assert s.github.violations == []
    assert "It should raise ValueError." in request_text(
        next(r for r in s.model.requests[::-1] if is_plan_call(r))
    )
    [comment] = booty_comments(s.github, s.issue_number)
    assert "(`pr_opened`)" in comment["body"] and len(s.github.pulls) == 1


def test_a_rerun_never_replaces_commits_a_person_pushed_to_the_branch(scenario, capsys):
    s = scenario.labeled()
    s.model.responder = Scripted(plan(), {"calc/ops.py": [whole_file("calc/ops.py", FIXED_OPS)]})
    assert s.run(capsys)[1]["status"] == "pr_opened"
    branch = f"agent/issue-{s.issue_number}"
    [pr] = [p for p in s.github.pulls.values() if f"<!-- booty:pr issue={s.issue_number} -->" in p["body"]]
    body_before = pr["body"]
    person = s.tmp / "person"
    git("clone", "-q", "--branch", branch, f"file://{s.origin}", str(person), cwd=s.tmp)
    (person / "NOTES.md").write_text("Checked by hand.\n")
    git("add", "NOTES.md", cwd=person)
    git("-c", "user.name=Mai", "-c", "user.email=mai@example.org", "commit", "-qm", "docs: notes", cwd=person)
    git("push", "-q", "origin", branch, cwd=person)
    theirs = git("rev-parse", "HEAD", cwd=person).strip()

    s.fresh_checkout("second-checkout")
    second = FIXED_OPS.replace("cannot divide by zero", "division by zero is undefined")
    s.model.responder = Scripted(plan(), {"calc/ops.py": [whole_file("calc/ops.py", second)]})
    code, out = s.run(capsys)

    assert out["status"] == "branch_moved" and code != 0, s.summary
    assert git("rev-parse", f"refs/heads/{branch}", cwd=s.origin).strip() == theirs  # their commit stands
    assert s.github.pulls[pr["number"]]["body"] == body_before  # the PR was not rewritten either
    [comment] = booty_comments(s.github, s.issue_number)
    assert "(`branch_moved`)" in comment["body"] and f"{theirs[:12]} docs: notes" in comment["body"]
    assert s.github.violations == []
