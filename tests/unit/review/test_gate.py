"""Which pull requests and actors a follow-up is refused for, by construction (review.gate)."""

from __future__ import annotations

import pytest

from booty.review.gate import booty_issue, closed_reason, ignored_actor, inline_command, not_booty_reason
from booty.review.models import FollowUpRequest, PullInfo, Review


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


def test_an_inline_booty_comment_of_a_commenting_review_asks_for_the_review_round():
    got = inline_command(
        _inline(4),
        [
            Review(id=76, author="bob", state="COMMENTED"),
            Review(id=77, author="alice", state="COMMENTED", body=""),
        ],
    )
    assert isinstance(got, FollowUpRequest) and got.review_state == "inline" and got.instruction == ""
    assert got.key == "review-77"  # every /booty comment of the review, and the review's own event: one key


def test_an_inline_booty_comment_of_a_review_with_its_own_run_asks_what_that_run_would():
    changes = inline_command(
        _inline(4), [Review(id=77, author="alice", state="CHANGES_REQUESTED", body="Fix it.")]
    )
    assert isinstance(changes, FollowUpRequest)
    assert (changes.review_state, changes.instruction, changes.key) == (
        "changes_requested",
        "Fix it.",
        "review-77",
    )
    command = inline_command(
        _inline(4), [Review(id=77, author="alice", state="COMMENTED", body="/booty do it")]
    )
    assert isinstance(command, FollowUpRequest) and (command.review_state, command.instruction) == (
        "commented",
        "do it",
    )


def test_an_inline_booty_comment_of_an_unknown_review_is_skipped():
    assert "not among" in inline_command(_inline(4), [])
