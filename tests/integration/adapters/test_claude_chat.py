"""ClaudeChat, Booty's magentic chat model: the request it shapes and how it reads the answer stream.
The real anthropic SDK and magentic talk to an in-process transport that answers with the events the
fake Messages API would stream (``booty.demo.sse``), so no socket is opened."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import anthropic
import httpx2
import pytest
from magentic import AssistantMessage, SystemMessage, UserMessage

from booty.adapters.claude_chat import ClaudeChat, Clients, PromptFunctions, UnusableAnswer, sdk_arguments
from booty.adapters.llm_failures import IncompleteAnswer
from booty.demo.accounting import InputUsage
from booty.demo.replies import Fault, Reply, TextReply, ToolReply
from booty.demo.sse import message_events
from booty.models import Plan

PLAN = {
    "actionable": True,
    "questions": [],
    "summary": "s",
    "title": "fix: t",
    "changes": [],
    "acceptance_criteria": [],
}
FUNCTIONS = PromptFunctions()


class Wire:
    """Answers every request with ``reply``'s SSE events and keeps the request bodies."""

    def __init__(self, reply: Reply) -> None:
        self.reply, self.bodies = reply, []

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        body = json.loads(request.content)
        self.bodies.append(body)
        events = message_events(body, self.reply, InputUsage(input_tokens=12, cache_read_input_tokens=3))
        text = "".join(f"event: {name}\ndata: {json.dumps(data)}\n\n" for name, data in events)
        return httpx2.Response(200, headers={"content-type": "text/event-stream"}, content=text.encode())

    def clients(self) -> Clients:
        transport = httpx2.MockTransport(self)
        return Clients(
            sync=anthropic.Anthropic(api_key="k", base_url="http://fake.invalid", max_retries=0,
                                     http_client=httpx2.Client(transport=transport)),
            make_async=lambda: anthropic.AsyncAnthropic(api_key="k", base_url="http://fake.invalid", max_retries=0,
                                                        http_client=httpx2.AsyncClient(transport=transport)),
        )  # fmt: skip


def chat(wire: Wire, model: str = "claude-sonnet-5-5", **request: Any) -> ClaudeChat:
    return ClaudeChat(wire.clients(), {"model": model, "max_tokens": 100, **request}, cache_after=(0,))


def test_the_plan_is_asked_as_native_structured_output_in_user_blocks_with_a_cache_breakpoint():
    wire = Wire(ToolReply(input=PLAN))
    with (one := chat(wire)):
        plan = FUNCTIONS.plan("the rules", "shared part", "", "this file")
    assert plan == Plan.model_validate(PLAN)
    [body] = wire.bodies
    assert body["system"] == "the rules" and body["stream"] is True
    assert body["messages"] == [
        {
            "role": "user",
            "content": [
                {"type": "text", "text": "shared part", "cache_control": {"type": "ephemeral"}},
                {"type": "text", "text": "this file"},
            ],
        }
    ]  # fmt: skip  (the empty part is not sent)
    assert body["output_config"]["format"]["type"] == "json_schema"
    assert one.answer.usage.input_tokens == 12 and one.answer.usage.cache_read_tokens == 3
    assert one.answer.usage.output_tokens > 0 and one.answer.complete


def test_an_edit_is_plain_text_and_the_start_of_the_answer_is_reported():
    wire, started = Wire(TextReply(text="a.py\n```\nx = 2\n```\n")), []
    one = ClaudeChat(
        wire.clients(), {"model": "claude-sonnet-5", "max_tokens": 100}, on_start=lambda: started.append(1)
    )

    async def write() -> str:
        with one:
            return await FUNCTIONS.write("s", "the file", "", "")

    assert asyncio.run(write()) == "a.py\n```\nx = 2\n```\n" and started == [1]
    assert "output_config" not in wire.bodies[0]
    assert one.answer.usage.output_tokens >= 40  # the thinking block the model wrote first counts


@pytest.mark.parametrize(
    "reply, error, says",
    [(Fault.cut(), IncompleteAnswer, ""), (Fault.max_tokens(), UnusableAnswer, "stopped early (max_tokens)"),
     (ToolReply(input={"actionable": "maybe"}), UnusableAnswer, "did not match the schema"),
     (Fault.malformed_json('{"actionable": tru'), UnusableAnswer, "not valid JSON")],
    ids=["cut", "max_tokens", "schema", "json"],
)  # fmt: skip
def test_a_plan_that_cannot_be_used_says_why(reply, error, says):
    with pytest.raises(error) as raised, chat(Wire(reply), "claude-haiku-4-5"):
        FUNCTIONS.plan("s", "f", "", "")
    assert says in str(raised.value)


def test_a_temperature_travels_in_the_extra_body_and_prefill_is_never_sent():
    params = ClaudeChat(None, {"model": "m", "max_tokens": 5, "temperature": 0.2}).params(
        [SystemMessage("s"), UserMessage("u")], None
    )
    assert sdk_arguments(params)["extra_body"] == {"temperature": 0.2} and "temperature" not in sdk_arguments(
        params
    )
    assert "extra_body" not in sdk_arguments({"model": "m"})
    with pytest.raises(TypeError, match="only system and user text"):
        ClaudeChat(None, {"model": "m"}).params([AssistantMessage("prefill")], None)
