"""The fake Messages API's own table of Claude models: what each accepts and how it behaves.

Pure data, written from ``shared/claude-api.md`` (2026-12-01) and the API's error reports, and
deliberately independent of Booty's client code: if Booty's own model profiles are wrong, requests
shaped from them fail here. ``lookup`` answers None for an id the API would answer with 404
(retired or unknown). Release dates are the fake's own (the Models API needs one); nothing depends
on them but the order of ``GET /v1/models``.

Minimum cacheable prompt lengths come from the prompt-caching docs as quoted in 2026 (4,096 for
Opus 4.5/4.6 and Haiku 4.5; 2,048 for Opus 4.7; 1,024 for Sonnet 4.6, Opus 4.8, Sonnet 5; 512 for
Opus 5, Fable 5, Mythos). For the models no page lists (the 5.5 generation, Fable 5.1, Haiku 5.5,
Mythos 5.1) the fake assumes the value of the model each replaces.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Sampling = Literal["classic", "refused", "defaults_only"]

EFFORT_ORDER = ("low", "medium", "high", "xhigh", "max")
_LOW_TO_MAX = ("low", "medium", "high", "max")  # the 4.6 generation: no xhigh
_ALL_EFFORTS = EFFORT_ORDER  # Opus 4.7 on, and the 5 generation except Haiku 5.5

DISABLED_FABLE_5 = (
    '"thinking.type.disabled" is not supported for this model. Thinking defaults to adaptive mode when not '
    'specified; use "thinking.type.enabled" with "budget_tokens" for extended thinking.'
)
DISABLED_ADAPTIVE_ONLY = (
    '"thinking.type.disabled" is not supported for this model. Use "thinking.type.adaptive" and '
    '"output_config.effort" to control thinking behavior.'
)
DISABLED_SONNET_5_5 = (
    'To turn thinking off on this model, send "thinking": {"type": "between_tools"} instead of '
    '{"type": "disabled"}. The model does not think before responding. The short updates it writes '
    "between tool calls come back as thinking blocks."
)


# anthropic 2.15 warns that Opus 4.5 "will reach end-of-life on January 22nd, 2027" (its
# ``_data/deprecated_models.py``); no page at hand gives the day it was deprecated, so the fake takes the
# API's minimum notice, 60 days before retirement.
OPUS_4_5_DEPRECATED_AT = "2026-11-23T00:00:00Z"

ListingStatus = Literal["current", "legacy", "unlisted"]


@dataclass(frozen=True)
class ModelRules:
    """What one model accepts. ``thinking_types``: the ``thinking.type`` values it takes;
    ``efforts``: the ``output_config.effort`` values (empty: the parameter is refused)."""

    id: str
    display_name: str
    created_at: str
    status: ListingStatus
    max_output: int
    context_window: int
    sampling: Sampling  # classic: <= 4.6 rules; refused: non-default -> 400; defaults_only: Haiku 5.5
    thinks_by_default: bool  # with ``thinking`` omitted
    thinking_types: frozenset[str]
    efforts: tuple[str, ...]
    default_effort: str | None
    forced_tool: bool  # tool_choice type tool/any accepted
    prefill: bool  # a last assistant turn accepted
    min_cache_tokens: int
    disabled_message: str | None = None  # the 400 for ``disabled`` when it is not accepted
    off_only_up_to_high: bool = (
        False  # thinking off (disabled/between_tools/omitted-off) only at effort <= high
    )
    forced_tool_skips_thinking: bool = False  # Haiku 5.5: a forced tool call comes first, no thinking
    aliases: tuple[str, ...] = ()
    deprecated_at: str | None = None  # set on a deprecated model (still served, retirement scheduled)
    retires_at: str | None = None


def _m(
    id: str,
    name: str,
    created: str,
    status: ListingStatus,
    *,
    out: int = 128_000,
    ctx: int = 1_000_000,
    sampling: Sampling = "refused",
    thinks: bool = True,
    types: str = "adaptive",
    efforts: tuple[str, ...] = _ALL_EFFORTS,
    default_effort: str | None = "high",
    forced: bool = True,
    prefill: bool = False,
    cache: int = 1024,
    **more: Any,
) -> ModelRules:
    return ModelRules(
        id,
        name,
        created,
        status,
        out,
        ctx,
        sampling,
        thinks,
        frozenset(types.split()),
        efforts,
        default_effort if efforts else None,
        forced,
        prefill,
        cache,
        **more,
    )


_TABLE = (
    _m(
        "claude-haiku-4-5-20251001",
        "Claude Haiku 4.5",
        "2025-10-15T00:00:00Z",
        "legacy",
        out=64_000,
        ctx=200_000,
        sampling="classic",
        thinks=False,
        types="enabled disabled",
        efforts=(),
        prefill=True,
        cache=4096,
        aliases=("claude-haiku-4-5",),
    ),
    _m(
        "claude-opus-4-5-20251101",
        "Claude Opus 4.5",
        "2025-11-24T00:00:00Z",
        "legacy",
        out=64_000,
        ctx=200_000,
        sampling="classic",
        thinks=False,
        types="enabled disabled",
        efforts=("low", "medium", "high"),
        prefill=True,
        cache=4096,
        aliases=("claude-opus-4-5",),
        deprecated_at=OPUS_4_5_DEPRECATED_AT,
        retires_at="2027-01-22T00:00:00Z",
    ),
    _m(
        "claude-opus-4-6",
        "Claude Opus 4.6",
        "2026-02-05T00:00:00Z",
        "legacy",
        sampling="classic",
        thinks=False,
        types="adaptive disabled enabled",
        efforts=_LOW_TO_MAX,
        cache=4096,
    ),
    _m(
        "claude-sonnet-4-6",
        "Claude Sonnet 4.6",
        "2026-02-17T00:00:00Z",
        "legacy",
        sampling="classic",
        thinks=False,
        types="adaptive disabled enabled",
        efforts=_LOW_TO_MAX,
    ),
    _m(
        "claude-opus-4-7",
        "Claude Opus 4.7",
        "2026-04-16T00:00:00Z",
        "legacy",
        thinks=False,
        types="adaptive disabled",
        cache=2048,
        off_only_up_to_high=True,
    ),
    _m(
        "claude-opus-4-8",
        "Claude Opus 4.8",
        "2026-05-28T00:00:00Z",
        "legacy",
        thinks=False,
        types="adaptive disabled",
        off_only_up_to_high=True,
    ),
    _m(
        "claude-fable-5",
        "Claude Fable 5",
        "2026-06-09T00:00:00Z",
        "legacy",
        cache=512,
        disabled_message=DISABLED_FABLE_5,
    ),
    _m("claude-sonnet-5", "Claude Sonnet 5", "2026-06-30T00:00:00Z", "legacy", types="adaptive disabled"),
    _m(
        "claude-opus-5",
        "Claude Opus 5",
        "2026-07-23T00:00:00Z",
        "legacy",
        types="adaptive disabled",
        cache=512,
        off_only_up_to_high=True,
    ),
    _m(
        "claude-fable-5-1",
        "Claude Fable 5.1",
        "2026-10-13T00:00:00Z",
        "current",
        forced=False,
        cache=512,
        disabled_message=DISABLED_ADAPTIVE_ONLY,
    ),
    _m(
        "claude-mythos-5-1",
        "Claude Mythos 5.1",
        "2026-10-20T00:00:00Z",
        "unlisted",
        forced=False,
        cache=512,
        disabled_message=DISABLED_ADAPTIVE_ONLY,
    ),
    _m(
        "claude-haiku-5-5",
        "Claude Haiku 5.5",
        "2026-11-03T00:00:00Z",
        "current",
        sampling="defaults_only",
        types="adaptive disabled",
        efforts=_LOW_TO_MAX,
        default_effort="medium",
        cache=4096,
        off_only_up_to_high=True,
        forced_tool_skips_thinking=True,
    ),
    _m(
        "claude-opus-5-5",
        "Claude Opus 5.5",
        "2026-11-10T00:00:00Z",
        "current",
        default_effort="medium",
        forced=False,
        cache=512,
        disabled_message=DISABLED_ADAPTIVE_ONLY,
    ),
    _m(
        "claude-sonnet-5-5",
        "Claude Sonnet 5.5",
        "2026-11-17T00:00:00Z",
        "current",
        types="adaptive between_tools",
        forced=False,
        disabled_message=DISABLED_SONNET_5_5,
        off_only_up_to_high=True,
    ),
)

MODELS: dict[str, ModelRules] = {m.id: m for m in _TABLE}
_BY_ANY_ID: dict[str, ModelRules] = {**MODELS, **{a: m for m in _TABLE for a in m.aliases}}

# Answered with 404 like any unknown id; listed so tests and readers can name them.
RETIRED = (
    "claude-sonnet-4-5",
    "claude-sonnet-4-5-20250929",
    "claude-opus-4-1",
    "claude-opus-4-1-20250805",
    "claude-sonnet-4-0",
    "claude-sonnet-4-20250514",
    "claude-opus-4-0",
    "claude-opus-4-20250514",
    "claude-3-7-sonnet-latest",
    "claude-3-7-sonnet-20250219",
    "claude-3-5-haiku-latest",
    "claude-3-5-haiku-20241022",
    "claude-3-5-sonnet-20241022",
    "claude-3-haiku-20240307",
    "claude-3-opus-20240229",
)


def lookup(model_id: Any) -> ModelRules | None:
    """The rules for a model id or alias the API serves; None for a retired or unknown one."""
    return _BY_ANY_ID.get(model_id) if isinstance(model_id, str) else None


def is_retired(model_id: str) -> bool:
    return model_id in RETIRED or model_id.startswith("claude-3")


def effort_of(rules: ModelRules, body: dict[str, Any]) -> str | None:
    """The effort a request runs at: the one it sends, else the model's default."""
    sent = (body.get("output_config") or {}).get("effort")
    return sent if sent is not None else rules.default_effort


def forces_tool(body: dict[str, Any]) -> bool:
    return (body.get("tool_choice") or {}).get("type") in ("tool", "any")


def thinks(body: dict[str, Any]) -> bool:
    """Whether the model thinks (answers with a thinking block first) for this request."""
    rules = lookup(body.get("model"))
    if rules is None:
        return False
    kind = (body.get("thinking") or {}).get("type")
    if kind == "between_tools":  # off, except for the short updates it writes between tool calls
        return _after_tool_result(body)
    if kind == "disabled":
        return False
    if rules.forced_tool_skips_thinking and forces_tool(body):
        return False
    return kind in ("adaptive", "enabled") or (kind is None and rules.thinks_by_default)


def _after_tool_result(body: dict[str, Any]) -> bool:
    messages = body.get("messages") or []
    content = messages[-1].get("content") if messages and isinstance(messages[-1], dict) else None
    return isinstance(content, list) and any(
        isinstance(b, dict) and b.get("type") == "tool_result" for b in content
    )
