"""A review that only comments, with an empty body, whose inline comments start with `/booty`.

GitHub's pull_request_review event carries the review's body alone (empty here: the text is all in
the inline comments, as for every "Add single comment"); each inline comment arrives as its own
pull_request_review_comment event. The review's first `/booty` comment's event is its one run;
the other events of the same review are skipped without a model call or a write.
"""

from __future__ import annotations

from tests.fakes.anthropic_server import is_plan_call
from tests.support.review_world import REVISED_OPS, inline, inline_event, log, opened_pr, reviewed, revision
from tests.support.scripted import Scripted, request_text, whole_file


def writes(s) -> list:
    return [r for r in s.github.requests if r.method != "GET"]


def test_booty_in_an_inline_comment_of_a_commenting_review_is_one_run_for_the_review(scenario, capsys):
    s = scenario
    pr = opened_pr(s)
    branch = f"agent/issue-{s.issue_number}"
    before = s.branch_on_origin(branch)
    s.model.requests.clear()
    review_id, (hints, aside, docs) = reviewed(
        s,
        pr,
        state="COMMENTED",
        body="",
        comments=[
            inline(body="/booty add type hints to divide"),
            inline(line=2, body="Nice test names, by the way."),
            inline(line=6, body="/booty and say in the docstring what happens for zero"),
        ],
    )
    # the review's own event: commented, empty body, no command in it
    code, out = s.run(capsys)
    assert (code, out["status"]) == (0, "skipped"), s.summary
    assert s.model.requests == []

    s.model.responder = Scripted(
        revision(
            [
                {"thread_id": hints, "verdict": "fixed", "reply": "divide() now has type hints."},
                {"thread_id": aside, "verdict": "declined", "reply": "Nothing to change here."},
                {"thread_id": docs, "verdict": "question", "reply": "Should zero raise or return inf?"},
            ]
        ),
        {"calc/ops.py": [whole_file("calc/ops.py", REVISED_OPS)]},
    )
    inline_event(s, pr, hints)  # the first `/booty` comment's event
    code, out = s.run(capsys)

    assert (code, out["status"]) == (0, "revision_pushed"), s.summary
    [newest, *_] = log(s, branch)
    assert newest.split()[1] == before and s.show_on_origin(branch, "calc/ops.py") == REVISED_OPS
    assert [len(s.github.replies_to(t)) for t in (hints, aside, docs)] == [1, 1, 1]
    asked = request_text([r for r in s.model.requests if is_plan_call(r)][-1])
    assert "with `/booty` requests in its inline comments" in asked
    assert "/booty add type hints to divide" in asked and f"### Thread {docs}:" in asked
    [tracking] = s.github.comments_on(s.issue_number)
    assert f"**Round 1** (@maint, review {review_id})" in tracking["body"]

    # the other `/booty` comment of the same review, and the first one's event delivered again
    calls, written = len(s.model.requests), len(writes(s))
    for comment in (docs, hints):
        inline_event(s, pr, comment)
        code, out = s.run(capsys)
        assert (code, out["status"]) == (0, "skipped") and "already answered" in s.stdout, s.summary
    assert len(s.model.requests) == calls and len(writes(s)) == written
    assert s.branch_on_origin(branch) == newest.split()[0]


def test_any_booty_comment_of_a_review_alone_answers_the_whole_review(scenario, capsys):
    """The second `/booty` comment's event, when it is the one that runs (the first one's was
    cancelled in the concurrency group): the review is answered all the same, every thread of it."""
    s = scenario
    pr = opened_pr(s)
    _, (first, second) = reviewed(
        s,
        pr,
        state="COMMENTED",
        comments=[inline(body="/booty hints"), inline(line=2, body="/booty docstring")],
    )
    s.model.responder = Scripted(
        revision([{"thread_id": t, "verdict": "fixed", "reply": "Done."} for t in (first, second)]),
        {"calc/ops.py": [whole_file("calc/ops.py", REVISED_OPS)]},
    )
    inline_event(s, pr, second)
    code, out = s.run(capsys)

    assert (code, out["status"]) == (0, "revision_pushed"), s.summary
    assert [len(s.github.replies_to(t)) for t in (first, second)] == [1, 1]


def test_booty_inline_in_a_review_requesting_changes_is_that_review_round_whichever_event_runs(
    scenario, capsys
):
    s = scenario
    pr = opened_pr(s)
    review_id, (comment,) = reviewed(
        s, pr, body="Please fix.", comments=[inline(body="/booty add type hints")]
    )
    review_event = (s.event_name, s.event)
    s.model.responder = Scripted(
        revision([{"thread_id": comment, "verdict": "fixed", "reply": "Done."}]),
        {"calc/ops.py": [whole_file("calc/ops.py", REVISED_OPS)]},
    )
    inline_event(s, pr, comment)  # this one happens to run first
    code, out = s.run(capsys)
    assert (code, out["status"]) == (0, "revision_pushed"), s.summary
    asked = request_text([r for r in s.model.requests if is_plan_call(r)][-1])
    assert "Review by @maint, requesting changes:" in asked and "Please fix." in asked

    calls, written = len(s.model.requests), len(writes(s))
    s.event_name, s.event = review_event  # the review's own event, after it
    code, out = s.run(capsys)
    assert (code, out["status"]) == (0, "skipped") and "already answered" in s.stdout, s.summary
    assert len(s.model.requests) == calls and len(writes(s)) == written
    assert len(s.github.replies_to(comment)) == 1
    assert f"**Round 1** (@maint, review {review_id})" in s.github.comments_on(s.issue_number)[0]["body"]


def test_a_non_writers_inline_booty_is_unauthorized_and_calls_no_model(scenario, capsys):
    s = scenario
    pr = opened_pr(s)
    s.github.permissions["visitor"] = "read"
    _, (comment,) = reviewed(s, pr, author="visitor", state="COMMENTED", comments=[inline(body="/booty x")])
    s.github.requests.clear()
    s.model.requests.clear()
    inline_event(s, pr, comment, author="visitor")
    code, out = s.run(capsys)

    assert (code, out["status"]) == (0, "unauthorized"), s.summary
    assert s.model.requests == [] and writes(s) == []
