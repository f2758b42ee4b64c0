"""BM25 relevance of each file to the issue, per field (path, defined names, docstrings, text).

Uses ``bm25s`` (a maintained, numpy-only BM25 implementation with sparse precomputed scores).
Scores are divided by the best score of the query so every field lands in 0..1.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import bm25s
import numpy as np

from booty.core.models import IndexedFile
from booty.core.tokens import path_tokens, token_counts, tokens

FIELDS = ("path", "names", "doc", "text")


def field_counts(file: IndexedFile) -> dict[str, Counter[str]]:
    """Term frequencies of one file's four fields."""
    return {
        "path": Counter(path_tokens(file.path)),
        "names": Counter(tokens(" ".join(s.name for s in file.symbols))),
        "doc": Counter(tokens(" ".join(s.doc for s in file.symbols if s.doc))),
        "text": token_counts(file.text),
    }


def bm25_fields(files: Sequence[IndexedFile], query: str) -> dict[str, np.ndarray]:
    """Normalized BM25 score of every file for ``query``, one array (aligned with ``files``) per field."""
    query_terms = sorted(set(tokens(query)))
    per_file = [field_counts(f) for f in files]
    return {name: _scores([c[name] for c in per_file], query_terms) for name in FIELDS}


def _scores(docs: list[Counter[str]], query_terms: list[str]) -> np.ndarray:
    if not docs:
        return np.zeros(0)
    vocab: dict[str, int] = {"": 0}  # bm25s scores empty documents with the empty token
    corpus: list[list[int]] = []
    for counts in docs:
        ids: list[int] = []
        for term, n in counts.items():
            ids.extend([vocab.setdefault(term, len(vocab))] * n)
        corpus.append(ids or [0])
    model = bm25s.BM25()
    model.index((corpus, vocab), show_progress=False)
    query_ids = [vocab[t] for t in query_terms if t in vocab]
    if not query_ids:
        return np.zeros(len(docs))
    scores = np.asarray(model.get_scores(query_ids), dtype=float)
    best = scores.max()
    return scores / best if best > 0 else scores
