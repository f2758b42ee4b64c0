"""The lines a change adds to a file: content checks judge only these, so a risky line already in
the file is not blamed on the change."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

_CONTINUED = ("\\", "|", "&&", "||")  # a shell command goes on on the next line


@dataclass(frozen=True)
class Added:
    """A logical line of the new text (continuation lines joined) that holds at least one added line."""

    line: int  # 1-based number, in the new text, of its first added physical line
    text: str


def added_lines(before: str | None, after: str | None) -> list[Added]:
    """Logical lines of ``after`` holding a line that ``before`` does not have (as many times).

    Lines ending in a shell continuation (``\\``, a pipe, ``&&``) are joined with the next one, so a
    command split over lines is judged whole.
    """
    if not after:
        return []
    remaining = Counter((before or "").splitlines())
    fresh: list[bool] = []
    lines = after.splitlines()
    for line in lines:
        old = remaining[line] > 0
        remaining[line] -= old
        fresh.append(not old)
    out: list[Added] = []
    start = 0
    for i, line in enumerate(lines):
        if _continues(line) and i + 1 < len(lines):
            continue
        group = range(start, i + 1)
        first = next((j for j in group if fresh[j]), None)
        if first is not None:
            out.append(
                Added(line=first + 1, text=" ".join(lines[j].strip().removesuffix("\\") for j in group))
            )
        start = i + 1
    return out


def _continues(line: str) -> bool:
    stripped = line.strip()
    return stripped.endswith(_CONTINUED) and not stripped.startswith(
        "|"
    )  # a markdown table row ends in a pipe
