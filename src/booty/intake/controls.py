"""Control characters and terminal escape sequences in untrusted text.

Issue text and model-written text may hold NUL, BEL, backspaces, ANSI colour codes or OSC
sequences (window titles, hyperlinks): invisible in a browser, able to rewrite what a terminal
shows, and refused by git and some APIs. ``strip_controls`` removes them from text Booty passes
on; ``show_controls`` makes them visible as escapes in log lines.
"""

from __future__ import annotations

import re
import unicodedata

# ESC- and C1-introduced sequences (ECMA-48): CSI, OSC/DCS/SOS/PM/APC strings, and two-byte escapes.
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI ... final byte: colours, cursor moves, erase
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]).*?(?:\x07|\x1b\\|\x9c|$)"  # OSC/DCS/...: to BEL, ST or line end
    r"|\x1b[ -/]*[0-~]",  # other escapes: charset selection, save/restore cursor, reset
    re.MULTILINE,
)
_KEPT = "\t\n"


def strip_controls(text: str) -> str:
    """``text`` without escape sequences and C0/C1 controls (tab and newline stay; a carriage
    return becomes a newline, so CRLF text keeps its lines and a lone CR cannot overwrite one)."""
    text = _ESCAPES.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    if text.isprintable():
        return text
    return "".join(ch for ch in text if ch in _KEPT or unicodedata.category(ch) != "Cc")


def show_controls(text: str) -> str:
    """``text`` with every C0/C1 control but tab and newline written as a visible escape (``\\x1b``)."""
    if text.isprintable():
        return text
    return "".join(
        ch if ch in _KEPT or unicodedata.category(ch) != "Cc" else f"\\x{ord(ch):02x}" for ch in text
    )
