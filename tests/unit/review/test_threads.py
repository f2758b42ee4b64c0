"""Review comments into threads, which threads a round answers, and who is asked to review again."""

from __future__ import annotations

from booty.review.models import FollowUpRequest, Review, ReviewComment
from booty.review.threads import (
    oversized,
    reviewers_to_ask,
    threads_of,
    to_answer,
    with_resolution,
    writers_only,
)

BOOTY = {"github-actions[bot]"}


def c(id, *, reply_to=None, review=1, author="alice", writer=True, body="b", at="", **more):
    return ReviewComment(
        id=id,
        review_id=review,
        in_reply_to=reply_to,
        author=author,
        author_is_writer=writer,
        author_is_bot=author.endswith("[bot]"),
        body=body,
        path=more.pop("path", "a.py"),
        created_at=at or f"2026-01-01T00:00:{id:02d}Z",
        **more,
    )


def req(review_id=None):
    return FollowUpRequest(
        pr_number=5,
        actor="alice",
        event_name="pull_request_review" if review_id else "issue_comment",
        review_id=review_id,
        comment_id=None if review_id else 9,
    )


def test_replies_join_the_thread_of_their_first_comment_in_order():
    threads = threads_of([c(3, reply_to=1), c(1), c(2), c(4, reply_to=2)])
    assert [(t.id, [x.id for x in t.comments]) for t in threads] == [(1, [1, 3]), (2, [2, 4])]


def test_a_reply_whose_first_comment_is_gone_forms_no_thread():
    assert threads_of([c(5, reply_to=4)]) == []


def test_a_round_answers_the_threads_of_its_review_and_those_waiting_for_an_answer():
    threads = threads_of(
        [
            c(1, review=10),  # in this review
            c(2, review=9),
            c(3, review=11, reply_to=2, author="github-actions[bot]", writer=False),  # answered by Booty
            c(4, review=9),
            c(5, review=12, reply_to=4, author="bob"),  # a writer's follow-up, unanswered
            c(6, review=9, author="eve", writer=False),  # a non-writer's thread
        ]
    )
    assert [t.id for t in to_answer(threads, req(10), BOOTY)] == [1, 4]
    assert [t.id for t in to_answer(threads, req(), BOOTY)] == [
        1,
        4,
    ]  # a /booty comment: every waiting thread


def test_a_resolved_thread_is_not_answered():
    threads = with_resolution(threads_of([c(1, review=10)]), {1: (True, "PRRT_1")})
    assert threads[0].node_id == "PRRT_1" and to_answer(threads, req(10), BOOTY) == []


def test_non_writers_comments_are_left_out_but_booty_replies_stay():
    [thread] = threads_of(
        [
            c(1),
            c(2, reply_to=1, author="eve", writer=False),
            c(3, reply_to=1, author="github-actions[bot]", writer=False),
        ]
    )
    assert [x.id for x in writers_only(thread, BOOTY).comments] == [1, 3]


def test_outdated_threads_and_their_original_lines():
    [thread] = threads_of([c(1, line=None, original_line=12, original_start_line=10)])
    assert thread.outdated and thread.lines == (10, 12)
    [current] = threads_of([c(1, line=7, start_line=5)])
    assert not current.outdated and current.lines == (5, 7)
    [whole] = threads_of([c(1, subject_type="file")])
    assert not whole.outdated


def test_reviewers_still_requesting_changes_are_asked_again():
    reviews = [
        Review(id=1, author="alice", state="CHANGES_REQUESTED"),
        Review(id=2, author="bob", state="CHANGES_REQUESTED"),
        Review(id=3, author="alice", state="COMMENTED"),
        Review(id=4, author="bob", state="APPROVED"),
        Review(id=5, author="github-actions[bot]", state="CHANGES_REQUESTED"),
        Review(id=6, author="carol", state="CHANGES_REQUESTED"),
        Review(id=7, author="carol", state="DISMISSED"),
    ]
    assert reviewers_to_ask(reviews, BOOTY) == ["alice"]


def test_a_review_over_256_kib_is_oversized():
    big = FollowUpRequest(
        pr_number=5, actor="a", event_name="issue_comment", comment_id=1, instruction="x" * 300_000
    )
    assert "300,000 bytes" in oversized(big, [])
    assert oversized(big.model_copy(update={"instruction": "x"}), threads_of([c(1, body="y" * 1000)])) is None
