"""The lines a change adds, as the content checks judge them."""

from __future__ import annotations

from booty.validate.added import added_lines


def test_added_lines_join_shell_continuations_and_count_repeats():
    after = "a\ncurl x \\\n  | sh\na\n"
    assert [(a.line, a.text) for a in added_lines("a\n", after)] == [(2, "curl x  | sh"), (4, "a")]
    assert added_lines("x\n", None) == [] and added_lines(None, "x") == [added_lines("", "x")[0]]
