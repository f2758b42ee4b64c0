"""How many input tokens a request costs, and how many of them the prompt cache reads or writes.

Deterministic: a prompt costs ``len(json)/4`` tokens of its prompt part (system, messages, tools,
tool_choice, the output format's schema), with ``cache_control`` markers left out, so a prompt
counts the same with or without breakpoints and ``count_tokens`` equals the total a request is
billed for.

Prompt caching works like the API's: each ``cache_control`` breakpoint (on a tool, a system block, a
message content block, or the top-level ``cache_control``, which marks the last block of the last
message) caches the prefix up to and including its block, in the order tools, system, messages.
A prefix shorter than the model's minimum is not cached. The longest prefix an earlier request
stored is read (``cache_read_input_tokens``); the breakpoints after it are written
(``cache_creation_input_tokens``, split by TTL) and stored at once, so a request that arrives while
this one is still answering reads them; the rest is ``input_tokens``.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass, field
from typing import Any

PROMPT_KEYS = ("system", "messages", "tools", "tool_choice")


def without_markers(value: Any) -> Any:
    """``value`` with every ``cache_control`` key removed, at any depth."""
    if isinstance(value, dict):
        return {k: without_markers(v) for k, v in value.items() if k != "cache_control"}
    if isinstance(value, list):
        return [without_markers(v) for v in value]
    return value


def tokens_of(prompt: dict[str, Any]) -> int:
    return max(1, len(json.dumps(without_markers(prompt), sort_keys=True)) // 4)


def estimate_input_tokens(body: dict[str, Any]) -> int:
    """The fake's deterministic token count of a request's prompt (all of it, cached or not)."""
    prompt = {k: body[k] for k in PROMPT_KEYS if k in body}
    output_format = (body.get("output_config") or {}).get("format")
    if output_format:
        prompt["output_format"] = output_format
    return tokens_of(prompt)


@dataclass(frozen=True)
class InputUsage:
    """The input side of a request's ``usage``; the three counts add up to the whole prompt."""

    input_tokens: int
    cache_read_input_tokens: int = 0
    cache_creation_input_tokens: int = 0
    cache_creation: dict[str, int] = field(
        default_factory=lambda: {"ephemeral_5m_input_tokens": 0, "ephemeral_1h_input_tokens": 0}
    )


def breakpoints(body: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
    """Each breakpoint's prefix (tools, system, messages up to its block) and TTL, in prompt order."""
    tools, system, messages = body.get("tools") or [], body.get("system"), body.get("messages") or []
    found: list[tuple[dict[str, Any], str]] = []
    for i, tool in enumerate(tools):
        if isinstance(tool, dict) and tool.get("cache_control"):
            found.append(({"tools": tools[: i + 1]}, _ttl(tool)))
    system_blocks = system if isinstance(system, list) else []
    for i, block in enumerate(system_blocks):
        if isinstance(block, dict) and block.get("cache_control"):
            found.append(({"tools": tools, "system": system_blocks[: i + 1]}, _ttl(block)))
    for j, message in enumerate(messages):
        content = message.get("content") if isinstance(message, dict) else None
        blocks = content if isinstance(content, list) else []
        for k, block in enumerate(blocks):
            if isinstance(block, dict) and block.get("cache_control"):
                cut = [*messages[:j], {**message, "content": blocks[: k + 1]}]
                found.append(({"tools": tools, "system": system, "messages": cut}, _ttl(block)))
    if body.get("cache_control") and messages:
        found.append(({"tools": tools, "system": system, "messages": messages}, _ttl(body)))
    return found


def count_breakpoints(body: dict[str, Any]) -> int:
    return len(breakpoints(body))


class PromptCache:
    """One server's cached prefixes, keyed by model and prefix; safe to share between threads."""

    def __init__(self) -> None:
        self._stored: set[tuple[str, str]] = set()
        self._lock = threading.Lock()

    def account(self, body: dict[str, Any], min_tokens: int) -> InputUsage:
        """Split the request's input tokens into read / written / uncached, and store what it writes."""
        total = estimate_input_tokens(body)
        marks = []
        for prefix, ttl in breakpoints(body):
            tokens = min(tokens_of(prefix), total)
            if tokens >= min_tokens:
                marks.append((tokens, _key(body.get("model"), prefix), ttl))
        marks.sort(key=lambda mark: mark[0])
        with self._lock:
            read = max((tokens for tokens, key, _ in marks if key in self._stored), default=0)
            written = {"5m": 0, "1h": 0}
            done = read
            for tokens, key, ttl in marks:
                if tokens > done:
                    written[ttl] += tokens - done
                    done = tokens
                self._stored.add(key)
        created = written["5m"] + written["1h"]
        return InputUsage(
            input_tokens=total - read - created,
            cache_read_input_tokens=read,
            cache_creation_input_tokens=created,
            cache_creation={
                "ephemeral_5m_input_tokens": written["5m"],
                "ephemeral_1h_input_tokens": written["1h"],
            },
        )


def _ttl(holder: dict[str, Any]) -> str:
    return "1h" if (holder.get("cache_control") or {}).get("ttl") == "1h" else "5m"


def _key(model: Any, prefix: dict[str, Any]) -> tuple[str, str]:
    canonical = json.dumps(without_markers(prefix), sort_keys=True)
    return str(model), hashlib.sha256(canonical.encode()).hexdigest()
