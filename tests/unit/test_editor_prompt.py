"""The editor prompt shows the current file and a rejected answer inside fences they cannot close."""

from __future__ import annotations

from booty.models import Plan, PlannedChange, Problem
from booty.prompts import editor_prompt

CHANGE = PlannedChange(path="docs/guide.md", action="modify", reason="document the flag")
PLAN = Plan(actionable=True, summary="Document --flag.", title="docs: flag", changes=[CHANGE])


def test_a_file_with_four_backtick_fences_is_shown_whole_inside_a_longer_fence():
    current = "# Guide\n\n````markdown\n```python\nx = 1\n```\n````\n"
    user = editor_prompt(plan=PLAN, change=CHANGE, current=current, format_instructions="", fenced_issue="<i/>", token="t").user
    assert "\n`````\n" + current + "`````" in user


def test_a_rejected_answer_using_four_backticks_is_shown_whole():
    previous = "docs/guide.md\n````markdown\n# Guide\n```python\nx = 2\n```\n````\n"
    user = editor_prompt(plan=PLAN, change=CHANGE, current="# Guide\n", format_instructions="", fenced_issue="<i/>",
                            token="t", problems=[Problem(path="docs/guide.md", message="bad")], previous=previous).user  # fmt: skip
    assert "Your previous answer:\n`````\n" + previous + "`````" in user


def test_ordinary_files_keep_the_four_backtick_fence():
    user = editor_prompt(plan=PLAN, change=CHANGE, current="x = 1\n", format_instructions="", fenced_issue="<i/>", token="t").user
    assert "Current content of docs/guide.md:\n````\nx = 1\n````" in user
