"""Turn a fake reply into the Messages API events (and the non-streaming message) it stands for.

Pure functions: the server in ``messages_api`` writes these events as SSE or folds them into one
JSON message. The answer is shaped like the real API's:

- where the model thinks for the request (``model_table.thinks``) a ``thinking`` block comes first:
  ``{"type": "thinking", "thinking": "", "signature": ""}``, ``thinking_delta``s only when the request
  asks for ``display: "summarized"``, one ``signature_delta``; then, if the reply asks, a
  ``redacted_thinking`` block (no deltas); its tokens count as output (``output_tokens_details``);
- structured output asked with ``output_config.format`` (and no forced tool) comes as a text block
  of JSON; a tool call as a ``tool_use`` block whose input arrives as several ``input_json_delta``
  chunks (magentic cannot parse input given whole in ``content_block_start``);
- a refusal stops with ``stop_reason: refusal`` and ``stop_details`` in ``message_delta.delta``;
- usage in ``message_start`` and ``message_delta`` carries input, cache read and cache write counts.
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

from booty.demo.accounting import InputUsage
from booty.demo.model_table import forces_tool, thinks
from booty.demo.replies import Fault, Reply, TextReply, ToolReply

Event = tuple[str, dict[str, Any]]

# What a cut-off or truncated structured answer looks like: valid JSON that stops mid-way.
_PARTIAL_TOOL_JSON = '{"actionable": true, "summary": "Fix the par'


def message_events(body: dict[str, Any], reply: Reply, usage: InputUsage) -> list[Event]:
    """The full event sequence for ``reply`` (a cut stream: its first events only)."""
    digest = hashlib.sha1(json.dumps(body, sort_keys=True).encode()).hexdigest()[:16]
    kind, output, stop = _answer(body, reply)
    fault_kind = reply.kind if isinstance(reply, Fault) else None
    thought = fault_kind == "thinking_only" or (thinks(body) and fault_kind != "refusal")
    blocks: list[tuple[dict[str, Any], list[dict[str, Any]]]] = []
    if thought:
        blocks.extend(_thinking_blocks(body, reply, digest))
    answer_at = len(blocks)
    if kind == "tool":
        start = {"type": "tool_use", "id": f"toolu_{digest}", "name": _tool_name(body), "input": {}}
        blocks.append(
            (start, [{"type": "input_json_delta", "partial_json": part} for part in _chunks(output)])
        )
    elif kind == "text":
        blocks.append(
            ({"type": "text", "text": ""}, [{"type": "text_delta", "text": p} for p in _chunks(output)])
        )

    thinking_tokens = reply.thinking_tokens if thought else 0
    input_usage = {
        "input_tokens": usage.input_tokens,
        "cache_creation_input_tokens": usage.cache_creation_input_tokens,
        "cache_read_input_tokens": usage.cache_read_input_tokens,
    }
    message = {
        "id": f"msg_{digest}",
        "type": "message",
        "role": "assistant",
        "model": body.get("model", "claude-fake"),
        "content": [],
        "stop_reason": None,
        "stop_sequence": None,
        "stop_details": None,
        "usage": {**input_usage, "cache_creation": dict(usage.cache_creation), "output_tokens": 1},
    }
    delta: dict[str, Any] = {"stop_reason": stop, "stop_sequence": None}
    if stop == "refusal":
        delta["stop_details"] = {"type": "refusal", "category": getattr(reply, "category", None)}
    final_usage: dict[str, Any] = {**input_usage, "output_tokens": max(1, len(output) // 4) + thinking_tokens}
    if thought:
        final_usage["output_tokens_details"] = {"thinking_tokens": thinking_tokens}

    events: list[Event] = [
        ("message_start", {"type": "message_start", "message": message}),
        ("ping", {"type": "ping"}),
    ]
    cut_after = 3
    for index, (start, deltas) in enumerate(blocks):
        events.append(
            ("content_block_start", {"type": "content_block_start", "index": index, "content_block": start})
        )
        if index == answer_at:
            cut_after = len(events) + max(1, len(deltas) // 2)
        events.extend(
            ("content_block_delta", {"type": "content_block_delta", "index": index, "delta": d})
            for d in deltas
        )
        events.append(("content_block_stop", {"type": "content_block_stop", "index": index}))
    events.append(("message_delta", {"type": "message_delta", "delta": delta, "usage": final_usage}))
    events.append(("message_stop", {"type": "message_stop"}))
    if isinstance(reply, Fault) and reply.kind == "cut":
        return events[:cut_after]
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
            elif delta["type"] == "thinking_delta":
                block["thinking"] += delta["thinking"]
            elif delta["type"] == "signature_delta":
                block["signature"] = delta["signature"]
            else:
                block["_json"] = block.get("_json", "") + delta["partial_json"]
        elif name == "message_delta":
            message.update(data["delta"])
            message["usage"].update(data["usage"])
    for block in message.get("content", []):
        if "_json" in block:
            raw = block.pop("_json")
            try:
                block["input"] = json.loads(raw)
            except ValueError:
                block["input"] = {"_unparsable": raw}
    return message


def _answer(body: dict[str, Any], reply: Reply) -> tuple[str | None, str, str]:
    """The answer block's kind (tool, text or none), its content and the stop reason."""
    # JSON text for a native structured output, or for a request with no tools at all (a provider
    # without structured output, asked for JSON in the prompt); a tool call where a tool is forced.
    native = bool((body.get("output_config") or {}).get("format"))
    structured = "text" if (native or not body.get("tools")) and not forces_tool(body) else "tool"
    if isinstance(reply, ToolReply):
        return (
            structured,
            json.dumps(reply.input),
            reply.stop_reason or ("end_turn" if structured == "text" else "tool_use"),
        )
    if isinstance(reply, TextReply):
        return "text", reply.text, reply.stop_reason
    if reply.kind == "malformed_json":
        return structured, reply.text, "end_turn" if structured == "text" else "tool_use"
    if reply.kind in ("cut", "max_tokens") and (
        forces_tool(body) or native
    ):  # a plain-text answer is cut as text
        return structured, _PARTIAL_TOOL_JSON, "max_tokens"
    if reply.kind in ("cut", "max_tokens"):
        return "text", reply.text, "max_tokens"
    if reply.kind == "refusal":
        return ("text" if reply.text else None), reply.text, "refusal"
    if reply.kind == "thinking_only":
        return None, "", "max_tokens"
    raise ValueError(f"no events for {reply!r}")


