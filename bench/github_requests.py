"""GitHub requests and writes per run, the job summary's length and the wall time of a whole run.

    .venv/bin/python bench/github_requests.py REPO_DIR [--runs 5] [--tree DIR] [--label NAME] [--image TAG]
                                       [--no-throttle] [--file PATH] [--json]

Each run is the real action (``entrypoint.py`` in a fresh interpreter, or the action's image with
``--image``) on a git copy of ``REPO_DIR`` with a bare origin, against the local fakes: the fake
GitHub (checked against GitHub's OpenAPI description; it records every request) and the strict
fake Messages API, scripted to plan a one-file change to ``--file`` and write it at once, so the
time is Booty's own (start-up, indexing, GitHub's pacing), not the model's. Every run starts from
the same state: a fresh fake GitHub with one labelled issue and no branch, so each opens a PR.
``--tree`` runs another checkout's code and fakes (e.g. ``git archive main`` unpacked), to compare
before and after; PyGithub's pacing is on (as in a workflow) unless ``--no-throttle``. The median
wall time is reported, because these machines are noisy.

Get a repository with ``bench/mirrors.py``'s ``export``, e.g. sympy at a commit of its mirror.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TOKEN = "ghs_benchtoken0123456789abcdef"
API_KEY = "sk-ant-api03-bench-key-0123456789"
BRANCH = "agent/issue-1"
WHOLE_FILE_LINES = 100  # edit.formats.WHOLE_FILE_MAX_LINES: the scripted answer is a whole file


def git(*args: str, cwd: Path) -> str:
    ident = [
        "-c",
        "user.name=Bench",
        "-c",
        "user.email=bench@example.invalid",
        "-c",
        "init.defaultBranch=main",
    ]
    return subprocess.run(["git", *ident, *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def make_repository(source: Path, root: Path) -> tuple[Path, Path]:
    work, origin = root / "work", root / "origin.git"
    shutil.copytree(source, work, symlinks=True, ignore=shutil.ignore_patterns(".git"))
    git("init", "-q", "--bare", str(origin), cwd=root)
    git("init", "-q", cwd=work)
    git("add", "-A", cwd=work)
    git("commit", "-q", "-m", "snapshot", cwd=work)
    git("remote", "add", "origin", str(origin), cwd=work)
    git("push", "-q", "origin", "main", cwd=work)
    return work, origin


def pick_file(work: Path) -> str:
    """A small module of a package (whole-file answer), outside tests, that defines a function."""
    for rel in sorted(git("ls-files", "*.py", cwd=work).split()):
        if "test" in rel or not (work / rel).with_name("__init__.py").exists():
            continue
        text = (work / rel).read_text(encoding="utf-8", errors="replace")
        if "def " in text and "```" not in text and 20 < len(text.splitlines()) < WHOLE_FILE_LINES:
            return rel
    raise SystemExit("no small Python module found; pass --file")


def reset(work: Path, origin: Path) -> None:
    """Back to the snapshot: main checked out, no Booty branch here or on origin."""
    git("checkout", "-q", "-f", "main", cwd=work)
    if git("branch", "--list", BRANCH, cwd=work).strip():
        git("branch", "-q", "-D", BRANCH, cwd=work)
    subprocess.run(["git", "--git-dir", str(origin), "update-ref", "-d", f"refs/heads/{BRANCH}"], check=True)


def scripted(path: str, before: str):
    from tests.support.scripted import Scripted  # from --tree, with the fakes

    plan = {
        "actionable": True, "questions": [], "title": f"docs: note on {path}",
        "summary": f"A short note at the end of {path}.",
        "changes": [{"path": path, "action": "modify", "reason": "Add the note the issue asks for."}],
        "acceptance_criteria": ["The module still imports."],
    }  # fmt: skip
    after = before.rstrip("\n") + "\n\n# Checked by the request bench.\n"
    return Scripted(plan, {path: [f"{path}\n```python\n{after}```\n"]})


@contextlib.contextmanager
def staged_run(tmp: Path, work: Path, path: str, args) -> Iterator[tuple[Any, dict[str, str]]]:
    """The fakes and the runner's variables of one run (a fresh fake GitHub with one labelled issue,
    the scripted model): yields the fake GitHub, for its recorded requests, and the environment."""
    from tests.fakes.anthropic_server import FakeAnthropic
    from tests.fakes.github_server import FakeGitHub

    with FakeGitHub(token=TOKEN) as github, FakeAnthropic(scripted(path, (work / path).read_text())) as model:
        # pull requests only between branches origin has, as on GitHub (a --tree's older fakes ignore it)
        github.state.origin = Path(git("remote", "get-url", "origin", cwd=work).strip())
        github.permissions["maint"] = "write"
        number = github.add_issue(
            f"Add a note to {path}", f"`{path}` should end with a short note.", author="maint"
        )
        event = {"action": "labeled", "label": {"name": "agent"}, "issue": {"number": number},
                 "repository": {"full_name": github.repository, "default_branch": "main"},
                 "sender": {"login": "maint", "type": "User"}}  # fmt: skip
        (tmp / "event.json").write_text(json.dumps(event))
        for name in ("output", "summary.md"):
            (tmp / name).write_text("")
        env = {
            "GITHUB_EVENT_NAME": "issues", "GITHUB_EVENT_PATH": str(tmp / "event.json"),
            "GITHUB_REPOSITORY": github.repository, "GITHUB_WORKSPACE": str(work), "GITHUB_API_URL": github.api_url,
            "GITHUB_RUN_ID": "1", "GITHUB_OUTPUT": str(tmp / "output"), "GITHUB_STEP_SUMMARY": str(tmp / "summary.md"),
            "ANTHROPIC_BASE_URL": model.base_url, "BOOTY_GITHUB_TOKEN": TOKEN, "BOOTY_ANTHROPIC_API_KEY": API_KEY,
            "BOOTY_GITHUB_THROTTLE": "false" if args.no_throttle else "true",
        }  # fmt: skip
        yield github, env


def one_run(tmp: Path, work: Path, path: str, args) -> dict:
    with staged_run(tmp, work, path, args) as (github, env):
        started = time.perf_counter()
        done = launch(env, tmp, args)
        seconds = time.perf_counter() - started
        requests = [(r.method, r.path) for r in github.requests]
        writes = [r for r in requests if r[0] != "GET"]
        pr = [r for r in writes if re.search(r"/pulls(/\d+)?$", r[1])]  # opening or updating the PR itself
        return {
            "status": status_of(tmp / "output"),
            "seconds": round(seconds, 2),
            "requests": len(requests),
            "writes": len(writes),
            "writes_besides_pr": len(writes) - len(pr),
            "comment_writes": sum(1 for _, p in writes if "/comments" in p),
            "summary_lines": len((tmp / "summary.md").read_text().splitlines()),
            "violations": len(github.violations),
            "log": [ln for ln in done.stdout.splitlines() if ln.startswith("[booty]")],
            "trace": [f"{m} {p.split('/' + github.repository, 1)[-1] or '/'}" for m, p in requests],
        }


def launch(env: dict[str, str], tmp: Path, args) -> subprocess.CompletedProcess:
    if args.image:  # the same paths inside: the workspace, its origin and the runner files all live in tmp
        flags = [f"--env={k}={v}" for k, v in env.items()]
        command = ["docker", "run", "--rm", "--network", "host", "-v", f"{tmp}:{tmp}", *flags, args.image]
        return subprocess.run(command, capture_output=True, text=True, timeout=600)
    local = {**os.environ, **env, "HOME": str(tmp / "home"), "PYTHONPATH": str(args.tree / "src")}
    for var in ("GITHUB_ACTIONS", "GITHUB_TOKEN", "ANTHROPIC_API_KEY", "GIT_CONFIG_GLOBAL"):
        local.pop(var, None)
    return subprocess.run(
        [sys.executable, str(args.tree / "entrypoint.py")],
        env=local,
        capture_output=True,
        text=True,
        timeout=600,
    )


def status_of(output: Path) -> str:
    lines = output.read_text().splitlines()
    return (
        lines[lines.index("status<<" + lines[0].split("<<", 1)[1]) + 1]
        if lines and lines[0].startswith("status<<")
        else "?"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repo", type=Path, help="a repository directory (a checkout or an export)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--tree", type=Path, default=HERE.parent, help="the Booty checkout to run (default: this one)"
    )
    parser.add_argument("--image", help="run the action's image (built from --tree) instead of entrypoint.py")
    parser.add_argument(
        "--no-throttle", action="store_true", help="no PyGithub pacing between requests and writes"
    )
    parser.add_argument("--file", help="the file the scripted change touches (default: a small module)")
    parser.add_argument("--label", help="what to call --tree in the report (default: its git commit)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    args.tree = args.tree.resolve()
    sys.path[:0] = [str(args.tree), str(args.tree / "src")]
    with tempfile.TemporaryDirectory(prefix="booty-requests-") as name:
        tmp = Path(name)
        (tmp / "home").mkdir()
        work, origin = make_repository(args.repo.resolve(), tmp)
        path = args.file or pick_file(work)
        files = len(git("ls-files", cwd=work).split())
        runs = []
        for _ in range(args.runs):
            reset(work, origin)
            runs.append(one_run(tmp, work, path, args))
    result = {
        "tree": str(args.tree), "commit": args.label or _commit(args.tree), "image": args.image, "repo": str(args.repo),
        "files": files,
        "changed": path, "throttle": not args.no_throttle, "runs": len(runs),
        "statuses": sorted({r["status"] for r in runs}),
        "median_s": round(statistics.median(r["seconds"] for r in runs), 2),
        "seconds": [r["seconds"] for r in runs],
        **{k: sorted({r[k] for r in runs}) for k in ("requests", "writes", "writes_besides_pr", "comment_writes",
                                                     "summary_lines", "violations")},
        "trace": runs[-1]["trace"], "log": runs[-1]["log"],
    }  # fmt: skip
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        _print(result)
    return 0


def _commit(tree: Path) -> str:
    done = subprocess.run(
        ["git", "-C", str(tree), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    )
    return done.stdout.strip() or "?"


def _print(r: dict) -> None:
    print(
        f"{r['tree']} ({r['commit']}){' in ' + r['image'] if r['image'] else ''} on {r['repo']} "
        f"({r['files']:,} files), changing {r['changed']}"
    )
    print(
        f"runs: {r['runs']}, status {', '.join(r['statuses'])}, throttle {'on' if r['throttle'] else 'off'}"
    )
    for key in ("requests", "writes", "writes_besides_pr", "comment_writes", "summary_lines", "violations"):
        print(f"  {key:<18} {', '.join(map(str, r[key]))}")
    print(f"  wall time median  {r['median_s']:.2f} s  (runs: {', '.join(f'{s:.2f}' for s in r['seconds'])})")
    print("requests of the last run:\n    " + "\n    ".join(r["trace"]))
    print("its log:\n    " + "\n    ".join(r["log"]))


if __name__ == "__main__":
    raise SystemExit(main())
