"""The fake GitHub's endpoints: what each operation does to ``RepoState`` and what it answers.

Requests reach ``route`` already validated against the spec, so handlers trust parameter types and
body shapes; they enforce GitHub's semantic rules (unknown numbers 404, duplicate PRs 422, ...).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from tests.fakes import github_payloads as render
from tests.fakes.github_state import RepoState

DOCS = "https://docs.github.com/rest"


@dataclass
class Reply:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


def _error(status: int, message: str, errors: list[dict[str, Any]] | None = None) -> Reply:
    body: dict[str, Any] = {"message": message, "documentation_url": DOCS, "status": str(status)}
    if errors:
        body["errors"] = errors
    return Reply(status, body)


NOT_FOUND = _error(404, "Not Found")
Handler = Callable[..., Reply]
_ROUTES: list[tuple[str, re.Pattern[str], Handler]] = []


def _on(method: str, pattern: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        _ROUTES.append((method, re.compile(f"^/repos/(?P<owner>[^/]+)/(?P<repo>[^/]+){pattern}$"), handler))
        return handler

    return register


def route(state: RepoState, method: str, path: str, query: dict[str, str], payload: Any) -> Reply:
    """Serve one request. Only the fake's one repository exists."""
    for verb, pattern, handler in _ROUTES:
        match = pattern.match(path)
        if verb == method and match:
            params = {key: unquote(value) for key, value in match.groupdict().items()}
            if (params.pop("owner"), params.pop("repo")) != (state.owner, state.name):
                return NOT_FOUND
            return handler(state, query=query, payload=payload or {}, path_=path, **params)
    return NOT_FOUND


