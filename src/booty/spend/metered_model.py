"""Model calls with the budget checked first: count the prompt, reserve its worst-case cost
against ``max_cost_usd``, call, then record what was really spent.

Editor calls run concurrently; one that does not fit beside the calls under way waits for them
(their real cost is usually far below their reservation) and fails only when it cannot fit alone.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

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

    def __init__(
        self,
        factory: Callable[[], Model],
        spend: Spend,
        *,
        max_output_tokens: int,
        prompt_token_limit: int,
        chars_per_token: float,
    ) -> None:
        self._factory = factory
        self._model: Model | None = None
        self.spend = spend
        self.max_output_tokens = max_output_tokens
        self._notes: list[str] = []  # fallbacks the maintainer should know about
        self._prompt_token_limit = prompt_token_limit
        self._chars_per_token = chars_per_token

    @property
    def notes(self) -> tuple[str, ...]:
        """What the maintainer should know about the calls so far (a fallback to the estimate)."""
        return tuple(self._notes)

    def model(self) -> Model:
        if self._model is None:
            self._model = self._factory()
        return self._model

    def plan(self, prompt: Prompt, schema: type[Plan] = Plan) -> Plan:
        """A structured plan of ``schema`` (``Plan`` or a subclass of it)."""
        shaped = {} if schema is Plan else {"schema": schema}
        tokens = self._count("planning", prompt, structured=True, **shaped)
        reserved = self.spend.reserve("planning", tokens, self.max_output_tokens)
        try:
            completion = self.model().plan(prompt, **shaped)
        finally:
            self.spend.release(reserved)
        self.spend.record("plan", completion.usage)
        return completion.value

    def describe(self, prompt: Prompt, *, max_output_tokens: int) -> Completion[str]:
        """The pull request description: one plain-text call with its own, smaller output limit."""
        max_output_tokens = min(max_output_tokens, self.max_output_tokens)
        tokens = self._count("the pull request description", prompt, False)
        reserved = self.spend.reserve("the pull request description", tokens, max_output_tokens)
        try:
            completion = self.model().describe(prompt, max_output_tokens=max_output_tokens)
        finally:
            self.spend.release(reserved)
        self.spend.record("description", completion.usage)
        return completion

    async def write(
        self, purpose: str, prompt: Prompt, on_start: Callable[[], None] | None = None
    ) -> Completion[str]:
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

    def _count(self, purpose: str, prompt: Prompt, structured: bool, **shaped: Any) -> int:
        """The prompt's tokens, exactly when possible; refuses a prompt too large for the model."""
        try:
            tokens = self.model().count_tokens(prompt, structured=structured, **shaped)
        except ModelError as err:
            tokens = int(
                estimate_tokens(prompt.system + prompt.user, self._chars_per_token) * COUNT_FALLBACK_MARGIN
            )
            self._notes.append(
                f"Token counting failed ({err}); used the local estimate with a safety margin."
            )
        if tokens > self._prompt_token_limit:
            raise BudgetExceeded(
                f"The prompt for {purpose} is {tokens:,} tokens, over the {self._prompt_token_limit:,} limit; "
                "lower context_token_budget."
            )
        return tokens
