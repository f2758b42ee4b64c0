"""Control characters and escape sequences: stripped from text passed on, shown as escapes in logs."""

from __future__ import annotations

import pytest

from booty.intake.controls import show_controls, strip_controls

CASES = [
    ("nul bel ff", "a\x00b\x07c\x0cd", "abcd"),
    ("ansi colour", "\x1b[31;1mred\x1b[0m text", "red text"),
    ("cursor and erase", "\x1b[2J\x1b[Hclean\x1b[K", "clean"),
    ("osc title", "x\x1b]0;owned\x07y", "xy"),
    ("osc 8 link", "see \x1b]8;;https://attacker.example\x1b\\docs\x1b]8;;\x1b\\ now", "see docs now"),
    ("unterminated osc ends at the line", "a \x1b]8;;http://x\nnext", "a \nnext"),
    ("c1 csi and nel", "c1\x9b31m z\x85", "c1 z"),
    ("charset and reset escapes", "a\x1b(B b\x1b7 c\x1bc", "a b c"),
    ("backspace and del", "fine\b\b\b\bbad\x7f", "finebad"),
    ("crlf and lone cr", "one\r\ntwo\rthree", "one\ntwo\nthree"),
    ("tab newline and unicode stay", "tab\there\nשלום \u200b", "tab\there\nשלום \u200b"),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_strip_controls(name, text, expected):
    assert strip_controls(text) == expected


def test_show_controls_makes_every_control_visible_and_keeps_lines():
    shown = show_controls("a\x1b[31mb\x00\tc\nd\x9b\r")
    assert shown == "a\\x1b[31mb\\x00\tc\nd\\x9b\\x0d"
    assert show_controls("plain text") == "plain text"
