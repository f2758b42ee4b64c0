"""The request shape a profile decides, model by model: thinking, effort, temperature (facts: shared/claude-api.md)."""

from __future__ import annotations

import pytest

from booty.claude.profiles import PROFILES
from booty.claude.request_shape import Choices, shape

# model -> (thinking sent for an edit, effort sent for an edit, effort sent for the plan)
EXPECTED_SHAPE = {
    "claude-haiku-4-5": ({"type": "disabled"}, None, None),
    "claude-opus-4-5": ({"type": "disabled"}, None, None),
    "claude-sonnet-4-6": ({"type": "disabled"}, None, None),
    "claude-opus-4-6": ({"type": "disabled"}, None, None),
    "claude-opus-4-7": ({"type": "disabled"}, None, None),
    "claude-opus-4-8": ({"type": "disabled"}, None, None),
    "claude-sonnet-5": ({"type": "disabled"}, None, None),
    "claude-opus-5": ({"type": "disabled"}, None, None),
    "claude-fable-5": ({"type": "adaptive"}, "low", "medium"),
    "claude-fable-5-1": ({"type": "adaptive"}, "low", "medium"),
    "claude-opus-5-5": ({"type": "adaptive"}, "low", "medium"),
    "claude-sonnet-5-5": ({"type": "between_tools"}, None, None),
    "claude-haiku-5-5": ({"type": "disabled"}, None, None),
}


@pytest.mark.parametrize("model", sorted(EXPECTED_SHAPE))
def test_thinking_is_off_where_the_model_allows_it_and_at_low_effort_elsewhere(model):
    thinking, edit_effort, plan_effort = EXPECTED_SHAPE[model]
    edit, plan = shape(PROFILES[model], "edit"), shape(PROFILES[model], "plan")
    assert (edit.thinking, edit.effort, plan.effort) == (thinking, edit_effort, plan_effort)
    assert "temperature" not in edit.fields() and edit.notes == ()


def test_sonnet_5_5_turns_thinking_off_with_between_tools_and_nothing_else():
    fields = shape(PROFILES["claude-sonnet-5-5"], "edit").fields(schema={"type": "object"})
    assert fields == {
        "thinking": {"type": "between_tools"},
        "output_config": {"format": {"type": "json_schema", "schema": {"type": "object"}}},
    }


def test_an_effort_above_high_keeps_thinking_on_where_off_needs_effort_high_or_less():
    assert shape(PROFILES["claude-opus-5"], "edit", Choices(effort="max")).thinking == {"type": "adaptive"}
    assert shape(PROFILES["claude-sonnet-5-5"], "edit", Choices(effort="max")).fields()["output_config"] == {
        "effort": "max"
    }
    assert shape(PROFILES["claude-opus-5"], "edit", Choices(effort="high")).thinking == {"type": "disabled"}


@pytest.mark.parametrize(
    "model", ["claude-sonnet-5-5", "claude-sonnet-5", "claude-opus-4-7", "claude-fable-5-1"]
)
def test_a_temperature_is_not_sent_to_models_that_refuse_it_and_the_notes_say_why(model):
    got = shape(PROFILES[model], "edit", Choices(temperature=0.0))
    assert got.temperature is None and "temperature 0 was not sent" in got.notes[0]


def test_a_temperature_is_sent_to_an_older_model_while_thinking_is_off():
    assert (
        shape(PROFILES["claude-sonnet-4-6"], "edit", Choices(temperature=0.2)).fields()["temperature"] == 0.2
    )
    haiku = shape(PROFILES["claude-haiku-5-5"], "edit", Choices(temperature=0.2))
    assert haiku.temperature is None and "only its default temperature" in haiku.notes[0]
    assert shape(PROFILES["claude-haiku-5-5"], "edit", Choices(temperature=1.0)).temperature == 1.0


def test_an_effort_the_model_does_not_take_is_left_out_with_a_note():
    got = shape(PROFILES["claude-haiku-4-5"], "edit", Choices(effort="low"))
    assert got.effort is None and "accepts none" in got.notes[0]
    xhigh = shape(PROFILES["claude-haiku-5-5"], "plan", Choices(effort="xhigh"))
    assert xhigh.effort is None and "low, medium, high, max" in xhigh.notes[0]
    on = shape(
        PROFILES["claude-sonnet-5-5"], "plan", Choices(effort="xhigh")
    )  # above high: thinking stays on
    assert on.fields() == {"thinking": {"type": "adaptive"}, "output_config": {"effort": "xhigh"}}
