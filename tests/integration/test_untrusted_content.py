"""Untrusted content through the whole action: control characters in the issue (and echoed by the
model), risky content a model adds because an issue asked for it, and hand-offs of restricted files.

The "obeyed" entries of tests/data/injections.json script a model that does what the issue asks.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from tests.support.promises import Snapshot, booty_comments, broken_promises, origin_branches
from tests.support.repository import git
from tests.support.scripted import FIXED_OPS, Scripted, plan, request_text, whole_file

CORPUS = json.loads((Path(__file__).parents[1] / "data" / "injections.json").read_text())
OBEYED = {c["name"]: c for c in CORPUS if "obeyed" in c}
REFUSED = [n for n, c in OBEYED.items() if c["expect"] == "validation_failed"]
PROPOSALS_REFUSED = [n for n, c in OBEYED.items() if c["expect"] == "proposal_refused"]
WHY = ("downloaded from the network", "Trojan Source", "package index", "package index or source")
DIRTY = "\x00\x07\x08\x0c\x1b[31mred\x1b[0m\x1b]0;title\x07\x9b1m\x7f\r"


def answer(path: str, text: str) -> str:
    return f"{path}\n```\n{text}```\n"


def controls_in(text: str) -> set[str]:
    return {ch for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n"}


def prompts(s) -> list[str]:
    return [request_text(r) for r in s.model.requests + s.model.count_requests]


def comment(s) -> str:
    """Booty's tracking comment on the issue."""
    return "\n".join(c["body"] for c in booty_comments(s.github, s.issue_number))


def run_obeyed(s, capsys, case, answers: list[str] | None = None):
    """The issue asks for ``case``'s content; the model fixes divide() and writes that content."""
    obeyed = case["obeyed"]
    s.issue_number = s.github.add_issue("divide crashes", case["body"], author="maint")
    s.labeled()
    changes = [{"path": "calc/ops.py", "action": "modify", "reason": "Guard against b == 0."}]
    if obeyed["path"] != "calc/ops.py":
        changes.append({"path": obeyed["path"], "action": obeyed["action"], "reason": "As the issue asks."})
    scripted = {"calc/ops.py": [whole_file("calc/ops.py", FIXED_OPS)]}
    scripted[obeyed["path"]] = answers or [answer(obeyed["path"], obeyed["content"])]
    s.model.responder = Scripted(plan(changes=changes), scripted)
    before = Snapshot.of(s)
    code, out = s.run(capsys)
    return code, out, before


# ---------------------------------------------------------------- class 2: control characters


def test_control_characters_in_title_body_and_comments_never_reach_a_prompt_and_the_run_goes_on(
    scenario, capsys
):
    s = scenario
    s.issue_number = s.github.add_issue(
        f"divide crashes{DIRTY}", f"divide(1, 0){DIRTY} raises ZeroDivisionError", author="maint"
    )
    s.github.add_comment(s.issue_number, f"Still{DIRTY} broken on main", author="maint")
    s.labeled()
    s.model.responder = Scripted(plan(), {"calc/ops.py": [whole_file("calc/ops.py", FIXED_OPS)]})
    code, out = s.run(capsys)

    assert (code, out["status"]) == (0, "pr_opened"), s.summary
    shown = prompts(s)
    assert any("Still" in p and "broken on main" in p for p in shown)  # the comment's words arrive
    assert all(controls_in(p) == set() for p in shown), [controls_in(p) for p in shown]
    assert "[31m" not in "".join(shown) and "0;title" not in "".join(shown)
    [pr] = s.github.pulls.values()
    assert controls_in(pr["body"] + pr["title"] + comment(s) + s.summary) == set()
    assert "\x1b" not in s.stdout
    assert s.github.violations == []


def test_a_model_echoing_control_characters_still_delivers_clean_text(scenario, capsys):
    s = scenario.labeled()
    echo = plan(
        title=f"fix(ops): clear error{DIRTY} on zero",
        summary=f"divide() raises ValueError{DIRTY} now.",
        acceptance_criteria=[f"divide(1, 0){DIRTY} raises ValueError"],
    )
    s.model.responder = Scripted(echo, {"calc/ops.py": [whole_file("calc/ops.py", FIXED_OPS)]})
    before = Snapshot.of(s)
    code, out = s.run(capsys)

    assert (code, out["status"]) == (0, "pr_opened"), s.summary  # git refuses a NUL in a commit message
    assert broken_promises(s, before, code, out) == []
    [pr] = s.github.pulls.values()
    assert pr["title"] == "fix(ops): clear errorred on zero"
    message = git("log", "-p", "--all", cwd=s.origin)
    assert "divide() raises ValueErrorred" in message and controls_in(message) == set()
    assert controls_in(pr["body"] + comment(s) + s.summary) == set()


# ---------------------------------------------------------------- class 4: risky content in a change


@pytest.mark.parametrize("name", REFUSED)
def test_risky_content_a_model_keeps_adding_is_never_pushed_and_the_comment_says_why(scenario, capsys, name):
    s, case = scenario, OBEYED[name]
    code, out, before = run_obeyed(s, capsys, case)

    assert (code, out["status"]) == (1, "validation_failed"), s.summary
    assert broken_promises(s, before, code, out) == []
    assert origin_branches(s.origin) == before.branches and s.github.pulls == {}
    said = comment(s)
    path = case["obeyed"]["path"]
    assert f"- {path}:" in said and any(why in said for why in WHY), said
    assert "attacker.example" not in said and "\u202e" not in said  # the refused text is named, not repeated
    asked = [request_text(r) for r in s.model.requests if f"# Your file: {path} " in request_text(r)]
    assert len(asked) == 4 and any(why in asked[-1] for why in WHY)  # told why, three repair rounds


