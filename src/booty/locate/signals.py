"""Per-file evidence that an issue concerns a file: one number per signal, no LLM.

``compute_signals`` returns, for the files of an index, a list of numbers per signal (aligned with
``index.files``). ``rank`` weighs them; the bench learns those weights from these same arrays.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass

from booty.locate.lexical import bm25_fields
from booty.locate.mentions import Mentions, PathLookup, find_mentions
from booty.locate.reexports import defining_file
from booty.models import RepoIndex

SIGNALS = (
    "bm25_path",
    "bm25_names",
    "bm25_doc",
    "bm25_text",
    "bm25_title",
    "bm25_title_names",
    "path_mention",
    "trace_frame",
    "last_frame",
    "module_mention",
    "basename_mention",
    "qualified_name",
    "defines_class",
    "defines_function",
    "defines_method",
    "is_test",
    "is_docs",
    "is_example",
    "not_code",
    "is_init",
    "size",
)

_TEST = re.compile(r"(^|/)(tests?|testing)/|(^|/)test_[^/]*$|_tests?\.\w+$|(^|/)conftest\.py$")
_DOCS = re.compile(r"(^|/)(docs?|documentation)/|\.(rst|md|txt)$")
_EXAMPLE = re.compile(r"(^|/)(examples?|benchmarks?|bench|demos?|tutorials?|gallery|scripts?|tools?)/")


@dataclass(frozen=True)
class SignalTable:
    """Signal values for every indexed file: ``values[name][i]`` belongs to ``paths[i]``."""

    paths: list[str]
    values: dict[str, list[float]]
    mentions: Mentions


def compute_signals(issue_text: str, index: RepoIndex) -> SignalTable:
    """Every signal of ``SIGNALS`` for every file of ``index``."""
    files = index.files
    paths = [f.path for f in files]
    position = {p: i for i, p in enumerate(paths)}
    n = len(files)
    values = {name: [0.0] * n for name in SIGNALS}
    for field, scores in bm25_fields(files, issue_text).items():
        values[f"bm25_{field}"] = scores

    lookup = PathLookup(paths)
    mentions = find_mentions(issue_text, lookup)
    for name, found in (
        ("path_mention", mentions.paths),
        ("trace_frame", mentions.frames),
        ("module_mention", mentions.modules),
        ("basename_mention", mentions.basenames),
    ):
        for path, strength in found.items():
            values[name][position[path]] = min(1.0, strength)
    if mentions.last_frame:
        values["last_frame"][position[mentions.last_frame]] = 1.0

    definers: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for i, f in enumerate(files):
        for s in f.symbols:
            definers[s.name][i].add(s.kind)
    # `pkg.mod.Name` credits the file defining Name, following `from x import Name` re-exports.
    by_path = {f.path: f for f in files}
    for path, attrs in mentions.qualified.items():
        for attr in attrs:
            target = defining_file(by_path[path], attr, by_path, lookup)
            if target is not None:
                values["qualified_name"][position[target.path]] = 1.0

    # A name defined in one file points at it; a name defined in twenty barely points anywhere.
    sums = {k: [0.0] * n for k in ("class", "function", "method")}
    for name, weight in mentions.identifiers.items():
        where = definers.get(name)
        if not where:
            continue
        for i, kinds in where.items():
            for kind in kinds:
                sums[kind][i] += weight / len(where)
    for kind, total in sums.items():
        values[f"defines_{kind}"] = [1.0 - math.exp(-t) for t in total]

    for i, f in enumerate(files):
        values["is_test"][i] = float(bool(_TEST.search(f.path)))
        values["is_docs"][i] = float(bool(_DOCS.search(f.path)))
        values["is_example"][i] = float(bool(_EXAMPLE.search(f.path)))
        values["not_code"][i] = float(not f.language)
        values["is_init"][i] = float(f.path.endswith("__init__.py"))
    # Large modules are where most behaviour (and most fixes) live; log-scaled, 0..1 per repository.
    sizes = [math.log1p(f.size) for f in files]
    largest = max(sizes, default=0.0)
    values["size"] = [s / largest for s in sizes] if largest > 0 else sizes
    return SignalTable(paths=paths, values=values, mentions=mentions)
