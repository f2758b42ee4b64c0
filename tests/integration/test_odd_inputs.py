"""Bad events, missing settings and odd repositories, through the whole action: each ends with a
clear message and the status README.md promises, and leaves nothing behind."""

from __future__ import annotations

import shutil

import pytest

from tests.support.promises import Snapshot, booty_comments, broken_promises, head_of
from tests.support.repository import git
from tests.support.scenario import scripted_fix
from tests.support.scripted import Scripted, plan, request_text, whole_file


def run_checked(s, expected: str, says: str, *, calls_model: bool = False):
    """Run, then check the status, that the job summary gives the reason, and every promise."""
    before = Snapshot.of(s)
    code, out = s.run()
    assert out["status"] == expected, s.summary
    assert says in s.summary
    assert broken_promises(s, before, code, out) == []
    if not calls_model:
        assert s.model.requests == [] and s.model.count_requests == []
    return code, out


# ---------------------------------------------------------------- the event


def test_an_event_file_that_is_not_json_is_an_error_before_any_request(scenario):
    s = scenario.labeled()
    s.event_text = '{"action": "labeled", "issue": {'
    code, _ = run_checked(s, "error", "is not valid JSON")
    assert code == 1 and s.github.requests == []


def test_a_missing_event_file_is_an_error(scenario):
    s = scenario.labeled()
    s.env["GITHUB_EVENT_PATH"] = str(s.tmp / "gone.json")
    run_checked(s, "error", "does not exist")


MISSING = {
    "no issue object": (lambda e: e.pop("issue"), "has no 'issue' object"),
    "no issue number": (lambda e: e["issue"].pop("number"), "names no issue number"),
    "issue number not a number": (
        lambda e: e["issue"].update(number="seven"),
        "'seven' is not an issue number",
    ),
    "no sender": (lambda e: e.pop("sender"), "has no sender"),
}


@pytest.mark.parametrize("mutate, says", MISSING.values(), ids=MISSING.keys())
def test_an_event_missing_a_field_is_an_error_naming_it(scenario, mutate, says):
    s = scenario.labeled()
    mutate(s.event)
    code, _ = run_checked(s, "error", says)
    assert code == 1 and s.github.requests == []


def test_a_dispatch_without_an_issue_number_says_which_input_to_set(scenario):
    s = scenario
    s.event_name, s.event = "workflow_dispatch", {"inputs": {}, "sender": {"login": "maint", "type": "User"}}
    run_checked(s, "error", "set the `issue_number` input")


def test_a_label_on_a_pull_request_is_skipped_without_any_request(scenario):
    s = scenario.labeled()
    s.event["issue"]["pull_request"] = {"url": f"{s.github.api_url}/repos/octo-org/demo/pulls/1"}
    code, _ = run_checked(s, "skipped", "is a pull request")
    assert code == 0 and s.github.requests == []


def test_a_dispatch_naming_a_pull_request_is_skipped_after_asking_github(scenario):
    s = scenario
    git("push", "-q", "origin", "main:refs/heads/feature", cwd=s.work)
    number = s.github.add_pull("Someone's PR", "body", head="feature", author="alice")
    s.issue_number = number
    s.event_name, s.event = (
        "workflow_dispatch",
        {"inputs": {"issue_number": str(number)}, "sender": {"login": "maint"}},
    )
    run_checked(s, "skipped", f"#{number} is a pull request")
    [comment] = booty_comments(s.github, number)
    assert "(`skipped`)" in comment["body"]


@pytest.mark.parametrize("state, locked, says", [("closed", False, "is closed"), ("open", True, "is locked")])
def test_closed_and_locked_issues_are_skipped_before_any_model_call(scenario, state, locked, says):
    s = scenario
    s.issue_number = s.github.add_issue(
        "divide crashes", "divide(1, 0) crashes.", author="maint", state=state, locked=locked
    )
    s.labeled()
    scripted_fix(s)
    code, _ = run_checked(s, "skipped", says)
    assert code == 0 and s.github.pulls == {}


