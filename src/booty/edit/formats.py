"""How the model writes edits: the instructions it is given and the text form of a ``FileEdit``.

Code travels as plain text in fenced blocks (never inside JSON): each block is headed by the
file's path on the line before the opening fence. Three forms, parsed by ``booty.edit.parsing``:

* whole file -- the complete new content inside the fence (new and small files);
* search/replace -- one or more ``<<<<<<< SEARCH`` / ``=======`` / ``>>>>>>> REPLACE`` blocks
  inside the fence, in the style Aider uses (files over ``WHOLE_FILE_MAX_LINES``);
* delete -- a fence whose only line is ``<<<<<<< DELETE``.
"""

from __future__ import annotations

from typing import Literal

from booty.fences import fence_marker
from booty.languages import fence_info
from booty.models import FileEdit

# Measured on the gold edits of the 169-issue development set (``bench/oracle.py --sizes``,
# 246 modified files): whole-file output costs ~11 tokens per line of the file, search/replace a
# median of ~250 tokens whatever the size. Up to 100 lines the whole file costs at most ~600
# tokens more (<= $0.01 at Sonnet prices), about what one repair round after a failed SEARCH
# costs, and it cannot fail to match; at 101-150 lines it is already 5x the blocks, at 301-500
# lines 12x, beyond 500 lines 50x and more (and long whole files invite elisions).
WHOLE_FILE_MAX_LINES = 100

SEARCH, DIVIDER, REPLACE, DELETE = "<<<<<<< SEARCH", "=======", ">>>>>>> REPLACE", "<<<<<<< DELETE"

WHOLE_FILE_INSTRUCTIONS = """\
Write the complete new content of the file, every line of it, in one fenced code block. Put the
file's path alone on the line just before the opening fence:

path/to/file.py
```python
<the entire file, from its first line to its last>
```

Never abbreviate: comments such as "# ... rest unchanged" or "// existing code" are rejected,
because the file is replaced by exactly what you write. If the file itself contains lines
starting with ```, open and close the block with a longer fence such as ````."""

SEARCH_REPLACE_INSTRUCTIONS = """\
This file is large: do not rewrite it. Change it with SEARCH/REPLACE blocks. Put the file's path
alone on the line just before the opening fence, then one or more blocks inside the fence:

path/to/file.py
```python
<<<<<<< SEARCH
<lines copied exactly from the current file, including indentation and comments>
=======
<the lines that replace them>
>>>>>>> REPLACE
```

Rules: each SEARCH must match exactly one place in the file, character for character, so
include a few unchanged lines around the change when needed to make it unique. Keep each
block small: only the lines that change plus that context. Blocks are applied in order; use
several blocks for changes in several places. To delete lines, leave REPLACE empty."""


def choose_format(current_text: str | None) -> Literal["whole", "search_replace"]:
    """Whole file for a new file or one of at most ``WHOLE_FILE_MAX_LINES`` lines; blocks otherwise."""
    if current_text is None or len(current_text.splitlines()) <= WHOLE_FILE_MAX_LINES:
        return "whole"
    return "search_replace"


def instructions_for(current_text: str | None) -> str:
    """The instructions matching ``choose_format`` for a file with this current content."""
    if choose_format(current_text) == "whole":
        return WHOLE_FILE_INSTRUCTIONS
    return SEARCH_REPLACE_INSTRUCTIONS


def _body(text: str) -> str:
    """``text`` with exactly one line break at its end, or '' for no lines at all."""
    return text if text.endswith("\n") or not text else text + "\n"


def render_edit(edit: FileEdit) -> str:
    """The text a model writes for ``edit``; ``parse_edits`` turns it back into the same edit."""
    if edit.kind == "delete":
        return f"{edit.path}\n```\n{DELETE}\n```\n"
    if edit.kind == "whole":
        fence = fence_marker(edit.content)
        return f"{edit.path}\n{fence}{fence_info(edit.path)}\n{_body(edit.content)}{fence}\n"
    fence = fence_marker(*(t for b in edit.blocks for t in (b.search, b.replace)))
    parts = [f"{edit.path}\n{fence}{fence_info(edit.path)}\n"]
    for block in edit.blocks:
        parts.append(f"{SEARCH}\n{_body(block.search)}{DIVIDER}\n{_body(block.replace)}{REPLACE}\n")
    parts.append(f"{fence}\n")
    return "".join(parts)
