"""Secret values a change would write into the repository (validate.leaks)."""

from __future__ import annotations

from booty.scrubbing import Scrubber
from booty.validate import check_content


def test_secret_values_in_added_lines_or_a_path_are_problems_without_the_value():
    secrets = Scrubber(["do-not-leak-this", "ghs_token_0123456789"])
    problems = check_content("app/config.py", "A = 1\n", "A = 1\nTOKEN = 'do-not-leak-this'\n", secrets)
    assert [(p.kind, p.line) for p in problems] == [("secret", 2)]
    assert "do-not-leak-this" not in problems[0].message
    [named] = check_content("ghs_token_0123456789.txt", None, "hello\n", secrets)
    assert named.kind == "secret" and "ghs_token" not in named.path
    assert check_content("app/config.py", "TOKEN = 'do-not-leak-this'\n", "TOKEN = 'do-not-leak-this'\nB = 2\n", secrets) == []
