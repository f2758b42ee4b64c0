"""Behaviour of the shared domain types (booty.models)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from booty.models import (
    ChangeSet,
    FileChange,
    IndexedFile,
    PlannedChange,
    Problem,
    Prompt,
    RepoIndex,
    Status,
    Usage,
)


def test_exit_codes_follow_status():
    assert (
        Status.PR_OPENED.exit_code == 0 and Status.SKIPPED.exit_code == 0 and Status.NEEDS_INFO.exit_code == 0
    )
    assert (
        Status.ERROR.exit_code == 1
        and Status.VALIDATION_FAILED.exit_code == 1
        and Status.BUDGET_EXCEEDED.exit_code == 1
    )


def test_usage_adds_up_and_counts_cache_reads_and_writes_as_prompt_tokens():
    total = Usage(input_tokens=100, output_tokens=5) + Usage(
        input_tokens=200, cache_write_tokens=300, cache_read_tokens=800, output_tokens=85
    )
    assert total == Usage(input_tokens=300, output_tokens=90, cache_write_tokens=300, cache_read_tokens=800)
    assert total.prompt_tokens == 1_400
    assert total.describe() == ("1,400 input tokens (300 written to and 800 read from the prompt cache), "
                                "90 output tokens")  # fmt: skip
    assert Usage(input_tokens=1_200, output_tokens=3).describe() == "1,200 input tokens, 3 output tokens"


def test_a_problem_renders_where_it_is_then_what_it_is():
    assert Problem(path="a.py", line=3, message="bad").render() == "a.py:3: bad"
    assert Problem(path="a.py", message="bad").render() == "a.py: bad"
    assert Problem(message="the tests failed").render() == "the tests failed"


def test_a_change_set_is_empty_when_no_file_changes():
    same = ChangeSet(changes=(FileChange(path="a.py", before="x", after="x"),))
    assert same.is_empty and same.paths == ["a.py"] and ChangeSet().is_empty
    assert not ChangeSet(changes=(FileChange(path="b.py", before=None, after=""),)).is_empty


def test_a_planned_path_has_one_spelling_and_the_index_finds_files_by_path():
    assert PlannedChange(path="./calc//ops.py ", action="modify", reason="r").path == "calc/ops.py"
    index = RepoIndex(files=(IndexedFile(path="a.py", size=1),))
    assert index.get("a.py").size == 1 and index.get("b.py") is None


def test_a_prompt_is_its_parts_in_order_and_domain_types_are_frozen():
    prompt = Prompt(system="s", parts=("one ", "two"), cache_after=(0,))
    assert prompt.user == "one two" and Prompt.of("s", "u").parts == ("u",)
    with pytest.raises(ValidationError):
        prompt.system = "other"
