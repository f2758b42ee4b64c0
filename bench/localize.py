"""Measure Booty's file localization on a SWE-bench-format JSONL.

    python bench/localize.py DATASET --mirrors DIR [--json] [--limit N] [--repo OWNER/NAME]
                             [--dump FILE] [--misses] [--chars-per-token X]

For each instance: export ``base_commit`` of ``DIR/<owner>+<name>/repo`` (or ``DIR/<owner>+<name>``)
with ``git archive`` into a temporary directory, then run Booty's own list_files -> build_index ->
rank -> pack on the issue text, timing everything after the export. Reports Acc@1/5/10 (a gold file
in the top k), the share of instances whose gold files are all in the packed map at 8k/13k/27k
tokens (and how many of those are at full/outline detail), and median/p95 seconds per instance
(wall clock; the table adds median CPU seconds, which a busy machine does not inflate).
``--chars-per-token`` packs at another tokenizer's rate (2.3: the newer models' tokenizer).
``--dump`` saves every instance's signal matrix for ``bench/learn_weights.py``.
"""

from __future__ import annotations

import argparse
import json
import pickle
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
from mirrors import export, git_dir

from booty.adapters.repo_files import list_files, read_file_bytes
from booty.locate.index import build_index
from booty.locate.pack import MAP_CANDIDATES, pack
from booty.locate.rank import WEIGHTS, rank_table
from booty.locate.signals import SIGNALS, SignalTable, compute_signals
from booty.spend.estimate import DEFAULT_CHARS_PER_TOKEN
from booty.validate.paths import PathPolicy

BUDGETS = (8000, 13000, 27000)


def localize(root: Path, issue: str, chars_per_token: float = DEFAULT_CHARS_PER_TOKEN):
    """Booty's real pipeline on one checkout: returns (table, ranked, contexts)."""
    index = build_index(
        list_files(root), lambda p: read_file_bytes(root, p), never_read=PathPolicy(root=root).never_read
    )
    table = compute_signals(issue, index)
    ranked = rank_table(table, WEIGHTS, limit=MAP_CANDIDATES)
    contexts = {b: pack(ranked, index, b, chars_per_token) for b in BUDGETS}
    return table, ranked, contexts


def measure(row: dict, gitdir: Path, dump: list | None, chars_per_token: float) -> dict:
    gold = set(row["files_changed"])
    with tempfile.TemporaryDirectory(prefix="booty-loc-") as tmp:
        export(gitdir, row["base_commit"], Path(tmp))
        start, cpu_start = time.perf_counter(), time.process_time()
        table, ranked, contexts = localize(Path(tmp), row["problem_statement"], chars_per_token)
        seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    order = [r.path for r in ranked]
    result = {
        "id": row["instance_id"],
        "repo": row["repo"],
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "gold": sorted(gold),
        "top": order[:5],
        "signals": {r.path: r.signals for r in ranked[:10] if r.path in gold},
    }
    for k in (1, 5, 10):
        result[f"acc@{k}"] = bool(gold & set(order[:k]))
    result["gold_rank"] = min((order.index(g) + 1 for g in gold if g in order), default=None)
    for b, ctx in contexts.items():
        detail = {f.path: f.detail for f in ctx.files}
        result[f"map@{b}"] = all(g in detail for g in gold)
        result[f"rich@{b}"] = all(detail.get(g) in ("full", "outline") for g in gold)
    if dump is not None:
        dump.append(
            {
                "id": row["instance_id"],
                "repo": row["repo"],
                "paths": table.paths,
                "X": score_matrix(table),
                "gold": sorted(gold),
            }
        )
    return result


def score_matrix(table: SignalTable) -> np.ndarray:
    """Signals as a (files x SIGNALS) matrix, for learning weights."""
    return np.array([table.values[name] for name in SIGNALS], dtype=float).T


def summarize(results: list[dict]) -> dict:
    n = len(results)
    out: dict = {"instances": n}
    for key in ("acc@1", "acc@5", "acc@10", *(f"map@{b}" for b in BUDGETS), *(f"rich@{b}" for b in BUDGETS)):
        out[key] = round(sum(r[key] for r in results) / n, 4) if n else 0.0
    times = sorted(r["seconds"] for r in results)
    out["median_s"] = round(statistics.median(times), 3) if times else 0.0
    out["p95_s"] = round(times[min(len(times) - 1, int(0.95 * len(times)))], 3) if times else 0.0
    # CPU seconds of this process: what the wall clock would read on an otherwise idle machine.
    out["median_cpu_s"] = round(statistics.median(r["cpu_seconds"] for r in results), 3) if results else 0.0
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--mirrors", type=Path, required=True)
    parser.add_argument("--json", action="store_true", help="end with one JSON line of overall figures")
    parser.add_argument("--limit", type=int, default=0, help="only the first N runnable instances")
    parser.add_argument("--repo", action="append", default=[], help="only these repositories (owner/name)")
    parser.add_argument("--dump", type=Path, help="pickle every instance's signals here")
    parser.add_argument("--chars-per-token", type=float, default=DEFAULT_CHARS_PER_TOKEN)
    parser.add_argument("--misses", action="store_true", help="list instances missed at @5")
    args = parser.parse_args(argv)

    rows = [json.loads(line) for line in args.dataset.read_text().splitlines() if line.strip()]
    if args.repo:
        rows = [r for r in rows if r["repo"] in args.repo]
    results, skipped, dump = [], 0, ([] if args.dump else None)
    for row in rows:
        gitdir = git_dir(args.mirrors, row["repo"])
        if gitdir is None:
            skipped += 1
            continue
        if args.limit and len(results) >= args.limit:
            break
        results.append(measure(row, gitdir, dump, args.chars_per_token))
        r = results[-1]
        print(f"{r['id']:<40} rank={r['gold_rank']} {r['seconds']:.2f}s", file=sys.stderr, flush=True)
    if args.dump:
        args.dump.write_bytes(pickle.dumps(dump))

    by_repo = defaultdict(list)
    for r in results:
        by_repo[r["repo"]].append(r)
    print(
        f"{'repository':<28}{'n':>4}{'@1':>7}{'@5':>7}{'@10':>7}{'m8k':>7}{'m13k':>7}{'m27k':>7}"
        f"{'rich13k':>9}{'med s':>8}{'med cpu':>9}"
    )
    for repo, rs in [*sorted(by_repo.items()), ("ALL", results)]:
        s = summarize(rs)
        print(
            f"{repo:<28}{s['instances']:>4}{s['acc@1']:>7.2f}{s['acc@5']:>7.2f}{s['acc@10']:>7.2f}"
            f"{s['map@8000']:>7.2f}{s['map@13000']:>7.2f}{s['map@27000']:>7.2f}{s['rich@13000']:>9.2f}"
            f"{s['median_s']:>8.2f}{s['median_cpu_s']:>9.2f}"
        )
    print(f"skipped (repository not fetched): {skipped}")
    if args.misses:
        for r in results:
            if not r["acc@5"]:
                print(f"MISS {r['id']}: gold={r['gold']} rank={r['gold_rank']} top={r['top'][:3]}")
    if args.json:
        s = summarize(results)
        print(
            json.dumps(
                {
                    "instances": s["instances"],
                    "skipped": skipped,
                    **{
                        k: s[k]
                        for k in (
                            "acc@1",
                            "acc@5",
                            "acc@10",
                            "map@8000",
                            "map@13000",
                            "map@27000",
                            "median_s",
                            "p95_s",
                        )
                    },
                }
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
