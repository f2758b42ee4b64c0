"""What a call costs, from the profile's prices or the maintainer's override."""

from __future__ import annotations

import pytest

from booty.claude.profiles import PROFILES, Prices
from booty.models import Usage
from booty.spend.cost import call_cost, prices_from

SONNET_5_5 = PROFILES["claude-sonnet-5-5"].prices


def test_a_call_is_priced_from_the_profile_cache_writes_and_reads_included():
    usage = Usage(
        input_tokens=1_000_000,
        output_tokens=100_000,
        cache_write_tokens=1_000_000,
        cache_read_tokens=1_000_000,
    )
    assert call_cost(SONNET_5_5, usage) == pytest.approx(2.00 + 1.00 + 2.50 + 0.10)
    assert call_cost(prices_from([1, 1]), Usage()) == 0


def test_two_price_override_derives_cache_rates_and_other_lengths_are_refused():
    assert prices_from([4, 20]) == Prices(4, 20, 5.0, 0.4)
    with pytest.raises(ValueError, match="cache_write"):
        prices_from([1, 2, 3])


def test_haiku_5_5_costs_five_times_more_above_100k_prompt_tokens():
    haiku = PROFILES["claude-haiku-5-5"].prices
    short, long = Usage(input_tokens=100_000), Usage(input_tokens=100_001)
    assert call_cost(haiku, short) == pytest.approx(0.01)
    assert call_cost(haiku, long) == pytest.approx(5 * 100_001 * 0.10 / 1e6)
