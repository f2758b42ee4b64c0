"""The follow-up workspace (adapters.revision_workspace) on a real repository with a bare origin."""

from __future__ import annotations

from pathlib import Path

import pytest

from booty.adapters.revision_workspace import GitRevisionWorkspace
from booty.publish.texts import BOT_EMAIL
from tests.support.repository import git, make_repository

BRANCH = "agent/issue-3"


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[GitRevisionWorkspace, Path]:
    monkeypatch.setenv("HOME", str(tmp_path))  # no global git configuration of the machine's
    work, _origin = make_repository(tmp_path, {"calc/ops.py": "X = 1\n"})
    return GitRevisionWorkspace(work), work


def test_the_commits_since_the_base_name_who_wrote_and_who_committed_them(ws):
    workspace, work = ws
    base = workspace.prepare_branch(BRANCH, "main")
    workspace.apply({"calc/ops.py": "X = 2\n"})
    booty = workspace.commit("fix: two\n\nCloses #3\n")
    (work / "NOTES.md").write_text("by hand\n")
    git("add", "-A", cwd=work)
    ident = ["-c", "user.name=Pat", "-c", "user.email=pat@example.com"]
    git(*ident, "commit", "-q", "-m", "docs: notes\n\nwith a body\n", cwd=work)
    theirs = git("rev-parse", "HEAD", cwd=work).strip()

    got = workspace.commits_since(base)
    assert [(c.sha, c.author_email, c.committer_email) for c in got] == [
        (theirs, "pat@example.com", "pat@example.com"),
        (booty, BOT_EMAIL, BOT_EMAIL),
    ]
    assert got[0].message.startswith("docs: notes\n\nwith a body") and "Closes #3" in got[1].message
    assert workspace.commits_since("HEAD") == []
