"""Look-alike forms of paths (validate.lookalike): skeletons, case and compatibility folding, names taken for .git."""

from __future__ import annotations

import pytest

from booty.validate.lookalike import forms, is_dotgit, skeleton, spelled_out


def test_the_library_gives_the_tr39_skeletons_the_policy_relies_on():
    # confusables.txt prototypes: Cyrillic letters map to Latin, 1 and I to l, 0 to O, m to rn;
    # default-ignorable characters vanish.
    assert skeleton("\u0430\u0435\u043e\u0440\u0441\u0445\u0455\u0456") == "aeopcxsi"
    assert skeleton("I1l") == "lll" and skeleton("0") == "O" and skeleton("m") == "rn"
    assert skeleton("a\u200bb\u00adc") == "abc"
    assert skeleton("\u65e5\u672c\u8a9e") == "\u65e5\u672c\u8a9e"


def test_forms_fold_compatibility_case_and_windows_names():
    assert forms("\uff0e\uff45\uff4e\uff56") == (".env", ".env")  # fullwidth, through NFKC
    assert forms(".ENV")[1] == ".env" and forms(".ENV")[0] == ".ENV"  # only the second form folds case
    assert forms("docs./notes.md ")[0] == forms("docs/notes.md")[0]  # trailing dots and spaces
    assert forms("a.txt::$DATA") == forms("a.txt")  # NTFS stream suffix
    assert forms(".github\u2044workflows")[0] == forms(".github/workflows")[0]  # a fraction slash reads as /


@pytest.mark.parametrize(
    "name",
    [".git", ".GIT", ".Git", ".git.", ".git..", ".git ", ".git. .", "GIT~1", "git~12", ".git:stream",
     "\uff0egit", ".g\u0456t", ".g\u0131t", ".gi\u0308t", ".g\u200dit", "\u2024git"],
)  # fmt: skip
def test_names_taken_for_dot_git(name):
    assert is_dotgit(name)


@pytest.mark.parametrize(
    "name", [".gitignore", ".github", "git", ".gitkeep", "gitlab", "git~", ".git-notes", "digit"]
)
def test_names_near_dot_git_that_are_not_it(name):
    assert not is_dotgit(name)


def test_a_refusal_spells_out_what_cannot_be_seen():
    assert spelled_out(".g\u0456thub/ci.yml") == ".g\\u0456thub/ci.yml"
    assert spelled_out(".env\u200b") == ".env\\u200b" and spelled_out("a\U0001d41a") == "a\\U0001d41a"
    assert spelled_out("plain/path.py") == "plain/path.py"
