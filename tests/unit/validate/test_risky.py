"""Risky lines a change adds: remote code run blind, bidi controls (Trojan Source). The cases live in
tests/data/risky_content.json."""

from __future__ import annotations

import json

import pytest

from booty.validate.risky import check_risky
from tests.support.locations import DATA

CORPUS = json.loads((DATA / "risky_content.json").read_text())
LINES = [(kind, verdict, line) for kind in ("remote_execution", "bidi")
         for verdict in ("refused", "allowed") for line in CORPUS[kind][verdict]]  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "verdict", "line"), LINES, ids=[f"{k}-{v}-{i}" for i, (k, v, _) in enumerate(LINES)]
)
def test_added_lines_are_judged(kind, verdict, line):
    problems = check_risky("scripts/setup.sh", "echo start\n", f"echo start\n{line}\necho end\n")
    assert bool(problems) == (verdict == "refused")
    assert all(p.kind == "risky" and p.line == 2 and p.path == "scripts/setup.sh" for p in problems)
    expected = "Trojan Source" if kind == "bidi" else "downloaded from the network"
    assert all(expected in p.message for p in problems)


@pytest.mark.parametrize("line", CORPUS["remote_execution"]["refused"][:5] + CORPUS["bidi"]["refused"][:2])
def test_a_risky_line_already_in_the_file_is_not_blamed_on_the_change(line):
    before = f"{line}\nx = 1\n"
    assert check_risky("a.sh", before, before.replace("x = 1", "x = 2")) == []
    assert check_risky("a.sh", before, f"y = 0\n{before}") == []  # moved down, not added
