"""The fake's table of models: when a model thinks, and what thinking it accepts."""

from __future__ import annotations

import pytest

from booty.demo.model_table import MODELS, thinks


@pytest.mark.parametrize(
    "request_fields, expected",
    [
        ({"model": "claude-sonnet-5"}, True),
        ({"model": "claude-sonnet-5-5"}, True),
        ({"model": "claude-haiku-4-5"}, False),
        ({"model": "claude-opus-4-8"}, False),
        ({"model": "claude-opus-4-8", "thinking": {"type": "adaptive"}}, True),
        ({"model": "claude-haiku-4-5", "thinking": {"type": "enabled", "budget_tokens": 2000}}, True),
        ({"model": "claude-sonnet-5", "thinking": {"type": "disabled"}}, False),
        ({"model": "claude-sonnet-5-5", "thinking": {"type": "between_tools"}}, False),
        (
            {
                "model": "claude-sonnet-5-5",
                "thinking": {"type": "between_tools"},
                "messages": [
                    {"role": "user", "content": "go"},
                    {
                        "role": "assistant",
                        "content": [{"type": "tool_use", "id": "t1", "name": "n", "input": {}}],
                    },
                    {
                        "role": "user",
                        "content": [{"type": "tool_result", "tool_use_id": "t1", "content": "done"}],
                    },
                ],
            },
            True,
        ),
        ({"model": "claude-sonnet-5", "tool_choice": {"type": "tool", "name": "t"}}, True),
        ({"model": "claude-haiku-5-5", "tool_choice": {"type": "tool", "name": "t"}}, False),
        ({"model": "claude-haiku-5-5"}, True),
        ({"model": "claude-unknown"}, False),
    ],
)
def test_when_the_model_thinks(request_fields, expected):
    assert thinks(request_fields) is expected


def test_every_model_that_thinks_by_default_cannot_be_asked_for_enabled_thinking():
    for rules in MODELS.values():
        if rules.thinks_by_default:
            assert "enabled" not in rules.thinking_types and "adaptive" in rules.thinking_types
