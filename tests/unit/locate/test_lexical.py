"""BM25 per field (path, defined names, docstrings, text, and the title alone), each scaled to 0..1."""

from __future__ import annotations

import math

from booty.locate.index import build_index
from booty.locate.lexical import bm25_fields

FILES = {
    "README.md": b"# proj\n\nA project.\n",
    "docs/guide.md": b"# Guide\nHow to parse things.\n",
    "pkg/parser.py": b'def parse_expr(text):\n    """Parse an expression."""\n    return text\n',
    "pkg/render.py": b"def render(tree):\n    return str(tree)\n" + b"x = 1\n" * 200,
}
INDEX = build_index(sorted(FILES), FILES.get, never_read=lambda p: False)
PATHS = [f.path for f in INDEX.files]


def scores(query: str) -> dict[str, dict[str, float]]:
    return {
        field: dict(zip(PATHS, values, strict=True))
        for field, values in bm25_fields(INDEX.files, query).items()
    }


def test_every_field_is_scored_for_every_file_and_the_best_file_scores_one():
    got = bm25_fields(INDEX.files, "parse_expr fails on empty input")
    assert set(got) == {"path", "names", "doc", "text", "title", "title_names"}
    for values in got.values():
        assert len(values) == len(PATHS) and (max(values) in (0.0, 1.0)) and min(values) >= 0


def test_the_defining_file_wins_on_names_docs_and_text():
    got = scores("parse_expr fails on empty input")
    for field in ("names", "doc", "text"):
        assert max(got[field], key=got[field].get) == "pkg/parser.py" and got[field]["pkg/parser.py"] == 1.0
    assert got["names"]["pkg/render.py"] == 0.0


def test_the_title_is_a_signal_of_its_own():
    got = scores("Crash in parse_expr\nThe render output is also wrong")
    assert got["title"]["pkg/parser.py"] == 1.0 and got["title"]["pkg/render.py"] == 0.0
    assert got["path"]["pkg/render.py"] == 1.0  # the body's words still count in the other fields


def test_a_long_file_is_normalized_by_its_true_length():
    files = {"short.py": b"def parse(): pass\n", "long.py": b"def parse(): pass\n" + b"y = 2\n" * 500}
    index = build_index(sorted(files), files.get, never_read=lambda p: False)
    text = dict(zip([f.path for f in index.files], bm25_fields(index.files, "parse")["text"], strict=True))
    assert text["short.py"] == 1.0 and 0 < text["long.py"] < 1.0


def test_nothing_to_match_scores_zero_and_an_empty_repository_scores_nothing():
    assert all(not any(values) for values in bm25_fields(INDEX.files, "the of and").values())
    assert all(values == [] for values in bm25_fields([], "parse").values())


def test_scores_are_lucene_bm25_of_the_whole_file():
    # Two files; "parse" occurs twice in a 4-identifier file and once in a 2-identifier one.
    files = {"a.txt": b"parse parse alpha beta\n", "b.txt": b"parse gamma\n", "c.txt": b"delta 42\n"}
    index = build_index(sorted(files), files.get, never_read=lambda p: False)
    got = dict(zip([f.path for f in index.files], bm25_fields(index.files, "parse")["text"], strict=True))
    n, df, average = 3, 2, (4 + 2 + 1) / 3  # "42" is no identifier: c.txt is 1 identifier long
    idf = math.log(1 + (n - df + 0.5) / (df + 0.5))

    def bm25(tf: int, length: int) -> float:
        return idf * tf / (tf + 1.5 * (1 - 0.75 + 0.75 * length / average))

    best = max(bm25(2, 4), bm25(1, 2))
    assert math.isclose(got["a.txt"], bm25(2, 4) / best) and math.isclose(got["b.txt"], bm25(1, 2) / best)
    assert got["c.txt"] == 0.0


def test_identifiers_are_read_as_the_tokenizer_reads_them():
    # Leading digits are no part of an identifier, non-ASCII letters split words, compounds count
    # for each of their parts.
    files = {"a.py": b"2parse_expr = caf\xc3\xa9parse\n", "b.py": b"render = 1\n"}
    index = build_index(sorted(files), files.get, never_read=lambda p: False)
    text = bm25_fields(index.files, "parse expr")["text"]
    assert text[0] == 1.0 and text[1] == 0.0
