"""A scripted Anthropic Messages API on 127.0.0.1 for tests, with helpers to read what was asked.

    with FakeAnthropic([ToolReply(plan), TextReply("```python ...```")]) as fake:
        model = ClaudeModel(api_key="k", model="m", base_url=fake.base_url, ...)
        ...
        assert "the issue title" in fake.prompts_text()

Replies are consumed in order; ``fail_next`` puts faults in front of the script (for every
request, or only for planner calls -- those with tools or a structured ``output_config.format`` --
or only for editor calls). The server is as strict as the API: a request the API would refuse is
answered with its error and recorded in ``rejected``, and consumes no reply. When the
script runs out, ``default`` answers (a responder, also set by ``respond_with``); without one the
fake answers HTTP 500 with a message that says so, which makes the test fail loudly.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any, Literal

from booty.demo.messages_api import Fault, MessagesAPIServer, Rejected, Reply, Responder, TextReply, ToolReply

__all__ = ["FakeAnthropic", "Fault", "Rejected", "Reply", "TextReply", "ToolReply", "is_plan_call"]

Call = Literal["any", "plan", "edit"]


class FakeAnthropic(MessagesAPIServer):
    def __init__(self, script: Iterable[Reply] | Responder = (), *, default: Responder | None = None) -> None:
        super().__init__(self._next_reply)
        if callable(script):
            self._script: list[Reply] = []
            self._default: Responder | None = script
        else:
            self._script = list(script)
            self._default = default
        self._faults: list[tuple[Call, Fault]] = []
        self._count_faults: list[Fault] = []
        self._script_lock = threading.Lock()

    def fail_next(self, *faults: Fault, on: Call = "any") -> FakeAnthropic:
        """Answer the next requests (``on``: any, planner calls, editor calls) with these faults."""
        with self._script_lock:
            self._faults.extend((on, fault) for fault in faults)
        return self

    def respond_with(self, responder: Responder) -> FakeAnthropic:
        """Answer with ``responder`` whenever no fault or scripted reply is queued."""
        self._default = responder
        return self

    @property
    def armed(self) -> int:
        """Faults queued and not yet served."""
        return len(self._faults) + len(self._count_faults)

    def clear_faults(self) -> None:
        with self._script_lock:
            self._faults.clear()
            self._count_faults.clear()

    def fail_next_count(self, *faults: Fault) -> FakeAnthropic:
        """Answer the next ``count_tokens`` requests with these faults (``http`` or ``reset``)."""
        with self._script_lock:
            self._count_faults.extend(faults)
        return self

    def count_fault(self, body: dict[str, Any]) -> Fault | None:
        with self._script_lock:
            return self._count_faults.pop(0) if self._count_faults else None

    def then(self, *replies: Reply) -> FakeAnthropic:
        """Append replies to the script."""
        with self._script_lock:
            self._script.extend(replies)
        return self

    def _next_reply(self, body: dict[str, Any]) -> Reply:
        call = "plan" if is_plan_call(body) else "edit"
        with self._script_lock:
            for i, (on, _fault) in enumerate(self._faults):
                if on in ("any", call):
                    return self._faults.pop(i)[1]
            if self._script:
                return self._script.pop(0)
        if self._default is not None:
            return self._default(body)
        return Fault.http(500, "api_error", "FakeAnthropic: the test script ran out of replies")

    # ---------------------------------------------------------------- reading what was asked

    @property
    def last(self) -> dict[str, Any]:
        return self.requests[-1]

    def prompts_text(self) -> str:
        """All text the model was shown, every request: system, message text, tool results."""
        return "\n".join(_request_text(body) for body in self.requests)

    def user_texts(self, index: int = -1) -> list[str]:
        """The text blocks of the user turns of one request."""
        return [
            t for m in self.requests[index]["messages"] if m["role"] == "user" for t in _texts(m["content"])
        ]

    def tool_names(self, index: int = -1) -> list[str]:
        return [tool["name"] for tool in self.requests[index].get("tools", [])]


def is_plan_call(body: dict[str, Any]) -> bool:
    """A planner call asks for structure: tools (a forced tool), a native ``output_config.format``,
    or (where a provider has no native structured output) a JSON schema in the system prompt."""
    return (
        bool(body.get("tools"))
        or bool((body.get("output_config") or {}).get("format"))
        or JSON_SCHEMA_MARK in _system_text(body)
    )


JSON_SCHEMA_MARK = "It must match this JSON schema:"  # adapters.claude_chat.JSON_ANSWER


def _system_text(body: dict[str, Any]) -> str:
    system = body.get("system", "")
    return (
        system
        if isinstance(system, str)
        else "\n".join(b.get("text", "") for b in system if isinstance(b, dict))
    )


def _request_text(body: dict[str, Any]) -> str:
    system = body.get("system", "")
    if isinstance(system, list):
        system = "\n".join(block.get("text", "") for block in system)
    parts = [system] + [t for m in body.get("messages", []) for t in _texts(m["content"])]
    return "\n".join(p for p in parts if p)


def _texts(content: str | list[dict[str, Any]]) -> list[str]:
    if isinstance(content, str):
        return [content]
    out: list[str] = []
    for block in content:
        if block.get("type") == "text":
            out.append(block["text"])
        elif block.get("type") == "tool_result":
            out.extend(
                _texts(block["content"])
                if isinstance(block["content"], (str, list))
                else [str(block["content"])]
            )
    return out
