"""Text a template leaves for the author to replace (publish.placeholders)."""

from __future__ import annotations

import pytest

from booty.publish.placeholders import placeholders


@pytest.mark.parametrize(
    "line, found",
    [
        ("Subject: <short purpose of this pull request>", ["<short purpose of this pull request>"]),
        ("Fixes #<Issue Number>", ["<Issue Number>"]),
        ("- [ ] Closes #xxxx", ["#xxxx"]),
        ("Closes #XXXX and refs #NNNN", ["#XXXX", "#NNNN"]),
        ("Fixes # (issue)", ["Fixes #"]),
        ("Fixes #", ["Fixes #"]),
        ("see #[issue]", ["#[issue]"]),
        ("This pull request is to address ...", ["This pull request is to address ..."]),
        ("- …", ["- …"]),
        ("Fixes #12, see <https://example.org/x> and <me@example.org>", []),
        ("<details><summary>Log</summary> <br/> <img src='x'> <a href=\"y\">z</a></details>", []),
        ("Use `towncrier create <IssueNumber>.<type>` here", []),
        ("<!-- If you replace <Issue Number> with a number -->", []),
        ("C# and F# code, issue #1234", []),
    ],
)
def test_placeholders_are_text_left_to_replace(line, found):
    assert [p.text for p in placeholders(line)] == found
