"""The profile table and the request shape it decides, model by model (facts: shared/claude-api.md)."""

from __future__ import annotations

import pytest

from booty.claude.choice import DEFAULT_MAX_OUTPUT_TOKENS, resolve_model
from booty.claude.profiles import PROFILES, known_profile
from booty.claude.request_shape import Choices, shape
from booty.errors import ConfigError

CURRENT = {"claude-fable-5-1", "claude-opus-5-5", "claude-sonnet-5-5", "claude-haiku-5-5"}
LEGACY = {"claude-fable-5", "claude-opus-5", "claude-opus-4-8", "claude-opus-4-7", "claude-opus-4-6", "claude-opus-4-5",
          "claude-sonnet-5", "claude-sonnet-4-6", "claude-haiku-4-5"}

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


def setup_for(model: str, **choices):
    options = dict(temperature=None, effort=None, max_output_tokens=None, prices={}, capabilities=lambda m: None)
    return resolve_model(model, **(options | choices))


def test_the_table_holds_every_current_and_legacy_model_with_its_status():
    assert {m for m, p in PROFILES.items() if p.status == "current"} == CURRENT
    assert {m for m, p in PROFILES.items() if p.status == "legacy"} == LEGACY


@pytest.mark.parametrize("model", sorted(EXPECTED_SHAPE))
def test_thinking_is_off_where_the_model_allows_it_and_at_low_effort_elsewhere(model):
    thinking, edit_effort, plan_effort = EXPECTED_SHAPE[model]
    edit, plan = shape(PROFILES[model], "edit"), shape(PROFILES[model], "plan")
    assert (edit.thinking, edit.effort, plan.effort) == (thinking, edit_effort, plan_effort)
    assert "temperature" not in edit.fields() and edit.notes == ()


def test_sonnet_5_5_turns_thinking_off_with_between_tools_and_nothing_else():
    fields = shape(PROFILES["claude-sonnet-5-5"], "edit").fields(schema={"type": "object"})
    assert fields == {"thinking": {"type": "between_tools"}, "output_config": {"format": {"type": "json_schema", "schema": {"type": "object"}}}}


def test_an_effort_above_high_keeps_thinking_on_where_off_needs_effort_high_or_less():
    assert shape(PROFILES["claude-opus-5"], "edit", Choices(effort="max")).thinking == {"type": "adaptive"}
    assert shape(PROFILES["claude-sonnet-5-5"], "edit", Choices(effort="max")).fields()["output_config"] == {"effort": "max"}
    assert shape(PROFILES["claude-opus-5"], "edit", Choices(effort="high")).thinking == {"type": "disabled"}


@pytest.mark.parametrize("model", ["claude-sonnet-5-5", "claude-sonnet-5", "claude-opus-4-7", "claude-fable-5-1"])
def test_a_temperature_is_not_sent_to_models_that_refuse_it_and_the_notes_say_why(model):
    got = shape(PROFILES[model], "edit", Choices(temperature=0.0))
    assert got.temperature is None and "temperature 0 was not sent" in got.notes[0]


def test_a_temperature_is_sent_to_an_older_model_while_thinking_is_off():
    assert shape(PROFILES["claude-sonnet-4-6"], "edit", Choices(temperature=0.2)).fields()["temperature"] == 0.2
    haiku = shape(PROFILES["claude-haiku-5-5"], "edit", Choices(temperature=0.2))
    assert haiku.temperature is None and "only its default temperature" in haiku.notes[0]
    assert shape(PROFILES["claude-haiku-5-5"], "edit", Choices(temperature=1.0)).temperature == 1.0


def test_an_effort_the_model_does_not_take_is_left_out_with_a_note():
    got = shape(PROFILES["claude-haiku-4-5"], "edit", Choices(effort="low"))
    assert got.effort is None and "accepts none" in got.notes[0]
    xhigh = shape(PROFILES["claude-haiku-5-5"], "plan", Choices(effort="xhigh"))
    assert xhigh.effort is None and "low, medium, high, max" in xhigh.notes[0]
    on = shape(PROFILES["claude-sonnet-5-5"], "plan", Choices(effort="xhigh"))  # above high: thinking stays on
    assert on.fields() == {"thinking": {"type": "adaptive"}, "output_config": {"effort": "xhigh"}}


@pytest.mark.parametrize("model,replacement", [
    ("claude-sonnet-4-5", "claude-sonnet-5-5"), ("claude-sonnet-4-20250514", "claude-sonnet-5-5"),
    ("claude-opus-4-1", "claude-opus-5-5"), ("claude-opus-4-0", "claude-opus-5-5"),
    ("claude-3-7-sonnet-latest", "claude-sonnet-5-5"), ("claude-3-5-haiku-latest", "claude-haiku-5-5"),
])
def test_a_retired_model_stops_with_a_current_replacement(model, replacement):
    with pytest.raises(ConfigError, match=f"`{model}` is retired.*`{replacement}`"):
        setup_for(model)


def test_an_unknown_model_takes_its_shape_from_capabilities_and_the_highest_prices():
    capabilities = {"thinking": {"supported": True, "types": {"adaptive": {"supported": True}}},
                    "effort": {"supported": True, "low": {"supported": True}, "high": {"supported": True}},
                    "structured_outputs": {"supported": True}}
    setup = setup_for("claude-mythos-5-1", capabilities=lambda m: (capabilities, 128_000))
    assert setup.profile.thinking_types == {"adaptive"} and setup.profile.efforts == ("low", "high")
    assert shape(setup.profile, "edit").fields() == {"thinking": {"type": "adaptive"}, "output_config": {"effort": "low"}}
    assert setup.profile.prices.output == max(p.prices.output * p.prices.long_prompt_factor for p in PROFILES.values())
    assert any("not in Booty's model table" in n for n in setup.notes) and any("highest rates" in n for n in setup.notes)


def test_an_unknown_model_without_capabilities_gets_the_most_conservative_shape():
    setup = setup_for("claude-nova-1", temperature=0.0, effort="low")
    edit = shape(setup.profile, "edit", setup.choices)
    assert edit.fields() == {}  # no thinking, effort or sampling field at all
    assert any("could not be read" in n for n in setup.notes) and any("temperature 0 was not sent" in n for n in setup.notes)


def test_model_prices_replace_the_profile_prices_and_a_bad_entry_is_refused():
    assert setup_for("claude-sonnet-5-5", prices={"claude-sonnet-5-5": [3, 15]}).profile.prices.cache_write == 3.75
    with pytest.raises(ConfigError, match="model_prices for `claude-sonnet-5-5`"):
        setup_for("claude-sonnet-5-5", prices={"claude-sonnet-5-5": [3, 15, 1]})


def test_output_limit_defaults_and_is_capped_at_the_models_limit():
    assert setup_for("claude-sonnet-5-5").max_output_tokens == DEFAULT_MAX_OUTPUT_TOKENS
    capped = setup_for("claude-haiku-4-5", max_output_tokens=100_000)
    assert capped.max_output_tokens == 64_000 and "used 64,000" in capped.notes[0]


def test_dated_snapshot_ids_share_their_models_profile():
    assert known_profile("claude-haiku-4-5-20251001") is PROFILES["claude-haiku-4-5"]
