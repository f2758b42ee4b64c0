"""`booty run` and `booty demo` as a developer uses them, against the fakes and a bare origin."""

from __future__ import annotations

from booty.cli import main as booty
from tests.support.repository import git
from tests.support.scenario import API_KEY, GITHUB_TOKEN
from tests.support.scripted import FIXED_OPS, Scripted, plan, whole_file


def local_env(s, **extra: str) -> None:
    """A developer's shell: an API key and the fake's address; no runner variables."""
    s.monkeypatch.setenv("ANTHROPIC_API_KEY", API_KEY)
    s.monkeypatch.setenv("ANTHROPIC_BASE_URL", s.model.base_url)
    for name, value in extra.items():
        s.monkeypatch.setenv(name, value)


def test_run_with_an_issue_file_and_dry_run_needs_no_github(scenario, capsys):
    s = scenario
    s.model.responder = Scripted(plan(), {"calc/ops.py": [whole_file("calc/ops.py", FIXED_OPS)]})
    issue = s.tmp / "issue.md"
    issue.write_text(
        "# divide crashes with ZeroDivisionError\n\ndivide(1, 0) should raise a clear ValueError.\n"
    )
    local_env(s)

    code = booty(["run", "--repo", str(s.work), "--issue-file", str(issue), "--dry-run"])
    printed = capsys.readouterr().out

    assert code == 0, printed
    assert "**fix(ops): clear error on division by zero**" in printed  # the PR title...
    assert "## Test plan" in printed and "- [ ] divide(1, 0) raises ValueError" in printed  # ...and body
    assert "nothing was pushed" in printed and "agent/issue-1" in printed
    assert printed.count("## Test plan") == 1  # printed once, not again inside the status line
    assert git("rev-parse", "--abbrev-ref", "HEAD", cwd=s.work).strip() == "agent/issue-1"
    assert git("show", "agent/issue-1:calc/ops.py", cwd=s.work) == FIXED_OPS  # the change, on a local branch
    assert s.branch_on_origin("agent/issue-1") == "" and s.github.requests == []
    assert API_KEY not in printed


def test_run_with_an_issue_number_reads_github_pushes_and_opens_the_pr(scenario, capsys):
    s = scenario
    s.model.responder = Scripted(plan(), {"calc/ops.py": [whole_file("calc/ops.py", FIXED_OPS)]})
    local_env(s, GITHUB_TOKEN=GITHUB_TOKEN, GITHUB_API_URL=s.github.api_url, BOOTY_GITHUB_THROTTLE="false")

    code = booty(
        ["run", "--repo", str(s.work), "--issue", str(s.issue_number), "--repository", s.github.repository]
    )
    printed = capsys.readouterr().out

    assert code == 0, printed
    [pr] = s.github.pulls.values()
    assert (
        pr["head"] == f"agent/issue-{s.issue_number}"
        and f"pr_opened: Opened pull request #{pr['number']}" in printed
    )
    assert s.show_on_origin(pr["head"], "calc/ops.py") == FIXED_OPS
    assert "divide crashes" in s.model.prompts_text()  # the issue came from GitHub
    assert GITHUB_TOKEN not in printed and s.github.violations == []


def test_demo_runs_offline_and_says_the_model_is_scripted(capsys):
    code = booty(["demo"])
    printed = capsys.readouterr().out

    assert code == 0, printed
    assert "the model is SCRIPTED" in printed and "127.0.0.1" in printed
    stages = [
        "Reading the issue",
        "Selecting context",
        "Planning",
        "Writing the change",
        "Validating",
        "Committing",
    ]
    assert [printed.index(f"[booty] {stage}") for stage in stages] == sorted(
        printed.index(f"[booty] {s}") for s in stages
    )
    assert "--- Diff ---" in printed and "+    return len(text.split())" in printed
    assert "**fix(words): count words separated by any whitespace**" in printed and "**passed**" in printed
    assert "Status: dry_run" in printed and "Nothing was pushed" in printed
    # the example's pull request template, filled in by the scripted model's own call
    assert "[booty] Writing the pull request description" in printed and "Model calls: 4" in printed
    preview = printed[printed.index("--- Pull request Booty would open ---") :]
    assert (
        preview.index("## What does this change?")
        < preview.index("Fixes #1")
        < preview.index("## Type of change")
    )
    assert "- [x] Bug fix\n- [ ] New feature" in preview and "- [x] Tests added or updated" in preview
    assert "<issue number>" not in preview and preview.count("**Files changed**") == 1
    assert "Pull request template: `docs/pull_request_template.md`" in preview
