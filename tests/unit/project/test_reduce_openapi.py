"""scripts/reduce_openapi.py keeps what validation needs, and the committed spec is its output."""

from __future__ import annotations

import importlib.util
import json

from tests.support.locations import REPO

ROOT = REPO
SPEC = ROOT / "tests" / "fakes" / "github_openapi.json"


def _script():
    loaded = importlib.util.spec_from_file_location("reduce_openapi", ROOT / "scripts" / "reduce_openapi.py")
    module = importlib.util.module_from_spec(loaded)
    loaded.loader.exec_module(module)
    return module


FULL = {
    "openapi": "3.0.3",
    "info": {"title": "t", "version": "1", "description": "long prose"},
    "paths": {
        "/things/{id}": {
            "get": {
                "summary": "Get a thing",
                "description": "prose",
                "parameters": [{"$ref": "#/components/parameters/id"}],
                "responses": {
                    "200": {
                        "description": "OK",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/thing"},
                                "examples": {"default": {"$ref": "#/components/examples/thing"}},
                            }
                        },
                    },
                    "404": {"$ref": "#/components/responses/not_found"},
                },
            },
            "delete": {"responses": {"204": {"description": "gone"}}},
        },
        "/other": {"get": {"responses": {"200": {"description": "OK"}}}},
    },
    "components": {
        "parameters": {"id": {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}},
        "schemas": {
            "thing": {
                "type": "object",
                "description": "A thing",
                "properties": {
                    "description": {"type": "string", "description": "a field named description"},
                    "owner": {"$ref": "#/components/schemas/user"},
                },
            },
            "user": {"type": "object", "properties": {"login": {"type": "string", "example": "octocat"}}},
            "unused": {"type": "string"},
        },
        "responses": {"not_found": {"description": "Not Found"}},
        "examples": {"thing": {"value": {"description": "x"}}},
    },
}


def test_keeps_listed_operations_and_what_they_reference_transitively() -> None:
    reduced = _script().reduce_spec(FULL, (("/things/{id}", "get"),))
    assert list(reduced["paths"]) == ["/things/{id}"] and list(reduced["paths"]["/things/{id}"]) == ["get"]
    assert sorted(reduced["components"]["schemas"]) == ["thing", "user"]  # user only via thing
    assert "examples" not in reduced["components"]


def test_drops_prose_but_not_fields_named_like_it_nor_required_response_descriptions() -> None:
    reduced = _script().reduce_spec(FULL, (("/things/{id}", "get"),))
    thing = reduced["components"]["schemas"]["thing"]
    assert thing == {
        "type": "object",
        "properties": {"description": {"type": "string"}, "owner": {"$ref": "#/components/schemas/user"}},
    }
    assert reduced["paths"]["/things/{id}"]["get"]["responses"]["200"]["description"] == "OK"
    assert reduced["components"]["responses"]["not_found"] == {"description": "Not Found"}
    assert "summary" not in reduced["paths"]["/things/{id}"]["get"]


def test_committed_spec_holds_exactly_the_operations_booty_calls() -> None:
    spec = json.loads(SPEC.read_text(encoding="utf-8"))
    found = {
        (path, method) for path, item in spec["paths"].items() for method in item if method != "parameters"
    }
    assert found == set(_script().OPERATIONS)
    assert SPEC.stat().st_size < 2_000_000
