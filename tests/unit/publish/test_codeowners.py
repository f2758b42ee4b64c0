"""Code owners of the changed files, named in the pull request."""

from __future__ import annotations

from booty.publish.codeowners import owners_for, owners_note


def test_codeowners_last_match_wins_and_e_mails_are_skipped():
    text = "* @alice\n/src/ @bob @org/team\n*.md docs@x.example"
    assert owners_for(text, ["src/a.py"]) == ["@bob", "@org/team"]
    assert owners_for(text, ["README.md", "x.py"]) == ["@alice"]
    assert owners_for(text, ["src/a.py", "x.py", "src/b.py"]) == ["@bob", "@org/team", "@alice"]
    assert owners_note(text, ["README.md"]) == [] and owners_note(None, ["x.py"]) == []
