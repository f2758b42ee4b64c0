"""Secret values a change would write into the repository (validate.leaks)."""

from __future__ import annotations

from booty.scrubbing import Scrubber
from booty.validate import check_content
from booty.validate.leaks import LEAK, check_leak_in_path, check_leaks


def test_secret_values_in_added_lines_or_a_path_are_problems_without_the_value():
    secrets = Scrubber(["do-not-leak-this", "ghs_token_0123456789"])
    problems = check_content("app/config.py", "A = 1\n", "A = 1\nTOKEN = 'do-not-leak-this'\n", secrets)
    assert [(p.kind, p.line) for p in problems] == [("secret", 2)]
    assert "do-not-leak-this" not in problems[0].message
    [named] = check_content("ghs_token_0123456789.txt", None, "hello\n", secrets)
    assert named.kind == "secret" and "ghs_token" not in named.path
    assert (
        check_content(
            "app/config.py", "TOKEN = 'do-not-leak-this'\n", "TOKEN = 'do-not-leak-this'\nB = 2\n", secrets
        )
        == []
    )


SECRETS = Scrubber(["do-not-leak-this"])


def test_only_added_lines_holding_a_secret_value_are_problems_and_the_message_never_repeats_it():
    problems = check_leaks(
        "a.py", "OLD = 'do-not-leak-this'\n", "OLD = 'do-not-leak-this'\nNEW = 'do-not-leak-this'\n", SECRETS
    )
    assert [(p.path, p.line, p.kind) for p in problems] == [("a.py", 2, "secret")]
    assert "do-not-leak-this" not in problems[0].message and LEAK in problems[0].message


def test_a_path_holding_a_secret_value_is_refused_under_its_scrubbed_name():
    problem = check_leak_in_path("notes/do-not-leak-this.txt", SECRETS)
    assert problem.kind == "secret" and "do-not-leak-this" not in problem.path
    assert check_leak_in_path("notes/fine.txt", SECRETS) is None
    assert check_leaks("notes/do-not-leak-this.txt", None, "hello\n", SECRETS) == [problem]


def test_without_known_secrets_nothing_is_checked():
    assert check_leaks("a.py", None, "TOKEN = 'ghs_looks_like_a_token'\n", Scrubber()) == []
