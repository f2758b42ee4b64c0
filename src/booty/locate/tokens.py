"""Tokenization shared by the index, the issue and the lexical ranker.

Code and prose meet on identifiers: ``parse_expr``, ``ParseError`` and "parse error" should all
share the token ``parse``. Every identifier yields its lowercased whole form plus, when it is a
compound, its snake_case / camelCase parts. Results are memoized per identifier because a large
repository repeats the same identifiers millions of times.
"""

from __future__ import annotations

import re
from functools import lru_cache

IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_PARTS = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")

# English glue words and Python keywords that say nothing about which file an issue concerns.
STOPWORDS = frozenset(
    """a an and are as at be been but by can could did do does doing for from had has have how i if
    in into is it its just me my no not of on or our should so some such than that the their them
    then there these they this those to too was we were what when where which while who why will
    with would you your also am any all only same very get got use used using like one two want
    def self cls return import none true false pass else elif try except raise class lambda
    yield assert del global nonlocal async await""".split()
)


@lru_cache(maxsize=200_000)
def identifier_tokens(word: str) -> tuple[str, ...]:
    """Lowercased ``word`` plus its compound parts (``parse_expr`` -> parse_expr, parse, expr)."""
    whole = word.lower().strip("_")
    if not whole:
        return ()
    if word.islower() or word.isupper():  # no camel humps: splitting on "_" is enough (and fast)
        parts = [p for p in whole.split("_") if p]
    else:
        parts = [p.lower() for p in _PARTS.findall(word)]
    if len(parts) <= 1:
        return (whole,)
    return (whole, *[p for p in parts if p != whole])


def tokens(text: str) -> list[str]:
    """The token stream of ``text`` (one entry per occurrence), for short fields and queries."""
    out: list[str] = []
    for word in IDENTIFIER.findall(text):
        out.extend(t for t in identifier_tokens(word) if len(t) > 1 and t not in STOPWORDS)
    return out


def path_tokens(path: str) -> list[str]:
    """Tokens of a repository path: directories, stem and extension all count."""
    return tokens(path.replace("/", " ").replace(".", " ").replace("-", " "))
