"""A review of Booty's pull request, through the whole action: one fast-forward commit on the same
branch, a reply in every thread, the round in the tracking comment, the reviewer asked again."""

from __future__ import annotations

from tests.fakes.anthropic_server import is_plan_call
from tests.integration.conftest import FIXED_OPS, whole_file
from tests.integration.review_world import REVISED_OPS, inline, log, opened_pr, pr_command, reviewed, revision
from tests.integration.scripted import Scripted, request_text


def test_a_review_requesting_changes_becomes_one_commit_and_an_answer_in_each_thread(scenario):
    s = scenario
    pr = opened_pr(s)
    branch = f"agent/issue-{s.issue_number}"
    before = s.branch_on_origin(branch)
    _, (hints, rename) = reviewed(s, pr, body="Two things.", comments=[
        inline(body="Add type hints to divide."),
        inline(line=2, body="Rename add to plus."),
    ])
    s.model.responder = Scripted(
        revision([
            {"thread_id": rename, "verdict": "declined", "reply": "add() is public API; renaming it breaks callers."},
            {"thread_id": hints, "verdict": "fixed", "reply": "divide() now has type hints."},
        ]),
        {"calc/ops.py": [whole_file("calc/ops.py", REVISED_OPS)]},
    )
    code, out = s.run()

    assert (code, out["status"]) == (0, "revision_pushed"), s.summary
    [newest, previous, *_] = log(s, branch)
    sha, parent, subject = newest.split(" ", 2)
    assert parent == before and previous.startswith(before)  # a fast-forward: the old head is the parent
    assert subject == "refactor(ops): type hints on divide"
    message = subprocess_message(s, sha)
    assert f"Refs #{s.issue_number}" in message and "Closes" not in message
    assert s.show_on_origin(branch, "calc/ops.py") == REVISED_OPS
    [fixed] = s.github.replies_to(hints)
    [declined] = s.github.replies_to(rename)
    assert fixed["body"].startswith(f"**Fixed** in {sha}.") and "type hints" in fixed["body"]
    assert declined["body"].startswith("**Not changed.**") and "public API" in declined["body"]
    assert s.github.pulls[pr]["requested_reviewers"] == ["maint"]
    [tracking] = s.github.comments_on(s.issue_number)
    assert "**Round 1**" in tracking["body"] and "1 fixed, 1 declined, 0 asked back" in tracking["body"]
    assert "revision_pushed" in tracking["body"] and sha in tracking["body"]
    body = s.github.pulls[pr]["body"]
    assert "Review round 1" in body and "`calc/ops.py` (modified)" in body
    assert out["pr_number"] == str(pr) and out["branch"] == branch and float(out["cost_usd"]) > 0
    assert s.github.violations == []


def test_the_model_sees_the_issue_the_diff_and_each_thread_with_its_id(scenario):
    s = scenario
    pr = opened_pr(s)
    _, (thread,) = reviewed(s, pr, body="One thing.", comments=[inline(body="Add type hints to divide.")])
    s.model.responder = Scripted(revision([{"thread_id": thread, "verdict": "fixed", "reply": "Done."}]),
                                 {"calc/ops.py": [whole_file("calc/ops.py", REVISED_OPS)]})
    s.run()

    asked = request_text([r for r in s.model.requests if is_plan_call(r)][-1])
    assert f"### Thread {thread}: `calc/ops.py`, line 5 of the new file" in asked
    assert "Add type hints to divide." in asked and "divide crashes with ZeroDivisionError" in asked
    assert "+        raise ValueError(\"cannot divide by zero\")" in asked  # the PR's diff against main
    assert "<review-" in asked and "Review by @maint, requesting changes:" in asked
    editor = request_text([r for r in s.model.requests if not is_plan_call(r)][-1])
    assert "Add type hints to divide." in editor and "<review-" in editor


def test_a_booty_comment_on_the_pull_request_is_a_round_too(scenario):
    s = scenario
    pr = opened_pr(s)
    pr_command(s, pr, "/booty add type hints to divide")
    s.model.responder = Scripted(revision([]), {"calc/ops.py": [whole_file("calc/ops.py", REVISED_OPS)]})
    code, out = s.run()

    assert out["status"] == "revision_pushed", s.summary
    answer = [c for c in s.github.comments_on(pr) if "answering a `/booty` request" in c["body"]]
    assert len(answer) == 1 and "> /booty add type hints to divide" in answer[0]["body"]
    assert "Request by @maint, a `/booty` comment" in request_text([r for r in s.model.requests if is_plan_call(r)][-1])


def subprocess_message(s, sha: str) -> str:
    from tests.integration.conftest import git

    return git("--git-dir", str(s.origin), "log", "-1", "--format=%B", sha, cwd=s.tmp)
