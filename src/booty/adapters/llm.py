"""Claude as Booty's ``Model``: a structured plan, plain-text edits, exact token counts.

Every call is bounded: transport failures are retried by ``RetryPolicy`` (``attempts`` in all,
waiting ``retry-after`` or ``backoff_s * 2**n``), an unusable plan is re-asked with the validation
error at most ``plan_repairs`` times, and each read waits at most ``timeout_s``. Everything that
still fails raises ``ModelError`` with a message for a maintainer; an answer cut off by the output
limit raises ``OutputTruncated`` (a ``ModelError``), so a truncated file is never taken as whole.

magentic is imported on first use (``import magentic`` costs ~0.6 s), so runs that skip the event
never pay for it.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

from booty.adapters.llm_failures import IncompleteAnswer, RetryPolicy
from booty.core.models import Plan, Usage
from booty.core.ports import Completion
from booty.core.ratelimit import TokenBucket
from booty.errors import ModelError, OutputTruncated

if TYPE_CHECKING:
    from booty.adapters.llm_backend import Answer, Backend

T = TypeVar("T")

# Appended to the user text when a plan came back unusable; magentic's own retry would replay the
# failed tool_use with keys the API may reject (design.md section 5), so we re-ask from scratch.
PLAN_REPAIR_NOTE = (
    "\n\nYour previous answer could not be used: {problem}\n"
    "Answer again by calling the tool {tool} once, with arguments that match its schema exactly."
)


class ClaudeModel:
    """Implements ``booty.core.ports.Model`` with magentic and the anthropic SDK.

    ``base_url`` is the API root without ``/v1`` (None: Anthropic's). ``timeout_s`` bounds each
    wait for bytes (connect: at most 10 s), not a whole streamed answer. ``attempts`` counts
    requests per call, first included; ``plan_repairs`` counts re-asks after an unusable plan.
    ``count_tokens_per_minute`` caps ``count_tokens`` calls. Safe to share between concurrent
    ``write`` tasks of one event loop.
    """

    def __init__(self, *, api_key: str, model: str, base_url: str | None, max_output_tokens: int,
                 temperature: float, timeout_s: float = 300, attempts: int = 3, backoff_s: float = 2.0,
                 count_tokens_per_minute: int = 50, plan_repairs: int = 1) -> None:
        self.name = model
        self._config = dict(api_key=api_key, model=model, base_url=base_url, max_tokens=max_output_tokens,
                            temperature=temperature, timeout_s=timeout_s)
        self._max_output_tokens = max_output_tokens
        self._plan_repairs = max(0, plan_repairs)
        self._policy = RetryPolicy(attempts=attempts, backoff_s=backoff_s, timeout_s=timeout_s, secret=api_key,
                                   model=model, where=base_url or "the Anthropic API")
        # Anthropic enforces per-minute limits over shorter windows too: allow small bursts only.
        per_minute = max(1, count_tokens_per_minute)
        self._bucket = TokenBucket(per_minute / 60, capacity=max(1, per_minute // 10))
        self._lock = threading.Lock()
        self._backend_: Backend | None = None

    # ---------------------------------------------------------------- the Model port

    def plan(self, system: str, user: str) -> Completion[Plan]:
        backend = self._backend()
        spent: list[Usage] = []
        ask, problem = user, ""
        for _ in range(1 + self._plan_repairs):
            answer, result = self._retrying(lambda: self._ask(backend.ask_plan, system, ask, spent))
            self._check_stop(answer, "plan")
            if isinstance(result, Plan):
                return Completion(result, sum(spent, Usage()))
            problem = _describe(result)
            ask = user + PLAN_REPAIR_NOTE.format(problem=problem, tool=backend.plan_tool["name"])
        raise ModelError(self._policy.scrub(
            f"Claude returned no usable plan after {1 + self._plan_repairs} tries; the last problem: {problem}"
        ))

    async def write(self, system: str, user: str) -> Completion[str]:
        backend = self._backend()
        spent: list[Usage] = []
        answer, result = await self._aretrying(lambda: self._aask(backend.ask_text, system, user, spent))
        self._check_stop(answer, "edit")
        if isinstance(result, BaseException):  # no text block at all: an empty answer
            result = ""
        return Completion(result, sum(spent, Usage()))

    def count_tokens(self, system: str, user: str, *, structured: bool) -> int:
        backend = self._backend()
        # The same shapes magentic sends, so the count is of the request that will be made.
        request: dict[str, Any] = dict(model=self.name, system=system,
                                       messages=[{"role": "user", "content": [{"type": "text", "text": user}]}])
        if structured:
            request.update(tools=[backend.plan_tool], tool_choice=backend.plan_tool_choice)

        def call() -> int:
            with self._lock:
                wait = self._bucket.take(time.monotonic())
            time.sleep(wait)
            return backend.client.messages.count_tokens(**request).input_tokens

        return self._retrying(call)

    # ---------------------------------------------------------------- one attempt

    def _ask(self, prompt: Callable[..., T], system: str, user: str, spent: list[Usage]) -> tuple[Answer, Any]:
        from booty.adapters.llm_backend import UNUSABLE_ANSWER, UnparsableToolInput, recording

        with recording() as answer:
            try:
                result: Any = prompt(system=system, user=user)
            except UNUSABLE_ANSWER as exc:
                answer.drain()  # the stop reason (refusal? truncation?) comes last
                result = exc
            finally:
                spent.append(answer.spent)
                answer.close()
        if answer.usage is None and not isinstance(result, UnparsableToolInput):  # that one ends the stream early
            raise IncompleteAnswer()
        return answer, result

    async def _aask(self, prompt: Callable[..., Awaitable[T]], system: str, user: str,
                    spent: list[Usage]) -> tuple[Answer, Any]:
        from booty.adapters.llm_backend import UNUSABLE_ANSWER, recording

        with recording() as answer:
            try:
                result: Any = await prompt(system=system, user=user)
            except UNUSABLE_ANSWER as exc:
                await answer.adrain()
                result = exc
            finally:
                spent.append(answer.spent)
                await answer.aclose()
        if answer.usage is None:
            raise IncompleteAnswer()
        return answer, result

    def _check_stop(self, answer: Answer, what: str) -> None:
        if answer.stop_reason == "refusal":
            raise ModelError(f"Claude declined to write the {what} (stop_reason: refusal). Nothing was changed; "
                             "rephrasing the issue may help.")
        if answer.stop_reason == "max_tokens":
            raise OutputTruncated(
                f"Claude's {what} was cut off at the output limit (max_output_tokens={self._max_output_tokens}) "
                "and was discarded. Raise max_output_tokens or ask for a smaller change."
            )

    # ---------------------------------------------------------------- retries, in one place

    def _retrying(self, call: Callable[[], T]) -> T:
        for attempt in itertools.count(1):
            try:
                return call()
            except Exception as exc:  # noqa: BLE001 - the policy re-raises what it does not know
                wait = self._policy.delay(attempt, exc)
            time.sleep(wait)
        raise AssertionError("unreachable")

    async def _aretrying(self, call: Callable[[], Awaitable[T]]) -> T:
        import asyncio

        for attempt in itertools.count(1):
            try:
                return await call()
            except Exception as exc:  # noqa: BLE001 - the policy re-raises what it does not know
                wait = self._policy.delay(attempt, exc)
            await asyncio.sleep(wait)
        raise AssertionError("unreachable")

    def _backend(self) -> Backend:
        with self._lock:
            if self._backend_ is None:
                from booty.adapters.llm_backend import Backend

                self._backend_ = Backend(**self._config)
            return self._backend_


def _describe(result: object) -> str:
    """The problem with an unusable plan answer, short enough to send back to the model."""
    from booty.adapters.llm_backend import ToolSchemaParseError

    from booty.adapters.llm_backend import UnparsableToolInput

    if isinstance(result, ToolSchemaParseError):
        return str(result.validation_error)[:1500]
    if isinstance(result, UnparsableToolInput):
        return f"the tool arguments were not valid JSON ({result})."
    if isinstance(result, (StopIteration, StopAsyncIteration)):
        return "the answer was empty."
    return "the answer was text, not a call of the tool."
