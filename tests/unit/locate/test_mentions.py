"""What an issue points at explicitly (paths, traceback frames, dotted modules, identifiers), resolved
against the repository's files."""

from __future__ import annotations

import pytest

from booty.locate.mentions import PathLookup, find_mentions, module_name

PATHS = ["src/pkg/__init__.py", "src/pkg/core.py", "pkg2/util.py", "docs/index.md", "tests/test_core.py",
         "other/core.py"]  # fmt: skip


@pytest.mark.parametrize(
    "path, module",
    [("src/pkg/__init__.py", "pkg"), ("src/pkg/core.py", "pkg.core"), ("lib/x/y.pyi", "x.y"), ("a/b.pyx", "a.b"),
     ("tests/test_core.py", "tests.test_core"), ("my-pkg/mod.py", ""), ("docs/index.md", "")],
)  # fmt: skip
def test_module_names_drop_src_and_lib_and_need_identifiers(path, module):
    assert module_name(path) == module


def test_a_written_path_resolves_by_its_longest_suffix_whatever_the_separators():
    lookup = PathLookup(PATHS)
    assert lookup.resolve_path("pkg/core.py") == (["src/pkg/core.py"], True)
    assert lookup.resolve_path(".\\src\\pkg\\core.py") == (["src/pkg/core.py"], True)
    assert lookup.resolve_path("/home/me/checkout/pkg2/util.py") == (["pkg2/util.py"], True)
    assert lookup.resolve_path("core.py") == (["src/pkg/core.py", "other/core.py"], False)  # ambiguous
    assert lookup.resolve_path("missing.py") == ([], False)


def test_traceback_frames_count_and_the_last_one_is_remembered():
    issue = (
        'Traceback (most recent call last):\n  File "/site/src/pkg/core.py", line 3, in f\n'
        '  File "pkg2/util.py", line 9, in g\nValueError: bad\n'
    )
    found = find_mentions(issue, PathLookup(PATHS))
    assert found.frames == {"src/pkg/core.py": 1.0, "pkg2/util.py": 1.0}
    assert found.last_frame == "pkg2/util.py"


def test_pytest_style_frames_are_frames_too():
    found = find_mentions("pkg2/util.py:12: AssertionError", PathLookup(PATHS))
    assert found.frames == {"pkg2/util.py": 1.0} and found.last_frame == "pkg2/util.py"


def test_an_ambiguous_basename_shares_its_strength():
    found = find_mentions("Something is off in core.py", PathLookup(PATHS))
    assert found.basenames == {"src/pkg/core.py": 0.5, "other/core.py": 0.5} and found.paths == {}


def test_dotted_names_resolve_to_modules_through_aliases_and_from_imports():
    issue = "import pkg.core as pc\npc.Parser fails\nfrom pkg2.util import helper, other\n"
    found = find_mentions(issue, PathLookup(PATHS))
    assert found.modules == {"src/pkg/core.py": 1.0, "pkg2/util.py": 1.0}
    assert found.qualified == {"src/pkg/core.py": {"Parser"}, "pkg2/util.py": {"helper", "other"}}


def test_identifiers_written_as_code_weigh_more_than_words():
    found = find_mentions(
        "Calling `frobnicate` or make_widget() breaks the WidgetFactory widget", PathLookup(PATHS)
    )
    ids = found.identifiers
    assert ids["frobnicate"] == ids["make_widget"] == ids["WidgetFactory"] == 1.0
    assert ids["widget"] == ids["breaks"] == 0.5
    assert (
        "the" not in ids
        and "or" not in ids
        and "len" not in find_mentions("len(x)", PathLookup(PATHS)).identifiers
    )
