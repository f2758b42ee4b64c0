"""Which events ask Booty to revise a pull request, and who asked. Pure: payload in, request out.

A submitted review that requests changes (or comments with a body starting ``/booty``) and a
``/booty`` comment on a pull request are requests. The ``pull_request_review_comment`` events a
review fires, one per inline comment, are not: the review's own event answers them all, once.

GitHub's ``pull_request_review`` event carries the review's body only; a review whose text is all
in its inline comments (every "Add single comment" is one) arrives with an empty body. So an inline
comment that starts with ``/booty`` is a request of its review, keyed by the review like the
review's own event (``review.gate.inline_command``): whichever of them runs first answers the review.
"""

from __future__ import annotations

from typing import Any

from booty.errors import EventError
from booty.intake.trigger import COMMAND
from booty.models import Skip
from booty.review.models import FollowUpRequest, ReviewEvent

REVIEW_EVENTS = ("pull_request_review", "pull_request_review_comment")


def is_pull_request_event(event_name: str, payload: Any) -> bool:
    """True for events about a pull request, which ``read_follow_up`` decides (issue events are not)."""
    if event_name in REVIEW_EVENTS:
        return True
    issue = payload.get("issue") if isinstance(payload, dict) else None
    return event_name == "issue_comment" and isinstance(issue, dict) and bool(issue.get("pull_request"))


def read_follow_up(event_name: str, payload: Any) -> FollowUpRequest | Skip:
    """The follow-up request an event on a pull request makes, or a Skip with a one-line reason."""
    if not isinstance(payload, dict):
        raise EventError("The event payload is not a JSON object.")
    action = payload.get("action")
    if event_name == "pull_request_review_comment":
        comment = _object(payload, "comment")
        review = comment.get("pull_request_review_id")
        command = command_text(str(comment.get("body") or ""))
        if action != "created" or command is None or review is None:
            return Skip(
                reason=f"review comment {comment.get('id')} belongs to review {review}: the review's own "
                "pull_request_review event starts the one run that answers all its comments."
            )
        return _request(
            payload,
            "pull_request_review_comment",
            _object(payload, "pull_request").get("number"),
            review_id=_id(review, "review"),
            review_comment_id=_id(comment.get("id"), "review comment"),
        )
    if event_name == "pull_request_review":
        review = _object(payload, "review")
        number = _object(payload, "pull_request").get("number")
        if action != "submitted":
            return Skip(reason=f"pull_request_review/{action} is not a Booty trigger (only 'submitted' is).")
        state = str(
            review.get("state") or ""
        ).lower()  # webhooks say changes_requested, the REST API CHANGES_REQUESTED
        body = str(review.get("body") or "")
        command = command_text(body)
        if not review_starts_run(state, body):
            return Skip(
                reason=f"a review that is '{state or 'unknown'}' without a `{COMMAND}` command asks Booty for nothing."
            )
        return _request(
            payload,
            "pull_request_review",
            number,
            review_id=_id(review.get("id"), "review"),
            review_state=state,
            instruction=body if command is None else command,
        )
    if event_name == "issue_comment":
        comment = _object(payload, "comment")
        command = command_text(str(comment.get("body") or ""))
        if action != "created" or command is None:
            return Skip(reason=f"the comment is not a `{COMMAND}` command.")
        number = _object(payload, "issue").get("number")
        return _request(
            payload,
            "issue_comment",
            number,
            comment_id=_id(comment.get("id"), "comment"),
            instruction=command,
        )
    return Skip(reason=f"event '{event_name or 'unknown'}' is not a Booty trigger.")


def review_starts_run(state: str, body: str) -> bool:
    """Whether a submitted review's own event is a request: it requests changes, or it comments
    with a body that starts with ``/booty``. (``state`` in either spelling, webhook or REST.)"""
    state = state.lower()
    return state == "changes_requested" or (state == "commented" and command_text(body) is not None)


def command_text(body: str) -> str | None:
    """What follows ``/booty`` when the text starts with the command ('' for the bare command); None otherwise."""
    text = body.strip()
    first = text.split(maxsplit=1)
    if not first or first[0] != COMMAND:
        return None
    return text[len(COMMAND) :].strip()


def _request(payload: dict[str, Any], event_name: ReviewEvent, number: Any, **fields: Any) -> FollowUpRequest:
    sender = payload.get("sender") or {}
    actor = str(sender.get("login") or "")
    if not actor:
        raise EventError("The event payload has no sender, so Booty cannot check who asked for the run.")
    return FollowUpRequest(
        pr_number=_id(number, "pull request number"),
        actor=actor,
        actor_is_bot=sender.get("type") == "Bot" or actor.endswith("[bot]"),
        event_name=event_name,
        **fields,
    )


def _object(payload: dict[str, Any], key: str) -> dict[str, Any]:
    value = payload.get(key)
    if not isinstance(value, dict):
        raise EventError(f"The event payload has no '{key}' object.")
    return value


def _id(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        try:
            number = int(str(value))
        except (TypeError, ValueError):
            raise EventError(f"The event payload names no valid {what} ({value!r}).") from None
        if number <= 0:
            raise EventError(f"The event payload names no valid {what} ({value!r}).")
        return number
    return value
