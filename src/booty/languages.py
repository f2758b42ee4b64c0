"""What Booty knows about each kind of file, in one table: its language, the tree-sitter grammar
that reads its definitions and judges its syntax, the parser that checks it instead, and the info
string of a fence around it.

The index (``locate.index``) records the language of code files and takes their definitions from
the grammar (``locate.treesitter_symbols``; Python has its own scanner); the syntax check
(``validate.syntax``) uses the checker where there is one and the grammars otherwise; the edit
format (``edit.formats``) heads a file's fence with the info string. Grammars are separate wheels
(``tree_sitter_<lang>``): tree-sitter-language-pack 1.x would download them at run time, which a
network-less container cannot do, so a language whose wheel is absent is simply not parsed.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import PurePosixPath
from typing import Any

Grammar = tuple[str, str]  # a tree-sitter grammar wheel: (module, function returning its language)


@dataclass(frozen=True)
class Language:
    """One kind of file. ``code`` languages are indexed under ``name`` with their definitions; the
    others (data and prose) are indexed as plain text. Of several ``grammars`` (a ``.h`` header is
    C or C++) the first reads definitions and the syntax check tries each. ``checker`` names a
    parser in ``validate.syntax`` that judges the syntax instead of tree-sitter."""

    name: str
    suffixes: tuple[str, ...]
    code: bool = True
    grammars: tuple[Grammar, ...] = ()
    checker: str = ""
    info: str | None = None  # the fence's info string, when it is not ``name``

    @property
    def fence_info(self) -> str:
        return self.name if self.info is None else self.info


_PYTHON: Grammar = ("tree_sitter_python", "language")
_JAVASCRIPT: Grammar = ("tree_sitter_javascript", "language")
_C: Grammar = ("tree_sitter_c", "language")
_CPP: Grammar = ("tree_sitter_cpp", "language")

LANGUAGES: tuple[Language, ...] = (
    # compile() checks Python; its tree-sitter grammar only counts errors in a file broken before
    Language("python", (".py", ".pyi"), grammars=(_PYTHON,), checker="python"),
    Language("cython", (".pyx", ".pxd")),
    Language("javascript", (".js", ".mjs", ".cjs"), grammars=(_JAVASCRIPT,)),
    Language("javascript", (".jsx",), grammars=(_JAVASCRIPT,), info="jsx"),
    Language(
        "typescript", (".ts", ".mts", ".cts"), grammars=(("tree_sitter_typescript", "language_typescript"),)
    ),
    Language("tsx", (".tsx",), grammars=(("tree_sitter_typescript", "language_tsx"),)),
    Language("go", (".go",), grammars=(("tree_sitter_go", "language"),)),
    Language("rust", (".rs",), grammars=(("tree_sitter_rust", "language"),)),
    Language("java", (".java",), grammars=(("tree_sitter_java", "language"),)),
    Language("c", (".c",), grammars=(_C,)),
    Language("c", (".h",), grammars=(_C, _CPP)),  # a header may be C++ as well as C
    Language("cpp", (".cc", ".cpp", ".cxx", ".hpp", ".hh", ".hxx"), grammars=(_CPP,)),
    Language("ruby", (".rb",), grammars=(("tree_sitter_ruby", "language"),)),
    Language("php", (".php",), grammars=(("tree_sitter_php", "language_php"),)),
    Language("csharp", (".cs",), grammars=(("tree_sitter_c_sharp", "language"),)),
    Language("bash", (".sh", ".bash"), grammars=(("tree_sitter_bash", "language"),)),
    Language("json", (".json", ".ipynb"), code=False, checker="json"),
    Language("jsonc", (".jsonc",), code=False, checker="jsonc"),
    Language("yaml", (".yml", ".yaml"), code=False, checker="yaml"),
    Language("toml", (".toml",), code=False, checker="toml"),
    Language("markdown", (".md",), code=False),
    Language("rst", (".rst",), code=False),
    Language("html", (".html",), code=False),
    Language("css", (".css",), code=False),
)

_BY_SUFFIX = {suffix: language for language in LANGUAGES for suffix in language.suffixes}
# JSON with comments and trailing commas under a .json name: tsconfig/jsconfig, ESLint, VS Code.
_JSONC_NAMES = re.compile(
    r"(?:^|/)(?:[^/]+\.jsonc|[tj]sconfig[^/]*\.json|\.eslintrc\.json|devcontainer\.json|\.vscode/[^/]+\.json)$"
)


def language_of(path: str) -> Language | None:
    """The kind of file at ``path`` (by its suffix, any case), or None when Booty knows none."""
    if _JSONC_NAMES.search(path):
        return _BY_SUFFIX[".jsonc"]  # the name says more than the suffix
    return _BY_SUFFIX.get(PurePosixPath(path).suffix.lower())


def code_language(path: str) -> str:
    """The programming language the index records for ``path`` ('' for data, prose and unknown files)."""
    language = language_of(path)
    return language.name if language is not None and language.code else ""


def fence_info(path: str) -> str:
    """The info string for a fence around ``path``'s content ('' when unknown)."""
    language = language_of(path)
    return language.fence_info if language is not None else ""


def grammar_of(name: str) -> Grammar | None:
    """The grammar that reads definitions of the code language ``name``, or None when it has none."""
    for language in LANGUAGES:
        if language.name == name and language.code and language.grammars:
            return language.grammars[0]
    return None


@cache
def load_grammar(grammar: Grammar) -> Any | None:
    """The ``tree_sitter.Language`` of a grammar wheel, or None when the wheel is not installed."""
    try:
        import tree_sitter

        module = importlib.import_module(grammar[0])
        return tree_sitter.Language(getattr(module, grammar[1])())
    except (ImportError, AttributeError, ValueError):
        return None
