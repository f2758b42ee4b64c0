"""Turn a fake reply into the Messages API events (and the non-streaming message) it stands for.

Pure functions: the server in ``messages_api`` writes these events as SSE or folds them into one
JSON message. Tool input always arrives as several ``input_json_delta`` chunks, because magentic
cannot parse input given whole in ``content_block_start``.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from booty.demo.replies import Fault, Reply, TextReply, ToolReply

Event = tuple[str, dict[str, Any]]

# What a cut-off or truncated structured answer looks like: valid JSON that stops mid-way.
_PARTIAL_TOOL_JSON = '{"actionable": true, "summary": "Fix the par'


def message_events(body: dict[str, Any], reply: Reply, input_tokens: int) -> list[Event]:
    """The full event sequence for ``reply`` (a cut stream: its first events only)."""
    digest = hashlib.sha1(json.dumps(body, sort_keys=True).encode()).hexdigest()[:16]
    forced = _forced_tool(body)
    if isinstance(reply, ToolReply):
        block, output, stop = "tool", json.dumps(reply.input), reply.stop_reason
    elif isinstance(reply, TextReply):
        block, output, stop = "text", reply.text, reply.stop_reason
    elif isinstance(reply, Fault) and reply.kind == "malformed_json":
        block, output, stop = "tool", reply.text, "tool_use"
    elif isinstance(reply, Fault) and reply.kind in ("cut", "max_tokens") and forced:
        block, output, stop = "tool", _PARTIAL_TOOL_JSON, "max_tokens"
    elif isinstance(reply, Fault) and reply.kind in ("cut", "max_tokens", "refusal"):
        block, output, stop = "text", reply.text, {"refusal": "refusal"}.get(reply.kind, "max_tokens")
    else:
        raise ValueError(f"no events for {reply!r}")

    if block == "tool":
        start = {"type": "tool_use", "id": f"toolu_{digest}", "name": forced or _first_tool(body), "input": {}}
        deltas = [{"type": "input_json_delta", "partial_json": part} for part in _chunks(output)]
    else:
        start = {"type": "text", "text": ""}
        deltas = [{"type": "text_delta", "text": part} for part in _chunks(output)]
    message = {
        "id": f"msg_{digest}",
        "type": "message",
        "role": "assistant",
        "model": body.get("model", "claude-fake"),
        "content": [],
        "stop_reason": None,
        "stop_sequence": None,
        "usage": {"input_tokens": input_tokens, "output_tokens": 1},
    }
    events: list[Event] = [
        ("message_start", {"type": "message_start", "message": message}),
        ("ping", {"type": "ping"}),
        ("content_block_start", {"type": "content_block_start", "index": 0, "content_block": start}),
        *[("content_block_delta", {"type": "content_block_delta", "index": 0, "delta": d}) for d in deltas],
        ("content_block_stop", {"type": "content_block_stop", "index": 0}),
        ("message_delta", {
            "type": "message_delta",
            "delta": {"stop_reason": stop, "stop_sequence": None},
            "usage": {"output_tokens": max(1, len(output) // 4)},
        }),
        ("message_stop", {"type": "message_stop"}),
    ]
    if isinstance(reply, Fault) and reply.kind == "cut":
        return events[: 3 + max(1, len(deltas) // 2)]
    return events


def message_json(events: list[Event]) -> dict[str, Any]:
    """Fold an event sequence into the JSON a non-streaming request gets."""
    message: dict[str, Any] = {}
    for name, data in events:
        if name == "message_start":
            message = json.loads(json.dumps(data["message"]))
        elif name == "content_block_start":
            message["content"].append(dict(data["content_block"]))
        elif name == "content_block_delta":
            block, delta = message["content"][data["index"]], data["delta"]
            if delta["type"] == "text_delta":
                block["text"] += delta["text"]
            else:
                block["_json"] = block.get("_json", "") + delta["partial_json"]
        elif name == "message_delta":
            message.update(data["delta"])
            message["usage"]["output_tokens"] = data["usage"]["output_tokens"]
    for block in message.get("content", []):
        if "_json" in block:
            raw = block.pop("_json")
            try:
                block["input"] = json.loads(raw)
            except ValueError:
                block["input"] = {"_unparsable": raw}
    return message


def _forced_tool(body: dict[str, Any]) -> str | None:
    choice = body.get("tool_choice") or {}
    return choice.get("name") if choice.get("type") == "tool" else None


def _first_tool(body: dict[str, Any]) -> str:
    tools = body.get("tools") or [{"name": "tool"}]
    return tools[0]["name"]


def _chunks(text: str, parts: int = 4) -> list[str]:
    """Split into up to ``parts`` pieces (at least one, even for empty text)."""
    size = max(1, -(-len(text) // parts))
    return [text[i : i + size] for i in range(0, len(text), size)] or [""]
