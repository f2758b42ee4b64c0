"""Which pull requests and actors a follow-up is refused for, by construction (review.gate)."""

from __future__ import annotations

import pytest

from booty.review.gate import booty_issue, closed_reason, ignored_actor, not_booty_reason
from booty.review.models import FollowUpRequest, PullInfo


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
