"""magentic prompt functions running on SDK clients we build, with a record of every answer stream.

magentic's ``AnthropicChatModel`` builds its own SDK clients (SDK defaults: 2 retries, 600 s read
timeout) and exposes nothing about a stream but usage. So we construct it, then replace its
private ``_client``/``_async_client`` with our clients (``timeout=`` set, ``max_retries=0``: all
retrying happens in ``llm_failures.RetryPolicy``), wrapped so each stream magentic opens is recorded
in the ``Answer`` of the current call: stop reason and usage from ``message_stop``. The current
answer lives in a ContextVar, so concurrent ``write`` tasks each see their own.

Importing this module imports magentic (~0.6 s); ``booty.adapters.llm`` imports it only when the
model is first used. No ``from __future__ import annotations`` here: magentic reads the prompt
functions' return annotations at decoration time and needs real types, not strings.
"""

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import anthropic
import httpx
from magentic import SystemMessage, UserMessage, chatprompt
from magentic.chat_model.anthropic_chat_model import AnthropicChatModel, BaseFunctionToolSchema
from magentic.chat_model.base import (
    FunctionCallNotAllowedError,
    ObjectNotAllowedError,
    StringNotAllowedError,
    ToolSchemaParseError,
    UnknownToolError,
)
from magentic.chat_model.function_schema import function_schema_for_type

from booty.core.models import Plan, Usage


class UnparsableToolInput(Exception):
    """The SDK's streaming parser refused the tool input mid-answer: the model wrote invalid JSON."""


_SDK_BAD_TOOL_JSON = "Unable to parse tool parameter JSON"  # the anthropic SDK's ValueError for that

# Raised by magentic (or for the SDK, above) when an answer arrived but is not the expected shape
# (not a transport error).
UNUSABLE_ANSWER = (
    UnparsableToolInput,
    ToolSchemaParseError,
    StringNotAllowedError,
    UnknownToolError,
    FunctionCallNotAllowedError,
    ObjectNotAllowedError,
    StopIteration,  # no content block at all
    StopAsyncIteration,
)


class Answer:
    """What one answer stream said. ``usage`` is None until ``message_stop`` arrived."""

    def __init__(self) -> None:
        self.stop_reason: str | None = None
        self.usage: Usage | None = None
        self.input_tokens = 0  # from message_start: billed even if the stream breaks later
        self._events: Any = None
        self._stream: Any = None

    @property
    def spent(self) -> Usage:
        return self.usage or Usage(input_tokens=self.input_tokens)

    def _see(self, event: Any) -> None:
        if event.type == "message_start":
            self.input_tokens = event.message.usage.input_tokens
        elif event.type == "message_stop":
            self.stop_reason = event.message.stop_reason
            usage = event.message.usage
            self.usage = Usage(input_tokens=usage.input_tokens, output_tokens=usage.output_tokens)

    def drain(self) -> None:
        """Read the rest of a stream magentic abandoned, to learn its stop reason (e.g. refusal)."""
        if self._events is not None and self.usage is None:
            for _ in self._events:
                pass

    async def adrain(self) -> None:
        if self._events is not None and self.usage is None:
            async for _ in self._events:
                pass

    def close(self) -> None:
        """Release the connection: magentic enters streams but never exits them."""
        if self._stream is not None:
            self._events.close()
            self._stream.close()

    async def aclose(self) -> None:
        if self._stream is not None:
            await self._events.aclose()
            await self._stream.close()


_current: ContextVar[Answer | None] = ContextVar("booty_llm_answer", default=None)


@contextmanager
def recording() -> Iterator[Answer]:
    """Record the stream opened inside this block (one magentic call) into a fresh ``Answer``."""
    answer = Answer()
    token = _current.set(answer)
    try:
        yield answer
    finally:
        _current.reset(token)


