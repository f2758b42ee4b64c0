"""Review threads through GitHub's GraphQL API: whether each thread is resolved, and resolving one.

GitHub's REST API has no thread object; a thread's resolution and its node id exist only in
GraphQL. The two documents below are every GraphQL request Booty makes
(``scripts/reduce_graphql_schema.py`` keeps exactly what they use of GitHub's schema, for the fake).
"""

from __future__ import annotations

from typing import Any

THREADS_QUERY = """\
query BootyReviewThreads($owner: String!, $name: String!, $number: Int!, $cursor: String) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      reviewThreads(first: 100, after: $cursor) {
        pageInfo { hasNextPage endCursor }
        nodes { id isResolved comments(first: 1) { nodes { fullDatabaseId } } }
      }
    }
  }
}
"""

RESOLVE_MUTATION = """\
mutation BootyResolveThread($thread: ID!) {
  resolveReviewThread(input: {threadId: $thread}) { thread { id isResolved } }
}
"""

DOCUMENTS = (THREADS_QUERY, RESOLVE_MUTATION)


def thread_states(pages: list[dict[str, Any]]) -> dict[int, tuple[bool, str]]:
    """First comment's database id -> (is resolved, thread node id), from the query's answer pages."""
    states: dict[int, tuple[bool, str]] = {}
    for page in pages:
        pull = ((page.get("data") or {}).get("repository") or {}).get("pullRequest") or {}
        for node in (pull.get("reviewThreads") or {}).get("nodes") or []:
            first = ((node.get("comments") or {}).get("nodes") or [{}])[0] or {}
            try:  # a BigInt, which GitHub sends as a string (databaseId, an Int, is deprecated)
                comment_id = int(str(first.get("fullDatabaseId")))
            except ValueError:
                continue
            states[comment_id] = (bool(node.get("isResolved")), str(node.get("id") or ""))
    return states
