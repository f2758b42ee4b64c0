"""The one fence: longer than any backtick run of its content, used by every block Booty writes."""

from __future__ import annotations

import re

import pytest

from booty.edit.apply import apply_edits
from booty.fences import fence, fence_marker
from booty.locate.pack import pack
from booty.models import (
    BlockedFile,
    FileEdit,
    IndexedFile,
    Plan,
    PlannedChange,
    RankedFile,
    RepoIndex,
    SearchReplace,
    TestResult,
)
from booty.prompts import editor_prompt
from booty.publish import texts

CONTENTS = [
    "",
    "plain text\n",
    "inline `code` and ``more``\n",
    "```python\nx = 1\n```\n",
    "  ````\nindented\n  ````\n",
    'quote = "`````"  # a run mid-line\n',
    "+```\n ```\n-```\n",  # diff lines: a context line may close a fence
]


@pytest.mark.parametrize("text", CONTENTS)
def test_no_line_of_the_content_can_close_the_fence(text):
    marker = fence_marker(text)
    assert set(marker) == {"`"} and len(marker) >= 3
    assert all(len(run) < len(marker) for run in re.findall(r"`+", text))


def test_the_fence_is_as_short_as_it_may_be():
    assert fence_marker("") == "```"
    assert fence_marker("`x`") == "```"
    assert fence_marker("```") == "````"
    assert fence_marker('s = "`````"') == "``````"
    assert fence_marker("a", "b ````") == "`````"  # every text counts
    assert fence_marker("x", at_least=4) == "````"
    assert fence_marker("`````", at_least=4) == "``````"


def test_the_fence_is_longer_than_any_fence_the_content_holds():  # moved from edit/test_formats.py (formats.fence_for)
    assert fence_marker("plain text") == "```"
    assert fence_marker("```python\nx\n```\n") == "````" and fence_marker("a", "  `````\n") == "``````"
    # formats.fence_for counted only runs that start a line (they alone can close a fence); the one
    # fence counts every run, as the map's and the hand-off's did, so a run inside a line lengthens it
    assert fence_marker("inline ``` in a line") == "````"


def test_fence_puts_the_info_string_on_the_opening_line():
    assert fence("x = 1", "python") == "```python\nx = 1\n```"
    assert fence("```\ny\n```", "diff") == "````diff\n```\ny\n```\n````"
    assert fence("", at_least=4) == "````\n\n````"


def _blocks(markdown: str) -> int:
    """How many blocks a CommonMark reader sees: a fence closes on a bare run at least as long."""
    opened, count = None, 0
    for line in markdown.splitlines():
        m = re.match(r"^ {0,3}(`{3,})(.*)$", line)
        if not m:
            continue
        if opened is None:
            opened, count = m.group(1), count + 1
        elif len(m.group(1)) >= len(opened) and not m.group(2).strip():
            opened = None
    return count


def test_test_output_with_fences_stays_in_one_block():
    tail = "FAILED test_docs.py\n```\nexpected\n```\n"
    section = texts.test_section(TestResult(status="failed", command="pytest", tail=tail, exit_code=1))
    assert fence(tail) in section and _blocks(section) == 1


def test_a_handed_over_diff_of_a_markdown_file_stays_in_one_block():
    before, after = "# Doc\n```\nold\n```\n", "# Doc\n```\nnew\n```\n"
    section = texts.blocked_section([BlockedFile(path="README.md", before=before, content=after)])
    assert "````diff\n" in section and _blocks(section) == 1


def test_a_did_you_mean_window_with_fences_stays_in_one_block():
    before = "# Doc\n\n```\ncode here\n```\n\nend\n"
    edit = FileEdit(
        path="doc.md",
        kind="search_replace",
        blocks=(SearchReplace(search="```\ncode her\n```\n", replace="x\n"),),
    )
    _, problems = apply_edits([edit], {"doc.md": before})
    [problem] = problems
    assert "Did you mean" in problem.message and "````\n" in problem.message and _blocks(problem.message) == 1


def test_the_repository_map_fences_each_file_with_the_shared_fence():
    text = 'FENCE = "````"\n'
    index = RepoIndex(files=(IndexedFile(path="m.py", size=len(text), language="python", text=text),))
    ctx = pack([RankedFile(path="m.py", score=1.0)], index, budget=4000)
    assert ctx.files[0].text == f"## m.py (full)\n{fence(text, 'python')}\n\n"


def test_the_editor_prompt_shows_a_file_in_a_fence_of_at_least_four():
    change = PlannedChange(path="m.py", action="modify", reason="r")
    plan = Plan(actionable=True, summary="s", title="fix: x", changes=[change])
    for current, marker in (("x = 1\n", "````"), ('s = "````"\n', "`````")):
        user = editor_prompt(
            plan=plan, change=change, current=current, format_instructions="", fenced_issue="i", token="t"
        ).user
        assert f"\n{marker}\n{current}{marker}" in user
