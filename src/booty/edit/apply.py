"""Apply parsed edits to file contents in memory: a ``ChangeSet`` and the problems met on the way.

Search/replace blocks are applied in order, each to the result of the ones before. A SEARCH must
match whole lines exactly once; if it matches nowhere, a copy differing only in whitespace
(trailing spaces, or the whole block indented by a constant amount) is accepted when it is
unique; otherwise the model is shown the closest lines of the file. A block that can be split
at more than one ``=======`` line is split where its SEARCH matches. A REPLACE that puts an
elision comment ("# ... existing code") in place of SEARCH lines is refused, as a lazy whole
file is. Line endings (CRLF, or mixed) and a missing final newline are kept as they were.
"""

from __future__ import annotations

from collections.abc import Mapping

from booty.edit.elision import find_elision
from booty.edit.matching import Lines, closest_window, locate, split_lines
from booty.fences import fence
from booty.models import ChangeSet, FileChange, FileEdit, Problem, SearchReplace


def apply_edits(
    edits: list[FileEdit], originals: Mapping[str, str | None]
) -> tuple[ChangeSet, list[Problem]]:
    """Apply ``edits`` to ``originals`` (path -> current text, None or missing when absent).

    A file with any problem is left out of the change set; the caller writes nothing while
    problems remain.
    """
    changes: list[FileChange] = []
    problems: list[Problem] = []
    for edit in edits:
        before = originals.get(edit.path)
        after, found = _apply_one(edit, before)
        problems.extend(found)
        if not found:
            changes.append(FileChange(path=edit.path, before=before, after=after))
    return ChangeSet(changes=tuple(changes)), problems


def _apply_one(edit: FileEdit, before: str | None) -> tuple[str | None, list[Problem]]:
    if edit.kind == "delete":
        if before is None:
            return None, [
                Problem(path=edit.path, kind="invalid", message="Cannot delete: the file does not exist.")
            ]
        return None, []
    if edit.kind == "whole":
        return _whole(edit.path, edit.content, before)
    return _search_replace(edit.path, edit.blocks, before)


def _whole(path: str, content: str, before: str | None) -> tuple[str | None, list[Problem]]:
    if before is None or before == "":
        return content, []
    elided = find_elision(before, content)
    if elided:
        line, marker, lost = elided
        return None, [
            Problem(
                path=path,
                line=line,
                kind="elision",
                message=(
                    f"The whole file must be written out: line {line} `{marker.strip()[:80]}` stands in for "
                    f"{lost} lines of the original. Write every line, or use SEARCH/REPLACE blocks."
                ),
            )
        ]
    doc = split_lines(before)
    new = Lines.from_text(content, eol=doc.eol)
    if not doc.final_newline and new.raw:
        new.final_newline = False
    return new.text(), []


def _search_replace(
    path: str, blocks: tuple[SearchReplace, ...], before: str | None
) -> tuple[str | None, list[Problem]]:
    doc = split_lines(before or "")
    problems: list[Problem] = []
    for number, block in enumerate(blocks, 1):
        search, replace = _split(doc, block)
        if not any(s.strip() for s in search):
            if doc.content() and any(s.strip() for s in doc.content()):
                problems.append(
                    Problem(
                        path=path,
                        kind="match",
                        message=(
                            f"SEARCH block {number} is empty, which only creates a new or empty file; "
                            "copy the lines to replace from the file."
                        ),
                    )
                )
                continue
            doc = Lines.from_text(block.replace, eol=doc.eol)
            continue
        if before is None:
            problems.append(
                Problem(
                    path=path,
                    kind="match",
                    message=(
                        f"SEARCH block {number} searches a file that does not exist yet; write new files whole."
                    ),
                )
            )
            continue
        hit = locate(doc.content(), search)
        elided = find_elision("\n".join(search), "\n".join(replace)) if hit.count == 1 else None
        if elided:
            line, marker, lost = elided
            problems.append(
                Problem(
                    path=path,
                    line=hit.start + line,
                    kind="elision",
                    message=(
                        f"SEARCH block {number}: its REPLACE line `{marker.strip()[:80]}` stands in for {lost} lines "
                        "of the SEARCH text, which would be deleted. Write out every line to keep, or search less."
                    ),
                )
            )
        elif hit.count == 1:
            doc.replace(hit.start, len(search), hit.adapt(replace))
        elif hit.count > 1:
            lines = ", ".join(str(s + 1) for s in hit.starts[:5])
            problems.append(
                Problem(
                    path=path,
                    line=hit.starts[0] + 1,
                    kind="match",
                    message=(
                        f"SEARCH block {number} matches {hit.count} places (lines {lines}); include more "
                        "surrounding lines so it matches exactly one."
                    ),
                )
            )
        else:
            problems.append(_did_you_mean(path, number, doc.content(), search))
    if problems:
        return None, problems
    return doc.text(), []


def _split(doc: Lines, block: SearchReplace) -> tuple[list[str], list[str]]:
    """(search, replace) lines of ``block``: of its readings, the one whose SEARCH matches ``doc``
    exactly once (the longest if several do: it has more lines of evidence), else the first."""
    readings = [
        (Lines.from_text(s, eol=doc.eol).content(), Lines.from_text(r, eol=doc.eol).content())
        for s, r in ((block.search, block.replace), *block.readings)
    ]
    if len(readings) == 1:
        return readings[0]
    unique = [
        (s, r) for s, r in readings if any(x.strip() for x in s) and locate(doc.content(), s).count == 1
    ]
    return max(unique, key=lambda sr: len(sr[0])) if unique else readings[0]


def _did_you_mean(path: str, number: int, content: list[str], search: list[str]) -> Problem:
    start, window = closest_window(content, search)
    head = f"SEARCH block {number} does not match the file exactly."
    if not window:
        return Problem(
            path=path,
            kind="match",
            message=f"{head} No similar lines found; copy the lines to replace from the file.",
        )
    shown = "\n".join(window)
    return Problem(
        path=path,
        line=start + 1,
        kind="match",
        message=(
            f"{head} Did you mean these lines ({start + 1}-{start + len(window)})?\n{fence(shown)}\n"
            "The SEARCH text must copy the current lines exactly, including indentation and comments."
        ),
    )
