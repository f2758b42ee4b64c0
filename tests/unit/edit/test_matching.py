"""Line-level surgery for SEARCH/REPLACE: line endings kept per line, exact matches before tolerant ones,
and the closest window for a "did you mean"."""

from __future__ import annotations

from booty.edit.matching import Hit, Lines, closest_window, locate, split_lines

CODE = ["def f():", "    x = 1", "    return x", "", "def g():", "    x = 1", "    return x"]


def test_a_file_keeps_each_line_ending_and_a_missing_final_newline():
    lines = split_lines("a\r\nb\nc")
    assert lines.raw == ["a\r\n", "b\n", "c"] and lines.content() == ["a", "b", "c"]
    assert not lines.final_newline and lines.text() == "a\r\nb\nc"


def test_new_lines_take_the_files_dominant_ending():
    assert split_lines("a\r\nb\r\nc\n").eol == "\r\n" and split_lines("a\nb\nc\r\n").eol == "\n"
    lines = split_lines("a\r\nb\r\nc")
    lines.replace(2, 1, ["C", "D"])
    assert lines.text() == "a\r\nb\r\nC\r\nD"  # still no final newline
    assert Lines.from_text("x\ny\n", eol="\r\n").raw == ["x\r\n", "y\r\n"]


def test_exact_matches_come_first_and_every_start_is_reported():
    assert locate(CODE, ["    x = 1", "    return x"]).starts == [1, 5]  # ambiguous: the caller refuses it
    assert locate(CODE, ["def g():", "    x = 1"]) == Hit([4])


def test_trailing_whitespace_is_tolerated_only_when_nothing_matches_exactly():
    assert locate(CODE, ["def g():   ", "    x = 1"]) == Hit([4])
    assert locate(["a ", "a"], ["a"]) == Hit([1])  # the exact line wins over the tolerant one


def test_a_uniform_indentation_shift_is_found_and_applied_to_the_replacement():
    file = ["class A:", "    def m(self):", "        return 1"]
    hit = locate(file, ["def m(self):", "    return 1"])
    assert hit == Hit([1], add="    ")
    assert hit.adapt(["def m(self):", "    return 2", ""]) == ["    def m(self):", "        return 2", ""]
    over = locate(["x = 1", "y = 2"], ["    x = 1", "    y = 2"])
    assert over == Hit([0], remove="    ") and over.adapt(["    x = 3"]) == ["x = 3"]


def test_an_ambiguous_or_uneven_shift_is_not_guessed():
    assert locate(CODE, ["x = 1", "return x"]).count == 2
    assert locate(["  a", "      b"], ["a", "b"]).count == 0


def test_the_closest_window_anchors_on_shared_lines_then_on_similar_ones():
    assert closest_window(CODE, ["def g():", "    y = 2", "    return y"]) == (4, CODE[4:7])
    assert closest_window(["def compute_total(a):", "    return a"], ["def compute_totals(a):"]) == (
        0, ["def compute_total(a):"])  # fmt: skip
    assert closest_window(CODE, ["zzz"]) == (0, []) and closest_window([], ["a"]) == (0, [])
