"""Spend a token budget on the repository map: full text for the best few files, outlines for
the next, bare paths after that. Tokens are estimated locally (``spend.estimate``), before any model call."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from booty.fences import fence
from booty.locate.outline import outline
from booty.models import ContextFile, Detail, IndexedFile, RankedFile, RepoContext, RepoIndex
from booty.spend.estimate import DEFAULT_CHARS_PER_TOKEN, estimate_tokens

FULL_FILES = 3  # ranks that may be shown in full
OUTLINE_FILES = 20  # the ranks after those that may be shown as outlines
FULL_SHARE = 0.5  # one full file may take at most this share of the budget
OUTLINE_SHARE = 0.1
# Keep room for the bare paths of this many top-ranked files. Measured on the dev set (sympy,
# pylint, astropy): 200 instead of 100 puts 3 more issues' gold files in the 13k map and shows 2
# fewer of them in full or outline.
PATH_RESERVE = 200
# Rank deeper than anyone reads: the path section of the largest map is filled from this list.
MAP_CANDIDATES = 300

PATHS_HEADER = "\n## Other candidate files (paths only)\n"


def pack(
    ranked: list[RankedFile], index: RepoIndex, budget: int, chars_per_token: float = DEFAULT_CHARS_PER_TOKEN
) -> RepoContext:
    """The map for ``budget`` tokens, following ``ranked`` order; never exceeds ``budget``.

    Tokens are estimated at ``chars_per_token``: the model's tokenizer (``ModelProfile.chars_per_token``),
    so that a budget means the same on a model whose tokenizer counts more tokens for the same text.

    Only files present in ``index`` can enter (the index already excludes never-read files).
    A file too large for its rank's detail level falls back to the next lower level.
    """
    files_by_path = {f.path: f for f in index.files}
    entries = [files_by_path[r.path] for r in ranked if r.path in files_by_path]

    def tokens_of(text: str) -> int:
        return estimate_tokens(text, chars_per_token)

    path_cost = [tokens_of(_path_text(f)) for f in entries]
    used = tokens_of(PATHS_HEADER)
    chosen: list[ContextFile] = []
    for i, file in enumerate(entries):
        reserve = sum(path_cost[i + 1 : PATH_RESERVE])
        picked = None
        for detail, text, share in _renderings(file, i):
            tokens = tokens_of(text)
            room = budget - used - (reserve if detail != "path" else 0)
            if tokens <= min(share * budget, room):
                picked = ContextFile(path=file.path, detail=detail, tokens=tokens, text=text)
                break
        if picked is None:
            break
        chosen.append(picked)
        used += picked.tokens
    return RepoContext(budget=budget, tokens=used if chosen else 0, files=tuple(chosen))


def _renderings(file: IndexedFile, position: int) -> Iterator[tuple[Detail, str, float]]:
    """(detail, text, largest share of the budget it may take) in order of preference for a rank."""
    if position < FULL_FILES + OUTLINE_FILES:
        share = FULL_SHARE if position < FULL_FILES else OUTLINE_SHARE
        if position < FULL_FILES:
            yield "full", _fenced(file, "full", file.text), FULL_SHARE
        yield "outline", _fenced(file, "outline", outline(file)), share
        yield "outline", _fenced(file, "outline", outline(file, compact=True)), share
    yield "path", _path_text(file), 1.0


def _fenced(file: IndexedFile, detail: str, body: str) -> str:
    language = file.language if detail == "full" else ""
    return f"## {file.path} ({detail})\n{fence(body, language)}\n\n"


def _path_text(file: IndexedFile) -> str:
    return f"- {file.path}\n"


def render_context(ctx: RepoContext) -> str:
    """The map text shown to the planner: full files, then outlines, then bare paths. It has no
    heading of its own: the planner prompt (``booty.prompts``) introduces it once."""
    detailed = "".join(f.text for f in ctx.files if f.detail != "path")
    paths = "".join(f.text for f in ctx.files if f.detail == "path")
    return detailed + (PATHS_HEADER + paths if paths else "")


def context_manifest_markdown(ranked: list[RankedFile], ctx: RepoContext, top: int | None = None) -> str:
    """A markdown table for the job summary: which files, at what detail, tokens each, and why;
    only the ``top`` first files when given, the rest counted by detail."""
    why = {r.path: ", ".join(r.signals) or "-" for r in ranked}
    rows = [
        "| # | File | Detail | Tokens | Signals |",
        "|---:|---|---|---:|---|",
    ]
    shown = ctx.files if top is None else ctx.files[:top]
    for n, f in enumerate(shown, 1):
        rows.append(f"| {n} | `{f.path}` | {f.detail} | {f.tokens} | {why.get(f.path, '-')} |")
    rows.append("")
    rest = ctx.files[len(shown) :]
    if rest:
        details = Counter(f.detail for f in rest)
        counted = ", ".join(
            f"{details[d]} {_DETAIL_WORDS[d]}" for d in ("full", "outline", "path") if details[d]
        )
        rows.append(f"… and {len(rest)} more ({counted}, {sum(f.tokens for f in rest):,} tokens).")
        rows.append("")
    rows.append(f"**Total: {ctx.tokens} of {ctx.budget} tokens** ({len(ctx.files)} files).")
    return "\n".join(rows) + "\n"


_DETAIL_WORDS = {"full": "in full", "outline": "as outlines", "path": "as paths only"}
