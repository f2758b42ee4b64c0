"""Reduce GitHub's official OpenAPI description to the operations Booty calls.

The full description (npm ``@octokit/openapi``, ``generated/api.github.com.json``, ~13 MB) is too
large to commit and slow to load. This keeps only the operations in ``OPERATIONS`` plus every
component they reference, transitively, and drops prose (descriptions, summaries, examples) that
validation does not need. The result is what ``tests/fakes/github_server.py`` validates against.

Usage::

    mkdir -p /tmp/octo && (cd /tmp/octo && npm install @octokit/openapi)
    python scripts/reduce_openapi.py \\
        /tmp/octo/node_modules/@octokit/openapi/generated/api.github.com.json \\
        tests/fakes/github_openapi.json

When Booty starts calling a new endpoint, add it to ``OPERATIONS`` and regenerate. The output's
``info.version`` records the @octokit/openapi release it came from (23.0.2 when first generated).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

# (path template, method): every request PyGithub sends on Booty's behalf (see adapters/codehost.py).
# Not GET /user: the workflow's GITHUB_TOKEN may not call it, so Booty must not depend on it.
OPERATIONS: tuple[tuple[str, str], ...] = (
    ("/repos/{owner}/{repo}", "get"),
    ("/repos/{owner}/{repo}/issues", "get"),  # booty sweep-plan: the open issues with the trigger label
    ("/repos/{owner}/{repo}/issues/{issue_number}", "get"),
    ("/repos/{owner}/{repo}/issues/{issue_number}/comments", "get"),
    ("/repos/{owner}/{repo}/issues/{issue_number}/comments", "post"),
    ("/repos/{owner}/{repo}/issues/comments/{comment_id}", "patch"),
    ("/repos/{owner}/{repo}/issues/{issue_number}/labels", "post"),
    ("/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}", "delete"),
    ("/repos/{owner}/{repo}/collaborators/{username}/permission", "get"),
    ("/repos/{owner}/{repo}/pulls", "get"),
    ("/repos/{owner}/{repo}/pulls", "post"),
    ("/repos/{owner}/{repo}/pulls/{pull_number}", "get"),
    ("/repos/{owner}/{repo}/pulls/{pull_number}", "patch"),
    ("/repos/{owner}/{repo}/contents/{path}", "get"),
    # Follow-ups on Booty's own pull request (booty.review): threads, reviews, replies, re-requests.
    ("/repos/{owner}/{repo}/pulls/{pull_number}/comments", "get"),
    ("/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies", "post"),
    ("/repos/{owner}/{repo}/pulls/{pull_number}/reviews", "get"),
    ("/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers", "post"),
)

# Prose and vendor metadata: irrelevant to validation, and most of the file's weight.
DROPPED_KEYS = frozenset({"description", "summary", "example", "examples", "externalDocs", "x-github"})


def strip(node: Any, *, role: str = "") -> Any:
    """Copy ``node`` without prose keys.

    ``role`` says what the keys of ``node`` are: "properties" (field names, kept as is) or
    "responses" (status codes whose response objects must keep ``description``, the one prose
    field OpenAPI 3.0 requires).
    """
    if isinstance(node, list):
        return [strip(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if role == "properties" or key == "$ref":
            out[key] = strip(value)
        elif role == "responses":
            out[key] = response(value)
        elif key not in DROPPED_KEYS:
            out[key] = strip(value, role=key if key in ("properties", "responses") else "")
    return out


def response(node: Any) -> Any:
    """A response object stripped of prose except its required ``description``."""
    out = strip(node)
    if isinstance(node, dict) and "description" in node:
        out["description"] = node["description"]
    return out


def refs_in(node: Any) -> set[str]:
    """Every ``$ref`` target (``#/components/<kind>/<name>``) found under ``node``."""
    found: set[str] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            ref = item.get("$ref")
            if isinstance(ref, str):
                found.add(ref)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def reduce_spec(full: dict[str, Any], operations: tuple[tuple[str, str], ...] = OPERATIONS) -> dict[str, Any]:
    """The description restricted to ``operations`` and the components they reach."""
    paths: dict[str, dict[str, Any]] = {}
    for template, method in operations:
        item = full["paths"].get(template, {})
        if method not in item:
            raise SystemExit(f"{method.upper()} {template} is not in the description")
        target = paths.setdefault(template, {})
        if "parameters" in item:
            target["parameters"] = strip(item["parameters"])
        target[method] = strip(item[method])

    components: dict[str, dict[str, Any]] = {}
    pending = refs_in(paths)
    seen: set[str] = set()
    while pending:
        ref = pending.pop()
        if ref in seen:
            continue
        seen.add(ref)
        _, _, kind, name = ref.split("/", 3)
        if kind == "examples":  # only reachable through dropped "examples" keys
            continue
        original = full["components"][kind][name]
        value = response(original) if kind == "responses" else strip(original)
        components.setdefault(kind, {})[name] = value
        pending |= refs_in(value) - seen

    return {
        "openapi": full["openapi"],
        "info": {"title": full["info"]["title"], "version": full["info"]["version"]},
        "servers": full.get("servers", []),
        "paths": paths,
        "components": {kind: dict(sorted(items.items())) for kind, items in sorted(components.items())},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="generated/api.github.com.json from @octokit/openapi")
    parser.add_argument("target", type=Path, help="where to write the reduced description")
    args = parser.parse_args(argv)

    reduced = reduce_spec(json.loads(args.source.read_text(encoding="utf-8")))
    text = json.dumps(reduced, indent=1, sort_keys=False, ensure_ascii=False) + "\n"
    args.target.write_text(text, encoding="utf-8")
    count = sum(len([m for m in item if m != "parameters"]) for item in reduced["paths"].values())
    print(f"{args.target}: {count} operations, {len(text.encode()):,} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
