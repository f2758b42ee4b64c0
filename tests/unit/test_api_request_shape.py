"""The fake Messages API's checks of a request's shape (its fields, output-format schemas, cache breakpoints),
and the shape of its Models API answer."""

from __future__ import annotations

import inspect
import json
import typing
from typing import Any

import anthropic
import httpx2
import pydantic
import pytest
from anthropic.types import ModelInfo, message_count_tokens_params, message_create_params

from booty.demo import api_rules, model_info
from booty.demo.model_table import MODELS
from booty.models import Plan
from tests.support.api_requests import EVERY, bad, count_req, refusal, req


def test_count_tokens_takes_no_generation_parameters_and_messages_no_unknown_ones():
    model = "claude-sonnet-5"
    for name, value in (("max_tokens", 100), ("temperature", 1), ("stream", True), ("stop_sequences", ["x"])):
        assert refusal(count_req(model, **{name: value}), "count_tokens") == bad(
            f"{name}: Extra inputs are not permitted")
    assert refusal(req(model, output_format={"type": "json_schema", "schema": {}})) == bad(
        "output_format: Extra inputs are not permitted")
    assert refusal({"model": model, "messages": []}) == bad("max_tokens: Field required")


HEADER_PARAMS = {"user_profile_id": "anthropic-user-profile-id", "workspace_id": "anthropic-workspace-id"}


def sent(call: str, params: type) -> tuple[set[str], httpx2.Headers]:
    """The body keys and headers the SDK sends when ``call`` is given every parameter its ``params`` type lists."""
    seen: dict[str, Any] = {}

    def capture(request: httpx2.Request) -> httpx2.Response:
        seen["body"], seen["headers"] = json.loads(request.content), request.headers
        return httpx2.Response(400, json={"type": "error", "error": {"type": "invalid_request_error", "message": "x"}})

    arguments = {name: "v" for name in params.__annotations__}
    arguments.update(model="claude-sonnet-5", messages=[], max_tokens=1, stream=False)
    with httpx2.Client(transport=httpx2.MockTransport(capture)) as http:
        client = anthropic.Anthropic(api_key="k", base_url="http://127.0.0.1:9", max_retries=0, http_client=http)
        method = getattr(client.messages, call)
        with pytest.raises(anthropic.BadRequestError):
            method(**{name: value for name, value in arguments.items() if name in inspect.signature(method).parameters})
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
        "user_profile_id: Extra inputs are not permitted")


def test_speed_and_diagnostics_are_checked_like_the_apis_other_fields():
    assert refusal(req("claude-opus-5-5", speed="standard", diagnostics={"previous_message_id": None})) is None
    assert refusal(count_req("claude-opus-5-5", speed="standard"), "count_tokens") is None
    assert refusal(req("claude-opus-5-5", speed="slow")) == bad("speed: Input should be 'standard' or 'fast'")
    assert refusal(req("claude-opus-5-5", diagnostics={"cache": True})) == bad(
        "diagnostics.cache: Extra inputs are not permitted")
    assert refusal(count_req("claude-opus-5-5", diagnostics={}), "count_tokens") == bad(
        "diagnostics: Extra inputs are not permitted")


def missing_keys(value: Any, model: type[pydantic.BaseModel], at: str = "") -> list[str]:
    """The fields of the SDK's type (and of its nested types) that ``value`` leaves out."""
    missing = []
    for name, field in model.model_fields.items():
        if name not in value:
            missing.append(at + name)
            continue
        kinds = [field.annotation, *typing.get_args(field.annotation)]
        nested = next((k for k in kinds if isinstance(k, type) and issubclass(k, pydantic.BaseModel)), None)
        if nested is not None and isinstance(value[name], dict):
            missing += missing_keys(value[name], nested, f"{at}{name}.")
    return missing


@pytest.mark.parametrize("model", sorted(MODELS))
def test_the_models_api_answers_every_field_of_the_sdks_model_info(model):
    info = model_info.retrieve(model)
    assert missing_keys(info, ModelInfo) == []
    assert ModelInfo.model_validate(info).capabilities.thinking.types.model_dump().keys() == set(
        model_info.THINKING_TYPES) == set(api_rules._THINKING_TAGS)


