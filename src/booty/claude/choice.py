"""From the maintainer's model inputs to the profile every request is shaped from.

Decided once, before any repository work: a retired model stops here with the name of a current
one; a model the table does not know takes its shape from the capabilities the Models API reports
(``capabilities``: None when they could not be read) or, failing that, the most conservative shape.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from booty.claude.profiles import (
    ModelProfile,
    conservative_profile,
    for_provider,
    known_profile,
    profile_from_capabilities,
)
from booty.claude.provider_prices import Pricing, scaled
from booty.claude.request_shape import Choices, shape
from booty.errors import ConfigError
from booty.spend.cost import prices_from

# Measured with bench/oracle.py --details on the 236 files the development issues change, at the
# new tokenizer: an editor's answer is 384 tokens at the median, 4,121 at p99 and 6,868 at most.
# 32k leaves ~25k for thinking where a model cannot turn it off (low effort), and keeps a call's
# worst-case reservation at $0.32 on Sonnet 5.5.
DEFAULT_MAX_OUTPUT_TOKENS = 32_000


@dataclass(frozen=True)
class ModelSetup:
    profile: ModelProfile  # prices already overridden by ``model_prices``
    choices: Choices
    max_output_tokens: int
    notes: tuple[str, ...]  # for the summary: what was assumed, ignored or capped, and why


def resolve_model(
    model: str,
    *,
    temperature: float | None,
    effort: str | None,
    max_output_tokens: int | None,
    prices: Mapping[str, Sequence[float]],
    capabilities: Callable[[str], tuple[dict[str, Any], int | None] | None],
    provider: str = "anthropic",
    pricing: Pricing | None = None,
) -> ModelSetup:
    """The profile and choices for ``model``; raises ConfigError for a retired model or bad prices.
    ``pricing``: the provider's factor on the list price (``claude.provider_prices``), applied to
    the table's prices (not to ``model_prices``, which are the maintainer's own)."""
    profile = known_profile(model)
    if profile is not None and profile.status == "retired":
        raise ConfigError(
            f"The model `{model}` is retired: the Anthropic API no longer serves it. "
            f"Set the `model` input to a current model, for example `{profile.replacement}`."
        )
    if profile is None:
        found = capabilities(model)
        profile = profile_from_capabilities(model, *found) if found else conservative_profile(model)
    profile = for_provider(profile, provider)
    notes = list(profile.notes)
    if not profile.structured_output:
        notes.append(
            f"{profile.id} offers no native structured output here: the plan is asked as JSON in the answer "
            "text and checked against its schema by Booty."
        )
    if model in prices:
        try:
            profile = replace(profile, prices=prices_from(prices[model]))
        except (TypeError, ValueError) as err:
            raise ConfigError(f"model_prices for `{model}`: {err}") from None
    elif pricing is not None and pricing.factor != 1.0:
        profile = replace(profile, prices=scaled(profile.prices, pricing.factor))
        notes.append(
            f"Priced at {pricing.factor:g}x Anthropic's list price: {pricing.why} costs more than the global "
            "endpoint for this model (the cost cap counts it so)."
        )
    if model not in prices and profile.status == "unknown":
        notes.append(
            f"Its prices are unknown: the cost cap counts it at the highest rates in the table "
            f"(${profile.prices.input:g} / ${profile.prices.output:g} per million input / output tokens); "
            "set `model_prices` to price it."
        )
    limit = profile.max_output_tokens
    wanted = max_output_tokens or min(DEFAULT_MAX_OUTPUT_TOKENS, limit)
    if wanted > limit:
        notes.append(f"max_output_tokens {wanted:,} is more than {profile.id} can write; used {limit:,}.")
        wanted = limit
    choices = Choices(temperature=temperature, effort=effort)
    for purpose in ("plan", "edit"):
        notes.extend(n for n in shape(profile, purpose, choices).notes if n not in notes)
    return ModelSetup(profile=profile, choices=choices, max_output_tokens=wanted, notes=tuple(notes))
