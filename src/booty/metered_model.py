"""Model calls with the budget checked first: count the prompt, reserve its worst-case cost
against ``max_cost_usd``, call, then record what was really spent."""

from __future__ import annotations

import asyncio
from typing import Callable

from booty.core.budget import estimate_tokens
from booty.core.models import Plan
from booty.core.ports import Completion, Model
from booty.core.spending import Spend
from booty.errors import BudgetExceeded, ModelError

PROMPT_TOKEN_LIMIT = 180_000  # stay under the model's context window with room for the answer
COUNT_FALLBACK_MARGIN = 1.2  # when count_tokens fails, the local estimate plus this margin stands


class MeteredModel:
    """Wraps the ``Model`` port (built on first use, so skipped runs never import magentic)."""

    def __init__(self, factory: Callable[[], Model], spend: Spend, *, max_output_tokens: int, notes: list[str]) -> None:
        self._factory = factory
        self._model: Model | None = None
        self.spend = spend
        self.max_output_tokens = max_output_tokens
        self.notes = notes  # where a fallback is reported to the maintainer

    def model(self) -> Model:
        if self._model is None:
            self._model = self._factory()
        return self._model

    def plan(self, system: str, user: str) -> Plan:
        reserved = self._reserve("planning", system, user, structured=True)
        completion = self.model().plan(system, user)
        self.spend.record("plan", completion.usage, reserved)
        return completion.value

    async def write(self, purpose: str, system: str, user: str) -> Completion[str]:
        reserved = await asyncio.to_thread(self._reserve, purpose, system, user, False)
        completion = await self.model().write(system, user)
        self.spend.record(purpose, completion.usage, reserved)
        return completion

    def _reserve(self, purpose: str, system: str, user: str, structured: bool) -> float:
        """Count the prompt (exactly when possible) and reserve its worst-case cost before calling."""
        try:
            tokens = self.model().count_tokens(system, user, structured=structured)
        except ModelError as err:
            tokens = int(estimate_tokens(system + user) * COUNT_FALLBACK_MARGIN)
            self.notes.append(f"Token counting failed ({err}); used the local estimate with a safety margin.")
        if tokens > PROMPT_TOKEN_LIMIT:
            raise BudgetExceeded(
                f"The prompt for {purpose} is {tokens:,} tokens, over the {PROMPT_TOKEN_LIMIT:,} limit; lower context_token_budget."
            )
        return self.spend.reserve(purpose, tokens, self.max_output_tokens)
