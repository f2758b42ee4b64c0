"""The checks the Messages API makes on a structured-output schema (``output_config.format``).

Pure. Each function answers the API's own error message, or None. The messages are the API's as
reported by its users in 2026 (the docs list the limits, not the wording):

- every object must say ``additionalProperties: false``;
- number, integer, string and object constraints the grammar cannot express are refused
  (``anthropic.transform_schema`` moves them into descriptions);
- at most 24 optional properties and 16 union-typed ones (``anyOf`` or a type list), counted over
  the format schema and every ``strict`` tool of the request together.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

MAX_OPTIONAL = 24
MAX_UNIONS = 16

_UNSUPPORTED = {
    "integer": ("exclusiveMaximum", "exclusiveMinimum", "maximum", "minimum", "multipleOf"),
    "number": ("exclusiveMaximum", "exclusiveMinimum", "maximum", "minimum", "multipleOf"),
    "string": ("maxLength", "minLength"),
    "object": ("maxProperties", "minProperties"),
}
_CHILD_LISTS = ("anyOf", "oneOf", "allOf", "prefixItems")
_CHILD_MAPS = ("properties", "$defs", "definitions", "patternProperties")


def format_error(output_format: Any) -> str | None:
    """The 400 message for ``output_config.format``, or None when the API would accept it."""
    if not isinstance(output_format, dict):
        return "output_config.format: Input should be a valid dictionary"
    if output_format.get("type") != "json_schema":
        return "output_config.format.type: Input should be 'json_schema'"
    schema = output_format.get("schema")
    if not isinstance(schema, dict):
        return "output_config.format.schema: Field required"
    for node in _nodes(schema):
        message = _node_error(node)
        if message:
            return f"output_config.format.schema: {message}"
    return None


def complexity_error(schemas: list[dict[str, Any]]) -> str | None:
    """The 400 message when the grammar of these schemas (format + strict tools) is too large."""
    optional = sum(_optional_count(node) for schema in schemas for node in _nodes(schema))
    if optional > MAX_OPTIONAL:
        return (
            f"Schemas contains too many optional parameters ({optional}), which would make grammar "
            f"compilation inefficient. Reduce the number of optional parameters in your tool schemas "
            f"(limit: {MAX_OPTIONAL})."
        )
    unions = sum(1 for schema in schemas for node in _nodes(schema) if _is_union(node))
    if unions > MAX_UNIONS:
        return (
            f"Schemas contains too many parameters with union types ({unions} parameters with type arrays "
            f"or anyOf). This causes exponential compilation cost. Reduce the number of nullable or "
            f"union-typed parameters (limit: {MAX_UNIONS} parameters with unions)."
        )
    return None


def strict_schemas(body: dict[str, Any]) -> list[dict[str, Any]]:
    """The schemas whose grammar one request compiles: the output format's and each strict tool's."""
    schemas = [
        t["input_schema"]
        for t in body.get("tools") or []
        if isinstance(t, dict) and t.get("strict") and isinstance(t.get("input_schema"), dict)
    ]
    schema = ((body.get("output_config") or {}).get("format") or {}).get("schema")
    return [schema, *schemas] if isinstance(schema, dict) else schemas


def _node_error(node: dict[str, Any]) -> str | None:
    declared = node.get("type")
    types: list[Any] = declared if isinstance(declared, list) else [declared]  # JSON values
    if "object" in types and node.get("additionalProperties") is not False:
        if node.get("additionalProperties") is None or "additionalProperties" not in node:
            return "For 'object' type, 'additionalProperties' must be explicitly set to false"
        return (
            "For 'object' type, 'additionalProperties: true' is not supported. "
            "Please set 'additionalProperties' to false"
        )
    for kind in types:
        refused = [key for key in _UNSUPPORTED.get(kind, ()) if key in node]
        if len(refused) == 1:
            return f"For '{kind}' type, property '{refused[0]}' is not supported"
        if refused:
            return f"For '{kind}' type, properties {', '.join(refused)} are not supported"
    return None


def _nodes(schema: Any) -> Iterator[dict[str, Any]]:
    """Every sub-schema, depth first (``schema`` itself first)."""
    if not isinstance(schema, dict):
        return
    yield schema
    for key in _CHILD_MAPS:
        for child in (schema.get(key) or {}).values() if isinstance(schema.get(key), dict) else ():
            yield from _nodes(child)
    for key in _CHILD_LISTS:
        for child in schema.get(key) or () if isinstance(schema.get(key), list) else ():
            yield from _nodes(child)
    for key in ("items", "additionalProperties", "not"):
        if isinstance(schema.get(key), dict):
            yield from _nodes(schema[key])


def _optional_count(node: dict[str, Any]) -> int:
    properties = node.get("properties")
    if not isinstance(properties, dict):
        return 0
    required = set(node.get("required") or ())
    return sum(1 for name in properties if name not in required)


def _is_union(node: dict[str, Any]) -> bool:
    kind = node.get("type")
    return (
        (isinstance(kind, list) and len(kind) > 1)
        or len(node.get("anyOf") or ()) > 1
        or len(node.get("oneOf") or ()) > 1
    )