class Backend:
    """The prompt functions and clients for one model configuration."""

    def __init__(self, *, api_key: str, model: str, base_url: str | None, max_tokens: int,
                 temperature: float, timeout_s: float) -> None:
        self._client_args: dict[str, Any] = {
            "api_key": api_key,
            "base_url": base_url,
            "timeout": httpx.Timeout(timeout_s, connect=min(timeout_s, 10.0)),
            "max_retries": 0,
        }
        self.client = anthropic.Anthropic(**self._client_args)
        self._chat_model = AnthropicChatModel(
            model, api_key=api_key, base_url=base_url, max_tokens=max_tokens, temperature=temperature
        )
        self._chat_model._client = _RecordingClient(self.client)  # type: ignore[assignment]
        self._async_loop: asyncio.AbstractEventLoop | None = None

        schema = BaseFunctionToolSchema(function_schema_for_type(Plan))
        self.plan_tool = schema.to_dict()
        self.plan_tool_choice = schema.as_tool_choice(disable_parallel_tool_use=True)

        # Templates are placeholders only: magentic str.formats them, and code has braces.
        @chatprompt(SystemMessage("{system}"), UserMessage("{user}"), model=self._chat_model)
        def ask_plan(system: str, user: str) -> Plan: ...

        @chatprompt(SystemMessage("{system}"), UserMessage("{user}"), model=self._chat_model)
        async def ask_text(system: str, user: str) -> str: ...

        self.ask_plan = ask_plan
        self._ask_text = ask_text

    async def ask_text(self, system: str, user: str) -> str:
        # An async client's connections belong to the event loop that opened them; each new loop
        # (e.g. one asyncio.run per repair round) gets a fresh client.
        loop = asyncio.get_running_loop()
        if loop is not self._async_loop:
            client = anthropic.AsyncAnthropic(**self._client_args)
            self._chat_model._async_client = _RecordingAsyncClient(client)  # type: ignore[assignment]
            self._async_loop = loop
        return await self._ask_text(system=system, user=user)


class _RecordingClient:
    """Stands in for ``anthropic.Anthropic`` where magentic uses it: ``messages.stream``."""

    def __init__(self, client: anthropic.Anthropic) -> None:
        self.messages = self
        self._messages = client.messages

    def stream(self, **kwargs: Any) -> "_Stream":
        return _Stream(self._messages.stream(**kwargs))


class _Stream:
    def __init__(self, manager: Any) -> None:
        self._manager = manager

    def __enter__(self) -> Iterator[Any]:
        stream = self._manager.__enter__()
        answer = _current.get() or Answer()
        answer._stream, answer._events = stream, _recorded(stream, answer)
        return answer._events


def _recorded(stream: Any, answer: Answer) -> Iterator[Any]:
    try:
        for event in stream:
            answer._see(event)
            yield event
    except ValueError as exc:
        raise _unusable(exc) from None


class _RecordingAsyncClient:
    def __init__(self, client: anthropic.AsyncAnthropic) -> None:
        self.messages = self
        self._messages = client.messages

    def stream(self, **kwargs: Any) -> "_AsyncStream":
        return _AsyncStream(self._messages.stream(**kwargs))


class _AsyncStream:
    def __init__(self, manager: Any) -> None:
        self._manager = manager

    async def __aenter__(self) -> AsyncIterator[Any]:
        stream = await self._manager.__aenter__()
        answer = _current.get() or Answer()
        answer._stream, answer._events = stream, _arecorded(stream, answer)
        return answer._events


async def _arecorded(stream: Any, answer: Answer) -> AsyncIterator[Any]:
    try:
        async for event in stream:
            answer._see(event)
            yield event
    except ValueError as exc:
        raise _unusable(exc) from None


def _unusable(exc: ValueError) -> Exception:
    """The SDK's tool-JSON error as an unusable answer (without the raw JSON it quotes); other errors as is."""
    message = str(exc)
    if not message.startswith(_SDK_BAD_TOOL_JSON):
        return exc
    return UnparsableToolInput(message.split(". JSON: ", 1)[0].split("Error: ", 1)[-1])