def _page(state: RepoState, path: str, query: dict[str, str], items: list[Any]) -> Reply:
    """One page of ``items`` as GitHub serves lists: ``per_page`` (default 30) and a ``Link`` header."""
    size, page = int(query.get("per_page", 30)), int(query.get("page", 1))
    last = max(1, -(-len(items) // size))
    links = {"next": page + 1, "last": last} if page < last else {}
    if page > 1:
        links.update(first=1, prev=page - 1)
    others = "".join(f"&{k}={v}" for k, v in query.items() if k not in ("page", "per_page"))
    header = ", ".join(
        f'<{state.api_url}{path}?per_page={size}&page={n}{others}>; rel="{rel}"' for rel, n in links.items()
    )
    return Reply(200, items[(page - 1) * size : page * size], {"Link": header} if header else {})


@_on("GET", "")
def _get_repo(state: RepoState, **_: Any) -> Reply:
    return Reply(200, render.repository(state))


@_on("GET", r"/issues")
def _list_issues(state: RepoState, query: dict[str, str], path_: str, **_: Any) -> Reply:
    """GitHub's list: pull requests included (each with a ``pull_request`` key), every label in
    ``labels`` required, newest first unless ``direction=asc`` (``sort`` is always by creation
    here: numbers grow with creation time)."""
    wanted = query.get("state", "open")
    labels = {name.strip() for name in query.get("labels", "").split(",") if name.strip()}
    numbers = sorted(state.issues, reverse=query.get("direction", "desc") == "desc")
    return _page(
        state,
        path_,
        query,
        [
            render.issue(state, n)
            for n in numbers
            if wanted in ("all", state.issues[n]["state"]) and labels <= set(state.issues[n]["labels"])
        ],
    )


@_on("GET", r"/issues/(?P<number>\d+)")
def _get_issue(state: RepoState, number: str, **_: Any) -> Reply:
    return Reply(200, render.issue(state, int(number))) if int(number) in state.issues else NOT_FOUND


@_on("GET", r"/issues/(?P<number>\d+)/comments")
def _list_comments(state: RepoState, number: str, query: dict[str, str], path_: str, **_: Any) -> Reply:
    if int(number) not in state.issues:
        return NOT_FOUND
    return _page(
        state,
        path_,
        query,
        [render.comment(state, c["id"]) for c in state.comments.values() if c["issue"] == int(number)],
    )


@_on("POST", r"/issues/(?P<number>\d+)/comments")
def _create_comment(state: RepoState, number: str, payload: dict[str, Any], **_: Any) -> Reply:
    issue = state.issues.get(int(number))
    if issue is None:
        return NOT_FOUND
    if issue["locked"]:
        return _error(403, "Unable to create comment because issue is locked.")
    return Reply(201, render.comment(state, state.new_comment(int(number), payload["body"], state.actor)))


@_on("PATCH", r"/issues/comments/(?P<comment_id>\d+)")
def _edit_comment(state: RepoState, comment_id: str, payload: dict[str, Any], **_: Any) -> Reply:
    comment = state.comments.get(int(comment_id))
    if comment is None:
        return NOT_FOUND
    comment["body"] = payload["body"]
    return Reply(200, render.comment(state, int(comment_id)))


@_on("POST", r"/issues/(?P<number>\d+)/labels")
def _add_labels(state: RepoState, number: str, payload: dict[str, Any], **_: Any) -> Reply:
    issue = state.issues.get(int(number))
    if issue is None:
        return NOT_FOUND
    for label in payload["labels"]:
        name = label if isinstance(label, str) else label["name"]
        if name not in issue["labels"]:
            issue["labels"].append(name)
    return Reply(200, [render.label(state, name) for name in issue["labels"]])


@_on("DELETE", r"/issues/(?P<number>\d+)/labels/(?P<name>[^/]+)")
def _remove_label(state: RepoState, number: str, name: str, **_: Any) -> Reply:
    issue = state.issues.get(int(number))
    if issue is None or name not in issue["labels"]:
        return _error(404, "Label does not exist")
    issue["labels"].remove(name)
    return Reply(200, [render.label(state, label) for label in issue["labels"]])


@_on("GET", r"/collaborators/(?P<username>[^/]+)/permission")
def _permission(state: RepoState, username: str, **_: Any) -> Reply:
    role = state.permissions.get(username, "none")
    # `permission` is the legacy field: maintain reads as write and triage as read; role_name is exact.
    legacy = {"maintain": "write", "triage": "read"}.get(role, role)
    user = {**render.user(state, username), "role_name": role}
    return Reply(200, {"permission": legacy, "role_name": role, "user": user})


@_on("GET", r"/pulls")
def _list_pulls(state: RepoState, query: dict[str, str], path_: str, **_: Any) -> Reply:
    wanted = query.get("state", "open")
    numbers = sorted(state.pulls, reverse=query.get("direction", "desc") == "desc")
    return _page(
        state,
        path_,
        query,
        [render.pull(state, n) for n in numbers if wanted in ("all", state.pulls[n]["state"])],
    )


@_on("POST", r"/pulls")
def _create_pull(state: RepoState, payload: dict[str, Any], **_: Any) -> Reply:
    head, base = payload["head"].split(":")[-1], payload["base"]
    if payload.get("draft") and not state.drafts_supported:
        return _error(422, "Draft pull requests are not supported in this repository.")
    for field_, branch in (("base", base), ("head", head)):  # as GitHub answers a missing branch
        if not state.has_branch(branch):
            return _error(
                422, "Validation Failed", [{"resource": "PullRequest", "field": field_, "code": "invalid"}]
            )
    if head == base:
        return _error(
            422,
            "Validation Failed",
            [
                {
                    "resource": "PullRequest",
                    "code": "custom",
                    "message": f"No commits between {base} and {head}",
                }
            ],
        )
    if any(p["head"] == head and p["base"] == base and p["state"] == "open" for p in state.pulls.values()):
        return _error(
            422,
            "Validation Failed",
            [
                {
                    "resource": "PullRequest",
                    "code": "custom",
                    "message": f"A pull request already exists for {state.owner}:{head}.",
                }
            ],
        )
    number = state.new_pull(
        payload.get("title", ""),
        payload.get("body", ""),
        head,
        base,
        author=state.actor,
        draft=payload.get("draft", False),
    )
    return Reply(201, render.pull(state, number))


@_on("GET", r"/pulls/(?P<number>\d+)")
def _get_pull(state: RepoState, number: str, **_: Any) -> Reply:
    return Reply(200, render.pull(state, int(number))) if int(number) in state.pulls else NOT_FOUND


@_on("PATCH", r"/pulls/(?P<number>\d+)")
def _edit_pull(state: RepoState, number: str, payload: dict[str, Any], **_: Any) -> Reply:
    pull = state.pulls.get(int(number))
    if pull is None:
        return NOT_FOUND
    if "base" in payload and not state.has_branch(payload["base"]):
        return _error(
            422, "Validation Failed", [{"resource": "PullRequest", "field": "base", "code": "invalid"}]
        )
    for key in ("title", "body", "state", "base"):
        if key in payload:
            pull[key] = payload[key]
            if key != "base":
                state.issues[int(number)][key] = payload[key]
    return Reply(200, render.pull(state, int(number)))


@_on("GET", r"/contents/(?P<path>.+)")
def _get_content(state: RepoState, path: str, query: dict[str, str], **_: Any) -> Reply:
    if path not in state.files:
        return NOT_FOUND
    return Reply(200, render.content(state, path, query.get("ref", state.default_branch)))


@_on("GET", r"/pulls/(?P<number>\d+)/comments")
def _list_review_comments(
    state: RepoState, number: str, query: dict[str, str], path_: str, **_: Any
) -> Reply:
    if int(number) not in state.pulls:
        return NOT_FOUND
    found = [
        render.review_comment(state, i) for i, c in state.review_comments.items() if c["pull"] == int(number)
    ]
    return _page(state, path_, query, found if query.get("direction", "asc") == "asc" else found[::-1])


@_on("POST", r"/pulls/(?P<number>\d+)/comments/(?P<comment_id>\d+)/replies")
def _reply_to_review_comment(
    state: RepoState, number: str, comment_id: str, payload: dict[str, Any], **_: Any
) -> Reply:
    target = state.review_comments.get(int(comment_id))
    if int(number) not in state.pulls or target is None or target["pull"] != int(number):
        return NOT_FOUND
    if target["in_reply_to"] is not None:  # GitHub's docs: "Replies to replies are not supported."
        return _error(
            422,
            "Validation Failed",
            [
                {
                    "resource": "PullRequestReviewComment",
                    "code": "custom",
                    "message": "Replies to replies are not supported.",
                }
            ],
        )
    root = first = target
    root = root["id"]
    review_id = state.new_review(int(number), state.actor, "COMMENTED", "")
    reply = state.new_review_comment(
        int(number),
        payload["body"],
        state.actor,
        path=first["path"],
        review_id=review_id,
        in_reply_to=root,
        line=first["line"],
        start_line=first["start_line"],
        side=first["side"],
        subject_type=first["subject_type"],
        diff_hunk=first["diff_hunk"],
        outdated=first["outdated"],
    )
    return Reply(
        201, render.review_comment(state, reply), {"Location": f"{state.repo_url}/pulls/comments/{reply}"}
    )


@_on("GET", r"/pulls/(?P<number>\d+)/reviews")
def _list_reviews(state: RepoState, number: str, query: dict[str, str], path_: str, **_: Any) -> Reply:
    if int(number) not in state.pulls:
        return NOT_FOUND
    return _page(
        state,
        path_,
        query,
        [render.review(state, i) for i, r in state.reviews.items() if r["pull"] == int(number)],
    )


@_on("POST", r"/pulls/(?P<number>\d+)/requested_reviewers")
def _request_reviewers(state: RepoState, number: str, payload: dict[str, Any], **_: Any) -> Reply:
    pull = state.pulls.get(int(number))
    if pull is None:
        return NOT_FOUND
    wanted = payload.get("reviewers", [])
    if pull["author"] in wanted:
        return _error(422, "Review cannot be requested from pull request author.")
    if any(state.permissions.get(login, "none") == "none" for login in wanted):
        return _error(
            422,
            "Reviews may only be requested from collaborators. One or more of the users or teams you "
            f"specified is not a collaborator of the {state.owner}/{state.name} repository.",
        )
    for login in wanted:
        if login not in pull["requested_reviewers"]:
            pull["requested_reviewers"].append(login)
    return Reply(201, render.pull(state, int(number)))
