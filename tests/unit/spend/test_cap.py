"""The cost cap: calls are reserved at their worst case before they are made, then recorded."""

from __future__ import annotations

import pytest

from booty.claude.profiles import PROFILES
from booty.errors import BudgetExceeded
from booty.models import Usage
from booty.spend.cap import Spend

SONNET_5_5 = PROFILES["claude-sonnet-5-5"].prices


def test_spend_sums_calls_and_refuses_a_call_that_could_cross_the_cap():
    spend = Spend(prices=SONNET_5_5, max_cost_usd=0.065)
    reserved = spend.reserve("planning", 10_000, 2_000)  # 10k at the cache-write rate $0.025 + $0.02
    assert reserved == pytest.approx(0.045)
    spend.release(reserved)
    spend.record("plan", Usage(input_tokens=10_000, output_tokens=500))
    assert spend.cost_usd == pytest.approx(0.025) and spend.reserved_usd == 0
    with pytest.raises(BudgetExceeded, match="max_cost_usd"):
        spend.reserve("writing a.py", 10_000, 2_000)


def test_concurrent_reservations_count_against_the_cap():
    spend = Spend(prices=SONNET_5_5, max_cost_usd=0.06)
    spend.reserve("a", 0, 4_000)  # 0.04 reserved
    with pytest.raises(BudgetExceeded, match="reserved by calls under way"):
        spend.reserve("b", 0, 4_000)
