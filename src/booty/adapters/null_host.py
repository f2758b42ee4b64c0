"""The code host of a run without GitHub (``booty run --issue-file``, the demo, the benches).

It implements the ``CodeHost`` port so the pipeline never asks "is there a host?": reads answer
from what the caller knows, comments and labels go nowhere, and a pull request is never opened
(such runs are dry runs: the change stays committed on the local branch)."""

from __future__ import annotations

from booty.errors import ConfigError
from booty.models import Issue
from booty.ports import PullRequest


class NullCodeHost:
    def __init__(self, *, default_branch: str, permission: str = "admin") -> None:
        self._default_branch = default_branch
        self._permission = permission  # whoever runs Booty locally holds the repository

    def get_issue(self, number: int) -> Issue:
        raise ConfigError(
            f"Issue #{number} cannot be read without GitHub; pass the issue as a file (--issue-file)."
        )

    def permission(self, login: str) -> str:
        return self._permission

    def default_branch(self, *, fresh: bool = False) -> str:
        return self._default_branch

    def find_pull_request(self, marker: str) -> PullRequest | None:
        return None

    def open_issues(self, label: str, limit: int) -> list[Issue]:
        return []

    def open_pull_requests(self) -> list[PullRequest]:
        return []

    def open_pull_request(self, *, title: str, body: str, head: str, base: str, draft: bool) -> PullRequest:
        raise ConfigError("A pull request cannot be opened without GitHub; this run is a dry run.")

    def update_pull_request(self, number: int, *, title: str, body: str) -> PullRequest:
        raise ConfigError("A pull request cannot be updated without GitHub; this run is a dry run.")

    def upsert_comment(self, issue_number: int, marker: str, body: str) -> int:
        return 0  # no issue to comment on: the log carries the progress

    def add_label(self, issue_number: int, label: str) -> None:
        return None

    def remove_label(self, issue_number: int, label: str) -> None:
        return None
