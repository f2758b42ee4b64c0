"""A run that ends without delivering leaves the work tree exactly as it found it, folders and
untracked files included (issue 15, class 6): through booty.main with a real repository and origin,
and the workspace adapter on its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from booty.adapters.workspace import GitWorkspace
from booty.errors import WorkspaceError
from tests.support.faults import protect_agent_branches, unwritable_while
from tests.support.promises import Snapshot, broken_promises
from tests.support.promises import work_tree as tree
from tests.support.repository import git, make_repository
from tests.support.scripted import FIXED_OPS, Scripted, plan, whole_file

NEW_FILES = {
    "calc/new/deep/mod.py": "VALUE = 1\n",
    "docs/guide/intro.md": "# Intro\n",
    "calc/ops.py": FIXED_OPS,
}


def plan_new_files(s, files: dict[str, str] = NEW_FILES) -> None:
    changes = [
        {"path": p, "action": "modify" if (s.work / p).exists() else "create", "reason": "as asked"}
        for p in files
    ]
    s.model.respond_with(
        Scripted(plan(changes=changes), {p: [whole_file(p, text)] for p, text in files.items()})
    )


def run_undelivered(s, expected: str) -> None:
    before = Snapshot.of(s)
    code, out = s.run()
    assert out["status"] == expected, s.summary
    assert broken_promises(s, before, code, out) == []  # the work tree, folders included, is as it was


def test_tests_that_never_pass_leave_no_new_folder_behind(scenario):
    s = scenario.labeled()
    s.inputs.update(test_command="false", max_retries="1")
    plan_new_files(s)
    run_undelivered(s, "validation_failed")
    assert not (s.work / "calc/new").exists() and not (s.work / "docs").exists()


def test_files_a_failing_test_command_leaves_in_new_folders_go_with_them(scenario):
    s = scenario.labeled()
    s.inputs.update(test_command="touch calc/new/deep/.cache docs/guide/built.html; false", max_retries="0")
    plan_new_files(s)
    run_undelivered(s, "validation_failed")
    assert not (s.work / "calc/new").exists() and not (s.work / "docs").exists()


def test_an_untracked_file_booty_overwrote_gets_its_bytes_back(scenario):
    s = scenario.labeled()
    (s.work / ".gitignore").write_text("local/\nnotes.txt\n")
    git("add", ".gitignore", cwd=s.work)
    git("commit", "-q", "-m", "ignore local", cwd=s.work)
    git("push", "-q", "origin", "main", cwd=s.work)
    (s.work / "local").mkdir()
    (s.work / "local/settings.py").write_bytes(b"DEBUG = True  # mine\n")
    (s.work / "notes.txt").write_bytes(b"untracked notes\n")
    s.inputs.update(test_command="false", max_retries="0")
    plan_new_files(
        s, {"local/settings.py": "DEBUG = False\n", "notes.txt": "rewritten\n", "calc/ops.py": FIXED_OPS}
    )
    run_undelivered(s, "validation_failed")
    assert (s.work / "local/settings.py").read_bytes() == b"DEBUG = True  # mine\n"


def test_a_rejected_push_leaves_no_new_folder_behind(scenario):
    s = scenario.labeled()
    protect_agent_branches(s, 1)
    plan_new_files(s)
    run_undelivered(s, "error")
    assert "Protected branch" in s.summary


@pytest.mark.parametrize(
    "variant", [".GIT/config", ".Git/hooks/pre-commit", ".git./config", ".git /config", "GIT~1/config"]
)
def test_a_dot_git_variant_leaves_no_folder_and_the_rest_ships(scenario, variant):
    s = scenario.labeled()
    plan_new_files(s, {variant: "[core]\n\thooksPath = /tmp/evil\n", "calc/ops.py": FIXED_OPS})
    before_tree = tree(s.work)
    code, out = s.run()
    assert out["status"] == "pr_opened", s.summary
    top = variant.split("/")[0]
    assert top + "/" not in tree(s.work) and not (s.work / top).exists()
    assert set(tree(s.work)) == set(before_tree)  # calc/ops.py changed; no file or folder appeared
    [pr] = s.github.pulls.values()
    assert f"Left out {variant}:" in pr["body"]


# ---------------------------------------------------------------- the adapter on its own


@pytest.fixture
def workspace(tmp_path: Path) -> GitWorkspace:
    work, _ = make_repository(tmp_path, {"README.md": "# r\n", "src/app.py": "x = 1\n"})
    return GitWorkspace(work)


def test_restore_removes_the_folders_apply_made_and_keeps_the_ones_that_were_there(workspace):
    root = Path(workspace.root)
    (root / "empty-before").mkdir()
    before = tree(root)
    workspace.prepare_branch("agent/issue-1", "main")
    workspace.apply(
        {
            "a/b/c/new.py": "n = 1\n",
            "src/sub/mod.py": "m = 1\n",
            "empty-before/x.py": "x\n",
            "src/app.py": "x = 2\n",
        }
    )
    assert (root / "a/b/c/new.py").is_file()
    workspace.restore("main")
    assert tree(root) == before


def test_restore_after_a_commit_leaves_the_tree_as_found(workspace):
    root = Path(workspace.root)
    before = tree(root)
    workspace.prepare_branch("agent/issue-1", "main")
    workspace.apply({"pkg/deep/mod.py": "m = 1\n", "README.md": None})
    assert workspace.commit("feat: x") is not None
    workspace.restore("main")
    assert tree(root) == before and git("status", "--porcelain", "--ignored", cwd=root) == ""


@pytest.mark.parametrize(
    "path", [".GIT/config", ".git./config", "GIT~1/config", ".g\u0456t/config", "x/.Git/HEAD"]
)
def test_the_adapter_refuses_dot_git_variants_itself(workspace, path):
    with pytest.raises(WorkspaceError, match=r"inside .git"):
        workspace.apply({path: "x"})
    assert not (Path(workspace.root) / path.split("/")[0]).exists()


def test_a_checkout_the_file_system_refuses_is_undone_without_writing_the_refused_file(tmp_path):
    # origin's main moved on and changed src/app.py, which the file system will not let anyone write
    # (an immutable file; the soak's workspace_write_fails): the checkout fails half-way through.
    work, origin = make_repository(tmp_path, {"README.md": "# r\n", "src/app.py": "x = 1\n"})
    other = tmp_path / "other"
    git("clone", "-q", str(origin), str(other), cwd=tmp_path)
    (other / "src/app.py").write_text("x = 2\n")
    (other / "README.md").write_text("# r, again\n")
    git("-c", "user.name=o", "-c", "user.email=o@example.invalid", "commit", "-qam", "moved on", cwd=other)
    git("push", "-q", "origin", "main", cwd=other)
    workspace = GitWorkspace(work)
    before, head = tree(work), git("rev-parse", "HEAD", cwd=work)
    with unwritable_while(work / "src/app.py"):
        with pytest.raises(WorkspaceError):
            workspace.prepare_branch("agent/issue-1", "main")
        workspace.restore("main")
        assert (git("symbolic-ref", "HEAD", cwd=work), git("rev-parse", "HEAD", cwd=work)) == (
            "refs/heads/main\n",
            head,
        )
        assert git("status", "--porcelain", cwd=work) == "" and tree(work) == before
