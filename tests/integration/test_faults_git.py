"""git and the file system failing under Booty: pushes refused by the real bare origin (a
pre-receive hook, a repository setting) and writes refused by the kernel, through the whole action."""

from __future__ import annotations

import pytest

from tests.support.faults import can_make_unwritable, case_named, prepare, run_under, unwritable_while
from tests.support.promises import broken_promises, origin_branches
from tests.support.repository import git
from tests.support.scripted import Scripted, plan, whole_file


@pytest.fixture
def scenario(scenario):
    if not can_make_unwritable(scenario.tmp):
        pytest.skip("this machine cannot make a file unwritable (not root with chattr, nor a plain user)")
    return scenario


def test_a_protected_branch_shows_the_servers_reason_and_no_pr_is_opened(scenario):
    s = scenario
    case = case_named("git_push_protected_branch")
    prepare(s, case)
    run = run_under(s, case)

    [comment] = s.github.comments_on(s.issue_number)
    assert "GH006: Protected branch update failed" in comment["body"]
    assert s.github.pulls == {} and set(origin_branches(s.origin)) == {"main"}
    assert broken_promises(s, run.before, run.code, run.out) == []


def test_a_refused_force_push_keeps_the_pull_request_on_its_previous_commit(scenario):
    s = scenario
    case = case_named("git_push_non_fast_forward")
    prepare(s, case)  # a first run opened the PR; the re-run writes a new message into divide()
    branch = f"agent/issue-{s.issue_number}"
    pushed = origin_branches(s.origin)[branch]
    run = run_under(s, case)

    assert run.out["status"] == "error"
    assert origin_branches(s.origin)[branch] == pushed
    assert "b must not be zero" not in git("show", f"{branch}:calc/ops.py", cwd=s.origin)
    assert len(s.github.pulls) == 1
    assert broken_promises(s, run.before, run.code, run.out) == []


def test_a_write_failing_half_way_through_a_change_leaves_no_file_behind(scenario):
    s = scenario
    s.labeled()
    changes = [
        {"path": "calc/errors.py", "action": "create", "reason": "A module for the error."},
        {"path": "calc/ops.py", "action": "modify", "reason": "Use it."},
    ]
    ops = "from calc.errors import DivideError\n\n\ndef add(a, b):\n    return a + b\n"
    s.model.respond_with(
        Scripted(
            plan(changes=changes),
            {
                "calc/errors.py": [
                    whole_file("calc/errors.py", "class DivideError(ValueError):\n    pass\n")
                ],
                "calc/ops.py": [whole_file("calc/ops.py", ops)],
            },
        )
    )
    with unwritable_while(s.work / "calc/ops.py"):
        run = run_under(s)

    assert run.out["status"] == "error" and "could not write calc/ops.py in the workspace" in s.summary
    assert not (s.work / "calc/errors.py").exists()
    assert "DivideError" not in (s.work / "calc/ops.py").read_text()
    assert broken_promises(s, run.before, run.code, run.out) == []


def test_a_directory_that_refuses_new_files_fails_the_run_cleanly(scenario):
    s = scenario
    s.labeled()
    changes = [{"path": "calc/extra.py", "action": "create", "reason": "A helper."}]
    s.model.respond_with(
        Scripted(plan(changes=changes), {"calc/extra.py": [whole_file("calc/extra.py", "x = 1\n")]})
    )
    with unwritable_while(s.work / "calc"):
        run = run_under(s)

    assert run.out["status"] == "error" and "could not write calc/extra.py in the workspace" in s.summary
    assert broken_promises(s, run.before, run.code, run.out) == []
