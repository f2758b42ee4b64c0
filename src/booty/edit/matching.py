"""Line-level text surgery for search/replace edits: exact, whitespace-tolerant and nearest matches.

Files are handled as lines that keep their own line endings, so a CRLF or mixed-ending file and
a file without a final newline come out exactly as they went in, except for the lines replaced.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

_LINE = re.compile(r"[^\n]*\n|[^\n]+$")


def _strip_eol(raw: str) -> str:
    return raw[:-2] if raw.endswith("\r\n") else raw[:-1] if raw.endswith("\n") else raw


@dataclass
class Lines:
    """A file as lines, each with its line ending ('' for a last line without one)."""

    raw: list[str]
    eol: str = "\n"  # ending given to new lines: the file's dominant one

    @classmethod
    def from_text(cls, text: str, *, eol: str = "\n") -> Lines:
        """``text`` as lines whose endings are all ``eol`` (the form of model-written text)."""
        raw = [_strip_eol(r) + (eol if r.endswith("\n") else "") for r in _LINE.findall(text)]
        return cls(raw, eol)

    @property
    def final_newline(self) -> bool:
        return not self.raw or self.raw[-1].endswith("\n")

    @final_newline.setter
    def final_newline(self, value: bool) -> None:
        if self.raw and not value:
            self.raw[-1] = _strip_eol(self.raw[-1])

    def content(self) -> list[str]:
        return [_strip_eol(r) for r in self.raw]

    def text(self) -> str:
        return "".join(self.raw)

    def replace(self, start: int, count: int, new: list[str]) -> None:
        """Replace ``count`` lines at ``start`` by ``new``, keeping a missing final newline missing."""
        at_end = start + count == len(self.raw) and not self.final_newline
        self.raw[start : start + count] = [line + self.eol for line in new]
        if at_end and new:
            self.final_newline = False


def split_lines(text: str) -> Lines:
    """``text`` as ``Lines``, its dominant line ending taken as the one for new lines."""
    crlf = text.count("\r\n")
    eol = "\r\n" if crlf and crlf * 2 >= text.count("\n") else "\n"
    return Lines(_LINE.findall(text), eol)


@dataclass
class Hit:
    """Where a SEARCH matched; ``adapt`` shifts REPLACE lines by the indentation difference found."""

    starts: list[int] = field(default_factory=list)
    add: str = ""  # indentation the file has beyond the search text
    remove: str = ""  # indentation the search text has beyond the file

    @property
    def count(self) -> int:
        return len(self.starts)

    @property
    def start(self) -> int:
        return self.starts[0]

    def adapt(self, replace: list[str]) -> list[str]:
        if not (self.add or self.remove):
            return replace
        return [self.add + line.removeprefix(self.remove) if line.strip() else line for line in replace]


def _windows(content: list[str], search: list[str], same: Callable[[str, str], bool]) -> list[int]:
    n, first = len(search), search[0]
    return [
        i for i in range(len(content) - n + 1)
        if same(content[i], first) and all(same(content[i + k], search[k]) for k in range(1, n))
    ]  # fmt: skip


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def _uniform_shift(window: list[str], search: list[str]) -> Hit | None:
    """The constant indentation difference between ``window`` and ``search``, if there is one."""
    pairs = [(_indent(f), _indent(s)) for f, s in zip(window, search, strict=True) if s.strip()]
    f0, s0 = pairs[0]
    if f0.endswith(s0):
        extra = f0[: len(f0) - len(s0)]
        if all(f == extra + s for f, s in pairs):
            return Hit(add=extra)
    if s0.endswith(f0):
        extra = s0[: len(s0) - len(f0)]
        if all(s == extra + f for f, s in pairs):
            return Hit(remove=extra)
    return None


def locate(content: list[str], search: list[str]) -> Hit:
    """Starts of ``search`` in ``content``: exact lines first, then whitespace-tolerant.

    Each level is tried only when the one before found nothing, so a tolerant match is used only
    where no exact one exists; the caller accepts a hit only when ``count == 1``.
    """
    exact = _windows(content, search, str.__eq__)
    if exact:
        return Hit(exact)
    trailing = _windows(content, search, lambda a, b: a.rstrip() == b.rstrip())
    if trailing:
        return Hit(trailing)
    shifted = [(i, _uniform_shift(content[i : i + len(search)], search))
               for i in _windows(content, search, lambda a, b: a.strip() == b.strip())]  # fmt: skip
    found = [(i, h) for i, h in shifted if h is not None]
    if len(found) == 1:
        i, hit = found[0]
        return Hit([i], add=hit.add, remove=hit.remove)
    return Hit([i for i, _ in found])


def closest_window(content: list[str], search: list[str]) -> tuple[int, list[str]]:
    """The run of ``len(search)`` lines of ``content`` most like ``search`` (start, lines)."""
    if not content or not search:
        return 0, []
    where: dict[str, list[int]] = defaultdict(list)
    for i, line in enumerate(content):
        if line.strip():
            where[line.strip()].append(i)
    votes: dict[int, int] = defaultdict(int)
    for k, line in enumerate(search):
        for i in where.get(line.strip(), ()):
            votes[i - k] += 1
    if not votes:  # no line in common: anchor on lines resembling a search line
        for k, line in enumerate(s for s in search[:5] if s.strip()):
            for near in difflib.get_close_matches(line.strip(), list(where), n=3, cutoff=0.6):
                for i in where[near]:
                    votes[i - k] += 1
    if not votes:
        return 0, []
    best = sorted(votes, key=lambda s: -votes[s])[:5]
    target = "\n".join(search)

    def similarity(start: int) -> float:
        lo = max(start, 0)
        return difflib.SequenceMatcher(None, "\n".join(content[lo : lo + len(search)]), target).ratio()

    start = max(0, max(best, key=similarity))
    return start, content[start : start + len(search)]
