"""Snapshots of every prompt Booty renders (design rule 9): a change to a prompt shows up as a
diff of a file under tests/data/prompts/, to be reviewed like code.

After an intended change, refresh them with ``BOOTY_UPDATE_SNAPSHOTS=1 pytest tests/unit/test_prompt_snapshots.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from booty.core.budget import pack, render_context
from booty.core.edit_format import instructions_for
from booty.core.index import build_index
from booty.core.issue import fence_issue
from booty.edit.regions import select_view
from booty.core.models import Comment, Issue, Plan, PlannedChange, Problem, Prompt, RankedFile
from booty.prompts import editor_prompt, guidance_block, planner_prompt

SNAPSHOTS = Path(__file__).parents[1] / "data" / "prompts"
TOKEN = "0123456789abcdef"
ISSUE = Issue(
    number=7,
    title="divide(1, 0) crashes",
    body="Calling `divide(1, 0)` raises ZeroDivisionError; it should raise a clear ValueError.",
    comments=(Comment(author="maint", body="Please keep the public signature.", author_is_writer=True),),
)
PLAN = Plan(
    actionable=True,
    summary="divide() raises ValueError for a zero divisor.",
    title="fix(ops): clear error for division by zero",
    changes=[
        PlannedChange(path="calc/ops.py", action="modify", reason="Check the divisor before dividing."),
        PlannedChange(path="tests/test_ops.py", action="create", reason="Cover the zero divisor."),
    ],
    acceptance_criteria=["divide(1, 0) raises ValueError naming the divisor"],
)
SMALL_FILE = "def divide(a, b):\n    return a / b\n"
LARGE_FILE = "".join(f"def f{i}(x):\n    return x + {i}\n\n" for i in range(60))


def repo_map() -> str:
    """The map as the pipeline renders it: files in full, and one too large for this budget as a bare path."""
    files = {"calc/ops.py": SMALL_FILE, "calc/more.py": LARGE_FILE, "README.md": "# calc\n"}
    index = build_index(list(files), lambda p: files[p].encode(), never_read=lambda p: False)
    ranked = [RankedFile(path=p, score=3.0 - i) for i, p in enumerate(files)]
    return render_context(pack(ranked, index, 300))


def rendered() -> dict[str, str]:
    fenced = fence_issue(ISSUE, TOKEN)
    guidance = guidance_block({"AGENTS.md": "Run `make test` before proposing a change.", "CONTRIBUTING.md": "Use type hints."})
    prompts = {"planner": planner_prompt(fenced_issue=fenced, token=TOKEN, repo_map=repo_map(), guidance=guidance)}
    modify, create = PLAN.changes
    for name, change, current, extra in (
        ("editor_whole_file", modify, SMALL_FILE, {}),
        ("editor_search_replace", modify, LARGE_FILE, {}),
        ("editor_new_file", create, None, {}),
        ("editor_repair", modify, SMALL_FILE, {
            "problems": [Problem(path="calc/ops.py", line=2, kind="syntax", message="invalid syntax")],
            "previous": "calc/ops.py\n```python\ndef divide(a, b:\n```\n",
            "cache_shared": True, "cache_file": True,
        }),
    ):
        prompts[name] = editor_prompt(plan=PLAN, change=change, current=current, format_instructions=instructions_for(current),
                                      fenced_issue=fenced, token=TOKEN, **extra)
    regions = PlannedChange(path="calc/more.py", action="modify", reason="Make `f30` reject a negative x.")
    view = select_view(regions.path, LARGE_FILE, regions.reason)
    prompts["editor_regions"] = editor_prompt(plan=PLAN, change=regions, current=LARGE_FILE, view=view,
                                              format_instructions=instructions_for(LARGE_FILE), fenced_issue=fenced, token=TOKEN)
    return {name: _render(prompt) for name, prompt in prompts.items()}


def _render(prompt: Prompt) -> str:
    """System and user turn; ``=== cache breakpoint ===`` after each part marked for the cache."""
    text = f"=== system ===\n{prompt.system}\n=== user ===\n"
    for i, part in enumerate(prompt.parts):
        text += part + ("\n=== cache breakpoint ===\n" if i in prompt.cache_after else "")
    return text + "\n"


@pytest.mark.parametrize("name", sorted(rendered()))
def test_prompt_matches_its_snapshot(name: str) -> None:
    text = rendered()[name]
    path = SNAPSHOTS / f"{name}.txt"
    if os.environ.get("BOOTY_UPDATE_SNAPSHOTS") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no snapshot {path.name}: run with BOOTY_UPDATE_SNAPSHOTS=1 and review it"
    assert text == path.read_text(encoding="utf-8"), f"{name} prompt changed: review, then refresh the snapshot"


def test_the_planner_prompt_has_one_repository_map_heading() -> None:
    user = rendered()["planner"].split("=== user ===", 1)[1]
    assert user.count("Repository map") == 1, user
    assert "## calc/ops.py (full)" in user and "## README.md (full)" in user and "- calc/more.py" in user


def test_snapshots_hold_no_stale_files() -> None:
    assert {p.stem for p in SNAPSHOTS.glob("*.txt")} == set(rendered())
