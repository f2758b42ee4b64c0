"""The fake GitHub's state rendered as GitHub's REST API answers it (valid against GitHub's schemas).

Every URL points at the fake itself: PyGithub follows ``url`` fields and asserts they stay on its
``base_url`` host. github_server.py checks every answer against the spec, so a field GitHub
requires cannot go missing here unnoticed.
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from tests.fakes.github_state import RepoState

STAMP = "2026-01-01T00:00:00Z"  # fixed: the fake has no clock

# Hypermedia links every repository object carries ("<name>_url"), as GitHub spells them.
_PLAIN_LINKS = (
    "contributors deployments downloads events forks hooks languages merges stargazers subscribers "
    "subscription tags teams"
).split()
_REPO_LINKS = {
    **{name: f"/{name}" for name in _PLAIN_LINKS},
    "archive": "/{archive_format}{/ref}", "assignees": "/assignees{/user}", "blobs": "/git/blobs{/sha}",
    "branches": "/branches{/branch}", "collaborators": "/collaborators{/collaborator}",
    "comments": "/comments{/number}", "commits": "/commits{/sha}", "compare": "/compare/{base}...{head}",
    "contents": "/contents/{+path}", "git_commits": "/git/commits{/sha}", "git_refs": "/git/refs{/sha}",
    "git_tags": "/git/tags{/sha}", "issue_comment": "/issues/comments{/number}",
    "issue_events": "/issues/events{/number}", "issues": "/issues{/number}", "keys": "/keys{/key_id}",
    "labels": "/labels{/name}", "milestones": "/milestones{/number}", "pulls": "/pulls{/number}",
    "notifications": "/notifications{?since,all,participating}", "releases": "/releases{/id}",
    "statuses": "/statuses/{sha}", "trees": "/git/trees{/sha}",
}  # fmt: skip


_USER_LINKS = {
    "followers": "followers", "following": "following{/other_user}", "gists": "gists{/gist_id}",
    "starred": "starred{/owner}{/repo}", "subscriptions": "subscriptions", "organizations": "orgs",
    "repos": "repos", "events": "events{/privacy}", "received_events": "received_events",
}  # fmt: skip
_PULL_NULLS = "milestone closed_at merged_at merge_commit_sha assignee auto_merge mergeable merged_by".split()


def user(state: RepoState, login: str) -> dict[str, Any]:
    url = f"{state.api_url}/users/{login}"
    return {
        "login": login,
        "id": int(hashlib.sha1(login.encode()).hexdigest()[:6], 16),
        "node_id": f"U_{login}",
        "avatar_url": f"{state.api_url}/avatars/{login}",
        "gravatar_id": "",
        "url": url,
        "html_url": f"{state.api_url}/html/{login}",
        **{f"{name}_url": f"{url}/{suffix}" for name, suffix in _USER_LINKS.items()},
        "type": "Bot" if login.endswith("[bot]") else "User",
        "site_admin": False,
    }


def repository(state: RepoState) -> dict[str, Any]:
    url, full_name = state.repo_url, f"{state.owner}/{state.name}"
    links = {f"{name}_url": f"{url}{suffix}" for name, suffix in _REPO_LINKS.items()}
    counts = dict.fromkeys(
        (
            "forks",
            "forks_count",
            "open_issues",
            "open_issues_count",
            "size",
            "stargazers_count",
            "watchers",
            "watchers_count",
            "network_count",
            "subscribers_count",
        ),
        0,
    )
    flags = dict.fromkeys(
        ("has_issues", "has_projects", "has_wiki", "has_pages", "has_discussions", "has_downloads"), True
    )
    return {
        "id": 4242,
        "node_id": "R_fake",
        "name": state.name,
        "full_name": full_name,
        "owner": user(state, state.owner),
        "private": False,
        "html_url": state.html_url,
        "description": "A repository served by the fake GitHub",
        "fork": False,
        "url": url,
        **links,
        "clone_url": f"{state.html_url}.git",
        "git_url": f"{state.html_url}.git",
        "ssh_url": f"git@fake:{full_name}.git",
        "svn_url": state.html_url,
        "mirror_url": None,
        "homepage": None,
        "language": "Python",
        "license": None,
        **counts,
        **flags,
        "default_branch": state.default_branch,
        "visibility": "public",
        "archived": False,
        "disabled": False,
        "permissions": {"admin": True, "maintain": True, "push": True, "triage": True, "pull": True},
        "created_at": STAMP,
        "updated_at": STAMP,
        "pushed_at": STAMP,
    }


def label(state: RepoState, name: str) -> dict[str, Any]:
    return {
        "id": int(hashlib.sha1(name.encode()).hexdigest()[:6], 16),
        "node_id": f"L_{name}",
        "url": f"{state.repo_url}/labels/{name}",
        "name": name,
        "color": "ededed",
        "default": False,
        "description": None,
    }


def issue(state: RepoState, number: int) -> dict[str, Any]:
    record = state.issues[number]
    url = f"{state.repo_url}/issues/{number}"
    data = {
        "id": 500000 + number,
        "node_id": f"I_{number}",
        "url": url,
        "repository_url": state.repo_url,
        "labels_url": f"{url}/labels{{/name}}",
        "comments_url": f"{url}/comments",
        "events_url": f"{url}/events",
        "html_url": f"{state.html_url}/issues/{number}",
        "number": number,
        "state": record["state"],
        "title": record["title"],
        "body": record["body"],
        "user": user(state, record["author"]),
        "labels": [label(state, name) for name in record["labels"]],
        "assignee": None,
        "assignees": [],
        "milestone": None,
        "locked": record["locked"],
        "active_lock_reason": None,
        "comments": sum(1 for c in state.comments.values() if c["issue"] == number),
        "closed_at": None,
        "created_at": STAMP,
        "updated_at": STAMP,
        "author_association": "NONE",
    }
    if record["is_pull"]:
        pull_url = f"{state.repo_url}/pulls/{number}"
        html = f"{state.html_url}/pull/{number}"
        data["pull_request"] = {
            "url": pull_url,
            "html_url": html,
            "diff_url": f"{html}.diff",
            "patch_url": f"{html}.patch",
            "merged_at": None,
        }
    return data


def comment(state: RepoState, comment_id: int) -> dict[str, Any]:
    record = state.comments[comment_id]
    return {
        "id": comment_id,
        "node_id": f"IC_{comment_id}",
        "url": f"{state.repo_url}/issues/comments/{comment_id}",
        "html_url": f"{state.html_url}/issues/{record['issue']}#issuecomment-{comment_id}",
        "issue_url": f"{state.repo_url}/issues/{record['issue']}",
        "body": record["body"],
        "user": user(state, record["author"]),
        "created_at": STAMP,
        "updated_at": STAMP,
        "author_association": record.get("association") or association(state, record["author"]),
    }


def association(state: RepoState, login: str) -> str:
    """How GitHub relates ``login`` to the repository: OWNER, COLLABORATOR for anyone given a role,
    NONE otherwise (a comment can state another value, e.g. MEMBER or CONTRIBUTOR)."""
    if login == state.owner:
        return "OWNER"
    return "COLLABORATOR" if state.permissions.get(login, "none") != "none" else "NONE"


def pull(state: RepoState, number: int) -> dict[str, Any]:
    record = state.pulls[number]
    url = f"{state.repo_url}/pulls/{number}"
    html = f"{state.html_url}/pull/{number}"
    data = {
        "url": url,
        "id": 700000 + number,
        "node_id": f"PR_{number}",
        "html_url": html,
        "diff_url": f"{html}.diff",
        "patch_url": f"{html}.patch",
        "issue_url": f"{state.repo_url}/issues/{number}",
        "commits_url": f"{url}/commits",
        "review_comments_url": f"{url}/comments",
        "review_comment_url": f"{state.repo_url}/pulls/comments{{/number}}",
        "comments_url": f"{state.repo_url}/issues/{number}/comments",
        "statuses_url": f"{state.repo_url}/statuses/{_sha(record['head'])}",
        "number": number,
        "state": record["state"],
        "locked": False,
        "title": record["title"],
        "user": user(state, record["author"]),
        "body": record["body"],
        "labels": [label(state, name) for name in state.issues[number]["labels"]],
        "created_at": STAMP,
        "updated_at": STAMP,
        **dict.fromkeys(_PULL_NULLS),
        **dict.fromkeys(("review_comments", "additions", "deletions", "changed_files"), 0),
        "assignees": [],
        "requested_reviewers": [user(state, login) for login in record["requested_reviewers"]],
        "requested_teams": [],
        "head": _branch(state, record["head"], fork=record.get("fork", "")),
        "base": _branch(state, record["base"]),
        "author_association": "NONE",
        "draft": record["draft"],
        "merged": bool(record.get("merged")),
        "mergeable_state": "unknown",
        "maintainer_can_modify": False,
        "comments": sum(1 for c in state.comments.values() if c["issue"] == number),
        "commits": 1,
    }
    if record.get("merged"):
        data["merged_at"] = STAMP
    links = ("self", "html", "issue", "comments", "review_comments", "review_comment", "commits", "statuses")
    data["_links"] = {name: {"href": data[f"{name}_url" if name != "self" else "url"]} for name in links}
    return data


def _branch(state: RepoState, ref: str, fork: str = "") -> dict[str, Any]:
    repo = repository(state)
    if fork:  # a fork's head: another owner's repository of the same name
        owner, name = fork.split("/")
        repo = {
            **repo,
            "id": 4343,
            "full_name": fork,
            "name": name,
            "owner": user(state, owner),
            "fork": True,
        }
    return {
        "label": f"{repo['owner']['login']}:{ref}",
        "ref": ref,
        "sha": state.heads.get(ref) or _sha(ref),
        "user": user(state, repo["owner"]["login"]),
        "repo": repo,
    }


def _sha(ref: str) -> str:
    return hashlib.sha1(ref.encode()).hexdigest()  # a stable stand-in for the branch tip


def content(state: RepoState, path: str, ref: str) -> dict[str, Any]:
    raw = state.files[path].encode()
    sha = hashlib.sha1(b"blob %d\0" % len(raw) + raw).hexdigest()
    url = f"{state.repo_url}/contents/{path}?ref={ref}"
    encoded = base64.encodebytes(raw).decode()  # GitHub wraps base64 at 60 columns; any wrap decodes
    return {
        "type": "file",
        "encoding": "base64",
        "size": len(raw),
        "name": path.rsplit("/", 1)[-1],
        "path": path,
        "content": encoded,
        "sha": sha,
        "url": url,
        "git_url": f"{state.repo_url}/git/blobs/{sha}",
        "html_url": f"{state.html_url}/blob/{ref}/{path}",
        "download_url": None,
        "_links": {
            "self": url,
            "git": f"{state.repo_url}/git/blobs/{sha}",
            "html": f"{state.html_url}/blob/{ref}/{path}",
        },
    }


def review(state: RepoState, review_id: int) -> dict[str, Any]:
    record = state.reviews[review_id]
    pull_url = f"{state.repo_url}/pulls/{record['pull']}"
    html = f"{state.html_url}/pull/{record['pull']}#pullrequestreview-{review_id}"
    return {
        "id": review_id,
        "node_id": f"PRR_{review_id}",
        "user": user(state, record["author"]),
        "body": record["body"],
        "state": record["state"],
        "html_url": html,
        "pull_request_url": pull_url,
        "_links": {"html": {"href": html}, "pull_request": {"href": pull_url}},
        "submitted_at": STAMP,
        "commit_id": state.heads.get(state.pulls[record["pull"]]["head"])
        or _sha(state.pulls[record["pull"]]["head"]),
        "author_association": record.get("association") or association(state, record["author"]),
    }


def review_comment(state: RepoState, comment_id: int) -> dict[str, Any]:
    """A review comment as GitHub lists it. An outdated one has no ``line``/``position`` (GitHub
    sends null there, which its own schema does not allow; leaving them out satisfies both)."""
    record = state.review_comments[comment_id]
    pull_url = f"{state.repo_url}/pulls/{record['pull']}"
    url = f"{state.repo_url}/pulls/comments/{comment_id}"
    html = f"{state.html_url}/pull/{record['pull']}#discussion_r{comment_id}"
    head = state.pulls[record["pull"]]["head"]
    data = {
        "url": url,
        "pull_request_review_id": record["review_id"],
        "id": comment_id,
        "node_id": f"PRRC_{comment_id}",
        "diff_hunk": record["diff_hunk"],
        "path": record["path"],
        "commit_id": state.heads.get(head) or _sha(head),
        "original_commit_id": _sha(f"{head}@review"),
        "user": user(state, record["author"]),
        "body": record["body"],
        "created_at": STAMP,
        "updated_at": STAMP,
        "html_url": html,
        "pull_request_url": pull_url,
        "author_association": record.get("association") or association(state, record["author"]),
        "_links": {"self": {"href": url}, "html": {"href": html}, "pull_request": {"href": pull_url}},
        "start_line": None,
        "original_start_line": record["start_line"],
        "original_line": record["line"] or 1,
        "side": record["side"],
        "subject_type": record["subject_type"],
    }
    if record["line"] is not None:
        data["original_line"] = record["line"]
        data["original_position"] = record["line"]
        if not record["outdated"]:
            data.update(line=record["line"], position=record["line"], start_line=record["start_line"])
            if record[
                "start_line"
            ]:  # GitHub sends start_side null otherwise, which openapi-core's enum check refuses
                data["start_side"] = record["side"]
    if record["in_reply_to"] is not None:
        data["in_reply_to_id"] = record["in_reply_to"]
    return data
