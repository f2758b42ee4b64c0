"""A SEARCH block must copy lines the editor was shown (booty.edit.seen)."""

from __future__ import annotations

from booty.edit.regions import FileView, Region, whole_view
from booty.edit.seen import unseen_blocks
from booty.models import FileEdit, SearchReplace

TEXT = "".join(f"def f{i}(x):\n    return x + {i}\n\n\n" for i in range(50))  # f{i} starts at line 4*i+1
VIEW = FileView(path="m.py", line_count=200, regions=(Region(1, 10), Region(81, 90)))


def edit(*searches: str) -> FileEdit:
    return FileEdit(
        path="m.py",
        kind="search_replace",
        blocks=tuple(SearchReplace(search=s, replace="pass\n") for s in searches),
    )


def test_a_block_inside_a_shown_region_passes():
    assert unseen_blocks(edit("def f20(x):\n    return x + 20\n"), TEXT, VIEW) == []


def test_a_block_on_unshown_lines_is_a_match_problem_on_its_first_line():
    [problem] = unseen_blocks(
        edit("def f20(x):\n    return x + 20\n", "def f30(x):\n    return x + 30\n"), TEXT, VIEW
    )
    assert (problem.kind, problem.line) == (
        "match",
        121,
    ) and "SEARCH block 2 matches lines 121-122" in problem.message
    assert "you saw lines 1-10, 81-90" in problem.message


def test_a_block_straddling_the_edge_of_a_region_is_refused():
    assert unseen_blocks(edit("    return x + 22\n\n\ndef f23(x):\n"), TEXT, VIEW) != []  # lines 90-93


def test_a_whitespace_only_different_copy_is_judged_where_it_matches():
    assert unseen_blocks(edit("def f30(x):  \n    return x + 30\n"), TEXT, VIEW) != []


def test_blocks_that_match_nowhere_or_many_times_are_left_to_the_matcher():
    assert unseen_blocks(edit("def nothing():\n", "\n\n"), TEXT, VIEW) == []


def test_a_whole_view_or_no_view_shows_everything():
    assert unseen_blocks(edit("def f30(x):\n"), TEXT, whole_view("m.py", TEXT, "small")) == []
    assert unseen_blocks(edit("def f30(x):\n"), TEXT, None) == []
