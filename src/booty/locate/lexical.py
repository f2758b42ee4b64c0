"""BM25 relevance of each file to the issue, per field (path, defined names, docstrings, text),
plus the text's relevance to the issue's title alone.

BM25 is Lucene's variant (k1=1.5, b=0.75, as ``bm25s`` and Lucene compute it), in plain Python:
only the issue's own terms are ever counted, so the index is a few thousand small dictionaries
however many distinct words a repository holds, and no numeric library is loaded (numpy was 55 MB
of the image and a tenth of a second of every run). Each file keeps its true length, so length
normalization sees the whole file. Scores are divided by the query's best score so every field
lands in 0..1.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from booty.locate.tokens import identifier_tokens, path_tokens, tokens
from booty.models import IndexedFile

K1, B = 1.5, 0.75
_DIGITS = b"0123456789"
# Bytes that can be part of an identifier stay, every other byte becomes a space: splitting the
# result yields IDENTIFIER's matches, some with leading digits (``2x``), which are stripped.
_WORD_BYTES = bytes(c if chr(c).isascii() and (chr(c).isalnum() or c == ord("_")) else 32 for c in range(256))


@dataclass(frozen=True)
class _Field:
    """One field of every file: the counts of the query's terms, and each file's length in tokens."""

    counts: list[Counter[str]]
    lengths: list[int]

    @classmethod
    def of_tokens(cls, docs: Iterable[list[str]], wanted: set[str]) -> _Field:
        counts, lengths = [], []
        for doc in docs:
            counts.append(Counter(t for t in doc if t in wanted))
            lengths.append(len(doc))
        return cls(counts, lengths)


def bm25_fields(files: Sequence[IndexedFile], query: str) -> dict[str, list[float]]:
    """Normalized BM25 score of every file for ``query``, one list (aligned with ``files``) per field."""
    terms = set(tokens(query))
    # The title is the issue's own summary: its words, on their own, are separate signals.
    title = set(tokens(query.split("\n", 1)[0]))
    paths = _Field.of_tokens((path_tokens(f.path) for f in files), terms)
    names = _Field.of_tokens((tokens(" ".join(s.name for s in f.symbols)) for f in files), terms)
    docs = _Field.of_tokens((tokens(" ".join(s.doc for s in f.symbols if s.doc)) for f in files), terms)
    text = _text_field(files, terms)
    return {
        "path": _bm25(paths, terms),
        "names": _bm25(names, terms),
        "doc": _bm25(docs, terms),
        "text": _bm25(text, terms),
        "title": _bm25(text, title),
        "title_names": _bm25(names, title),
    }


def _text_field(files: Sequence[IndexedFile], terms: set[str]) -> _Field:
    """Each file's occurrences of query terms among its identifiers, and its length in identifiers.

    The identifier scan is the costliest step of ranking (40 MB of text on sympy), so it is done on
    bytes with a translation table and a split, about twice as fast as ``IDENTIFIER.findall``."""
    raw = [Counter(f.text.encode("utf-8").translate(_WORD_BYTES).split()) for f in files]
    vocabulary: set[bytes] = set().union(*raw) if raw else set()
    hits = _terms_per_word(vocabulary, terms)
    numbers = {w for w in vocabulary if w.isdigit()}  # no identifier: IDENTIFIER skips them
    counts, lengths = [], []
    for words in raw:
        found: Counter[str] = Counter()
        for word in words.keys() & hits.keys():
            for term in hits[word]:
                found[term] += words[word]
        counts.append(found)
        identifiers = sum(words.values()) - sum(words[w] for w in words.keys() & numbers)
        # A compound yields several terms (parse_expr: parse_expr, parse, expr): never fewer tokens than those.
        lengths.append(max(identifiers, found.total()))
    return _Field(counts, lengths)


def _terms_per_word(vocabulary: set[bytes], terms: set[str]) -> dict[bytes, list[str]]:
    """The query terms each word of the vocabulary yields (words yielding none are left out)."""
    if not terms:
        return {}
    # Every token of a word is a piece of the lowercased word, so only words holding a query term
    # can match one: one regular expression finds them among a large repository's 100,000 words.
    holds_term = re.compile(b"|".join(re.escape(t.encode("ascii")) for t in sorted(terms)))
    out = {}
    for word in vocabulary:
        if not holds_term.search(word.lower()):
            continue
        identifier = word.lstrip(_DIGITS).decode("ascii")
        found = [t for t in identifier_tokens(identifier) if t in terms] if identifier else []
        if found:
            out[word] = found
    return out


def _bm25(field: _Field, query: set[str]) -> list[float]:
    """BM25 of every file of ``field`` for ``query``, divided by the best score (all zeros when
    nothing matches). An empty document counts as one token long, as in ``bm25s``."""
    n = len(field.counts)
    if not n or not query:
        return [0.0] * n
    lengths = [max(1, length) for length in field.lengths]
    average = sum(lengths) / n
    frequency = Counter(t for counts in field.counts for t in counts.keys() & query)
    idf = {t: math.log(1 + (n - df + 0.5) / (df + 0.5)) for t, df in frequency.items()}
    scores = []
    for counts, length in zip(field.counts, lengths, strict=True):
        norm = K1 * (1 - B + B * length / average)
        scores.append(sum(idf[t] * tf / (tf + norm) for t, tf in counts.items() if t in idf))
    best = max(scores)
    return [s / best for s in scores] if best > 0 else scores
