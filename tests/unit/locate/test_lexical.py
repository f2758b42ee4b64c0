"""BM25 per field (path, defined names, docstrings, text, and the title alone), each scaled to 0..1."""

from __future__ import annotations

import numpy as np

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
        field: dict(zip(PATHS, values.tolist(), strict=True))
        for field, values in bm25_fields(INDEX.files, query).items()
    }


def test_every_field_is_scored_for_every_file_and_the_best_file_scores_one():
    got = bm25_fields(INDEX.files, "parse_expr fails on empty input")
    assert set(got) == {"path", "names", "doc", "text", "title", "title_names"}
    for values in got.values():
        assert len(values) == len(PATHS) and (values.max() in (0.0, 1.0)) and values.min() >= 0


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
    text = dict(
        zip([f.path for f in index.files], bm25_fields(index.files, "parse")["text"].tolist(), strict=True)
    )
    assert text["short.py"] == 1.0 and 0 < text["long.py"] < 1.0


def test_nothing_to_match_scores_zero_and_an_empty_repository_scores_nothing():
    assert all(not values.any() for values in bm25_fields(INDEX.files, "the of and").values())
    assert all(isinstance(v, np.ndarray) and v.size == 0 for v in bm25_fields([], "parse").values())
