"""Parsing the model's plain-text answer into FileEdits, and rendering them back."""

from __future__ import annotations

import pytest

from booty.edit.formats import (
    render_edit,
)
from booty.edit.parsing import parse_edits
from booty.models import FileEdit, SearchReplace

F = "```"


def test_whole_file_block_headed_by_path():
    text = f"Here is the file.\n\nsrc/app.py\n{F}python\nimport os\n\nprint(os.sep)\n{F}\n\nDone."
    edits, problems = parse_edits(text)
    assert problems == []
    assert edits == [FileEdit(path="src/app.py", kind="whole", content="import os\n\nprint(os.sep)\n")]


def test_search_replace_blocks_in_one_fence_keep_their_order():
    text = (
        f"pkg/mod.py\n{F}python\n<<<<<<< SEARCH\na = 1\n=======\na = 2\n>>>>>>> REPLACE\n\n"
        f"<<<<<<< SEARCH\nb = 1\n=======\n>>>>>>> REPLACE\n{F}\n"
    )
    edits, problems = parse_edits(text)
    assert problems == []
    assert edits[0].kind == "search_replace"
    assert edits[0].blocks == (
        SearchReplace(search="a = 1\n", replace="a = 2\n"),
        SearchReplace(search="b = 1\n", replace=""),
    )


def test_blocks_for_one_path_in_several_fences_are_merged():
    one = f"a.py\n{F}\n<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE\n{F}\n"
    two = f"a.py\n{F}\n<<<<<<< SEARCH\nz\n=======\nw\n>>>>>>> REPLACE\n{F}\n"
    edits, problems = parse_edits(one + "\nAnd another:\n\n" + two)
    assert problems == []
    assert [b.search for b in edits[0].blocks] == ["x\n", "z\n"]


def test_fence_lines_inside_search_text_do_not_end_the_block():
    text = f"README.md\n{F}markdown\n<<<<<<< SEARCH\n{F}bash\npip install x\n{F}\n=======\n{F}bash\npip install y\n{F}\n>>>>>>> REPLACE\n{F}\n"
    edits, problems = parse_edits(text)
    assert problems == []
    assert edits[0].blocks[0].search == f"{F}bash\npip install x\n{F}\n"


def test_longer_fence_holds_a_whole_file_containing_backtick_fences():
    content = f"# Title\n\n{F}python\nprint(1)\n{F}\n"
    text = f"docs/usage.md\n````markdown\n{content}````\n"
    edits, problems = parse_edits(text)
    assert problems == []
    assert edits[0].content == content


def test_delete_block():
    edits, problems = parse_edits(f"old/thing.py\n{F}\n<<<<<<< DELETE\n{F}\n")
    assert problems == []
    assert edits == [FileEdit(path="old/thing.py", kind="delete")]


@pytest.mark.parametrize(
    "header",
    [
        "src/a.py",
        "**src/a.py**",
        "`src/a.py`",
        "### src/a.py",
        "File: src/a.py",
        "./src/a.py:",
        "Here is `src/a.py`:",
    ],
)
def test_path_header_variants(header):
    edits, problems = parse_edits(f"{header}\n{F}python\nx = 1\n{F}\n")
    assert problems == []
    assert [e.path for e in edits] == ["src/a.py"]


def test_bare_name_counts_as_path_only_when_the_plan_names_it():
    text = f"Makefile\n{F}\nall:\n\ttrue\n{F}\n"
    assert parse_edits(text, allowed_paths={"Makefile"})[0][0].path == "Makefile"
    edits, problems = parse_edits(text)
    assert edits == []
    assert "No edit found" in problems[0].message


def test_illustration_without_path_is_ignored_when_edits_exist():
    text = f"a.py\n{F}python\nx = 1\n{F}\n\nRun it with:\n\n{F}bash\npython a.py\n{F}\n"
    edits, problems = parse_edits(text)
    assert problems == []
    assert [e.path for e in edits] == ["a.py"]


def test_search_block_without_path_is_a_problem_unless_only_one_file_may_be_edited():
    text = f"{F}python\n<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE\n{F}\n"
    for allowed in (None, {"a.py", "b.py"}):
        edits, problems = parse_edits(text, allowed_paths=allowed)
        assert edits == [] and "no file path" in problems[0].message
    edits, problems = parse_edits(text, allowed_paths={"a.py"})
    assert problems == [] and edits == [
        FileEdit(path="a.py", kind="search_replace", blocks=(SearchReplace(search="x\n", replace="y\n"),))
    ]


def test_path_outside_the_plan_is_refused():
    text = f"a.py\n{F}\nx = 1\n{F}\n\nb.py\n{F}\ny = 2\n{F}\n"
    edits, problems = parse_edits(text, allowed_paths={"a.py"})
    assert [e.path for e in edits] == ["a.py"]
    assert problems[0].path == "b.py" and problems[0].kind == "path"
    assert "not in the plan" in problems[0].message


