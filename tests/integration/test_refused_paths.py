"""A refused path never spoils the rest of a change, and a path is spelled one way everywhere
(issue 15, class 7): through booty.main, the fake GitHub, the scripted model and a real origin."""

from __future__ import annotations

import pytest

from booty.validate.lookalike import spelled_out
from tests.fakes.anthropic_server import is_plan_call
from tests.support.promises import Snapshot, broken_promises
from tests.support.scripted import FIXED_OPS, Scripted, plan, whole_file

FIX = {"path": "calc/ops.py", "action": "modify", "reason": "Guard against b == 0."}
README = "# calc\n\nA tiny calculator. Division by zero raises ValueError.\n"


def editor_calls(s) -> list:
    return [r for r in s.model.requests if not is_plan_call(r)]


def run_mixed(s, other: dict, answers: dict[str, list[str]] | None = None):
    """A plan naming the divide() fix and ``other``; returns the outputs and the PR."""
    s.labeled()
    answers = {"calc/ops.py": [whole_file("calc/ops.py", FIXED_OPS)], **(answers or {})}
    s.model.respond_with(Scripted(plan(changes=[FIX, other]), answers))
    before = Snapshot.of(s)
    code, out = s.run()
    assert out["status"] == "pr_opened", s.summary
    assert broken_promises(s, before, code, out) == []
    [pr] = s.github.pulls.values()
    assert s.show_on_origin(pr["head"], "calc/ops.py") == FIXED_OPS
    return out, pr


def branch_files(s) -> list[str]:
    from tests.support.repository import git

    return git("ls-tree", "-r", "--name-only", f"agent/issue-{s.issue_number}", cwd=s.origin).split()


REFUSED = {
    "delete .git/HEAD": (
        {"path": ".git/HEAD", "action": "delete", "reason": "Reset the repository."},
        ".git/HEAD",
    ),
    "./.git hook": (
        {"path": "./.git/hooks/pre-commit", "action": "create", "reason": "Add a hook."},
        ".git/hooks/pre-commit",
    ),
    ".GIT/config": ({"path": ".GIT/config", "action": "create", "reason": "Configure."}, ".GIT/config"),
    "GIT~1 short name": (
        {"path": "GIT~1/hooks/post-checkout", "action": "create", "reason": "x"},
        "GIT~1/hooks/post-checkout",
    ),
    "Cyrillic workflow": (
        {"path": ".g\u0456thub/workflows/ci.yml", "action": "create", "reason": "CI."},
        ".g\u0456thub/workflows/ci.yml",
    ),
    "fullwidth .env": (
        {"path": ".\uff45\uff4e\uff56", "action": "create", "reason": "Settings."},
        ".\uff45\uff4e\uff56",
    ),
    "traversal": ({"path": "./../outside.txt", "action": "create", "reason": "x"}, "../outside.txt"),
}


@pytest.mark.parametrize("other, shown", REFUSED.values(), ids=REFUSED.keys())
def test_a_refused_path_is_left_out_with_a_note_and_the_rest_is_delivered(scenario, other, shown):
    s = scenario
    answer = f"{other['path']}\n```\npwned = True\n```\n"
    out, pr = run_mixed(s, other, {shown: [answer], other["path"]: [answer]})
    assert f"Left out {shown}:" in pr["body"]
    if not shown.isascii():  # a look-alike is named so that a reader can see what it is
        assert f"`{spelled_out(shown)}` spelled out" in pr["body"]
    assert shown not in branch_files(s)
    assert not any("pwned" in s.show_on_origin(pr["head"], f) for f in branch_files(s))
    assert (s.work / ".git/HEAD").read_text().startswith("ref: refs/heads/")  # still git's own HEAD
    assert not (s.work / ".git/hooks/pre-commit").exists() and not (s.tmp / "outside.txt").exists()
    assert len(editor_calls(s)) == 1  # only the harmless file was written, once


