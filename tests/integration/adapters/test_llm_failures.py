"""The ONE place that decides the model's retries: each failure the anthropic SDK raises becomes a wait
before the next attempt or a ModelError written for a maintainer, never holding the API key."""

from __future__ import annotations

import anthropic
import httpx2
import pytest

from booty.adapters.llm_failures import MAX_WAIT_S, IncompleteAnswer, RetryPolicy
from booty.errors import ModelError

KEY = "sk-ant-api03-secret-key-for-tests"
REQUEST = httpx2.Request("POST", "https://api.anthropic.com/v1/messages")
POLICY = RetryPolicy(
    attempts=3, backoff_s=0.5, timeout_s=10, secret=KEY, model="claude-sonnet-5-5", where="the Anthropic API"
)


def status(code: int, kind: str, message: str, **headers: str) -> anthropic.APIStatusError:
    body = {"type": "error", "error": {"type": kind, "message": message}}
    response = httpx2.Response(code, json=body, headers=headers, request=REQUEST)
    return anthropic.APIStatusError(message, response=response, body=body)


def refused(exc: BaseException, attempt: int = 1) -> str:
    with pytest.raises(ModelError) as raised:
        POLICY.delay(attempt, exc)
    return str(raised.value)


@pytest.mark.parametrize(
    "exc",
    [
        status(529, "overloaded_error", "Overloaded"),
        status(500, "api_error", "Internal"),
        status(408, "timeout_error", "t"),
        IncompleteAnswer(),
        anthropic.APIConnectionError(request=REQUEST),
        anthropic.APITimeoutError(request=REQUEST),
        httpx2.ReadTimeout("stalled", request=REQUEST),
        httpx2.RemoteProtocolError("peer closed", request=REQUEST),
    ],
    ids=lambda exc: type(exc).__name__,
)
def test_transient_failures_back_off_exponentially(exc):
    assert [POLICY.delay(attempt, exc) for attempt in (1, 2)] == [0.5, 1.0]


def test_the_servers_retry_after_is_honoured_up_to_the_longest_wait():
    assert POLICY.delay(1, status(429, "rate_limit_error", "slow", **{"retry-after": "3"})) == 3.0
    assert POLICY.delay(1, status(503, "api_error", "x", **{"retry-after-ms": "250"})) == 0.25
    message = refused(status(429, "rate_limit_error", "slow", **{"retry-after": f"{MAX_WAIT_S * 2:g}"}))
    assert "rate-limited" in message and "asks to wait 120 s" in message


def test_the_last_attempt_gives_up_with_what_happened_and_never_the_key():
    message = refused(
        status(500, "api_error", f"Internal error near {KEY}", **{"request-id": "req_42"}), attempt=3
    )
    assert (
        "gave up after 3 attempts" in message
        and "HTTP 500 api_error" in message
        and "request id req_42" in message
    )
    assert KEY not in message


@pytest.mark.parametrize(
    "exc, says",
    [(status(401, "authentication_error", "invalid x-api-key"), "anthropic_api_key was rejected"),
     (status(403, "permission_error", "no"), "may not use model 'claude-sonnet-5-5'"),
     (status(404, "not_found_error", "model: claude-sonnet-5-5"), "does not know the model"),
     (status(400, "invalid_request_error", "max_tokens: too large"), "Anthropic rejected the request")],
)  # fmt: skip
def test_refusals_are_not_retried_and_say_what_to_check(exc, says):
    assert says in refused(exc) and "gave up" not in refused(exc)


def test_the_servers_should_retry_header_overrides_the_status():
    assert POLICY.delay(1, status(400, "invalid_request_error", "bad", **{"x-should-retry": "true"})) == 0.5
    message = refused(status(500, "api_error", "x", **{"x-should-retry": "false"}))
    assert (
        message.startswith("Claude could not be used: Anthropic rejected the request (HTTP 500")
        and "gave up" not in message
    )


def test_an_error_that_is_not_the_models_is_a_bug_and_raised_as_is():
    with pytest.raises(KeyError):
        POLICY.delay(1, KeyError("bug"))
