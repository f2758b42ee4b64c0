"""Predictions for the official SWE-bench evaluation: Booty's real pipeline, dry run, per instance.

    python bench/predict.py DATASET --mirrors DIR --model M [--out predictions.jsonl]
                            [--limit N] [--repo OWNER/NAME] [--instance ID]

Needs ``ANTHROPIC_API_KEY`` (and honours ``ANTHROPIC_BASE_URL``). For each instance: export
``base_commit`` of the mirrored repository (see ``bench/mirrors.py``) into a fresh git repository,
give Booty the problem statement as the issue (first line: title), run the whole pipeline as
``booty run --dry-run`` does (no GitHub: the change is committed on a local branch), and take the
diff against ``base_commit``. Writes:

* ``--out`` (default ``predictions.jsonl``): one ``{"instance_id", "model_name_or_path",
  "model_patch"}`` per line, the format of the official harness (an instance Booty made no change
  for gets an empty patch, which the harness counts as unresolved);
* ``<out>.runs.jsonl``: per instance, Booty's status and message, tokens, cost and seconds.

Evaluate with the official harness (``pip install swebench``; it needs Docker and the internet):

    python -m swebench.harness.run_evaluation --dataset_name princeton-nlp/SWE-bench_Verified \\
        --predictions_path predictions.jsonl --max_workers 4 --run_id booty
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mirrors import export, git_dir

from booty.adapters.actions import RunnerIO
from booty.adapters.null_host import NullCodeHost
from booty.adapters.workspace import GitWorkspace
from booty.intake.issue import parse_issue_file
from booty.main import build_pipeline, claude_factory, model_setup, run_tracked
from booty.models import Trigger
from booty.publish.tracking import Tracker
from booty.run_config import run_config
from booty.settings import Inputs

GIT = [
    "git",
    "-c",
    "user.name=SWE-bench",
    "-c",
    "user.email=swe-bench@example.invalid",
    "-c",
    "init.defaultBranch=main",
]


def checkout(gitdir: Path, commit: str, into: Path) -> None:
    """``commit`` as the only commit of a fresh repository on ``main`` (the harness applies the
    patch to the same tree)."""
    export(gitdir, commit, into)
    for args in (
        ["init", "-q"],
        ["add", "-A", "-f"],
        ["commit", "-q", "--no-verify", "-m", f"base {commit}"],
    ):
        subprocess.run([*GIT, "-C", str(into), *args], check=True, capture_output=True)


def predict(row: dict, gitdir: Path, inputs: Inputs, base_url: str | None) -> tuple[dict, dict]:
    """(prediction, run record) for one instance."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="booty-predict-") as tmp:
        repo = Path(tmp) / "repo"
        repo.mkdir()
        checkout(gitdir, row["base_commit"], repo)
        issue = parse_issue_file(row["problem_statement"], number=1)
        api_key = inputs.anthropic_api_key.get_secret_value()
        setup = model_setup(inputs, api_key=api_key, base_url=base_url)
        out = RunnerIO(output_path=None, summary_path=None, on_runner=False)
        workspace = GitWorkspace(repo)
        host = NullCodeHost(default_branch=workspace.head_branch())
        tracker = Tracker(runner=out, host=host, issue_number=1, run_url="", clock=time.monotonic)
        pipeline = build_pipeline(
            run_config(inputs, setup, dry_run=True, check_actor=False),
            claude_factory(setup, api_key=api_key, base_url=base_url, inputs=inputs),
            workspace,
            host,
            tracker,
        )
        finished = run_tracked(
            pipeline, Trigger(issue_number=1, actor="swe-bench", event_name="local"), issue
        )
        outcome = finished.outcome
        diff = finished.report.diff if outcome.status.value == "dry_run" else ""
        patch = (
            diff + "\n" if diff and not diff.endswith("\n") else diff
        )  # git apply refuses a patch cut short
    prediction = {
        "instance_id": row["instance_id"],
        "model_name_or_path": f"booty/{inputs.model}",
        "model_patch": patch,
    }
    record = {
        "instance_id": row["instance_id"],
        "status": outcome.status.value,
        "message": outcome.message[:500],
        "input_tokens": outcome.usage.prompt_tokens,
        "output_tokens": outcome.usage.output_tokens,
        "cache_read_tokens": outcome.usage.cache_read_tokens,
        "cost_usd": round(outcome.cost_usd, 6),
        "seconds": round(time.monotonic() - started, 2),
    }
    return prediction, record


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dataset", type=Path)
    ap.add_argument("--mirrors", type=Path, required=True)
    ap.add_argument("--model", required=True)
    ap.add_argument("--out", type=Path, default=Path("predictions.jsonl"))
    ap.add_argument("--limit", type=int)
    ap.add_argument("--repo")
    ap.add_argument("--instance")
    ap.add_argument("--max-cost-usd", type=float, default=2.0)
    args = ap.parse_args(argv)
    key = os.environ.get("ANTHROPIC_API_KEY", "")
    if not key:
        print("predict: set ANTHROPIC_API_KEY", file=sys.stderr)
        return 2
    inputs = Inputs(model=args.model, anthropic_api_key=key, dry_run=True, max_cost_usd=args.max_cost_usd)
    rows = [json.loads(line) for line in args.dataset.read_text().splitlines() if line.strip()]
    rows = [
        r
        for r in rows
        if (not args.repo or r["repo"] == args.repo)
        and (not args.instance or r["instance_id"] == args.instance)
    ]
    rows = rows[: args.limit] if args.limit else rows
    runs_path = args.out.with_name(args.out.name.removesuffix(".jsonl") + ".runs.jsonl")
    with args.out.open("w") as predictions, runs_path.open("w") as runs:
        for row in rows:
            gitdir = git_dir(args.mirrors, row["repo"])
            if gitdir is None:
                print(f"{row['instance_id']:40} skipped (no mirror of {row['repo']})")
                continue
            prediction, record = predict(row, gitdir, inputs, os.environ.get("ANTHROPIC_BASE_URL"))
            predictions.write(json.dumps(prediction) + "\n")
            runs.write(json.dumps(record) + "\n")
            print(
                f"{row['instance_id']:40} {record['status']:18} ${record['cost_usd']:.4f} {record['seconds']:.1f}s"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
