"""What the editor saw, for the oracle's ``--editor-view regions`` run.

A model shown only parts of a file can write only SEARCH text it was shown. ``unseen_blocks``
reads a rendered editor prompt the way the model would -- the fenced "Lines a-b of path:"
parts, or the whole "Current content of path:" -- and counts the gold blocks whose SEARCH text
is not among them. It reads the prompt text, not Booty's view objects, so it also catches a
region rendered with the wrong lines.

``enclosing_names`` gives the plan what a planner writes when it names its targets: the
definitions (``Class.method``, ``function``) or module-level names (``PATTERN``) that hold the
gold change's lines, or for lines added between definitions the one above them ("add ... after
``name``"), read with ``ast`` independently of Booty's symbol readers. ``--plan-names prose`` leaves them out (the plan then
says only what the issue says).
"""

from __future__ import annotations

import ast
import difflib
import re

from booty.models import FileEdit

_REGION = re.compile(r"^Lines \d+-\d+ of [^\n]*:\n(`{3,})[^\n]*\n(.*?)\n\1$", re.M | re.S)
_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def shown_texts(file_part: str, path: str) -> list[str] | None:
    """The file text an editor prompt's file part showed: None when the whole file (or a new
    file) was shown."""
    if f"Current content of {path}:\n" in file_part or f"{path} does not exist yet" in file_part:
        return None
    return [m.group(2) for m in _REGION.finditer(file_part)]


def unseen_blocks(edit: FileEdit, file_part: str) -> int:
    """How many of ``edit``'s SEARCH texts the prompt's file part did not show."""
    shown = shown_texts(file_part, edit.path)
    if shown is None or edit.kind != "search_replace":
        return 0
    bodies = ["\n" + text + "\n" for text in shown]
    missing = 0
    for block in edit.blocks:
        wanted = "\n" + block.search.replace("\r\n", "\n").removesuffix("\n") + "\n"
        missing += not any(wanted in body for body in bodies)
    return missing


def enclosing_names(before: str, after: str) -> list[str]:
    """``Class.method`` / ``function`` names of the definitions holding the lines that change."""
    try:
        tree = ast.parse(before)
    except (SyntaxError, ValueError, RecursionError):
        return []
    defs: list[tuple[int, int, str]] = []
    _collect(tree, "", defs)
    assigned = _assigned(tree)
    names = []
    old, new = before.splitlines(), after.splitlines()
    for tag, i1, i2, _, _ in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        first, last = (i1 + 1, i2) if i2 > i1 else (max(1, i1), max(1, i1))  # added lines go after line i1
        holders = [d for d in defs if d[0] <= first and last <= d[1]]
        statement = [n for a, b, n in assigned if a <= first and last <= b]
        overlapped = [d[2] for d in defs + assigned if d[0] <= last and first <= d[1]]
        above = [d for d in defs + assigned if d[1] < first]
        if holders:
            found = [max(holders, key=lambda d: d[0])[2]]
        elif statement:
            found = statement[:1]
        elif overlapped:  # a change across definitions (one removed, say) names each of them
            found = overlapped
        elif above:  # between definitions: "add ... after `name`"
            found = [max(above, key=lambda d: d[1])[2]]
        else:
            found = [min(defs + assigned, key=lambda d: d[0])[2]] if defs or assigned else []
        names += [n for n in found if n not in names]
    return names


def _assigned(tree: ast.Module) -> list[tuple[int, int, str]]:
    """Module-level assignments to a plain name, also inside a top-level ``if``/``try`` (whose
    whole statement is then the name's place): (first line, last line, name)."""
    found = []
    for top in tree.body:
        nodes = ast.walk(top) if isinstance(top, (ast.If, ast.Try)) else [top]
        for node in nodes:
            targets = (
                node.targets
                if isinstance(node, ast.Assign)
                else [node.target]
                if isinstance(node, ast.AnnAssign)
                else []
            )
            found += [
                (top.lineno, top.end_lineno or top.lineno, t.id) for t in targets if isinstance(t, ast.Name)
            ]
    return found


def _collect(node: ast.AST, prefix: str, defs: list[tuple[int, int, str]]) -> None:
    """Definitions at module level (inside if/try too) and in classes, not inside functions."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, _DEFS):
            name = f"{prefix}.{child.name}" if prefix else child.name
            start = min([child.lineno, *(d.lineno for d in child.decorator_list)])
            defs.append((start, child.end_lineno or child.lineno, name))
            if isinstance(child, ast.ClassDef):
                _collect(child, name, defs)
        elif (
            isinstance(child, (ast.If, ast.Try, ast.With, ast.ExceptHandler))
            or type(child).__name__ == "TryStar"
        ):
            _collect(child, prefix, defs)
