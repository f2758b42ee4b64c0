"""Start-up, measured: the image, its build, and a run's first seconds, in the container that ships.

    .venv/bin/python bench/startup.py REPO_DIR [--tree [LABEL=]DIR ...] [--runs 5] [--build-runs 3]
                                     [--sections build,image,imports,runs] [--base booty-base:bookworm]
                                     [--build-network none|host]
                                     [--tag booty-action:startup] [--keep-image] [--json]
    .venv/bin/python bench/startup.py --show SAVED.json
    .venv/bin/python bench/startup.py --imports-only [--runs 9] [--python PY] [--src DIR] [--module M ...]

For each ``--tree`` (a Booty checkout with its ``build/wheelhouse``; default: this one), with REPO_DIR
a sympy-sized checkout or export (see ``bench/mirrors.py``), over several runs:

* **build**: ``docker build --no-cache --network none`` of the tree's Dockerfile on ``--base`` with
  its wheelhouse (as ``tests/e2e`` builds it), ``--build-runs`` times, under the bench's own tag
  ``TAG-LABEL`` (the clock starts once the shared daemon's lock is held). ``--build-network host``
  lets a base without Python or git take them from APT, as the Dockerfile does on its default base:
  ``--base booty-base:bookworm-slim`` (``scripts/base_image.sh --slim``, the local debian:bookworm-slim)
  measures the image as users build it;
* **image**: its size, by layer (``docker history``), and the largest packages of the venv;
* **imports**: seconds to import ``booty.main`` and the model layer in the image's interpreter
  (``python -c``, minus a bare interpreter), and, from one more run under ``python -X importtime``,
  everything a whole run imports;
* **runs**: the action's image on a git copy of REPO_DIR with a bare origin, against the fake
  GitHub and the scripted model (``bench/github_requests.py``'s set-up, so model latency is out; PyGithub's
  pacing on, as in a workflow): seconds from the container's start (``docker inspect``'s
  ``StartedAt``; the fake notes when each request arrives) to its first log line, to the tracking
  comment on the issue, to the pull request, and to its exit, plus each stage's duration.

Several trees (``--tree before=DIR --tree after=DIR``) are measured in turns, build after build and
run after run, so a busy moment of the shared machine falls on all of them; the report ends with a
table of medians and the last tree's ratio to the first. Every docker command holds
``/tmp/booty-docker.lock`` (the lock ``flock`` takes); only the bench's own tags are removed at the
end. ``--imports-only`` measures imports on the host (``--python``/``--src``: another interpreter
or checkout).
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import importlib.util
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the fakes, and the e2e harness's image clean-up
DEFAULT_MODULES = ("booty.main", "booty.adapters.claude_chat")
LOCK = "/tmp/booty-docker.lock"
STAGE_LINE = re.compile(r"^\[booty\] (.+) \((\d+(?:\.\d+)?)s\)$")
IMPORT_LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \| ( *)(\S+)$")
# In the image: seconds of `python -c "import M"` minus `python -c pass`, medians of N runs.
IMPORT_PROBE = """
import json, statistics, subprocess, sys, time
def once(code):
    t = time.perf_counter(); subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - t
runs, modules = int(sys.argv[1]), sys.argv[2:]
bare = statistics.median(once("pass") for _ in range(runs))
print(json.dumps({"interpreter_s": bare, **{m: statistics.median(once(f"import {m}") for _ in range(runs)) - bare
                                             for m in modules}}))
