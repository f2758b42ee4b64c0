"""Learn one weight per ranking signal from signal dumps of ``bench/localize.py --dump``.

    python bench/learn_weights.py DUMP.pkl [DUMP.pkl ...]

The model is a listwise softmax over each instance's files (maximize the probability of the gold
files), with L2 regularization, fitted with Adam in numpy. It reports leave-one-
repository-out cross-validated Acc@1/5/10 (each repository scored by weights learned on the
others) next to the hand-set weights in ``booty.locate.rank``, then prints weights fitted on all
repositories, to be copied into ``rank.WEIGHTS``.
"""

from __future__ import annotations

import pickle
import sys
from collections import defaultdict

import numpy as np

from booty.locate.rank import WEIGHTS
from booty.locate.signals import SIGNALS

L2 = 0.01
PRIORS = {"is_test", "is_docs", "is_example", "not_code", "is_init"}  # may be negative
STEPS = 300
LEARNING_RATE = 0.05


def load(paths: list[str]) -> list[dict]:
    rows = []
    for path in paths:
        with open(path, "rb") as f:
            rows.extend(pickle.load(f))
    for row in rows:
        gold = set(row["gold"])
        row["y"] = np.array([p in gold for p in row["paths"]], dtype=float)
        row["target"] = row["y"] / max(1.0, row["y"].sum())
    return [r for r in rows if r["y"].any()]  # instances whose gold files are all new cannot teach


def fit(rows: list[dict], start: np.ndarray, l2: float = L2) -> np.ndarray:
    """Adam on the mean listwise softmax loss (gold files share the target mass) plus L2.

    Evidence never counts against a file: every weight but the priors' is kept >= 0 (without
    this, correlated signals such as ``trace_frame`` and ``path_mention`` take opposite signs,
    which cross-validates no better and makes the ranking's reasons unreadable).
    """
    lower = np.array([-np.inf if name in PRIORS else 0.0 for name in SIGNALS])
    w = np.maximum(start, lower)
    m, v = np.zeros_like(w), np.zeros_like(w)
    for step in range(1, STEPS + 1):
        grad = l2 * w
        for row in rows:
            z = row["X"] @ w
            p = np.exp(z - z.max())
            p /= p.sum()
            grad += row["X"].T @ (p - row["target"]) / len(rows)
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad**2
        w -= LEARNING_RATE * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
        w = np.maximum(w, lower)
    return w


def accuracy(rows: list[dict], w: np.ndarray) -> dict[int, float]:
    hits = {1: 0, 5: 0, 10: 0}
    for row in rows:
        z = row["X"] @ w
        order = np.lexsort((np.array([len(p) for p in row["paths"]]), -z))
        for k in hits:
            hits[k] += bool(row["y"][order[:k]].any())
    return {k: v / len(rows) for k, v in hits.items()}


def main(paths: list[str]) -> int:
    rows = load(paths)
    by_repo = defaultdict(list)
    for row in rows:
        by_repo[row["repo"]].append(row)
    hand = np.array([WEIGHTS.get(s, 0.0) for s in SIGNALS])
    print(f"instances with a findable gold file: {len(rows)}")
    print("hand-set weights:", {k: round(v, 3) for k, v in accuracy(rows, hand).items()})
    cv_hits = {1: 0.0, 5: 0.0, 10: 0.0}
    for repo, held_out in sorted(by_repo.items()):
        train = [r for r in rows if r["repo"] != repo]
        w = fit(train, hand)
        acc = accuracy(held_out, w)
        print(
            f"  held out {repo:<24} n={len(held_out):>3} " + " ".join(f"@{k}={v:.2f}" for k, v in acc.items())
        )
        for k in cv_hits:
            cv_hits[k] += acc[k] * len(held_out)
    print("leave-one-repo-out CV:", {k: round(v / len(rows), 3) for k, v in cv_hits.items()})
    w = fit(rows, hand)
    print("fitted on all:", {k: round(v, 3) for k, v in accuracy(rows, w).items()})
    print("WEIGHTS = {")
    for name, value in zip(SIGNALS, w, strict=True):
        print(f'    "{name}": {value:.3f},')
    print("}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
