"""Which parts of a long file an editor call shows (booty.edit.regions, booty.edit.unique)."""

from __future__ import annotations

import itertools

import pytest

from booty.edit.regions import CONTEXT, select_view
from booty.edit.unique import SEARCH_SPAN, uncovered, widen_for_uniqueness

HEAD = '"""Arithmetic helpers."""\n\nimport math\nfrom typing import Any\n\n\n'
FUNCTIONS = "".join(f"def f{i}(x):\n    y = x * {i}\n    return y + {i}\n\n\n" for i in range(60))
MODULE = HEAD + FUNCTIONS  # 306 lines
CLASSES = HEAD + "".join(
    f'class Shape{c}:\n    """Shape {c}."""\n\n    sides = {c}\n\n'
    + "".join(f"    def m{m}(self):\n        return self.sides * {m} + {c}\n\n" for m in range(8))
    + "\n"
    for c in range(8)
)


def lines_of(text: str, view) -> list[str]:
    lines = text.splitlines()
    return [line for r in view.regions for line in lines[r.start - 1 : r.end]]


def line_of(text: str, needle: str) -> int:
    return text.splitlines().index(needle) + 1


def test_a_named_function_is_shown_with_context_and_the_rest_is_left_out():
    view = select_view("calc/ops.py", MODULE, "Make `f30` round its result.")
    shown = lines_of(MODULE, view)
    assert view.named == ("f30",) and not view.whole
    assert "def f30(x):" in shown and "    return y + 30" in shown
    assert "def f10(x):" not in shown and "def f50(x):" not in shown
    f30 = next(r for r in view.regions if r.start <= line_of(MODULE, "def f30(x):") <= r.end)
    assert (
        f30.start <= line_of(MODULE, "def f30(x):") - CONTEXT
        and f30.end >= line_of(MODULE, "    return y + 30") + CONTEXT
    )
    assert view.shown_lines < len(MODULE.splitlines()) / 4


def test_the_imports_at_the_top_are_shown_too():
    view = select_view("calc/ops.py", MODULE, "Change f30.")
    assert view.regions[0].start == 1 and {"import math", "from typing import Any"} <= set(
        lines_of(MODULE, view)
    )


def test_the_outline_lists_every_definition_with_its_line():
    view = select_view("calc/ops.py", MODULE, "Change f30.")
    assert f"{line_of(MODULE, 'def f59(x):'):>5}: def f59(x)" in view.outline
    assert len(view.outline.splitlines()) == 60


def test_a_class_named_alone_is_shown_whole():
    view = select_view("shapes.py", CLASSES, "Shape3 needs a name attribute.")
    shown = lines_of(CLASSES, view)
    assert view.named == ("Shape3",)
    assert "class Shape3:" in shown and "        return self.sides * 7 + 3" in shown
    assert (
        "        return self.sides * 6 + 2" not in shown and "        return self.sides * 1 + 4" not in shown
    )


def test_a_method_named_with_its_class_is_shown_alone_below_the_class_head():
    view = select_view("shapes.py", CLASSES, "Fix `Shape3.m5` so it counts from one.")
    shown = lines_of(CLASSES, view)
    assert view.named == ("Shape3", "Shape3.m5")
    assert "class Shape3:" in shown and '    """Shape 3."""' in shown  # the head says which class it is
    m5 = line_of(CLASSES, "class Shape3:") + 5 + 3 * 5
    assert CLASSES.splitlines()[m5 - 1] == "    def m5(self):" and "    def m5(self):" in shown
    assert shown.count("    def m5(self):") == 1  # Shape3's m5, not the seven others
    assert "        return self.sides * 2 + 3" not in shown  # the methods between are left out


def test_a_bare_method_name_shows_it_in_every_class_unless_one_class_is_named():
    everywhere = select_view("shapes.py", CLASSES, "m5 is off by one.")
    assert lines_of(CLASSES, everywhere).count("    def m5(self):") == 8 or everywhere.whole
    one = select_view("shapes.py", CLASSES, "m5 is off by one in Shape3.m5.")
    assert lines_of(CLASSES, one).count("    def m5(self):") == 1


def test_nothing_named_in_the_file_means_the_whole_file_and_says_why():
    view = select_view("calc/ops.py", MODULE, "Improve the error message of divide().")
    assert view.whole and view.regions == () and "names no definition" in view.reason
    assert view.shows(1, len(MODULE.splitlines()))


def test_regions_that_would_be_most_of_the_file_give_the_whole_file():
    view = select_view("calc/ops.py", MODULE, " ".join(f"f{i}" for i in range(45)))
    assert view.whole and "most of the file" in view.reason


def test_overlapping_and_adjacent_regions_are_merged():
    view = select_view("calc/ops.py", MODULE, "f30 and f31 and f40")
    first, f30, f31, f40 = (
        line_of(MODULE, s) for s in ("import math", "def f30(x):", "def f31(x):", "def f40(x):")
    )
    holding = [next(i for i, r in enumerate(view.regions) if r.start <= n <= r.end) for n in (f30, f31, f40)]
    assert holding[0] == holding[1] != holding[2]
    assert all(
        a.end + 1 < b.start for a, b in itertools.pairwise(view.regions)
    )  # sorted, disjoint, not touching
    assert view.regions[0].start <= first