"""


# ------------------------------------------------------------------ host imports (--imports-only)


def seconds(python: str, code: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([python, "-c", code], check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(python: str, modules: list[str], runs: int, src: str | None) -> dict[str, float]:
    env = dict(os.environ)
    if src:
        env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    bare = statistics.median(seconds(python, "pass", env) for _ in range(runs))
    out = {"interpreter_s": round(bare, 3)}
    for module in modules:
        samples = [seconds(python, f"import {module}", env) - bare for _ in range(runs)]
        out[module] = round(statistics.median(samples), 3)
    return out


# ------------------------------------------------------------------ docker


@contextlib.contextmanager
def docker_lock() -> Iterator[None]:
    """The shared daemon's lock (``flock /tmp/booty-docker.lock``), held for one section."""
    with open(LOCK, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def docker(*args: str, timeout: float = 900) -> str:
    done = subprocess.run(["docker", *args], capture_output=True, text=True, timeout=timeout)
    if done.returncode:
        raise SystemExit(f"docker {' '.join(args[:2])} failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return done.stdout


def build(
    trees: dict[str, Path], base: str, tags: dict[str, str], runs: int, network: str = "none"
) -> dict[str, dict]:
    """Clean builds (no cache, the local wheelhouse; network only for APT on a bare base), each
    timed; with several trees, in turns, so that a busy moment of the machine falls on all alike."""
    from tests.e2e.harness import remove_stage_images  # this checkout's (sys.path above)

    for label, tree in trees.items():
        if not any((tree / "build" / "wheelhouse").glob("*.whl")):
            raise SystemExit(
                f"{label}: {tree}/build/wheelhouse has no wheels (scripts/wheelhouse.sh fills it)"
            )
    times: dict[str, list[float]] = {label: [] for label in trees}
    for _ in range(max(runs, 1)):
        for label, tree in trees.items():
            tag = tags[label]
            with docker_lock():  # the clock starts once the daemon is ours
                previous = _image_id(tag)
                started = time.perf_counter()
                out = docker(
                    "build",
                    "--no-cache",
                    "--network",
                    network,
                    "--build-arg",
                    f"BASE={base}",
                    "-t",
                    tag,
                    str(tree),
                )
                times[label].append(time.perf_counter() - started)
                remove_stage_images(out)  # the first stage's image, left untagged by the classic builder
                if previous and previous != _image_id(tag):  # the bench's own previous build, now untagged
                    subprocess.run(["docker", "rmi", previous], capture_output=True, check=False)
    return {label: {"median_s": round(statistics.median(t), 1), "seconds": [round(x, 1) for x in t]}
            for label, t in times.items()}  # fmt: skip


def _image_id(tag: str) -> str:
    done = subprocess.run(
        ["docker", "image", "inspect", "-f", "{{.Id}}", tag], capture_output=True, text=True
    )
    return done.stdout.strip()


def image(tag: str, base: str) -> dict:
    """Total size, the base's size, and the layers this Dockerfile adds (largest first)."""
    with docker_lock():
        size = int(docker("image", "inspect", "-f", "{{.Size}}", tag))
        base_size = int(docker("image", "inspect", "-f", "{{.Size}}", base))
        history = docker(
            "history", "--human=false", "--no-trunc", "--format", "{{.Size}}\t{{.CreatedBy}}", tag
        )
        venv = docker(
            "run", "--rm", "--network", "none", "--entrypoint", "sh", tag, "-c",
            "cd /opt/booty/venv/lib/python3*/site-packages && du -sk * | sort -rn | head -n 12",
        )  # fmt: skip
    base_layers = len(docker("history", "-q", base).split())
    rows = [line.split("\t", 1) for line in history.splitlines() if line.strip()]
    ours = rows[: len(rows) - base_layers]
    layers = [{"mb": round(int(n) / 1e6, 1), "step": _step(cmd)} for n, cmd in ours if int(n) > 0]
    # The test wheelhouse's COPY (build/wheelhouse, only in offline builds): users' builds lack it.
    wheelhouse = sum(int(n) for n, cmd in ours if "COPY" in cmd and "/tmp/install/" in cmd)
    return {
        "total_mb": round(size / 1e6, 1),
        "without_wheelhouse_mb": round((size - wheelhouse) / 1e6, 1),
        "base_mb": round(base_size / 1e6, 1),
        "added_mb": round((size - base_size) / 1e6, 1),
        "layers": sorted(layers, key=lambda r: -r["mb"]),
        "venv_top_mb": {
            n: round(int(k) / 1e3, 1) for k, n in (ln.split("\t", 1) for ln in venv.splitlines())
        },
    }


def _step(created_by: str) -> str:
    text = re.sub(r"^/bin/sh -c #\(nop\)\s*|^\|\d+ \S+ |^(RUN )?/bin/sh -eu -c ", "", created_by.strip())
    text = re.sub(r"\s+", " ", text)
    return text[:90] + ("..." if len(text) > 90 else "")


def imports_in_image(tag: str, runs: int) -> dict[str, float]:
    with docker_lock():
        out = docker(
            "run", "--rm", "--network", "none", "--entrypoint", "python", tag, "-c", IMPORT_PROBE, str(runs),
            "booty.main", "booty.adapters.claude_chat",
        )  # fmt: skip
    return {k: round(v, 3) for k, v in json.loads(out).items()}


def import_tree(stderr: str, top: int = 12) -> dict:
    """``-X importtime`` output: the total of the top-level imports (those no other import made,
    e.g. a function's lazy import), and the heaviest of them."""
    total, per_package = 0, defaultdict(int)
    for line in stderr.splitlines():
        found = IMPORT_LINE.match(line)
        if found and not found[3]:  # top level: not indented under another import
            total += int(found[2])
            per_package[found[4]] += int(found[2])
    heaviest = sorted(per_package.items(), key=lambda kv: -kv[1])[:top]
    return {"total_s": round(total / 1e6, 2), "heaviest_s": {k: round(v / 1e6, 2) for k, v in heaviest}}


# ------------------------------------------------------------------ a whole run in the container


def _docker_time(stamp: str) -> float:
    """Docker's RFC 3339 time with nanoseconds, as seconds since the epoch."""
    head, _, frac = stamp.rstrip("Z").partition(".")
    return datetime.fromisoformat(head + "+00:00").timestamp() + float("0." + (frac or "0"))


def container_run(tag: str, env: dict[str, str], tmp: Path, name: str, *, importtime: bool) -> dict:
    """Run the image as ``bench/github_requests.py --image`` does, noting when each line of its output
    arrives; with ``importtime``, its entry point under ``python -X importtime``."""
    flags = [f"--env={k}={v}" for k, v in env.items()]
    entry = ["--entrypoint", "python"] if importtime else []
    argv = ["-X", "importtime", "/opt/booty/entrypoint.py"] if importtime else []
    command = [
        "docker",
        "run",
        "--name",
        name,
        "--network",
        "host",
        "-v",
        f"{tmp}:{tmp}",
        *flags,
        *entry,
        tag,
        *argv,
    ]
    lines: list[tuple[float, str]] = []
    # stderr to a file: -X importtime writes more than a pipe holds while stdout is being read
    with tempfile.TemporaryFile("w+") as errors:
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, text=True) as proc:
            assert proc.stdout is not None
            for line in proc.stdout:
                lines.append((time.time(), line.rstrip("\n")))
        errors.seek(0)
        stderr = errors.read()
    state = json.loads(docker("inspect", "-f", "{{json .State}}", name))
    docker("rm", name)
    return {
        "started": _docker_time(state["StartedAt"]),
        "finished": _docker_time(state["FinishedAt"]),
        "lines": lines,
        "stderr": stderr,
    }


def scripted_runs(tags: dict[str, str], repo: Path, runs: int) -> dict[str, dict]:
    """``runs`` whole runs of each image on one copy of ``repo``, in turns, plus one more each under
    ``-X importtime`` (it slows the run, so it only reads the import tree)."""
    sys.path[:0] = [str(HERE.parent)]  # the fakes and the scripted model of this checkout
    # bench/github_requests.py (the repository, the fakes, the scripted model), loaded under its own name so
    # that it never shadows the requests library
    spec = importlib.util.spec_from_file_location("bench_requests", HERE / "github_requests.py")
    assert spec is not None and spec.loader is not None
    bench_requests = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench_requests)

    options = SimpleNamespace(no_throttle=False)
    samples: dict[str, list[dict]] = {label: [] for label in tags}
    trees: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="booty-startup-") as name:
        tmp = Path(name)
        work, origin = bench_requests.make_repository(repo.resolve(), tmp)
        path = bench_requests.pick_file(work)
        files = len(bench_requests.git("ls-files", cwd=work).split())
        for i in range(runs + 1):
            for label, tag in tags.items():
                bench_requests.reset(work, origin)
                importtime = i == runs
                with bench_requests.staged_run(tmp, work, path, options) as (github, env), docker_lock():
                    ran = container_run(
                        tag, env, tmp, f"booty-startup-bench-{os.getpid()}", importtime=importtime
                    )
                    requests = list(github.requests)
                    status = bench_requests.status_of(tmp / "output")
                if importtime:
                    trees[label] = import_tree(ran["stderr"])
                else:
                    samples[label].append(_timeline(ran, requests, status))
    return {label: _summary(repo, files, path, found, trees[label]) for label, found in samples.items()}


