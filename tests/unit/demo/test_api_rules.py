"""The fake Messages API's rules, per model: each refusal with the API's exact status, type and message.

Models, sampling, thinking, effort, forced tools and prefill, and the request's shape (its fields and
cache breakpoints); output-format schemas are in ``test_api_schema``."""

from __future__ import annotations

import inspect
import json
from typing import Any

import anthropic
import httpx2
import pytest
from anthropic.types import message_count_tokens_params, message_create_params

from booty.demo import api_rules
from booty.demo.model_table import (
    DISABLED_ADAPTIVE_ONLY,
    DISABLED_FABLE_5,
    DISABLED_SONNET_5_5,
    MODELS,
    RETIRED,
)
from tests.support.api_requests import (
    CLASSIC,
    CURRENT,
    ENABLED_REFUSED,
    EVERY,
    FORCED,
    NO_FORCED_TOOL,
    NO_PREFILL,
    SAMPLING_REFUSED,
    bad,
    count_req,
    refusal,
    req,
)


def test_the_table_knows_every_model_of_claude_api_md_and_one_more():
    known = {m.id for m in MODELS.values()} | {a for m in MODELS.values() for a in m.aliases}
    assert set(EVERY) <= known
    assert {m.id: m.status for m in MODELS.values() if m.status == "current"}.keys() == set(CURRENT)


@pytest.mark.parametrize("model", [*EVERY, "claude-haiku-4-5-20251001", "claude-opus-4-5-20251101"])
def test_a_plain_request_is_accepted_on_every_model(model):
    assert refusal(req(model)) is None
    assert refusal(count_req(model), "count_tokens") is None


@pytest.mark.parametrize("model", [*RETIRED, "claude-3-opus-latest", "claude-sonnet-6", "m", "gpt-5"])
@pytest.mark.parametrize("endpoint", ["messages", "count_tokens"])
def test_retired_and_unknown_models_are_404_naming_the_model(model, endpoint):
    body = req(model) if endpoint == "messages" else count_req(model)
    assert refusal(body, endpoint) == (404, "not_found_error", f"model: {model}")


@pytest.mark.parametrize(
    "model, limit, named",
    [
        ("claude-haiku-4-5", 64_000, "claude-haiku-4-5-20251001"),
        ("claude-opus-4-5-20251101", 64_000, "claude-opus-4-5-20251101"),
        *[(m, 128_000, m) for m in EVERY if m not in ("claude-haiku-4-5", "claude-opus-4-5")],
    ],
)
def test_max_tokens_above_the_output_limit(model, limit, named):
    assert refusal(req(model, max_tokens=limit)) is None
    assert refusal(req(model, max_tokens=200_000)) == bad(
        f"max_tokens: 200000 > {limit}, which is the maximum allowed number of output tokens for {named}"
    )


@pytest.mark.parametrize("model", SAMPLING_REFUSED)
def test_sampling_parameters_are_refused_from_opus_4_7_on(model):
    assert refusal(req(model, temperature=0)) == bad("`temperature` is deprecated for this model.")
    assert refusal(req(model, temperature=0.7)) == bad("`temperature` is deprecated for this model.")
    assert refusal(req(model, temperature=1)) is None
    assert refusal(req(model, top_k=40)) == bad("`top_k` is deprecated for this model.")
    if model != "claude-haiku-5-5":
        assert refusal(req(model, top_p=0.9)) == bad("`top_p` is deprecated for this model.")


def test_haiku_5_5_takes_only_its_own_default_sampling():
    assert refusal(req("claude-haiku-5-5", temperature=1, top_p=0.99)) is None
    assert refusal(req("claude-haiku-5-5", top_p=0.9)) == bad("`top_p` is deprecated for this model.")


@pytest.mark.parametrize("model", CLASSIC)
def test_classic_sampling_one_of_temperature_or_top_p_and_temperature_1_while_thinking(model):
    assert refusal(req(model, temperature=0)) is None
    assert refusal(req(model, top_p=0.9)) is None
    assert refusal(req(model, temperature=0.5, top_p=0.9)) == bad(
        "`temperature` and `top_p` cannot both be specified for this model. Please use only one."
    )
    thinking = (
        {"type": "enabled", "budget_tokens": 2000}
        if model in ("claude-haiku-4-5", "claude-opus-4-5")
        else {"type": "adaptive"}
    )
    assert refusal(req(model, max_tokens=4000, temperature=0, thinking=thinking)) == bad(
        "`temperature` may only be set to 1 when thinking is enabled or in adaptive mode"
    )
    assert refusal(req(model, max_tokens=4000, temperature=1, thinking=thinking)) is None


