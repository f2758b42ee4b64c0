"""The fake Messages API refuses what the real one refuses, seen through the real anthropic SDK.

Each refusal comes with the API's envelope: HTTP 400 (404 for a model the API does not serve),
``{"type": "error", "error": {"type", "message"}, "request_id": "req_..."}`` and the same id in the
``request-id`` header; no responder sees a refused request, and the server records it in ``rejected``.
"""

from __future__ import annotations

from typing import Any

import anthropic
import pytest

from booty.demo.messages_api import MessagesAPIServer, TextReply, ToolReply
from booty.demo.model_table import DISABLED_SONNET_5_5
from booty.models import Plan
from tests.fakes.anthropic_server import FakeAnthropic

ASK = [{"role": "user", "content": [{"type": "text", "text": "Plan the fix for issue 7."}]}]
PLAN = {"actionable": True, "summary": "s", "title": "fix: t"}

# What Booty sent for the plan before its requests were shaped per model (magentic's AnthropicChatModel):
# temperature 0, one tool for the Plan forced with tool_choice, thinking omitted, streamed; and the same
# tool forced on count_tokens. anthropic 2.x takes no sampling arguments, so temperature goes in extra_body.
UNSHAPED_TOOL = {"name": "return_plan", "description": "", "input_schema": Plan.model_json_schema()}
UNSHAPED_CHOICE = {"type": "tool", "name": "return_plan", "disable_parallel_tool_use": True}
UNSHAPED_PLAN_CALL = dict(
    max_tokens=16_000,
    extra_body={"temperature": 0.0},
    system="You plan changes.",
    messages=ASK,
    tools=[UNSHAPED_TOOL],
    tool_choice=UNSHAPED_CHOICE,
)


def sdk(server: MessagesAPIServer) -> anthropic.Anthropic:
    return anthropic.Anthropic(api_key="k", base_url=server.base_url, max_retries=0, timeout=5)


def refused(call: Any, status: int = 400) -> dict[str, Any]:
    """Run ``call``, expect the API's error, check its envelope and return the error object."""
    with pytest.raises(anthropic.APIStatusError) as caught:
        call()
    error = caught.value
    assert error.status_code == status
    assert set(error.body) == {"type", "error", "request_id"} and error.body["type"] == "error"
    assert (
        error.body["request_id"].startswith("req_")
        and error.response.headers["request-id"] == error.body["request_id"]
    )
    assert error.request_id == error.body["request_id"]
    return error.body["error"]


@pytest.mark.parametrize(
    "model, message",
    [
        ("claude-sonnet-5-5", "`temperature` is deprecated for this model."),
        ("claude-sonnet-5", "`temperature` is deprecated for this model."),
    ],
)
def test_the_unshaped_plan_request_fails_on_the_strict_fake(model, message):
    with FakeAnthropic([ToolReply(PLAN)]) as fake:

        def call() -> None:
            with sdk(fake).messages.stream(model=model, **UNSHAPED_PLAN_CALL) as stream:
                stream.get_final_message()

        assert refused(call) == {"type": "invalid_request_error", "message": message}
        assert fake.armed == 0 and len(fake._script) == 1  # the scripted plan was never served
        assert [(r.endpoint, r.status, r.message) for r in fake.rejected] == [("messages", 400, message)]


def test_the_unshaped_plan_request_without_temperature_still_fails_on_sonnet_5_5_for_its_forced_tool():
    call = {k: v for k, v in UNSHAPED_PLAN_CALL.items() if k != "extra_body"}
    with FakeAnthropic([ToolReply(PLAN)]) as fake:
        error = refused(lambda: sdk(fake).messages.create(model="claude-sonnet-5-5", **call))
    assert error["message"] == 'tool_choice: type "tool" and "any" are not supported for this model.'


def test_the_unshaped_count_tokens_request_fails_on_sonnet_5_5_and_passes_on_sonnet_5():
    count = dict(system="You plan changes.", messages=ASK, tools=[UNSHAPED_TOOL], tool_choice=UNSHAPED_CHOICE)
    with FakeAnthropic() as fake:
        error = refused(lambda: sdk(fake).messages.count_tokens(model="claude-sonnet-5-5", **count))
        assert sdk(fake).messages.count_tokens(model="claude-sonnet-5", **count).input_tokens > 0
    assert error == {
        "type": "invalid_request_error",
        "message": 'tool_choice: type "tool" and "any" are not supported for this model.',
    }
    assert [(r.endpoint, r.body["model"]) for r in fake.rejected] == [("count_tokens", "claude-sonnet-5-5")]
    assert len(fake.count_requests) == 2


@pytest.mark.parametrize("model", ["claude-sonnet-4-5", "claude-3-5-sonnet-20241022", "claude-sonnet-6"])
def test_a_retired_or_unknown_model_is_a_404_on_both_endpoints(model):
    with MessagesAPIServer(lambda body: TextReply("x")) as server:
        client = sdk(server)
        for call in (
            lambda: client.messages.create(model=model, max_tokens=10, messages=ASK),
            lambda: client.messages.count_tokens(model=model, messages=ASK),
        ):
            with pytest.raises(anthropic.NotFoundError):
                call()
            assert refused(call, 404) == {"type": "not_found_error", "message": f"model: {model}"}
        assert server.usages == []