def test_a_dot_slash_workflow_is_handed_over_like_the_plain_one_and_the_rest_delivered(scenario):
    s = scenario
    workflow = "name: ci\non: push\n"
    other = {"path": "./.github/workflows/x.yml", "action": "create", "reason": "Run the tests in CI."}
    out, pr = run_mixed(
        s, other, {".github/workflows/x.yml": [f"./.github/workflows/x.yml\n```yaml\n{workflow}```\n"]}
    )
    assert ".github/workflows/x.yml" not in branch_files(s)
    assert "`.github/workflows/x.yml`" in pr["body"] and "Changes to apply by hand" in pr["body"]


def test_a_hand_over_whose_answer_never_parses_is_left_out_and_the_rest_delivered(scenario):
    s = scenario
    other = {"path": ".github/workflows/ci.yml", "action": "create", "reason": "Run the tests in CI."}
    out, pr = run_mixed(s, other, {".github/workflows/ci.yml": ["I would rather not write workflows."]})
    assert "Left out .github/workflows/ci.yml:" in pr["body"] and "Changes to apply by hand" not in pr["body"]
    assert ".github/workflows/ci.yml" not in branch_files(s)


SPELLINGS = {
    "./ in the plan and the answer": ("./README.md", "./README.md"),
    "./ in the plan only": ("./README.md", "README.md"),
    "./ in the answer only": ("README.md", "./README.md"),
    "trailing space in the plan": ("README.md ", "README.md"),
    "leading space and ./ in the plan": (" ./README.md", "README.md"),
    "doubled slash and ./ segment": ("docs//./guide.md", "docs/guide.md"),
}


@pytest.mark.parametrize("planned, answered", SPELLINGS.values(), ids=SPELLINGS.keys())
def test_planned_and_answered_paths_meet_in_one_spelling(scenario, planned, answered):
    s = scenario.labeled()
    meant = "docs/guide.md" if "guide" in planned else "README.md"
    changes = [
        FIX,
        {"path": planned, "action": "create" if "guide" in planned else "modify", "reason": "Document it."},
    ]
    s.model.respond_with(
        Scripted(
            plan(changes=changes),
            {
                "calc/ops.py": [whole_file("calc/ops.py", FIXED_OPS)],
                meant: [f"{answered}\n```markdown\n{README}```\n"],
            },
        )
    )
    before = Snapshot.of(s)
    code, out = s.run()
    assert out["status"] == "pr_opened", s.summary
    assert broken_promises(s, before, code, out) == []
    assert len(editor_calls(s)) == 2  # one answer per file, no repair round
    [pr] = s.github.pulls.values()
    assert s.show_on_origin(pr["head"], meant) == README
    assert [f for f in branch_files(s) if f.strip() != f or "./" in f or "//" in f] == []


def test_one_file_planned_under_two_spellings_is_written_once(scenario):
    s = scenario.labeled()
    changes = [FIX, {"path": "./calc/ops.py", "action": "modify", "reason": "The same file again."}]
    s.model.respond_with(
        Scripted(plan(changes=changes), {"calc/ops.py": [whole_file("./calc/ops.py", FIXED_OPS)]})
    )
    code, out = s.run()
    assert out["status"] == "pr_opened", s.summary
    assert len(editor_calls(s)) == 1
    [pr] = s.github.pulls.values()
    assert s.show_on_origin(pr["head"], "calc/ops.py") == FIXED_OPS


def test_a_plan_of_only_an_unusable_hand_over_fails_validation_and_pushes_nothing(scenario):
    s = scenario.labeled()
    changes = [{"path": ".github/workflows/ci.yml", "action": "create", "reason": "Run the tests in CI."}]
    s.model.respond_with(Scripted(plan(changes=changes), {".github/workflows/ci.yml": ["No."]}))
    before = Snapshot.of(s)
    code, out = s.run()
    assert (code, out["status"]) == (1, "validation_failed"), s.summary
    assert ".github/workflows/ci.yml: No edit found" in s.summary
    assert broken_promises(s, before, code, out) == [] and s.github.pulls == {}
