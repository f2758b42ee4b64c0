"""The one spelling of a path (repo_path.normalize_path), wherever a path comes from."""

from __future__ import annotations

import pytest

from booty.edit.parsing import parse_edits
from booty.models import PlannedChange
from booty.repo_path import normalize_path


@pytest.mark.parametrize(
    "written, meant",
    [("./README.md", "README.md"), ("README.md ", "README.md"), ("  calc/ops.py\n", "calc/ops.py"),
     ("calc//ops.py", "calc/ops.py"), ("././calc/./ops.py", "calc/ops.py"), ("calc/ops.py", "calc/ops.py")],
)  # fmt: skip
def test_one_spelling_for_a_path(written, meant):
    assert normalize_path(written) == meant
    assert PlannedChange(path=written, action="modify", reason="r").path == meant


@pytest.mark.parametrize(
    "written, kept",
    [("/etc/passwd", "/etc/passwd"), ("//server/x", "/server/x"), ("../x", "../x"), ("./../x", "../x"),
     ("src/", "src/"), ("src/.", "src/"), ("./", "."), (".", "."), (" ", ""), ("", ""), ("a\\b", "a\\b"),
     (".git /config", ".git /config")],
)  # fmt: skip
def test_the_spelling_keeps_what_the_policy_decides_on(written, kept):
    assert normalize_path(written) == kept


@pytest.mark.parametrize("header", ["./README.md", "README.md", "`./README.md`:", "File: ./README.md"])
def test_an_answer_matches_its_plan_whatever_the_spelling(header):
    planned = PlannedChange(path="./README.md ", action="modify", reason="r").path
    edits, problems = parse_edits(f"{header}\n```markdown\n# calc\n```\n", allowed_paths={planned})
    assert problems == [] and [e.path for e in edits] == ["README.md"]