# One case per rule, through the SDK: (model, endpoint, request fields, message).
RULES = [
    (
        "claude-opus-5-5",
        "messages",
        dict(max_tokens=200_000),
        "max_tokens: 200000 > 128000, which is the maximum allowed number of output tokens for claude-opus-5-5",
    ),
    (
        "claude-haiku-4-5",
        "messages",
        dict(max_tokens=100_000),
        "max_tokens: 100000 > 64000, which is the maximum allowed number of output tokens for claude-haiku-4-5-20251001",
    ),
    ("claude-opus-4-7", "messages", dict(extra_body={"top_p": 0.9}), "`top_p` is deprecated for this model."),
    ("claude-fable-5", "messages", dict(extra_body={"top_k": 5}), "`top_k` is deprecated for this model."),
    (
        "claude-mythos-5-1",
        "messages",
        dict(extra_body={"temperature": 0.2}),
        "`temperature` is deprecated for this model.",
    ),
    (
        "claude-sonnet-4-6",
        "messages",
        dict(extra_body={"temperature": 0.2, "top_p": 0.9}),
        "`temperature` and `top_p` cannot both be specified for this model. Please use only one.",
    ),
    (
        "claude-opus-4-6",
        "messages",
        dict(extra_body={"temperature": 0}, thinking={"type": "adaptive"}),
        "`temperature` may only be set to 1 when thinking is enabled or in adaptive mode",
    ),
    (
        "claude-sonnet-5",
        "messages",
        dict(thinking={"type": "enabled", "budget_tokens": 2048}),
        '"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" and '
        '"output_config.effort" to control thinking behavior.',
    ),
    (
        "claude-haiku-4-5",
        "count_tokens",
        dict(thinking={"type": "adaptive"}),
        "adaptive thinking is not supported on this model",
    ),
    ("claude-sonnet-5-5", "messages", dict(thinking={"type": "disabled"}), DISABLED_SONNET_5_5),
    (
        "claude-opus-5",
        "messages",
        dict(thinking={"type": "disabled"}, output_config={"effort": "xhigh"}),
        "output_config.effort 'xhigh' is not supported when thinking is disabled on this model. "
        "Use effort 'high' or below, or enable thinking.",
    ),
    (
        "claude-haiku-4-5",
        "messages",
        dict(output_config={"effort": "low"}),
        "This model does not support the effort parameter.",
    ),
    (
        "claude-sonnet-4-6",
        "messages",
        dict(output_config={"effort": "xhigh"}),
        "This model does not support effort level 'xhigh'. Supported levels: high, low, max, medium.",
    ),
    (
        "claude-fable-5-1",
        "count_tokens",
        dict(tools=[UNSHAPED_TOOL], tool_choice={"type": "any"}),
        'tool_choice: type "tool" and "any" are not supported for this model.',
    ),
    (
        "claude-opus-4-5",
        "messages",
        dict(
            tools=[UNSHAPED_TOOL],
            tool_choice=UNSHAPED_CHOICE,
            thinking={"type": "enabled", "budget_tokens": 2048},
        ),
        "Thinking may not be enabled when tool_choice forces tool use.",
    ),
    (
        "claude-opus-4-6",
        "messages",
        dict(messages=[*ASK, {"role": "assistant", "content": "{"}]),
        "This model does not support assistant message prefill. The conversation must end with a user message.",
    ),
    (
        "claude-sonnet-5-5",
        "messages",
        dict(output_config={"format": {"type": "json_schema", "schema": Plan.model_json_schema()}}),
        "output_config.format.schema: For 'object' type, 'additionalProperties' must be explicitly set to false",
    ),
    (
        "claude-sonnet-5-5",
        "count_tokens",
        dict(
            system=[
                {"type": "text", "text": str(i), "cache_control": {"type": "ephemeral"}} for i in range(5)
            ]
        ),
        "A maximum of 4 blocks with cache_control may be provided. Found 5.",
    ),
    (
        "claude-sonnet-5",
        "count_tokens",
        dict(extra_body={"max_tokens": 100}),
        "max_tokens: Extra inputs are not permitted",
    ),
]


@pytest.mark.parametrize("model, endpoint, fields, message", RULES)
def test_each_rule_reaches_the_sdk_as_the_apis_own_error(model, endpoint, fields, message):
    fields = (
        {"max_tokens": 4096, "messages": ASK, **fields}
        if endpoint == "messages"
        else {"messages": ASK, **fields}
    )
    with MessagesAPIServer(lambda body: TextReply("never")) as server:
        client = sdk(server)
        create = client.messages.create if endpoint == "messages" else client.messages.count_tokens
        error = refused(lambda: create(model=model, **fields))
        assert isinstance(error, dict) and error == {"type": "invalid_request_error", "message": message}
        assert [(r.endpoint, r.message) for r in server.rejected] == [(endpoint, message)]


def test_a_request_shaped_for_the_model_is_answered():
    schema = anthropic.transform_schema(Plan)
    with FakeAnthropic([ToolReply(PLAN)]) as fake:
        with sdk(fake).messages.stream(
            model="claude-sonnet-5-5",
            max_tokens=16_000,
            system="You plan changes.",
            messages=ASK,
            thinking={"type": "between_tools"},
            output_config={"effort": "low", "format": {"type": "json_schema", "schema": schema}},
        ) as stream:
            message = stream.get_final_message()
    assert fake.rejected == [] and [block.type for block in message.content] == ["text"]
    assert Plan.model_validate_json(message.content[0].text).title == "fix: t"


def test_plan_faults_reach_structured_output_calls_too():
    from booty.demo.replies import Fault

    schema = anthropic.transform_schema(Plan)
    with FakeAnthropic([TextReply("edit")]).fail_next(Fault.overloaded(), on="plan") as fake:
        client = sdk(fake)
        assert (
            client.messages.create(model="claude-sonnet-5-5", max_tokens=100, messages=ASK).content[-1].text
            == "edit"
        )
        with pytest.raises(anthropic.APIStatusError) as caught:
            client.messages.create(
                model="claude-sonnet-5-5",
                max_tokens=100,
                messages=ASK,
                output_config={"format": {"type": "json_schema", "schema": schema}},
            )
    assert caught.value.status_code == 529
