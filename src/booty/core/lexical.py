"""BM25 relevance of each file to the issue, per field (path, defined names, docstrings, text).

Uses ``bm25s`` (a maintained, numpy-only BM25 implementation). The short fields are indexed
whole. The text field of a large repository holds millions of tokens, so it is indexed only
for the issue's own terms, with length normalization off (``b=0``): that keeps BM25's idf and
saturating term frequency exact and indexes sympy in a fraction of a second instead of ~2 s.
Scores are divided by the query's best score so every field lands in 0..1.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import bm25s
import numpy as np

from booty.core.models import IndexedFile
from booty.core.tokens import IDENTIFIER, identifier_tokens, path_tokens, tokens

FIELDS = ("path", "names", "doc", "text")


def bm25_fields(files: Sequence[IndexedFile], query: str) -> dict[str, np.ndarray]:
    """Normalized BM25 score of every file for ``query``, one array (aligned with ``files``) per field."""
    terms = set(tokens(query))
    short = {
        "path": [path_tokens(f.path) for f in files],
        "names": [tokens(" ".join(s.name for s in f.symbols)) for f in files],
        "doc": [tokens(" ".join(s.doc for s in f.symbols if s.doc)) for f in files],
    }
    scores = {name: _bm25(docs, terms, b=0.75) for name, docs in short.items()}
    scores["text"] = _bm25(_query_term_occurrences(files, terms), terms, b=0.0)
    return scores


def _query_term_occurrences(files: Sequence[IndexedFile], terms: set[str]) -> list[list[str]]:
    """Each file's text reduced to the occurrences of query terms (identifier parts included)."""
    raw = [Counter(IDENTIFIER.findall(f.text)) for f in files]
    vocabulary: set[str] = set().union(*raw) if raw else set()
    relevant = {}
    for word in vocabulary:
        hits = [t for t in identifier_tokens(word) if t in terms]
        if hits:
            relevant[word] = hits
    keys = relevant.keys()
    docs = []
    for counts in raw:
        doc: list[str] = []
        for word in counts.keys() & keys:
            for term in relevant[word]:
                doc.extend([term] * counts[word])
        docs.append(doc)
    return docs


def _bm25(docs: list[list[str]], terms: set[str], *, b: float) -> np.ndarray:
    if not docs or not terms:
        return np.zeros(len(docs))
    model = bm25s.BM25(b=b)
    model.index([doc or [""] for doc in docs], show_progress=False)
    query = [t for t in terms if t in model.vocab_dict]
    if not query:
        return np.zeros(len(docs))
    scores = np.asarray(model.get_scores(query), dtype=float)
    best = scores.max()
    return scores / best if best > 0 else scores
