"""Whether a follow-up request may proceed: is the pull request Booty's, is it still open, and is
the person asking someone Booty answers? Pure decisions on what was read from GitHub."""

from __future__ import annotations

import re

from booty.publish.texts import BOT_NAME, branch_name
from booty.review.events import command_text, review_starts_run
from booty.review.models import FollowUpRequest, PullInfo, Review

_MARKER = re.compile(r"<!-- booty:pr issue=(\d+) -->")


def booty_issue(pr: PullInfo, repository: str) -> int | None:
    """The issue a pull request of Booty's is for: its hidden marker names the issue, its head is
    ``agent/issue-<N>`` for the same issue, in this repository (not a fork). None otherwise."""
    found = _MARKER.search(pr.body or "")
    if found is None:
        return None
    number = int(found.group(1))
    if pr.head != branch_name(number) or pr.head_repo.lower() != repository.lower():
        return None
    return number


def not_booty_reason(pr: PullInfo, repository: str) -> str:
    """Why ``pr`` is not one Booty answers follow-ups on (for the skip notice)."""
    if not _MARKER.search(pr.body or ""):
        return f"#{pr.number} was not opened by Booty (its body has no Booty marker); Booty revises only its own pull requests."
    if not pr.head_repo:
        return f"#{pr.number}'s head repository is gone (deleted fork or branch); there is nothing Booty can push to."
    if pr.head_repo.lower() != repository.lower():
        return f"#{pr.number} comes from the fork {pr.head_repo}; Booty pushes only to its own branches in {repository}."
    return f"#{pr.number}'s head branch `{pr.head}` is not the one its marker names; Booty revises only its agent/issue-<N> branches."


def closed_reason(pr: PullInfo) -> str | None:
    if pr.merged:
        return f"#{pr.number} is already merged; open a new issue for further changes."
    if pr.state != "open":
        return f"#{pr.number} is {pr.state}; reopen it to ask Booty for a revision."
    return None


def ignored_actor(request: FollowUpRequest, pr: PullInfo) -> str | None:
    """Why the request's author is ignored by construction, or None. Bots, Booty's own bot and the
    token's account (the one that opened the pull request) never start a follow-up, so that
    nothing Booty writes can start Booty again."""
    if request.actor_is_bot or request.actor.endswith("[bot]") or request.actor == BOT_NAME:
        return f"@{request.actor} is a bot; follow-ups are taken from people only."
    if request.actor.lower() == pr.author.lower():
        return f"@{request.actor} opened this pull request with Booty's token; Booty does not answer itself."
    return None


def inline_command(request: FollowUpRequest, reviews: list[Review]) -> FollowUpRequest | str:
    """For an inline ``/booty`` comment's request: its review's request, or why there is none.

    Every event of one review is the same request (key ``review-<id>``): the review's own event and
    each inline ``/booty`` comment's. Whichever runs first answers the review; the others find the
    round in the tracking comment and skip. (GitHub keeps one pending run per concurrency group and
    cancels the older one, so no particular event of a review can be counted on to run.)"""
    review = next((r for r in reviews if r.id == request.review_id), None)
    if review is None:
        return f"review {request.review_id} is not among the pull request's submitted reviews; nothing to answer yet."
    if review_starts_run(review.state, review.body):  # as its own pull_request_review event would ask
        command = command_text(review.body)
        return request.model_copy(
            update={
                "review_state": review.state.lower(),
                "instruction": review.body if command is None else command,
            }
        )
    return request.model_copy(update={"review_state": "inline", "instruction": review.body})
