"""Authoring with BOOTY_EDITOR_VIEW=regions: what each call shows of a long file, and what becomes
of a SEARCH block that copies lines the model was not shown."""

from __future__ import annotations

import asyncio

from booty.edit.authoring import Author
from booty.models import Plan, PlannedChange
from tests.unit.edit.test_authoring import F, Writer, whole

LONG = "import os\n\n\n" + "".join(f"def f{i}(x):\n    return x + {i}\n\n\n" for i in range(80))
SMALL = "def f1(x):\n    return x + 1\n"


def block(search: str, replace: str, path: str = "m.py") -> str:
    return f"{path}\n{F}python\n<<<<<<< SEARCH\n{search}=======\n{replace}>>>>>>> REPLACE\n{F}\n"


F40 = block("def f40(x):\n    return x + 40\n", "def f40(x):\n    return abs(x) + 40\n")
F70 = block("def f70(x):\n    return x + 70\n", "def f70(x):\n    return abs(x) + 70\n")


def run(writer: Writer, *, view: str = "regions", reason: str = "Make `f40` take abs(x).", max_retries: int = 2,
        originals: dict | None = None):  # fmt: skip
    change = PlannedChange(path="m.py", action="modify", reason=reason)
    plan = Plan(actionable=True, summary="s", title="fix: t", changes=[change])
    author = Author(write=writer, originals=originals or {"m.py": LONG}, validate=lambda cs: [], fenced_issue="<i/>",
                    token="t", max_retries=max_retries, editor_view=view)  # fmt: skip
    return asyncio.run(author.author(plan, [change], []))


def after(result) -> str:
    return {c.path: c.after for c in result.changes.changes}["m.py"]


def test_a_block_on_the_lines_shown_applies_in_one_round():
    writer = Writer({"m.py": [F40]})
    result = run(writer)
    assert result.problems == [] and result.rounds == 1
    assert after(result) == LONG.replace("    return x + 40\n", "    return abs(x) + 40\n")
    [prompt] = writer.prompts
    assert "only the parts the plan points at (f40)" in prompt and "def f40(x):" in prompt
    assert "def f70(x):\n" not in prompt and "Current content of" not in prompt


def test_a_block_on_lines_not_shown_is_refused_not_applied():
    result = run(Writer({"m.py": [F70]}), max_retries=0)
    assert result.changes.changes == () and [p.kind for p in result.problems] == ["match"]
    assert "which you were not shown" in result.problems[0].message
    assert result.problems[0].line == LONG.splitlines().index("def f70(x):") + 1


def test_the_repair_round_shows_the_lines_a_refused_block_matched_and_then_it_applies():
    writer = Writer({"m.py": [F70]})
    result = run(writer)
    assert result.problems == [] and result.rounds == 2
    assert after(result) == LONG.replace("    return x + 70\n", "    return abs(x) + 70\n")
    first, repair = writer.prompts
    assert "def f70(x):\n" not in first
    assert "def f70(x):\n    return x + 70\n" in repair and "def f40(x):" in repair  # both regions now
    assert "Current content of" not in repair


def test_an_answer_asking_for_more_of_the_file_gets_the_whole_file():
    writer = Writer({"m.py": ["I need to see f70 and f71 to make this change.", F70]})
    result = run(writer)
    assert result.problems == [] and result.rounds == 2
    assert "Current content of m.py:\n````\n" + LONG.removesuffix("\n") + "\n````" in writer.prompts[1]


def test_a_second_repair_of_the_file_shows_it_whole():
    wrong = block("def f40(x):\n    return x + 41\n", "def f40(x):\n    return 0\n")  # does not match
    writer = Writer({"m.py": [wrong, wrong, F40]})
    result = run(writer)
    assert result.problems == [] and result.rounds == 3
    assert "Current content of" not in writer.prompts[1] and "Did you mean" in writer.prompts[1]
    assert "Current content of m.py:" in writer.prompts[2]


def test_nothing_named_in_the_file_shows_it_whole():
    writer = Writer({"m.py": [F70]})
    result = run(writer, reason="Make the helpers take abs(x).")
    assert result.problems == [] and result.rounds == 1
    assert "Current content of m.py:" in writer.prompts[0]


def test_the_whole_setting_always_shows_the_whole_file():
    writer = Writer({"m.py": [F40]})
    assert run(writer, view="whole").problems == []
    assert "Current content of m.py:" in writer.prompts[0] and "Outline of" not in writer.prompts[0]


def test_a_small_file_is_written_whole_and_shown_whole_whatever_the_setting():
    writer = Writer({"m.py": [whole("m.py", "def f1(x):\n    return abs(x) + 1\n")]})
    assert run(writer, reason="Make `f1` take abs(x).", originals={"m.py": SMALL}).problems == []
    assert "Current content of m.py:" in writer.prompts[0]
