"""A magentic chat model of Booty's: magentic formats the prompt and parses the output; this
class shapes each request from the model's profile and sends it with the anthropic SDK.

It implements magentic's public ``ChatModel`` base (nothing private of magentic is touched), so
``@chatprompt`` functions, message types and output parsing stay magentic's. One instance serves
one call (``with chat:`` makes it the model of the prompt functions called inside), and records
what the answer stream said in ``answer``.

Requests: ``system`` and the user turn as text blocks (consecutive user messages become blocks of
one turn, with a ``cache_control`` breakpoint after those named in ``cache_after``), the profile's
``thinking``/``output_config``/``temperature`` fields, and for a pydantic return type the native
structured output ``output_config.format`` (a schema from ``anthropic.transform_schema``, whose
answer is validated against the original model by magentic). ``thinking`` and
``redacted_thinking`` blocks are never read; their tokens are in the output usage.

Importing this module imports magentic (~0.6 s); ``booty.adapters.llm`` imports it on first use.
No ``from __future__ import annotations`` here: magentic reads the prompt functions' return
annotations at decoration time and needs real types.
"""

import asyncio
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import anthropic
from magentic import AssistantMessage, SystemMessage, UserMessage, chatprompt
from magentic.chat_model.base import ChatModel
from magentic.chat_model.function_schema import function_schema_for_type
from magentic.chat_model.message import Message
from pydantic import BaseModel, ValidationError

from booty.adapters.llm_failures import IncompleteAnswer
from booty.models import Plan, Usage

if TYPE_CHECKING:
    from booty.claude.providers import Connection

CACHE = {"type": "ephemeral"}
# Where a provider offers no native structured output: the schema, in the system prompt.
JSON_ANSWER = (
    "\n\nAnswer with exactly one JSON object and nothing else (no prose, no code fence). "
    "It must match this JSON schema: {schema}"
)
OutputT = TypeVar("OutputT")


class UnusableAnswer(Exception):
    """The answer arrived whole but cannot be used (not JSON, or not the schema); ``problem`` says why."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


@dataclass
class Clients:
    """The SDK clients of one model configuration (the async one is per event loop): the Claude
    API's, or the SDK's own Bedrock, Vertex or Foundry client, which expose the same ``messages``."""

    sync: Any
    make_async: Callable[[], Any]


def build_clients(
    connection: "Connection | str", base_url: str | None = None, timeout_s: float = 300
) -> Clients:
    """SDK clients with our timeout and no retries of their own (``RetryPolicy`` decides those).
    An async client's connections belong to the event loop that opened them, so each new loop
    (e.g. one ``asyncio.run`` per repair round) gets a fresh one. ``connection`` may be a bare API
    key (the Claude API at ``base_url``)."""
    from booty.claude.providers import Connection

    if isinstance(connection, str):
        connection = Connection(api_key=connection, base_url=base_url)
    common: dict[str, Any] = {
        "timeout": anthropic.Timeout(timeout_s, connect=min(timeout_s, 10.0)),
        "max_retries": 0,
    }
    sync_cls, async_cls, args = _client_classes(connection)
    args.update(common)
    loops: dict[int, Any] = {}

    def make_async() -> Any:
        loop = id(asyncio.get_running_loop())
        if loop not in loops:
            loops.clear()
            loops[loop] = async_cls(**args)
        return loops[loop]

    return Clients(sync=sync_cls(**args), make_async=make_async)


def _client_classes(c: "Connection") -> tuple[Any, Any, dict[str, Any]]:
    """The SDK's classes for ``c.provider`` and their arguments (nothing signed or exchanged here)."""
    if c.provider == "bedrock":
        args: dict[str, Any] = {"aws_region": c.aws_region, "base_url": c.base_url}
        if c.aws_bearer_token:
            args["api_key"] = c.aws_bearer_token
        elif c.aws_access_key:
            args.update(
                aws_access_key=c.aws_access_key,
                aws_secret_key=c.aws_secret_key,
                aws_session_token=c.aws_session_token,
            )
        elif c.aws_profile:
            args["aws_profile"] = c.aws_profile
        return anthropic.AnthropicBedrock, anthropic.AsyncAnthropicBedrock, args
    if c.provider == "vertex":
        from booty.adapters.cloud import google_credentials

        args = {
            "region": c.vertex_region,
            "project_id": c.vertex_project,
            "base_url": c.base_url,
            "credentials": google_credentials(c.google_credentials_file),
        }
        return anthropic.AnthropicVertex, anthropic.AsyncAnthropicVertex, args
    if c.provider == "foundry":
        if c.entra:
            from booty.adapters.cloud import entra_token_provider

            args = {"azure_ad_token_provider": entra_token_provider(c)}
        else:
            args = {"api_key": c.api_key}
        if c.base_url:
            args["base_url"] = c.base_url
        else:
            args["resource"] = c.foundry_resource
        return anthropic.AnthropicFoundry, anthropic.AsyncAnthropicFoundry, args
    if c.federated:
        from anthropic.lib.credentials import IdentityTokenFile, WorkloadIdentityCredentials

        from booty.adapters.cloud import github_identity_token

        token_source: Any = (
            IdentityTokenFile(c.identity_token_file)
            if c.identity_token_file
            else github_identity_token(c.oidc_request_url, c.oidc_request_token, c.oidc_audience)
        )
        credentials = WorkloadIdentityCredentials(
            identity_token_provider=token_source,
            federation_rule_id=c.federation_rule_id,
            organization_id=c.organization_id,
            service_account_id=c.service_account_id or None,
            workspace_id=c.workspace_id or None,
        )
        return (
            anthropic.Anthropic,
            anthropic.AsyncAnthropic,
            {"credentials": credentials, "base_url": c.base_url},
        )
    return anthropic.Anthropic, anthropic.AsyncAnthropic, {"api_key": c.api_key, "base_url": c.base_url}


