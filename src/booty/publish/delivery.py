"""Deliver a committed change: push the branch, then open or update the issue's one pull request.

The two steps cannot be one transaction, so the push is undone when the pull-request step fails:
origin never keeps a branch without its pull request, nor a commit its pull request does not
describe. A create whose answer was lost (GitHub made the pull request, then failed) is found
again by the issue's marker instead of being taken for a failure.
"""

from __future__ import annotations

from dataclasses import dataclass

from booty.errors import BootyError
from booty.ports import CodeHost, PullRequest, Workspace
from booty.publish.texts import pr_marker
from booty.publish.tracking import Tracker


@dataclass(frozen=True)
class Delivered:
    pr: PullRequest
    opened: bool  # False: an existing pull request was updated


@dataclass
class Delivery:
    workspace: Workspace
    host: CodeHost
    tracker: Tracker
    draft: bool = False

    def deliver(self, *, issue: int, branch: str, base: str, title: str, body: str) -> Delivered:
        marker = pr_marker(issue)
        existing = self.host.find_pull_request(marker)
        previous = self.workspace.push(branch)
        self.tracker.stage("pr")
        try:
            if existing:
                return Delivered(
                    self.host.update_pull_request(existing.number, title=title, body=body), opened=False
                )
            return Delivered(self._open(marker, branch, base, title, body), opened=True)
        except BootyError:
            self.workspace.rewind_remote_branch(branch, previous)
            raise

    def _open(self, marker: str, branch: str, base: str, title: str, body: str) -> PullRequest:
        try:
            return self.host.open_pull_request(
                title=title, body=body, head=branch, base=base, draft=self.draft
            )
        except BootyError as failure:
            try:
                found = self.host.find_pull_request(marker)
            except BootyError:
                found = None
            if found is None or found.head != branch:
                raise failure from None
            return found
