"""Turn a known-good change (a file before and after) into the edit a model would write for it.

The format follows Booty's own rule (``choose_format``): whole file for new and small files,
search/replace blocks for large ones. Each block carries ``CONTEXT`` unchanged lines on each
side, widened until its SEARCH matches exactly once in the file as it stands when the block is
applied (blocks apply in order, each to the result of the ones before).
"""

from __future__ import annotations

import difflib

from booty.edit.formats import choose_format
from booty.models import FileEdit, SearchReplace

CONTEXT = 2  # unchanged lines a model typically copies around a change


def gold_edit(path: str, before: str | None, after: str | None, *, form: str | None = None) -> FileEdit:
    """The edit turning ``before`` into ``after`` (None: absent) in Booty's format, or in ``form``."""
    if after is None:
        return FileEdit(path=path, kind="delete")
    if (form or choose_format(before)) == "whole" or before is None:
        return FileEdit(path=path, kind="whole", content=after)
    return FileEdit(path=path, kind="search_replace", blocks=tuple(search_replace_blocks(before, after)))


def _changes(old: list[str], new: list[str]) -> list[tuple[int, int, list[str]]]:
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [(i1, i2, new[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def _join(lines: list[str]) -> str:
    return "".join(line + "\n" for line in lines)


def _lines(text: str) -> list[str]:
    """Lines without their endings (\\n or \\r\\n), written independently of ``booty.edit.matching``
    so the oracle does not share the code it checks."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.removesuffix("\r") for line in lines]


def _starts(content: list[str], search: list[str]) -> list[int]:
    """Every line where ``search`` occurs in ``content`` exactly, character for character."""
    n = len(search)
    return [i for i in range(len(content) - n + 1) if content[i : i + n] == search]


def search_replace_blocks(before: str, after: str, context: int = CONTEXT) -> list[SearchReplace]:
    """Minimal unique SEARCH/REPLACE blocks, top to bottom, that turn ``before`` into ``after``."""
    old, new = _lines(before), _lines(after)
    changes = _changes(old, new)
    current, shift, blocks, k = list(old), 0, [], 0
    while k < len(changes):
        width, last = context, k
        while True:
            lo, hi = max(0, changes[k][0] - width), min(len(old), changes[last][1] + width)
            while last + 1 < len(changes) and changes[last + 1][0] <= hi:
                last += 1
                hi = min(len(old), changes[last][1] + width)
            search = old[lo:hi]
            starts = _starts(current, search)
            if len(starts) == 1 or (lo == 0 and hi == len(old)):
                break
            width += 1
        replace, at = [], lo
        for start, end, lines in changes[k : last + 1]:
            replace += old[at:start] + lines
            at = end
        replace += old[at:hi]
        assert starts == [lo + shift], "a unique SEARCH must match where it was taken from"
        current[lo + shift : hi + shift] = replace
        shift += len(replace) - len(search)
        blocks.append(SearchReplace(search=_join(search), replace=_join(replace)))
        k = last + 1
    return blocks
