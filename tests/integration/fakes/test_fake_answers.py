"""The fake's answers are shaped like the real API's, and the real SDK's stream accumulator takes them:
thinking blocks, redacted thinking, thinking-only answers, refusals, structured output as JSON text."""

from __future__ import annotations

import json
from typing import Any

import anthropic
import pytest

from booty.demo.messages_api import Fault, MessagesAPIServer, TextReply, ToolReply
from booty.models import Plan

ASK = [{"role": "user", "content": "Fix issue 7."}]
PLAN = {"actionable": True, "summary": "Guard the divisor.", "title": "fix(ops): divide by zero"}
FORMAT = {"format": {"type": "json_schema", "schema": anthropic.transform_schema(Plan)}}
TOOL = {"name": "return_plan", "input_schema": anthropic.transform_schema(Plan)}


def stream(reply: Any, **request: Any) -> tuple[list[Any], anthropic.types.Message, MessagesAPIServer]:
    """Stream one answer with the SDK: its raw events and the accumulated message."""
    request = {"model": "claude-sonnet-5", "max_tokens": 4000, "messages": ASK, **request}
    with MessagesAPIServer(lambda body: reply) as server:
        client = anthropic.Anthropic(api_key="k", base_url=server.base_url, max_retries=0, timeout=5)
        with client.messages.stream(**request) as events:
            raw = [event for event in events if event.type.startswith(("message_", "content_block_"))]
            message = events.get_final_message()
        plain = client.messages.create(**request)
    assert _blocks(plain) == _blocks(message) and plain.stop_reason == message.stop_reason
    assert plain.usage == message.usage and plain.stop_details == message.stop_details
    return raw, message, server


def _blocks(message: anthropic.types.Message) -> list[tuple[Any, ...]]:
    """What a non-streamed and a streamed answer share (ids and signatures differ: the body has ``stream``)."""
    return [
        (b.type, getattr(b, "text", None), getattr(b, "thinking", None), getattr(b, "input", None))
        for b in message.content
    ]


def shape(raw: list[Any]) -> list[str]:
    """Event types, with each block start's kind and each delta's kind."""
    out = []
    for event in raw:
        if event.type == "content_block_start":
            out.append(f"start:{event.content_block.type}@{event.index}")
        elif event.type == "content_block_delta":
            out.append(f"delta:{event.delta.type}@{event.index}")
        else:
            out.append(event.type)
    return sorted(set(out), key=out.index)


def test_a_model_that_thinks_by_default_answers_with_an_empty_thinking_block_first():
    raw, message, server = stream(TextReply("The answer.", thinking_tokens=55))
    assert shape(raw) == [
        "message_start",
        "start:thinking@0",
        "delta:signature_delta@0",
        "content_block_stop",
        "start:text@1",
        "delta:text_delta@1",
        "message_delta",
        "message_stop",
    ]
    start = next(e for e in raw if e.type == "content_block_start")
    assert start.content_block.to_dict() == {"type": "thinking", "thinking": "", "signature": ""}
    assert sum(1 for e in raw if e.type == "content_block_delta" and e.delta.type == "signature_delta") == 1
    thinking, text = message.content
    assert thinking.type == "thinking" and thinking.thinking == "" and thinking.signature
    assert text.text == "The answer."
    assert message.usage.output_tokens == len("The answer.") // 4 + 55
    assert message.usage.output_tokens_details.thinking_tokens == 55


def test_summarized_thinking_streams_its_text():
    raw, message, _ = stream(
        TextReply("ok", thinking_text="First the tests, then the fix."),
        thinking={"type": "adaptive", "display": "summarized"},
    )
    assert "delta:thinking_delta@0" in shape(raw)
    assert message.content[0].thinking == "First the tests, then the fix."


