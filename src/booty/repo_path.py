"""The one spelling of a repository path, for the plan's paths and the editor's answers alike.

A model writes ``./README.md``, ``README.md `` or ``calc//ops.py`` for ``README.md`` and
``calc/ops.py``; unless both sides are spelled the same, an answer never matches its plan.
Only what cannot change the file meant is removed: surrounding whitespace, ``./`` segments and
repeated slashes. What the path policy decides on -- a leading ``/``, ``..``, a trailing ``/``,
backslashes, every character of a name -- is kept, so the policy judges exactly what is written.
"""

from __future__ import annotations

import re

_SLASHES = re.compile(r"/{2,}")


def normalize_path(path: str) -> str:
    """``path`` as every stage spells it (see the module docstring); ``"."`` for the root itself."""
    text = _SLASHES.sub("/", path.strip())
    while text.startswith("./"):
        text = text[2:]
    while "/./" in text:
        text = text.replace("/./", "/")
    if text.endswith("/."):
        text = text[:-1]
    return text or ("." if path.strip() else "")
