"""Tokenization shared by the index, the issue and the lexical ranker: code and prose meet on identifiers."""

from __future__ import annotations

import pytest

from booty.locate.tokens import STOPWORDS, identifier_tokens, path_tokens, tokens


@pytest.mark.parametrize(
    "word, expected",
    [("parse_expr", ("parse_expr", "parse", "expr")), ("ParseError", ("parseerror", "parse", "error")),
     ("HTTPServer", ("httpserver", "http", "server")), ("parse", ("parse",)), ("MAX_SIZE", ("max_size", "max", "size")),
     ("__init__", ("init",)), ("_", ())],
)  # fmt: skip
def test_an_identifier_yields_its_whole_form_and_its_compound_parts(word, expected):
    assert identifier_tokens(word) == expected


def test_code_and_prose_share_tokens():
    assert {"parse", "error"} <= set(tokens("ParseError")) & set(tokens("a parse error")) & set(
        tokens("parse_error")
    )


def test_stopwords_and_one_letter_tokens_are_left_out_but_repeats_are_kept():
    assert tokens("The x of the parser, and the parser again") == ["parser", "parser", "again"]
    assert {"the", "def", "self", "return"} <= STOPWORDS


def test_every_part_of_a_path_counts():
    assert path_tokens("src/net-pkg/io_utils.py") == ["src", "net", "pkg", "io_utils", "io", "utils", "py"]