@pytest.mark.parametrize("model", ENABLED_REFUSED)
def test_thinking_enabled_is_refused_from_opus_4_7_on(model):
    assert refusal(req(model, max_tokens=4000, thinking={"type": "enabled", "budget_tokens": 2000})) == bad(
        '"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" and '
        '"output_config.effort" to control thinking behavior.'
    )


@pytest.mark.parametrize("model", ["claude-haiku-4-5", "claude-opus-4-5"])
def test_adaptive_thinking_is_refused_before_the_4_6_generation(model):
    assert refusal(req(model, thinking={"type": "adaptive"})) == bad(
        "adaptive thinking is not supported on this model"
    )
    assert refusal(req(model, max_tokens=4000, thinking={"type": "enabled", "budget_tokens": 2000})) is None


@pytest.mark.parametrize(
    "model, message",
    [
        ("claude-fable-5", DISABLED_FABLE_5),
        ("claude-fable-5-1", DISABLED_ADAPTIVE_ONLY),
        ("claude-opus-5-5", DISABLED_ADAPTIVE_ONLY),
        ("claude-mythos-5-1", DISABLED_ADAPTIVE_ONLY),
        ("claude-sonnet-5-5", DISABLED_SONNET_5_5),
    ],
)
def test_thinking_disabled_is_refused_where_thinking_cannot_be_turned_off(model, message):
    assert refusal(req(model, thinking={"type": "disabled"})) == bad(message)
    assert refusal(count_req(model, thinking={"type": "disabled"}), "count_tokens") == bad(message)


def test_the_disabled_messages_are_claude_api_md_verbatim():
    assert DISABLED_SONNET_5_5.startswith(
        'To turn thinking off on this model, send "thinking": {"type": '
        '"between_tools"} instead of {"type": "disabled"}.'
    )
    assert DISABLED_FABLE_5.endswith(
        'use "thinking.type.enabled" with "budget_tokens" for extended thinking.'
    )


@pytest.mark.parametrize(
    "model",
    [
        "claude-haiku-4-5",
        "claude-opus-4-5",
        "claude-sonnet-4-6",
        "claude-opus-4-6",
        "claude-opus-4-7",
        "claude-opus-4-8",
        "claude-sonnet-5",
        "claude-opus-5",
        "claude-haiku-5-5",
    ],
)
def test_thinking_disabled_is_accepted_where_thinking_can_be_turned_off(model):
    assert refusal(req(model, thinking={"type": "disabled"})) is None


@pytest.mark.parametrize(
    "model, effort", [("claude-opus-5", "xhigh"), ("claude-opus-5", "max"), ("claude-haiku-5-5", "max")]
)
def test_opus_5_and_haiku_5_5_turn_thinking_off_only_up_to_effort_high(model, effort):
    for allowed in ("low", "medium", "high"):
        assert refusal(req(model, thinking={"type": "disabled"}, output_config={"effort": allowed})) is None
    assert refusal(req(model, thinking={"type": "disabled"}, output_config={"effort": effort})) == bad(
        f"output_config.effort '{effort}' is not supported when thinking is disabled on this model. "
        "Use effort 'high' or below, or enable thinking."
    )
    assert refusal(req(model, thinking={"type": "adaptive"}, output_config={"effort": effort})) is None


@pytest.mark.parametrize("model", ["claude-opus-4-7", "claude-opus-4-8"])
def test_opus_4_7_and_4_8_refuse_effort_above_high_without_thinking(model):
    """Not in claude-api.md: reported from the API for Opus 4.8 (thinking omitted, effort xhigh)."""
    assert refusal(req(model, output_config={"effort": "xhigh"})) == bad(
        "output_config.effort 'xhigh' is not supported when thinking is disabled on this model. "
        "Use effort 'high' or below, or enable thinking."
    )
    assert refusal(req(model, thinking={"type": "adaptive"}, output_config={"effort": "xhigh"})) is None


def test_between_tools_turns_thinking_off_on_sonnet_5_5_only_up_to_high_and_alone():
    off = {"type": "between_tools"}
    assert refusal(req("claude-sonnet-5-5", thinking=off)) is None
    assert refusal(req("claude-sonnet-5-5", thinking=off, output_config={"effort": "low"})) is None
    assert refusal(req("claude-sonnet-5-5", thinking=off, output_config={"effort": "max"})) == bad(
        "output_config.effort 'max' is not supported when thinking is disabled on this model. "
        "Use effort 'high' or below, or enable thinking."
    )
    assert refusal(req("claude-sonnet-5-5", thinking={**off, "display": "summarized"})) == bad(
        "thinking.between_tools.display: Extra inputs are not permitted"
    )
    for model in EVERY:
        if model != "claude-sonnet-5-5":
            assert refusal(req(model, thinking=off)) == bad(api_rules.BETWEEN_TOOLS_REFUSED)


