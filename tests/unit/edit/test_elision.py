"""Lazy whole-file answers: a new marker comment standing where lines of the original disappeared."""

from __future__ import annotations

import pytest

from booty.edit.elision import MIN_LOST_LINES, find_elision, is_marker

ORIGINAL = "".join(f"line {i}\n" for i in range(10))


@pytest.mark.parametrize(
    "line",
    ["    # ... rest of the file unchanged", "// existing code", "# ...", "/* remaining methods */", "# …",
     "<!-- content unchanged -->", "# same as before", "-- rest of the implementation", "{/* other content */}"],
)  # fmt: skip
def test_the_comments_models_write_in_place_of_code_are_markers(line):
    assert is_marker(line)


@pytest.mark.parametrize(
    "line", ["# compute the rest", "x = 1  # ...", "    pass", "# the original author", "print('...')"]
)
def test_ordinary_lines_and_comments_are_not(line):
    assert not is_marker(line)


def test_a_new_marker_where_lines_vanished_is_an_elision_with_its_line_and_the_lines_lost():
    assert find_elision(ORIGINAL, "line 0\n# ... rest unchanged\n") == (2, "# ... rest unchanged", 9)


def test_a_marker_replacing_fewer_lines_than_the_minimum_is_taken_for_a_comment():
    few = ORIGINAL.replace("line 5\n", "# ... existing code\n")
    assert MIN_LOST_LINES > 1 and find_elision(ORIGINAL, few) is None


def test_lines_deleted_beside_the_marker_count_as_lost():
    after = "line 0\nline 1\n# ...\n" + "".join(f"line {i}\n" for i in range(7, 10))
    assert find_elision(ORIGINAL, after) == (3, "# ...", 5)


def test_a_marker_already_in_the_original_or_a_new_file_is_never_an_elision():
    assert find_elision("# ...\n" + ORIGINAL, "# ...\n") is None
    assert find_elision("", "# ... rest of the file\n") is None
