"""What users copy and read agrees with the code: action.yml, the example workflow, the README."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from booty.claude.profiles import PROFILES
from booty.models import Status
from booty.settings import DEFAULT_MODEL, Inputs
from tests.support.locations import REPO

ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
README = (REPO / "README.md").read_text(encoding="utf-8")
OUTPUTS = {
    "status",
    "message",
    "pr_number",
    "pr_url",
    "branch",
    "input_tokens",
    "output_tokens",
    "cache_write_tokens",
    "cache_read_tokens",
    "cost_usd",
    "provider",
    "sweep_plan",
    "sweep_issues",
}
# Settings that are not action inputs on purpose (see settings.py): tuning for tests and soak runs.
HIDDEN = {
    "github_throttle",
    "llm_attempts",
    "llm_backoff_s",
    "llm_timeout_s",
    "test_timeout_s",
    "editor_view",
}


def _table(heading_row: str) -> list[list[str]]:
    """The rows of the README table whose header row starts with ``heading_row``."""
    lines = README.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(heading_row))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip().strip("`") for cell in line.strip("|").split("|")])
    return rows


def test_every_input_is_mapped_explicitly_to_its_booty_variable():
    env = ACTION["runs"]["env"]
    assert ACTION["runs"]["using"] == "docker" and ACTION["runs"]["image"] == "Dockerfile"
    assert env == {f"BOOTY_{name.upper()}": f"${{{{ inputs.{name} }}}}" for name in ACTION["inputs"]}
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", name) for name in ACTION["inputs"])  # snake_case, no hyphens
    assert all(spec.get("description") for spec in ACTION["inputs"].values())


def test_inputs_and_settings_have_the_same_names_and_defaults(monkeypatch):
    assert set(ACTION["inputs"]) == set(Inputs.model_fields) - HIDDEN
    for name, spec in ACTION["inputs"].items():
        default = spec.get("default", "")
        if "${{" not in default:  # github_token's default is the workflow's own token
            monkeypatch.setenv(f"BOOTY_{name.upper()}", default)
    as_github_passes_them = Inputs()
    for name in ACTION["inputs"]:
        assert getattr(as_github_passes_them, name) == Inputs.model_fields[name].get_default(
            call_default_factory=True
        ), name
    assert ACTION["inputs"]["github_token"]["default"] == "${{ github.token }}"
    # Not required: with a cloud provider there is no Anthropic key (main says what is missing, per provider).
    assert ACTION["inputs"]["anthropic_api_key"].get("required") is not True
    assert ACTION["inputs"]["provider"]["default"] == "anthropic"


def test_the_readme_inputs_table_lists_every_input_with_its_default():
    rows = {row[0]: row[1] for row in _table("| input |")}
    assert set(rows) == set(ACTION["inputs"])
    for name, spec in ACTION["inputs"].items():
        if re.fullmatch(r"[^ ()]+", rows[name]):  # a literal value, not words like "(required)"
            assert rows[name] == spec.get("default"), name
        elif not rows[name]:
            assert spec.get("default", "") == "", name


def test_outputs_are_the_documented_ones_and_list_every_status():
    assert set(ACTION["outputs"]) == OUTPUTS
    assert {name for row in _table("| output |") for name in re.findall(r"[a-z_]+", row[0])} == OUTPUTS
    listed = re.findall(r"[a-z_]+", ACTION["outputs"]["status"]["description"].split(":", 1)[1])
    assert sorted(listed) == sorted(s.value for s in Status)


def test_main_writes_exactly_the_declared_outputs():
    source = (REPO / "src" / "booty" / "main.py").read_text(encoding="utf-8")
    calls = [
        node
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "set_outputs"
    ]
    assert {key.value for call in calls for key in call.args[0].keys} == OUTPUTS


def test_the_readme_status_table_is_the_status_enum_with_its_exit_codes():
    documented = {}
    for cell, code, _ in _table("| status | exit code |"):
        for name in re.findall(r"[a-z_]+", cell):
            documented[name] = int(code)
    assert documented == {s.value: s.exit_code for s in Status}


def test_default_model_is_the_current_sonnet_of_the_profile_table():
    current_sonnets = [p.id for p in PROFILES.values() if p.status == "current" and "sonnet" in p.id]
    assert current_sonnets == [DEFAULT_MODEL]
    assert ACTION["inputs"]["model"]["default"] == DEFAULT_MODEL
    assert [row[1] for row in _table("| input |") if row[0] == "model"] == [DEFAULT_MODEL]


def _workflow_in_readme() -> dict:
    block = re.search(r"Copy this workflow.*?```yaml\n(.*?)```", README, re.S)
    assert block, "README has no workflow to copy"
    return yaml.safe_load(block.group(1))


def test_the_readme_workflow_is_the_shipped_one():
    shipped = yaml.safe_load((REPO / ".github" / "workflows" / "booty.yml").read_text(encoding="utf-8"))
    assert _workflow_in_readme() == shipped


def test_the_example_workflow_starts_on_its_triggers_one_run_per_issue_or_pull_request():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "booty.yml").read_text(encoding="utf-8"))
    on = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert on["issues"]["types"] == ["labeled"] and on["issue_comment"]["types"] == ["created"]
    assert on["pull_request_review"]["types"] == ["submitted"]
    assert on["pull_request_review_comment"]["types"] == ["created"]  # an inline `/booty` comment
    assert "issue_number" in on["workflow_dispatch"]["inputs"]
    assert workflow["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}
    job = workflow["jobs"]["booty"]
    assert "concurrency" not in workflow and job["concurrency"] == {
        "group": "booty-${{ github.event.pull_request.number || github.event.issue.number || inputs.issue_number }}",
        "cancel-in-progress": False,
    }
    assert "'agent'" in job["if"] and "'/booty'" in job["if"] and "'changes_requested'" in job["if"]
    assert (
        "startsWith(github.event.comment.body, '/booty'))"
        in job["if"].split("pull_request_review_comment")[1]
    )
    assert "!github.event.issue.pull_request" not in job["if"]  # a `/booty` comment on a pull request counts
    assert job["steps"][-1]["with"]["anthropic_api_key"] == "${{ secrets.ANTHROPIC_API_KEY }}"


def test_the_e2e_workflow_has_the_shipped_workflow_triggers_and_concurrency():
    shipped = yaml.safe_load((REPO / ".github" / "workflows" / "booty.yml").read_text(encoding="utf-8"))
    e2e = yaml.safe_load((REPO / "tests" / "e2e" / "data" / "workflow.yml").read_text(encoding="utf-8"))
    assert e2e[True] == shipped[True]  # `on`: every event the shipped workflow starts on reaches the action
    assert e2e["jobs"]["booty"]["concurrency"] == shipped["jobs"]["booty"]["concurrency"]
    assert "if" not in e2e["jobs"]["booty"]  # the action's own skip logic is what the e2e tier checks


# Modules the standard library dropped in 3.12 and 3.13: importing one would break Booty on a newer
# Python (a base image passed as BASE, a local `booty`), which this machine's 3.11 would not show.
REMOVED_FROM_STDLIB = {
    "distutils", "imp", "asynchat", "asyncore", "smtpd",  # 3.12
    "aifc", "audioop", "cgi", "cgitb", "chunk", "crypt", "imghdr", "mailcap", "msilib", "nis", "nntplib",
    "ossaudiodev", "pipes", "sndhdr", "spwd", "sunau", "telnetlib", "uu", "xdrlib", "lib2to3",  # 3.13
}  # fmt: skip


SOURCES = sorted((REPO / "src" / "booty").rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=[str(p.relative_to(REPO / "src")) for p in SOURCES])
def test_no_module_removed_in_newer_pythons_is_imported(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), feature_version=(3, 11))  # no syntax newer than 3.11
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    imported |= {
        node.module.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module
    }
    assert imported.isdisjoint(REMOVED_FROM_STDLIB)
