"""The dollar cost of model calls, priced from the model's profile (``claude.profiles``).

A run may override the table's prices per model (``model_prices``: ``[input, output]`` or
``[input, output, cache write, cache read]`` in $/Mtok; with two numbers, cache writes cost 1.25x
and cache reads 0.1x the input rate, as Anthropic prices them). Costs are per call, because a
tiered price (Haiku 5.5 above 100k prompt tokens) depends on the size of each prompt.
"""

from __future__ import annotations

from collections.abc import Sequence

from booty.claude.profiles import Prices
from booty.models import Usage

CACHE_WRITE_FACTOR = 1.25  # 5-minute cache writes, relative to the input rate
CACHE_READ_FACTOR = 0.10


def prices_from(numbers: Sequence[float]) -> Prices:
    """``[input, output]`` or ``[input, output, cache write, cache read]`` as ``Prices``."""
    if len(numbers) == 2:
        per_in, per_out = numbers
        return Prices(per_in, per_out, per_in * CACHE_WRITE_FACTOR, per_in * CACHE_READ_FACTOR)
    if len(numbers) == 4:
        per_in, per_out, cache_write, cache_read = numbers
        return Prices(per_in, per_out, cache_write, cache_read)
    raise ValueError(
        f"expected [input, output] or [input, output, cache_write, cache_read] in $/Mtok, got {list(numbers)}"
    )


def _factor(prices: Prices, prompt_tokens: int) -> float:
    long = prices.long_prompt_tokens is not None and prompt_tokens > prices.long_prompt_tokens
    return prices.long_prompt_factor if long else 1.0


def call_cost(prices: Prices, usage: Usage) -> float:
    """What one call cost (thinking tokens are part of ``output_tokens``)."""
    rates = (
        usage.input_tokens * prices.input
        + usage.output_tokens * prices.output
        + usage.cache_write_tokens * prices.cache_write
        + usage.cache_read_tokens * prices.cache_read
    )
    return _factor(prices, usage.prompt_tokens) * rates / 1_000_000


def worst_case_cost(prices: Prices, prompt_tokens: int, max_output_tokens: int) -> float:
    """The most one call of this size can cost: every prompt token written to the cache (the dearer
    of input and cache write) and every output token used."""
    per_prompt = max(prices.input, prices.cache_write)
    return (
        _factor(prices, prompt_tokens)
        * (prompt_tokens * per_prompt + max_output_tokens * prices.output)
        / 1_000_000
    )
