"""The fake's prompt cache (reads and writes as the API bills them) and its Models API, through the SDK."""

from __future__ import annotations

import threading
import time
from typing import Any

import anthropic
import pytest

from booty.demo.messages_api import MessagesAPIServer, TextReply
from booty.demo.model_table import MODELS

MARK = {"type": "ephemeral"}
RULES_TEXT = (
    "Booty edits files only through validated changes; every path is checked twice. " * 100
)  # ~2,000 tokens
SYSTEM = [{"type": "text", "text": RULES_TEXT, "cache_control": MARK}]


def sdk(server: MessagesAPIServer) -> anthropic.Anthropic:
    return anthropic.Anthropic(api_key="k", base_url=server.base_url, max_retries=0, timeout=5)


def ask(
    client: anthropic.Anthropic, user: str, model: str = "claude-sonnet-5-5", **fields: Any
) -> anthropic.types.Message:
    request = dict(
        model=model, max_tokens=2000, system=SYSTEM, messages=[{"role": "user", "content": user}], **fields
    )
    with client.messages.stream(**request) as stream:
        return stream.get_final_message()


def total(usage: Any) -> int:
    return usage.input_tokens + usage.cache_read_input_tokens + usage.cache_creation_input_tokens


def test_a_second_request_with_the_same_prefix_reads_what_the_first_wrote():
    with MessagesAPIServer(lambda body: TextReply("ok")) as server:
        client = sdk(server)
        first, second = ask(client, "Plan issue 7."), ask(client, "Edit calc/ops.py for issue 7.")
        count = client.messages.count_tokens(
            model="claude-sonnet-5-5", system=SYSTEM, messages=[{"role": "user", "content": "Plan issue 7."}]
        )
    written = first.usage.cache_creation_input_tokens
    assert written > 1024 and first.usage.cache_read_input_tokens == 0
    assert first.usage.cache_creation.ephemeral_5m_input_tokens == written
    assert second.usage.cache_read_input_tokens == written and second.usage.cache_creation_input_tokens == 0
    assert total(first.usage) == count.input_tokens  # count_tokens ignores caching: the whole prompt
    assert second.usage.input_tokens < 50


def test_the_cache_is_per_model_and_needs_the_models_minimum_length():
    with MessagesAPIServer(lambda body: TextReply("ok")) as server:
        client = sdk(server)
        ask(client, "one")
        other_model = ask(client, "two", model="claude-opus-5-5")
        assert (
            other_model.usage.cache_read_input_tokens == 0
            and other_model.usage.cache_creation_input_tokens > 0
        )
        small = ask(client, "three", model="claude-haiku-5-5")  # ~2,000 tokens is under Haiku 5.5's 4,096
        assert small.usage.cache_creation_input_tokens == 0 and small.usage.cache_read_input_tokens == 0
        assert small.usage.input_tokens == total(small.usage)


def test_a_prefix_is_readable_as_soon_as_its_request_is_decided():
    """Parallel editor calls: the second arrives while the first is still answering, and reads its prefix."""
    replies = iter([TextReply("slow", delay_s=0.6), TextReply("fast")])
    results: dict[str, anthropic.types.Message] = {}
    with MessagesAPIServer(lambda body: next(replies)) as server:
        client = sdk(server)
        slow = threading.Thread(target=lambda: results.__setitem__("slow", ask(client, "file a")))
        slow.start()
        time.sleep(0.2)
        results["fast"] = ask(client, "file b")
        slow.join()
    assert (
        results["fast"].usage.cache_read_input_tokens == results["slow"].usage.cache_creation_input_tokens > 0
    )


def test_breakpoints_on_tools_and_messages_and_a_one_hour_ttl():
    tool = {
        "name": "lookup",
        "description": RULES_TEXT,
        "input_schema": {"type": "object"},
        "cache_control": MARK,
    }
    issue = {
        "role": "user",
        "content": [
            {
                "type": "text",
                "text": "The issue: " + RULES_TEXT,
                "cache_control": {"type": "ephemeral", "ttl": "1h"},
            },
            {"type": "text", "text": "Now file a."},
        ],
    }
    with MessagesAPIServer(lambda body: TextReply("ok")) as server:
        client = sdk(server)
        first = client.messages.create(
            model="claude-sonnet-5", max_tokens=100, tools=[tool], messages=[issue]
        )
        second = client.messages.create(
            model="claude-sonnet-5",
            max_tokens=100,
            tools=[tool],
            messages=[{**issue, "content": [issue["content"][0], {"type": "text", "text": "Now file b."}]}],
        )
    created = first.usage.cache_creation
    assert created.ephemeral_5m_input_tokens > 1024 and created.ephemeral_1h_input_tokens > 1024
    assert second.usage.cache_read_input_tokens == first.usage.cache_creation_input_tokens
    assert second.usage.cache_creation_input_tokens == 0