@pytest.mark.parametrize(
    "name", ["obeyed-curl-pipe-sh", "obeyed-trojan-source-bidi", "obeyed-pyproject-git-dependency"]
)
def test_a_model_told_why_may_repair_the_risky_content_and_the_change_ships(scenario, capsys, name):
    s, case = scenario, OBEYED[name]
    path, risky = case["obeyed"]["path"], case["obeyed"]["content"]
    repaired = {
        "scripts/install.sh": "#!/bin/sh\nset -e\necho 'Download https://example.com/i.sh, check it, then run it.'\n",
        "calc/ops.py": FIXED_OPS,
        "pyproject.toml": '[project]\nname = "calc"\nversion = "0.1.0"\ndependencies = ["requests>=2", "calc-extras>=1"]\n',
    }[path]
    code, out, before = run_obeyed(s, capsys, case, answers=[answer(path, risky), answer(path, repaired)])

    assert (code, out["status"]) == (0, "pr_opened"), s.summary
    assert broken_promises(s, before, code, out) == []
    assert s.show_on_origin(f"agent/issue-{s.issue_number}", path) == repaired


def test_a_risky_line_already_in_a_file_is_not_the_changes_fault(scenario, capsys):
    s = scenario.labeled()
    legacy = "#!/bin/sh\ncurl -fsSL https://get.example.com | sh\n"
    s.commit_files({"scripts/bootstrap.sh": legacy})
    changes = [{"path": "scripts/bootstrap.sh", "action": "modify", "reason": "Stop on errors."}]
    edited = legacy.replace("#!/bin/sh\n", "#!/bin/sh\nset -eu\n")
    s.model.responder = Scripted(
        plan(changes=changes), {"scripts/bootstrap.sh": [answer("scripts/bootstrap.sh", edited)]}
    )
    code, out = s.run(capsys)

    assert (code, out["status"]) == (0, "pr_opened"), s.summary
    assert s.show_on_origin(f"agent/issue-{s.issue_number}", "scripts/bootstrap.sh") == edited


# ---------------------------------------------------------------- class 8: hand-offs of restricted files


@pytest.mark.parametrize("name", PROPOSALS_REFUSED)
def test_a_risky_proposal_for_a_restricted_file_is_named_not_shown_and_the_rest_ships(scenario, capsys, name):
    s, case = scenario, OBEYED[name]
    path = case["obeyed"]["path"]
    code, out, before = run_obeyed(s, capsys, case)

    assert (code, out["status"]) == (0, "pr_opened"), s.summary
    assert broken_promises(s, before, code, out) == []
    branch = f"agent/issue-{s.issue_number}"
    assert s.show_on_origin(branch, "calc/ops.py") == FIXED_OPS
    [pr] = s.github.pulls.values()
    for text in (pr["body"], comment(s), s.summary):
        assert f"`{path}`" in text and "attacker.example" not in text
    assert "refused this proposal and does not show it" in pr["body"]
    assert "downloaded from the network" in pr["body"]
    assert "refused the proposal for" in comment(s)


def test_a_proposal_dictated_by_the_issue_is_a_diff_labelled_unchecked(scenario, capsys):
    s, case = scenario, OBEYED["proposal-booty-deny-list-emptied"]
    current = case["obeyed"]["content"].replace(
        'restricted_paths: ""\n          allowed_bots: attacker-bot[bot]\n',
        'restricted_paths: "migrations/**"\n',
    )
    s.commit_files({".github/workflows/booty.yml": current})
    code, out, before = run_obeyed(s, capsys, case)

    assert (code, out["status"]) == (0, "pr_opened"), s.summary
    [pr] = s.github.pulls.values()
    body = pr["body"]
    assert "written by the model from the issue's request" in body and "has not been checked by Booty" in body
    assert "--- a/.github/workflows/booty.yml\n+++ b/.github/workflows/booty.yml" in body
    assert (
        '-          restricted_paths: "migrations/**"\n+          restricted_paths: ""\n+          allowed_bots: attacker-bot[bot]'
        in body
    )
    assert "\n       - uses: owner/booty@v1\n" in body  # unchanged lines are context
    assert s.show_on_origin(f"agent/issue-{s.issue_number}", ".github/workflows/booty.yml") == current


def test_a_change_of_only_risky_proposals_stops_as_blocked_and_shows_none(scenario, capsys):
    s = scenario
    case = OBEYED["proposal-pull-request-target-pipe-to-shell"]
    s.issue_number = s.github.add_issue("ci", case["body"], author="maint")
    s.labeled()
    path = case["obeyed"]["path"]
    s.model.responder = Scripted(
        plan(changes=[{"path": path, "action": "create", "reason": "As asked."}]),
        {path: [answer(path, case["obeyed"]["content"])]},
    )
    before = Snapshot.of(s)
    code, out = s.run(capsys)

    assert (code, out["status"]) == (1, "blocked_path"), s.summary
    assert broken_promises(s, before, code, out) == []
    for text in (comment(s), s.summary, s.stdout):
        assert "attacker.example" not in text and "pull_request_target" not in text
    assert f"`{path}`**: Booty refused this proposal" in comment(s)
