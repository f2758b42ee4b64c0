"""How many requests and writes a run makes on GitHub, counted on the fake GitHub's recorded
requests, through booty.main; each model call "takes" 30 s on a fake clock, so stage changes
come as slowly as in a real run without the test waiting for them."""

from __future__ import annotations

import sys

from tests.support.clock import FakeClock
from tests.support.repository import git
from tests.support.scripted import FIXED_OPS, Scripted, plan, whole_file

BROKEN_OPS = "def add(a, b):\n    return a +\n"
MAX_WRITES_BESIDES_THE_PR = 5


def slow_model(s, scripted: Scripted, seconds: float = 30.0) -> None:
    s.clock = FakeClock()

    def respond(request):
        s.clock.advance(seconds)
        return scripted(request)

    s.model.responder = respond


def writes(s) -> list[str]:
    """Every write but the pull request's own (open or update): "METHOD path-tail"."""
    found = [r for r in s.github.requests if r.method != "GET"]
    return [
        f"{r.method} {r.path.split('/demo/', 1)[1]}"
        for r in found
        if not r.path.split("/demo/", 1)[1].startswith("pulls")
    ]


def comment_writes(s) -> list[str]:
    return [w for w in writes(s) if "comments" in w]


def test_a_typical_run_makes_seven_requests_and_two_writes_besides_the_pr(scenario, capsys):
    s = scenario.labeled()
    slow_model(s, Scripted(plan(), {"calc/ops.py": [whole_file("calc/ops.py", FIXED_OPS)]}), seconds=2.0)
    code, out = s.run(capsys)

    assert out["status"] == "pr_opened", s.summary
    # posted when planning starts; the writing started 2 s later, too soon for an edit; then the outcome
    assert writes(s) == ["POST issues/1/comments", "PATCH issues/comments/1001"]
    assert [f"{r.method} {r.path.split('/demo', 1)[1]}" for r in s.github.requests] == [
        "GET /collaborators/maint/permission",  # may the actor start a run?
        "GET /issues/1/comments",
        "GET /issues/1",  # the issue (its comments first, lazily); the default branch is the payload's
        "POST /issues/1/comments",  # planning starts: the comment is posted (its thread was just read)
        "GET /pulls",
        "POST /pulls",  # no pull request for the issue yet: one is opened
        "PATCH /issues/comments/1001",  # the outcome
    ]
    assert s.github.violations == []


def test_a_payload_without_the_default_branch_asks_github_for_it(scenario, capsys):
    s = scenario.labeled()
    s.github.state.default_branch = "trunk"
    git("push", "-q", "origin", "main:refs/heads/trunk", cwd=s.work)
    del s.event["repository"]
    s.model.responder = Scripted(plan(), {"calc/ops.py": [whole_file("calc/ops.py", FIXED_OPS)]})
    code, out = s.run(capsys)

    assert out["status"] == "pr_opened", s.summary
    assert "GET " in [f"{r.method} {r.path.split('/demo', 1)[1]}" for r in s.github.requests]
    [pr] = s.github.pulls.values()
    assert pr["base"] == "trunk"


def test_a_long_run_with_repairs_tests_and_a_label_stays_within_five_writes(scenario, capsys):
    s = scenario.labeled()
    s.github.issues[s.issue_number]["labels"] = ["agent", "booty:needs-info"]  # asked before, answered now
    s.inputs.update(test_command=f"{sys.executable} -c pass", max_retries="3")
    answers = [whole_file("calc/ops.py", BROKEN_OPS)] * 2 + [whole_file("calc/ops.py", FIXED_OPS)]
    slow_model(s, Scripted(plan(), {"calc/ops.py": answers}))
    code, out = s.run(capsys)

    assert out["status"] == "pr_opened", s.summary
    assert "booty:needs-info" not in s.github.labels_on(s.issue_number)
    assert len(writes(s)) <= MAX_WRITES_BESIDES_THE_PR and len(comment_writes(s)) == 4, writes(s)
    [comment] = s.github.comments_on(s.issue_number)
    body = comment["body"]
    assert body.count("[x] Writing the change (30.0s)") == 3 and "[x] Running the tests" in body
    assert "_Total: 120.0s_" in body and "in progress" not in body


def test_a_run_that_asks_for_information_stays_within_five_writes(scenario, capsys):
    s = scenario.labeled()
    s.github.issues[s.issue_number]["labels"] = ["agent"]
    slow_model(s, Scripted(plan(actionable=False, questions=["Which function?"], changes=[]), {}))
    code, out = s.run(capsys)

    assert out["status"] == "needs_info"
    assert writes(s) == [
        "POST issues/1/comments",
        "POST issues/1/labels",
        "DELETE issues/1/labels/agent",
        "PATCH issues/comments/1001",
    ]


def test_a_refused_actor_gets_one_comment_write(scenario, capsys):
    s = scenario.labeled(actor="drive-by")
    s.github.permissions["drive-by"] = "read"
    code, out = s.run(capsys)

    assert out["status"] == "unauthorized"
    assert (
        writes(s) == ["POST issues/1/comments"]
        and "write access" in s.github.comments_on(s.issue_number)[0]["body"]
    )
