"""What the local Messages API server answers: a tool call, text, or a fault.

A responder (``Callable[[dict], Reply]``, given the parsed request body) returns one of these;
``booty.demo.sse`` turns it into the events the real API would send. Where the model thinks for the
request (see ``model_table.thinks``) the answer starts with a thinking block of ``thinking_tokens``
output tokens (its text, ``thinking_text``, is only streamed when the request asks for
``display: "summarized"``); ``redacted_thinking=True`` adds a ``redacted_thinking`` block after it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

THINKING_TOKENS = 40  # what a thinking block costs by default, in output tokens
THINKING_TEXT = "The request is clear; I will answer it directly."


@dataclass(frozen=True)
class ToolReply:
    """Structured output ``input``: a ``tool_use`` block for the tool the request forces (or its first
    tool), or, when the request asks for ``output_config.format`` and forces no tool, a text block
    holding ``json.dumps(input)``. ``stop_reason`` None: ``tool_use`` or ``end_turn`` to match."""

    input: dict[str, Any]
    stop_reason: str | None = None
    delay_s: float = 0.0  # wait before answering, to make concurrency observable
    thinking_tokens: int = THINKING_TOKENS
    thinking_text: str = THINKING_TEXT
    redacted_thinking: bool = False


@dataclass(frozen=True)
class TextReply:
    """Answer with one text block, streamed as several ``text_delta`` chunks."""

    text: str
    stop_reason: str = "end_turn"
    delay_s: float = 0.0
    thinking_tokens: int = THINKING_TOKENS
    thinking_text: str = THINKING_TEXT
    redacted_thinking: bool = False


FaultKind = Literal[
    "http", "reset", "hang", "cut", "max_tokens", "malformed_json", "refusal", "thinking_only"
]


@dataclass(frozen=True)
class Fault:
    """Something going wrong; build one with the class methods below."""

    kind: FaultKind
    status: int = 500
    error_type: str = "api_error"
    message: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    text: str = ""
    category: str | None = None  # a refusal's stop_details.category
    thinking_tokens: int = THINKING_TOKENS
    thinking_text: str = THINKING_TEXT
    redacted_thinking: bool = False

    @classmethod
    def http(cls, status: int, error_type: str, message: str, headers: dict[str, str] | None = None) -> Fault:
        return cls("http", status=status, error_type=error_type, message=message, headers=headers or {})

    @classmethod
    def rate_limited(cls, retry_after: float = 1.0) -> Fault:
        return cls.http(
            429,
            "rate_limit_error",
            "Number of request tokens has exceeded your per-minute rate limit",
            {"retry-after": f"{retry_after:g}"},
        )

    @classmethod
    def server_error(cls) -> Fault:
        return cls.http(500, "api_error", "Internal server error")

    @classmethod
    def overloaded(cls) -> Fault:
        return cls.http(529, "overloaded_error", "Overloaded")

    @classmethod
    def unauthorized(cls) -> Fault:
        return cls.http(401, "authentication_error", "invalid x-api-key")

    @classmethod
    def reset(cls) -> Fault:
        """Drop the connection (TCP reset) after reading the request, before any answer."""
        return cls("reset")

    @classmethod
    def hang(cls, seconds: float) -> Fault:
        """Say nothing for ``seconds`` (longer than the client's timeout), then drop the connection."""
        return cls("hang", seconds=seconds)

    @classmethod
    def cut(cls, text: str = "The answer starts but") -> Fault:
        """Start streaming an answer, then drop the connection before ``message_stop``."""
        return cls("cut", text=text)

    @classmethod
    def max_tokens(cls, text: str = "```python\ndef half_written(") -> Fault:
        """A text answer stopped by the output limit (``stop_reason: max_tokens``)."""
        return cls("max_tokens", text=text)

    @classmethod
    def malformed_json(cls, raw: str = '{"actionable": tru') -> Fault:
        """A ``tool_use`` block whose streamed input is not valid JSON."""
        return cls("malformed_json", text=raw)

    @classmethod
    def refusal(cls, text: str = "I can't help with that.", category: str | None = "cyber") -> Fault:
        """HTTP 200, ``stop_reason: refusal`` with ``stop_details`` naming ``category``; ``text=""``: no
        content block at all."""
        return cls("refusal", text=text, category=category)

    @classmethod
    def thinking_only(cls, thinking_tokens: int = THINKING_TOKENS, redacted_thinking: bool = False) -> Fault:
        """The model thought until the output limit: one thinking block, no answer, ``stop_reason: max_tokens``
        (the thinking block comes even where the request would not think)."""
        return cls("thinking_only", thinking_tokens=thinking_tokens, redacted_thinking=redacted_thinking)


Reply = ToolReply | TextReply | Fault
Responder = Callable[[dict[str, Any]], Reply]
