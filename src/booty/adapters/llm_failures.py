"""What went wrong talking to Claude, in words for a maintainer, and whether to try again.

This is the ONE place that decides retries for the model: the SDK clients are built with
``max_retries=0`` (see ``llm_backend``), so every failure — HTTP status, connection, timeout, a
stream cut mid-answer — comes here. ``RetryPolicy.delay`` either returns the seconds to wait before
the next attempt (the server's ``retry-after`` when it gives one, else exponential backoff) or
raises ``ModelError``. Messages never contain the API key.
"""

from __future__ import annotations

import email.utils
import time
from dataclasses import dataclass
from typing import Any

from booty.claude.profiles import unknown_model_message
from booty.errors import ModelError
from booty.scrubbing import Scrubber

MAX_WAIT_S = 60.0  # a longer retry-after means "not this run": fail with a clear message instead


class IncompleteAnswer(Exception):
    """The answer stream ended without ``message_stop``: the answer may be partial."""


@dataclass(frozen=True)
class Failure:
    message: str
    transient: bool
    wait_s: float | None = None  # what the server asked for


class RetryPolicy:
    """Bounded attempts with backoff; translation of library errors into ``ModelError``."""

    def __init__(self, *, attempts: int, backoff_s: float, timeout_s: float, secret: str, model: str, where: str):
        self.attempts = max(1, attempts)
        self.backoff_s = backoff_s
        self.timeout_s = timeout_s
        self.model = model
        self.where = where
        self._secret = secret

    def delay(self, attempt: int, exc: BaseException) -> float:
        """Seconds to wait before attempt ``attempt + 1``; raises ModelError when there is none.

        Call it inside the ``except`` block; errors it does not know (bugs) are re-raised as is.
        """
        failure = self.classify(exc)
        if failure is None:
            raise exc
        if not failure.transient:
            raise ModelError(self.scrub(f"Claude could not be used: {failure.message}.")) from None
        if attempt >= self.attempts:
            raise ModelError(self.scrub(
                f"Claude could not be used: {failure.message}; gave up after {attempt} attempts. "
                "Re-run the workflow later."
            )) from None
        wait = failure.wait_s if failure.wait_s is not None else self.backoff_s * 2 ** (attempt - 1)
        if wait > MAX_WAIT_S:
            raise ModelError(self.scrub(
                f"Claude could not be used: {failure.message}; the API asks to wait {wait:.0f} s, "
                f"longer than Booty waits ({MAX_WAIT_S:.0f} s). Re-run the workflow later."
            )) from None
        return wait

    def classify(self, exc: BaseException) -> Failure | None:
        import anthropic
        import httpx2  # the anthropic SDK's HTTP client (2.x); its errors surface mid-stream

        if isinstance(exc, IncompleteAnswer):
            return Failure(f"the answer from {self.where} ended before it was complete", True)
        if isinstance(exc, anthropic.APITimeoutError):
            return Failure(f"{self.where} sent nothing for {self.timeout_s:g} s (timeout)", True)
        if isinstance(exc, anthropic.APIConnectionError):
            return Failure(f"could not connect to {self.where}", True)
        if isinstance(exc, httpx2.TimeoutException):
            return Failure(f"{self.where} stalled mid-answer for {self.timeout_s:g} s (timeout)", True)
        if isinstance(exc, httpx2.TransportError):
            return Failure(f"the connection to {self.where} dropped mid-answer ({type(exc).__name__})", True)
        if isinstance(exc, anthropic.APIStatusError):
            return self._status_failure(exc)
        return None

    def scrub(self, text: str) -> str:
        return Scrubber((self._secret,)).scrub(text)

    def _status_failure(self, exc: Any) -> Failure:
        status: int = exc.status_code
        kind, said = _error_detail(exc.body)
        detail = f"HTTP {status} {kind}: {said}" + (f", request id {exc.request_id}" if exc.request_id else "")
        headers = exc.response.headers
        wait = _retry_after(headers)
        if status == 401:
            return Failure(f"the anthropic_api_key was rejected ({detail}). Check the secret passed as anthropic_api_key", False)
        if status == 403:
            return Failure(f"the anthropic_api_key may not use model {self.model!r} ({detail})", False)
        if status == 404 and said.startswith("model:"):
            return Failure(unknown_model_message(self.model).rstrip("."), False)
        if status == 404:
            return Failure(f"model {self.model!r} or the API endpoint was not found ({detail}). Check the model input", False)
        should_retry = headers.get("x-should-retry")
        transient = status in (408, 409, 429) or status >= 500 or kind in _TRANSIENT_KINDS
        if should_retry in ("true", "false"):
            transient = should_retry == "true"
        if status == 429 or kind == "rate_limit_error":
            return Failure(f"Anthropic rate-limited Booty ({detail})", transient, wait)
        if status == 529 or kind == "overloaded_error":
            return Failure(f"the Anthropic API is overloaded ({detail})", transient, wait)
        if transient:
            return Failure(f"the Anthropic API failed ({detail})", True, wait)
        return Failure(f"Anthropic rejected the request ({detail})", False)


_TRANSIENT_KINDS = {"overloaded_error", "api_error", "rate_limit_error", "timeout_error"}


def _error_detail(body: object) -> tuple[str, str]:
    """(type, message) from an API error body ``{"type": "error", "error": {...}}``."""
    error = body.get("error", body) if isinstance(body, dict) else {}
    if not isinstance(error, dict):
        return "error", str(error)[:300]
    return str(error.get("type", "error")), str(error.get("message", ""))[:300]


def _retry_after(headers: Any) -> float | None:
    """The server's requested wait: ``retry-after-ms``, or ``retry-after`` in seconds or as a date."""
    try:
        if (ms := headers.get("retry-after-ms")) is not None:
            return max(0.0, float(ms) / 1000)
        if (value := headers.get("retry-after")) is None:
            return None
        try:
            return max(0.0, float(value))
        except ValueError:
            parsed = email.utils.parsedate_to_datetime(value)
            return max(0.0, parsed.timestamp() - time.time())
    except (TypeError, ValueError):
        return None
