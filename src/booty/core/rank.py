"""Rank the files of a repository for an issue: a weighted sum of the signals in ``signals``.

The weights are learned offline by ``bench/learn_weights.py`` (logistic regression on the
development set, checked with leave-one-repository-out cross-validation) and written here by hand;
nothing is tuned per repository or per issue.
"""

from __future__ import annotations

import numpy as np

from booty.core.models import RankedFile, RepoIndex
from booty.core.signals import SIGNALS, SignalTable, compute_signals

WEIGHTS: dict[str, float] = {
    "bm25_path": 0.5, "bm25_names": 0.8, "bm25_doc": 0.3, "bm25_text": 1.0, "bm25_title": 0.3,
    "path_mention": 2.0, "trace_frame": 1.0, "last_frame": 1.0, "module_mention": 1.0,
    "basename_mention": 0.8, "qualified_name": 1.0,
    "defines_class": 1.5, "defines_function": 1.2, "defines_method": 0.6,
    "is_test": -1.5, "is_docs": -1.0, "is_example": -1.0, "not_code": -0.8, "is_init": -0.2, "size": 0.3,
}

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
    total = sum(weights.get(name, 0.0) * table.values[name] for name in SIGNALS)
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


def score_matrix(table: SignalTable) -> np.ndarray:
    """Signals as a (files x SIGNALS) matrix, for learning weights."""
    return np.stack([table.values[name] for name in SIGNALS], axis=1)
