"""Oracle run: would Booty's parsing, application and validation pass a known-correct change?

    python bench/oracle.py DATASET --mirrors DIR [--json] [--limit N] [--repo OWNER/NAME]
                           [--instance ID] [--misses] [--sizes] [--jobs N]
                           [--editor-view whole|regions] [--plan-names prose|enclosing]

For each SWE-bench-style instance: export ``base_commit`` of ``DIR/<owner>+<name>/repo`` (or
``DIR/<owner>+<name>``) with ``git archive``; apply the gold patch with ``git apply`` to get the
gold result; write the gold change as the model would (``bench/gold_edits.py`` +
``render_edit``), one editor answer per file; hand those answers to Booty's own authoring
(``bench/replay.py``: the pipeline's ``Author`` with its prompts, ``parse_edits`` ->
``apply_edits`` -> ``validate``, path policy and known modules built as the pipeline builds
them); compare byte for byte. Costs use Booty's real prompts: the planner prompt with the real
repository map (index -> rank -> pack at 13k tokens) and the editor prompts the replay built,
token counts from ``booty.spend.estimate.estimate_tokens`` and prices from ``booty.spend.cost``. The
plan's output is a JSON plan of realistic length for the gold files; no repair rounds are
counted (a gold answer needs none).

``--json`` prints, as its last line: instances, skipped (repository missing), passthrough (share
byte-identical to the gold result), false_rejections (correct edits Booty refused),
median/p95 cost per issue in USD, and median_output_ratio (Booty's edit output tokens over
whole-file output tokens, for edited files over 300 lines). ``--sizes`` prints the per-size
table behind ``WHOLE_FILE_MAX_LINES``.

``--editor-view regions`` runs the editor as ``BOOTY_EDITOR_VIEW=regions`` does: a long file is
shown as the parts the plan points at, and the oracle models what the model saw
(``bench/editor_view.py``): an instance whose gold SEARCH text was not in its first editor
prompt is ``unseen`` (a miss: the model could not have written it); it is ``recovered`` when the
repair path gets it through -- the model answers that it needs to see more, as its prompt tells
it to, the repair round shows the whole file, and the gold change then passes -- and its cost
includes both rounds. The JSON line adds unseen, recovered_by_repair, passthrough_with_repair,
region_files and median_edit_input_tokens. ``--plan-names enclosing`` makes the plan name the
definitions the gold change touches (a planner that names its targets); ``prose`` (the
default) gives only the issue's words.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from editor_view import enclosing_names, shown_texts, unseen_blocks
from gold_edits import gold_edit
from measure import (
    PROFILE,
    gold_plan,
    instance_costs,
    issue_of,
    planner_tokens,
    size_rows,
    size_table,
    tokens,
)
from mirrors import export, git_dir
from replay import TOKEN, replay

from booty.adapters.repo_files import list_files, read_file_bytes
from booty.edit.formats import render_edit
from booty.intake.issue import fence_issue
from booty.validate.imports import workspace_modules
from booty.validate.paths import PathPolicy

# The file-count cap is a per-repository policy knob (``max_files``, 10 by default, at most 100),
# not a judgement of the edit: the oracle runs at the knob's maximum; ``--max-files 10`` shows
# what the default refuses.
MAX_FILES = 100
LONG_FILE_LINES = 300  # files over this count toward median_output_ratio


def _text(root: Path, path: str) -> str | None:
    """The file as git holds it (bytes that are not UTF-8 kept as surrogates)."""
    data = read_file_bytes(root, path)
    return None if data is None else data.decode("utf-8", "surrogateescape")


def _reader(root: Path):
    """The file as the pipeline reads it: None when absent, never-read or not UTF-8 text."""
    policy = PathPolicy(root=root)

    def read(path: str) -> str | None:
        data = None if policy.never_read(path) else read_file_bytes(root, path)
        try:
            return None if data is None else data.decode("utf-8")
        except UnicodeDecodeError:
            return None

    return read


def _patched_paths(patch: str) -> list[str]:
    paths = []
    for line in patch.splitlines():
        if line.startswith(("--- a/", "+++ b/")) and line[6:] not in paths:
            paths.append(line[6:])
    return paths


def _unseen(replayed, edits: dict, *, last: bool = False) -> tuple[int, int]:
    """(gold blocks not shown, files shown as regions) in each file's first (or ``last``) editor call."""
    calls = {}
    for path, (prompt, _) in zip(replayed.paths, replayed.prompts, strict=True):
        if last or path not in calls:
            calls[path] = prompt.parts[1]
    missing = sum(unseen_blocks(edits[p], part) for p, part in calls.items() if p in edits)
    regions = sum(shown_texts(part, p) is not None for p, part in calls.items())
    return missing, regions


