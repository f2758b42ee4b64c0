"""The editor prompt shows the current file and a rejected answer inside fences they cannot close."""

from __future__ import annotations

from booty.core.models import Plan, PlannedChange, Problem
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


LONG = "import os\n\n\n" + "".join(f"def f{i}(x):\n    return x + {i}\n\n\n" for i in range(80))
LONG_CHANGE = PlannedChange(path="calc/more.py", action="modify", reason="Make `f40` reject a negative x.")


def regions_prompt(reason: str = LONG_CHANGE.reason) -> str:
    from booty.edit.regions import select_view

    change = LONG_CHANGE.model_copy(update={"reason": reason})
    view = select_view(change.path, LONG, reason)
    return editor_prompt(plan=PLAN, change=change, current=LONG, format_instructions="", fenced_issue="<i/>",
                         token="t", view=view).user  # fmt: skip


def test_a_regions_prompt_shows_each_region_fenced_under_its_line_numbers_and_marks_the_gaps():
    user = regions_prompt()
    lines = LONG.splitlines()
    f40 = lines.index("def f40(x):") + 1
    assert "calc/more.py has 323 lines; only the parts the plan points at (f40) are shown" in user
    assert "Lines 1-" in user and "import os" in user  # the first region holds the imports
    region = user.split("Lines ", 2)[2]
    start, end = (int(n) for n in region.split(" ", 1)[0].split("-"))
    assert start < f40 < end
    body = "\n".join(lines[start - 1 : end])
    assert f"Lines {start}-{end} of calc/more.py:\n````\n{body}\n````" in user
    assert f"(lines {end + 1}-323 not shown)" in user and "(lines " in user.split(f"Lines {start}-")[0]
    assert "def f10(x):" not in user and "    return x + 70" not in user  # left out ...
    assert f"{lines.index('def f70(x):') + 1:>5}: def f70(x)" in user  # ... but in the outline
    assert "Current content of" not in user


def test_a_regions_prompt_tells_the_model_not_to_guess_what_it_was_not_shown():
    user = regions_prompt()
    assert "Copy SEARCH text only from the parts shown" in user and "do not guess them" in user


def test_a_whole_view_renders_the_whole_file_as_before():
    user = regions_prompt("Tidy the module.")  # names no definition: the view is the whole file
    assert "Current content of calc/more.py:\n````\n" + LONG.removesuffix("\n") + "\n````" in user
    assert "Outline of" not in user
