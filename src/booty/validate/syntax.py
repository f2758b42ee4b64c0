"""Does an edited file still parse? Real parsers where the language has one, tree-sitter elsewhere.

Python is compiled (``compile``, which also catches errors ``ast.parse`` lets through, such as
``return`` outside a function); JSON, YAML and TOML go through ``json``, PyYAML and ``tomllib``
(tsconfig, jsconfig and VS Code files and ``*.jsonc`` as JSON with comments); JavaScript,
TypeScript/TSX, Go, Rust, Java, C, C++, Ruby, PHP, C# and shell scripts through their
tree-sitter grammar wheels (``tree_sitter_<lang>``; tree-sitter-language-pack 1.x would download
grammars at run time, which a network-less container cannot do); a ``.h`` header may be C or
C++. Files of other types are not checked; which file is which is ``booty.languages``' table. A
file that was already broken before the edit is blamed only when the edit adds errors.
"""

from __future__ import annotations

import json
import re
import tomllib
import warnings
from collections import Counter
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

import yaml

from booty.languages import LANGUAGES, Grammar, Language, language_of, load_grammar
from booty.models import Problem

if TYPE_CHECKING:
    import tree_sitter

Finding = tuple[int | None, str]  # (1-based line, message)
Checker = Callable[[str], list[Finding]]
MAX_REPORTED = 3


@cache
def _parser(grammar: Grammar) -> tree_sitter.Parser | None:
    """A tree-sitter parser for ``grammar``, or None when its wheel is not installed."""
    language = load_grammar(grammar)
    if language is None:
        return None
    import tree_sitter

    return tree_sitter.Parser(language)


def _tree_errors(grammar: Grammar, text: str) -> list[Finding] | None:
    """ERROR and MISSING nodes of ``text`` (outermost only); None when the grammar is absent."""
    parser = _parser(grammar)
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
            snippet = (
                (node.text or b"").decode("utf-8", "replace").strip().splitlines()
            )  # None only for trees parsed from a callback
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


_CHECKERS: dict[str, Checker] = {
    "python": _python, "json": _json, "jsonc": _jsonc, "yaml": _yaml, "toml": _toml,
}  # fmt: skip


def checked_languages() -> list[str]:
    """File suffixes whose syntax is checked here (grammar wheels that are not installed excluded)."""
    return sorted(
        suffix
        for language in LANGUAGES
        if language.checker in _CHECKERS or any(_parser(g) is not None for g in language.grammars)
        for suffix in language.suffixes
    )


def _errors(checker: Checker | None, grammar: Grammar | None, text: str) -> list[Finding] | None:
    if checker is not None:
        return checker(text)
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


def _added(language: Language, grammar: Grammar | None, before: str | None, after: str) -> list[Finding]:
    """The errors ``after`` has that ``before`` (None: a new file), which may already have been
    broken, did not have."""
    checker = _CHECKERS.get(language.checker)
    found = _errors(checker, grammar, after)
    if not found or before is None:
        return found or []
    if grammar:
        return _beyond(_errors(checker, grammar, before) or [], found)
    if not _errors(checker, None, before):
        return found
    if language.grammars:  # the checker stops at the first error (compile): compare tree-sitter's counts
        old, new = _tree_errors(language.grammars[0], before), _tree_errors(language.grammars[0], after)
        return _beyond(old, new) if old is not None and new is not None else []
    return []


def check_syntax(path: str, before: str | None, after: str) -> list[Problem]:
    """Syntax problems ``after`` has and ``before`` (None for a new file) did not have.

    A file with several possible grammars (a ``.h`` header is C or C++) is judged by the one
    under which the edit adds the fewest errors.
    """
    language = language_of(path)
    if language is None:
        return []
    tried: list[Grammar | None] = (
        [] if language.checker in _CHECKERS else [g for g in language.grammars if _parser(g)]
    )
    found = min((_added(language, g, before, after) for g in tried or [None]), key=len)
    return [
        Problem(path=path, line=line, kind="syntax", message=f"Syntax error: {message}")
        for line, message in found[:MAX_REPORTED]
    ]
