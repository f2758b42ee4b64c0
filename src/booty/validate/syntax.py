"""Does an edited file still parse? Real parsers where the language has one, tree-sitter elsewhere.

Python is compiled (``compile``, which also catches errors ``ast.parse`` lets through, such as
``return`` outside a function); JSON, YAML and TOML go through ``json``, PyYAML and ``tomllib``
(tsconfig, jsconfig and VS Code files and ``*.jsonc`` as JSON with comments); JavaScript,
TypeScript/TSX, Go, Rust, Java, C, C++, Ruby, PHP, C# and shell scripts through their
tree-sitter grammar wheels (``tree_sitter_<lang>``; tree-sitter-language-pack 1.x would download
grammars at run time, which a network-less container cannot do); a ``.h`` header may be C or
C++. Files of other types are not checked. A file that was already broken before the edit is
blamed only when the edit adds errors.
"""

from __future__ import annotations

import importlib
import json
import re
import tomllib
import warnings
from collections import Counter
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

import yaml

from booty.models import Problem

if TYPE_CHECKING:
    import tree_sitter

Finding = tuple[int | None, str]  # (1-based line, message)
MAX_REPORTED = 3

_GRAMMARS = {
    ".js": ("tree_sitter_javascript", "language"), ".mjs": ("tree_sitter_javascript", "language"),
    ".cjs": ("tree_sitter_javascript", "language"), ".jsx": ("tree_sitter_javascript", "language"),
    ".ts": ("tree_sitter_typescript", "language_typescript"),
    ".mts": ("tree_sitter_typescript", "language_typescript"),
    ".cts": ("tree_sitter_typescript", "language_typescript"),
    ".tsx": ("tree_sitter_typescript", "language_tsx"),
    ".go": ("tree_sitter_go", "language"), ".rs": ("tree_sitter_rust", "language"),
    ".java": ("tree_sitter_java", "language"), ".c": ("tree_sitter_c", "language"),
    ".h": ("tree_sitter_c", "language"), ".cc": ("tree_sitter_cpp", "language"),
    ".cpp": ("tree_sitter_cpp", "language"), ".cxx": ("tree_sitter_cpp", "language"),
    ".hpp": ("tree_sitter_cpp", "language"), ".hh": ("tree_sitter_cpp", "language"),
    ".hxx": ("tree_sitter_cpp", "language"), ".rb": ("tree_sitter_ruby", "language"),
    ".php": ("tree_sitter_php", "language_php"), ".cs": ("tree_sitter_c_sharp", "language"),
    ".sh": ("tree_sitter_bash", "language"), ".bash": ("tree_sitter_bash", "language"),
}  # fmt: skip
_ALSO = {".h": (("tree_sitter_cpp", "language"),)}  # a header may be C++ as well as C
_PYTHON_GRAMMAR = ("tree_sitter_python", "language")


@cache
def _parser(module: str, function: str) -> tree_sitter.Parser | None:
    """A tree-sitter parser for the grammar wheel ``module``, or None when it is not installed."""
    try:
        import tree_sitter

        grammar = importlib.import_module(module)
    except ImportError:
        return None
    return tree_sitter.Parser(tree_sitter.Language(getattr(grammar, function)()))


def _tree_errors(grammar: tuple[str, str], text: str) -> list[Finding] | None:
    """ERROR and MISSING nodes of ``text`` (outermost only); None when the grammar is absent."""
    parser = _parser(*grammar)
    if parser is None:
        return None
    found: list[Finding] = []
    stack = [parser.parse(text.encode("utf-8", "surrogatepass")).root_node]
    while stack:
        node = stack.pop()
        line = node.start_point[0] + 1
        if node.is_missing:
            found.append((line, f"missing `{node.type}`"))
        elif node.is_error:
            snippet = (node.text or b"").decode("utf-8", "replace").strip().splitlines()  # None only for trees parsed from a callback
            found.append((line, f"unexpected `{snippet[0][:60]}`" if snippet else "unexpected input"))
        elif node.has_error:
            stack.extend(reversed(node.children))
    return sorted(found, key=lambda f: f[0] or 0)


def _python(text: str) -> list[Finding]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escapes etc. are warnings, not syntax errors
            compile(text, "<edit>", "exec", dont_inherit=True)
    except SyntaxError as err:
        return [(err.lineno, err.msg)]
    except ValueError as err:  # NUL bytes (Python 3.11)
        return [(None, str(err))]
    return []


def _json(text: str) -> list[Finding]:
    try:
        json.loads(text)
    except json.JSONDecodeError as err:
        return [(err.lineno, err.msg)]
    return []


