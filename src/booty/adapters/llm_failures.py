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

    def __init__(
        self,
        *,
        attempts: int,
        backoff_s: float,
        timeout_s: float,
        secret: str | tuple[str, ...],
        model: str,
        where: str,
        provider: str = "anthropic",
    ):
        self.attempts = max(1, attempts)
        self.provider = provider
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
            raise ModelError(
                self.scrub(
                    f"Claude could not be used: {failure.message}; gave up after {attempt} attempts. "
                    "Re-run the workflow later."
                )
            ) from None
        wait = failure.wait_s if failure.wait_s is not None else self.backoff_s * 2 ** (attempt - 1)
        if wait > MAX_WAIT_S:
            raise ModelError(
                self.scrub(
                    f"Claude could not be used: {failure.message}; the API asks to wait {wait:.0f} s, "
                    f"longer than Booty waits ({MAX_WAIT_S:.0f} s). Re-run the workflow later."
                )
            ) from None
        return wait

    def classify(self, exc: BaseException) -> Failure | None:
        import anthropic
        import httpx2  # the anthropic SDK's HTTP client (2.x); its errors surface mid-stream
        from anthropic.lib.credentials import WorkloadIdentityError

        if isinstance(
            exc, WorkloadIdentityError
        ):  # the federation token exchange: never retried with the same token
            status = f"HTTP {exc.status_code}: " if getattr(exc, "status_code", None) else ""
            return Failure(
                f"Anthropic's workload identity federation refused the token exchange ({status}{str(exc)[:300]}). "
                "Check ANTHROPIC_FEDERATION_RULE_ID and ANTHROPIC_ORGANIZATION_ID and that the rule matches "
                "this workflow's OIDC token (an identity token is accepted once: re-run the job for a new one)",
                False,
            )
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
        secrets = self._secret if isinstance(self._secret, tuple) else (self._secret,)
        return Scrubber(tuple(s for s in secrets if s)).scrub(text)

    def _status_failure(self, exc: Any) -> Failure:
        status: int = exc.status_code
        kind, said = _error_detail(exc.body)
        # Bedrock's body is {"message": ...}: AWS names the error in a header
        aws_kind = exc.response.headers.get("x-amzn-errortype", "")
        if aws_kind and kind == "error":
            kind = aws_kind.split(":", 1)[0]
        detail = f"HTTP {status} {kind}: {said}" + (
            f", request id {exc.request_id}" if exc.request_id else ""
        )
        headers = exc.response.headers
        wait = _retry_after(headers)
        if status in (401, 403) and self.provider in _DENIED:
            return Failure(
                _DENIED[self.provider][status == 403].format(model=self.model, detail=detail), False
            )
        if status == 404 and self.provider in ("bedrock", "vertex"):
            return Failure(_NOT_FOUND[self.provider].format(model=self.model, detail=detail), False)
        if status == 401:
            return Failure(
                f"the anthropic_api_key was rejected ({detail}). Check the secret passed as anthropic_api_key",
                False,
            )
        if status == 403:
            return Failure(f"the anthropic_api_key may not use model {self.model!r} ({detail})", False)
        if status == 404 and said.startswith("model:"):
            return Failure(unknown_model_message(self.model).rstrip("."), False)
        if status == 404:
            return Failure(
                f"model {self.model!r} or the API endpoint was not found ({detail}). Check the model input",
                False,
            )
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


# What to change when a cloud provider refuses the credentials (401) or the model (403), and 404s.
_DENIED: dict[str, tuple[str, str]] = {
    "bedrock": (
        "Amazon Bedrock rejected the AWS credentials ({detail}). Check the role that "
        "aws-actions/configure-aws-credentials assumed (an expired session needs a new run)",
        "the AWS role may not invoke {model!r} ({detail}). Allow bedrock:InvokeModel and "
        "bedrock:InvokeModelWithResponseStream on the model and its inference profile, and enable the model in the "
        "Bedrock console's model access",
    ),
    "vertex": (
        "Google Vertex AI rejected the credentials ({detail}). Check google-github-actions/auth's "
        "workload_identity_provider and service_account",
        "the Google service account may not use {model!r} ({detail}). Grant it roles/aiplatform.user on the project "
        "and enable the model in Vertex AI's Model Garden",
    ),
    "foundry": (
        "Microsoft Foundry rejected ANTHROPIC_FOUNDRY_API_KEY ({detail}). Check the secret",
        "the Foundry key may not use deployment {model!r} ({detail}). Check the deployment's name and access",
    ),
}
_NOT_FOUND: dict[str, str] = {
    "bedrock": (
        "Amazon Bedrock does not serve {model!r} in this region ({detail}). Check AWS_REGION and the model "
        "id (an inference profile such as `global.anthropic.claude-sonnet-5-5`, or the region's `us.`/`eu.` one)"
    ),
    "vertex": (
        "Google Vertex AI does not serve {model!r} in this project and region ({detail}). Check CLOUD_ML_REGION "
        "(`global` serves the current models) and that the model is enabled in the project"
    ),
}

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
