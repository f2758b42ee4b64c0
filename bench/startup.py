"""Start-up cost: seconds to import the entrypoint's module, and the model layer on first use.

    .venv/bin/python bench/startup.py [--runs 9] [--python PY] [--src DIR] [--module M ...] [--json]

Each import runs in a fresh interpreter (``python -c "import M"``, minus the bare interpreter's own
start), ``--runs`` times; the median is reported, because these machines are noisy. ``--python`` and
``--src`` measure another interpreter or checkout (e.g. the commit before a change, to compare).
Defaults: ``booty.main`` (what ``entrypoint.py`` imports) and ``booty.adapters.claude_chat`` (magentic
and the anthropic SDK, imported when the first model call is made).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

DEFAULT_MODULES = ("booty.main", "booty.adapters.claude_chat")


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


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--src", help="a checkout's src/ folder to import booty from")
    parser.add_argument("--module", action="append", help="module to import (repeatable)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = measure(args.python, args.module or list(DEFAULT_MODULES), args.runs, args.src)
    print(json.dumps(result) if args.json else "\n".join(f"{k}: {v:.3f} s" for k, v in result.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