def fmt(schema: dict[str, Any]) -> dict[str, Any]:
    return {"format": {"type": "json_schema", "schema": schema}}


def obj(properties: dict[str, Any], required: list[str] | None = None, **more: Any) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": required or [], "additionalProperties": False,
            **more}


@pytest.mark.parametrize("model", EVERY)
def test_the_plan_schema_from_transform_schema_is_accepted_on_every_model(model):
    assert refusal(req(model, output_config=fmt(anthropic.transform_schema(Plan)))) is None
    assert refusal(count_req(model, output_config=fmt(anthropic.transform_schema(Plan))), "count_tokens") is None


@pytest.mark.parametrize("schema, message", [
    ({"type": "object", "properties": {}}, "For 'object' type, 'additionalProperties' must be explicitly set to false"),
    (obj({"inner": {"type": "object", "properties": {}}}, ["inner"]),
     "For 'object' type, 'additionalProperties' must be explicitly set to false"),
    (obj({}, additionalProperties=True),
     "For 'object' type, 'additionalProperties: true' is not supported. Please set 'additionalProperties' to false"),
    (Plan.model_json_schema(), "For 'object' type, 'additionalProperties' must be explicitly set to false"),
    (obj({"n": {"type": "integer", "minimum": 0, "maximum": 9}}, ["n"]),
     "For 'integer' type, properties maximum, minimum are not supported"),
    (obj({}, minProperties=1), "For 'object' type, property 'minProperties' is not supported"),
])
def test_output_format_schemas_the_api_refuses(schema, message):
    assert refusal(req("claude-sonnet-5-5", output_config=fmt(schema))) == bad(f"output_config.format.schema: {message}")


def test_at_most_24_optional_and_16_union_typed_properties():
    optional = obj({f"p{i}": {"type": "string"} for i in range(24)})
    assert refusal(req("claude-opus-5-5", output_config=fmt(optional))) is None
    optional["properties"]["p24"] = {"type": "string"}
    assert refusal(req("claude-opus-5-5", output_config=fmt(optional))) == bad(
        "Schemas contains too many optional parameters (25), which would make grammar compilation inefficient. "
        "Reduce the number of optional parameters in your tool schemas (limit: 24).")
    names = [f"u{i}" for i in range(17)]
    unions = obj({n: {"anyOf": [{"type": "string"}, {"type": "null"}]} for n in names}, names)
    assert refusal(req("claude-opus-5-5", output_config=fmt(unions))) == bad(
        "Schemas contains too many parameters with union types (17 parameters with type arrays or anyOf). This "
        "causes exponential compilation cost. Reduce the number of nullable or union-typed parameters "
        "(limit: 16 parameters with unions).")


def test_strict_tools_count_toward_the_grammar_limits():
    half = obj({f"p{i}": {"type": "string"} for i in range(13)})
    tool = {"name": "t", "strict": True, "input_schema": half}
    assert refusal(req("claude-sonnet-5", output_config=fmt(half))) is None
    assert refusal(req("claude-sonnet-5", output_config=fmt(half), tools=[tool]))[2].startswith(
        "Schemas contains too many optional parameters (26)")
    assert refusal(req("claude-sonnet-5", output_config=fmt(half), tools=[{**tool, "strict": False}])) is None


def test_at_most_four_cache_breakpoints():
    mark = {"type": "ephemeral"}
    system = [{"type": "text", "text": f"part {i}", "cache_control": mark} for i in range(3)]
    body = req("claude-sonnet-5-5", system=system,
               messages=[{"role": "user", "content": [{"type": "text", "text": "hi", "cache_control": mark}]}])
    assert refusal(body) is None
    assert refusal({**body, "cache_control": mark}) == bad("A maximum of 4 blocks with cache_control may be provided. "
                                                           "Found 5.")