def test_an_unknown_thinking_type_is_refused_for_every_model():
    assert refusal(req("claude-sonnet-5-5", thinking={"type": "off"})) == bad(
        "thinking: Input tag 'off' found using 'type' does not match any of the expected tags: "
        "'adaptive', 'between_tools', 'disabled', 'enabled'"
    )


def test_thinking_enabled_needs_a_budget_of_1024_below_max_tokens():
    haiku = "claude-haiku-4-5"
    assert refusal(req(haiku, thinking={"type": "enabled"})) == bad(
        "thinking.enabled.budget_tokens: Field required"
    )
    assert refusal(req(haiku, thinking={"type": "enabled", "budget_tokens": 500})) == bad(
        "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024"
    )
    assert refusal(req(haiku, max_tokens=2000, thinking={"type": "enabled", "budget_tokens": 2000})) == bad(
        "`max_tokens` must be greater than `thinking.budget_tokens`."
    )


@pytest.mark.parametrize(
    "model, effort, supported",
    [
        ("claude-opus-4-5", "max", "high, low, medium"),
        ("claude-opus-4-5", "xhigh", "high, low, medium"),
        ("claude-sonnet-4-6", "xhigh", "high, low, max, medium"),
        ("claude-opus-4-6", "xhigh", "high, low, max, medium"),
        ("claude-haiku-5-5", "xhigh", "high, low, max, medium"),
    ],
)
def test_an_effort_level_the_model_lacks(model, effort, supported):
    assert refusal(
        req(
            model,
            thinking={"type": "adaptive"} if model != "claude-opus-4-5" else None,
            output_config={"effort": effort},
        )
    ) == bad(f"This model does not support effort level '{effort}'. Supported levels: {supported}.")


@pytest.mark.parametrize("model", [m for m in EVERY if m != "claude-haiku-4-5"])
def test_effort_values_each_model_takes(model):
    levels = MODELS[model if model != "claude-opus-4-5" else "claude-opus-4-5-20251101"].efforts
    for effort in levels:
        assert (
            refusal(
                req(
                    model,
                    thinking={"type": "adaptive"} if model != "claude-opus-4-5" else None,
                    output_config={"effort": effort},
                )
            )
            is None
        ), effort


def test_effort_is_refused_entirely_on_haiku_4_5_and_unknown_levels_everywhere():
    assert refusal(req("claude-haiku-4-5", output_config={"effort": "low"})) == bad(
        "This model does not support the effort parameter."
    )
    assert refusal(req("claude-sonnet-5", output_config={"effort": "extreme"})) == bad(
        "output_config.effort: Input should be 'low', 'medium', 'high', 'xhigh' or 'max'"
    )


@pytest.mark.parametrize("model", NO_FORCED_TOOL)
@pytest.mark.parametrize("choice", [{"type": "tool", "name": "return_plan"}, {"type": "any"}])
def test_forced_tool_choice_is_refused_on_messages_and_count_tokens(model, choice):
    message = bad('tool_choice: type "tool" and "any" are not supported for this model.')
    assert refusal(req(model, tools=FORCED["tools"], tool_choice=choice)) == message
    assert refusal(count_req(model, tools=FORCED["tools"], tool_choice=choice), "count_tokens") == message
    assert refusal(req(model, tools=FORCED["tools"], tool_choice={"type": "auto"})) is None


@pytest.mark.parametrize("model", [m for m in EVERY if m not in NO_FORCED_TOOL])
def test_forced_tool_choice_is_accepted_elsewhere_but_not_with_thinking_enabled(model):
    assert refusal(req(model, **FORCED)) is None
    assert refusal(count_req(model, **FORCED), "count_tokens") is None
    if model in ("claude-haiku-4-5", "claude-opus-4-5", "claude-sonnet-4-6", "claude-opus-4-6"):
        assert refusal(
            req(model, max_tokens=4000, thinking={"type": "enabled", "budget_tokens": 2000}, **FORCED)
        ) == bad("Thinking may not be enabled when tool_choice forces tool use.")


@pytest.mark.parametrize("model", EVERY)
def test_assistant_prefill_is_refused_from_the_4_6_generation_on(model):
    body = req(model, messages=[{"role": "user", "content": "hi"}, {"role": "assistant", "content": "{"}])
    expected = (
        bad(
            "This model does not support assistant message prefill. The conversation must end with a "
            "user message."
        )
        if model in NO_PREFILL
        else None
    )
    assert refusal(body) == expected
    assert refusal({k: v for k, v in body.items() if k != "max_tokens"}, "count_tokens") is None


