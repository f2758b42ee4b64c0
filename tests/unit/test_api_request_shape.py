"""The fake Messages API's checks of a request's shape: its fields, output-format schemas, cache breakpoints."""

from __future__ import annotations

from typing import Any

import anthropic
import pytest
from anthropic.types import message_count_tokens_params, message_create_params

from booty.core.models import Plan
from booty.demo import api_rules
from tests.unit.fake_api_requests import EVERY, bad, count_req, refusal, req


def test_count_tokens_takes_no_generation_parameters_and_messages_no_unknown_ones():
    model = "claude-sonnet-5"
    for name, value in (("max_tokens", 100), ("temperature", 1), ("stream", True), ("stop_sequences", ["x"])):
        assert refusal(count_req(model, **{name: value}), "count_tokens") == bad(
            f"{name}: Extra inputs are not permitted")
    assert refusal(req(model, output_format={"type": "json_schema", "schema": {}})) == bad(
        "output_format: Extra inputs are not permitted")
    assert refusal({"model": model, "messages": []}) == bad("max_tokens: Field required")


def test_the_accepted_fields_are_the_sdks():
    assert api_rules._COUNT_FIELDS == set(message_count_tokens_params.MessageCountTokensParams.__annotations__)
    assert api_rules._MESSAGE_FIELDS == set(message_create_params.MessageCreateParamsStreaming.__annotations__)


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