class PromptFunctions:
    """Booty's magentic prompt functions (the plan, a file's edit, the pull request description). The user turn comes in three parts (empty parts are
    not sent), so that a cache breakpoint can follow the shared one. Templates are placeholders
    only: magentic ``str.format``s them, and code has braces."""

    def __init__(self) -> None:
        template = (
            SystemMessage("{system}"),
            UserMessage("{first}"),
            UserMessage("{second}"),
            UserMessage("{third}"),
        )

        @chatprompt(*template)
        def plan(system: str, first: str, second: str, third: str) -> Plan: ...  # type: ignore[empty-body]  # magentic supplies the body

        @chatprompt(*template)
        async def write(system: str, first: str, second: str, third: str) -> str: ...  # type: ignore[empty-body]  # magentic supplies the body

        @chatprompt(*template)
        def describe(system: str, first: str, second: str, third: str) -> str: ...  # type: ignore[empty-body]  # magentic supplies the body

        self.plan, self.write, self.describe = plan, write, describe
        self._template = template
        self._structured: dict[type, Callable[..., Any]] = {Plan: plan}

    def structured(self, schema: type[BaseModel]) -> Callable[..., Any]:
        """The planning prompt function answering with ``schema`` (a ``Plan`` or a subclass of it)."""
        if schema not in self._structured:

            @chatprompt(*self._template)
            def ask(system: str, first: str, second: str, third: str) -> schema: ...  # type: ignore[valid-type]

            self._structured[schema] = ask
        return self._structured[schema]


class Answer:
    """What one answer stream said; ``complete`` is False until ``message_stop`` arrived."""

    def __init__(self, on_start: Callable[[], None] | None = None) -> None:
        self.text_parts: list[str] = []
        self.stop_reason: str | None = None
        self.stop_details: dict[str, Any] = {}
        self.complete = False
        self.result: Any = None  # what the prompt function returned (or why it could not)
        self._start_usage: Any = None
        self._output_tokens = 0
        self._on_start = on_start

    @property
    def text(self) -> str:
        return "".join(self.text_parts)

    @property
    def usage(self) -> Usage:
        """Tokens billed so far: the prompt from ``message_start``, the output from the last delta."""
        u = self._start_usage
        return Usage(
            input_tokens=getattr(u, "input_tokens", 0) or 0,
            output_tokens=self._output_tokens,
            cache_write_tokens=getattr(u, "cache_creation_input_tokens", 0) or 0,
            cache_read_tokens=getattr(u, "cache_read_input_tokens", 0) or 0,
        )

    def see(self, event: Any) -> None:
        kind = event.type
        if kind == "message_start":
            self._start_usage = event.message.usage
            self._output_tokens = getattr(event.message.usage, "output_tokens", 0) or 0
            if self._on_start is not None:
                self._on_start()
        elif kind == "content_block_start" and event.content_block.type == "text":
            self.text_parts.append(event.content_block.text or "")
        elif kind == "content_block_delta" and event.delta.type == "text_delta":
            self.text_parts.append(event.delta.text)
        elif kind == "message_delta":
            self.stop_reason = event.delta.stop_reason
            self.stop_details = _as_dict(getattr(event.delta, "stop_details", None))
            self._output_tokens = event.usage.output_tokens or self._output_tokens
        elif kind == "message_stop":
            self.complete = True


