"""Rank the files of a repository for an issue: a weighted sum of the signals in ``signals``.

The weights are learned offline by ``bench/learn_weights.py`` (a listwise softmax on the
development set, checked with leave-one-repository-out cross-validation) and copied here;
nothing is tuned per repository or per issue.
"""

from __future__ import annotations

from booty.locate.signals import SIGNALS, SignalTable, compute_signals
from booty.models import RankedFile, RepoIndex

# Fitted on the development set's 169 fetchable issues (bench/learn_weights.py, dump of
# bench/localize.py): leave-one-repository-out CV Acc@1/5/10 0.645/0.876/0.941, against
# 0.521/0.840/0.917 for the hand-set weights used before. Zero means the signal added nothing
# beyond the others (it still shows among a file's reasons).
WEIGHTS: dict[str, float] = {
    "bm25_path": 2.176, "bm25_names": 1.225, "bm25_doc": 1.358, "bm25_text": 2.068, "bm25_title": 3.447,
    "bm25_title_names": 1.085, "path_mention": 1.044, "trace_frame": 0.0, "last_frame": 0.397,
    "module_mention": 0.0, "basename_mention": 0.473, "qualified_name": 0.0,
    "defines_class": 1.461, "defines_function": 1.284, "defines_method": 0.0,
    "is_test": -2.714, "is_docs": -1.173, "is_example": -0.383, "not_code": -1.642, "is_init": -0.168, "size": 0.859,
}  # fmt: skip

# A lexical score counts as "fired" when it is at least this share of the query's best score.
_LEXICAL_FIRES = 0.5


def rank(issue_text: str, index: RepoIndex, *, limit: int = 50) -> list[RankedFile]:
    """The ``limit`` files most likely to be what ``issue_text`` is about, best first.

    ``signals`` names the evidence that fired for each file (e.g. ``trace_frame``,
    ``defines_class``, ``bm25_text``, and priors such as ``is_test``).
    """
    if not index.files:
        return []
    return rank_table(compute_signals(issue_text, index), WEIGHTS, limit=limit)


def rank_table(table: SignalTable, weights: dict[str, float], *, limit: int) -> list[RankedFile]:
    """Combine a ``SignalTable`` with ``weights``; ties keep the shorter (shallower) path first."""
    weighted = [(weights.get(name, 0.0), table.values[name]) for name in SIGNALS]
    total = [sum(w * values[i] for w, values in weighted) for i in range(len(table.paths))]
    order = sorted(range(len(table.paths)), key=lambda i: (-total[i], len(table.paths[i]), table.paths[i]))
    return [
        RankedFile(path=table.paths[i], score=round(float(total[i]), 4), signals=_fired(table, i))
        for i in order[:limit]
    ]


def _fired(table: SignalTable, i: int) -> tuple[str, ...]:
    fired = []
    for name in SIGNALS:
        value = float(table.values[name][i])
        if value > 0 and (value >= _LEXICAL_FIRES or not name.startswith("bm25_")) and name != "size":
            fired.append(name)
    return tuple(fired)