def test_a_repair_round_also_shows_the_definition_around_a_problem_line():
    line = line_of(MODULE, "    return y + 50")
    view = select_view("calc/ops.py", MODULE, "Change f30.", problem_lines=[line])
    assert "def f50(x):" in lines_of(MODULE, view) and view.shows(line, line)
    assert select_view("calc/ops.py", MODULE, "nothing named", problem_lines=[line]).whole


def test_every_shown_line_fits_a_short_search_that_is_unique_in_the_file():
    block = "".join(f"    v{k} = {k}\n" for k in range(12))  # alpha's body is beta's, line for line
    text = (HEAD + "def alpha():\n" + block + "\n" * 5 + "def gamma():\n    return 0\n\n\n"
            + "def beta():\n" + block + "\n" * 5 + "def delta():\n    return 1\n")  # fmt: skip
    lines, alpha = text.splitlines(), line_of(text, "def alpha():")
    end = alpha + 12
    assert uncovered(lines, alpha - CONTEXT, end + CONTEXT) != []  # the usual context is not enough here
    view = select_view("twins.py", text, "Change `alpha`.")
    assert not view.whole and all(uncovered(lines, r.start, r.end) == [] for r in view.regions)
    assert view.shows(alpha, line_of(text, "def gamma():"))  # grown down to the next unique line
    assert not view.shows(line_of(text, "def beta():"), line_of(text, "def beta():"))


def test_a_region_is_widened_until_its_lines_can_be_matched_uniquely():
    lines = ["a", "b", "c"] * 10 + ["unique"] + ["a", "b", "c"] * 10
    before = (26, 29)  # a repeating run, three lines above the one unique line
    assert uncovered(lines, *before) != []
    lo, hi = widen_for_uniqueness(lines, *before)
    assert (lo, hi) != before and hi >= 31 and uncovered(lines, lo, hi) == []
    assert hi - lo + 1 <= (before[1] - before[0] + 1) + 2 * SEARCH_SPAN


def test_a_region_with_no_unique_text_near_it_is_not_grown_without_bound():
    lines = ["a", "b"] * 100
    lo, hi = widen_for_uniqueness(lines, 100, 104)
    assert hi - lo <= 4 + 2 * 12


def test_a_decorated_function_is_shown_with_its_decorators():
    text = HEAD + FUNCTIONS.replace("def f30(x):", "@cache\n@trace(level=2)\ndef f30(x):")
    view = select_view("calc/ops.py", text, "Change f30.")
    assert {"@cache", "@trace(level=2)"} <= set(lines_of(text, view))


def test_a_javascript_function_is_found_with_tree_sitter():
    pytest.importorskip("tree_sitter_javascript")
    text = "import { x } from './x.js';\n\n" + "".join(
        f"function g{i}(a) {{\n  const b = a * {i};\n  return b;\n}}\n\n" for i in range(40)
    )
    view = select_view("web/g.js", text, "g20 returns the wrong value")
    shown = lines_of(text, view)
    assert "function g20(a) {" in shown and "function g5(a) {" not in shown
    assert "import { x } from './x.js';" in shown


def test_a_class_named_by_itself_is_shown_whole_even_when_a_word_matches_one_of_its_methods():
    view = select_view("shapes.py", CLASSES, "Shape3 gets a label; m5 stays as it is.")
    shown = lines_of(CLASSES, view)
    assert "        return self.sides * 0 + 3" in shown and "        return self.sides * 7 + 3" in shown


def test_a_module_level_assignment_the_plan_names_is_shown_with_all_its_lines():
    table = 'PATTERN = re.compile(\n    r"(?x)"\n    r"[a-z]+"\n)\n\nLIMITS = {\n    "low": 1,\n    "high": 9,\n}\n\nDOC = """\nfirst\nsecond\n"""\n\n\n'
    text = HEAD + FUNCTIONS.replace("def f30(x):", table + "def f30(x):")
    view = select_view("calc/ops.py", text, "Widen `LIMITS` and reword DOC.")
    shown = lines_of(text, view)
    assert view.named == ("LIMITS", "DOC")
    assert {'    "low": 1,', '    "high": 9,', "}", "second", '"""'} <= set(shown)
    assert not view.shows(line_of(text, "PATTERN = re.compile("), line_of(text, "PATTERN = re.compile("))


def test_a_name_assigned_inside_a_top_level_if_shows_the_whole_if_block():
    block = 'if os.name == "nt":\n    HOME = "C:/"\nelse:\n    HOME = "/home"\n\n\n'
    text = HEAD + FUNCTIONS.replace("def f30(x):", block + "def f30(x):")
    view = select_view("calc/ops.py", text, "HOME is wrong on Windows.")
    assert view.named == ("HOME",)
    assert set(block.splitlines()[:4]) <= set(lines_of(text, view))


def test_context_runs_on_over_blank_lines_to_the_neighbouring_line_of_text():
    spaced = HEAD + FUNCTIONS.replace("\n\n\ndef ", "\n\n\n\n\n\ndef ")  # five blank lines between functions
    view = select_view("calc/ops.py", spaced, "Change f30.")
    assert view.shows(line_of(spaced, "    return y + 29"), line_of(spaced, "def f31(x):"))
    assert not view.shows(line_of(spaced, "    y = x * 29"), line_of(spaced, "    y = x * 29"))