class ClaudeChat(ChatModel):
    """One call to Claude. ``request`` holds model, max_tokens and the profile's shape fields."""

    def __init__(
        self,
        clients: Clients,
        request: dict[str, Any],
        *,
        cache_after: Sequence[int] = (),
        on_start: Callable[[], None] | None = None,
        native_structured: bool = True,
    ) -> None:
        # ``native_structured`` False (a provider without native structured output): the schema is
        # given in the system prompt and the answer's JSON is parsed and checked by magentic alike.
        self._native_structured = native_structured
        self._clients = clients
        self._request = request
        self._cache_after = frozenset(cache_after)
        self.answer = Answer(on_start)

    def params(self, messages: Iterable[Any], output_types: Iterable[type] | None) -> dict[str, Any]:
        """The request body for these magentic messages (``count_tokens`` is sent the same)."""
        system, blocks, part = "", [], 0
        for message in messages:
            if isinstance(message, SystemMessage):
                system = message.content
            elif isinstance(message, UserMessage) and isinstance(message.content, str):
                if message.content:  # an empty part is not sent (the API refuses empty text blocks)
                    block: dict[str, Any] = {"type": "text", "text": message.content}
                    if part in self._cache_after:
                        block["cache_control"] = CACHE
                    blocks.append(block)
                part += 1
            else:  # never an assistant prefill: the current models refuse it
                raise TypeError(
                    f"Booty's prompts hold only system and user text, not {type(message).__name__}"
                )
        params = dict(self._request, messages=[{"role": "user", "content": blocks}])
        if system:
            params["system"] = system
        schema_type = _structured(output_types)
        if schema_type is not None and not self._native_structured:
            schema = json.dumps(anthropic.transform_schema(schema_type), separators=(",", ":"))
            params["system"] = (params.get("system", "") + JSON_ANSWER.format(schema=schema)).lstrip()
        elif schema_type is not None:
            config = dict(params.get("output_config") or {})
            config["format"] = {"type": "json_schema", "schema": anthropic.transform_schema(schema_type)}
            params["output_config"] = config
        return params

    def complete(
        self,
        messages: Iterable[Message[Any]],
        functions: Iterable[Callable[..., Any]] | None = None,
        output_types: Iterable[type[OutputT]] | None = None,
        *,
        stop: list[str] | None = None,
    ) -> AssistantMessage[OutputT]:
        params = self.params(messages, output_types)
        stream = self._clients.sync.messages.create(**sdk_arguments(params), stream=True)
        try:
            for event in stream:
                self.answer.see(event)
        finally:
            stream.close()
        return AssistantMessage(self._parse(output_types))

    async def acomplete(
        self,
        messages: Iterable[Message[Any]],
        functions: Iterable[Callable[..., Any]] | None = None,
        output_types: Iterable[type[OutputT]] | None = None,
        *,
        stop: list[str] | None = None,
    ) -> AssistantMessage[OutputT]:
        params = self.params(messages, output_types)
        stream = await self._clients.make_async().messages.create(**sdk_arguments(params), stream=True)
        try:
            async for event in stream:
                self.answer.see(event)
        finally:
            await stream.close()
        return AssistantMessage(self._parse(output_types))

    def _parse(self, output_types: Iterable[type] | None) -> Any:
        if not self.answer.complete:
            raise IncompleteAnswer()
        schema_type = _structured(output_types)
        if schema_type is None:
            return self.answer.text
        if self.answer.stop_reason in ("max_tokens", "refusal"):
            raise UnusableAnswer(f"the answer stopped early ({self.answer.stop_reason}).")
        if not self.answer.text.strip():
            raise UnusableAnswer("the answer was empty.")
        text = self.answer.text if self._native_structured else _unfenced(self.answer.text)
        try:
            return function_schema_for_type(schema_type).parse_args([text])
        except ValidationError as err:
            raise UnusableAnswer(_describe(err)) from None


def sdk_arguments(params: dict[str, Any]) -> dict[str, Any]:
    """``params`` as SDK keyword arguments: since anthropic 1.0 the methods take no sampling
    parameters, so a temperature (sent only to models that accept it) travels in ``extra_body``."""
    params = dict(params)
    extra = {key: params.pop(key) for key in ("temperature",) if key in params}
    return dict(params, extra_body=extra) if extra else params


def _unfenced(text: str) -> str:
    """The JSON object of an answer that may wrap it in a ```json fence or a sentence."""
    start, end = text.find("{"), text.rfind("}")
    return text[start : end + 1] if 0 <= start < end else text


def _structured(output_types: Iterable[type] | None) -> type[BaseModel] | None:
    for output_type in output_types or ():
        if isinstance(output_type, type) and issubclass(output_type, BaseModel):
            return output_type
    return None


def _describe(err: ValidationError) -> str:
    if any(e.get("type") == "json_invalid" for e in err.errors()):
        return "the answer was not valid JSON."
    return f"the answer did not match the schema: {str(err)[:1500]}"


def _as_dict(value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    if isinstance(value, dict):
        return value
    dump = getattr(value, "model_dump", None)
    return dump() if callable(dump) else {}
