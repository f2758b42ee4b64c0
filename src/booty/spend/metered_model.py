"""Model calls with the budget checked first: count the prompt, reserve its worst-case cost
against ``max_cost_usd``, call, then record what was really spent.

Editor calls run concurrently; one that does not fit beside the calls under way waits for them
(their real cost is usually far below their reservation) and fails only when it cannot fit alone.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from booty.errors import BudgetExceeded, ModelError
from booty.models import Plan, Prompt
from booty.ports import Completion, Model
from booty.spend.cap import Spend
from booty.spend.estimate import estimate_tokens

COUNT_FALLBACK_MARGIN = 1.2  # when count_tokens fails, the local estimate plus this margin stands
ROOM_POLL_S = 0.05


class MeteredModel:
    """Wraps the ``Model`` port (built on first use, so skipped runs never import magentic).

    ``prompt_token_limit`` keeps every prompt inside the model's context window with room for the
    answer; ``chars_per_token`` is the model's local estimate when counting fails.
    """

    def __init__(self, factory: Callable[[], Model], spend: Spend, *, max_output_tokens: int, notes: list[str],
                 prompt_token_limit: int, chars_per_token: float) -> None:
        self._factory = factory
        self._model: Model | None = None
        self.spend = spend
        self.max_output_tokens = max_output_tokens
        self.notes = notes  # where a fallback is reported to the maintainer
        self._prompt_token_limit = prompt_token_limit
        self._chars_per_token = chars_per_token

    def model(self) -> Model:
        if self._model is None:
            self._model = self._factory()
        return self._model

    def plan(self, prompt: Prompt) -> Plan:
        tokens = self._count("planning", prompt, structured=True)
        reserved = self.spend.reserve("planning", tokens, self.max_output_tokens)
        try:
            completion = self.model().plan(prompt)
        finally:
            self.spend.release(reserved)
        self.spend.record("plan", completion.usage)
        return completion.value

    async def write(self, purpose: str, prompt: Prompt, on_start: Callable[[], None] | None = None) -> Completion[str]:
        tokens = await asyncio.to_thread(self._count, purpose, prompt, False)
        reserved = await self._reserve_when_room(purpose, tokens)
        try:
            completion = await self.model().write(prompt, on_start=on_start)
        finally:
            self.spend.release(reserved)
        self.spend.record(purpose, completion.usage)
        return completion

    async def _reserve_when_room(self, purpose: str, tokens: int) -> float:
        while True:
            try:
                return self.spend.reserve(purpose, tokens, self.max_output_tokens)
            except BudgetExceeded:
                if self.spend.reserved_usd <= 0:  # nothing under way will free room
                    raise
            await asyncio.sleep(ROOM_POLL_S)

    def _count(self, purpose: str, prompt: Prompt, structured: bool) -> int:
        """The prompt's tokens, exactly when possible; refuses a prompt too large for the model."""
        try:
            tokens = self.model().count_tokens(prompt, structured=structured)
        except ModelError as err:
            tokens = int(estimate_tokens(prompt.system + prompt.user, self._chars_per_token) * COUNT_FALLBACK_MARGIN)
            self.notes.append(f"Token counting failed ({err}); used the local estimate with a safety margin.")
        if tokens > self._prompt_token_limit:
            raise BudgetExceeded(
                f"The prompt for {purpose} is {tokens:,} tokens, over the {self._prompt_token_limit:,} limit; "
                "lower context_token_budget."
            )
        return tokens
