"""The compatibility matrix: the whole action, for every model a user may pick, against the strict fake.

Plan (structured), two files edited in parallel, one repair round, count_tokens and cost, each shaped
for the model by Booty and checked by the fake's own rules; every model must end ``pr_opened`` with
no request refused. A retired model ends with a clear error before any model call.
"""

from __future__ import annotations

import pytest

from booty.demo.model_table import RETIRED
from tests.support.scripted import FIXED_OPS, Scripted, plan, whole_file

# claude-api.md, "Models a user may pick": current, then legacy.
MODELS = [
    "claude-fable-5-1",
    "claude-opus-5-5",
    "claude-sonnet-5-5",
    "claude-haiku-5-5",
    "claude-fable-5",
    "claude-opus-5",
    "claude-opus-4-8",
    "claude-opus-4-7",
    "claude-opus-4-6",
    "claude-opus-4-5",
    "claude-sonnet-5",
    "claude-sonnet-4-6",
    "claude-haiku-4-5",
]

BROKEN_OPS = "def add(a, b):\n    return a +\n"
POW = 'def power(a, b):\n    """a to the power b."""\n    return a ** b\n'
CHANGES = [
    {"path": "calc/ops.py", "action": "modify", "reason": "Guard against b == 0."},
    {"path": "calc/power.py", "action": "create", "reason": "A power helper next to divide."},
]


@pytest.mark.parametrize("model", MODELS)
def test_every_model_runs_the_whole_action_to_a_pull_request(scenario, model):
    s = scenario.labeled()
    s.inputs["model"] = model
    scripted = Scripted(
        plan(changes=CHANGES),
        {
            "calc/ops.py": [whole_file("calc/ops.py", BROKEN_OPS), whole_file("calc/ops.py", FIXED_OPS)],
            "calc/power.py": [whole_file("calc/power.py", POW)],
        },
    )
    s.model.respond_with(scripted)
    code, out = s.run()

    assert [(r.endpoint, r.message) for r in s.model.rejected] == [], s.summary
    assert (code, out["status"]) == (0, "pr_opened"), s.summary
    assert sorted(scripted.asked) == ["calc/ops.py", "calc/ops.py", "calc/power.py"]  # one repair round
    assert s.model.count_requests, "count_tokens confirms the prompt"
    assert {r["model"] for r in s.model.requests} == {model}
    [pr] = s.github.pulls.values()
    assert s.show_on_origin(pr["head"], "calc/ops.py") == FIXED_OPS
    assert s.show_on_origin(pr["head"], "calc/power.py") == POW
    assert int(out["input_tokens"]) > 0 and int(out["output_tokens"]) > 0 and float(out["cost_usd"]) > 0


@pytest.mark.parametrize("model", [RETIRED[0], "claude-3-5-sonnet-20241022"])
def test_a_retired_model_ends_with_a_clear_error_before_any_work(scenario, model):
    s = scenario.labeled()
    s.inputs["model"] = model
    s.model.respond_with(Scripted(plan(), {"calc/ops.py": [whole_file("calc/ops.py", FIXED_OPS)]}))
    code, out = s.run()

    assert (code, out["status"]) == (1, "error")
    assert model in s.summary and s.model.requests == [] and s.model.count_requests == []
    assert s.github.pulls == {} and s.branch_on_origin(f"agent/issue-{s.issue_number}") == ""