def _summary(repo: Path, files: int, path: str, samples: list[dict], tree: dict) -> dict:
    return {
        "repo": str(repo), "files": files, "changed": path, "runs": len(samples),
        "statuses": sorted({s["status"] for s in samples}),
        **{f"{key}_median_s": round(statistics.median(s[key] for s in samples), 2)
           for key in ("first_line", "comment", "pr", "exit")},
        "samples": [{k: v for k, v in s.items() if k not in ("stages", "trace", "log")} for s in samples],
        "last_trace": samples[-1]["trace"], "last_log": samples[-1]["log"],
        "stages_median_s": {
            stage: round(statistics.median(s["stages"].get(stage, 0.0) for s in samples), 2)
            for stage in samples[0]["stages"]
        },
        "full_run_imports": tree,
    }  # fmt: skip


def _timeline(ran: dict, requests: list, status: str) -> dict:
    t0 = ran["started"]
    log = [(at, line) for at, line in ran["lines"] if not line.startswith("::")]  # not the runner's commands
    comment = next(
        r.at for r in requests if r.method == "POST" and re.search(r"/issues/\d+/comments$", r.path)
    )
    pr = next((r.at for r in requests if r.method == "POST" and r.path.endswith("/pulls")), float("nan"))
    stages = {m[1]: float(m[2]) for _, line in log if (m := STAGE_LINE.match(line)) and m[1] != "Total"}
    return {
        "status": status,
        "first_line": round(log[0][0] - t0, 3) if log else float("nan"),
        "first_line_text": log[0][1][:60] if log else "",
        "comment": round(comment - t0, 3),
        "pr": round(pr - t0, 3),
        "exit": round(ran["finished"] - t0, 3),
        "stages": stages,
        "trace": [f"{r.at - t0:6.2f} s  {r.method} {re.sub(r'^/repos/[^/]+/[^/]+', '', r.path) or '/'}"
                  for r in requests],
        "log": [f"{at - t0:6.2f} s  {line}" for at, line in log],
    }  # fmt: skip