@pytest.mark.parametrize(
    "request_fields",
    [
        dict(model="claude-haiku-4-5"),
        dict(model="claude-opus-4-8"),
        dict(thinking={"type": "disabled"}),
        dict(model="claude-sonnet-5-5", thinking={"type": "between_tools"}),
        dict(model="claude-haiku-5-5", tools=[TOOL], tool_choice={"type": "tool", "name": "return_plan"}),
    ],
)
def test_no_thinking_block_where_the_model_does_not_think(request_fields):
    structure = {} if "tools" in request_fields else {"output_config": FORMAT}
    raw, message, _ = stream(ToolReply(PLAN), **request_fields, **structure)
    assert message.content[0].type == ("tool_use" if "tools" in request_fields else "text")
    assert message.usage.output_tokens == len(json.dumps(PLAN)) // 4
    assert message.usage.output_tokens_details is None


def test_a_forced_tool_on_a_thinking_model_comes_after_the_thinking_block():
    _, message, _ = stream(ToolReply(PLAN), tools=[TOOL], tool_choice={"type": "tool", "name": "return_plan"})
    assert [b.type for b in message.content] == ["thinking", "tool_use"]
    assert message.content[1].input == PLAN and message.stop_reason == "tool_use"


def test_redacted_thinking_follows_the_thinking_block_without_deltas():
    raw, message, _ = stream(TextReply("done", redacted_thinking=True))
    assert [b.type for b in message.content] == ["thinking", "redacted_thinking", "text"]
    assert message.content[1].data and not any(e.type == "content_block_delta" and e.index == 1 for e in raw)


def test_a_thinking_only_answer_stops_on_max_tokens_with_no_text():
    _, message, _ = stream(Fault.thinking_only(thinking_tokens=3999))
    assert [b.type for b in message.content] == ["thinking"] and message.stop_reason == "max_tokens"
    assert message.usage.output_tokens == 1 + 3999


@pytest.mark.parametrize(
    "text, category, blocks", [("I can't help with that.", "cyber", ["text"]), ("", "bio", [])]
)
def test_a_refusal_stops_with_its_category_in_stop_details(text, category, blocks):
    raw, message, _ = stream(Fault.refusal(text, category=category))
    delta = next(e for e in raw if e.type == "message_delta")
    assert delta.delta.stop_reason == "refusal" and delta.delta.stop_details.category == category
    assert message.stop_reason == "refusal" and message.stop_details.to_dict() == {
        "type": "refusal",
        "category": category,
    }
    assert [b.type for b in message.content] == blocks


def test_structured_output_comes_as_json_text_in_several_chunks():
    raw, message, _ = stream(ToolReply(PLAN), model="claude-sonnet-5-5", output_config=FORMAT)
    assert [b.type for b in message.content] == ["thinking", "text"]
    assert sum(1 for e in raw if e.type == "content_block_delta" and e.delta.type == "text_delta") >= 2
    assert json.loads(message.content[1].text) == PLAN and message.stop_reason == "end_turn"
    assert Plan.model_validate_json(message.content[1].text).title == PLAN["title"]


def test_structured_output_with_a_forced_tool_stays_a_tool_call_where_the_model_allows_it():
    _, message, _ = stream(
        ToolReply(PLAN),
        model="claude-sonnet-5",
        thinking={"type": "disabled"},
        output_config=FORMAT,
        tools=[TOOL],
        tool_choice={"type": "tool", "name": "return_plan"},
    )
    assert [b.type for b in message.content] == ["tool_use"] and message.content[0].input == PLAN


@pytest.mark.parametrize("fault", [Fault.max_tokens(), Fault.malformed_json('{"actionable": tru')])
def test_a_cut_structured_answer_is_partial_json_text(fault):
    _, message, _ = stream(fault, thinking={"type": "disabled"}, output_config=FORMAT)
    (text,) = message.content
    with pytest.raises(ValueError):
        json.loads(text.text)


def test_usage_carries_the_cache_fields_in_message_start_and_message_delta():
    raw, message, server = stream(TextReply("x"))
    start = next(e for e in raw if e.type == "message_start").message.usage
    delta = next(e for e in raw if e.type == "message_delta").usage
    for usage in (start, delta):
        assert usage.cache_read_input_tokens == 0 and usage.cache_creation_input_tokens == 0
        assert usage.input_tokens == server.usages[0].input_tokens
