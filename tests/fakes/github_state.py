"""State of the fake GitHub repository and its JSON rendering, shaped like GitHub's REST answers.

``FakeGitHub`` (github_server.py) owns one ``RepoState``. Every URL it renders points at the fake
itself: PyGithub follows ``url`` fields and asserts they stay on its ``base_url`` host.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from typing import Any

STAMP = "2026-01-01T00:00:00Z"  # fixed: the fake has no clock


# Hypermedia links every repository object carries ("<name>_url"), as GitHub spells them.
_REPO_LINKS = {
    "archive": "/{archive_format}{/ref}", "assignees": "/assignees{/user}", "blobs": "/git/blobs{/sha}",
    "branches": "/branches{/branch}", "collaborators": "/collaborators{/collaborator}",
    "comments": "/comments{/number}", "commits": "/commits{/sha}", "compare": "/compare/{base}...{head}",
    "contents": "/contents/{+path}", "contributors": "/contributors", "deployments": "/deployments",
    "downloads": "/downloads", "events": "/events", "forks": "/forks", "git_commits": "/git/commits{/sha}",
    "git_refs": "/git/refs{/sha}", "git_tags": "/git/tags{/sha}", "hooks": "/hooks",
    "issue_comment": "/issues/comments{/number}", "issue_events": "/issues/events{/number}",
    "issues": "/issues{/number}", "keys": "/keys{/key_id}", "labels": "/labels{/name}",
    "languages": "/languages", "merges": "/merges", "milestones": "/milestones{/number}",
    "notifications": "/notifications{?since,all,participating}", "pulls": "/pulls{/number}",
    "releases": "/releases{/id}", "stargazers": "/stargazers", "statuses": "/statuses/{sha}",
    "subscribers": "/subscribers", "subscription": "/subscription", "tags": "/tags", "teams": "/teams",
    "trees": "/git/trees{/sha}",
}


@dataclass
class RepoState:
    """Issues and pull requests share one number sequence, as on GitHub."""

    api_url: str
    owner: str
    name: str
    default_branch: str
    actor: str  # the login the token belongs to; author of everything Booty creates
    issues: dict[int, dict[str, Any]] = field(default_factory=dict)
    pulls: dict[int, dict[str, Any]] = field(default_factory=dict)
    comments: dict[int, dict[str, Any]] = field(default_factory=dict)
    permissions: dict[str, str] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    next_number: int = 1
    next_comment_id: int = 1001

    @property
    def repo_url(self) -> str:
        return f"{self.api_url}/repos/{self.owner}/{self.name}"

    @property
    def html_url(self) -> str:
        return f"{self.api_url}/html/{self.owner}/{self.name}"

    # ------------------------------------------------------------ changes

    def new_issue(self, title: str, body: str, author: str, *, labels=(), state="open", locked=False) -> int:
        number = self.next_number
        self.next_number += 1
        self.issues[number] = {
            "number": number,
            "title": title,
            "body": body,
            "author": author,
            "labels": list(labels),
            "state": state,
            "locked": locked,
            "is_pull": False,
        }
        return number

    def new_pull(self, title: str, body: str, head: str, base: str, *, author: str, draft=False, state="open") -> int:
        number = self.new_issue(title, body, author, state=state)
        self.issues[number]["is_pull"] = True
        self.pulls[number] = {
            "number": number,
            "title": title,
            "body": body,
            "head": head,
            "base": base,
            "draft": draft,
            "state": state,
            "author": author,
            "requested_reviewers": [],
        }
        return number

    def new_comment(self, issue: int, body: str, author: str) -> int:
        comment_id = self.next_comment_id
        self.next_comment_id += 1
        self.comments[comment_id] = {"id": comment_id, "issue": issue, "body": body, "author": author}
        return comment_id

    # ------------------------------------------------------------ rendering

    def user(self, login: str) -> dict[str, Any]:
        url = f"{self.api_url}/users/{login}"
        return {
            "login": login,
            "id": int(hashlib.sha1(login.encode()).hexdigest()[:6], 16),
            "node_id": f"U_{login}",
            "avatar_url": f"{self.api_url}/avatars/{login}",
            "gravatar_id": "",
            "url": url,
            "html_url": f"{self.api_url}/html/{login}",
            "followers_url": f"{url}/followers",
            "following_url": f"{url}/following{{/other_user}}",
            "gists_url": f"{url}/gists{{/gist_id}}",
            "starred_url": f"{url}/starred{{/owner}}{{/repo}}",
            "subscriptions_url": f"{url}/subscriptions",
            "organizations_url": f"{url}/orgs",
            "repos_url": f"{url}/repos",
            "events_url": f"{url}/events{{/privacy}}",
            "received_events_url": f"{url}/received_events",
            "type": "Bot" if login.endswith("[bot]") else "User",
            "site_admin": False,
        }

    def repository(self) -> dict[str, Any]:
        url, full_name = self.repo_url, f"{self.owner}/{self.name}"
        links = {f"{name}_url": f"{url}{suffix}" for name, suffix in _REPO_LINKS.items()}
        counts = dict.fromkeys(("forks", "forks_count", "open_issues", "open_issues_count", "size",
                                "stargazers_count", "watchers", "watchers_count", "network_count",
                                "subscribers_count"), 0)
        flags = dict.fromkeys(("has_issues", "has_projects", "has_wiki", "has_pages", "has_discussions",
                               "has_downloads"), True)
        return {
            "id": 4242,
            "node_id": "R_fake",
            "name": self.name,
            "full_name": full_name,
            "owner": self.user(self.owner),
            "private": False,
            "html_url": self.html_url,
            "description": "A repository served by the fake GitHub",
            "fork": False,
            "url": url,
            **links,
            "clone_url": f"{self.html_url}.git",
            "git_url": f"{self.html_url}.git",
            "ssh_url": f"git@fake:{full_name}.git",
            "svn_url": self.html_url,
            "mirror_url": None,
            "homepage": None,
            "language": "Python",
            "license": None,
            **counts,
            **flags,
            "default_branch": self.default_branch,
            "visibility": "public",
            "archived": False,
            "disabled": False,
            "permissions": {"admin": True, "maintain": True, "push": True, "triage": True, "pull": True},
            "created_at": STAMP,
            "updated_at": STAMP,
            "pushed_at": STAMP,
        }

    def label(self, name: str) -> dict[str, Any]:
        return {
            "id": int(hashlib.sha1(name.encode()).hexdigest()[:6], 16),
            "node_id": f"L_{name}",
            "url": f"{self.repo_url}/labels/{name}",
            "name": name,
            "color": "ededed",
            "default": False,
            "description": None,
        }

    def issue(self, number: int) -> dict[str, Any]:
        issue = self.issues[number]
        url = f"{self.repo_url}/issues/{number}"
        data = {
            "id": 500000 + number,
            "node_id": f"I_{number}",
            "url": url,
            "repository_url": self.repo_url,
            "labels_url": f"{url}/labels{{/name}}",
            "comments_url": f"{url}/comments",
            "events_url": f"{url}/events",
            "html_url": f"{self.html_url}/issues/{number}",
            "number": number,
            "state": issue["state"],
            "title": issue["title"],
            "body": issue["body"],
            "user": self.user(issue["author"]),
            "labels": [self.label(name) for name in issue["labels"]],
            "assignee": None,
            "assignees": [],
            "milestone": None,
            "locked": issue["locked"],
            "active_lock_reason": None,
            "comments": sum(1 for c in self.comments.values() if c["issue"] == number),
            "closed_at": None,
            "created_at": STAMP,
            "updated_at": STAMP,
            "author_association": "NONE",
        }
        if issue["is_pull"]:
            pull_url = f"{self.repo_url}/pulls/{number}"
            html = f"{self.html_url}/pull/{number}"
            data["pull_request"] = {
                "url": pull_url,
                "html_url": html,
                "diff_url": f"{html}.diff",
                "patch_url": f"{html}.patch",
                "merged_at": None,
            }
        return data

    def comment(self, comment_id: int) -> dict[str, Any]:
        comment = self.comments[comment_id]
        return {
            "id": comment_id,
            "node_id": f"IC_{comment_id}",
            "url": f"{self.repo_url}/issues/comments/{comment_id}",
            "html_url": f"{self.html_url}/issues/{comment['issue']}#issuecomment-{comment_id}",
            "issue_url": f"{self.repo_url}/issues/{comment['issue']}",
            "body": comment["body"],
            "user": self.user(comment["author"]),
            "created_at": STAMP,
            "updated_at": STAMP,
            "author_association": "NONE",
        }

    def pull(self, number: int) -> dict[str, Any]:
        pull = self.pulls[number]
        url = f"{self.repo_url}/pulls/{number}"
        html = f"{self.html_url}/pull/{number}"
        return {
            "url": url,
            "id": 700000 + number,
            "node_id": f"PR_{number}",
            "html_url": html,
            "diff_url": f"{html}.diff",
            "patch_url": f"{html}.patch",
            "issue_url": f"{self.repo_url}/issues/{number}",
            "commits_url": f"{url}/commits",
            "review_comments_url": f"{url}/comments",
            "review_comment_url": f"{self.repo_url}/pulls/comments{{/number}}",
            "comments_url": f"{self.repo_url}/issues/{number}/comments",
            "statuses_url": f"{self.repo_url}/statuses/{self._sha(pull['head'])}",
            "number": number,
            "state": pull["state"],
            "locked": False,
            "title": pull["title"],
            "user": self.user(pull["author"]),
            "body": pull["body"],
            "labels": [self.label(name) for name in self.issues[number]["labels"]],
            "milestone": None,
            "created_at": STAMP,
            "updated_at": STAMP,
            "closed_at": None,
            "merged_at": None,
            "merge_commit_sha": None,
            "assignee": None,
            "assignees": [],
            "requested_reviewers": [self.user(login) for login in pull["requested_reviewers"]],
            "requested_teams": [],
            "head": self._branch(pull["head"]),
            "base": self._branch(pull["base"]),
            "author_association": "NONE",
            "auto_merge": None,
            "draft": pull["draft"],
            "merged": False,
            "mergeable": None,
            "mergeable_state": "unknown",
            "merged_by": None,
            "maintainer_can_modify": False,
            "comments": sum(1 for c in self.comments.values() if c["issue"] == number),
            "review_comments": 0,
            "commits": 1,
            "additions": 0,
            "deletions": 0,
            "changed_files": 0,
            "_links": {name: {"href": href} for name, href in {
                "self": url, "html": html, "issue": f"{self.repo_url}/issues/{number}",
                "comments": f"{self.repo_url}/issues/{number}/comments", "review_comments": f"{url}/comments",
                "review_comment": f"{self.repo_url}/pulls/comments{{/number}}", "commits": f"{url}/commits",
                "statuses": f"{self.repo_url}/statuses/{self._sha(pull['head'])}"}.items()},
        }

    def _branch(self, ref: str) -> dict[str, Any]:
        return {
            "label": f"{self.owner}:{ref}",
            "ref": ref,
            "sha": self._sha(ref),
            "user": self.user(self.owner),
            "repo": self.repository(),
        }

    @staticmethod
    def _sha(ref: str) -> str:
        return hashlib.sha1(ref.encode()).hexdigest()  # a stable stand-in for the branch tip

    def content(self, path: str, ref: str) -> dict[str, Any]:
        raw = self.files[path].encode()
        sha = hashlib.sha1(b"blob %d\0" % len(raw) + raw).hexdigest()
        url = f"{self.repo_url}/contents/{path}?ref={ref}"
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
            "git_url": f"{self.repo_url}/git/blobs/{sha}",
            "html_url": f"{self.html_url}/blob/{ref}/{path}",
            "download_url": None,
            "_links": {"self": url, "git": f"{self.repo_url}/git/blobs/{sha}", "html": f"{self.html_url}/blob/{ref}/{path}"},
        }
