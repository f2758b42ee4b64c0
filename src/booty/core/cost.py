"""Model prices, in one place, and the cost of token usage.

Prices are US dollars per million tokens (input, output), from Anthropic's published price list.
A run may override or extend the table (``BOOTY_PRICES``); an unknown model is priced as Sonnet so
the cost cap still holds.
"""

from __future__ import annotations

from booty.core.models import Usage

SONNET = (3.00, 15.00)
PRICES: dict[str, tuple[float, float]] = {
    "claude-sonnet-5": SONNET,
    "claude-sonnet-4-6": SONNET,
    "claude-sonnet-4-5": SONNET,
    "claude-sonnet-4-5-20250929": SONNET,
    "claude-sonnet-4-0": SONNET,
    "claude-sonnet-4-20250514": SONNET,
    "claude-3-7-sonnet-latest": SONNET,
    "claude-opus-4-5": (5.00, 25.00),
    "claude-opus-4-5-20251101": (5.00, 25.00),
    "claude-opus-4-1": (15.00, 75.00),
    "claude-haiku-4-5": (1.00, 5.00),
    "claude-haiku-4-5-20251001": (1.00, 5.00),
    "claude-3-5-haiku-latest": (0.80, 4.00),
}


def price_of(model: str, overrides: dict[str, tuple[float, float]] | None = None) -> tuple[float, float]:
    table = {**PRICES, **(overrides or {})}
    return table.get(model, SONNET)


def cost_usd(model: str, usage: Usage, overrides: dict[str, tuple[float, float]] | None = None) -> float:
    per_in, per_out = price_of(model, overrides)
    return (usage.input_tokens * per_in + usage.output_tokens * per_out) / 1_000_000