# ------------------------------------------------------------------ report


def report_one(result: dict) -> str:
    out = []
    if b := result.get("build"):
        runs = ", ".join(map(str, b["seconds"]))
        out.append(f"clean build (--no-cache): median {b['median_s']:.1f} s (runs: {runs})")
    if i := result.get("image"):
        out.append(
            f"image {i['total_mb']:.0f} MB = base {i['base_mb']:.0f} MB + {i['added_mb']:.0f} MB in these layers:"
        )
        out += [f"  {row['mb']:7.1f} MB  {row['step']}" for row in i["layers"]]
        out.append(
            f"  without the test wheelhouse's layer (as users build it): {i['without_wheelhouse_mb']:.0f} MB"
        )
        top = ", ".join(f"{k} {v:.0f}" for k, v in i["venv_top_mb"].items())
        out.append(f"  largest in the venv (MB): {top}")
    if m := result.get("imports"):
        out.append(
            f"imports in the image: booty.main {m['booty.main']:.3f} s, booty.adapters.claude_chat "
            f"{m['booty.adapters.claude_chat']:.3f} s (bare interpreter {m['interpreter_s']:.3f} s)"
        )
    if r := result.get("runs"):
        full = r["full_run_imports"]
        heaviest = ", ".join(f"{k} {v:.2f}" for k, v in full["heaviest_s"].items())
        out.append(f"a whole run imports {full['total_s']:.2f} s (-X importtime): {heaviest}")
        out.append(
            f"runs on {r['repo']} ({r['files']:,} files, changing {r['changed']}): {r['runs']}, "
            f"status {', '.join(r['statuses'])}"
        )
        out.append("  seconds after the container starts, medians:")
        for key, label in (
            ("first_line", "first log line"),
            ("comment", "tracking comment"),
            ("pr", "pull request"),
            ("exit", "exit"),
        ):
            values = ", ".join(f"{s[key]:.2f}" for s in r["samples"])
            out.append(f"    {label:<17} {r[key + '_median_s']:6.2f}  (runs: {values})")
        out.append("  first log line: " + r["samples"][0]["first_line_text"])
        out.append(
            "  stages (median s): " + ", ".join(f"{k} {v:.2f}" for k, v in r["stages_median_s"].items())
        )
        if "last_trace" in r:
            out.append("  the last run's requests, after the container's start:")
            out += [f"    {line}" for line in r["last_trace"]]
            out.append("  and its log:")
            out += [f"    {line}" for line in r["last_log"]]
    return "\n".join(out)  # fmt: skip


SECTIONS = ("build", "image", "imports", "runs")
# The comparison table: (label, section, how to read the figure from it).
ROWS = (
    ("image, MB", "image", lambda r: r["total_mb"]),
    ("added to the base, MB", "image", lambda r: r["added_mb"]),
    ("image without the test wheelhouse's layer, MB", "image", lambda r: r["without_wheelhouse_mb"]),
    ("clean build, s", "build", lambda r: r["median_s"]),
    ("import booty.main, s", "imports", lambda r: r["booty.main"]),
    ("import the model layer, s", "imports", lambda r: r["booty.adapters.claude_chat"]),
    ("a whole run's imports, s", "runs", lambda r: r["full_run_imports"]["total_s"]),
    ("first log line, s", "runs", lambda r: r["first_line_median_s"]),
    ("tracking comment, s", "runs", lambda r: r["comment_median_s"]),
    ("pull request, s", "runs", lambda r: r["pr_median_s"]),
    ("whole run (exit), s", "runs", lambda r: r["exit_median_s"]),
)


