"""The outline of a file: its definitions and signatures, one line each, with the first docstring
line. It tells the planner what a file offers at a fraction of its tokens."""

from __future__ import annotations

from booty.core.models import IndexedFile

_HEAD_LINES = 5  # files without definitions (docs, config) show their first lines instead


def outline(file: IndexedFile) -> str:
    """One line per class/function/method (``line: signature  # doc``), methods indented."""
    if not file.symbols:
        head = [line.rstrip() for line in file.text.splitlines() if line.strip()][:_HEAD_LINES]
        return "\n".join(line[:160] for line in head)
    lines = []
    for symbol in file.symbols:
        indent = "    " if symbol.kind == "method" else ""
        doc = symbol.doc.splitlines()[0].strip() if symbol.doc else ""
        text = f"{symbol.line:>5}: {indent}{symbol.signature or symbol.name}"
        lines.append(f"{text}  # {doc[:120]}" if doc else text)
    return "\n".join(lines)
