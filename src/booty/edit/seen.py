"""A SEARCH block must copy lines the editor was shown.

With a regions view (``booty.edit.regions``) the model sees only parts of a file. A block whose
SEARCH text matches the real file once, but on lines outside those parts, was written from a
guess: its REPLACE was composed without the lines around it. Such a block is not applied; it
becomes a ``match`` problem on its first line, and the repair round shows the definition there.
Matching itself is unchanged: ``core.apply`` still requires an exact (or whitespace-only
different) unique match in the real file.
"""

from __future__ import annotations

from booty.edit.matching import Lines, locate, split_lines
from booty.edit.regions import FileView
from booty.models import FileEdit, Problem


def unseen_blocks(edit: FileEdit, before: str | None, view: FileView | None) -> list[Problem]:
    """A problem for every block of ``edit`` whose SEARCH matches ``before`` only on lines ``view`` did not show."""
    if view is None or view.whole or before is None or edit.kind != "search_replace":
        return []
    content = split_lines(before).content()
    problems = []
    for number, block in enumerate(edit.blocks, 1):
        where = _unique_match(content, [block.search, *(s for s, _ in block.readings)])
        if where is None:  # no single match in the file as it was: applying the blocks decides
            continue
        start, end = where
        if not view.shows(start, end):
            shown = ", ".join(f"{r.start}-{r.end}" for r in view.regions)
            problems.append(Problem(path=edit.path, line=start, kind="match", message=(
                f"SEARCH block {number} matches lines {start}-{end} of the file, which you were not shown "
                f"(you saw lines {shown}). They are shown now: write the block again from them.")))  # fmt: skip
    return problems


def _unique_match(content: list[str], searches: list[str]) -> tuple[int, int] | None:
    """Lines (1-based, inclusive) of the first SEARCH reading that matches ``content`` exactly once."""
    for search in searches:
        lines = Lines.from_text(search).content()
        if not any(line.strip() for line in lines):
            continue
        hit = locate(content, lines)
        if hit.count == 1:
            return hit.start + 1, hit.start + len(lines)
    return None
