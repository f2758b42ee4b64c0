"""Dependency sources a change adds: a package index or a VCS source the project did not use before."""

from __future__ import annotations

import json

import pytest

from booty.validate.sources import check_sources
from tests.support.locations import DATA

CORPUS = json.loads((DATA / "risky_content.json").read_text())


SOURCES = [(verdict, case) for verdict in ("refused", "allowed") for case in CORPUS["sources"][verdict]]


@pytest.mark.parametrize(
    ("verdict", "case"), SOURCES, ids=[f"{v}-{c['path']}-{i}" for i, (v, c) in enumerate(SOURCES)]
)
def test_dependency_sources(verdict, case):
    problems = check_sources(case["path"], case["before"], case["after"])
    assert bool(problems) == (verdict == "refused"), problems
    for p in problems:
        assert p.kind == "risky" and ("package index" in p.message or "index or source" in p.message)
        assert (
            p.line is not None and case["after"].splitlines()[p.line - 1] not in case["before"].splitlines()
        )