def _unseen_paths(replayed, edits: dict) -> list[str]:
    """Files whose first editor call did not show every gold block."""
    firsts = {}
    for path, (prompt, _) in zip(replayed.paths, replayed.prompts, strict=True):
        firsts.setdefault(path, prompt.parts[1])
    return [p for p, part in firsts.items() if p in edits and unseen_blocks(edits[p], part)]


def run_instance(
    row: dict, gitdir: Path, max_files: int = MAX_FILES, editor_view: str = "whole", plan_names: str = "prose"
) -> dict:
    with tempfile.TemporaryDirectory(prefix="booty-oracle-") as tmp:
        root = Path(tmp)
        export(gitdir, row["base_commit"], root)
        paths = list_files(root)
        read = _reader(root)
        known = workspace_modules(paths, read)
        befores = {p: _text(root, p) for p in _patched_paths(row["patch"])}
        applied = subprocess.run(
            ["git", "apply", "-"], input=row["patch"].encode(), cwd=root, capture_output=True
        )
        if applied.returncode:
            return {
                "id": row["instance_id"],
                "status": "gold_failed",
                "detail": applied.stderr.decode()[-500:],
            }
        gold = {p: _text(root, p) for p in befores}
        for p in befores:  # restore the base so path checks see the repository as Booty would
            if befores[p] is None:
                (root / p).unlink(missing_ok=True)
            else:
                (root / p).write_bytes(befores[p].encode("utf-8", "surrogateescape"))
        issue = issue_of(row)
        names = {p: enclosing_names(befores[p], gold[p]) for p in befores
                 if plan_names == "enclosing" and befores[p] is not None and gold[p] is not None}  # fmt: skip
        plan = gold_plan(issue, befores, gold, names)
        edits = {p: gold_edit(p, befores[p], gold[p]) for p in befores if gold[p] is not None}
        answers = {p: render_edit(e) for p, e in edits.items()}
        originals = {p: read(p) for p in befores}

        def booty_with(rounds: int, first: dict[str, str] | None = None):
            given = {p: [first[p], a] if p in (first or {}) else a for p, a in answers.items()}
            return replay(plan, originals, given, root=root, known=known, max_files=max_files,
                          fenced_issue=fence_issue(issue, TOKEN), editor_view=editor_view, repair_rounds=rounds)  # fmt: skip

        def identical(run) -> bool:
            return not run.problems and all(run.after.get(p, befores[p]) == gold[p] for p in befores)

        booty = booty_with(0)
        unseen, region_files = _unseen(booty, edits)
        recovered = False
        if unseen:
            # The model could not have written those blocks. As its prompt tells it, it answers
            # with the definitions it needs to see instead; the repair round shows the whole file
            # and it writes the gold change there.
            need = {p: f"I need to see more of {p} to make this change." for p in _unseen_paths(booty, edits)}
            booty = booty_with(1, need)
            recovered = _unseen(booty, edits, last=True)[0] == 0 and identical(booty)
        costs = instance_costs(planner_tokens(issue, root, paths), plan, booty.prompts)
        ratios = [
            tokens(answers[p]) / max(1, tokens(render_edit(gold_edit(p, befores[p], gold[p], form="whole"))))
            for p in befores if befores[p] is not None and gold[p] is not None and len(befores[p].splitlines()) > LONG_FILE_LINES
        ]  # fmt: skip
        status = (
            "unseen"
            if unseen
            else "pass"
            if identical(booty)
            else ("rejected" if booty.problems else "mismatch")
        )
        return {
            "id": row["instance_id"], "status": status, "problems": [p.render() for p in booty.problems],
            "ratios": ratios, **costs, "sizes": size_rows(befores, gold), "unseen_blocks": unseen,
            "recovered": recovered, "region_files": region_files, "named": names,
        }  # fmt: skip