def test_an_unknown_issue_number_is_an_error_naming_it(scenario):
    s = scenario
    s.issue_number = 99
    s.labeled()
    code, _ = run_checked(s, "error", "issue #99 was not found in octo-org/demo")
    assert code == 1


# ---------------------------------------------------------------- the environment

UNSET = {
    "GITHUB_EVENT_PATH": "GITHUB_EVENT_PATH is not set",
    "GITHUB_EVENT_NAME": "GITHUB_EVENT_NAME is not set",
    "GITHUB_REPOSITORY": "GITHUB_REPOSITORY is not set",
    "BOOTY_GITHUB_TOKEN": "No GitHub token",
    "BOOTY_ANTHROPIC_API_KEY": "No Anthropic API key",
}


@pytest.mark.parametrize("variable, says", UNSET.items(), ids=UNSET.keys())
def test_a_missing_environment_variable_is_an_error_with_a_status_output(scenario, variable, says):
    s = scenario.labeled()
    s.without.add(variable)
    code, out = run_checked(s, "error", says)
    assert code == 1 and out["status"] == "error" and s.github.requests == []


def test_an_invalid_input_still_ends_with_a_status_output_naming_the_input(scenario):
    s = scenario.labeled()
    s.inputs["max_files"] = "many"
    code, out = run_checked(s, "error", "Invalid input: BOOTY_MAX_FILES")
    assert code == 1 and out["status"] == "error"


def test_a_workspace_that_is_not_a_checkout_asks_for_actions_checkout(scenario):
    s = scenario.labeled()
    elsewhere = s.tmp / "not-a-repo"
    elsewhere.mkdir()
    s.without.add("GITHUB_WORKSPACE")  # the default, the current directory, is not a git work tree
    s.monkeypatch.chdir(elsewhere)
    code, out = s.run()
    assert (code, out["status"]) == (1, "error")
    assert "Run actions/checkout before Booty" in s.summary and s.model.requests == []


# ---------------------------------------------------------------- the issue and the repository


def test_a_2_mb_issue_body_is_refused_before_any_model_call(scenario):
    s = scenario
    body = "divide(1, 0) should raise a clear ValueError.\n" + "Traceback line from a pasted log\n" * 64_000
    assert len(body) > 2_000_000
    s.issue_number = s.github.add_issue("divide crashes", body, author="maint")
    s.labeled()
    scripted_fix(s)
    code, _ = run_checked(s, "budget_exceeded", "Booty works on issue bodies of at most 262,144 bytes")
    assert code == 1  # more on sizes in test_oversized_input.py


def test_a_long_issue_body_under_the_limit_is_cut_with_a_note_and_the_run_still_delivers(scenario):
    s = scenario
    body = "divide(1, 0) should raise a clear ValueError.\n" + "Traceback line from a pasted log\n" * 7_000
    assert 200_000 < len(body) < 262_144
    s.issue_number = s.github.add_issue("divide crashes", body, author="maint")
    s.labeled()
    scripted_fix(s)
    run_checked(s, "pr_opened", "Opened pull request", calls_model=True)
    planner = request_text(s.model.requests[0])
    assert "more characters cut by Booty" in planner and len(planner) < 100_000


def odd_files(s) -> None:
    """A PNG, a latin-1 Python file and a file whose name is not UTF-8, committed and pushed."""
    (s.work / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)) * 8)
    (s.work / "calc/legacy.py").write_bytes("# -*- coding: latin-1 -*-\nNAME = 'caf\xe9'\n".encode("latin-1"))
    (s.work / "data").mkdir()
    (s.work / "data").joinpath(b"r\xe9sum\xe9.txt".decode("utf-8", "surrogateescape")).write_bytes(b"cv\n")
    git("add", "-A", cwd=s.work)
    git("commit", "-q", "-m", "odd files", cwd=s.work)
    git("push", "-q", "origin", "main", cwd=s.work)


