"""The names a plan mentions, and the module-level statements that define names.

``Mentions`` splits a plan's text into words: ``Parser.parse`` names the method ``parse`` of
``Parser`` (``Parser`` there is only a qualifier), while a word standing alone names whatever
definition carries it. ``assignments`` finds top-level ``NAME = ...`` statements (constants,
compiled patterns, ``__all__``), which no symbol reader lists but a change often touches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")
_ASSIGN = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*(?::[^=\n]*)?=(?!=)")
_BLOCK = re.compile(r"(?:if|try)\b")
_INNER_ASSIGN = re.compile(r"[ \t]+([A-Za-z_][A-Za-z0-9_]*)\s*(?::[^=\n]*)?=(?!=)")
_CONTINUES = re.compile(r"(?:elif|else|except|finally)\b")
_CLOSING = (")", "]", "}")
_TRIPLE = ('"""', "'''")


@dataclass(frozen=True)
class Mentions:
    """``alone``: words standing by themselves and the last part of dotted ones; ``qualified``:
    (owner, name) pairs of dotted words; ``qualifiers``: the other parts of dotted words."""

    alone: frozenset[str] = field(default_factory=frozenset)
    qualified: frozenset[tuple[str, str]] = field(default_factory=frozenset)
    qualifiers: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, text: str) -> Mentions:
        alone: set[str] = set()
        qualified: set[tuple[str, str]] = set()
        qualifiers: set[str] = set()
        for word in _WORD.findall(text):
            parts = word.split(".")
            alone.add(parts[-1])
            qualifiers.update(parts[:-1])
            qualified.update(pairwise(parts))
        return cls(frozenset(alone), frozenset(qualified), frozenset(qualifiers))

    def names(self, name: str) -> bool:
        """True when ``name`` is mentioned at all, alone or as a qualifier."""
        return name in self.alone or name in self.qualifiers


def assignments(lines: list[str]) -> dict[str, tuple[int, int]]:
    """name -> (first, last line, 1-based) of the first top-level statement assigning it: ``NAME =``
    at column 0, or an ``if``/``try`` block at column 0 that assigns it (``if WINDOWS: HOME = ...``).
    A statement runs on while its lines are indented, close a bracket, continue the block
    (``else:``, ``except``) or sit in a triple-quoted string it opened."""
    found: dict[str, tuple[int, int]] = {}
    i = 0
    while i < len(lines):
        match = _ASSIGN.match(lines[i])
        if match:
            end = _statement_end(lines, i)
            found.setdefault(match.group(1), (i + 1, end + 1))
        elif _BLOCK.match(lines[i]):
            end = _statement_end(lines, i)
            for line in lines[i + 1 : end + 1]:
                inner = _INNER_ASSIGN.match(line)
                if inner:
                    found.setdefault(inner.group(1), (i + 1, end + 1))
        else:
            end = i
        i = end + 1
    return found


def _statement_end(lines: list[str], start: int) -> int:
    """The 0-based last line of the statement starting at ``start``."""
    quote = next((q for q in _TRIPLE if lines[start].count(q) % 2 == 1), None)
    end = start
    while end + 1 < len(lines):
        line = lines[end + 1]
        if quote is not None:
            end += 1
            if line.count(quote) % 2 == 1:
                quote = None
            continue
        if (
            line.strip()
            and not line[0].isspace()
            and not line.startswith(_CLOSING)
            and not _CONTINUES.match(line)
        ):
            break
        end += 1
        quote = next((q for q in _TRIPLE if line.count(q) % 2 == 1), None)
    while end > start and not lines[end].strip():
        end -= 1  # blank lines after the statement belong to no one
    return end