@pytest.mark.parametrize(
    "thinking, message",
    [
        (
            {"type": "adaptive", "budget_tokens": 2000},
            "thinking.adaptive.budget_tokens: Extra inputs are not permitted",
        ),
        (
            {"type": "disabled", "display": "omitted"},
            "thinking.disabled.display: Extra inputs are not permitted",
        ),
        (
            {"type": "adaptive", "display": "full"},
            "thinking.adaptive.display: Input should be 'summarized' or 'omitted'",
        ),
    ],
)
def test_each_thinking_type_takes_only_its_own_fields(thinking, message):
    assert refusal(req("claude-sonnet-5", thinking=thinking)) == bad(message)
    assert refusal(req("claude-sonnet-5", thinking={"type": "adaptive", "display": "summarized"})) is None


def test_count_tokens_takes_no_generation_parameters_and_messages_no_unknown_ones():
    model = "claude-sonnet-5"
    for name, value in (("max_tokens", 100), ("temperature", 1), ("stream", True), ("stop_sequences", ["x"])):
        assert refusal(count_req(model, **{name: value}), "count_tokens") == bad(
            f"{name}: Extra inputs are not permitted"
        )
    assert refusal(req(model, output_format={"type": "json_schema", "schema": {}})) == bad(
        "output_format: Extra inputs are not permitted"
    )
    assert refusal({"model": model, "messages": []}) == bad("max_tokens: Field required")


HEADER_PARAMS = {"user_profile_id": "anthropic-user-profile-id", "workspace_id": "anthropic-workspace-id"}


def sent(call: str, params: type) -> tuple[set[str], httpx2.Headers]:
    """The body keys and headers the SDK sends when ``call`` is given every parameter its ``params`` type lists."""
    seen: dict[str, Any] = {}

    def capture(request: httpx2.Request) -> httpx2.Response:
        seen["body"], seen["headers"] = json.loads(request.content), request.headers
        return httpx2.Response(
            400, json={"type": "error", "error": {"type": "invalid_request_error", "message": "x"}}
        )

    arguments = {name: "v" for name in params.__annotations__}
    arguments.update(model="claude-sonnet-5", messages=[], max_tokens=1, stream=False)
    with httpx2.Client(transport=httpx2.MockTransport(capture)) as http:
        client = anthropic.Anthropic(
            api_key="k", base_url="http://127.0.0.1:9", max_retries=0, http_client=http
        )
        method = getattr(client.messages, call)
        with pytest.raises(anthropic.BadRequestError):
            method(
                **{
                    name: value
                    for name, value in arguments.items()
                    if name in inspect.signature(method).parameters
                }
            )
    return set(seen["body"]), seen["headers"]


def test_the_accepted_fields_are_those_the_sdk_puts_in_the_body_plus_sampling():
    count_body, count_headers = sent("count_tokens", message_count_tokens_params.MessageCountTokensParams)
    create_body, create_headers = sent("create", message_create_params.MessageCreateParamsNonStreaming)
    assert count_body == api_rules._COUNT_FIELDS
    assert create_body | api_rules.SAMPLING_FIELDS == api_rules._MESSAGE_FIELDS
    for headers in (count_headers, create_headers):  # not body fields: the API answers them as extra inputs
        assert all(headers[header] == "v" for header in HEADER_PARAMS.values())
    assert not set(HEADER_PARAMS) & (api_rules._COUNT_FIELDS | api_rules._MESSAGE_FIELDS)
    # anthropic 2.x takes no sampling arguments: they reach the API only through ``extra_body``
    create = anthropic.Anthropic(api_key="k").messages.create
    assert not api_rules.SAMPLING_FIELDS & set(inspect.signature(create).parameters)
    assert refusal(count_req("claude-sonnet-5", user_profile_id="u"), "count_tokens") == bad(
        "user_profile_id: Extra inputs are not permitted"
    )


def test_speed_and_diagnostics_are_checked_like_the_apis_other_fields():
    assert (
        refusal(req("claude-opus-5-5", speed="standard", diagnostics={"previous_message_id": None})) is None
    )
    assert refusal(count_req("claude-opus-5-5", speed="standard"), "count_tokens") is None
    assert refusal(req("claude-opus-5-5", speed="slow")) == bad("speed: Input should be 'standard' or 'fast'")
    assert refusal(req("claude-opus-5-5", diagnostics={"cache": True})) == bad(
        "diagnostics.cache: Extra inputs are not permitted"
    )
    assert refusal(count_req("claude-opus-5-5", diagnostics={}), "count_tokens") == bad(
        "diagnostics: Extra inputs are not permitted"
    )


def test_at_most_four_cache_breakpoints():
    mark = {"type": "ephemeral"}
    system = [{"type": "text", "text": f"part {i}", "cache_control": mark} for i in range(3)]
    body = req(
        "claude-sonnet-5-5",
        system=system,
        messages=[{"role": "user", "content": [{"type": "text", "text": "hi", "cache_control": mark}]}],
    )
    assert refusal(body) is None
    assert refusal({**body, "cache_control": mark}) == bad(
        "A maximum of 4 blocks with cache_control may be provided. Found 5."
    )
