"""The Models API's answers (``GET /v1/models``, ``GET /v1/models/{id}``) for the fake's model table.

The shape is the API's ``ModelInfo`` as the anthropic SDK 2.15 types it (``anthropic.types.ModelInfo``,
``ModelCapabilities``), every key present:

    {"type": "model", "id", "display_name", "created_at", "max_input_tokens", "max_tokens",
     "lifecycle": "active" | "deprecated", "deprecated_at", "retires_at", "line",
     "capabilities": {
        "batch", "citations", "code_execution", "image_input", "pdf_input", "structured_outputs":
            {"supported": bool},
        "context_management": {"supported", "clear_thinking_20251015", "clear_tool_uses_20250919",
                               "compact_20260112"},
        "effort": {"supported", "low", "medium", "high", "xhigh", "max"},    # each {"supported": bool}
        "server_tools": {"supported", "code_execution", "web_search"},        # each {"supported": bool}
        "thinking": {"supported",
                     "types": {"adaptive", "between_tools", "disabled", "enabled"}}}}  # each {"supported": bool}

Each ``thinking.types`` entry is true exactly when the model's rules accept that ``thinking.type``, so
a client learns from it whether and how thinking can be turned off (``disabled``, or ``between_tools``
on Sonnet 5.5, or neither); a request can still be refused for another reason, such as an effort the
model does not allow with thinking off. The fake serves only models it answers requests for: a retired
or unknown id is a 404 here as on ``/v1/messages``. The list is newest first, paged with ``limit``
(default 20, 1..1000), ``after_id`` and ``before_id``, like the API's.
"""

from __future__ import annotations

from typing import Any

from booty.demo.model_table import EFFORT_ORDER, MODELS, ModelRules, lookup

THINKING_TYPES = ("adaptive", "between_tools", "disabled", "enabled")


def model_info(rules: ModelRules) -> dict[str, Any]:
    """One model as ``GET /v1/models/{id}`` answers it."""
    return {
        "type": "model",
        "id": rules.id,
        "display_name": rules.display_name,
        "created_at": rules.created_at,
        "max_input_tokens": rules.context_window,
        "max_tokens": rules.max_output,
        "lifecycle": "deprecated" if rules.deprecated_at else "active",
        "deprecated_at": rules.deprecated_at,
        "retires_at": rules.retires_at,
        "line": rules.id.split("-")[1],  # claude-<line>-...: haiku, sonnet, opus, fable, mythos
        "capabilities": _capabilities(rules),
    }


def retrieve(model_id: str) -> dict[str, Any] | None:
    """``GET /v1/models/{model_id}`` (an alias answers with its model), or None for a 404."""
    rules = lookup(model_id)
    return model_info(rules) if rules else None


def listing(limit: int = 20, after_id: str | None = None, before_id: str | None = None) -> dict[str, Any]:
    """``GET /v1/models``: one page, newest first."""
    ordered = sorted(MODELS.values(), key=lambda m: m.created_at, reverse=True)
    ids = [m.id for m in ordered]
    limit = max(1, min(limit, 1000))
    if before_id in ids:
        end = ids.index(before_id)
        start = max(0, end - limit)
        has_more = start > 0
    else:
        start = ids.index(after_id) + 1 if after_id in ids else 0
        end = min(len(ordered), start + limit)
        has_more = end < len(ordered)
    page = ordered[start:end]
    return {
        "data": [model_info(m) for m in page],
        "has_more": has_more,
        "first_id": page[0].id if page else None,
        "last_id": page[-1].id if page else None,
    }


def _supported(flag: bool) -> dict[str, bool]:
    return {"supported": flag}


def _capabilities(rules: ModelRules) -> dict[str, Any]:
    new_generation = rules.context_window >= 1_000_000  # the 4.6 generation and later
    return {
        "batch": _supported(True),
        "citations": _supported(True),
        "code_execution": _supported(True),
        "context_management": {
            "supported": True,
            "clear_thinking_20251015": _supported(True),
            "clear_tool_uses_20250919": _supported(True),
            "compact_20260112": _supported(new_generation),
        },
        "effort": {
            "supported": bool(rules.efforts),
            **{e: _supported(e in rules.efforts) for e in EFFORT_ORDER},
        },
        "image_input": _supported(True),
        "pdf_input": _supported(True),
        "server_tools": {
            "supported": True,
            "code_execution": _supported(True),
            "web_search": _supported(True),
        },
        "structured_outputs": _supported(True),
        "thinking": {
            "supported": True,
            "types": {kind: _supported(kind in rules.thinking_types) for kind in THINKING_TYPES},
        },
    }