def _work(args: tuple[dict, str, int, str, str]) -> dict:
    row, gitdir, max_files, editor_view, plan_names = args
    try:
        return run_instance(row, Path(gitdir), max_files, editor_view, plan_names)
    except Exception as err:  # one broken instance must not end the run; it is reported
        return {"id": row["instance_id"], "status": "error", "detail": f"{type(err).__name__}: {err}"}


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 4) if values else 0.0


def _p95(values: list[float]) -> float:
    return round(values[min(len(values) - 1, int(0.95 * len(values)))], 4) if values else 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dataset", type=Path)
    ap.add_argument("--mirrors", type=Path, required=True)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--repo")
    ap.add_argument("--instance")
    ap.add_argument("--misses", action="store_true", help="print the problems of every miss")
    ap.add_argument("--sizes", action="store_true", help="print the whole-file vs search/replace table")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--max-files", type=int, default=MAX_FILES)
    ap.add_argument("--details", type=Path, help="write every instance's result as JSON lines here")
    ap.add_argument(
        "--editor-view",
        choices=("whole", "regions"),
        default="whole",
        help="how editor calls show a file answered with SEARCH/REPLACE blocks (BOOTY_EDITOR_VIEW)",
    )
    ap.add_argument(
        "--plan-names",
        choices=("prose", "enclosing"),
        default="prose",
        help="the plan's reasons: the issue's prose only, or also naming the definitions the gold change touches",
    )
    args = ap.parse_args(argv)
    rows = [json.loads(line) for line in args.dataset.read_text().splitlines() if line.strip()]
    rows = [
        r
        for r in rows
        if (not args.repo or r["repo"] == args.repo)
        and (not args.instance or r["instance_id"] == args.instance)
    ]
    rows = rows[: args.limit] if args.limit else rows
    todo, skipped = [], 0
    for row in rows:
        gitdir = git_dir(args.mirrors, row["repo"])
        if gitdir is None:
            skipped += 1
        else:
            todo.append((row, str(gitdir), args.max_files, args.editor_view, args.plan_names))
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(_work, todo))
    for r in results:
        line = f"{r['id']:40} {r['status']:9}"
        if r["status"] == "pass" or "cost" not in r:
            print(line + (f" {r.get('detail', '')}" if "detail" in r else ""), f"${r.get('cost', 0):.3f}")
        else:
            print(
                line,
                f"${r['cost']:.3f}",
                "; ".join(r["problems"])[:2000] if args.misses else len(r["problems"]),
            )
    if args.details:
        args.details.write_text("".join(json.dumps(r) + "\n" for r in results))
    if args.sizes:
        print(size_table([row for r in results for row in r.get("sizes", [])]))
    costs = sorted(r["cost"] for r in results if "cost" in r)
    uncached = sorted(r["cost_uncached"] for r in results if "cost_uncached" in r)
    ratios = [x for r in results for x in r.get("ratios", [])]
    summary = {
        "instances": len(results),
        "skipped": skipped,
        "passthrough": round(sum(r["status"] == "pass" for r in results) / max(1, len(results)), 4),
        "false_rejections": sum(r["status"] == "rejected" for r in results),
        "model": PROFILE.id,
        "median_cost_usd": _median(costs),
        "p95_cost_usd": _p95(costs),
        "median_cost_uncached_usd": _median(uncached),
        "p95_cost_uncached_usd": _p95(uncached),
        "median_output_ratio": round(statistics.median(ratios), 4) if ratios else 0.0,
        "editor_view": args.editor_view,
        "plan_names": args.plan_names,
        "region_files": sum(r.get("region_files", 0) for r in results),
        "unseen": sum(r["status"] == "unseen" for r in results),
        "recovered_by_repair": sum(bool(r.get("recovered")) for r in results),
        "passthrough_with_repair": round(
            sum(r["status"] == "pass" or bool(r.get("recovered")) for r in results) / max(1, len(results)), 4
        ),
        "median_edit_input_tokens": _median(sorted(r["edit_in"] for r in results if "edit_in" in r)),
    }
    print(json.dumps(summary) if args.json else "\n".join(f"{k}: {v}" for k, v in summary.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
