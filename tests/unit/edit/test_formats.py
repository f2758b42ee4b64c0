"""The two edit formats: which one a file gets, its instructions, and how an edit is written out."""

from __future__ import annotations

from booty.edit.formats import (
    SEARCH_REPLACE_INSTRUCTIONS,
    WHOLE_FILE_INSTRUCTIONS,
    WHOLE_FILE_MAX_LINES,
    choose_format,
    instructions_for,
    render_edit,
)
from booty.models import FileEdit, SearchReplace


def test_choose_format_by_size():
    small = "x\n" * WHOLE_FILE_MAX_LINES
    assert choose_format(None) == "whole"
    assert choose_format(small) == "whole"
    assert choose_format(small + "y\n") == "search_replace"
    assert instructions_for(None) is WHOLE_FILE_INSTRUCTIONS
    assert instructions_for(small + "y\n") is SEARCH_REPLACE_INSTRUCTIONS
    assert "<<<<<<< SEARCH" in SEARCH_REPLACE_INSTRUCTIONS and "rest unchanged" in WHOLE_FILE_INSTRUCTIONS


def test_edits_are_written_out_headed_by_their_path():
    assert render_edit(FileEdit(path="a.py", kind="delete")) == "a.py\n```\n<<<<<<< DELETE\n```\n"
    assert (
        render_edit(FileEdit(path="a.py", kind="whole", content="x = 1")) == "a.py\n```python\nx = 1\n```\n"
    )
    blocks = FileEdit(
        path="b.rs", kind="search_replace", blocks=(SearchReplace(search="a\n", replace="b\n"),)
    )
    assert render_edit(blocks) == "b.rs\n```rust\n<<<<<<< SEARCH\na\n=======\nb\n>>>>>>> REPLACE\n```\n"
