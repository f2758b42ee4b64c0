"""A review of Booty's pull request, through the whole action: one fast-forward commit on the same
branch, a reply in every thread, the round in the tracking comment, the reviewer asked again."""

from __future__ import annotations

from tests.fakes.anthropic_server import is_plan_call
from tests.support.review_world import REVISED_OPS, inline, log, opened_pr, pr_command, reviewed, revision
from tests.support.scripted import Scripted, request_text, whole_file


def test_a_review_requesting_changes_becomes_one_commit_and_an_answer_in_each_thread(scenario):
    s = scenario
    pr = opened_pr(s)
    branch = f"agent/issue-{s.issue_number}"
    before = s.branch_on_origin(branch)
    _, (hints, rename) = reviewed(
        s,
        pr,
        body="Two things.",
        comments=[
            inline(body="Add type hints to divide."),
            inline(line=2, body="Rename add to plus."),
        ],
    )
    s.model.responder = Scripted(
        revision(
            [
                {
                    "thread_id": rename,
                    "verdict": "declined",
                    "reply": "add() is public API; renaming it breaks callers.",
                },
                {"thread_id": hints, "verdict": "fixed", "reply": "divide() now has type hints."},
            ]
        ),
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
    s.model.responder = Scripted(
        revision([{"thread_id": thread, "verdict": "fixed", "reply": "Done."}]),
        {"calc/ops.py": [whole_file("calc/ops.py", REVISED_OPS)]},
    )
    s.run()

    asked = request_text([r for r in s.model.requests if is_plan_call(r)][-1])
    assert f"### Thread {thread}: `calc/ops.py`, line 5 of the new file" in asked
    assert "Add type hints to divide." in asked and "divide crashes with ZeroDivisionError" in asked
    assert '+        raise ValueError("cannot divide by zero")' in asked  # the PR's diff against main
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
    assert "Request by @maint, a `/booty` comment" in request_text(
        [r for r in s.model.requests if is_plan_call(r)][-1]
    )


def subprocess_message(s, sha: str) -> str:
    from tests.support.repository import git

    return git("--git-dir", str(s.origin), "log", "-1", "--format=%B", sha, cwd=s.tmp)


def test_a_second_review_round_builds_on_the_first(scenario):
    s = scenario
    pr = opened_pr(s)
    branch = f"agent/issue-{s.issue_number}"
    _, (first,) = reviewed(s, pr, comments=[inline(body="Add type hints to divide.")])
    s.model.responder = Scripted(
        revision([{"thread_id": first, "verdict": "fixed", "reply": "Hints added."}]),
        {"calc/ops.py": [whole_file("calc/ops.py", REVISED_OPS)]},
    )
    assert s.run()[1]["status"] == "revision_pushed"
    round_one = s.branch_on_origin(branch)
    s.github.state.heads[branch] = round_one

    again = REVISED_OPS.replace('"""Divide a by b."""', '"""Return a divided by b."""')
    _, (second,) = reviewed(s, pr, comments=[inline(line=6, body="Reword the docstring.")])
    s.model.responder = Scripted(
        revision(
            [{"thread_id": second, "verdict": "fixed", "reply": "Reworded."}],
            title="docs(ops): reword divide's docstring",
        ),
        {"calc/ops.py": [whole_file("calc/ops.py", again)]},
    )
    code, out = s.run()

    assert out["status"] == "revision_pushed", s.summary
    [newest, *_] = log(s, branch)
    assert newest.split()[1] == round_one  # round two's parent is round one's commit
    assert s.show_on_origin(branch, "calc/ops.py") == again
    assert (
        len(s.github.replies_to(first)) == 1
    )  # the first thread, answered in round one, is not answered again
    [tracking] = s.github.comments_on(s.issue_number)
    assert "**Round 1**" in tracking["body"] and "**Round 2**" in tracking["body"]
    body = s.github.pulls[pr]["body"]
    assert "Review round 1" in body and "Review round 2" in body


def test_the_same_review_delivered_twice_is_answered_once(scenario):
    s = scenario
    pr = opened_pr(s)
    _, (thread,) = reviewed(s, pr, comments=[inline()])
    s.model.responder = Scripted(
        revision([{"thread_id": thread, "verdict": "fixed", "reply": "Done."}]),
        {"calc/ops.py": [whole_file("calc/ops.py", REVISED_OPS)]},
    )
    assert s.run()[1]["status"] == "revision_pushed"
    calls = len(s.model.requests)
    writes = len([r for r in s.github.requests if r.method != "GET"])
    code, out = s.run()  # the workflow run re-run, or the event redelivered
    assert (code, out["status"]) == (0, "skipped") and "already answered" in s.stdout
    assert (
        len(s.model.requests) == calls and len([r for r in s.github.requests if r.method != "GET"]) == writes
    )


def test_origin_moved_meanwhile_stops_without_pushing_over_it(scenario):
    from tests.support.repository import git

    s = scenario
    pr = opened_pr(s)
    branch = f"agent/issue-{s.issue_number}"
    _, (thread,) = reviewed(s, pr, comments=[inline()])
    scripted = Scripted(
        revision([{"thread_id": thread, "verdict": "fixed", "reply": "Done."}]),
        {"calc/ops.py": [whole_file("calc/ops.py", REVISED_OPS)]},
    )
    other = s.tmp / "someone"

    def respond(request):
        if not is_plan_call(request) and not other.exists():  # a person pushes while Booty writes
            git("clone", "-q", "-b", branch, str(s.origin), str(other), cwd=s.tmp)
            (other / "NOTES.md").write_text("by hand\n")
            git("add", "-A", cwd=other)
            git("commit", "-q", "-m", "docs: notes by hand", cwd=other)
            git("push", "-q", "origin", branch, cwd=other)
        return scripted(request)

    s.model.responder = respond
    code, out = s.run()
    theirs = git("rev-parse", "HEAD", cwd=other).strip()

    assert (code, out["status"]) == (1, "branch_moved"), s.summary
    assert s.branch_on_origin(branch) == theirs  # their commit stands
    assert s.github.replies_to(thread) == []
    assert "pushed nothing" in s.github.comments_on(s.issue_number)[0]["body"]
    status = git("status", "--porcelain", cwd=s.work)
    assert status == "" and git("rev-parse", "--abbrev-ref", "HEAD", cwd=s.work).strip() == "main"


def test_problems_that_remain_write_nothing(scenario):
    s = scenario
    pr = opened_pr(s)
    branch = f"agent/issue-{s.issue_number}"
    before = s.branch_on_origin(branch)
    s.inputs["max_retries"] = "1"
    _, (thread,) = reviewed(s, pr, comments=[inline()])
    s.model.responder = Scripted(
        revision([{"thread_id": thread, "verdict": "fixed", "reply": "Done."}]),
        {"calc/ops.py": [whole_file("calc/ops.py", "def divide(a, b:\n")]},
    )
    code, out = s.run()

    assert (code, out["status"]) == (1, "validation_failed")
    assert s.branch_on_origin(branch) == before and s.github.replies_to(thread) == []
    assert s.github.pulls[pr]["requested_reviewers"] == []
    assert "calc/ops.py" in s.github.comments_on(s.issue_number)[0]["body"]


def test_a_thread_on_an_outdated_line_is_shown_as_outdated_and_answered(scenario):
    s = scenario
    pr = opened_pr(s)
    _, (thread,) = reviewed(s, pr, comments=[inline(line=3, body="Why a + b?", outdated=True)])
    s.model.responder = Scripted(
        revision(
            [{"thread_id": thread, "verdict": "question", "reply": "Which line do you mean now?"}], changes=[]
        ),
        {},
    )
    code, out = s.run()

    assert (code, out["status"]) == (0, "no_changes")
    asked = request_text([r for r in s.model.requests if is_plan_call(r)][-1])
    assert f"### Thread {thread}: `calc/ops.py`, line 3 of the new file (outdated" in asked
    [reply] = s.github.replies_to(thread)
    assert reply["body"].startswith("**Question.**") and "Which line" in reply["body"]
    assert "**Round 1**" in s.github.comments_on(s.issue_number)[0]["body"]


def test_at_the_follow_up_limit_booty_says_so_once_and_does_nothing_else(scenario):
    s = scenario
    pr = opened_pr(s)
    s.inputs["max_followups"] = "1"
    _, (thread,) = reviewed(s, pr, comments=[inline()])
    s.model.responder = Scripted(
        revision([{"thread_id": thread, "verdict": "fixed", "reply": "Done."}]),
        {"calc/ops.py": [whole_file("calc/ops.py", REVISED_OPS)]},
    )
    assert s.run()[1]["status"] == "revision_pushed"
    calls = len(s.model.requests)

    reviewed(s, pr, comments=[inline(body="And another thing.")])
    code, out = s.run()
    assert (code, out["status"]) == (0, "followup_limit")
    notices = [c for c in s.github.comments_on(pr) if "max_followups: 1" in c["body"]]
    assert len(notices) == 1 and len(s.model.requests) == calls

    writes = len([r for r in s.github.requests if r.method != "GET"])
    reviewed(s, pr, comments=[inline(body="Hello?")])
    code, out = s.run()
    assert out["status"] == "followup_limit"
    assert (
        len([r for r in s.github.requests if r.method != "GET"]) == writes
    )  # said once: nothing written now


def test_with_resolve_threads_the_fixed_threads_are_resolved_through_graphql(scenario):
    s = scenario
    pr = opened_pr(s)
    s.inputs["resolve_threads"] = "true"
    _, (hints, rename) = reviewed(
        s, pr, comments=[inline(body="Add type hints."), inline(line=2, body="Rename add.")]
    )
    s.model.responder = Scripted(
        revision(
            [
                {"thread_id": hints, "verdict": "fixed", "reply": "Done."},
                {"thread_id": rename, "verdict": "declined", "reply": "Public API."},
            ]
        ),
        {"calc/ops.py": [whole_file("calc/ops.py", REVISED_OPS)]},
    )
    code, out = s.run()
    assert out["status"] == "revision_pushed", s.summary
    assert s.github.resolved(hints) and not s.github.resolved(rename)
    assert [
        r.json["variables"]
        for r in s.github.requests
        if r.path == "/graphql" and "mutation" in r.json["query"]
    ] == [{"thread": f"PRRT_{hints}"}]
    assert s.github.violations == []


def test_a_resolved_thread_is_not_answered_again(scenario):
    s = scenario
    pr = opened_pr(s)
    _, (done,) = reviewed(s, pr, state="COMMENTED", comments=[inline(body="Old remark.")])
    s.github.state.review_comments[done]["resolved"] = True  # resolved by the reviewer on GitHub
    pr_command(s, pr, "/booty add type hints to divide")
    s.model.responder = Scripted(revision([]), {"calc/ops.py": [whole_file("calc/ops.py", REVISED_OPS)]})
    code, out = s.run()
    assert out["status"] == "revision_pushed", s.summary
    assert s.github.replies_to(done) == []
    assert f"Thread {done}" not in request_text([r for r in s.model.requests if is_plan_call(r)][-1])


def test_when_graphql_fails_every_thread_counts_as_open_and_the_comment_says_so(scenario):
    s = scenario
    pr = opened_pr(s)
    _, (thread,) = reviewed(s, pr, comments=[inline()])
    s.github.fail_next("POST", r"^/graphql$", 502, times=5)
    s.model.responder = Scripted(
        revision([{"thread_id": thread, "verdict": "fixed", "reply": "Done."}]),
        {"calc/ops.py": [whole_file("calc/ops.py", REVISED_OPS)]},
    )
    code, out = s.run()
    assert out["status"] == "revision_pushed", s.summary
    assert len(s.github.replies_to(thread)) == 1
    assert "all count as open" in s.github.comments_on(s.issue_number)[0]["body"]


def test_a_review_round_makes_few_github_requests(scenario):
    s = scenario
    pr = opened_pr(s)
    _, ids = reviewed(s, pr, comments=[inline(), inline(line=2, body="b"), inline(line=7, body="c")])
    s.model.responder = Scripted(
        revision([{"thread_id": i, "verdict": "fixed", "reply": "Done."} for i in ids]),
        {"calc/ops.py": [whole_file("calc/ops.py", REVISED_OPS)]},
    )
    s.github.requests.clear()
    assert s.run()[1]["status"] == "revision_pushed"
    calls = [(r.method, r.path.split("/", 4)[-1]) for r in s.github.requests]
    writes = [c for c in calls if c[0] != "GET" and c[1] != "graphql"]
    # reads: the PR, the reviewer's permission, the issue and its comments, review comments, thread
    # states (GraphQL), the reviews; writes: the tracking comment twice, one reply per thread, the
    # PR body, one review request
    assert len(calls) == 14 and len(writes) == 7, calls
    assert sum(1 for _, path in writes if path.endswith("/replies")) == 3
