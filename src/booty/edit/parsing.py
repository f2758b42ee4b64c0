"""Parse the model's plain-text answer into ``FileEdit`` values (formats: ``booty.edit.formats``).

Each fenced block is headed by its file's path on the line before the opening fence. A block
whose first line is ``<<<<<<< SEARCH`` holds search/replace blocks, whose text is taken verbatim
up to the markers (so fences inside the code do not end it, and a ``=======`` line that may be
an underline in the code is settled against the file: ``_block``); ``<<<<<<< DELETE`` deletes the
file; anything else is the whole new file, ending at the first bare fence at least as long as
the opening one (CommonMark) that does not close a code block of the file itself. A fenced block
with no path line is an illustration and is ignored; malformed blocks become ``Problem``s the
model is shown in the repair round.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from booty.models import EditKind, FileEdit, Problem, SearchReplace
from booty.repo_path import normalize_path

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})[^`]*$")
_SEARCH = re.compile(r"^\s*<{5,9} ?SEARCH\s*$")
_DIVIDER = re.compile(r"^\s*={7}\s*$")
_REPLACE = re.compile(r"^\s*>{5,9} ?REPLACE\s*$")
_DELETE = re.compile(r"^\s*<{5,9} ?DELETE\s*$")
_PATH_PREFIX = re.compile(r"^(?:#+\s*|[-*]\s+)?(?:(?:file|path|filename)\s*:\s*)?", re.I)


@dataclass
class _Draft:
    kind: EditKind
    content: str = ""
    blocks: list[SearchReplace] = field(default_factory=list)


def _as_path(line: str, allowed: Collection[str] | None) -> str | None:
    """The path named on a header line, or None when the line is prose rather than a path.

    A bare name without "/" or "." (``Makefile``) counts only when the plan names it; prose that
    quotes exactly one path in backticks ("Here is `a/b.py`:") names that path.
    """
    text = _PATH_PREFIX.sub("", line.strip()).strip().strip("*`'\"").rstrip(":").strip("*`'\"")
    text = normalize_path(text)
    if text and allowed is not None and text in allowed:
        return text
    if text and not any(c.isspace() for c in text) and ("/" in text or "." in text.strip(".")):
        return None if text.endswith(".") else text
    quoted = [normalize_path(q) for q in re.findall(r"`([^`\s]+)`", line)]
    quoted = [q for q in quoted if "/" in q or "." in q.strip(".") or (allowed is not None and q in allowed)]
    return quoted[0] if len(quoted) == 1 else None


def _header(lines: list[str], at: int, allowed: Collection[str] | None) -> str | None:
    """The path on the nearest non-blank line before the fence at ``at`` (None if there is none)."""
    for k in range(at - 1, -1, -1):
        if lines[k].strip():
            return None if _FENCE.match(lines[k]) else _as_path(lines[k], allowed)
    return None


def _closes(line: str, fence: str) -> bool:
    bare = line.strip()
    return len(bare) >= len(fence) and set(bare) == {fence[0]}


def _whole_end(lines: list[str], j: int, fence: str) -> int | None:
    """The line closing a whole-file block whose content starts at ``j`` (None: never closed).

    Models often put a Markdown file, whose own code blocks use the same fence, inside a plain
    ``` fence: a fence line with an info string (```python) opens an inner block there, and the
    next bare fence closes that inner block, not the file.
    """
    depth = 0
    for k in range(j, len(lines)):
        if _closes(lines[k], fence):
            if not depth:
                return k
            depth -= 1
        elif (
            (inner := _FENCE.match(lines[k]))
            and inner.group(1)[0] == fence[0]
            and len(inner.group(1)) >= len(fence)
        ):
            depth += 1
    return None


def _blocks(
    lines: list[str], j: int, fence: str, path: str, problems: list[Problem]
) -> tuple[list[SearchReplace], int]:
    """Read SEARCH/REPLACE blocks from line ``j``; returns (blocks, index after the closing fence)."""
    blocks: list[SearchReplace] = []
    n = len(lines)
    while j < n:
        if not lines[j].strip():
            j += 1
        elif _closes(lines[j], fence):
            return blocks, j + 1
        elif _SEARCH.match(lines[j]):
            end = next((k for k in range(j + 1, n) if _REPLACE.match(lines[k])), None)
            dividers = [k for k in range(j + 1, n if end is None else end) if _DIVIDER.match(lines[k])]
            if not dividers or end is None:
                missing = "=======" if not dividers else ">>>>>>> REPLACE"
                problems.append(
                    Problem(
                        path=path,
                        kind="invalid",
                        message=f"SEARCH block {len(blocks) + 1} has no `{missing}` line.",
                    )
                )
                return blocks, n
            blocks.append(_block(lines, j, dividers, end))
            j = end + 1
        else:
            problems.append(
                Problem(
                    path=path,
                    kind="invalid",
                    message=f"Unexpected line between SEARCH/REPLACE blocks: {lines[j].strip()[:80]!r}. Put each block between `<<<<<<< SEARCH` and `>>>>>>> REPLACE` inside the fence.",
                )
            )
            return blocks, next((k + 1 for k in range(j, n) if _closes(lines[k], fence)), n)
    problems.append(Problem(path=path, kind="invalid", message="The fenced block is never closed."))
    return blocks, n


def _block(lines: list[str], start: int, dividers: list[int], end: int) -> SearchReplace:
    """The block from its SEARCH line ``start`` to its REPLACE line ``end``.

    A ``=======`` line may also be content (a docstring or reStructuredText underline). An
    unindented one is taken as the divider over indented ones; when several remain, every split
    is kept and ``apply`` takes the one whose SEARCH matches the file.
    """
    flush = [k for k in dividers if not lines[k][:1].isspace()]
    (search, replace), *others = [
        (_join(lines[start + 1 : k]), _join(lines[k + 1 : end])) for k in flush or dividers
    ]
    return SearchReplace(search=search, replace=replace, readings=tuple(others))


def _join(lines: list[str]) -> str:
    return "".join(line + "\n" for line in lines)


def parse_edits(
    text: str, *, allowed_paths: Collection[str] | None = None
) -> tuple[list[FileEdit], list[Problem]]:
    """Every file edit in ``text``, in order of first appearance, and the problems found.

    ``allowed_paths`` (the plan's files), when given, limits which paths may be edited. Several
    search/replace fences for one path are merged in order.
    """
    lines = text.replace("\r\n", "\n").split("\n")
    drafts: dict[str, _Draft] = {}
    problems: list[Problem] = []
    i, n = 0, len(lines)
    while i < n:
        opening = _FENCE.match(lines[i])
        if not opening:
            i += 1
            continue
        fence, path, j = opening.group(1), _header(lines, i, allowed_paths), i + 1
        first = lines[j] if j < n else ""
        if j + 1 < n and (_SEARCH.match(lines[j + 1]) or _DELETE.match(lines[j + 1])):
            inner = _as_path(first, allowed_paths)  # the path written inside the fence instead
            if inner:
                path, j = inner, j + 1
                first = lines[j]
        if _SEARCH.match(first) and not path and allowed_paths is not None and len(allowed_paths) == 1:
            path = next(iter(allowed_paths))  # SEARCH blocks are an edit, and only one file may be edited
        if _SEARCH.match(first) or _DELETE.match(first):
            path = path or ""
            if not path:
                problems.append(
                    Problem(
                        kind="invalid",
                        message=f"The edit block at line {i + 1} has no file path on the line before its opening fence.",
                    )
                )
        if _SEARCH.match(first):
            blocks, i = _blocks(lines, j, fence, path or "", problems)
            draft = _Draft("search_replace", blocks=blocks)
        elif _DELETE.match(first):
            i = next((k + 1 for k in range(j + 1, n) if _closes(lines[k], fence)), n)
            draft = _Draft("delete")
        else:
            end = _whole_end(lines, j, fence)
            if end is None and path:
                problems.append(
                    Problem(path=path, kind="invalid", message="The fenced block is never closed.")
                )
            i = n if end is None else end + 1
            body = lines[j : end if end is not None else n]
            if end is None or not path:
                continue
            if any(_SEARCH.match(b) for b in body) and any(_REPLACE.match(b) for b in body):
                problems.append(
                    Problem(
                        path=path,
                        kind="invalid",
                        message=(
                            "The block mixes file content with SEARCH/REPLACE markers: start the fence with "
                            "`<<<<<<< SEARCH`, or write the whole file without markers."
                        ),
                    )
                )
                continue
            draft = _Draft("whole", content=_join(body))
        if path:
            _merge(drafts, path, draft, problems)
    return _finish(drafts, problems, allowed_paths)


def _merge(drafts: dict[str, _Draft], path: str, draft: _Draft, problems: list[Problem]) -> None:
    seen = drafts.get(path)
    if seen is None:
        drafts[path] = draft
    elif seen.kind == draft.kind == "search_replace":
        seen.blocks.extend(draft.blocks)
    else:
        problems.append(
            Problem(
                path=path,
                kind="invalid",
                message=f"The file is edited twice ({seen.kind} and {draft.kind}); give one edit per file.",
            )
        )


def _finish(
    drafts: dict[str, _Draft], problems: list[Problem], allowed: Collection[str] | None
) -> tuple[list[FileEdit], list[Problem]]:
    edits: list[FileEdit] = []
    for path, d in drafts.items():
        if allowed is not None and path not in allowed:
            names = ", ".join(sorted(allowed)) or "none"
            problems.append(
                Problem(path=path, kind="path", message=f"This file is not in the plan; edit only: {names}.")
            )
            continue
        if d.kind == "search_replace" and not d.blocks:
            problems.append(
                Problem(path=path, kind="invalid", message="The fenced block holds no SEARCH/REPLACE block.")
            )
            continue
        edits.append(FileEdit(path=path, kind=d.kind, content=d.content, blocks=tuple(d.blocks)))
    if not edits and not problems:
        problems.append(
            Problem(
                kind="invalid",
                message="No edit found: put each file's path on the line before a fenced block.",
            )
        )
    return edits, problems
