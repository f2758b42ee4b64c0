"""Applying edits in memory: exact and tolerant matches, did-you-mean, elisions, line endings."""

from __future__ import annotations

from booty.edit.apply import apply_edits
from booty.edit.parsing import parse_edits
from booty.models import FileEdit, SearchReplace

SOURCE = """\
import os


def greet(name):
    message = "hello " + name
    return message


def part(name):
    return name.split()[0]


class Greeter:
    def greet(self, name):
        return greet(name)
"""


def sr(path: str, *pairs: tuple[str, str]) -> FileEdit:
    return FileEdit(
        path=path, kind="search_replace", blocks=tuple(SearchReplace(search=s, replace=r) for s, r in pairs)
    )


def apply_one(edit: FileEdit, before: str | None):
    changes, problems = apply_edits([edit], {edit.path: before})
    return (changes.changes[0].after if changes.changes else "<not applied>"), problems


def test_unique_exact_match_is_replaced_and_nothing_else_changes():
    after, problems = apply_one(
        sr("g.py", ('    message = "hello " + name\n', '    message = f"hi {name}"\n')), SOURCE
    )
    assert problems == []
    assert after == SOURCE.replace('"hello " + name', 'f"hi {name}"')


def test_ambiguous_match_is_reported_with_its_lines_and_not_applied():
    changes, problems = apply_edits(
        [sr("g.py", ("        return greet(name)\n", "x\n"), ("    return message\n", "y\n"))],
        {"g.py": SOURCE + "    return message\n"},
    )
    assert changes.changes == ()
    assert len(problems) == 1
    assert problems[0].kind == "match" and "block 2 matches 2 places" in problems[0].message
    assert "lines 6, 16" in problems[0].message


def test_match_must_cover_whole_lines():
    # "return name" is a substring of a line but not a line: it must not match mid-line.
    after, problems = apply_one(
        sr("g.py", ("return name\n", "return None\n")), "x = 1\n    return name.split()\n"
    )
    assert after == "<not applied>" and problems[0].kind == "match"


def test_trailing_whitespace_difference_is_tolerated_when_unique():
    before = "a = 1   \nb = 2\t\n"
    after, problems = apply_one(sr("t.py", ("a = 1\nb = 2\n", "a = 3\nb = 4\n")), before)
    assert problems == []
    assert after == "a = 3\nb = 4\n"


def test_uniform_indentation_shift_is_tolerated_and_applied_to_the_replacement():
    search = "def greet(self, name):\n    return greet(name)\n"
    replace = "def greet(self, name):\n    # delegate\n    return greet(name)\n"
    after, problems = apply_one(sr("g.py", (search, replace)), SOURCE)
    assert problems == []
    assert "    def greet(self, name):\n        # delegate\n        return greet(name)\n" in after


def test_over_indented_search_is_shifted_back():
    before = "if x:\n    y = 1\n    z = 2\n"
    after, problems = apply_one(
        sr("t.py", ("        y = 1\n        z = 2\n", "        y = 10\n        z = 20\n")), before
    )
    assert problems == []
    assert after == "if x:\n    y = 10\n    z = 20\n"


def test_whitespace_tolerant_match_that_is_ambiguous_is_refused():
    before = "def a():\n    pass\n\ndef b():\n        pass\n"
    after, problems = apply_one(sr("t.py", ("  pass\n", "  return 1\n")), before)
    assert after == "<not applied>"
    assert "matches 2 places" in problems[0].message


def test_non_uniform_indentation_is_not_guessed():
    before = "if x:\n    y = 1\n    z = 2\n"
    after, problems = apply_one(sr("t.py", ("  y = 1\n    z = 2\n", "y = 0\n")), before)
    assert after == "<not applied>" and "Did you mean" in problems[0].message


def test_no_match_shows_the_closest_lines():
    search = 'def greet(name):\n    message = "hallo " + name\n    return message\n'
    after, problems = apply_one(sr("g.py", (search, "x\n")), SOURCE)
    assert after == "<not applied>"
    p = problems[0]
    assert p.kind == "match" and p.line == 4
    assert "Did you mean these lines (4-6)?" in p.message
    assert 'message = "hello " + name' in p.message


def test_no_similar_lines_at_all():
    after, problems = apply_one(sr("g.py", ("zzzz qqqq\n", "x\n")), SOURCE)
    assert "No similar lines" in problems[0].message


def test_blocks_apply_in_order_to_the_result_of_the_previous_ones():
    after, problems = apply_one(sr("t.py", ("a = 1\n", "a = 2\n"), ("a = 2\n", "a = 3\n")), "a = 1\n")
    assert problems == [] and after == "a = 3\n"


def test_empty_search_creates_a_new_file_or_fills_an_empty_one():
    assert apply_one(sr("n.py", ("", "x = 1\n")), None) == ("x = 1\n", [])
    assert apply_one(sr("n.py", ("", "x = 1\n")), "") == ("x = 1\n", [])


def test_empty_search_on_a_non_empty_file_is_refused():
    after, problems = apply_one(sr("g.py", ("", "x = 1\n")), SOURCE)
    assert after == "<not applied>" and "SEARCH block 1 is empty" in problems[0].message


def test_crlf_file_stays_crlf():
    before = "a = 1\r\nb = 2\r\nc = 3\r\n"
    after, problems = apply_one(sr("t.py", ("b = 2\n", "b = 20\nb2 = 21\n")), before)
    assert problems == []
    assert after == "a = 1\r\nb = 20\r\nb2 = 21\r\nc = 3\r\n"


