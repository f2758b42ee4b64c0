"""Fenced code blocks that their content cannot close: files and outlines in the repository map,
files and earlier answers in the editor prompt, edits as the model writes them, diffs and test
output in pull requests and comments.

A fence is a run of backticks longer than the longest run anywhere in the content. CommonMark
only closes a fence on a line that starts with a run at least as long, so counting every run,
not only those that start a line, errs on the safe side and needs no knowledge of indentation.
"""

from __future__ import annotations

import re

_BACKTICKS = re.compile(r"`+")


def fence_marker(*texts: str, at_least: int = 3) -> str:
    """Backticks, at least ``at_least`` of them, longer than any backtick run in ``texts``."""
    longest = max((len(run) for text in texts for run in _BACKTICKS.findall(text)), default=0)
    return "`" * max(at_least, longest + 1)


def fence(text: str, info: str = "", *, at_least: int = 3) -> str:
    """``text`` as a fenced block whose opening fence carries ``info`` (a language, ``diff``):
    the fence, ``text`` and the fence on lines of their own, with no line break after the last."""
    marker = fence_marker(text, at_least=at_least)
    return f"{marker}{info}\n{text}\n{marker}"
