"""Answers are matched to threads by id, never by position; the replies say what was done."""

from __future__ import annotations

from booty.review.answers import Answered, Revision, ThreadAnswer, reply_text, settle, without_commit
from booty.review.models import ReviewComment, Thread


def thread(id):
    comment = ReviewComment(id=id, review_id=1, in_reply_to=None, author="alice", body="b", path="a.py")
    return Thread(id=id, path="a.py", comments=(comment,))


def rev(*answers):
    return Revision(
        actionable=True, summary="s", title="fix: t", answers=[ThreadAnswer(**a) for a in answers]
    )


def test_answers_are_matched_by_id_whatever_their_order():
    answers, notes = settle(
        rev(
            {"thread_id": 2, "verdict": "declined", "reply": "no"},
            {"thread_id": 1, "verdict": "fixed", "reply": "yes"},
        ),
        [thread(1), thread(2)],
    )
    assert [(a.thread_id, a.verdict) for a in answers] == [(1, "fixed"), (2, "declined")] and notes == []


def test_unknown_duplicate_and_missing_answers_are_noted_and_every_thread_gets_one():
    answers, notes = settle(
        rev(
            {"thread_id": 9, "verdict": "fixed", "reply": "?"},
            {"thread_id": 1, "verdict": "fixed", "reply": "first"},
            {"thread_id": 1, "verdict": "declined", "reply": "second"},
        ),
        [thread(1), thread(2)],
    )
    assert [(a.thread_id, a.verdict, a.from_model) for a in answers] == [
        (1, "fixed", True),
        (2, "question", False),
    ]
    assert answers[0].reply == "first"
    assert (
        any("thread 9" in n for n in notes)
        and any("twice" in n for n in notes)
        and any("thread 2" in n for n in notes)
    )


def test_without_a_commit_no_answer_claims_a_fix():
    [a] = without_commit([Answered(thread_id=1, verdict="fixed", reply="done")])
    assert a.verdict == "question" and "No change was committed" in a.reply


def test_replies_name_the_commit_and_are_defanged():
    fixed = reply_text(
        Answered(thread_id=1, verdict="fixed", reply="Done, @alice ![x](http://evil/i.png)"), "abc123"
    )
    assert fixed.startswith("**Fixed** in abc123.") and "@\u200balice" in fixed
    assert "http://evil" not in fixed and "(image removed)" in fixed
    assert reply_text(Answered(thread_id=1, verdict="declined", reply="no")).startswith("**Not changed.** no")
    assert reply_text(Answered(thread_id=1, verdict="question", reply="which?")).startswith(
        "**Question.** which?"
    )


def test_the_revision_schema_keeps_the_plan_fields_and_adds_the_answers():
    fields = Revision.model_json_schema()["properties"]
    assert {"actionable", "summary", "title", "changes", "answers"} <= set(fields)
    assert "by its id" in fields["answers"]["description"]
