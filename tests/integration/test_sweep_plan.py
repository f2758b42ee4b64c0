"""`command: sweep-plan` and `booty sweep-plan --json` against the fake GitHub: reads only."""

from __future__ import annotations

import json

import pytest

from booty.cli import main as cli_main
from booty.publish.texts import pr_marker
from tests.support.scenario import GITHUB_TOKEN, scripted_fix, world


@pytest.fixture
def backlog(tmp_path, monkeypatch):
    """Issue #1 (from ``world``, unlabelled) plus a labelled backlog: runnable, answered, waiting."""
    with world(tmp_path, monkeypatch) as s:
        gh = s.github
        s.runnable = [gh.add_issue("ops: add() drops floats", "add(0.1, 0.2) in calc/ops.py", labels=["agent"]),
                      gh.add_issue("divide by zero", "divide(1, 0) in calc/ops.py", labels=["agent", "bug"])]  # fmt: skip
        s.answered = gh.add_issue("already done", "see PR", labels=["agent"])
        s.booty_pr = gh.add_pull(
            "fix: done", f"Closes #{s.answered}\n{pr_marker(s.answered)}", head=f"agent/issue-{s.answered}"
        )
        s.waiting = gh.add_issue("vague", "it is broken", labels=["agent", "booty:needs-info"])
        s.inputs = {"command": "sweep-plan"}
        yield s


def test_the_action_step_outputs_the_plan_and_a_matrix_and_writes_nothing(backlog):
    writes_before = [r for r in backlog.github.requests if r.method != "GET"]
    code, out = backlog.run()
    assert code == 0 and out["status"] == "sweep_planned"
    plan = json.loads(out["sweep_plan"])
    assert [i["number"] for i in plan["issues"]] == backlog.runnable  # oldest first
    assert json.loads(out["sweep_issues"]) == backlog.runnable
    assert all(0 < i["estimated_cost_usd"] <= 2.0 for i in plan["issues"])
    assert plan["total_estimated_cost_usd"] == pytest.approx(
        sum(i["estimated_cost_usd"] for i in plan["issues"]), abs=1e-5
    )
    why = {s["number"]: s["why"] for s in plan["skipped"]}
    assert set(why) == {backlog.answered, backlog.waiting} and f"#{backlog.booty_pr}" in why[backlog.answered]
    assert [r for r in backlog.github.requests if r.method != "GET"] == writes_before == []
    assert backlog.github.violations == []  # every request matched GitHub's OpenAPI description
    assert backlog.model.requests == []  # no model call: the estimate is local
    listing = [r for r in backlog.github.requests if r.path.endswith("/issues")]
    assert len(listing) == 1 and listing[0].query["labels"] == ["agent"]
    assert f"| #{backlog.runnable[0]} |" in backlog.summary and "| Left out | Why |" in backlog.summary
    logged = [line for line in backlog.stdout.splitlines() if not line.startswith("::add-mask::")]
    assert GITHUB_TOKEN not in backlog.summary + "\n".join(logged)


def test_a_sweep_budget_below_one_estimate_selects_nothing_with_a_clear_line(backlog):
    backlog.inputs["max_total_cost_usd"] = "0.0001"
    code, out = backlog.run()
    plan = json.loads(out["sweep_plan"])
    assert code == 0 and plan["issues"] == [] and json.loads(out["sweep_issues"]) == []
    assert "does not fit" in {s["number"]: s["why"] for s in plan["skipped"]}[backlog.runnable[0]]
    assert "0 issue(s) selected" in out.get("status", "") or "0 issue(s) selected" in backlog.stdout


def test_max_issues_caps_the_matrix(backlog):
    backlog.inputs["max_issues"] = "1"
    _, out = backlog.run()
    assert json.loads(out["sweep_issues"]) == backlog.runnable[:1]


@pytest.mark.parametrize("value", ["0", "ten", "257"])
def test_a_malformed_max_issues_is_an_error_naming_the_input(backlog, value):
    backlog.inputs["max_issues"] = value
    code, out = backlog.run()
    assert code == 1 and out["status"] == "error" and "BOOTY_MAX_ISSUES" in backlog.stdout
    assert backlog.github.requests == []


def test_no_labelled_issue_is_an_empty_plan(tmp_path, monkeypatch):
    with world(tmp_path, monkeypatch) as s:
        s.inputs = {"command": "sweep-plan"}
        code, out = s.run()
        assert code == 0 and json.loads(out["sweep_plan"]) == {
            "issues": [],
            "total_estimated_cost_usd": 0,
            "skipped": [],
        }
        assert "No issue to run" in s.summary


def test_the_cli_prints_one_json_object_with_the_same_selection(backlog, capsys):
    for key, value in {"GITHUB_REPOSITORY": backlog.github.repository, "GITHUB_API_URL": backlog.github.api_url,
                       "GITHUB_WORKSPACE": str(backlog.work), "GITHUB_TOKEN": GITHUB_TOKEN,
                       "BOOTY_GITHUB_THROTTLE": "false"}.items():  # fmt: skip
        backlog.monkeypatch.setenv(key, value)
    assert cli_main(["sweep-plan", "--json"]) == 0
    printed = capsys.readouterr().out.strip().splitlines()
    assert len(printed) == 1
    plan = json.loads(printed[0])
    assert set(plan) == {"issues", "total_estimated_cost_usd", "skipped"}
    assert [i["number"] for i in plan["issues"]] == backlog.runnable
    assert [r for r in backlog.github.requests if r.method != "GET"] == []


@pytest.mark.parametrize(("actor", "status"), [("maint", "pr_opened"), ("drive-by", "unauthorized")])
def test_a_scheduled_sweep_job_runs_its_issue_for_the_schedules_author(scenario, capsys, actor, status):
    """A matrix job of a scheduled sweep: event `schedule`, no sender, the issue as an input;
    GITHUB_ACTOR (who last changed the cron line) must be able to write, as any requester."""
    s = scripted_fix(scenario)
    s.github.permissions["drive-by"] = "read"
    s.event_name, s.event = "schedule", {"schedule": "0 3 * * 1"}
    s.inputs = {"issue_number": str(s.issue_number)}
    s.env = {"GITHUB_ACTOR": actor}
    code, out = s.run(capsys)
    assert (code, out["status"]) == (0, status), s.summary
    assert bool(s.branch_on_origin(f"agent/issue-{s.issue_number}")) == (status == "pr_opened")
    assert bool(s.model.requests) == (status == "pr_opened")  # a refused requester costs no model call
