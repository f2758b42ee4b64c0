"""GitWorkspace on a real repository with a bare origin: what it reads, and a run's writes from a fresh
branch to a pushed (or rewound) commit. Leaving the work tree as found is test_work_tree_restored.py's."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from booty.adapters.workspace import GitWorkspace
from booty.errors import BaseBranchMissing, BranchMoved, WorkspaceError
from booty.publish.texts import BOT_EMAIL
from tests.support.repository import git, make_repository

FILES = {"README.md": "# r\n", "calc/ops.py": "def add(a, b):\n    return a + b\n", ".gitignore": "build/\n"}
BRANCH = "agent/issue-3"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[GitWorkspace, Path, Path]:
    monkeypatch.setenv("HOME", str(tmp_path))  # no global git configuration of the machine's
    work, origin = make_repository(tmp_path, FILES)
    return GitWorkspace(work), work, origin


def on_origin(origin: Path, ref: str) -> str:
    """The commit origin's ``ref`` holds, '' when there is none."""
    found = subprocess.run(
        ["git", "--git-dir", str(origin), "rev-parse", "--verify", "-q", ref], capture_output=True, text=True
    )
    return found.stdout.strip()


def test_reading_the_work_tree(repo):
    ws, work, _ = repo
    (work / "build").mkdir()
    (work / "build" / "out.txt").write_text("ignored\n")
    (work / "notes.txt").write_text("untracked\n")
    assert ws.tracked_files() == [".gitignore", "README.md", "calc/ops.py"]
    assert ws.untracked_files() == ["notes.txt"]  # a wholly ignored folder is not walked
    assert ws.read_bytes("calc/ops.py") == FILES["calc/ops.py"].encode() and ws.read_bytes("calc") is None
    assert ws.head_branch() == "main" and ws.has_commits() and not ws.is_dirty()
    (work / "README.md").write_text("changed\n")
    assert ws.is_dirty()


def test_a_change_is_committed_as_the_bot_on_a_fresh_branch_and_pushed(repo):
    ws, work, origin = repo
    start = ws.prepare_branch(BRANCH, "main")
    assert start == "origin/main" and ws.head_branch() == BRANCH
    ws.apply(
        {"calc/ops.py": "def add(a, b):\n    return b + a\n", "calc/new.py": "X = 1\n", "README.md": None}
    )
    sha = ws.commit("fix: commute\n\nCloses #3\n")
    assert sha and git("log", "-1", "--format=%ae %s", cwd=work).strip() == f"{BOT_EMAIL} fix: commute"
    assert "+    return b + a" in ws.diff(start) and "-# r" in ws.diff(start)
    assert ws.push(BRANCH) == "" and on_origin(origin, f"refs/heads/{BRANCH}") == sha
    assert on_origin(origin, "refs/heads/main") != sha


def test_a_base_origin_lacks_is_refused_and_the_work_tree_stays_on_its_branch(repo):
    ws, work, origin = repo
    with pytest.raises(BaseBranchMissing, match="`master` is not on origin"):
        ws.prepare_branch(BRANCH, "master")
    assert ws.head_branch() == "main" and on_origin(origin, f"refs/heads/{BRANCH}") == ""


