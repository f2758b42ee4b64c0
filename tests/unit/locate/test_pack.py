"""Packing the ranked files into the token budget: pack, render_context, context_manifest_markdown."""

from __future__ import annotations

import pytest

from booty.claude.profiles import NEW_TOKENIZER_CHARS
from booty.locate.index import build_index
from booty.locate.pack import (
    FULL_FILES,
    OUTLINE_FILES,
    context_manifest_markdown,
    pack,
    render_context,
)
from booty.models import RankedFile
from booty.spend.estimate import estimate_tokens


def module(n: int, functions: int = 3) -> str:
    body = "".join(
        f'def func_{n}_{i}(a, b):\n    """Doc {i}."""\n    return a + b * {i}\n\n' for i in range(functions)
    )
    return f'"""Module {n}."""\n\n' + body


def setup(count: int = 40, big: dict[int, int] | None = None):
    files = {f"pkg/mod{n:02d}.py": module(n, (big or {}).get(n, 3)) for n in range(count)}
    data = {p: t.encode() for p, t in files.items()}
    index = build_index(sorted(data), data.get, never_read=lambda p: False)
    ranked = [
        RankedFile(path=p, score=float(count - i), signals=("bm25_text",))
        for i, p in enumerate(sorted(files))
    ]
    return index, ranked


@pytest.mark.parametrize("budget", [0, 5, 40, 300, 1500, 8000, 27000])
def test_the_pack_never_exceeds_the_budget(budget):
    index, ranked = setup(big={0: 200, 5: 80})
    ctx = pack(ranked, index, budget)
    assert ctx.tokens <= budget
    assert sum(f.tokens for f in ctx.files) <= ctx.tokens
    assert estimate_tokens(render_context(ctx)) <= max(ctx.tokens, 0) or not ctx.files


@pytest.mark.parametrize("budget", [1000, 1500])
def test_the_budget_counts_in_the_models_tokens(budget):
    """A tokenizer that counts more tokens for the same text (the new one: ~2.3 chars a token) gets
    a smaller map, still within the budget in its own tokens; packed at the old rate it would not fit."""
    index, ranked = setup(big={0: 200, 5: 80})
    new_rate = NEW_TOKENIZER_CHARS
    old = pack(ranked, index, budget)
    new = pack(ranked, index, budget, chars_per_token=new_rate)
    assert estimate_tokens(render_context(new), new_rate) <= budget
    assert estimate_tokens(render_context(old), new_rate) > budget
    assert len(render_context(new)) < len(render_context(old))


def test_detail_levels_follow_rank():
    index, ranked = setup()
    ctx = pack(ranked, index, 20_000)
    details = [f.detail for f in ctx.files]
    assert [f.path for f in ctx.files] == [r.path for r in ranked]  # rank order, every file present
    assert details[:FULL_FILES] == ["full"] * FULL_FILES
    assert details[FULL_FILES : FULL_FILES + OUTLINE_FILES] == ["outline"] * OUTLINE_FILES
    assert set(details[FULL_FILES + OUTLINE_FILES :]) == {"path"}


def test_a_top_file_too_large_for_full_text_falls_back_to_its_outline():
    index, ranked = setup(big={0: 400})
    ctx = pack(ranked, index, 8000)
    first = ctx.files[0]
    assert first.path == ranked[0].path and first.detail == "outline"
    assert "def func_0_0(a, b)" in first.text and "return a + b" not in first.text
    assert ctx.files[1].detail == "full"


def test_context_text_is_what_the_prompt_gets():
    index, ranked = setup()
    ctx = pack(ranked, index, 8000)
    rendered = render_context(ctx)
    full = next(f for f in ctx.files if f.detail == "full")
    assert index.get(full.path).text in full.text
    outline = next(f for f in ctx.files if f.detail == "outline")
    assert "Doc 0." in outline.text and "return" not in outline.text
    for f in ctx.files:
        assert f.text in rendered
        assert f.tokens == estimate_tokens(f.text)


def test_files_outside_the_index_never_enter_the_pack():
    index, ranked = setup(count=3)
    ranked = [RankedFile(path=".env", score=99.0, signals=("path_mention",)), *ranked]
    ctx = pack(ranked, index, 8000)
    assert ".env" not in [f.path for f in ctx.files]
    assert ".env" not in render_context(ctx)


def test_manifest_lists_each_file_with_detail_tokens_and_signals():
    index, ranked = setup(count=5)
    ctx = pack(ranked, index, 8000)
    table = context_manifest_markdown(ranked, ctx)
    rows = [line for line in table.splitlines() if line.startswith("| ")]
    assert len(rows) == len(ctx.files) + 1  # a header row, then one row per file
    assert f"| 1 | `{ranked[0].path}` | full | {ctx.files[0].tokens} | bm25_text |" in table
    assert f"**Total: {ctx.tokens} of 8000 tokens**" in table


def test_manifest_can_list_the_top_files_and_count_the_rest():
    index, ranked = setup(count=30)
    ctx = pack(ranked, index, 8000)
    table = context_manifest_markdown(ranked, ctx, top=20)
    rows = [line for line in table.splitlines() if line.startswith("| ")]
    assert len(rows) == 21 and rows[-1].startswith("| 20 | ")
    rest = ctx.files[20:]
    paths_only = sum(1 for f in rest if f.detail == "path")
    assert f"… and {len(rest)} more (" in table and f"{paths_only} as paths only" in table
    assert f"**Total: {ctx.tokens} of 8000 tokens** ({len(ctx.files)} files)." in table
    assert "more" not in context_manifest_markdown(ranked, ctx, top=len(ctx.files))
