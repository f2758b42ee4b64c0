"""The hard cost cap: every model call is priced at its worst case BEFORE it is made."""

from __future__ import annotations

from dataclasses import dataclass, field

from booty.claude.profiles import Prices
from booty.errors import BudgetExceeded
from booty.models import Usage
from booty.spend.cost import call_cost, worst_case_cost


@dataclass
class Spend:
    """Tokens and dollars spent so far in one run, and the cap they may not cross."""

    prices: Prices
    max_cost_usd: float
    usage: Usage = Usage()
    cost_usd: float = 0.0
    reserved_usd: float = 0.0  # worst case of calls under way (editor calls run concurrently)
    calls: list[tuple[str, Usage]] = field(default_factory=list)

    def worst_case(self, input_tokens: int, max_output_tokens: int) -> float:
        return worst_case_cost(self.prices, input_tokens, max_output_tokens)

    def fits(self, worst: float) -> bool:
        return self.cost_usd + self.reserved_usd + worst <= self.max_cost_usd

    def reserve(self, purpose: str, input_tokens: int, max_output_tokens: int) -> float:
        """Reserve this call's worst case, or raise BudgetExceeded if it could cross the cap."""
        worst = self.worst_case(input_tokens, max_output_tokens)
        if not self.fits(worst):
            raise BudgetExceeded(
                f"Stopped before {purpose}: it could cost up to ${worst:.4f} ({input_tokens:,} input tokens, "
                f"up to {max_output_tokens:,} output tokens) on top of ${self.cost_usd:.4f} already spent"
                + (f" and ${self.reserved_usd:.4f} reserved by calls under way" if self.reserved_usd else "")
                + f", over the max_cost_usd cap of ${self.max_cost_usd:.2f}. Raise max_cost_usd or lower "
                "context_token_budget / max_output_tokens."
            )
        self.reserved_usd += worst
        return worst

    def release(self, reserved: float) -> None:
        """A call under way ended (answered or not): its reservation is free again."""
        self.reserved_usd = max(0.0, self.reserved_usd - reserved)

    def record(self, purpose: str, usage: Usage) -> None:
        """Book a finished call."""
        self.calls.append((purpose, usage))
        self.usage = self.usage + usage
        self.cost_usd += call_cost(self.prices, usage)
