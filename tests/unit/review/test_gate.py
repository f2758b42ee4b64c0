"""Which pull requests and actors a follow-up is refused for, by construction (review.gate)."""

from __future__ import annotations

import pytest

from booty.review.gate import booty_issue, closed_reason, ignored_actor, inline_command, not_booty_reason
from booty.review.models import FollowUpRequest, PullInfo, Review, ReviewComment


def pull(**overrides):
    base = dict(
        number=5,
        title="t",
        body="text\n<!-- booty:pr issue=3 -->",
        state="open",
        merged=False,
        author="github-actions[bot]",
        head="agent/issue-3",
        head_sha="a" * 40,
        head_repo="octo/demo",
        base="main",
        url="u",
    )
    return PullInfo(**{**base, **overrides})


def test_only_booty_pull_requests_in_the_same_repository_are_answered():
    assert booty_issue(pull(), "octo/demo") == 3 and booty_issue(pull(), "OCTO/Demo") == 3
    assert booty_issue(pull(body="no marker"), "octo/demo") is None
    assert booty_issue(pull(head="agent/issue-4"), "octo/demo") is None  # marker and branch disagree
    assert booty_issue(pull(head_repo="mallory/demo"), "octo/demo") is None
    assert "fork" in not_booty_reason(pull(head_repo="mallory/demo"), "octo/demo")
    assert "not opened by Booty" in not_booty_reason(pull(body="x"), "octo/demo")
    assert "gone" in not_booty_reason(pull(head_repo=""), "octo/demo")


def test_closed_and_merged_pull_requests_are_not_revised():
    assert closed_reason(pull()) is None
    assert "merged" in closed_reason(pull(state="closed", merged=True))
    assert "closed" in closed_reason(pull(state="closed"))


@pytest.mark.parametrize(
    "actor,is_bot",
    [
        ("dependabot[bot]", False),
        ("ci-robot", True),
        ("github-actions[bot]", False),
        ("github-actions[bot]", True),
    ],
)
def test_bots_never_start_a_follow_up(actor, is_bot):
    request = FollowUpRequest(
        pr_number=5, actor=actor, actor_is_bot=is_bot, event_name="pull_request_review", review_id=1
    )
    assert ignored_actor(request, pull()) is not None


def test_the_token_account_never_starts_a_follow_up():
    request = FollowUpRequest(pr_number=5, actor="Booty-PAT-User", event_name="issue_comment", comment_id=1)
    assert "Booty's token" in ignored_actor(request, pull(author="booty-pat-user"))
    assert ignored_actor(request.model_copy(update={"actor": "alice"}), pull()) is None


def _inline(comment_id: int) -> FollowUpRequest:
    return FollowUpRequest(
        pr_number=5,
        actor="alice",
        event_name="pull_request_review_comment",
        review_id=77,
        review_comment_id=comment_id,
    )


def _comment(comment_id: int, body: str, review_id: int = 77) -> ReviewComment:
    return ReviewComment(
        id=comment_id, review_id=review_id, in_reply_to=None, author="alice", body=body, path="a.py"
    )


def test_the_first_inline_booty_comment_of_a_commenting_review_is_its_one_run():
    reviews = [Review(id=77, author="alice", state="COMMENTED", body="")]
    comments = [
        _comment(2, "/booty in another review", 76),
        _comment(3, "an aside"),
        _comment(4, "/booty x"),
        _comment(5, "/booty y"),
    ]
    got = inline_command(_inline(4), reviews, comments)
    assert isinstance(got, FollowUpRequest) and got.review_state == "inline" and got.key == "review-77"
    later = inline_command(_inline(5), reviews, comments)
    assert isinstance(later, str) and "(comment 4)" in later


def test_an_inline_booty_comment_of_a_review_with_its_own_run_or_no_review_is_skipped():
    comments = [_comment(4, "/booty x")]
    for state, body in (("CHANGES_REQUESTED", ""), ("COMMENTED", "/booty do it")):
        got = inline_command(_inline(4), [Review(id=77, author="alice", state=state, body=body)], comments)
        assert isinstance(got, str) and "own pull_request_review event" in got
    assert "not among" in inline_command(_inline(4), [], comments)
