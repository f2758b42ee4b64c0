"""Delivering a committed change: push, then open or update the issue's one pull request; the push is
undone when the pull-request step fails, and a create whose answer was lost is found again."""

from __future__ import annotations

import pytest

from booty.errors import CodeHostError
from booty.ports import PullRequest
from booty.publish.delivery import Delivery
from booty.publish.texts import pr_marker
from booty.publish.tracking import Tracker
from tests.support.clock import FakeClock
from tests.support.ports import MemoryCodeHost, MemoryLog, MemoryWorkspace

BRANCH = "agent/issue-1"


class LosesTheAnswer(MemoryCodeHost):
    """GitHub makes the pull request, then the connection fails before the answer arrives."""

    head: str = BRANCH

    def open_pull_request(self, **fields) -> PullRequest:
        super().open_pull_request(**{**fields, "head": self.head})
        raise CodeHostError("502 Bad Gateway")


def committed(previous_push: bool = False) -> MemoryWorkspace:
    ws = MemoryWorkspace({"a.py": "x = 1\n"})
    ws.prepare_branch(BRANCH, "main")
    if previous_push:
        ws.apply({"a.py": "x = 0\n"})
        ws.commit("an earlier run")
        ws.push(BRANCH)
        ws.prepare_branch(BRANCH, "main")
    ws.apply({"a.py": "x = 2\n"})
    ws.commit("fix: x is 2")
    return ws


def deliver(ws: MemoryWorkspace, host: MemoryCodeHost, *, draft: bool = False):
    tracker = Tracker(runner=MemoryLog(), host=host, issue_number=1, run_url="", clock=FakeClock())
    return Delivery(workspace=ws, host=host, tracker=tracker, draft=draft).deliver(
        issue=1, branch=BRANCH, base="main", title="fix: x is 2", body=f"Fixes it.\n\n{pr_marker(1)}"
    )


def test_a_new_change_is_pushed_and_gets_a_pull_request():
    ws, host = committed(), MemoryCodeHost()
    delivered = deliver(ws, host, draft=True)
    assert delivered.opened and delivered.pr.head == BRANCH and delivered.pr.base == "main"
    assert ws.origin_file(BRANCH, "a.py") == "x = 2\n" and host.drafts[delivered.pr.number] is True


def test_the_issues_pull_request_is_updated_rather_than_opened_again():
    ws, host = committed(), MemoryCodeHost()
    first = host.open_pull_request(
        title="old", body=f"old\n{pr_marker(1)}", head=BRANCH, base="main", draft=False
    )
    delivered = deliver(ws, host)
    assert not delivered.opened and delivered.pr.number == first.number and list(host.pulls) == [first.number]
    assert host.titles[first.number] == "fix: x is 2" and "Fixes it." in host.pulls[first.number].body


@pytest.mark.parametrize("previous_push", [False, True])
def test_a_failed_pull_request_step_puts_origins_branch_back(previous_push):
    ws, host = committed(previous_push), MemoryCodeHost()
    before = ws.origin.get(BRANCH)
    host.refuse["open_pull_request"] = CodeHostError(
        "GitHub Actions is not permitted to create pull requests"
    )
    with pytest.raises(CodeHostError, match="not permitted"):
        deliver(ws, host)
    assert ws.origin.get(BRANCH) == before  # deleted when new, the earlier run's commit otherwise


def test_a_pull_request_made_although_its_answer_was_lost_is_found_by_its_marker():
    ws, host = committed(), LosesTheAnswer()
    delivered = deliver(ws, host)
    assert delivered.opened and list(host.pulls) == [delivered.pr.number] and BRANCH in ws.origin


def test_a_pull_request_found_for_another_branch_is_not_taken_for_ours():
    ws, host = committed(), LosesTheAnswer()
    host.head = "someone/else"
    with pytest.raises(CodeHostError, match="502"):
        deliver(ws, host)
    assert BRANCH not in ws.origin
