"""What each provider charges relative to Anthropic's list price (the profile table's prices), as
data: the ONE place that knows it. A factor is a property of (provider, endpoint kind, model
generation); ``choice.resolve_model`` applies it to the profile's prices, so the cost cap's worst
case, every call's recorded cost and the reported cost all use it.

The facts (the providers' pricing pages, 2026-12): on Amazon Bedrock the geographic cross-region
inference profiles (``us.``, ``eu.``, ``apac.`` …) cost 10% more than the ``global.`` profile for
Claude Sonnet 4.5 and later models, the global profile being at Anthropic's list price (an
in-region call, a base id without a profile prefix, is priced here like a geographic one: AWS
prices regional endpoints together); on Google Vertex AI a regional endpoint (``us-east5``, and
the multi-region ``us``/``eu``) costs 10% more than the ``global`` endpoint for the same models; on
the Claude API, data residency (``inference_geo: us``) costs 1.1x from Opus 4.6 on (Booty sends no
``inference_geo``, so its calls are at list price); Microsoft Foundry is at list price.

An endpoint Booty cannot tell (a Bedrock inference-profile ARN) and a model whose generation it
cannot read are priced at the dearest factor, so the cap errs on the side of stopping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from booty.claude.profiles import Prices

Endpoint = Literal["global", "geographic", "regional", "unknown"]


@dataclass(frozen=True)
class PriceRule:
    """``factor`` times the list price for ``provider``'s ``endpoint`` kind, for the models of
    generation ``since`` (major, minor) and later."""

    provider: str
    endpoint: Endpoint
    since: tuple[int, int]
    factor: float


REGIONAL_PREMIUM = 1.10
RULES: tuple[PriceRule, ...] = (
    PriceRule("bedrock", "geographic", (4, 5), REGIONAL_PREMIUM),
    PriceRule("bedrock", "regional", (4, 5), REGIONAL_PREMIUM),
    PriceRule("vertex", "regional", (4, 5), REGIONAL_PREMIUM),
    PriceRule("anthropic", "geographic", (4, 6), REGIONAL_PREMIUM),  # inference_geo (not sent by Booty)
)

_GENERATION = re.compile(r"^claude-[a-z]+-(\d+)(?:-(\d+))?$")


@dataclass(frozen=True)
class Pricing:
    """What a run's calls cost relative to the list price, and why (for the summary and the PR)."""

    factor: float
    endpoint: Endpoint
    why: str  # ``Amazon Bedrock's geographic inference profile `eu.` ``; "" when the provider says it all

    @property
    def label(self) -> str:
        price = "Anthropic's list price" if self.factor == 1.0 else f"{self.factor:g}x Anthropic's list price"
        return f"{self.why}, at {price}" if self.why else f"at {price}"


def generation(model: str) -> tuple[int, int] | None:
    """``(5, 5)`` for ``claude-sonnet-5-5``, ``(5, 0)`` for ``claude-sonnet-5``; None when unreadable."""
    found = _GENERATION.match(model)
    if found is None:
        return None
    return int(found.group(1)), int(found.group(2) or 0)


def price_factor(provider: str, endpoint: Endpoint, model: str) -> float:
    """The factor on the list price for ``model`` (Booty's name) at ``provider``'s ``endpoint``."""
    made = generation(model)
    rules = [r for r in RULES if r.provider == provider and (made is None or made >= r.since)]
    if endpoint == "unknown":
        return max((r.factor for r in rules), default=1.0)
    return next((r.factor for r in rules if r.endpoint == endpoint), 1.0)


def endpoint_of(provider: str, wire: str, region: str) -> tuple[Endpoint, str]:
    """The endpoint kind the run's calls go to, from the provider's model id (``wire``) and region,
    with the words that name it."""
    if provider == "bedrock":
        if wire.startswith("arn:"):
            return "unknown", "an Amazon Bedrock inference-profile ARN (its routing unknown to Booty)"
        prefix = wire.split(".", 1)[0] if not wire.startswith("anthropic.") else ""
        if prefix == "global":
            return "global", "Amazon Bedrock's global inference profile `global.`"
        if prefix:
            return "geographic", f"Amazon Bedrock's geographic inference profile `{prefix}.`"
        return "regional", f"Amazon Bedrock in-region ({region})"
    if provider == "vertex":
        if region.strip() == "global":
            return "global", "Google Vertex AI's global endpoint"
        return "regional", f"Google Vertex AI's regional endpoint `{region.strip()}`"
    return "global", ""  # Microsoft Foundry and the Claude API: one endpoint kind, named by the provider


def pricing(provider: str, model: str, wire: str, region: str = "") -> Pricing:
    """The run's pricing: the endpoint from ``wire`` and ``region``, the factor for ``model``."""
    endpoint, why = endpoint_of(provider, wire, region)
    return Pricing(price_factor(provider, endpoint, model), endpoint, why)


def scaled(prices: Prices, factor: float) -> Prices:
    """``prices`` times ``factor`` (every rate; the long-prompt tier keeps its own factor)."""
    if factor == 1.0:
        return prices
    return replace(
        prices,
        input=prices.input * factor,
        output=prices.output * factor,
        cache_write=prices.cache_write * factor,
        cache_read=prices.cache_read * factor,
    )
