"""Definitions in a Python file, read with the standard library's ``ast`` (exact, never fooled
by code inside strings or comments)."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from booty.models import Symbol

_MAX_SIGNATURE = 200
_MAX_DOC = 300
_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_Definition = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef


def python_symbols(text: str) -> tuple[Symbol, ...]:
    """Classes, functions and methods (one level of class nesting) in source order.

    A file that does not parse yields no symbols rather than an error: the ranker still has its
    path and text.
    """
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return ()
    lines = text.splitlines()
    found: list[Symbol] = []
    for node in _module_level(tree.body):
        _collect(node, lines, found, in_class=False, depth=0)
    return tuple(found)


def _module_level(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Top-level statements, looking inside ``if``/``try`` blocks (compat shims define things there)."""
    for node in body:
        if isinstance(node, (ast.If, ast.Try)):
            yield from _module_level(node.body)
            yield from _module_level(node.orelse)
            if isinstance(node, ast.Try):
                for handler in node.handlers:
                    yield from _module_level(handler.body)
        else:
            yield node


def _collect(node: ast.stmt, lines: list[str], found: list[Symbol], *, in_class: bool, depth: int) -> None:
    if not isinstance(node, _DEFS):
        return
    kind = "class" if isinstance(node, ast.ClassDef) else ("method" if in_class else "function")
    found.append(
        Symbol(
            name=node.name,
            kind=kind,
            line=node.lineno,
            signature=_header(node, lines),
            doc=_doc(node),
            end_line=node.end_lineno or 0,
        )
    )
    if isinstance(node, ast.ClassDef) and depth < 2:
        for child in node.body:
            _collect(child, lines, found, in_class=True, depth=depth + 1)


def _header(node: _Definition, lines: list[str]) -> str:
    """The ``def``/``class`` line(s) as written, up to the body, on one line."""
    start = node.lineno - 1
    body_line = node.body[0].lineno - 1 if node.body else start + 1
    end = max(start + 1, body_line)
    text = " ".join(line.strip() for line in lines[start:end])
    if text.endswith(":"):
        text = text[:-1]
    return text[:_MAX_SIGNATURE]


def _doc(node: _Definition) -> str:
    """First paragraph of the docstring, capped: enough for ranking and for an outline line."""
    try:
        doc = ast.get_docstring(node, clean=True)
    except TypeError:
        return ""
    if not doc:
        return ""
    return doc.split("\n\n", 1)[0].strip()[:_MAX_DOC]
