"""The one language table, and the index, the syntax check and the edit format reading it alike."""

from __future__ import annotations

from collections import Counter

import pytest

from booty.edit.formats import render_edit
from booty.languages import LANGUAGES, code_language, fence_info, grammar_of, language_of, load_grammar
from booty.locate.index import build_index
from booty.models import FileEdit
from booty.validate.syntax import check_syntax, checked_languages


def test_each_suffix_has_one_entry():
    counts = Counter(suffix for language in LANGUAGES for suffix in language.suffixes)
    assert [suffix for suffix, n in counts.items() if n > 1] == []
    assert all(suffix == suffix.lower() and suffix.startswith(".") for suffix in counts)


@pytest.mark.parametrize(
    "path, language",
    [
        ("pkg/mod.py", "python"), ("stubs/mod.pyi", "python"), ("MOD.PY", "python"), ("fast.pyx", "cython"),
        ("fast.pxd", "cython"), ("app.mjs", "javascript"), ("App.jsx", "javascript"), ("a.mts", "typescript"),
        ("a.tsx", "tsx"), ("lib.h", "c"), ("lib.hh", "cpp"), ("run.bash", "bash"), ("Main.cs", "csharp"),
        ("package.json", ""), ("tsconfig.json", ""), ("ci.yml", ""), ("README.md", ""), ("Makefile", ""),
        (".bashrc", ""), ("notes.txt", ""),
    ],
)  # fmt: skip
def test_code_language_is_what_the_index_records(path, language):
    assert code_language(path) == language
    index = build_index([path], lambda p: b"x = 1\n", never_read=lambda p: False)
    assert index.files[0].language == language


@pytest.mark.parametrize(
    "path, info",
    [
        ("a.py", "python"), ("a.jsx", "jsx"), ("a.js", "javascript"), ("a.cc", "cpp"), ("a.json", "json"),
        ("nb.ipynb", "json"), ("tsconfig.json", "jsonc"), ("a.yaml", "yaml"), ("a.md", "markdown"),
        ("a.pyx", "cython"), ("Makefile", ""), ("a.txt", ""),
    ],
)  # fmt: skip
def test_fence_info_heads_a_rendered_edit(path, info):
    assert fence_info(path) == info
    assert render_edit(FileEdit(path=path, kind="whole", content="x\n")) == f"{path}\n```{info}\nx\n```\n"


def test_the_info_string_follows_the_extension():  # moved from edit/test_formats.py (formats.language_of)
    assert [fence_info(p) for p in ("a/b.py", "x.TS", "c/Makefile", "dir.d/README", "notes.md")] == [
        "python", "typescript", "", "", "markdown"]  # fmt: skip


def test_json_with_comments_is_told_by_its_name():
    assert language_of("web/tsconfig.build.json").checker == "jsonc"
    assert language_of(".vscode/settings.json").checker == "jsonc"
    assert language_of("package.json").checker == "json"
    assert language_of("a.unknown") is None


def test_grammars_by_language_name():
    assert grammar_of("tsx") == ("tree_sitter_typescript", "language_tsx")
    assert grammar_of("typescript") == ("tree_sitter_typescript", "language_typescript")
    assert grammar_of("c") == ("tree_sitter_c", "language")  # a header's symbols are read as C
    assert grammar_of("cython") is None and grammar_of("json") is None and grammar_of("klingon") is None
    assert language_of("x.h").grammars == (("tree_sitter_c", "language"), ("tree_sitter_cpp", "language"))


def test_a_missing_grammar_wheel_is_no_grammar():
    assert load_grammar(("tree_sitter_klingon", "language")) is None
    assert load_grammar(("tree_sitter_javascript", "no_such_function")) is None
    assert load_grammar(("tree_sitter_javascript", "language")) is not None


def test_every_grammar_in_the_table_is_installed_for_the_tests():
    missing = {g for language in LANGUAGES for g in language.grammars if load_grammar(g) is None}
    assert missing == set()


def test_the_syntax_check_covers_every_suffix_with_a_checker_or_a_grammar():
    expected = sorted(s for lang in LANGUAGES if lang.checker or lang.grammars for s in lang.suffixes)
    assert checked_languages() == expected


@pytest.mark.parametrize(
    "path, good, bad",
    [
        ("a.mts", "export const x: number = 1;\n", "export const x: number = ;\n"),
        ("a.hh", "class A { int x; };\n", "class A { int x; \n"),
        ("run.bash", "if true; then\n  echo hi\nfi\n", "if true; then\n  echo hi\n"),
    ],
)
def test_suffixes_the_index_once_lacked_are_checked_and_indexed(path, good, bad):
    assert check_syntax(path, None, good) == []
    assert check_syntax(path, good, bad)
    index = build_index([path], lambda p: good.encode(), never_read=lambda p: False)
    assert index.files[0].language != ""


def test_symbols_of_a_language_come_from_its_grammar():
    index = build_index(
        ["a.mts"],
        lambda p: b"export function parse(text: string) { return text; }\n",
        never_read=lambda p: False,
    )
    assert [(s.name, s.kind) for s in index.files[0].symbols] == [("parse", "function")]
