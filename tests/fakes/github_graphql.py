"""The fake GitHub's GraphQL endpoint: requests are executed by graphql-core against GitHub's own
schema, reduced to what Booty uses (``github_schema.graphql``, from scripts/reduce_graphql_schema.py).

A document the schema refuses (an unknown field, a wrong argument or variable type) is a
violation, as a request outside the OpenAPI description is for REST. Answers follow GitHub:
HTTP 200 with ``errors`` (type NOT_FOUND for unknown objects) next to ``data``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from graphql import GraphQLSchema, build_schema, graphql_sync, parse, validate

from tests.fakes.github_state import RepoState

SCHEMA_PATH = Path(__file__).with_name("github_schema.graphql")
MAX_PAGE = 100  # GitHub: `first` and `last` must be within 1-100


@lru_cache(maxsize=1)
def schema() -> GraphQLSchema:
    return build_schema(SCHEMA_PATH.read_text(encoding="utf-8"))


def invalid(payload: Any) -> str | None:
    """Why the request is not one GitHub's schema accepts, or None."""
    if not isinstance(payload, dict) or not isinstance(payload.get("query"), str):
        return "POST /graphql: the body needs a string `query`"
    try:
        errors = validate(schema(), parse(payload["query"]))
    except Exception as error:  # a syntax error
        return f"POST /graphql: {error}"
    return f"POST /graphql: {errors[0].message}" if errors else None


def execute(state: RepoState, payload: dict[str, Any]) -> dict[str, Any]:
    result = graphql_sync(
        schema(), payload["query"], root_value=_Root(state), variable_values=payload.get("variables")
    )
    answer: dict[str, Any] = {"data": result.data}
    if result.errors:
        answer["errors"] = [
            {"type": getattr(e.original_error, "kind", "INVALID"), "message": e.message, "path": e.path}
            for e in result.errors
        ]
    return answer


class NotFound(Exception):
    kind = "NOT_FOUND"


class _Root:
    def __init__(self, state: RepoState) -> None:
        self.state = state

    def repository(self, info, owner: str, name: str, followRenames: bool = True) -> dict[str, Any]:
        if (owner, name) != (self.state.owner, self.state.name):
            raise NotFound(f"Could not resolve to a Repository with the name '{owner}/{name}'.")
        return {"pullRequest": self._pull}

    def _pull(self, info, number: int) -> dict[str, Any] | None:
        if number not in self.state.pulls:
            raise NotFound(f"Could not resolve to a PullRequest with the number of {number}.")
        roots = [
            c for c in self.state.review_comments.values() if c["pull"] == number and c["in_reply_to"] is None
        ]

        def threads(info, first: int | None = None, after: str | None = None, **_: Any) -> dict[str, Any]:
            if first is None or not 1 <= first <= MAX_PAGE:
                raise ValueError(f"`first` must be within 1-{MAX_PAGE} (got {first})")
            start = int(after) if after else 0
            page = roots[start : start + first]
            end = start + len(page)
            return {
                "nodes": [self._thread(c) for c in page],
                "pageInfo": {"hasNextPage": end < len(roots), "endCursor": str(end) if page else None},
            }

        return {"reviewThreads": threads}

    def _thread(self, root: dict[str, Any]) -> dict[str, Any]:
        members = [root] + [c for c in self.state.review_comments.values() if c["in_reply_to"] == root["id"]]

        def comments(info, first: int | None = None, **_: Any) -> dict[str, Any]:
            return {"nodes": [{"fullDatabaseId": str(c["id"])} for c in members[: first or MAX_PAGE]]}

        return {"id": f"PRRT_{root['id']}", "isResolved": bool(root.get("resolved")), "comments": comments}

    def resolveReviewThread(self, info, input: dict[str, Any]) -> dict[str, Any]:
        thread_id = input["threadId"]
        root = (
            self.state.review_comments.get(int(thread_id[5:]))
            if thread_id.startswith("PRRT_") and thread_id[5:].isdigit()
            else None
        )
        if root is None or root["in_reply_to"] is not None:
            raise NotFound(f"Could not resolve to a node with the global id of '{thread_id}'.")
        root["resolved"] = True
        return {"thread": self._thread(root)}
