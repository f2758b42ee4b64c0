"""The outline of a file: its definitions and signatures, one line each, with the first docstring
line. It tells the planner what a file offers at a fraction of its tokens."""

from __future__ import annotations

from functools import lru_cache

from booty.locate.python_symbols import python_symbols
from booty.models import IndexedFile, Symbol

_HEAD_LINES = 5  # files without definitions (docs, config) show their first lines instead


def outline(file: IndexedFile, *, compact: bool = False) -> str:
    """One line per class/function/method (``line: signature  # doc``), methods indented.

    ``compact`` leaves methods and docstrings out, for large files that must fit a small budget.
    """
    symbols = (_exact_symbols(file.text) or file.symbols) if file.language == "python" else file.symbols
    if compact:
        symbols = tuple(s.model_copy(update={"doc": ""}) for s in symbols if s.kind != "method")
    if not symbols:
        head = [line.rstrip() for line in file.text.splitlines() if line.strip()][:_HEAD_LINES]
        return "\n".join(line[:160] for line in head)
    lines = []
    for symbol in symbols:
        indent = "    " if symbol.kind == "method" else ""
        doc = symbol.doc.splitlines()[0].strip() if symbol.doc else ""
        text = f"{symbol.line:>5}: {indent}{symbol.signature or symbol.name}"
        lines.append(f"{text}  # {doc[:120]}" if doc else text)
    return "\n".join(lines)


@lru_cache(maxsize=128)
def _exact_symbols(text: str) -> tuple[Symbol, ...]:
    """``ast``'s reading of a Python file (cached: the same file is outlined for several budgets)."""
    return python_symbols(text)
