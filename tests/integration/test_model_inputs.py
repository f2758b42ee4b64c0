"""Model inputs a maintainer gets wrong, and answers a model gets wrong, through the whole action:
each ends with a clear message and a truthful status, no traceback, nothing pushed."""

from __future__ import annotations

import pytest

from tests.fakes.anthropic_server import Fault, ToolReply
from tests.support.scenario import scripted_fix


def nothing_delivered(s) -> bool:
    return s.github.pulls == {} and s.branch_on_origin(f"agent/issue-{s.issue_number}") == ""


def test_a_misspelled_model_is_named_with_the_model_it_probably_meant(scenario):
    s = scripted_fix(scenario.labeled())
    s.inputs["model"] = "claude-sonet-5-5"
    code, out = s.run()
    assert (code, out["status"]) == (1, "error")
    assert (
        "does not know the model `claude-sonet-5-5`" in s.summary
        and "Did you mean `claude-sonnet-5-5`" in s.summary
    )
    assert s.model.requests == [] and nothing_delivered(s) and "Traceback" not in s.stdout


def test_a_model_booty_does_not_know_is_shaped_from_its_capabilities_and_priced_at_the_top(scenario):
    s = scripted_fix(scenario.labeled())
    s.inputs["model"] = "claude-mythos-5-1"  # served by the API, not in Booty's table
    code, out = s.run()
    assert (code, out["status"]) == (0, "pr_opened"), s.summary
    assert s.model.rejected == []
    assert "not in Booty's model table" in s.summary and "highest rates in the table" in s.summary
    assert all("temperature" not in r and "tool_choice" not in r for r in s.model.requests)


@pytest.mark.parametrize("model", ["claude-sonnet-5-5", "claude-opus-5-5"])
def test_a_temperature_the_model_refuses_is_left_out_and_the_summary_says_why(scenario, model):
    s = scripted_fix(scenario.labeled())
    s.inputs.update(model=model, temperature="0.3")
    code, out = s.run()
    assert (code, out["status"]) == (0, "pr_opened"), s.summary
    assert all("temperature" not in r for r in s.model.requests) and s.model.rejected == []
    assert "temperature 0.3 was not sent" in s.summary
    [pr] = s.github.pulls.values()
    assert "temperature 0.3 was not sent" in pr["body"]


@pytest.mark.parametrize(
    "name, value, says",
    [
        ("effort", "turbo", "BOOTY_EFFORT"),
        ("model_prices", '{"claude-sonnet-5-5": [1]}', "BOOTY_MODEL_PRICES"),
        ("model_prices", "not json", "BOOTY_MODEL_PRICES"),
    ],
)
def test_a_malformed_model_input_stops_before_any_call(scenario, name, value, says):
    s = scripted_fix(scenario.labeled())
    s.inputs[name] = value
    code, out = s.run()
    assert (code, out["status"]) == (1, "error")
    assert says in s.summary and s.model.requests == [] and nothing_delivered(s)


@pytest.mark.parametrize(
    "fault, says",
    [
        (Fault.refusal(text="", category="cyber"), "refusal, category: cyber"),
        (Fault.thinking_only(), "while still thinking"),
    ],
    ids=["refusal", "thinking-only"],
)
def test_an_answer_without_a_plan_ends_the_run_clearly(scenario, fault, says):
    s = scripted_fix(scenario.labeled())
    s.inputs["model"] = "claude-opus-5-5"
    s.model.fail_next(fault, on="plan")
    code, out = s.run()
    assert (code, out["status"]) == (1, "error")
    assert says in s.summary and "Unexpected error" not in s.summary and nothing_delivered(s)


def test_a_plan_that_never_fits_the_schema_is_asked_once_more_then_reported(scenario):
    s = scenario.labeled()
    s.model.respond_with(lambda body: ToolReply({"actionable": "perhaps"}))
    code, out = s.run()
    assert (code, out["status"]) == (1, "error")
    assert "no usable plan after 2 tries" in s.summary and len(s.model.requests) == 2 and nothing_delivered(s)
