"""Requests and model lists shared by the tests of the fake Messages API's rules."""

from __future__ import annotations

from typing import Any

from booty.demo.api_rules import check_request

CURRENT = ["claude-fable-5-1", "claude-opus-5-5", "claude-sonnet-5-5", "claude-haiku-5-5"]
LEGACY = [
    "claude-fable-5",
    "claude-opus-5",
    "claude-opus-4-8",
    "claude-opus-4-7",
    "claude-opus-4-6",
    "claude-opus-4-5",
    "claude-sonnet-5",
    "claude-sonnet-4-6",
    "claude-haiku-4-5",
]
UNLISTED = ["claude-mythos-5-1"]  # served by the API, not in claude-api.md's table of models a user may pick
EVERY = CURRENT + LEGACY + UNLISTED
CLASSIC = [
    "claude-haiku-4-5",
    "claude-opus-4-5",
    "claude-sonnet-4-6",
    "claude-opus-4-6",
]  # the <= 4.6 sampling rules
SAMPLING_REFUSED = [m for m in EVERY if m not in CLASSIC]  # Opus 4.7+, Sonnet 5+, Haiku 5.5, Fable, Mythos
NO_FORCED_TOOL = ["claude-sonnet-5-5", "claude-opus-5-5", "claude-fable-5-1", "claude-mythos-5-1"]
NO_PREFILL = [m for m in EVERY if m not in ("claude-haiku-4-5", "claude-opus-4-5")]
ENABLED_REFUSED = [
    "claude-opus-4-7",
    "claude-opus-4-8",
    "claude-sonnet-5",
    "claude-opus-5",
    "claude-fable-5",
    "claude-fable-5-1",
    "claude-opus-5-5",
    "claude-sonnet-5-5",
    "claude-haiku-5-5",
    "claude-mythos-5-1",
]
FORCED = {
    "tools": [{"name": "return_plan", "input_schema": {"type": "object"}}],
    "tool_choice": {"type": "tool", "name": "return_plan"},
}


def req(model: str, **fields: Any) -> dict[str, Any]:
    return {"model": model, "max_tokens": 1000, "messages": [{"role": "user", "content": "hi"}], **fields}


def count_req(model: str, **fields: Any) -> dict[str, Any]:
    return {"model": model, "messages": [{"role": "user", "content": "hi"}], **fields}


def refusal(body: dict[str, Any], endpoint: str = "messages") -> tuple[int, str, str] | None:
    fault = check_request(body, endpoint)  # type: ignore[arg-type]
    return None if fault is None else (fault.status, fault.error_type, fault.message)


def bad(message: str) -> tuple[int, str, str]:
    return 400, "invalid_request_error", message
