"""Token and cost figures for the oracle run, from Booty's real prompts.

``planner_tokens`` rebuilds the planning call the pipeline would make for one issue: the
planner prompt with the real repository map (index -> rank -> pack to the 13k budget) plus the
plan tool's schema. ``instance_costs`` adds the editor prompts Booty itself built during the
replay (``bench/replay.py``). Output tokens are the plan (a JSON plan of realistic length naming
the gold files, ``gold_plan``) and the edits as written. ``size_rows``/``size_table`` compare
whole-file and search/replace output by file size: the measurement behind
``WHOLE_FILE_MAX_LINES``.
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path

from gold_edits import gold_edit
from replay import TOKEN

from booty.adapters.repo_files import read_file_bytes
from booty.claude.profiles import DEFAULT_MODEL, PROFILES
from booty.edit.formats import render_edit
from booty.intake.issue import clean_issue, fence_issue
from booty.locate.guidance import distinct, guidance_paths
from booty.locate.index import build_index
from booty.locate.pack import MAP_CANDIDATES, pack, render_context
from booty.locate.rank import rank
from booty.models import Issue, Plan, PlannedChange, Prompt, Usage
from booty.prompts import guidance_block, planner_prompt
from booty.spend.cost import call_cost
from booty.spend.estimate import estimate_tokens
from booty.validate.paths import PathPolicy

PROFILE = PROFILES[DEFAULT_MODEL]  # prices and tokenizer of the default model (claude-sonnet-5-5)
BUDGET = 13_000
SIZE_BUCKETS = (50, 100, 150, 200, 300, 500, 1000, 2000, 10**9)


def issue_of(row: dict) -> Issue:
    """The instance's problem statement as the issue Booty reads (first line: title)."""
    title, _, body = row["problem_statement"].strip().partition("\n")
    return clean_issue(Issue(number=1, title=title, body=body))


def gold_plan(
    issue: Issue,
    befores: dict[str, str | None],
    gold: dict[str, str | None],
    names: dict[str, list[str]] | None = None,
) -> Plan:
    """A plan of the length a model writes: a paragraph, a reason per file, three criteria.
    ``names`` (path -> definitions) makes each reason name the places it changes, as a planner does."""
    prose = (issue.body or issue.title).replace("\n", " ")
    action = {True: "create", False: "modify"}

    def reason(path: str) -> str:
        named = (names or {}).get(path)
        return (f"Change {', '.join(f'`{n}`' for n in named)}: " if named else "") + prose[:200]

    changes = [
        PlannedChange(
            path=p, action="delete" if gold[p] is None else action[befores[p] is None], reason=reason(p)
        )
        for p in befores
    ]
    return Plan(actionable=True, summary=prose[:450], title=f"fix: {issue.title}"[:72], changes=changes,
                acceptance_criteria=[prose[i * 150 : (i + 1) * 150] or "tests pass" for i in range(3)])  # fmt: skip


def planner_tokens(issue: Issue, root: Path, paths: list[str]) -> int:
    """Input tokens of the planning call: Booty's planner prompt with the real repository map
    (index -> rank -> pack to the budget) and guidance, plus the plan tool's schema."""
    policy = PathPolicy(root=root)
    index = build_index(paths, lambda p: read_file_bytes(root, p), never_read=policy.never_read)
    context = pack(rank(f"{issue.title}\n{issue.body}\n", index, limit=MAP_CANDIDATES), index, BUDGET)
    readable = [n for n in guidance_paths(paths) if not policy.never_read(n)]  # as the pipeline finds them
    docs = distinct({n: t.decode("utf-8", "replace") for n in readable if (t := read_file_bytes(root, n))})
    prompt = planner_prompt(
        fenced_issue=fence_issue(issue, TOKEN),
        token=TOKEN,
        repo_map=render_context(context),
        guidance=guidance_block(docs),
    )
    return tokens(prompt.system + prompt.user) + tokens(json.dumps(Plan.model_json_schema()))


def tokens(text: str) -> int:
    """The local estimate at the default model's tokenizer (the new one counts ~30% more)."""
    return estimate_tokens(text, PROFILE.chars_per_token)


def editor_usages(prompts: list[tuple[Prompt, str]], *, caching: bool) -> list[Usage]:
    """The usage of each editor call, in order; with ``caching``, as the API's prompt cache would
    bill it: the prefix up to a breakpoint is written the first time and read afterwards (shorter
    prefixes than the model's minimum are not cached)."""
    seen: set[str] = set()
    usages = []
    for prompt, answer in prompts:
        total = tokens(prompt.system + prompt.user)
        cached_prefix, write, read = 0, 0, 0
        for i in sorted(prompt.cache_after) if caching else ():
            prefix = prompt.system + "".join(prompt.parts[: i + 1])
            size = tokens(prefix)
            if size < PROFILE.min_cache_tokens:
                continue
            if prefix in seen:
                read, write = size, 0
            else:
                write, seen = size - read, seen | {prefix}
            cached_prefix = size
        usages.append(
            Usage(
                input_tokens=total - cached_prefix,
                cache_write_tokens=write,
                cache_read_tokens=read,
                output_tokens=tokens(answer),
            )
        )
    return usages


def instance_costs(plan_in: int, plan: Plan, prompts: list[tuple[Prompt, str]]) -> dict:
    """Tokens and cost of one issue: the planning call and every editor call, with and without caching."""
    plan_usage = Usage(input_tokens=plan_in, output_tokens=tokens(plan.model_dump_json()))
    costs = {}
    for label, caching in (("cost", True), ("cost_uncached", False)):
        calls = [plan_usage, *editor_usages(prompts, caching=caching)]
        costs[label] = sum(call_cost(PROFILE.prices, u) for u in calls)
    edits = editor_usages(prompts, caching=True)
    return {
        **costs,
        "plan_in": plan_in,
        "plan_out": plan_usage.output_tokens,
        "edit_in": sum(u.prompt_tokens for u in edits),
        "edit_out": sum(u.output_tokens for u in edits),
        "cache_read": sum(u.cache_read_tokens for u in edits),
    }


def size_rows(befores: dict[str, str | None], gold: dict[str, str | None]) -> list[dict]:
    """Whole-file and search/replace output tokens for every modified file of one instance."""
    rows = []
    for path, before in befores.items():
        after = gold[path]
        if before is None or after is None:
            continue
        whole = tokens(render_edit(gold_edit(path, before, after, form="whole")))
        blocks = tokens(render_edit(gold_edit(path, before, after, form="search_replace")))
        rows.append({"lines": len(before.splitlines()), "whole": whole, "search_replace": blocks})
    return rows


def size_table(rows: list[dict]) -> str:
    """Medians per file-size bucket, and the cost difference per file at Sonnet output prices."""
    out = ["lines       files  whole_tok  sr_tok  sr/whole  extra_$_whole"]
    low = 0
    for high in SIZE_BUCKETS:
        sel = [r for r in rows if low < r["lines"] <= high]
        if sel:
            whole = statistics.median(r["whole"] for r in sel)
            blocks = statistics.median(r["search_replace"] for r in sel)
            ratio = statistics.median(r["search_replace"] / r["whole"] for r in sel)
            extra = call_cost(PROFILE.prices, Usage(output_tokens=int(whole - blocks)))
            label = f"{low + 1}-{high}" if high < 10**9 else f">{low}"
            out.append(f"{label:11} {len(sel):5} {whole:10.0f} {blocks:7.0f} {ratio:9.2f} {extra:14.4f}")
        low = high
    return "\n".join(out)
