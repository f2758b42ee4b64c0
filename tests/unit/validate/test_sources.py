"""Dependency sources a change adds: a package index or a VCS source the project did not use before."""

from __future__ import annotations

import json

import pytest

from booty.validate.sources import NEW_INDEX, check_sources
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


@pytest.mark.parametrize(
    "value",
    ['"https://pkgs.example.org/simple"', '["https://pkgs.example.org/simple"]'],
    ids=["string", "list"],
)
def test_a_uv_extra_index_is_refused_whether_written_as_a_string_or_a_list(value):
    before = '[project]\nname = "demo"\n'
    after = before + f"\n[tool.uv]\nextra-index-url = {value}\n"
    problems = check_sources("pyproject.toml", before, after)
    assert [(p.line, p.message) for p in problems] == [(5, f"This change {NEW_INDEX}")]
