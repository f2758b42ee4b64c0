"""Text a pull-request template leaves for its author to replace: ``<words in angle brackets>``
that are not an element GitHub renders nor a link, ``#XXXX``/``#xxxx``/``#NNNN``, ``Fixes #`` with
no number, and sentences to complete (``This pull request is to address ...``). Text inside HTML
comments and code is never a placeholder. Pure text scanning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from booty.publish.markdown_parts import HEADING, visible_lines, without_code_spans

# Elements GitHub renders; anything else in angle brackets is text left for the author to replace.
HTML_TAGS = frozenset(
    "a abbr b bdi bdo blockquote br caption cite code dd del details dfn div dl dt em figcaption figure h1 h2 h3 "
    "h4 h5 h6 hr i img ins kbd li mark ol p picture pre q rp rt ruby s samp small source span strike strong sub "
    "summary sup table tbody td tfoot th thead time tr tt u ul var video wbr".split()
)
_ANGLED = re.compile(r"<(?![!/])([^<>\n]+)>")
_HASH_PLACEHOLDER = re.compile(
    r"(?<![\w&])#(?:[Xx]{2,}|[Nn]{2,}|_+|\?+|\[[^\]\n]*\]|\{[^}\n]*\})(?!\w)"
    r"|\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?|refs?|see|issue)\s*:?\s*#(?=[\s(]|$)",
    re.I,
)
_STUB = re.compile(r"^\s*(?:[-*+]\s+)?(?:\w.*?)?(?:\.\.\.|…)\s*$")


@dataclass(frozen=True)
class Placeholder:
    line: int
    text: str
    kind: str  # "angled" <issue number> | "number" #XXXX, Fixes # | "stub" a sentence ending in "..."


def placeholders(text: str) -> list[Placeholder]:
    """Every placeholder of ``text``, in order."""
    found = []
    for line in visible_lines(text):
        if line.code:
            continue
        shown = without_code_spans(line.text)
        found += [
            Placeholder(line.number, m.group(0), "angled")
            for m in _ANGLED.finditer(shown)
            if _is_placeholder(m.group(1))
        ]
        found += [
            Placeholder(line.number, m.group(0).strip(), "number") for m in _HASH_PLACEHOLDER.finditer(shown)
        ]
        if _STUB.match(shown) and not HEADING.match(shown):
            found.append(Placeholder(line.number, shown.strip(), "stub"))
    return found


def _is_placeholder(inner: str) -> bool:
    inner = inner.strip()
    if (
        not inner
        or re.match(r"^[a-z][a-z0-9+.-]*:", inner, re.I)
        or inner.startswith("www.")
        or re.fullmatch(r"\S+@\S+", inner)
    ):
        return False  # an autolink or an e-mail address
    name = re.match(r"([A-Za-z][A-Za-z0-9-]*)(\s+[\w:-]+(\s*=\s*(\"[^\"]*\"|'[^']*'|\S+))?)*\s*/?$", inner)
    return not (name and name.group(1).casefold() in HTML_TAGS)
