"""State of the fake GitHub's one repository: issues, pull requests, comments, roles and files.

``FakeGitHub`` (github_server.py) owns one ``RepoState``; github_payloads.py renders it as GitHub's
REST API would answer.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class RepoState:
    """Issues and pull requests share one number sequence, as on GitHub."""

    api_url: str
    owner: str
    name: str
    default_branch: str
    actor: str  # the login the token belongs to; author of everything Booty creates
    drafts_supported: bool = True  # False: private repository on GitHub Free, as GitHub answers then
    issues: dict[int, dict[str, Any]] = field(default_factory=dict)
    pulls: dict[int, dict[str, Any]] = field(default_factory=dict)
    comments: dict[int, dict[str, Any]] = field(default_factory=dict)
    permissions: dict[str, str] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    heads: dict[str, str] = field(default_factory=dict)  # branch -> commit, where a test knows it
    reviews: dict[int, dict[str, Any]] = field(default_factory=dict)
    review_comments: dict[int, dict[str, Any]] = field(default_factory=dict)
    next_number: int = 1
    next_comment_id: int = 1001
    next_review_id: int = 8001
    origin: Path | None = None  # the repository's bare git origin: its branches are GitHub's branches

    def has_branch(self, name: str) -> bool:
        """Whether the repository has branch ``name``: on ``origin`` when the fake knows it (a run's
        scenario), else any branch counts (a test of the fake alone, with no git behind it)."""
        if self.origin is None:
            return True
        done = subprocess.run(
            ["git", "--git-dir", str(self.origin), "show-ref", "--verify", "--quiet", f"refs/heads/{name}"],
            check=False,
        )
        return done.returncode == 0

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

    def new_pull(
        self,
        title: str,
        body: str,
        head: str,
        base: str,
        *,
        author: str,
        draft=False,
        state="open",
        merged=False,
        fork: str = "",
    ) -> int:
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
            "merged": merged,
            "fork": fork,  # owner/name of the head repository when it is a fork
        }
        return number

    def new_comment(self, issue: int, body: str, author: str, association: str = "") -> int:
        comment_id = self.next_comment_id
        self.next_comment_id += 1
        self.comments[comment_id] = {
            "id": comment_id,
            "issue": issue,
            "body": body,
            "author": author,
            "association": association,
        }
        return comment_id

    def new_review(self, pull: int, author: str, state: str, body: str, association: str = "") -> int:
        review_id = self.next_review_id
        self.next_review_id += 1
        self.reviews[review_id] = {
            "id": review_id,
            "pull": pull,
            "author": author,
            "state": state,
            "body": body,
            "association": association,
        }
        if author in self.pulls[pull]["requested_reviewers"]:  # a review answers the request for it
            self.pulls[pull]["requested_reviewers"].remove(author)
        return review_id

    def new_review_comment(
        self,
        pull: int,
        body: str,
        author: str,
        *,
        path: str,
        review_id: int,
        in_reply_to: int | None = None,
        association: str = "",
        **where: Any,
    ) -> int:
        """A review comment; ``where``: line, start_line, side, subject_type, diff_hunk, outdated."""
        comment_id = self.next_comment_id
        self.next_comment_id += 1
        line = where.get("line")
        self.review_comments[comment_id] = {
            "id": comment_id,
            "pull": pull,
            "review_id": review_id,
            "in_reply_to": in_reply_to,
            "path": path,
            "body": body,
            "author": author,
            "association": association,
            "line": line,
            "start_line": where.get("start_line"),
            "side": where.get("side", "RIGHT"),
            "subject_type": where.get("subject_type", "line" if line is not None else "file"),
            "diff_hunk": where.get("diff_hunk", f"@@ -1,3 +1,3 @@\n {path}"),
            "outdated": where.get("outdated", False),
        }
        return comment_id
