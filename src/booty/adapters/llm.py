"""Claude as Booty's ``Model``: a structured plan, plain-text edits, exact token counts.

Every request is shaped from the model's profile (``claude.request_shape``) and sent by
``ClaudeChat``, a magentic chat model of Booty's. Every call is bounded: transport failures are
retried by ``RetryPolicy`` (``attempts`` in all, waiting ``retry-after`` or ``backoff_s * 2**n``), an
unusable plan is re-asked with the problem at most ``plan_repairs`` times, and each read waits at
most ``timeout_s``. Whatever still fails raises ``ModelError`` with a message for a maintainer; an
answer cut off by the output limit raises ``OutputTruncated``, so a truncated file is never taken
as whole, and a refusal names its category.

magentic and the SDK are imported on first use (``import magentic`` costs ~0.6 s), so runs that
skip the event never pay for them; a run that goes ahead starts importing them in the background
(``adapters.warmup``) while it reads the issue and the repository.
"""

from __future__ import annotations

import asyncio
import itertools
import math
import threading
import time
from collections.abc import Awaitable, Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar

from booty.adapters import warmup
from booty.adapters.llm_failures import RetryPolicy
from booty.claude.profiles import ModelProfile, current_models, unknown_model_message
from booty.claude.providers import Connection
from booty.claude.request_shape import Choices, Purpose, shape
from booty.errors import ConfigError, ModelError, OutputTruncated
from booty.models import Plan, Prompt, Usage
from booty.ports import Completion
from booty.spend.ratelimit import TokenBucket

if TYPE_CHECKING:
    from booty.adapters.claude_chat import Answer, ClaudeChat, Clients

T = TypeVar("T")

# Appended to the user turn when a plan came back unusable: we re-ask from scratch (no prefill:
# the current models refuse an assistant turn at the end).
PLAN_REPAIR_NOTE = (
    "\n\nYour previous answer could not be used: {problem}\n"
    "Answer again with one JSON object that matches the schema exactly."
)


