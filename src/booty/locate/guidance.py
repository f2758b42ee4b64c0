"""Where a repository keeps guidance for contributors and coding agents.

AGENTS.md and CLAUDE.md at the root, ``.github/copilot-instructions.md``, and CONTRIBUTING as
Markdown, reStructuredText or plain text at the root, in ``docs/`` or in ``.github/`` (the places
GitHub looks for it), names in any case. Finding a path is not reading it: the caller reads only
what its never-read policy allows.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# In the order the documents are shown: agent instructions first, then contribution guides.
_PATTERNS = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"AGENTS\.md",
        r"CLAUDE\.md",
        r"\.github/copilot-instructions\.md",
        r"CONTRIBUTING\.(md|rst|txt)",
        r"docs/CONTRIBUTING\.(md|rst|txt)",
        r"\.github/CONTRIBUTING\.(md|rst|txt)",
    )
)
# Read even when git does not track them (a workflow step may write one); other spellings are
# found among the tracked files.
USUAL_NAMES = (
    "AGENTS.md",
    "CLAUDE.md",
    ".github/copilot-instructions.md",
    "CONTRIBUTING.md",
    ".github/CONTRIBUTING.md",
)


def guidance_paths(paths: list[str]) -> list[str]:
    """The guidance files among ``paths`` (repository-relative, POSIX), in showing order."""
    found = []
    for pattern in _PATTERNS:
        found += sorted(p for p in paths if pattern.fullmatch(p) and p not in found)
    return found


def distinct(docs: dict[str, str]) -> dict[str, str]:
    """``docs`` without repeats: CLAUDE.md is often a copy of (or a link to) AGENTS.md, and a copy
    must not take a second share of the guidance budget."""
    seen, kept = set(), {}
    for name, text in docs.items():
        key = text.strip()
        if key and key not in seen:
            seen.add(key)
            kept[name] = text
    return kept


def guidance_documents(paths: list[str], text_of: Callable[[str], str | None]) -> dict[str, str]:
    """The guidance documents among ``paths`` (and the usual names), read through ``text_of``
    (which returns None for what may not be read), each text once."""
    candidates = guidance_paths(list(dict.fromkeys([*paths, *USUAL_NAMES])))
    return distinct({name: text for name in candidates if (text := text_of(name))})
