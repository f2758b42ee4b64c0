"""Translate PyGithub and HTTP failures into ``booty.errors``, with messages a maintainer can act on.

``GitHubCodeHost`` wraps each call in ``ErrorTranslator.__call__(what, doing=..., needs=...)``:

    with self._errors("issue #12", doing="read", needs="issues: read"):
        ...

``what`` names the object ("issue #12"), ``doing`` the verb, ``needs`` the workflow permission the
call requires. GitHub's words pass through the run's scrubber (the token and every other known secret).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from http import HTTPStatus

import requests
from github import BadAttributeException, GithubException, RateLimitExceededException

from booty.errors import CodeHostError, NotFound, PermissionDenied
from booty.scrubbing import Scrubber

ACTIONS_MAY_NOT_CREATE_PRS = "not permitted to create or approve pull requests"
ACTIONS_SETTING_FIX = (
    "Settings → Actions → General → Workflow permissions → check "
    "'Allow GitHub Actions to create and approve pull requests'"
)


class ErrorTranslator:
    def __init__(self, *, repository: str, api_url: str, scrubber: Scrubber) -> None:
        self._repository = repository
        self._api_url = api_url
        self._scrubber = scrubber

    @contextmanager
    def __call__(self, what: str, *, doing: str, needs: str) -> Iterator[None]:
        try:
            yield
        except GithubException as error:
            raise self._translate(error, what, doing, needs) from None
        except BadAttributeException as error:  # PyGithub's type check of an answer failed
            raise CodeHostError(
                f"GitHub answered with unexpected data when Booty tried to {doing} {what} "
                f"(expected {error.expected_type}, got {error.actual_value!r})."
            ) from None
        except requests.RequestException as error:  # connection refused, timeout, retries exhausted
            raise CodeHostError(
                f"Booty could not reach GitHub at {self._api_url} to {doing} {what} "
                f"({type(error).__name__}). Re-run the workflow; if it persists, check GitHub's status page."
            ) from None

    def _translate(self, error: GithubException, what: str, doing: str, needs: str) -> CodeHostError:
        status = error.status
        message = self._scrubber.scrub(_github_message(error))
        shown = message or _phrase(status)
        if status == 401:
            return CodeHostError(
                "the GitHub token was rejected (401 Bad credentials). Check the github_token input: it must "
                "be the workflow's GITHUB_TOKEN or a valid personal access / GitHub App token."
            )
        if status == 404:
            return NotFound(
                f"{what} was not found in {self._repository} (GitHub answered 404). "
                "If it exists, the token cannot see it."
            )
        if isinstance(error, RateLimitExceededException) or status == 429 or _rate_limited_403(error):
            wait = getattr(error, "wait", None)  # set when the reset was too far away to wait for
            when = f" in about {max(1, round(wait / 60))} minutes" if wait else " later"
            details = f" ({message})" if message else ""
            return CodeHostError(
                f"GitHub's rate limit stopped Booty from trying to {doing} {what}{details}. "
                f"Re-run the workflow{when}."
            )
        if status == 403 and ACTIONS_MAY_NOT_CREATE_PRS in message.lower():
            return PermissionDenied(
                f"GitHub Actions is not permitted to create pull requests in {self._repository}. "
                f"A repository admin can allow it: {ACTIONS_SETTING_FIX} (if the box is greyed out, an "
                "organization owner must first allow it in the organization's Actions settings). "
                "Alternatively pass a personal access token or GitHub App token as github_token."
            )
        if status == 403 and "locked" in message.lower():
            return CodeHostError(
                f"GitHub refused to let Booty {doing} {what}: the issue is locked (403: {shown})."
            )
        if status == 403:
            return PermissionDenied(
                f"GitHub refused to let Booty {doing} {what} (403: {shown}). The token lacks a permission: "
                f"add `permissions: {needs}` to the workflow job (or use a token that has it)."
            )
        if status == 422:
            return CodeHostError(f"GitHub rejected the request to {doing} {what} (422): {shown}")
        if status >= 500:
            return CodeHostError(
                f"GitHub failed to {doing} {what} ({status}: {shown}), also after retrying where that "
                "was safe. This is usually temporary: re-run the workflow."
            )
        return CodeHostError(f"GitHub answered {status} when Booty tried to {doing} {what}: {shown}")


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "no details"


def _rate_limited_403(error: GithubException) -> bool:
    """A 403 that is a rate limit although PyGithub did not classify it as one.

    After the last retry of a rate-limited request the body is gone (GithubRetry read it to decide),
    so an empty 403 is a rate limit too, as is one with Retry-After or no primary quota left.
    """
    headers = {k.lower(): v for k, v in (error.headers or {}).items()}
    empty = not error.data or (isinstance(error.data, dict) and not error.data.get("message"))
    return error.status == 403 and (
        empty or "retry-after" in headers or headers.get("x-ratelimit-remaining") == "0"
    )


def _github_message(error: GithubException) -> str:
    """GitHub's ``message`` plus the per-field ``errors`` it lists on 422s."""
    data = error.data
    if not isinstance(data, dict):
        return str(data or error.message or "")
    parts = [str(data.get("message") or error.message or "")]
    for item in data.get("errors") or []:
        detail = item.get("message") or " ".join(str(item.get(k, "")) for k in ("resource", "field", "code"))
        parts.append(str(detail).strip())
    return "; ".join(part for part in parts if part)
