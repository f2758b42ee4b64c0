"""The fake's GraphQL schema is GitHub's, reduced to exactly what Booty's documents use."""

from __future__ import annotations

import importlib.util

from graphql import GraphQLObjectType, build_schema, parse, validate

from booty.adapters.review_threads_gql import DOCUMENTS, RESOLVE_MUTATION, THREADS_QUERY, thread_states
from tests.support.locations import REPO

ROOT = REPO
SCHEMA = ROOT / "tests" / "fakes" / "github_schema.graphql"


def _script():
    loaded = importlib.util.spec_from_file_location(
        "reduce_graphql_schema", ROOT / "scripts" / "reduce_graphql_schema.py"
    )
    module = importlib.util.module_from_spec(loaded)
    loaded.loader.exec_module(module)
    return module


def test_booty_documents_are_valid_and_use_every_field_the_committed_schema_keeps():
    schema = build_schema(SCHEMA.read_text(encoding="utf-8"))
    for document in DOCUMENTS:
        assert validate(schema, parse(document)) == []
    used = _script().fields_used(schema, DOCUMENTS)
    kept = {
        name: set(t.fields)
        for name, t in schema.type_map.items()
        if not name.startswith("__") and isinstance(t, GraphQLObjectType)
    }
    assert kept == used  # object types: exactly the fields selected; input types are kept whole
    assert set(schema.type_map["ResolveReviewThreadInput"].fields) == {"clientMutationId", "threadId"}


def test_a_field_the_schema_does_not_have_is_refused():
    schema = build_schema(SCHEMA.read_text(encoding="utf-8"))
    assert validate(schema, parse(THREADS_QUERY.replace("isResolved", "isResolvedd")))
    assert validate(schema, parse(RESOLVE_MUTATION.replace("threadId", "thread_id")))


def test_thread_states_map_first_comment_ids_to_resolution_and_node_id():
    page = {
        "data": {
            "repository": {
                "pullRequest": {
                    "reviewThreads": {
                        "nodes": [
                            {
                                "id": "PRRT_a",
                                "isResolved": True,
                                "comments": {"nodes": [{"fullDatabaseId": "123"}]},
                            },
                            {
                                "id": "PRRT_b",
                                "isResolved": False,
                                "comments": {"nodes": [{"fullDatabaseId": None}]},
                            },
                        ]
                    }
                }
            }
        }
    }
    assert thread_states([page]) == {123: (True, "PRRT_a")}