def test_a_refused_or_overloaded_request_caches_nothing():
    from booty.demo.replies import Fault

    replies = iter([Fault.overloaded(), TextReply("ok")])
    with MessagesAPIServer(lambda body: next(replies)) as server:
        client = sdk(server)
        with pytest.raises(anthropic.BadRequestError):
            ask(client, "x", extra_body={"temperature": 0})
        with pytest.raises(anthropic.APIStatusError):
            ask(client, "x")
        assert ask(client, "x").usage.cache_read_input_tokens == 0


def test_models_retrieve_answers_the_api_shape_with_capabilities():
    with MessagesAPIServer(lambda body: TextReply("x")) as server:
        client = sdk(server)
        sonnet = client.models.retrieve("claude-sonnet-5-5")
        haiku = client.models.retrieve("claude-haiku-4-5")  # an alias answers with its snapshot
        mythos = client.models.retrieve("claude-mythos-5-1")
        with pytest.raises(anthropic.NotFoundError) as caught:
            client.models.retrieve("claude-sonnet-4-5")
    assert (
        sonnet.type == "model" and sonnet.display_name == "Claude Sonnet 5.5" and sonnet.max_tokens == 128_000
    )
    assert sonnet.max_input_tokens == 1_000_000 and sonnet.created_at.year == 2026
    caps = sonnet.capabilities
    assert caps.structured_outputs.supported and caps.thinking.supported
    assert caps.thinking.types.adaptive.supported and not caps.thinking.types.enabled.supported
    assert caps.effort.supported and caps.effort.xhigh.supported and caps.effort.low.supported
    assert haiku.id == "claude-haiku-4-5-20251001" and haiku.max_tokens == 64_000
    assert not haiku.capabilities.effort.supported and haiku.capabilities.thinking.types.enabled.supported
    assert not haiku.capabilities.thinking.types.adaptive.supported
    assert mythos.display_name == "Claude Mythos 5.1"
    assert caught.value.body["error"] == {"type": "not_found_error", "message": "model: claude-sonnet-4-5"}
    assert sonnet.lifecycle == "active" and sonnet.line == "sonnet" and sonnet.retires_at is None
    assert haiku.lifecycle == "active" and haiku.line == "haiku" and mythos.line == "mythos"


def turn_off(info: anthropic.types.ModelInfo) -> set[str]:
    """The ``thinking.type`` values the Models API says the model accepts for thinking off."""
    types = info.capabilities.thinking.types
    return {kind for kind in ("disabled", "between_tools") if getattr(types, kind).supported}


def test_the_thinking_types_say_whether_and_how_thinking_turns_off():
    with MessagesAPIServer(lambda body: TextReply("x")) as server:
        client = sdk(server)
        infos = {model: client.models.retrieve(model) for model in MODELS}
    for model, info in infos.items():
        types = info.capabilities.thinking.types
        accepted = {
            kind
            for kind in ("adaptive", "between_tools", "disabled", "enabled")
            if getattr(types, kind).supported
        }
        assert accepted == MODELS[model].thinking_types, model
    assert turn_off(infos["claude-sonnet-5-5"]) == {"between_tools"}  # its "disabled" is a 400
    assert turn_off(infos["claude-sonnet-5"]) == turn_off(infos["claude-haiku-4-5-20251001"]) == {"disabled"}
    for always_on in ("claude-fable-5", "claude-fable-5-1", "claude-opus-5-5", "claude-mythos-5-1"):
        assert (
            turn_off(infos[always_on]) == set()
            and infos[always_on].capabilities.thinking.types.adaptive.supported
        )
    assert not infos["claude-opus-4-7"].capabilities.thinking.types.enabled.supported
    assert infos["claude-opus-4-6"].capabilities.thinking.types.enabled.supported


def test_a_deprecated_model_says_when_it_retires():
    with MessagesAPIServer(lambda body: TextReply("x")) as server:
        opus = sdk(server).models.retrieve("claude-opus-4-5")
    assert opus.id == "claude-opus-4-5-20251101" and opus.lifecycle == "deprecated"
    assert opus.retires_at.date().isoformat() == "2027-01-22" and opus.deprecated_at < opus.retires_at


def test_models_list_pages_through_every_model_newest_first():
    with MessagesAPIServer(lambda body: TextReply("x")) as server:
        client = sdk(server)
        first = client.models.list(limit=3)
        every = [m.id for m in client.models.list(limit=4)]  # the SDK follows has_more / last_id
    assert len(first.data) == 3 and first.has_more and first.first_id == "claude-sonnet-5-5"
    assert sorted(every) == sorted(MODELS) and len(every) == len(set(every))
    assert every[-1] == "claude-haiku-4-5-20251001"
