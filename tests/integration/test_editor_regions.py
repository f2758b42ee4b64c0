"""BOOTY_EDITOR_VIEW=regions through the whole action: a long file's editor call shows the parts the
plan points at, the SEARCH/REPLACE answer applies to the real file, and the PR carries it."""

from __future__ import annotations

from tests.fakes.anthropic_server import is_plan_call
from tests.support.scripted import Scripted, plan, request_text

HELPERS = "".join(
    f'def helper_{i}(x):\n    """Helper {i}."""\n    if x is None:\n        return None\n    y = x * {i}\n'
    f"    z = y - {i}\n    return x * {i} + 1\n\n\n"
    for i in range(100)
)
LONG_OPS = (
    '"""Arithmetic."""\n\nimport math\n\n\n' + HELPERS
    + 'def divide(a, b):\n    """Divide a by b."""\n    return a / b\n\n\n'
    + "".join(f"def tail_{i}(x):\n    return math.floor(x) - {i}\n\n\n" for i in range(60))
)  # fmt: skip
GUARD = '    if b == 0:\n        raise ValueError("cannot divide by zero")\n'


def blocks(*pairs: tuple[str, str]) -> str:
    body = "".join(f"<<<<<<< SEARCH\n{s}=======\n{r}>>>>>>> REPLACE\n" for s, r in pairs)
    return f"calc/ops.py\n```python\n{body}```\n"


DIVIDE = ('def divide(a, b):\n    """Divide a by b."""\n    return a / b\n',
          'def divide(a, b):\n    """Divide a by b."""\n' + GUARD + "    return a / b\n")  # fmt: skip
TAIL_7 = ("def tail_7(x):\n    return math.floor(x) - 7\n", "def tail_7(x):\n    return math.floor(x) - 8\n")


def editor_requests(s) -> list[str]:
    return [request_text(r) for r in s.model.requests if not is_plan_call(r)]


def long_file_scenario(scenario, answers: list[str], *, reason: str = "Guard `divide` against b == 0.", view: str = "regions",
                       summary: str = "divide() now raises a clear error for a zero divisor.", criteria=("divide(1, 0) raises ValueError",)):  # fmt: skip
    s = scenario.labeled()
    s.commit_files({"calc/ops.py": LONG_OPS})
    s.inputs["editor_view"] = view
    changes = [{"path": "calc/ops.py", "action": "modify", "reason": reason}]
    s.model.responder = Scripted(
        plan(changes=changes, summary=summary, acceptance_criteria=list(criteria)), {"calc/ops.py": answers}
    )
    return s


def test_a_long_file_gets_a_regions_prompt_and_the_edit_lands_in_the_pr(scenario, capsys):
    s = long_file_scenario(scenario, [blocks(DIVIDE)])
    code, out = s.run(capsys)

    assert (code, out["status"]) == (0, "pr_opened"), s.summary
    assert s.show_on_origin(f"agent/issue-{s.issue_number}", "calc/ops.py") == LONG_OPS.replace(*DIVIDE)
    [editor] = editor_requests(s)
    assert (
        f"calc/ops.py has {len(LONG_OPS.splitlines()):,} lines; only the parts the plan points at (divide) are shown"
        in editor
    )
    assert (
        'def divide(a, b):\n    """Divide a by b."""\n    return a / b' in editor and "import math" in editor
    )
    assert "return x * 50 + 1" not in editor and "return math.floor(x) - 40" not in editor  # left out
    assert (
        f"{LONG_OPS.splitlines().index('def helper_50(x):') + 1:>5}: def helper_50(x)" in editor
    )  # the outline lists them
    whole = long_file_scenario(scenario, [blocks(DIVIDE)], view="whole")
    assert whole.run(capsys)[1]["status"] == "pr_updated"
    assert len(editor) * 2 < len(editor_requests(whole)[-1])  # under half the whole file's prompt


def test_a_block_on_lines_not_shown_is_refused_then_applied_once_they_are_shown(scenario, capsys):
    s = long_file_scenario(scenario, [blocks(DIVIDE, TAIL_7)])
    code, out = s.run(capsys)

    assert (code, out["status"]) == (0, "pr_opened"), s.summary
    first, repair = editor_requests(s)
    assert "def tail_7(x):\n    return math.floor(x) - 7" not in first
    assert "SEARCH block 2 matches lines" in repair and "which you were not shown" in repair
    assert "Lines " in repair and "def tail_7(x):\n    return math.floor(x) - 7" in repair
    assert s.show_on_origin(f"agent/issue-{s.issue_number}", "calc/ops.py") == LONG_OPS.replace(
        *DIVIDE
    ).replace(*TAIL_7)


def test_a_plan_naming_nothing_in_the_file_shows_it_whole(scenario, capsys):
    s = long_file_scenario(
        scenario,
        [blocks(DIVIDE)],
        reason="Guard against a zero divisor.",
        summary="A zero divisor raises a clear error.",
        criteria=("A zero divisor raises ValueError",),
    )
    assert s.run(capsys)[1]["status"] == "pr_opened"
    [editor] = editor_requests(s)
    assert "Current content of calc/ops.py:" in editor and "return x * 50 + 1" in editor