def test_an_origin_with_no_branch_yet_starts_from_the_local_branch(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    work, _ = make_repository(tmp_path, FILES)
    empty = tmp_path / "empty.git"
    git("init", "-q", "--bare", str(empty), cwd=tmp_path)
    git("remote", "set-url", "origin", str(empty), cwd=work)
    ws = GitWorkspace(work)
    assert ws.prepare_branch(BRANCH, "main") == "main" and ws.head_branch() == BRANCH


def test_nothing_written_or_nothing_changed_commits_nothing(repo):
    ws, _, _ = repo
    ws.prepare_branch(BRANCH, "main")
    assert ws.commit("empty") is None
    ws.apply({"README.md": "# r\n"})  # the same bytes
    assert ws.commit("same") is None


def test_a_second_push_returns_what_origin_had_and_a_rewind_puts_it_back(repo):
    ws, _, origin = repo
    ws.prepare_branch(BRANCH, "main")
    ws.apply({"README.md": "first\n"})
    first = ws.commit("first")
    ws.push(BRANCH)
    ws.prepare_branch(BRANCH, "main")
    ws.apply({"README.md": "second\n"})
    ws.commit("second")
    assert ws.push(BRANCH) == first
    ws.rewind_remote_branch(BRANCH, first)
    assert on_origin(origin, f"refs/heads/{BRANCH}") == first
    ws.rewind_remote_branch(BRANCH, first)  # origin no longer holds our commit: left alone
    assert on_origin(origin, f"refs/heads/{BRANCH}") == first


def _push_as_a_person(work: Path, origin: Path, make_commit) -> str:
    """A person's clone of origin commits on BRANCH (``make_commit(clone)``) and pushes; returns the commit."""
    clone = work.parent / "person"
    git("clone", "-q", str(origin), str(clone), cwd=work.parent)
    git("checkout", "-q", BRANCH, cwd=clone)
    make_commit(clone)
    git("push", "-q", "origin", BRANCH, cwd=clone)
    return git("rev-parse", "HEAD", cwd=clone).strip()


def test_a_redo_never_replaces_a_branch_holding_a_persons_commit(repo):
    ws, work, origin = repo
    ws.prepare_branch(BRANCH, "main")
    ws.apply({"README.md": "first\n"})
    ws.commit("first\n\nCloses #3\n")
    ws.push(BRANCH)

    def fix_by_hand(clone: Path) -> None:
        (clone / "calc" / "ops.py").write_text("def add(a, b):\n    return a + b  # checked\n")
        git(
            "-c",
            "user.name=Mai",
            "-c",
            "user.email=mai@example.org",
            "commit",
            "-qam",
            "a fix by hand",
            cwd=clone,
        )

    theirs = _push_as_a_person(work, origin, fix_by_hand)
    ws.prepare_branch(BRANCH, "main")
    ws.apply({"README.md": "second\n"})
    ws.commit("second\n\nCloses #3\n")
    with pytest.raises(
        BranchMoved, match=f"1 commit\\(s\\) that people pushed \\({theirs[:12]} a fix by hand\\)"
    ):
        ws.push(BRANCH)
    assert on_origin(origin, f"refs/heads/{BRANCH}") == theirs  # their work stands


def test_a_redo_replaces_booty_commits_and_a_merge_of_the_base(repo):
    ws, work, origin = repo
    ws.prepare_branch(BRANCH, "main")
    ws.apply({"README.md": "first\n"})
    first = ws.commit("first\n\nCloses #3\n")
    ws.push(BRANCH)
    (work / "calc" / "more.py").write_text("Y = 2\n")  # the base moves on
    git("checkout", "-q", "main", cwd=work)
    git("add", "-A", cwd=work)
    git("-c", "user.name=Mai", "-c", "user.email=mai@example.org", "commit", "-qm", "base moves", cwd=work)
    git("push", "-q", "origin", "main", cwd=work)

    def update_branch(clone: Path) -> None:  # what GitHub's "Update branch" button does
        git(
            "-c",
            "user.name=Mai",
            "-c",
            "user.email=mai@example.org",
            "merge",
            "-q",
            "--no-edit",
            "origin/main",
            cwd=clone,
        )

    merged = _push_as_a_person(work, origin, update_branch)
    assert merged != first
    ws.prepare_branch(BRANCH, "main")
    ws.apply({"README.md": "second\n"})
    second = ws.commit("second\n\nCloses #3\n")
    assert ws.push(BRANCH) == merged and on_origin(origin, f"refs/heads/{BRANCH}") == second


def test_a_new_branch_is_deleted_by_its_rewind(repo):
    ws, _, origin = repo
    ws.prepare_branch(BRANCH, "main")
    ws.apply({"README.md": "new\n"})
    ws.commit("new")
    ws.rewind_remote_branch(BRANCH, ws.push(BRANCH))
    assert on_origin(origin, f"refs/heads/{BRANCH}") == ""


def test_a_directory_that_is_not_a_repository_is_refused(tmp_path):
    with pytest.raises(WorkspaceError, match="is not a git repository"):
        GitWorkspace(tmp_path)
