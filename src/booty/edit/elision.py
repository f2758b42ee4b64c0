"""Detect "lazy" whole-file answers: a comment standing in for code the model did not write out.

A marker such as ``# ... rest of the file unchanged`` or ``// existing code`` is a problem only
when it is new (absent from the original) and sits where lines of the original disappeared, so
comments that merely contain "..." in a genuine edit are not mistaken for elisions.
"""

from __future__ import annotations

import difflib
import re

_COMMENT = r"^\s*(?:#|//|/\*+|\*|<!--|--|;|%|\{/\*)\s*"
_MARKER = re.compile(
    _COMMENT + r"(?:"
    r"(?:\.\.\.|…)"  # "# ..." / "// ... more"
    r"|.*\b(?:rest|remainder)\s+of\s+(?:the\s+)?(?:file|code|class|module|function|method|implementation|body|tests?)\b"
    r"|.*\b(?:existing|remaining|unchanged|previous|original|other)\s+(?:code|methods|functions|content|imports|lines|tests|implementation|logic)\b"
    r"|.*\b(?:code|content|implementation|file)\s+(?:unchanged|omitted|elided|remains\s+the\s+same|as\s+before)\b"
    r"|.*\bsame\s+as\s+(?:before|above|original)\b"
    r")",
    re.I,
)
MIN_LOST_LINES = 3  # a marker that replaces fewer lines is more likely a real comment


def is_marker(line: str) -> bool:
    """True when ``line`` is a comment of the kind models write in place of omitted code."""
    return bool(_MARKER.match(line))


def find_elision(before: str, after: str) -> tuple[int, str, int] | None:
    """(line in ``after``, marker line, original lines it replaced) for the first elision, if any."""
    old, new = before.splitlines(), after.splitlines()
    known = {line.strip() for line in old}
    candidates = {j for j, line in enumerate(new) if line.strip() not in known and is_marker(line)}
    if not candidates:
        return None
    ops = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    for n, (tag, i1, i2, j1, j2) in enumerate(ops):
        hits = sorted(c for c in candidates if j1 <= c < j2)
        if not hits or tag not in ("replace", "insert"):
            continue
        lost = i2 - i1
        for neighbour in (ops[n - 1] if n else None, ops[n + 1] if n + 1 < len(ops) else None):
            if neighbour and neighbour[0] == "delete":
                lost += neighbour[2] - neighbour[1]
        if lost >= MIN_LOST_LINES:
            return hits[0] + 1, new[hits[0]], lost
    return None
