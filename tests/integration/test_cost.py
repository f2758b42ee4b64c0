"""The hard cost cap and the token accounting, through booty.main against the fakes."""

from __future__ import annotations

import json
import re

import pytest

from tests.fakes.anthropic_server import is_plan_call
from tests.support.scripted import FIXED_OPS, Scripted, plan, whole_file

# Output tokens at $0.001 each, input free: the fake's token counts make every number below exact.
PRICES = json.dumps({"claude-sonnet-5-5": [0, 1000]})  # cache writes and reads follow the input: free
WORST_CALL = 256 * 0.001  # max_output_tokens=256 at that price


def test_the_cap_is_checked_before_every_call_not_only_the_first(scenario, capsys):
    s = scenario.labeled()
    s.inputs.update(model_prices=PRICES, max_output_tokens="256", max_cost_usd="0.3")
    s.model.responder = Scripted(plan(), {"calc/ops.py": [whole_file("calc/ops.py", FIXED_OPS)]})
    code, out = s.run(capsys)

    spent = float(out["cost_usd"])
    assert 0.3 - WORST_CALL < spent <= 0.3  # premise: the plan fit, an editor call at its worst would not
    assert (code, out["status"]) == (1, "budget_exceeded"), s.summary
    assert "| status | budget_exceeded |" in s.summary and "(`budget_exceeded`)" in s.summary
    assert [is_plan_call(r) for r in s.model.requests] == [True]  # the editor call was never sent
    assert len(s.model.count_requests) == 2  # ...but it was counted, which is how Booty knew
    assert int(out["output_tokens"]) == round(spent / 0.001) and int(out["input_tokens"]) > 0
    [comment] = s.github.comments_on(s.issue_number)
    assert "(`budget_exceeded`)" in comment["body"] and "max_cost_usd" in comment["body"]
    assert "calc/ops.py" in comment["body"]  # names the call it refused
    assert s.github.pulls == {} and s.branch_on_origin(f"agent/issue-{s.issue_number}") == ""


def test_tokens_and_cost_per_call_and_in_total_reach_outputs_summary_and_pr(scenario, capsys):
    s = scenario.labeled()
    s.inputs.update(model_prices=PRICES, max_cost_usd="100")
    s.model.responder = Scripted(plan(), {"calc/ops.py": [whole_file("calc/ops.py", FIXED_OPS)]})
    code, out = s.run(capsys)

    assert out["status"] == "pr_opened"
    tokens_in, tokens_out, cost = int(out["input_tokens"]), int(out["output_tokens"]), float(out["cost_usd"])
    assert tokens_in > 0 and cost == pytest.approx(tokens_out * 0.001)  # the overriding price table was used
    rows = re.findall(
        r"^\| (plan|[\w/.]+[^|]*) \| ([\d,]+) \| ([\d,]+) \| ([\d,]+) \| ([\d,]+) \|$", s.summary, re.M
    )
    assert len(rows) == 2  # one row per model call: the plan and the one file
    assert sum(int(r[1].replace(",", "")) for r in rows) == tokens_in
    assert sum(int(r[4].replace(",", "")) for r in rows) == tokens_out
    assert f"| cost | ${cost:.4f} |" in s.summary
    [pr] = s.github.pulls.values()
    assert f"{tokens_in:,} input tokens, {tokens_out:,} output tokens, about ${cost:.4f}" in pr["body"]