def _thinking_blocks(
    body: dict[str, Any], reply: Any, digest: str
) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    deltas = []
    if (body.get("thinking") or {}).get("display") == "summarized":
        deltas = [{"type": "thinking_delta", "thinking": part} for part in _chunks(reply.thinking_text)]
    signature = base64.b64encode(f"fake-signature:{digest}".encode()).decode()
    blocks = [
        (
            {"type": "thinking", "thinking": "", "signature": ""},
            [*deltas, {"type": "signature_delta", "signature": signature}],
        )
    ]
    if reply.redacted_thinking:
        data = base64.b64encode(f"fake-redacted-thinking:{digest}".encode()).decode()
        blocks.append(({"type": "redacted_thinking", "data": data}, []))
    return blocks


def _tool_name(body: dict[str, Any]) -> str:
    choice = body.get("tool_choice") or {}
    if choice.get("type") == "tool":
        return str(choice.get("name"))
    tools = body.get("tools") or [{"name": "tool"}]
    return str(tools[0]["name"])


def _chunks(text: str, parts: int = 4) -> list[str]:
    """Split into up to ``parts`` pieces (at least one, even for empty text)."""
    size = max(1, -(-len(text) // parts))
    return [text[i : i + size] for i in range(0, len(text), size)] or [""]
