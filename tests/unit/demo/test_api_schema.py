"""The fake Messages API's checks of structured-output schemas (``output_config.format`` and strict
tools): what the grammar cannot express, and its limits on optional and union-typed properties."""

from __future__ import annotations

from typing import Any

import anthropic
import pytest

from booty.models import Plan
from tests.support.api_requests import EVERY, bad, count_req, refusal, req


def fmt(schema: dict[str, Any]) -> dict[str, Any]:
    return {"format": {"type": "json_schema", "schema": schema}}


def obj(properties: dict[str, Any], required: list[str] | None = None, **more: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": required or [],
        "additionalProperties": False,
        **more,
    }


@pytest.mark.parametrize("model", EVERY)
def test_the_plan_schema_from_transform_schema_is_accepted_on_every_model(model):
    assert refusal(req(model, output_config=fmt(anthropic.transform_schema(Plan)))) is None
    assert (
        refusal(count_req(model, output_config=fmt(anthropic.transform_schema(Plan))), "count_tokens") is None
    )


@pytest.mark.parametrize(
    "schema, message",
    [
        (
            {"type": "object", "properties": {}},
            "For 'object' type, 'additionalProperties' must be explicitly set to false",
        ),
        (
            obj({"inner": {"type": "object", "properties": {}}}, ["inner"]),
            "For 'object' type, 'additionalProperties' must be explicitly set to false",
        ),
        (
            obj({}, additionalProperties=True),
            "For 'object' type, 'additionalProperties: true' is not supported. Please set 'additionalProperties' to false",
        ),
        (
            Plan.model_json_schema(),
            "For 'object' type, 'additionalProperties' must be explicitly set to false",
        ),
        (
            obj({"n": {"type": "integer", "minimum": 0, "maximum": 9}}, ["n"]),
            "For 'integer' type, properties maximum, minimum are not supported",
        ),
        (obj({}, minProperties=1), "For 'object' type, property 'minProperties' is not supported"),
    ],
)
def test_output_format_schemas_the_api_refuses(schema, message):
    assert refusal(req("claude-sonnet-5-5", output_config=fmt(schema))) == bad(
        f"output_config.format.schema: {message}"
    )


def test_at_most_24_optional_and_16_union_typed_properties():
    optional = obj({f"p{i}": {"type": "string"} for i in range(24)})
    assert refusal(req("claude-opus-5-5", output_config=fmt(optional))) is None
    optional["properties"]["p24"] = {"type": "string"}
    assert refusal(req("claude-opus-5-5", output_config=fmt(optional))) == bad(
        "Schemas contains too many optional parameters (25), which would make grammar compilation inefficient. "
        "Reduce the number of optional parameters in your tool schemas (limit: 24)."
    )
    names = [f"u{i}" for i in range(17)]
    unions = obj({n: {"anyOf": [{"type": "string"}, {"type": "null"}]} for n in names}, names)
    assert refusal(req("claude-opus-5-5", output_config=fmt(unions))) == bad(
        "Schemas contains too many parameters with union types (17 parameters with type arrays or anyOf). This "
        "causes exponential compilation cost. Reduce the number of nullable or union-typed parameters "
        "(limit: 16 parameters with unions)."
    )


def test_strict_tools_count_toward_the_grammar_limits():
    half = obj({f"p{i}": {"type": "string"} for i in range(13)})
    tool = {"name": "t", "strict": True, "input_schema": half}
    assert refusal(req("claude-sonnet-5", output_config=fmt(half))) is None
    assert refusal(req("claude-sonnet-5", output_config=fmt(half), tools=[tool]))[2].startswith(
        "Schemas contains too many optional parameters (26)"
    )
    assert refusal(req("claude-sonnet-5", output_config=fmt(half), tools=[{**tool, "strict": False}])) is None
