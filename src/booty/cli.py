"""`booty run | context | sweep-plan | demo` for local use (the action itself starts in ``booty.main``)."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from booty.errors import BootyError

if TYPE_CHECKING:
    from booty.adapters.codehost import GitHubCodeHost
    from booty.ports import CodeHost


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="booty", description="Turn an issue into a validated change.")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="run Booty on a local repository")
    run.add_argument("--repo", type=Path, default=Path("."))
    source = run.add_mutually_exclusive_group(required=True)
    source.add_argument("--issue", type=int, help="issue number, read from GitHub (needs GITHUB_TOKEN)")
    source.add_argument("--issue-file", type=Path, help="markdown or JSON file with the issue (no GitHub)")
    run.add_argument("--repository", help="owner/name on GitHub (default: from the origin remote)")
    run.add_argument("--dry-run", action="store_true", help="commit on a local branch only; push nothing")

    ctx = sub.add_parser("context", help="show the ranked files and the packed repository map")
    ctx.add_argument("--repo", type=Path, default=Path("."))
    ctx.add_argument("--issue-file", type=Path, required=True)
    ctx.add_argument("--budget", type=int, default=13_000)
    ctx.add_argument(
        "--model",
        default=None,
        help="the model whose tokenizer the budget counts in (default: the run's model)",
    )
    ctx.add_argument("--top", type=int, default=20)
    ctx.add_argument("--json", action="store_true")

    sweep = sub.add_parser(
        "sweep-plan",
        help="list the open issues a backlog sweep should run, with estimated costs; writes nothing",
        description="Reads GITHUB_REPOSITORY, GITHUB_API_URL, GITHUB_WORKSPACE, the token (BOOTY_GITHUB_TOKEN or "
        "GITHUB_TOKEN) and the action's BOOTY_ inputs (trigger_label, max_issues, max_total_cost_usd, max_cost_usd, "
        "model, context_token_budget).",
    )
    sweep.add_argument(
        "--json", action="store_true", help="print one JSON object (the sweep workflow reads it)"
    )

    demo = sub.add_parser("demo", help="offline demo with a scripted model")
    demo.add_argument("--keep", action="store_true", help="keep the demo repository")

    args = parser.parse_args(argv)
    try:
        if args.command == "demo":
            from booty.demo.run import run_demo

            return run_demo(keep=args.keep)
        if args.command == "context":
            return _context(args)
        if args.command == "sweep-plan":
            return _sweep_plan(args)
        return _run(args)
    except BootyError as err:
        print(f"booty: {err}", file=sys.stderr)
        return 1


def _context(args: argparse.Namespace) -> int:
    from booty.adapters.repo_files import list_files, read_file_bytes
    from booty.claude.profiles import conservative_profile, known_profile
    from booty.locate.context_report import build_report, format_report
    from booty.locate.repository_map import repository_map
    from booty.settings import Inputs
    from booty.validate.paths import PathPolicy

    repo = args.repo.resolve()
    inputs = Inputs()
    policy = PathPolicy(restricted=inputs.restricted_paths, root=repo)  # the run's own path rules
    model = args.model or inputs.model
    profile = known_profile(model) or conservative_profile(model)
    issue_text = args.issue_file.read_text(encoding="utf-8")
    found = repository_map(
        list_files(repo),
        lambda rel: read_file_bytes(repo, rel),
        issue_text,
        budget=args.budget,
        never_read=policy.never_read,
        chars_per_token=profile.chars_per_token,
    )
    report = build_report(found, top=args.top)
    print(json.dumps(report) if args.json else format_report(report))
    return 0


def _sweep_plan(args: argparse.Namespace) -> int:
    from booty.adapters.actions import RunnerIO
    from booty.main import sweep_plan
    from booty.settings import Inputs, Runner
    from booty.sweep.report import sweep_table

    inputs, runner = Inputs(), Runner()
    token = (inputs.github_token.get_secret_value() if inputs.github_token else "") or os.environ.get(
        "GITHUB_TOKEN", ""
    )
    if not token:
        print("booty: set GITHUB_TOKEN (or BOOTY_GITHUB_TOKEN) to list the issues.", file=sys.stderr)
        return 1
    out = RunnerIO(output_path=None, summary_path=None, on_runner=False)
    out.mask(token)
    plan = sweep_plan(inputs, runner, out, token=token, workspace=runner.github_workspace)
    print(json.dumps(plan.as_json()) if args.json else sweep_table(plan), end="\n" if args.json else "")
    return 0


def _run(args: argparse.Namespace) -> int:
    from booty.adapters.actions import RunnerIO
    from booty.adapters.null_host import NullCodeHost
    from booty.adapters.workspace import GitWorkspace
    from booty.intake.issue import parse_issue_file
    from booty.main import build_pipeline, claude_factory, model_setup, run_tracked
    from booty.models import Status, Trigger
    from booty.publish.tracking import Tracker
    from booty.run_config import run_config
    from booty.settings import Inputs, Runner

    inputs, runner = Inputs(), Runner()
    api_key = (
        inputs.anthropic_api_key.get_secret_value() if inputs.anthropic_api_key else ""
    ) or os.environ.get("ANTHROPIC_API_KEY", "")
    if not api_key:
        print("booty: set ANTHROPIC_API_KEY (or BOOTY_ANTHROPIC_API_KEY).", file=sys.stderr)
        return 1
    out = RunnerIO(output_path=None, summary_path=None, on_runner=False)
    out.mask(api_key)
    workspace = GitWorkspace(args.repo, scrubber=out.scrubber)
    github: GitHubCodeHost | None = None
    issue, token = None, ""
    if args.issue_file:
        issue = parse_issue_file(args.issue_file.read_text(encoding="utf-8"))
        number = issue.number
    else:
        from booty.adapters.codehost import GitHubCodeHost

        token = (inputs.github_token.get_secret_value() if inputs.github_token else "") or os.environ.get(
            "GITHUB_TOKEN", ""
        )
        if not token:
            print("booty: set GITHUB_TOKEN to read the issue from GitHub.", file=sys.stderr)
            return 1
        out.mask(token)
        repository = args.repository or _repository_from_origin(args.repo)
        github = GitHubCodeHost(
            token=token,
            repository=repository,
            api_url=runner.github_api_url,
            throttle=inputs.github_throttle,
            scrubber=out.scrubber,
        )
        number = args.issue
    setup = model_setup(inputs, api_key=api_key, base_url=runner.anthropic_base_url)
    model = claude_factory(setup, api_key=api_key, base_url=runner.anthropic_base_url, inputs=inputs)
    config = run_config(inputs, setup, dry_run=args.dry_run or github is None, check_actor=False)
    host: CodeHost
    if github is None:  # the issue came from a file: no GitHub at all
        host = NullCodeHost(default_branch=workspace.head_branch())
    else:
        host = github
        workspace = GitWorkspace(args.repo, token=token, scrubber=out.scrubber)
    tracker = Tracker(runner=out, host=host, issue_number=number, run_url="", clock=time.monotonic)
    pipeline = build_pipeline(config, model, workspace, host, tracker)
    finished = run_tracked(pipeline, Trigger(issue_number=number, actor="local", event_name="local"), issue)
    outcome = finished.outcome
    if finished.report.pr_preview:
        out.info(f"\n--- Pull request ---\n{finished.report.pr_preview}")
    if outcome.status is Status.DRY_RUN:  # its message repeats the preview above, for the issue comment
        out.info(
            f"\ndry_run: nothing was pushed; the change is committed on the local branch {outcome.branch}."
        )
    else:
        out.info(f"\n{outcome.status.value}: {outcome.message}")
    for problem in outcome.problems:
        out.info(f"  - {problem.render()}")
    return outcome.status.exit_code


def _repository_from_origin(repo: Path) -> str:
    url = subprocess.run(
        ["git", "-C", str(repo), "remote", "get-url", "origin"], capture_output=True, text=True, check=False
    ).stdout.strip()
    tail = url.removesuffix(".git").replace(":", "/").split("/")
    if len(tail) < 2:
        raise BootyError("Could not tell owner/name from the origin remote; pass --repository owner/name.")
    return f"{tail[-2]}/{tail[-1]}"


if __name__ == "__main__":
    sys.exit(main())
