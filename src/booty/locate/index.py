"""Build the ``RepoIndex``: the readable text files of a repository with their definitions.

Pure: the caller injects ``read`` (bytes or None), so the same code indexes a work tree, a git
export or a test's dictionary. Secret files are filtered *before* reading: ``read`` is never
called for a path where ``never_read(path)`` is true.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

from booty.languages import code_language
from booty.locate.python_scan import scan_python
from booty.locate.treesitter_symbols import treesitter_symbols
from booty.models import IndexedFile, RepoIndex, Symbol

# Directories whose content is vendored, generated or installed, never the project's own code.
_SKIP_DIRS = frozenset(
    {
        "node_modules",
        "vendor",
        "bower_components",
        "__pycache__",
        ".git",
        ".tox",
        ".nox",
        ".venv",
        "venv",
        "site-packages",
        ".mypy_cache",
        ".pytest_cache",
    }
)
_SKIP_SUFFIXES = (".min.js", ".min.css", ".map", "_pb2.py", ".lock", "-lock.json", ".pyc")
# Extensions that are binary: skipped without reading them.
_BINARY = frozenset(
    (
        ".png .jpg .jpeg .gif .bmp .ico .svgz .pdf .zip .gz .tgz .bz2 .xz .7z .tar .whl .egg .jar .class "
        ".so .dll .dylib .exe .o .a .bin .dat .npy .npz .pkl .pickle .h5 .hdf5 .fits .mo .woff .woff2 "
        ".ttf .otf .eot .mp3 .mp4 .wav .ogg .avi .mov .sqlite .db .xlsx .docx .pptx .psd"
    ).split()
)


def build_index(
    paths: Iterable[str],
    read: Callable[[str], bytes | None],
    *,
    never_read: Callable[[str], bool],
    max_file_bytes: int = 500_000,
) -> RepoIndex:
    """Index every readable UTF-8 text file among ``paths`` (POSIX, repository-relative).

    Skipped: never-read paths (not even read), vendored/generated/binary paths (not read),
    files ``read`` returns None for, files over ``max_file_bytes``, files with NUL bytes or
    that are not UTF-8. Python definitions come from a fast line scanner (``python_scan``; the
    outline of packed files re-reads them exactly with ``ast``), other languages' from tree-sitter.
    """
    files: list[IndexedFile] = []
    for path in paths:
        if never_read(path) or is_skipped_path(path):
            continue
        data = read(path)
        if data is None or len(data) > max_file_bytes or b"\x00" in data[:8192]:
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
        language = code_language(path)
        files.append(
            IndexedFile(
                path=path, size=len(data), language=language, text=text, symbols=symbols_of(text, language)
            )
        )
    return RepoIndex(files=tuple(files))


def is_skipped_path(path: str) -> bool:
    """True for vendored, generated and binary paths, which are never indexed."""
    parts = path.split("/")
    if any(part in _SKIP_DIRS for part in parts[:-1]):
        return True
    name = parts[-1].lower()
    return name.endswith(_SKIP_SUFFIXES) or PurePosixPath(name).suffix in _BINARY


def symbols_of(text: str, language: str) -> tuple[Symbol, ...]:
    """Definitions in ``text``: scanned for Python, tree-sitter where a grammar is installed."""
    if language == "python":
        return scan_python(text)
    if language:
        return treesitter_symbols(text, language)
    return ()