def report(result: dict) -> str:
    """Each tree's figures, then (with several) one table of medians and the last/first ratio."""
    parts = [
        f"== {label} ({result['trees'][label]})\n{report_one(r)}" for label, r in result["results"].items()
    ]
    labels = list(result["results"])
    if len(labels) > 1:
        table = [
            " | ".join(["", *labels, f"{labels[-1]}/{labels[0]}"]).strip() + " |",
            "|---" * (len(labels) + 2) + "|",
        ]
        for name, section, read in ROWS:
            values = [
                read(result["results"][label][section]) if section in result["results"][label] else None
                for label in labels
            ]
            if None in values:
                continue
            ratio = f"{values[-1] / values[0]:.2f}" if values[0] else "-"
            table.append(f"| {name} | " + " | ".join(f"{v:g}" for v in values) + f" | {ratio} |")
        parts.append("\n".join(table))
    return "\n\n".join(parts)  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "repo", nargs="?", type=Path, help="a sympy-sized repository (a checkout or an export)"
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--build-runs", type=int, default=3, help="clean builds to time, per tree")
    parser.add_argument(
        "--sections",
        default=",".join(SECTIONS),
        help="which of build,image,imports,runs (without build, the trees' tags must exist)",
    )
    parser.add_argument(
        "--tree",
        action="append",
        metavar="[LABEL=]DIR",
        help="a Booty checkout to build and run (repeatable: measured in turns; default: this one)",
    )
    parser.add_argument("--base", default=os.environ.get("BOOTY_BASE_IMAGE", "booty-base:bookworm"))
    parser.add_argument(
        "--build-network",
        choices=("none", "host"),
        default="none",
        help="host: a base without Python or git installs them from APT (the default base's path)",
    )
    parser.add_argument("--tag", default="booty-action:startup", help="the bench's own tags: TAG-LABEL")
    parser.add_argument(
        "--keep-image", action="store_true", help="leave the bench's tags in place at the end"
    )
    parser.add_argument("--show", type=Path, help="print a report saved with --json, and stop")
    parser.add_argument("--imports-only", action="store_true", help="only the host's import times")
    parser.add_argument("--python", default=sys.executable, help="--imports-only: the interpreter")
    parser.add_argument("--src", help="--imports-only: a checkout's src/ folder to import booty from")
    parser.add_argument("--module", action="append", help="--imports-only: module to import (repeatable)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.show:
        print(report(json.loads(args.show.read_text())))
        return 0
    if args.imports_only:
        found = measure(args.python, args.module or list(DEFAULT_MODULES), args.runs, args.src)
        print(json.dumps(found) if args.json else "\n".join(f"{k}: {v:.3f} s" for k, v in found.items()))
        return 0
    sections = set(args.sections.split(","))
    if sections - set(SECTIONS):
        parser.error(f"unknown sections: {', '.join(sorted(sections - set(SECTIONS)))}")
    if "runs" in sections and args.repo is None:
        parser.error("REPO_DIR is required for the runs (or --imports-only)")
    trees = {}
    for given in args.tree or [f"bench={HERE.parent}"]:
        label, _, folder = given.rpartition("=")
        trees[label or Path(folder).name] = Path(folder).resolve()
    tags = {label: f"{args.tag}-{label}" for label in trees}
    results: dict[str, dict] = {label: {} for label in trees}
    try:
        if "build" in sections:
            for label, found in build(trees, args.base, tags, args.build_runs, args.build_network).items():
                results[label]["build"] = found
        for label in trees if "image" in sections else ():
            results[label]["image"] = image(tags[label], args.base)
        for label in trees if "imports" in sections else ():
            results[label]["imports"] = imports_in_image(tags[label], args.runs)
        if "runs" in sections:
            for label, found in scripted_runs(tags, args.repo, args.runs).items():
                results[label]["runs"] = found
    finally:
        if not args.keep_image:
            with docker_lock():
                subprocess.run(["docker", "rmi", *tags.values()], capture_output=True, check=False)
    result = {
        "base": args.base,
        "build_network": args.build_network,
        "trees": {k: str(v) for k, v in trees.items()},
        "tags": tags,
        "results": results,
    }
    print(json.dumps(result, indent=1) if args.json else report(result))
    return 0  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
