"""Resolving the model input into a profile and the maintainer's choices: retired, unknown and dated ids, prices, output limit."""

from __future__ import annotations

import pytest

from booty.claude.choice import DEFAULT_MAX_OUTPUT_TOKENS, resolve_model
from booty.claude.profiles import PROFILES
from booty.claude.request_shape import shape
from booty.errors import ConfigError


def setup_for(model: str, **choices):
    options = dict(
        temperature=None, effort=None, max_output_tokens=None, prices={}, capabilities=lambda m: None
    )
    return resolve_model(model, **(options | choices))


@pytest.mark.parametrize(
    "model,replacement",
    [
        ("claude-sonnet-4-5", "claude-sonnet-5-5"),
        ("claude-sonnet-4-20250514", "claude-sonnet-5-5"),
        ("claude-opus-4-1", "claude-opus-5-5"),
        ("claude-opus-4-0", "claude-opus-5-5"),
        ("claude-3-7-sonnet-latest", "claude-sonnet-5-5"),
        ("claude-3-5-haiku-latest", "claude-haiku-5-5"),
    ],
)
def test_a_retired_model_stops_with_a_current_replacement(model, replacement):
    with pytest.raises(ConfigError, match=f"`{model}` is retired.*`{replacement}`"):
        setup_for(model)


def test_an_unknown_model_takes_its_shape_from_capabilities_and_the_highest_prices():
    capabilities = {
        "thinking": {"supported": True, "types": {"adaptive": {"supported": True}}},
        "effort": {"supported": True, "low": {"supported": True}, "high": {"supported": True}},
        "structured_outputs": {"supported": True},
    }
    setup = setup_for("claude-mythos-5-1", capabilities=lambda m: (capabilities, 128_000))
    assert setup.profile.thinking_types == {"adaptive"} and setup.profile.efforts == ("low", "high")
    assert shape(setup.profile, "edit").fields() == {
        "thinking": {"type": "adaptive"},
        "output_config": {"effort": "low"},
    }
    assert setup.profile.prices.output == max(
        p.prices.output * p.prices.long_prompt_factor for p in PROFILES.values()
    )
    assert any("not in Booty's model table" in n for n in setup.notes) and any(
        "highest rates" in n for n in setup.notes
    )


def test_an_unknown_model_without_capabilities_gets_the_most_conservative_shape():
    setup = setup_for("claude-nova-1", temperature=0.0, effort="low")
    edit = shape(setup.profile, "edit", setup.choices)
    assert edit.fields() == {}  # no thinking, effort or sampling field at all
    assert any("could not be read" in n for n in setup.notes) and any(
        "temperature 0 was not sent" in n for n in setup.notes
    )


def test_model_prices_replace_the_profile_prices_and_a_bad_entry_is_refused():
    assert (
        setup_for("claude-sonnet-5-5", prices={"claude-sonnet-5-5": [3, 15]}).profile.prices.cache_write
        == 3.75
    )
    with pytest.raises(ConfigError, match="model_prices for `claude-sonnet-5-5`"):
        setup_for("claude-sonnet-5-5", prices={"claude-sonnet-5-5": [3, 15, 1]})


def test_output_limit_defaults_and_is_capped_at_the_models_limit():
    assert setup_for("claude-sonnet-5-5").max_output_tokens == DEFAULT_MAX_OUTPUT_TOKENS
    capped = setup_for("claude-haiku-4-5", max_output_tokens=100_000)
    assert capped.max_output_tokens == 64_000 and "used 64,000" in capped.notes[0]
