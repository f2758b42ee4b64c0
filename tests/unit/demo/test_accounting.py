"""The fake's token accounting and prompt cache (pure parts of the fake)."""

from __future__ import annotations

from typing import Any

from booty.demo.accounting import PromptCache, breakpoints, estimate_input_tokens, tokens_of

MARK = {"type": "ephemeral"}
LONG = "All the rules of the house, written out at length. " * 120  # about 1,500 tokens


def body(model: str = "claude-sonnet-5-5", user: str = "hi", **fields: Any) -> dict[str, Any]:
    system = [{"type": "text", "text": LONG, "cache_control": MARK}]
    return {
        "model": model,
        "max_tokens": 100,
        "system": system,
        "messages": [{"role": "user", "content": user}],
        **fields,
    }


def test_markers_do_not_change_the_count():
    plain = body()
    plain["system"] = [{"type": "text", "text": LONG}]
    assert estimate_input_tokens(plain) == estimate_input_tokens(body())


def test_a_first_request_writes_the_prefix_and_a_second_reads_it():
    cache = PromptCache()
    first = cache.account(body(user="one"), min_tokens=1024)
    second = cache.account(body(user="two"), min_tokens=1024)
    prefix = tokens_of({"tools": [], "system": body()["system"]})
    assert (first.cache_read_input_tokens, first.cache_creation_input_tokens) == (0, prefix)
    assert (second.cache_read_input_tokens, second.cache_creation_input_tokens) == (prefix, 0)
    for usage, text in ((first, "one"), (second, "two")):
        total = usage.input_tokens + usage.cache_read_input_tokens + usage.cache_creation_input_tokens
        assert total == estimate_input_tokens(body(user=text))
    assert first.cache_creation == {"ephemeral_5m_input_tokens": prefix, "ephemeral_1h_input_tokens": 0}


def test_a_prefix_below_the_minimum_is_not_cached_and_caches_are_per_model():
    cache = PromptCache()
    assert cache.account(body(), min_tokens=4096).cache_creation_input_tokens == 0
    assert cache.account(body(), min_tokens=4096).cache_read_input_tokens == 0
    cache.account(body(), min_tokens=1024)
    assert cache.account(body(model="claude-opus-5-5"), min_tokens=512).cache_read_input_tokens == 0


def test_later_breakpoints_write_only_what_follows_the_longest_cached_prefix():
    cache = PromptCache()
    cache.account(body(), min_tokens=1024)
    longer = body(
        messages=[
            {
                "role": "user",
                "content": [
                    {
                        "type": "text",
                        "text": LONG + " and the issue",
                        "cache_control": {"type": "ephemeral", "ttl": "1h"},
                    }
                ],
            }
        ]
    )
    usage = cache.account(longer, min_tokens=1024)
    marks = breakpoints(longer)
    assert len(marks) == 2 and marks[1][1] == "1h"
    system_part, whole_part = (
        tokens_of(marks[0][0]),
        min(tokens_of(marks[1][0]), estimate_input_tokens(longer)),
    )
    assert usage.cache_read_input_tokens == system_part
    assert usage.cache_creation == {
        "ephemeral_5m_input_tokens": 0,
        "ephemeral_1h_input_tokens": whole_part - system_part,
    }


def test_top_level_cache_control_marks_the_end_of_the_messages():
    marked = {
        "model": "claude-sonnet-5",
        "max_tokens": 5,
        "cache_control": MARK,
        "messages": [{"role": "user", "content": LONG}],
    }
    ((prefix, ttl),) = breakpoints(marked)
    assert prefix["messages"] == marked["messages"] and ttl == "5m"