# JSON with comments and trailing commas, the dialect of tsconfig/jsconfig and VS Code settings;
# strings are matched first so that "//" or "/*" inside them stay content.
_JSONC_NAMES = re.compile(r"(?:^|/)(?:[^/]+\.jsonc|[tj]sconfig[^/]*\.json|\.eslintrc\.json|devcontainer\.json|\.vscode/[^/]+\.json)$")
_JSONC_COMMENT = re.compile(r'"(?:\\.|[^"\\\n])*"|//[^\n]*|/\*.*?\*/', re.S)
_JSONC_COMMA = re.compile(r'"(?:\\.|[^"\\\n])*"|,(?=\s*[}\]])')


def _blank(match: re.Match[str]) -> str:
    """A string unchanged; a comment or comma as spaces, its line breaks kept (so lines still count)."""
    return match[0] if match[0].startswith('"') else re.sub(r"[^\n]", " ", match[0])


def _jsonc(text: str) -> list[Finding]:
    return _json(_JSONC_COMMA.sub(_blank, _JSONC_COMMENT.sub(_blank, text)))


def _yaml(text: str) -> list[Finding]:
    try:
        for _ in yaml.compose_all(text, Loader=yaml.SafeLoader):  # tags are not constructed
            pass
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        return [(mark.line + 1 if mark else None, str(getattr(err, "problem", None) or err))]
    return []


def _toml(text: str) -> list[Finding]:
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        at = re.search(r"line (\d+)", str(err))
        return [(int(at.group(1)) if at else None, str(err))]
    return []


_PARSERS: dict[str, Callable[[str], list[Finding]]] = {
    ".py": _python, ".pyi": _python, ".json": _json, ".jsonc": _jsonc, ".ipynb": _json,
    ".yml": _yaml, ".yaml": _yaml, ".toml": _toml,
}  # fmt: skip


def _suffix(path: str) -> str:
    """The file's type: its suffix, or ``.jsonc`` for the JSON files that allow comments."""
    if _JSONC_NAMES.search(path):
        return ".jsonc"
    name = path.rsplit("/", 1)[-1]
    return name[name.rfind(".") :].lower() if "." in name[1:] else ""


def checked_languages() -> list[str]:
    """File suffixes whose syntax is checked here (grammar wheels that are not installed excluded)."""
    return sorted([*_PARSERS, *(s for s, g in _GRAMMARS.items() if _parser(*g) is not None)])


def _errors(suffix: str, text: str, grammar: tuple[str, str] | None) -> list[Finding] | None:
    if suffix in _PARSERS:
        return _PARSERS[suffix](text)
    return _tree_errors(grammar, text) if grammar else None


def _beyond(old: list[Finding], new: list[Finding]) -> list[Finding]:
    """Findings of ``new`` not accounted for by ``old`` (matched by message: lines shift)."""
    if len(new) <= len(old):
        return []
    left = Counter(message for _, message in old)
    extra = []
    for line, message in new:
        if left[message]:
            left[message] -= 1
        else:
            extra.append((line, message))
    return extra or new


def _added(suffix: str, grammar: tuple[str, str] | None, before: str | None, after: str) -> list[Finding]:
    """The errors ``after`` has that ``before`` (None: a new file), which may already have been
    broken, did not have."""
    found = _errors(suffix, after, grammar)
    if not found or before is None:
        return found or []
    if grammar:
        return _beyond(_errors(suffix, before, grammar) or [], found)
    if not _errors(suffix, before, None):
        return found
    if suffix in (".py", ".pyi"):  # compile stops at the first error: compare tree-sitter's counts
        old, new = _tree_errors(_PYTHON_GRAMMAR, before), _tree_errors(_PYTHON_GRAMMAR, after)
        return _beyond(old, new) if old is not None and new is not None else []
    return []


def check_syntax(path: str, before: str | None, after: str) -> list[Problem]:
    """Syntax problems ``after`` has and ``before`` (None for a new file) did not have.

    A file with several possible grammars (a ``.h`` header is C or C++) is judged by the one
    under which the edit adds the fewest errors.
    """
    suffix = _suffix(path)
    grammars = [g for g in (_GRAMMARS.get(suffix), *_ALSO.get(suffix, ())) if g and _parser(*g)] or [None]
    found = min((_added(suffix, g, before, after) for g in grammars), key=len)
    return [
        Problem(path=path, line=line, kind="syntax", message=f"Syntax error: {message}")
        for line, message in found[:MAX_REPORTED]
    ]
