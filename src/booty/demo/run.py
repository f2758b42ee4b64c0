"""`booty demo`: the real pipeline, offline, on a bundled example repository, with a SCRIPTED model."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from booty.adapters.actions import RunnerIO
from booty.adapters.null_host import NullCodeHost
from booty.adapters.workspace import GitWorkspace
from booty.claude.choice import resolve_model
from booty.claude.profiles import DEFAULT_MODEL
from booty.demo.messages_api import MessagesAPIServer
from booty.demo.script import respond
from booty.intake.issue import parse_issue_file
from booty.main import build_pipeline, claude_factory, run_tracked
from booty.models import Status, Trigger
from booty.publish.tracking import Tracker
from booty.run_config import run_config
from booty.settings import Inputs

HERE = Path(__file__).parent
BANNER = """\
================================================================================
 Booty demo -- the model is SCRIPTED
 Booty's real pipeline runs on a small bundled repository. The model's answers
 are prepared in advance and served by a local Messages API server on 127.0.0.1,
 through the real anthropic SDK and magentic. Nothing leaves this machine.
================================================================================"""


def run_demo(keep: bool = False) -> int:
    print(BANNER)
    out = RunnerIO(output_path=None, summary_path=None, on_runner=False)
    work = Path(tempfile.mkdtemp(prefix="booty-demo-"))
    try:
        repo = _example_repository(work)
        issue = parse_issue_file((HERE / "example_issue.md").read_text(encoding="utf-8"), number=1)
        where = f"kept after the demo: {work}" if keep else "removed after the demo; --keep keeps it"
        print(f"\nRepository: a copy of the bundled example, with a local bare origin ({where})")
        print(f"Issue #1: {issue.title}\n")
        print("".join(f"    {line}\n" for line in issue.body.splitlines()))
        with MessagesAPIServer(respond) as server:
            setup = resolve_model(
                DEFAULT_MODEL,
                temperature=None,
                effort=None,
                max_output_tokens=None,
                prices={},
                capabilities=lambda model: None,
            )
            config = run_config(
                Inputs.model_construct(),  # the inputs' defaults; the environment is not read
                setup,
                dry_run=True,
                test_command=f"{sys.executable} -m unittest discover -s tests -q",
                test_timeout_s=60,
            )
            model = claude_factory(setup, api_key="demo-key-not-secret", base_url=server.base_url)
            workspace = GitWorkspace(repo)
            host = NullCodeHost(default_branch=workspace.head_branch())
            tracker = Tracker(runner=out, host=host, issue_number=1, run_url="", clock=time.monotonic)
            pipeline = build_pipeline(config, model, workspace, host, tracker)
            finished = run_tracked(pipeline, Trigger(issue_number=1, actor="demo", event_name="demo"), issue)
            calls = len(server.requests)
        outcome, report = finished.outcome, finished.report
        print(f"\n--- Context shown to the planner ---\n{report.manifest}")
        if outcome.status is not Status.DRY_RUN:  # the scripted run should always get this far
            print(f"Status: {outcome.status.value}: {outcome.message}")
            return outcome.status.exit_code
        print(f"--- Diff ---\n{report.diff.rstrip()}\n")
        print(f"--- Pull request Booty would open ---\n{report.pr_preview}\n")
        print(
            f"Status: {outcome.status.value}. Nothing was pushed: the demo is a dry run, so the change is only "
            f"committed on the branch {outcome.branch} of the demo repository. In a workflow, Booty pushes "
            "that branch, opens this pull request and keeps one comment on the issue up to date."
        )
        print(
            f"Model calls: {calls}, all answered by the script; {outcome.usage.input_tokens:,} input and "
            f"{outcome.usage.output_tokens:,} output tokens, which would cost about ${outcome.cost_usd:.4f} "
            f"with {config.model}."
        )
        return outcome.status.exit_code
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


def _example_repository(work: Path) -> Path:
    repo = work / "textkit"
    shutil.copytree(HERE / "example", repo, ignore=shutil.ignore_patterns("__pycache__"))
    origin = work / "origin.git"
    env_git = [
        "git",
        "-c",
        "user.name=Demo",
        "-c",
        "user.email=demo@example.invalid",
        "-c",
        "init.defaultBranch=main",
    ]
    for args in (
        ["init", "-q", "--bare", str(origin)],
        ["-C", str(repo), "init", "-q"],
        ["-C", str(repo), "add", "-A"],
        ["-C", str(repo), "commit", "-q", "-m", "initial"],
        ["-C", str(repo), "remote", "add", "origin", str(origin)],
        ["-C", str(repo), "push", "-q", "origin", "HEAD:refs/heads/main"],
    ):
        subprocess.run([*env_git, *args], check=True)
    return repo