def test_whole_file_on_crlf_original_is_written_crlf():
    after, _ = apply_one(FileEdit(path="t.py", kind="whole", content="x = 1\ny = 2\n"), "x = 0\r\n")
    assert after == "x = 1\r\ny = 2\r\n"


def test_mixed_line_endings_outside_the_edit_are_kept():
    before = "a\r\nb\nc\nd\n"
    after, _ = apply_one(sr("t.txt", ("c\n", "C\n")), before)
    assert after == "a\r\nb\nC\nd\n"


def test_missing_final_newline_is_kept():
    assert apply_one(sr("t.py", ("b = 2\n", "b = 3\n")), "a = 1\nb = 2") == ("a = 1\nb = 3", [])
    assert apply_one(FileEdit(path="t.py", kind="whole", content="z = 9\n"), "a = 1") == ("z = 9", [])


def test_new_file_and_delete():
    changes, problems = apply_edits(
        [FileEdit(path="new.py", kind="whole", content="x = 1\n"), FileEdit(path="old.py", kind="delete")],
        {"old.py": "y = 2\n"},
    )
    assert problems == []
    assert [(c.path, c.before, c.after) for c in changes.changes] == [
        ("new.py", None, "x = 1\n"),
        ("old.py", "y = 2\n", None),
    ]


def test_deleting_a_missing_file_is_a_problem():
    _, problems = apply_one(FileEdit(path="ghost.py", kind="delete"), None)
    assert "does not exist" in problems[0].message


def test_whole_file_with_elision_marker_is_a_problem():
    lazy = (
        "import os\n\n\ndef greet(name):\n    return 'hi ' + name\n\n\n# ... rest of the file unchanged ...\n"
    )
    after, problems = apply_one(FileEdit(path="g.py", kind="whole", content=lazy), SOURCE)
    assert after == "<not applied>"
    p = problems[0]
    assert p.kind == "elision" and p.line == 8
    assert "rest of the file unchanged" in p.message


def test_js_existing_code_marker_is_an_elision():
    before = "".join(f"const v{i} = {i};\n" for i in range(20))
    lazy = "const v0 = 100;\n// existing code\n"
    _, problems = apply_one(FileEdit(path="a.js", kind="whole", content=lazy), before)
    assert problems and problems[0].kind == "elision"


def test_marker_already_in_the_original_is_not_an_elision():
    before = "def f():\n    # ... existing code here is legacy\n    a = 1\n    b = 2\n    c = 3\n"
    edited = "def f():\n    # ... existing code here is legacy\n    a = 1\n"
    assert apply_one(FileEdit(path="f.py", kind="whole", content=edited), before) == (edited, [])


def test_marker_replacing_few_lines_is_a_real_comment():
    before = "def f():\n    x = compute()\n    return x\n"
    edited = "def f():\n    # ... then return the computed value\n    return compute()\n"
    assert apply_one(FileEdit(path="f.py", kind="whole", content=edited), before) == (edited, [])


def test_new_file_is_never_an_elision():
    content = "# ... rest of the file unchanged\n"
    assert apply_one(FileEdit(path="n.py", kind="whole", content=content), None) == (content, [])


def test_a_failing_file_is_left_out_but_others_apply():
    changes, problems = apply_edits(
        [sr("g.py", ("nope\n", "x\n")), FileEdit(path="ok.py", kind="whole", content="ok = 1\n")],
        {"g.py": SOURCE, "ok.py": "ok = 0\n"},
    )
    assert changes.paths == ["ok.py"]
    assert [p.path for p in problems] == ["g.py"]


def test_search_in_a_file_that_does_not_exist():
    after, problems = apply_one(sr("n.py", ("x = 1\n", "x = 2\n")), None)
    assert after == "<not applied>" and "does not exist yet" in problems[0].message


RST = "Title\n=====\n\nUsage\n=======\nold\n\nMore\n=======\nold\n"


def _rst_block(search: str, replace: str) -> FileEdit:
    (edit,), problems = parse_edits(
        f"doc.rst\n```\n<<<<<<< SEARCH\n{search}=======\n{replace}>>>>>>> REPLACE\n```\n"
    )
    assert problems == []
    return edit


def test_heading_underline_in_search_is_settled_by_the_file():
    after, problems = apply_one(_rst_block("Usage\n=======\nold\n", "Usage\n=======\nnew\n"), RST)
    assert problems == [] and after == RST.replace("Usage\n=======\nold", "Usage\n=======\nnew")


def test_heading_underline_added_by_replace_is_settled_by_the_file():
    after, problems = apply_one(_rst_block("Title\n=====\n", "Title\n=====\n\nIntro\n=======\n"), RST)
    assert problems == [] and after == RST.replace("=====\n", "=====\n\nIntro\n=======\n", 1)


def test_replace_that_elides_searched_lines_is_a_problem_not_a_deletion():
    search = 'def greet(name):\n    message = "hello " + name\n    return message\n\n\ndef part(name):\n    return name.split()[0]\n'
    lazy = "def greet(name):\n    # ... existing code ...\n    return name.split()[0].strip()\n"
    after, problems = apply_one(sr("g.py", (search, lazy)), SOURCE)
    assert after == "<not applied>"
    assert [(p.kind, p.line) for p in problems] == [("elision", 5)] and "existing code" in problems[0].message


def test_replace_with_a_comment_for_a_line_or_two_is_applied():
    search = '    message = "hello " + name\n    return message\n'
    edited = '    # ... greet with a friendly prefix\n    return "hello " + name\n'
    after, problems = apply_one(sr("g.py", (search, edited)), SOURCE)
    assert problems == [] and after == SOURCE.replace(search, edited)
