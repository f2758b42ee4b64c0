"""A fast line scanner for Python definitions, used when indexing whole repositories.

``ast.parse`` costs 3-5 s on a sympy-sized repository (generated rule files dominate); this
scanner finds the same ``def``/``class`` lines in ~0.2 s and tolerates files that do not parse.
It tracks nesting by indentation: a ``def`` directly inside a class is a method, one inside a
function is skipped (as ``python_symbols`` does). The exact ``ast`` reading is used where precision
is shown to the model: the outline of packed files (see ``outline.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from booty.models import Symbol

_DEF = re.compile(r"^([ \t]*)(?:async[ \t]+)?(def|class)[ \t]+([A-Za-z_]\w*)", re.M)
_DOC = re.compile(r"[ \t]*\n(?:[ \t]*\n)*[ \t]*[rRuUbB]{0,2}(\"\"\"|''')[ \t]*\\?\n?[ \t]*([^\n]*)")
_MAX_HEADER_LINES = 20
_MAX_SIGNATURE = 200


@dataclass(slots=True)
class _Open:
    """A block open at the current line."""

    indent: int
    kind: str  # "class" or "function"
    checked_to: int  # the position up to which the block is known not to have ended


@lru_cache(maxsize=64)
def _dedent_to(indent: int) -> re.Pattern[str]:
    """A code line indented at most ``indent`` columns: the end of a block opened at ``indent``."""
    return re.compile(rf"\n[ \t]{{0,{indent}}}[^\s#]")


def scan_python(text: str) -> tuple[Symbol, ...]:
    """Classes, functions and methods found by scanning lines, in source order."""
    found: list[Symbol] = []
    # Open blocks, innermost last. Their ``checked_to`` moves forward as definitions are met, so
    # each stretch of text is searched for a dedent once per nesting level, not once per method
    # of a long class.
    stack: list[_Open] = []
    line, counted = 1, 0
    for m in _DEF.finditer(text):
        line += text.count("\n", counted, m.start())
        counted = m.start()
        indent = len(m.group(1).expandtabs(4))
        while stack and (
            stack[-1].indent >= indent
            or _dedent_to(stack[-1].indent).search(text, stack[-1].checked_to, m.start())
        ):
            stack.pop()
        if stack:
            stack[-1].checked_to = m.start()
        header, header_end = _header(text, m.start())
        parent = stack[-1].kind if stack else None
        keyword = m.group(2)
        shown = parent != "function" and len(stack) < 3
        if shown:
            kind = "class" if keyword == "class" else ("method" if parent == "class" else "function")
            found.append(
                Symbol(name=m.group(3), kind=kind, line=line, signature=header, doc=_doc(text, header_end))
            )
        # Whatever is defined inside a function (a local class too) stays out, with its contents.
        stack.append(_Open(indent, "class" if keyword == "class" and shown else "function", header_end))
    return tuple(found)


def _header(text: str, start: int) -> tuple[str, int]:
    """The definition's header on one line (parentheses balanced), and where it ends."""
    end = start
    depth = 0
    for _ in range(_MAX_HEADER_LINES):
        nl = text.find("\n", end)
        nl = len(text) if nl == -1 else nl
        chunk = text[end:nl]
        depth += chunk.count("(") + chunk.count("[") - chunk.count(")") - chunk.count("]")
        end = nl
        if depth <= 0 or end >= len(text):
            break
        end += 1
    header = " ".join(part.strip() for part in text[start:end].split("\n"))
    return header.rstrip(":").rstrip()[:_MAX_SIGNATURE], end


def _doc(text: str, header_end: int) -> str:
    m = _DOC.match(text, header_end)
    if not m:
        return ""
    first = m.group(2).split(m.group(1), 1)[0].strip()
    return first[:300]
