"""The code host of a run without GitHub: reads answer from what the caller knows, comments and
labels go nowhere, and a pull request is never opened (such runs are dry runs)."""

from __future__ import annotations

import pytest

from booty.adapters.null_host import NullCodeHost
from booty.errors import ConfigError

HOST = NullCodeHost(default_branch="trunk")


def test_the_local_user_holds_the_repository_and_its_branch_is_the_base():
    assert (
        HOST.permission("anyone") == "admin"
        and NullCodeHost(default_branch="x", permission="read").permission("a") == "read"
    )
    assert HOST.default_branch() == "trunk" and HOST.find_pull_request("<!-- booty:pr issue=1 -->") is None


def test_comments_and_labels_go_nowhere():
    assert HOST.upsert_comment(1, "marker", "body") == 0
    assert HOST.add_label(1, "agent") is None and HOST.remove_label(1, "agent") is None


def test_what_needs_github_says_how_to_run_without_it():
    with pytest.raises(ConfigError, match="--issue-file"):
        HOST.get_issue(3)
    with pytest.raises(ConfigError, match="dry run"):
        HOST.open_pull_request(title="t", body="b", head="h", base="trunk", draft=False)
    with pytest.raises(ConfigError, match="dry run"):
        HOST.update_pull_request(1, title="t", body="b")
