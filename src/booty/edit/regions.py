"""The parts of a long file an editor call is shown: the definitions the plan names, the file's
imports and the outline of the rest, instead of every line.

A file answered with SEARCH/REPLACE blocks only needs the lines the blocks copy. ``select_view``
finds the definitions (functions, classes, methods) whose names the plan mentions, with the
existing symbol readers (``ast`` for Python, the line scanner when it does not parse, tree-sitter
elsewhere), shows each with ``CONTEXT`` lines around it, widened until every shown line can sit
in a SEARCH text that occurs once in the file, and merges regions that touch. It falls back to
the whole file, saying why, when the plan names nothing found in the file or the regions would
be most of it. Pure: text in, a ``FileView`` out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from booty.edit.names import Mentions, assignments
from booty.edit.unique import widen_for_uniqueness
from booty.languages import code_language
from booty.locate.outline import outline
from booty.locate.python_scan import scan_python
from booty.locate.python_symbols import python_symbols
from booty.locate.treesitter_symbols import treesitter_symbols
from booty.models import IndexedFile, Symbol

CONTEXT = 4  # lines shown on each side of a definition: a SEARCH copies ~2 around a change that may sit 2 blank lines past it
BLANK_RUN = 4  # blank lines a region's context may run on over to reach a line of text
MERGE_GAP = 4  # regions this close are shown as one: a marker for a few lines saves nothing
MAX_SHARE = 0.6  # regions showing more of the file than this: the whole file is cheaper to reason about
CLASS_HEAD_MAX = 40  # lines of a class shown above its first method when only methods of it are named
OUTLINE_SIGNATURE = 80  # characters of a signature in the outline shown beside the regions
AROUND_LINE = 12  # lines shown on each side of a problem's line outside any definition (repair rounds)
HEAD_FROM_TOP = 40  # imports starting this close to the top are shown from line 1
IMPORT_GAP = 15  # an import line further than this below the previous one ends the file's head
_IMPORT = re.compile(
    r"""\s*(?:import\s+[\w.{*"']|from\s+[\w.]+\s+import\b|#\s*include\b|use\s+[\w:]|require\b|using\s+\w)"""
)


@dataclass(frozen=True)
class Region:
    """Lines ``start``..``end`` of a file, 1-based and inclusive."""

    start: int
    end: int


@dataclass(frozen=True)
class FileView:
    """What an editor call shows of one file: ``regions`` in order (empty: the whole file), the
    file's ``outline``, the definitions ``named`` by the plan, and ``reason`` for a whole file."""

    path: str
    line_count: int
    regions: tuple[Region, ...] = ()
    outline: str = ""
    named: tuple[str, ...] = ()
    reason: str = ""

    @property
    def whole(self) -> bool:
        return not self.regions

    def shows(self, start: int, end: int) -> bool:
        """True when lines ``start``..``end`` (1-based) were all shown."""
        return self.whole or any(r.start <= start and end <= r.end for r in self.regions)

    @property
    def shown_lines(self) -> int:
        return self.line_count if self.whole else sum(r.end - r.start + 1 for r in self.regions)


def whole_view(path: str, text: str, reason: str) -> FileView:
    return FileView(path=path, line_count=len(text.splitlines()), reason=reason)


def select_view(path: str, text: str, mentions: str, *, problem_lines: Iterable[int] = ()) -> FileView:
    """The view of ``path`` (content ``text``) for a plan whose text is ``mentions``.

    ``problem_lines`` (1-based) are lines a rejected answer pointed at: a repair round also shows
    the definition around each (or ``AROUND_LINE`` lines either side when none holds it).
    """
    lines = text.splitlines()
    language = code_language(path)
    symbols = definitions(text, language)
    said = Mentions.of(mentions)
    chosen = named_definitions(symbols, said)
    statements = {name: span for name, span in assignments(lines).items() if name in said.alone}
    if (
        not chosen and not statements
    ):  # a repair round keeps the whole file too: its lines alone say too little
        return whole_view(path, text, "the plan names no definition found in this file")
    spans = [_span(lines, s, symbols, chosen, said) for s in chosen] + list(statements.values())
    spans += [_around(line, symbols, len(lines)) for line in problem_lines if 0 < line <= len(lines)]
    head = _imports(lines, symbols)
    if head:
        spans.append(head)
    regions = _merge([widen_for_uniqueness(lines, *_with_context(lines, a, b)) for a, b in spans])
    view = FileView(
        path=path,
        line_count=len(lines),
        regions=tuple(Region(a, b) for a, b in regions),
        outline=_outline(path, text, symbols),
        named=tuple(dict.fromkeys([*(_label(s, symbols) for s in chosen), *statements])),
    )
    if view.shown_lines > MAX_SHARE * max(1, len(lines)):
        return whole_view(path, text, "the definitions the plan names are most of the file")
    return view


def _outline(path: str, text: str, symbols: tuple[Symbol, ...]) -> str:
    """``core.outline``'s rendering of ``symbols``: one line each, signatures cut, no docstrings
    (a long file's full outline can cost a third of the file)."""
    short = tuple(s.model_copy(update={"doc": "", "signature": _cut(s.signature or s.name)}) for s in symbols)
    return outline(IndexedFile(path=path, size=len(text), text=text, symbols=short))


def _cut(signature: str) -> str:
    return signature if len(signature) <= OUTLINE_SIGNATURE else signature[: OUTLINE_SIGNATURE - 3] + "..."


def definitions(text: str, language: str) -> tuple[Symbol, ...]:
    """The file's definitions, each with its last line (``end_line``) known."""
    if language == "python":
        symbols = python_symbols(text) or scan_python(text)
    elif language:
        symbols = treesitter_symbols(text, language)
    else:
        symbols = ()
    total = len(text.splitlines())
    return tuple(
        s if s.end_line else s.model_copy(update={"end_line": _end_by_next(s, symbols, total)})
        for s in symbols
    )


def named_definitions(symbols: tuple[Symbol, ...], mentions: Mentions) -> list[Symbol]:
    """Definitions ``mentions`` names: ``Class.method`` picks that method; a name standing alone
    every definition so named, except methods a ``Class.method`` mention already settled."""
    settled = {name for _, name in mentions.qualified}
    found = []
    for s in symbols:
        owner = _owner(s, symbols)
        if (
            (owner is not None and (owner.name, s.name) in mentions.qualified)
            or (s.kind == "class" and mentions.names(s.name))
            or (s.name in mentions.alone and not (s.kind == "method" and s.name in settled))
        ):
            found.append(s)
    return found


def _owner(symbol: Symbol, symbols: tuple[Symbol, ...]) -> Symbol | None:
    """The innermost class holding ``symbol``, or None."""
    holders = [
        c for c in symbols if c.kind == "class" and c is not symbol and c.line < symbol.line <= c.end_line
    ]
    return max(holders, key=lambda c: c.line, default=None)


def _label(symbol: Symbol, symbols: tuple[Symbol, ...]) -> str:
    owner = _owner(symbol, symbols)
    return f"{owner.name}.{symbol.name}" if owner is not None else symbol.name


def _end_by_next(symbol: Symbol, symbols: tuple[Symbol, ...], total: int) -> int:
    """Where a definition ends when its reader does not say: before the next definition that is
    not inside it (a method ends at the next definition of any kind, others at the next
    non-method), or at the end of the file."""
    later = [
        s.line for s in symbols if s.line > symbol.line and (symbol.kind == "method" or s.kind != "method")
    ]
    return (min(later) - 1) if later else total


def _start(lines: list[str], symbol: Symbol) -> int:
    """The first line of ``symbol`` with its decorators (``@...`` lines right above it)."""
    start = symbol.line
    while start > 1 and lines[start - 2].lstrip().startswith("@"):
        start -= 1
    return start


def _span(
    lines: list[str], symbol: Symbol, symbols: tuple[Symbol, ...], chosen: list[Symbol], mentions: Mentions
) -> tuple[int, int]:
    """The lines of a chosen definition; a class named only to qualify its chosen methods
    (``Class.method``) shows only its head."""
    start, end = _start(lines, symbol), symbol.end_line
    if symbol.kind == "class" and symbol.name not in mentions.alone:
        inner = [s for s in symbols if s is not symbol and start < s.line <= end]
        if inner and any(s in chosen for s in inner):
            first = _start(lines, inner[0])
            end = min(first - 1, start + CLASS_HEAD_MAX - 1)
    return start, max(start, end)


def _around(line: int, symbols: tuple[Symbol, ...], total: int) -> tuple[int, int]:
    """The innermost definition holding ``line`` unless it is long, else lines around it."""
    holders = [s for s in symbols if s.line <= line <= s.end_line and s.end_line - s.line <= 8 * AROUND_LINE]
    if holders:
        inner = max(holders, key=lambda s: s.line)
        return inner.line, inner.end_line
    return max(1, line - AROUND_LINE), min(total, line + AROUND_LINE)


def _imports(lines: list[str], symbols: tuple[Symbol, ...]) -> tuple[int, int] | None:
    """The leading block of import lines above the first definition (a change often adds one)."""
    first_def = min((s.line for s in symbols), default=len(lines) + 1)
    found: list[int] = []
    for i, line in enumerate(lines[: first_def - 1], 1):
        if _IMPORT.match(line):
            if found and i - found[-1] > IMPORT_GAP:
                break  # imports far below the first block belong to the module's code, not its head
            found.append(i)
    if not found:
        return None
    end = found[-1]
    if "(" in lines[end - 1] and ")" not in lines[end - 1]:  # a parenthesised import runs on to its ")"
        end = next((i + 1 for i in range(end, first_def - 1) if ")" in lines[i]), end)
    return (1 if found[0] <= HEAD_FROM_TOP else found[0]), end  # a short module docstring comes along


def _with_context(lines: list[str], start: int, end: int) -> tuple[int, int]:
    """``CONTEXT`` lines either side, and on over blank lines to the next line of text (the
    neighbouring definition's first or last line, which a SEARCH at the edge copies)."""
    lo, hi = max(1, start - CONTEXT), min(len(lines), end + CONTEXT)
    for _ in range(BLANK_RUN):
        if lo > 1 and not lines[lo - 1].strip():
            lo -= 1
        if hi < len(lines) and not lines[hi - 1].strip():
            hi += 1
    return lo, hi


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with those that overlap or lie within ``MERGE_GAP`` lines joined."""
    merged: list[list[int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1] + MERGE_GAP + 1:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]
