"""Which events on a pull request ask Booty for a revision (review.events)."""

from __future__ import annotations

import pytest

from booty.errors import EventError
from booty.models import Skip
from booty.review.events import command_text, is_pull_request_event, read_follow_up
from booty.review.models import FollowUpRequest


def review(
    state="changes_requested", body="Please rename it.", action="submitted", login="alice", kind="User"
):
    return {
        "action": action,
        "review": {"id": 77, "state": state, "body": body, "user": {"login": login, "type": kind}},
        "pull_request": {"number": 5},
        "sender": {"login": login, "type": kind},
    }


def pr_comment(body="/booty rename divide to quotient", action="created", login="alice"):
    return {
        "action": action,
        "issue": {"number": 5, "pull_request": {"url": "x"}},
        "comment": {"id": 901, "body": body, "user": {"login": login}},
        "sender": {"login": login, "type": "User"},
    }


def test_a_review_requesting_changes_is_one_request_keyed_by_the_review():
    got = read_follow_up("pull_request_review", review())
    assert got == FollowUpRequest(
        pr_number=5,
        actor="alice",
        event_name="pull_request_review",
        review_id=77,
        review_state="changes_requested",
        instruction="Please rename it.",
    )
    assert got.key == "review-77"


def test_a_commenting_review_counts_only_with_the_command():
    got = read_follow_up(
        "pull_request_review", review(state="commented", body="/booty  add a test\nfor zero")
    )
    assert isinstance(got, FollowUpRequest) and got.instruction == "add a test\nfor zero"
    assert isinstance(read_follow_up("pull_request_review", review(state="commented", body="nice")), Skip)
    assert isinstance(read_follow_up("pull_request_review", review(state="approved", body="/booty x")), Skip)


def test_the_webhook_and_rest_spellings_of_the_state_are_the_same():
    assert isinstance(
        read_follow_up("pull_request_review", review(state="CHANGES_REQUESTED")), FollowUpRequest
    )


@pytest.mark.parametrize("action", ["edited", "dismissed"])
def test_other_review_actions_are_skipped(action):
    got = read_follow_up("pull_request_review", review(action=action))
    assert isinstance(got, Skip) and action in got.reason


def test_each_comment_event_of_a_review_is_skipped_naming_its_review():
    payload = {
        "action": "created",
        "comment": {"id": 3, "pull_request_review_id": 77},
        "pull_request": {"number": 5},
        "sender": {"login": "alice", "type": "User"},
    }
    got = read_follow_up("pull_request_review_comment", payload)
    assert isinstance(got, Skip) and "review 77" in got.reason


def test_an_inline_booty_comment_is_a_request_of_its_review():
    payload = {
        "action": "created",
        "comment": {"id": 3, "pull_request_review_id": 77, "body": "/booty use a constant here"},
        "pull_request": {"number": 5},
        "sender": {"login": "alice", "type": "User"},
    }
    got = read_follow_up("pull_request_review_comment", payload)
    assert got == FollowUpRequest(
        pr_number=5,
        actor="alice",
        event_name="pull_request_review_comment",
        review_id=77,
        review_comment_id=3,
    )
    assert got.key == "review-77"  # the same key as the review's own event: one run per review
    edited = read_follow_up("pull_request_review_comment", {**payload, "action": "edited"})
    assert isinstance(edited, Skip)


def test_a_booty_comment_on_a_pull_request_is_a_request():
    got = read_follow_up("issue_comment", pr_comment())
    assert got == FollowUpRequest(
        pr_number=5,
        actor="alice",
        event_name="issue_comment",
        comment_id=901,
        instruction="rename divide to quotient",
    )
    assert got.key == "comment-901"


def test_other_comments_on_a_pull_request_are_skipped():
    assert isinstance(read_follow_up("issue_comment", pr_comment(body="LGTM /booty")), Skip)
    assert isinstance(read_follow_up("issue_comment", pr_comment(body="/bootyfoo")), Skip)
    assert isinstance(read_follow_up("issue_comment", pr_comment(action="edited")), Skip)


def test_the_bare_command_has_empty_text():
    assert (
        command_text("/booty") == "" and command_text("  /booty \n") == "" and command_text("booty") is None
    )


def test_which_events_belong_to_pull_requests():
    assert is_pull_request_event("pull_request_review", {}) and is_pull_request_event(
        "pull_request_review_comment", {}
    )
    assert is_pull_request_event("issue_comment", pr_comment())
    assert not is_pull_request_event("issue_comment", {"issue": {"number": 1}})
    assert not is_pull_request_event("issues", {"issue": {"number": 1, "pull_request": {}}})


def test_a_payload_without_sender_or_review_is_an_event_error():
    with pytest.raises(EventError):
        read_follow_up("pull_request_review", {**review(), "sender": {}})
    with pytest.raises(EventError):
        read_follow_up("pull_request_review", {"action": "submitted", "pull_request": {"number": 5}})
    with pytest.raises(EventError):
        read_follow_up("pull_request_review", {**review(), "pull_request": {"number": "x"}})
