"""The hard cost cap: every model call is priced at its worst case BEFORE it is made."""

from __future__ import annotations

from dataclasses import dataclass, field

from booty.core.cost import cost_usd
from booty.core.models import Usage
from booty.errors import BudgetExceeded


@dataclass
class Spend:
    """Tokens and dollars spent so far in one run, and the cap they may not cross."""

    model: str
    max_cost_usd: float
    prices: dict[str, tuple[float, float]] | None = None
    usage: Usage = Usage()
    reserved_usd: float = 0.0  # worst case of calls under way (editor calls run concurrently)
    calls: list[tuple[str, Usage]] = field(default_factory=list)

    @property
    def cost_usd(self) -> float:
        return cost_usd(self.model, self.usage, self.prices)

    def reserve(self, purpose: str, input_tokens: int, max_output_tokens: int) -> float:
        """Reserve this call's worst case, or raise BudgetExceeded if it could cross the cap."""
        worst = cost_usd(self.model, Usage(input_tokens=input_tokens, output_tokens=max_output_tokens), self.prices)
        if self.cost_usd + self.reserved_usd + worst > self.max_cost_usd:
            raise BudgetExceeded(
                f"Stopped before {purpose}: it could cost up to ${worst:.4f} ({input_tokens:,} input tokens, "
                f"up to {max_output_tokens:,} output tokens) on top of ${self.cost_usd:.4f} already spent, "
                f"over the max_cost_usd cap of ${self.max_cost_usd:.2f}. Raise max_cost_usd or lower "
                f"context_token_budget / max_output_tokens."
            )
        self.reserved_usd += worst
        return worst

    def record(self, purpose: str, usage: Usage, reserved: float = 0.0) -> None:
        """Book a finished call and release its reservation."""
        self.reserved_usd = max(0.0, self.reserved_usd - reserved)
        self.calls.append((purpose, usage))
        self.usage = self.usage + usage
