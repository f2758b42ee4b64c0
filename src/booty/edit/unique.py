"""Regions wide enough for unique SEARCH text.

A SEARCH must match exactly one place of the real file, and a model shown only part of a file
can copy only what it was shown. ``widen_for_uniqueness`` grows a region until every line in it
lies inside a run of at most ``SEARCH_SPAN`` shown lines whose text occurs once in the whole
file -- so whatever line the model wants to change, it can write a short SEARCH that matches.
"""

from __future__ import annotations

from collections import defaultdict

SEARCH_SPAN = 10  # the longest SEARCH text a shown line may need to be unique
WIDEN_MAX = 12  # lines a region may grow by on each side


def widen_for_uniqueness(lines: list[str], lo: int, hi: int) -> tuple[int, int]:
    """Lines ``lo``..``hi`` (1-based, inclusive) widened by up to ``WIDEN_MAX`` lines a side until
    each of them can be matched uniquely; the region unchanged when more lines would not help."""
    where = _positions(lines)
    top, bottom = lo, hi
    while True:
        bad = uncovered(lines, top, bottom, where)
        if not bad:
            return top, bottom
        grown = False
        if bad[0] - top < SEARCH_SPAN and top > max(1, lo - WIDEN_MAX):
            top, grown = top - 1, True
        if bottom - bad[-1] < SEARCH_SPAN and bottom < min(len(lines), hi + WIDEN_MAX):
            bottom, grown = bottom + 1, True
        if not grown:
            return top, bottom


def uncovered(lines: list[str], lo: int, hi: int, where: dict[str, list[int]] | None = None) -> list[int]:
    """Lines of ``lo``..``hi`` that no run of at most ``SEARCH_SPAN`` lines inside the region,
    occurring once in the file, contains."""
    where = where if where is not None else _positions(lines)
    ends = {s: _unique_end(lines, where, s, min(hi, s + SEARCH_SPAN - 1)) for s in range(lo, hi + 1)}
    bad = []
    for i in range(lo, hi + 1):
        starts = range(max(lo, i - SEARCH_SPAN + 1), i + 1)
        if not any((end := ends[s]) is not None and max(end, i) - s < SEARCH_SPAN for s in starts):
            bad.append(i)
    return bad


def _positions(lines: list[str]) -> dict[str, list[int]]:
    where: dict[str, list[int]] = defaultdict(list)
    for number, line in enumerate(lines, 1):
        where[line].append(number)
    return where


def _unique_end(lines: list[str], where: dict[str, list[int]], start: int, limit: int) -> int | None:
    """The first line ``end <= limit`` such that lines ``start..end`` occur once in the file."""
    others = [p for p in where[lines[start - 1]] if p != start]
    end = start
    while others:
        end += 1
        if end > limit:
            return None
        k = end - start
        others = [p for p in others if p + k <= len(lines) and lines[p + k - 1] == lines[end - 1]]
    return end
