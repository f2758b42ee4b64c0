"""Path patterns (gitignore semantics, each on its own) matched as written and in look-alike forms."""

from __future__ import annotations

import pytest

from booty.validate.patterns import Patterns

PATTERNS = Patterns([".env", "secrets/**", "*.lock", "!keep.lock", "[0-9]*.txt", "Dockerfile", "  "])


@pytest.mark.parametrize(
    "path, written",
    [(".env", [".env"]), ("secrets/a/b.json", ["secrets/**"]), ("poetry.lock", ["*.lock"]), ("1.txt", ["[0-9]*.txt"]),
     ("src/app.py", []), (".ENV", []), ("keep.lock", ["*.lock"])],
)  # fmt: skip
def test_each_pattern_a_path_matches_as_written(path, written):
    assert PATTERNS.matching(path) == written


@pytest.mark.parametrize(
    "path, pattern",
    [(".ENV", ".env"), (".\u0435nv", ".env"), ("dockerfile", "Dockerfile"), ("DOCKERFILE.", "Dockerfile"),
     ("Dockerfile\u200b", "Dockerfile"), ("SECRETS/x", "secrets/**")],
)  # fmt: skip
def test_a_look_alike_of_a_pattern_is_caught_in_its_folded_form(path, pattern):
    assert PATTERNS.matching(path) == [] and PATTERNS.matching_alike(path) == [pattern] and PATTERNS.any(path)


def test_a_pattern_whose_folded_form_does_not_compile_keeps_its_literal_meaning():
    assert PATTERNS.matching("1.txt") == ["[0-9]*.txt"] and PATTERNS.matching_alike("1.txt") == []
    assert PATTERNS.any("1.txt")


def test_blank_patterns_and_lone_negations_match_nothing():
    assert not PATTERNS.any("src/app.py") and not Patterns(["!x", " "]).any("x")
    assert Patterns([]).matching("anything") == [] and not Patterns([]).any(".env")