class ClaudeModel:
    """Implements ``booty.ports.Model`` for one ``ModelProfile``.

    ``base_url`` is the API root without ``/v1`` (None: Anthropic's). ``timeout_s`` bounds each
    wait for bytes (connect: at most 10 s), not a whole streamed answer. ``attempts`` counts
    requests per call, first included. ``count_tokens_per_minute`` caps ``count_tokens`` calls.
    Safe to share between concurrent ``write`` tasks.
    """

    def __init__(
        self,
        *,
        api_key: str,
        profile: ModelProfile,
        base_url: str | None,
        max_output_tokens: int,
        choices: Choices = Choices(),
        timeout_s: float = 300,
        attempts: int = 3,
        backoff_s: float = 2.0,
        count_tokens_per_minute: int = 50,
        plan_repairs: int = 1,
        connection: Connection | None = None,
        wire_model: str | None = None,
    ) -> None:
        warmup.wait()  # the model layer may still be importing in the background
        # ``connection``: where Claude is served (None: the Claude API at ``base_url`` with ``api_key``);
        # ``wire_model``: the provider's id for ``profile`` (a Bedrock inference profile, a Vertex id).
        self.connection = connection or Connection(api_key=api_key, base_url=base_url)
        self.name = wire_model or profile.id
        self.profile = profile
        self._api_key, self._base_url, self._timeout_s = api_key, base_url, timeout_s
        self._max_output_tokens = max_output_tokens
        self._shapes = {purpose: shape(profile, purpose, choices) for purpose in ("plan", "edit")}
        self._plan_repairs = max(0, plan_repairs)
        secrets = self.connection.secrets
        self._policy = RetryPolicy(
            attempts=attempts,
            backoff_s=backoff_s,
            timeout_s=timeout_s,
            secret=secrets or (api_key,),
            model=self.name,
            where=self.connection.where,
            provider=self.connection.provider,
        )
        # Anthropic enforces per-minute limits over shorter windows too: allow small bursts only.
        per_minute = max(1, count_tokens_per_minute)
        self._bucket = TokenBucket(per_minute / 60, capacity=max(1, per_minute // 10))
        self._lock = threading.Lock()
        self._clients_: Clients | None = None

    @property
    def notes(self) -> tuple[str, ...]:
        """What the request shape left out of the maintainer's choices, and why."""
        return tuple(dict.fromkeys(self._shapes["plan"].notes + self._shapes["edit"].notes))

    # ---------------------------------------------------------------- the Model port

    def plan(self, prompt: Prompt, schema: type[Plan] = Plan) -> Completion[Plan]:
        """A structured plan; ``schema`` may be a subclass of ``Plan`` (a follow-up's ``Revision``)."""
        function = _prompt_functions().structured(schema)
        spent: list[Usage] = []
        asked, problem = prompt, ""
        for _ in range(1 + self._plan_repairs):
            chat = self._retrying(lambda: self._ask(function, "plan", asked, spent))  # noqa: B023 - called in this iteration
            result = chat.answer.result
            if isinstance(result, schema):
                return Completion(result, sum(spent, Usage()))
            problem = result
            asked = prompt.model_copy(
                update={
                    "parts": (*prompt.parts[:-1], prompt.parts[-1] + PLAN_REPAIR_NOTE.format(problem=problem))
                }
            )
        raise ModelError(
            self._policy.scrub(
                f"Claude returned no usable plan after {1 + self._plan_repairs} tries; the last problem: {problem}"
            )
        )

    async def write(self, prompt: Prompt, *, on_start: Callable[[], None] | None = None) -> Completion[str]:
        prompts = _prompt_functions()
        spent: list[Usage] = []
        chat = await self._aretrying(lambda: self._aask(prompts.write, prompt, spent, on_start))
        return Completion(chat.answer.result, sum(spent, Usage()))

    def describe(self, prompt: Prompt, *, max_output_tokens: int) -> Completion[str]:
        """Plain text (the pull request description) from one edit-shaped call with its own, smaller output limit."""
        prompts = _prompt_functions()
        spent: list[Usage] = []
        chat = self._retrying(
            lambda: self._ask(
                prompts.describe,
                "edit",
                prompt,
                spent,
                max_tokens=max_output_tokens,
                what="pull request description",
            )
        )
        return Completion(chat.answer.result, sum(spent, Usage()))

    def count_tokens(self, prompt: Prompt, *, structured: bool, schema: type[Plan] = Plan) -> int:
        """Exact input tokens of the request ``plan`` (structured) or ``write`` will send."""
        from magentic import SystemMessage, UserMessage

        from booty.adapters.claude_chat import ClaudeChat

        purpose: Purpose = "plan" if structured else "edit"
        chat = ClaudeChat(
            self._clients(),
            self._request(purpose),
            cache_after=prompt.cache_after,
            native_structured=self.profile.structured_output,
        )
        messages = [SystemMessage(prompt.system), *(UserMessage(p) for p in prompt.parts)]
        params = chat.params(messages, [schema] if structured else [str])
        params.pop("max_tokens", None)  # count_tokens takes the prompt, not the answer's limit
        params.pop("temperature", None)
        if (
            self.connection.provider == "bedrock"
        ):  # Bedrock's SDK client counts no tokens: a pessimistic estimate
            import json

            return math.ceil(len(json.dumps(params, ensure_ascii=False)) / self.profile.chars_per_token)

        def call() -> int:
            with self._lock:
                wait = self._bucket.take(time.monotonic())
            time.sleep(wait)
            counted: int = self._clients().sync.messages.count_tokens(**params).input_tokens
            return counted

        return self._retrying(call)

    def preflight(self) -> None:
        """One cheap call before any repository work, where the provider has one: a token count of a
        one-word prompt on Vertex AI (credentials, project, region and model access all show in
        its answer), and on the Claude API under workload identity federation (the token exchange
        happens then); ModelError naming what to change. Bedrock's SDK client counts no tokens: there
        boto3 looks the inference profile or model up (``adapters.bedrock_check``), ConfigError."""
        if self.connection.provider == "bedrock":
            from booty.adapters.bedrock_check import check_bedrock

            check_bedrock(self.connection, self.name, timeout_s=min(self._timeout_s, 60))
            return
        if self.connection.entra:  # Foundry with Entra ID: the token exchange is the cheap call
            from booty.adapters.cloud import entra_token_provider

            entra_token_provider(self.connection)()
            return
        if self.connection.provider == "vertex" or self.connection.federated:
            self.count_tokens(Prompt(system="", parts=("ping",)), structured=False)

    # ---------------------------------------------------------------- one attempt

    def _request(self, purpose: Purpose, max_tokens: int | None = None) -> dict[str, Any]:
        return dict(
            model=self.name,
            max_tokens=max_tokens or self._max_output_tokens,
            **self._shapes[purpose].fields(),
        )

    def _chat(
        self,
        purpose: Purpose,
        prompt: Prompt,
        on_start: Callable[[], None] | None = None,
        max_tokens: int | None = None,
    ) -> ClaudeChat:
        from booty.adapters.claude_chat import ClaudeChat

        return ClaudeChat(
            self._clients(),
            self._request(purpose, max_tokens),
            cache_after=prompt.cache_after,
            on_start=on_start,
            native_structured=self.profile.structured_output,
        )

    def _ask(
        self,
        function: Callable[..., Any],
        purpose: Purpose,
        prompt: Prompt,
        spent: list[Usage],
        *,
        max_tokens: int | None = None,
        what: str | None = None,
    ) -> ClaudeChat:
        from booty.adapters.claude_chat import UnusableAnswer

        chat = self._chat(purpose, prompt, max_tokens=max_tokens)
        try:
            with chat:
                chat.answer.result = function(prompt.system, *_three(prompt.parts))
        except UnusableAnswer as exc:
            chat.answer.result = exc.problem
        finally:
            spent.append(chat.answer.usage)
        self._check_stop(chat.answer, purpose, what, max_tokens)
        return chat

    async def _aask(
        self,
        function: Callable[..., Awaitable[Any]],
        prompt: Prompt,
        spent: list[Usage],
        on_start: Callable[[], None] | None,
    ) -> ClaudeChat:
        chat = self._chat("edit", prompt, on_start)
        try:
            with chat:
                chat.answer.result = await function(prompt.system, *_three(prompt.parts))
        finally:
            spent.append(chat.answer.usage)
        self._check_stop(chat.answer, "edit")
        return chat

    def _check_stop(
        self, answer: Answer, purpose: Purpose, what: str | None = None, max_tokens: int | None = None
    ) -> None:
        what = what or ("plan" if purpose == "plan" else "edit")
        if answer.stop_reason == "refusal":
            category = answer.stop_details.get("category") or "not given"
            raise ModelError(
                f"Claude declined to write the {what} (stop_reason: refusal, category: {category}). "
                "Nothing was changed; rephrasing the issue may help."
            )
        if answer.stop_reason == "max_tokens":
            detail = " while still thinking, before any answer" if not answer.text else ""
            raise OutputTruncated(
                f"Claude's {what} was cut off at the output limit (max_output_tokens={max_tokens or self._max_output_tokens}){detail} "
                "and was discarded. Raise max_output_tokens or ask for a smaller change."
            )

    # ---------------------------------------------------------------- retries, in one place

    def _retrying(self, call: Callable[[], T]) -> T:
        for attempt in itertools.count(1):
            try:
                return call()
            except Exception as exc:  # the policy re-raises what it does not know
                wait = self._policy.delay(attempt, exc)
            time.sleep(wait)
        raise AssertionError("unreachable")

    async def _aretrying(self, call: Callable[[], Awaitable[T]]) -> T:
        for attempt in itertools.count(1):
            try:
                return await call()
            except Exception as exc:  # the policy re-raises what it does not know
                wait = self._policy.delay(attempt, exc)
            await asyncio.sleep(wait)
        raise AssertionError("unreachable")

    def _clients(self) -> Clients:
        with self._lock:
            if self._clients_ is None:
                from booty.adapters.claude_chat import build_clients

                self._clients_ = build_clients(self.connection, timeout_s=self._timeout_s)
            return self._clients_


def model_capabilities(
    model: str, *, api_key: str, base_url: str | None, timeout_s: float = 30
) -> tuple[dict[str, Any], int | None] | None:
    """What the Models API says ``model`` supports (its ``capabilities`` object and output limit),
    or None when that cannot be read (then the caller assumes the most conservative shape)."""
    warmup.wait()
    import anthropic

    client = anthropic.Anthropic(api_key=api_key, base_url=base_url, timeout=timeout_s, max_retries=1)
    try:
        info = client.models.retrieve(model).model_dump()
    except anthropic.NotFoundError:
        raise ModelError(unknown_model_message(model)) from None
    except anthropic.AnthropicError:
        return None
    if info.get("lifecycle") == "retired":  # newer Models API versions keep retired models listed
        raise ConfigError(
            f"The model `{model}` is retired: the Anthropic API no longer serves it. "
            f"Set the `model` input to a current model: {', '.join(current_models())}."
        )
    capabilities = info.get("capabilities")
    if not isinstance(capabilities, dict):
        return None
    limit = info.get("max_output_tokens") or info.get("max_tokens")
    return capabilities, limit if isinstance(limit, int) else None


def _three(parts: tuple[str, ...]) -> tuple[str, str, str]:
    """The prompt functions take the user turn in three parts (empty ones are not sent)."""
    if len(parts) > 3:
        raise ValueError("a prompt has at most three user parts")
    padded = (*parts, "", "", "")
    return padded[0], padded[1], padded[2]


@lru_cache(maxsize=1)
def _prompt_functions() -> Any:
    from booty.adapters.claude_chat import PromptFunctions

    return PromptFunctions()
