"""Each provider's price factor on the list price, by (provider, endpoint kind, model generation),
and that the factor reaches the cost cap and the recorded cost through the resolved profile."""

from __future__ import annotations

import pytest

from booty.claude.choice import resolve_model
from booty.claude.profiles import PROFILES
from booty.claude.provider_prices import generation, price_factor, pricing
from booty.errors import BudgetExceeded
from booty.models import Usage
from booty.spend.cap import Spend


@pytest.mark.parametrize(
    ("provider", "wire", "region", "endpoint", "factor"),
    [
        ("bedrock", "global.anthropic.claude-sonnet-5-5", "eu-west-1", "global", 1.0),
        ("bedrock", "eu.anthropic.claude-sonnet-5-5", "eu-west-1", "geographic", 1.1),
        ("bedrock", "us.anthropic.claude-sonnet-5-5", "us-east-1", "geographic", 1.1),
        ("bedrock", "apac.anthropic.claude-sonnet-5-5", "ap-northeast-1", "geographic", 1.1),
        ("bedrock", "jp.anthropic.claude-sonnet-5-5", "ap-northeast-1", "geographic", 1.1),
        ("bedrock", "anthropic.claude-sonnet-5-5", "us-east-1", "regional", 1.1),
        # an ARN's routing is the account's: the dearest factor, so the cap errs on the side of stopping
        (
            "bedrock",
            "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc",
            "us-east-1",
            "unknown",
            1.1,
        ),
        ("vertex", "claude-sonnet-5-5", "global", "global", 1.0),
        ("vertex", "claude-sonnet-5-5", "us-east5", "regional", 1.1),
        ("vertex", "claude-sonnet-5-5", "europe-west1", "regional", 1.1),
        ("foundry", "claude-sonnet-5-5", "", "global", 1.0),
        ("anthropic", "claude-sonnet-5-5", "", "global", 1.0),
    ],
)
def test_the_factor_follows_the_provider_and_the_endpoint(provider, wire, region, endpoint, factor):
    found = pricing(provider, "claude-sonnet-5-5", wire, region)
    assert (found.endpoint, found.factor) == (endpoint, pytest.approx(factor))


def test_the_factor_follows_the_model_generation():
    # the premium applies from Sonnet 4.5 on at the clouds; the Claude API's data residency from Opus 4.6 on
    assert price_factor("bedrock", "geographic", "claude-haiku-4-5") == pytest.approx(1.1)
    assert price_factor("bedrock", "geographic", "claude-sonnet-4-0") == 1.0
    assert price_factor("vertex", "regional", "claude-opus-4-1") == 1.0
    assert price_factor("anthropic", "geographic", "claude-opus-4-5") == 1.0
    assert price_factor("anthropic", "geographic", "claude-opus-4-6") == pytest.approx(1.1)
    # a model whose generation cannot be read is priced at the premium
    assert price_factor("vertex", "regional", "my-fine-tune") == pytest.approx(1.1)
    assert generation("claude-sonnet-5") == (5, 0) and generation("claude-fable-5-1") == (5, 1)


def test_every_profile_in_the_table_carries_the_regional_premium():
    for name in PROFILES:
        assert price_factor("bedrock", "geographic", name) == pytest.approx(1.1), name
        assert price_factor("vertex", "regional", name) == pytest.approx(1.1), name
        assert price_factor("bedrock", "global", name) == 1.0


def _setup(provider: str, wire: str, region: str = "", prices: dict | None = None):
    return resolve_model(
        "claude-sonnet-5-5",
        temperature=None,
        effort=None,
        max_output_tokens=None,
        prices=prices or {},
        capabilities=lambda m: None,
        provider=provider,
        pricing=pricing(provider, "claude-sonnet-5-5", wire, region),
    )


def test_a_regional_endpoint_raises_every_rate_and_says_so():
    listed = PROFILES["claude-sonnet-5-5"].prices
    regional = _setup("vertex", "claude-sonnet-5-5", "us-east5")
    assert regional.profile.prices.input == pytest.approx(listed.input * 1.1)
    assert regional.profile.prices.output == pytest.approx(listed.output * 1.1)
    assert regional.profile.prices.cache_write == pytest.approx(listed.cache_write * 1.1)
    assert regional.profile.prices.cache_read == pytest.approx(listed.cache_read * 1.1)
    assert any("1.1x" in n and "`us-east5`" in n for n in regional.notes)
    assert _setup("vertex", "claude-sonnet-5-5", "global").profile.prices == listed


def test_model_prices_are_the_maintainers_own_and_not_scaled():
    own = _setup("bedrock", "eu.anthropic.claude-sonnet-5-5", "eu-west-1", {"claude-sonnet-5-5": [3, 12]})
    assert (own.profile.prices.input, own.profile.prices.output) == (3, 12)


def test_a_cap_that_holds_at_global_pricing_trips_at_regional_pricing():
    # planning: 20k prompt tokens at the cache-write rate ($2.50) + 32k output ($10): $0.37 at list price
    cap = 0.38
    global_ = Spend(
        prices=_setup("bedrock", "global.anthropic.claude-sonnet-5-5").profile.prices, max_cost_usd=cap
    )
    assert global_.reserve("planning", 20_000, 32_000) == pytest.approx(0.37)
    geographic = Spend(
        prices=_setup("bedrock", "eu.anthropic.claude-sonnet-5-5", "eu-west-1").profile.prices,
        max_cost_usd=cap,
    )
    with pytest.raises(BudgetExceeded, match=r"up to \$0\.4070"):
        geographic.reserve("planning", 20_000, 32_000)


def test_the_recorded_cost_is_at_the_providers_price():
    usage = Usage(input_tokens=10_000, output_tokens=1_000, cache_write_tokens=2_000, cache_read_tokens=5_000)
    costs = {}
    for wire in ("global.anthropic.claude-sonnet-5-5", "us.anthropic.claude-sonnet-5-5"):
        spend = Spend(prices=_setup("bedrock", wire, "us-east-1").profile.prices, max_cost_usd=10)
        spend.record("plan", usage)
        costs[wire] = spend.cost_usd
    # list: 10k x $2 + 1k x $10 + 2k x $2.50 + 5k x $0.10 per Mtok = $0.0355
    assert costs["global.anthropic.claude-sonnet-5-5"] == pytest.approx(0.0355)
    assert costs["us.anthropic.claude-sonnet-5-5"] == pytest.approx(0.0355 * 1.1)


@pytest.mark.parametrize(
    ("provider", "wire", "region", "label"),
    [
        ("foundry", "claude-sonnet-5-5", "", "at Anthropic's list price"),
        ("anthropic", "claude-sonnet-5-5", "", "at Anthropic's list price"),
        ("bedrock", "eu.anthropic.claude-sonnet-5-5", "eu-west-1",
         "Amazon Bedrock's geographic inference profile `eu.`, at 1.1x Anthropic's list price"),
    ],
)  # fmt: skip
def test_the_label_names_the_endpoint_only_where_the_provider_does_not(provider, wire, region, label):
    """The summary reads "<provider> as `<id>` (<label>)": the provider is not named twice."""
    assert pricing(provider, "claude-sonnet-5-5", wire, region).label == label
