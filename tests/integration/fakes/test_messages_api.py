"""The local Messages API server, spoken to by the plain anthropic SDK (no magentic)."""

from __future__ import annotations

import anthropic
import httpx2  # the anthropic SDK's HTTP client (2.x): a cut stream surfaces as its error
import pytest

from booty.demo.messages_api import Fault, MessagesAPIServer, TextReply, ToolReply, estimate_input_tokens

TOOL = {"name": "return_thing", "input_schema": {"type": "object", "properties": {"a": {"type": "integer"}}}}
ASK = [{"role": "user", "content": "hello"}]
# A model the API serves (any other id is a 404) that takes a forced tool and does not think unless asked,
# so the answer's first block is the reply itself.
MODEL = "claude-opus-4-8"


def sdk(server: MessagesAPIServer) -> anthropic.Anthropic:
    return anthropic.Anthropic(api_key="k", base_url=server.base_url, max_retries=0, timeout=2)


def test_base_url_has_no_v1_and_is_loopback():
    with MessagesAPIServer(lambda body: TextReply("x")) as server:
        assert server.base_url.startswith("http://127.0.0.1:") and not server.base_url.endswith("/v1")


def test_stream_events_come_in_the_documented_order_with_chunked_deltas():
    with MessagesAPIServer(lambda body: ToolReply({"a": 12345678})) as server:
        with sdk(server).messages.stream(
            model=MODEL,
            max_tokens=50,
            messages=ASK,
            tools=[TOOL],
            tool_choice={"type": "tool", "name": "return_thing"},
        ) as stream:
            kinds = [event.type for event in stream]
            message = stream.get_final_message()
    assert kinds[:2] == ["message_start", "content_block_start"]
    assert kinds[-3:] == ["content_block_stop", "message_delta", "message_stop"]
    assert kinds.count("input_json") >= 2  # the SDK's name for input_json_delta chunks
    assert message.content[0].name == "return_thing" and message.content[0].input == {"a": 12345678}
    assert message.stop_reason == "tool_use"
    assert message.usage.input_tokens == estimate_input_tokens(server.requests[0])


def test_non_streaming_requests_get_one_json_message():
    replies = iter([TextReply("plain answer", stop_reason="end_turn"), ToolReply({"a": 1})])
    with MessagesAPIServer(lambda body: next(replies)) as server:
        text = sdk(server).messages.create(model=MODEL, max_tokens=50, messages=ASK)
        tool = sdk(server).messages.create(model=MODEL, max_tokens=50, messages=ASK, tools=[TOOL])
    assert text.content[0].text == "plain answer" and text.usage.output_tokens == len("plain answer") // 4
    assert tool.content[0].input == {"a": 1} and tool.stop_reason == "tool_use"
    assert len(server.requests) == 2


def test_count_tokens_is_deterministic_and_recorded():
    with MessagesAPIServer(lambda body: TextReply("x")) as server:
        first = sdk(server).messages.count_tokens(model=MODEL, messages=ASK, system="sys")
        again = sdk(server).messages.count_tokens(model=MODEL, messages=ASK, system="sys")
        bigger = sdk(server).messages.count_tokens(model=MODEL, messages=ASK, system="sys" * 100)
    assert first.input_tokens == again.input_tokens < bigger.input_tokens
    assert len(server.count_requests) == 3 and server.requests == []


@pytest.mark.parametrize(
    "fault, error",
    [
        (Fault.overloaded(), anthropic.APIStatusError),
        (Fault.unauthorized(), anthropic.AuthenticationError),
        (Fault.rate_limited(retry_after=7), anthropic.RateLimitError),
        (Fault.reset(), anthropic.APIConnectionError),
        (Fault.hang(3), anthropic.APITimeoutError),
    ],
)
def test_faults_reach_the_sdk_as_its_own_errors(fault, error):
    with MessagesAPIServer(lambda body: fault) as server:
        client = anthropic.Anthropic(api_key="k", base_url=server.base_url, max_retries=0, timeout=0.3)
        with pytest.raises(error) as caught:
            client.messages.create(model=MODEL, max_tokens=5, messages=ASK)
    if isinstance(caught.value, anthropic.APIStatusError):
        assert caught.value.status_code == fault.status
    if isinstance(caught.value, anthropic.RateLimitError):
        assert caught.value.response.headers["retry-after"] == "7"


def test_a_cut_stream_breaks_mid_answer():
    with MessagesAPIServer(lambda body: Fault.cut("some words that never finish")) as server:
        seen = []
        with pytest.raises(httpx2.TransportError):
            with sdk(server).messages.stream(model=MODEL, max_tokens=50, messages=ASK) as stream:
                seen.extend(event.type for event in stream)
    assert "text" in seen and "message_stop" not in seen


@pytest.mark.parametrize(
    "fault, stop_reason", [(Fault.max_tokens("half"), "max_tokens"), (Fault.refusal(), "refusal")]
)
def test_stop_reason_faults_end_the_stream_normally(fault, stop_reason):
    with MessagesAPIServer(lambda body: fault) as server:
        with sdk(server).messages.stream(model=MODEL, max_tokens=50, messages=ASK) as stream:
            message = stream.get_final_message()
    assert message.stop_reason == stop_reason and message.content[0].text


def test_a_broken_responder_becomes_an_http_500_that_names_it():
    with MessagesAPIServer(lambda body: 1 / 0) as server:
        with pytest.raises(anthropic.InternalServerError, match="ZeroDivisionError"):
            sdk(server).messages.create(model=MODEL, max_tokens=5, messages=ASK)
