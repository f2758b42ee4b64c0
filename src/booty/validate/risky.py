"""Risky content a change adds: code downloaded and run in one step, and Unicode bidi controls.

Only added lines are judged (``added_lines``). Messages name the line and the reason, never the
line's text: the same problems name a refused hand-off proposal without showing it.
"""

from __future__ import annotations

import re
import unicodedata

from booty.models import Problem
from booty.validate.added import added_lines

# Commands and calls that fetch from the network (shell, PowerShell, .NET).
_FETCH = (
    r"(?:\b(?:curl|wget|aria2c|iwr|irm|Invoke-WebRequest|Invoke-RestMethod)\b"
    r"|\bNew-Object\s+(?:System\.)?Net\.WebClient\b|\.Download(?:String|Data|File)\s*\()"
)
# Programs that run what they are given: shells, interpreters, PowerShell's Invoke-Expression.
_RUNNER = (
    r"(?:(?:/usr)?(?:/local)?/bin/|/usr/bin/env\s+|env\s+)?"
    r"(?:(?:ba|z|da|k|fi|c|tc|a|mk|yash|ash)?sh|python[0-9.]*|perl|ruby|node|php|deno|bun|pwsh|powershell"
    r"|iex|Invoke-Expression|source)\b"
)
_SUDO = r"(?:sudo\b(?:\s+-\S+)*\s+)?"
_PIPED = re.compile(rf"{_FETCH}.*?(?<!\|)\|(?!\|)\s*{_SUDO}{_RUNNER}", re.I)  # curl ... | sh, iwr ... | iex
_SUBSTITUTED = re.compile(  # bash <(curl ...), sh -c "$(curl ...)", eval `wget ...`, iex (iwr ...)
    rf"(?:{_RUNNER}|\beval\b|(?<![\w.])\.)(?:\s+-\S+)*\s*(?:<\(|[\"']?\$\(|[\"']?`|\(+\s*)\s*(?:\[[^\]]*\]::\w+\(\s*)?\(*\s*{_FETCH}",
    re.I,
)
# curl -o x.sh URL && sh x.sh; wget URL/x.sh; chmod +x x.sh && ./x.sh; iwr URL -OutFile x.ps1; .\\x.ps1
_FETCH_STEP = re.compile(rf"{_FETCH}[^;&|]*", re.I)
_SAVED_AS = re.compile(r"(?:\s-o|\s-O|--output(?:-document)?|-OutFile|>)\s*=?\s*[\"']?([^\s\"';&|]+)", re.I)
_URL_NAME = re.compile(r"[a-z]+://\S*/([^\s/?#\"']+)", re.I)
_RUN_FILE = re.compile(
    rf"(?:&&|;)\s*{_SUDO}(?:{_RUNNER}\s+(?:-\S+\s+)*|chmod\s+\S*x\s+|&\s*)?[\"']?(\S+?)[\"']?(?=\s|$|;|&)",
    re.I,
)

# Trojan Source (CVE-2021-42574): embeddings, overrides and isolates reorder how a line is shown.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

REMOTE_EXECUTION = (
    "runs code downloaded from the network in the same step (a download piped into a shell or "
    "interpreter, or run as soon as it lands): nobody can review what will run. Download a pinned "
    "release, check its checksum, and run it as a separate step, or use the package manager."
)


def check_risky(path: str, before: str | None, after: str | None) -> list[Problem]:
    """Problems of the lines ``after`` adds to ``before``: remote code run blind, bidi controls."""
    problems: list[Problem] = []
    for added in added_lines(before, after):
        text = added.text
        if _PIPED.search(text) or _SUBSTITUTED.search(text) or _runs_download(text):
            problems.append(
                Problem(path=path, line=added.line, kind="risky", message=f"This line {REMOTE_EXECUTION}")
            )
        bidi = sorted({ch for ch in text if ch in BIDI_CONTROLS})
        if bidi:
            names = ", ".join(f"U+{ord(ch):04X} {unicodedata.name(ch)}" for ch in bidi)
            problems.append(
                Problem(
                    path=path,
                    line=added.line,
                    kind="risky",
                    message=(
                        f"This line contains invisible Unicode bidi control characters ({names}), which make code "
                        "display differently from how it runs (Trojan Source); remove them."
                    ),
                )
            )
    return problems


def _runs_download(text: str) -> bool:
    """True when a later command of the line runs (or makes executable) a file the line downloads."""
    for step in _FETCH_STEP.finditer(text):
        saved = {m.group(1) for m in _SAVED_AS.finditer(step.group())} | set(_URL_NAME.findall(step.group()))
        names = {_basename(n) for n in saved if n not in ("-", "/dev/stdout")}
        later = text[step.end() :]
        if any(_basename(m.group(1)) in names for m in _RUN_FILE.finditer(later)):
            return True
    return False


def _basename(path: str) -> str:
    return re.split(r"[\\/]", path)[-1]