def test_binary_and_non_utf8_files_stay_out_of_prompts_and_untouched(scenario):
    s = scenario.labeled()
    odd_files(s)
    scripted_fix(s)
    run_checked(s, "pr_opened", "Opened pull request", calls_model=True)
    branch = f"agent/issue-{s.issue_number}"
    assert git("diff", "--name-only", f"main..{branch}", cwd=s.origin).split() == ["calc/ops.py"]
    prompts = "\n".join(request_text(r) for r in s.model.requests)
    assert "IHDR" not in prompts and "caf\ufffd" not in prompts


@pytest.mark.parametrize("path", ["logo.png", "calc/legacy.py"])
def test_a_plan_to_rewrite_a_binary_or_non_utf8_file_is_refused(scenario, path):
    s = scenario.labeled()
    odd_files(s)
    s.model.respond_with(
        Scripted(
            plan(changes=[{"path": path, "action": "modify", "reason": "as asked"}]),
            {path: [whole_file(path, "NAME = 'cafe'\n")]},
        )
    )
    code, _ = run_checked(s, "validation_failed", "not UTF-8 text", calls_model=True)
    assert code == 1 and s.github.pulls == {}


def test_the_rest_of_a_change_ships_without_the_binary_file_and_says_so(scenario):
    s = scenario.labeled()
    odd_files(s)
    changes = [
        {"path": "calc/ops.py", "action": "modify", "reason": "Guard b == 0."},
        {"path": "logo.png", "action": "modify", "reason": "A new logo."},
    ]
    from tests.support.scripted import FIXED_OPS

    s.model.respond_with(
        Scripted(plan(changes=changes), {"calc/ops.py": [whole_file("calc/ops.py", FIXED_OPS)]})
    )
    run_checked(s, "pr_opened", "Opened pull request", calls_model=True)
    [pr] = s.github.pulls.values()
    assert "Left out logo.png" in pr["body"]
    assert s.show_on_origin(pr["head"], "calc/ops.py") == FIXED_OPS


def test_an_empty_repository_is_an_error_before_any_model_call(scenario):
    s = scenario.labeled()
    shutil.rmtree(s.work)
    shutil.rmtree(s.origin)
    git("init", "-q", "--bare", str(s.origin), cwd=s.tmp)
    git("clone", "-q", str(s.origin), str(s.work), cwd=s.tmp)
    scripted_fix(s)
    code, out = s.run()
    assert (code, out["status"]) == (1, "error"), s.summary
    assert "no commits yet" in s.github.comments_on(s.issue_number)[0]["body"]
    assert s.model.requests == [] and git("for-each-ref", cwd=s.origin) == "" and s.github.pulls == {}


@pytest.mark.parametrize("detach", [False, True], ids=["shallow", "shallow-detached"])
def test_a_shallow_or_detached_checkout_delivers(scenario, detach):
    s = scenario.labeled()
    s.fresh_checkout(detach=detach)
    scripted_fix(s)
    run_checked(s, "pr_opened", "Opened pull request", calls_model=True)
    assert git("rev-parse", "--is-shallow-repository", cwd=s.work).strip() == "true"


def test_a_failed_run_in_a_detached_checkout_returns_to_the_detached_commit(scenario):
    s = scenario.labeled()
    s.fresh_checkout(detach=True)
    commit = head_of(s.work)
    scripted_fix(s, "def add(a, b):\n    return a +\n")  # never parses: validation fails
    s.inputs["max_retries"] = "0"
    run_checked(s, "validation_failed", "nothing was written or pushed", calls_model=True)
    assert head_of(s.work) == commit


def test_a_plan_to_rewrite_a_file_booty_never_reads_is_refused(scenario):
    s = scenario.labeled()
    key = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n"
    s.commit_files({"deploy/server.pem": key})
    s.model.respond_with(
        Scripted(
            plan(changes=[{"path": "deploy/server.pem", "action": "modify", "reason": "rotate the key"}]),
            {"deploy/server.pem": ["deploy/server.pem\n```\nnot a key\n```\n"]},
        )
    )
    code, _ = run_checked(s, "validation_failed", "Booty never reads this file", calls_model=True)
    assert (s.work / "deploy/server.pem").read_text() == key
    assert "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC" not in "\n".join(request_text(r) for r in s.model.requests)
