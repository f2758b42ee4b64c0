"""The events (and the folded non-streaming message) the fake sends for a reply, shaped like the API's."""

from __future__ import annotations

from typing import Any

from booty.demo.accounting import InputUsage
from booty.demo.replies import Fault, TextReply, ToolReply
from booty.demo.sse import message_events, message_json

USAGE = InputUsage(input_tokens=40, cache_read_input_tokens=10)
PLAN = {"actionable": True, "summary": "Fix the parser so that empty input is an error."}
FORCED = {"tools": [{"name": "return_plan", "input_schema": {"type": "object"}}],
          "tool_choice": {"type": "tool", "name": "return_plan"}}  # fmt: skip


def body(model: str = "claude-haiku-4-5", **fields: Any) -> dict[str, Any]:
    return {"model": model, "max_tokens": 100, "messages": [{"role": "user", "content": "hi"}], **fields}


def names(events) -> list[str]:
    return [name for name, _ in events]


def test_a_text_answer_streams_as_text_deltas_between_start_and_stop():
    events = message_events(body(), TextReply(text="Hello there, reader."), USAGE)
    assert names(events)[:3] == ["message_start", "ping", "content_block_start"]
    assert names(events)[-3:] == ["content_block_stop", "message_delta", "message_stop"]
    assert names(events).count("content_block_delta") > 1
    message = message_json(events)
    assert message["content"] == [{"type": "text", "text": "Hello there, reader."}]
    assert message["stop_reason"] == "end_turn" and message["usage"]["input_tokens"] == 40
    assert message["usage"]["cache_read_input_tokens"] == 10 and message["usage"]["output_tokens"] == 5


def test_a_forced_tool_gets_a_tool_use_block_whose_input_comes_in_chunks():
    events = message_events(body(**FORCED), ToolReply(input=PLAN), USAGE)
    deltas = [data["delta"] for name, data in events if name == "content_block_delta"]
    assert len(deltas) > 1 and all(d["type"] == "input_json_delta" for d in deltas)
    [block] = message_json(events)["content"]
    assert block["type"] == "tool_use" and block["name"] == "return_plan" and block["input"] == PLAN
    assert message_json(events)["stop_reason"] == "tool_use"


def test_a_native_output_format_gets_the_structure_as_json_text():
    fmt = {"output_config": {"format": {"type": "json_schema", "schema": {"type": "object"}}}}
    [block] = message_json(message_events(body(**fmt), ToolReply(input=PLAN), USAGE))["content"]
    assert block["type"] == "text" and block["text"].startswith('{"actionable": true')


def test_a_model_that_thinks_starts_with_a_signed_thinking_block_counted_as_output():
    quiet = message_json(message_events(body("claude-sonnet-5"), TextReply(text="ok"), USAGE))
    thinking, text = quiet["content"]
    assert thinking["type"] == "thinking" and thinking["thinking"] == "" and thinking["signature"]
    assert text == {"type": "text", "text": "ok"}
    assert (
        quiet["usage"]["output_tokens_details"] == {"thinking_tokens": 40}
        and quiet["usage"]["output_tokens"] == 41
    )
    shown = message_json(
        message_events(
            body("claude-sonnet-5", thinking={"type": "adaptive", "display": "summarized"}),
            TextReply(text="ok", thinking_text="Let me see."),
            USAGE,
        )
    )
    assert shown["content"][0]["thinking"] == "Let me see."


def test_a_cut_stream_stops_before_message_stop():
    events = message_events(body(), Fault.cut("The answer starts but"), USAGE)
    assert "message_stop" not in names(events) and "message_delta" not in names(events)
    assert "content_block_start" in names(events)


def test_a_refusal_and_an_unparsable_tool_input_look_like_the_apis():
    refused = message_json(message_events(body(), Fault.refusal("No.", category="cyber"), USAGE))
    assert refused["stop_reason"] == "refusal" and refused["stop_details"] == {
        "type": "refusal",
        "category": "cyber",
    }
    broken = message_json(message_events(body(**FORCED), Fault.malformed_json('{"actionable": tru'), USAGE))
    assert broken["content"][0]["input"] == {"_unparsable": '{"actionable": tru'}
    truncated = message_json(message_events(body(), Fault.max_tokens("```python\ndef half("), USAGE))
    assert (
        truncated["stop_reason"] == "max_tokens" and truncated["content"][0]["text"] == "```python\ndef half("
    )
