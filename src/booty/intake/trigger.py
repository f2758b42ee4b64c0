"""Decide from the event whether this run is a Booty request, for which issue, and who asked;
and which repository it is for."""

from __future__ import annotations

import re
from typing import Any

from booty.errors import ConfigError, EventError
from booty.models import Skip, Trigger

COMMAND = "/booty"
_OWNER = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
_NAME = re.compile(r"[A-Za-z0-9._-]+")
_EXPECTED = "expected `owner/name`: one slash between the account and the repository, e.g. octo-org/demo"


def read_trigger(
    event_name: str,
    payload: Any,
    *,
    trigger_label: str,
    issue_number_input: int | None,
    runner_actor: str = "",
) -> Trigger | Skip:
    """Map a GitHub event to a Trigger, or a Skip with a one-line reason. Raises EventError.

    ``runner_actor`` (GITHUB_ACTOR) is who asked when the payload has no sender: a scheduled run,
    whose actor GitHub documents as the person who last changed the workflow's cron schedule."""
    if not isinstance(payload, dict):
        raise EventError("The event payload is not a JSON object.")
    sender = payload.get("sender") or ({"login": runner_actor} if event_name == "schedule" else {})
    actor = str(sender.get("login") or "")
    is_bot = sender.get("type") == "Bot" or actor.endswith("[bot]")

    def trigger(number: Any) -> Trigger:
        if not actor:
            raise EventError("The event payload has no sender, so Booty cannot check who asked for the run.")
        return Trigger(
            issue_number=_issue_number(number),
            actor=actor,
            actor_is_bot=is_bot,
            event_name=event_name,
        )

    if event_name == "workflow_dispatch":
        inputs = payload.get("inputs") or {}
        number = inputs.get("issue_number") or issue_number_input
        if number in (None, ""):
            raise EventError("workflow_dispatch needs an issue number: set the `issue_number` input.")
        return trigger(number)

    if event_name == "schedule":  # a backlog sweep on a schedule: each matrix job names its issue
        if issue_number_input is None:
            return Skip(
                reason="a scheduled run names no issue; set the `issue_number` input (the sweep does)."
            )
        return trigger(issue_number_input)

    if event_name in ("issues", "issue_comment"):
        issue = _require(payload, "issue")
        if issue.get("pull_request"):
            return Skip(
                reason=f"#{issue.get('number')} is a pull request, not an issue; Booty works on issues."
            )
        action = payload.get("action")
        if event_name == "issues":
            if action != "labeled":
                return Skip(reason=f"issues/{action} is not a Booty trigger (only 'labeled' is).")
            label = str((payload.get("label") or {}).get("name") or "")
            if label != trigger_label:
                return Skip(reason=f"label '{label}' is not the trigger label '{trigger_label}'.")
            return trigger(issue.get("number"))
        comment = _require(payload, "comment")
        first_line = str(comment.get("body") or "").strip().splitlines()[:1]
        if action != "created" or not first_line or first_line[0].split()[:1] != [COMMAND]:
            return Skip(reason=f"the comment is not a `{COMMAND}` command.")
        return trigger(issue.get("number"))

    return Skip(reason=f"event '{event_name or 'unknown'}' is not a Booty trigger.")


def _require(payload: dict[str, Any], key: str) -> dict[str, Any]:
    value = payload.get(key)
    if not isinstance(value, dict):
        raise EventError(f"The event payload has no '{key}' object.")
    return value


def default_branch_of(payload: Any) -> str | None:
    """``repository.default_branch`` of the event payload (every repository event carries it), so
    the run need not ask GitHub; None when the payload has none and the host must be asked."""
    repository = payload.get("repository") if isinstance(payload, dict) else None
    branch = repository.get("default_branch") if isinstance(repository, dict) else None
    return branch if isinstance(branch, str) and branch.strip() and len(branch) <= 255 else None


def _issue_number(value: Any) -> int:
    if value in (None, ""):
        raise EventError("The event payload names no issue number.")
    try:
        number = int(str(value).strip().lstrip("#"))
    except (TypeError, ValueError):
        raise EventError(f"'{value}' is not an issue number.") from None
    if number <= 0:
        raise EventError(f"'{value}' is not an issue number.")
    return number


def repository_of(value: str, payload: Any) -> str:
    """``GITHUB_REPOSITORY`` once it is a well-formed ``owner/name`` naming the event's repository
    (``repository.full_name``, when the payload has one); otherwise a ConfigError naming the
    variable and what was expected. Checked before any API call: a malformed name must not reach
    a URL, nor end as a false statement about who asked."""
    if not value:
        raise ConfigError(
            "GITHUB_REPOSITORY is not set; Booty must run inside GitHub Actions (or use `booty run`)."
        )
    shown = repr(value[:100])
    parts = value.split("/")
    if len(parts) != 2:
        found = "no slash" if len(parts) == 1 else f"{len(parts)} segments"
        raise ConfigError(f"GITHUB_REPOSITORY is {shown}, which has {found}; {_EXPECTED}.")
    owner, name = parts
    if name in (".", "..") or owner in (".", ".."):
        raise ConfigError(
            f"GITHUB_REPOSITORY is {shown}, which names '.' or '..' for a segment; {_EXPECTED}."
        )
    if not (_OWNER.fullmatch(owner) and _NAME.fullmatch(name)):
        raise ConfigError(
            f"GITHUB_REPOSITORY is {shown}, which holds a character GitHub does not allow in an account or "
            f"repository name (letters, digits, '-', '_' and, in the name, '.'); {_EXPECTED}."
        )
    repository = payload.get("repository") if isinstance(payload, dict) else None
    full_name = repository.get("full_name") if isinstance(repository, dict) else None
    if full_name is not None and str(full_name).lower() != value.lower():
        raise ConfigError(
            f"GITHUB_REPOSITORY is {shown}, but the event payload is for {str(full_name)[:100]!r} "
            "(repository.full_name); expected both to name the same repository."
        )
    return value