@pytest.mark.parametrize(
    "body, missing",
    [("<<<<<<< SEARCH\nx\n", "======="), ("<<<<<<< SEARCH\nx\n=======\ny\n", ">>>>>>> REPLACE")],
)
def test_unfinished_search_block_is_a_problem(body, missing):
    edits, problems = parse_edits(f"a.py\n{F}\n{body}{F}\n")
    assert edits == []
    assert any(missing in p.message for p in problems)


def test_text_between_blocks_is_a_problem():
    text = f"a.py\n{F}\n<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE\nstray words\n{F}\n"
    edits, problems = parse_edits(text)
    assert "stray words" in problems[0].message


def test_unclosed_whole_file_is_a_problem():
    edits, problems = parse_edits(f"a.py\n{F}python\nx = 1\n")
    assert edits == []
    assert problems[0].path == "a.py" and "never closed" in problems[0].message


def test_whole_and_blocks_for_one_file_conflict():
    text = f"a.py\n{F}\nx = 1\n{F}\na.py\n{F}\n<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE\n{F}\n"
    _, problems = parse_edits(text)
    assert "edited twice" in problems[0].message


def test_crlf_answer_is_normalised():
    edits, _ = parse_edits(f"a.py\r\n{F}\r\nx = 1\r\ny = 2\r\n{F}\r\n")
    assert edits[0].content == "x = 1\ny = 2\n"


def test_lenient_marker_lengths():
    text = f"a.py\n{F}\n<<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>>> REPLACE\n{F}\n"
    edits, problems = parse_edits(text)
    assert problems == [] and edits[0].blocks == (SearchReplace(search="x\n", replace="y\n"),)


@pytest.mark.parametrize(
    "edit",
    [
        FileEdit(path="a/b.py", kind="whole", content="def f():\n    return 1\n"),
        FileEdit(path="docs/x.md", kind="whole", content=f"text\n{F}\ncode\n{F}\n````\nmore\n"),
        FileEdit(path="empty.txt", kind="whole", content=""),
        FileEdit(path="a/b.py", kind="delete"),
        FileEdit(
            path="a/b.rs",
            kind="search_replace",
            blocks=(
                SearchReplace(search="fn a() {}\n", replace=""),
                SearchReplace(search="\n", replace=f"{F}\n"),
            ),
        ),
    ],
)
def test_render_then_parse_round_trips(edit):
    edits, problems = parse_edits(render_edit(edit), allowed_paths={edit.path})
    assert problems == []
    assert edits == [edit]


def test_path_written_inside_the_fence_is_understood():
    text = f"{F}python\nsrc/a.py\n<<<<<<< SEARCH\nx = 1\n=======\nx = 2\n>>>>>>> REPLACE\n{F}\n"
    edits, problems = parse_edits(text)
    assert problems == []
    assert edits == [
        FileEdit(
            path="src/a.py",
            kind="search_replace",
            blocks=(SearchReplace(search="x = 1\n", replace="x = 2\n"),),
        )
    ]


def test_markers_inside_a_whole_file_are_a_problem_not_content():
    text = f"a.py\n{F}python\nimport os\n<<<<<<< SEARCH\nx = 1\n=======\nx = 2\n>>>>>>> REPLACE\n{F}\n"
    edits, problems = parse_edits(text)
    assert edits == []
    assert problems[0].path == "a.py" and "mixes file content" in problems[0].message


def test_indented_underline_in_search_text_is_content_not_the_divider():
    docstring = "    Returns\n    =======\n\n    int\n"
    text = f"m.py\n{F}python\n<<<<<<< SEARCH\n{docstring}=======\n{docstring.replace('int', 'float')}>>>>>>> REPLACE\n{F}\n"
    edits, problems = parse_edits(text)
    assert problems == []
    assert edits[0].blocks == (SearchReplace(search=docstring, replace=docstring.replace("int", "float")),)


def test_several_unindented_dividers_keep_every_reading():
    text = f"doc.rst\n{F}\n<<<<<<< SEARCH\nUsage\n=======\nold\n=======\nUsage\n=======\nnew\n>>>>>>> REPLACE\n{F}\n"
    (edit,), problems = parse_edits(text)
    block = edit.blocks[0]
    assert problems == []
    assert (block.search, block.replace) == ("Usage\n", "old\n=======\nUsage\n=======\nnew\n")
    assert block.readings == (
        ("Usage\n=======\nold\n", "Usage\n=======\nnew\n"),
        ("Usage\n=======\nold\n=======\nUsage\n", "new\n"),
    )


def test_markdown_file_with_its_own_code_blocks_inside_a_plain_fence_is_read_whole():
    readme = f"# Use\n\n{F}python\nimport app\n{F}\n\nThen run it:\n\n{F}bash\napp --help\n{F}\n\nThe end.\n"
    (edit,), problems = parse_edits(f"README.md\n{F}markdown\n{readme}{F}\n\nThat is all.\n")
    assert problems == []
    assert edit.content == readme
