"""The parts of a pull-request template (or of a description written from one) a reader sees as
its structure: headings and the sections under them, check-box lines, choice lines, HTML-comment
markers. Pure text scanning.

Text inside HTML comments and code is not structure: GitHub hides the one and shows the other
literally (placeholders, which follow the same rule, are read by ``publish.placeholders``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_BOX = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\[([ xX])\]\s*(.*)$")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?!\[[ xX]\])(.+)$")
_TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MARKS = {
    "x",
    "[x]",
    "✓",
    "✔",
    "✔️",
    "☑",
    "☑️",
    "✅",
    ":white_check_mark:",
    ":heavy_check_mark:",
    ":ballot_box_with_check:",
}

# A single-line comment a tool reads, not an instruction to the author: the BEGIN/END (START/STOP)
# fences of a block, an all-capitals tag, or a ``name:value`` / ``name=value`` token.
_BLOCK_OPEN = re.compile(r"^(?:BEGIN|START)\b\s*(.*)$")
_BLOCK_CLOSE = re.compile(r"^(?:END|STOP)\b\s*(.*)$")
_CAPITALS = re.compile(r"[A-Z0-9][A-Z0-9 _:./-]{2,}")
_TOOL_TOKEN = re.compile(r"[\w.-]+[:=][\w.:=-]*")


@dataclass(frozen=True)
class Line:
    """One line as a reader sees it: comments removed; ``code`` inside a fenced block."""

    number: int  # 1-based
    text: str
    code: bool


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int

    @property
    def key(self) -> tuple[int, str]:
        """What must match for two headings to be the same: level and words, any spacing or case."""
        return self.level, " ".join(self.text.split()).casefold()

    def render(self) -> str:
        return f"{'#' * self.level} {self.text}"


@dataclass(frozen=True)
class Option:
    """A line a reader ticks or keeps: a check box, a table row with a mark cell, or a list item."""

    line: int
    text: str  # the label, without the box or the mark
    ticked: bool  # box: [x]; row: its mark cell holds a mark; list item: always (kept means chosen)
    style: str  # "box" | "row" | "item"


@dataclass(frozen=True)
class Section:
    """The lines from one heading to the next (``heading`` None: the text before the first)."""

    heading: Heading | None
    lines: tuple[Line, ...]

    @property
    def has_content(self) -> bool:
        return any(ln.text.strip() for ln in self.lines)


def visible_lines(text: str) -> list[Line]:
    """Every line with its HTML comments removed; lines inside fenced code are marked ``code``."""
    out: list[Line] = []
    in_comment = in_fence = False
    fence = ""
    for number, raw in enumerate(text.splitlines(), 1):
        if in_fence:
            out.append(Line(number, raw, True))
            m = _FENCE.match(raw)
            if (
                m
                and m.group(1)[0] == fence[0]
                and len(m.group(1)) >= len(fence)
                and not raw.strip()[len(m.group(1)) :].strip()
            ):
                in_fence = False
            continue
        shown, rest = "", raw
        while rest:
            if in_comment:
                end = rest.find("-->")
                if end < 0:
                    rest = ""
                    break
                rest, in_comment = rest[end + 3 :], False
            start = rest.find("<!--")
            if start < 0:
                shown, rest = shown + rest, ""
            else:
                shown, rest, in_comment = shown + rest[:start], rest[start + 4 :], True
        m = _FENCE.match(shown)
        if m and not in_comment:
            in_fence, fence = True, m.group(1)
            out.append(Line(number, shown, True))
            continue
        out.append(Line(number, shown, False))
    return out


def without_code_spans(text: str) -> str:
    return _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), text)


def headings(text: str) -> list[Heading]:
    found = []
    for line in visible_lines(text):
        m = None if line.code else HEADING.match(line.text)
        if m:
            found.append(Heading(len(m.group(1)), m.group(2).strip(), line.number))
    return found


def sections(text: str) -> list[Section]:
    """The text split at its headings; the first section holds what comes before any heading."""
    out: list[Section] = []
    heading: Heading | None = None
    lines: list[Line] = []
    for line in visible_lines(text):
        m = None if line.code else HEADING.match(line.text)
        if m:
            out.append(Section(heading, tuple(lines)))
            heading, lines = Heading(len(m.group(1)), m.group(2).strip(), line.number), []
        else:
            lines.append(line)
    out.append(Section(heading, tuple(lines)))
    return out


def options(lines: tuple[Line, ...] | list[Line]) -> list[Option]:
    """The check boxes, marked table rows and list items among ``lines`` (outside code)."""
    found: list[Option] = []
    table: list[tuple[Line, list[str]]] = []
    for line in [*lines, Line(0, "", False)]:
        row = None if line.code else _TABLE_ROW.match(line.text)
        if row and not _TABLE_RULE.match(line.text):
            table.append((line, [c.strip() for c in row.group(1).split("|")]))
            continue
        if row:  # the rule under a header row: the row above was the header
            table = []
            continue
        found += _table_options(table)
        table = []
        if line.code or not line.text.strip():
            continue
        if m := _BOX.match(line.text):
            found.append(Option(line.number, m.group(2).strip(), m.group(1) in "xX", "box"))
        elif m := _BULLET.match(line.text):
            found.append(Option(line.number, m.group(1).strip(), True, "item"))
    return sorted(found, key=lambda o: o.line)


def _table_options(rows: list[tuple[Line, list[str]]]) -> list[Option]:
    """Rows of a table whose mark column (a column holding a mark in some row) says ticked or not."""
    marked = {i for _, cells in rows for i, c in enumerate(cells) if _is_mark(c)}
    if not marked:
        return []
    out = []
    for line, cells in rows:
        label = " ".join(c for i, c in enumerate(cells) if i not in marked and c)
        out.append(
            Option(line.number, label, any(_is_mark(cells[i]) for i in marked if i < len(cells)), "row")
        )
    return out


def _is_mark(cell: str) -> bool:
    return cell.strip().casefold() in _MARKS or cell.strip() in _MARKS


def comments(text: str) -> list[str]:
    """Every HTML comment, whole (``<!-- ... -->``), in order."""
    return [m.group(0) for m in _COMMENT.finditer(text)]


def markers(text: str) -> list[str]:
    """The single-line comments a tool reads (``<!-- BEGIN RELEASE NOTES -->``), in order, as written.
    A comment that addresses the author (``<!-- please choose -->``) is not one."""
    found = []
    for m in _COMMENT.finditer(text):
        if "\n" not in m.group(0) and _is_marker(m.group(1).strip()):
            found.append(m.group(0).strip())
    return found


def _is_marker(inner: str) -> bool:
    if len(inner.split()) > 6:
        return False
    fenced = bool(_BLOCK_OPEN.match(inner) or _BLOCK_CLOSE.match(inner))
    capitals = bool(_CAPITALS.fullmatch(inner)) and any(c.isalpha() for c in inner)
    return fenced or capitals or bool(_TOOL_TOKEN.fullmatch(inner))


def blocks(text: str) -> list[tuple[str, str, str]]:
    """(opening marker, closing marker, what is between) for each BEGIN/END marker pair of one name."""
    found = []
    ordered = [
        (m.start(), m.end(), m.group(0), m.group(1).strip())
        for m in _COMMENT.finditer(text)
        if "\n" not in m.group(0)
    ]
    for i, (_, open_end, opening, inner) in enumerate(ordered):
        o = _BLOCK_OPEN.match(inner)
        if not o:
            continue
        for start, _, closing, other in ordered[i + 1 :]:
            c = _BLOCK_CLOSE.match(other)
            if c and c.group(1).casefold() == o.group(1).casefold():
                found.append((opening, closing, text[open_end:start]))
                break
    return found
