"""What each Claude model accepts and costs, as data: the ONE place that knows model names.

Every request is shaped from a ``ModelProfile`` (``claude.request_shape``) and every call is priced
from it (``spend.cost``). The facts are those of the Messages API on 2026-12-01 (see the README's
"Models" section for the sources). A model this table does not know is not guessed at: the
adapter reads its capabilities from the Models API (``profile_from_capabilities``), or falls back
to ``conservative_profile``.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace
from typing import Any, Literal, TypedDict

Status = Literal["current", "legacy", "retired", "unknown"]
# How a model takes temperature/top_p/top_k: "one_of" (temperature or top_p, while thinking is off),
# "defaults_only" (only the model's own defaults), "none" (any value is a 400).
Sampling = Literal["one_of", "defaults_only", "none"]
EFFORT_ORDER = ("low", "medium", "high", "xhigh", "max")

OLD_TOKENIZER_CHARS = 3.0  # chars a token, pessimistic, as measured for code on the old tokenizer
NEW_TOKENIZER_CHARS = 2.3  # the new tokenizer counts ~30% more tokens for the same code


@dataclass(frozen=True)
class Prices:
    """US dollars per million tokens. ``long_prompt_tokens``: above it, every rate is multiplied
    by ``long_prompt_factor`` (Haiku 5.5's second tier)."""

    input: float
    output: float
    cache_write: float
    cache_read: float
    long_prompt_tokens: int | None = None
    long_prompt_factor: float = 1.0

    @property
    def highest_rate(self) -> float:
        return max(self.input, self.output, self.cache_write) * self.long_prompt_factor


@dataclass(frozen=True)
class ModelProfile:
    id: str
    status: Status
    max_output_tokens: int
    context_window: int
    prices: Prices
    sampling: Sampling
    thinks_when_omitted: bool
    thinking_types: frozenset[str]
    # The ``thinking`` value that turns thinking off (None: it cannot be), and the highest effort at
    # which that is allowed (None: any).
    thinking_off: str | None
    thinking_off_max_effort: str | None = None
    forced_tool_choice: bool = True
    structured_output: bool = True
    efforts: tuple[str, ...] = ()  # empty: output_config.effort is refused
    default_effort: str | None = None
    chars_per_token: float = NEW_TOKENIZER_CHARS
    min_cache_tokens: int = 1024
    replacement: str = ""  # for a retired model: what to use instead
    notes: tuple[str, ...] = field(default=())  # what Booty had to assume (unknown models)

    def takes_effort(self, effort: str) -> bool:
        return effort in self.efforts

    def can_turn_thinking_off(self, effort: str | None) -> bool:
        if self.thinking_off is None:
            return False
        limit = self.thinking_off_max_effort
        return limit is None or effort is None or _rank(effort) <= _rank(limit)


def _rank(effort: str) -> int:
    return EFFORT_ORDER.index(effort) if effort in EFFORT_ORDER else len(EFFORT_ORDER)


class _Generation(TypedDict):
    """The ``ModelProfile`` fields every model of a generation shares (spread into each profile)."""

    max_output_tokens: int
    context_window: int
    sampling: Sampling
    chars_per_token: float


class _ThinkingGeneration(_Generation):
    thinks_when_omitted: bool
    thinking_types: frozenset[str]
    thinking_off: str | None


class _EffortGeneration(_ThinkingGeneration):
    efforts: tuple[str, ...]


_LOW_TO_MAX = ("low", "medium", "high", "max")
_WITH_XHIGH = ("low", "medium", "high", "xhigh", "max")
_OLD_4_5 = _ThinkingGeneration(
    max_output_tokens=64_000,
    context_window=200_000,
    sampling="one_of",
    thinks_when_omitted=False,
    thinking_types=frozenset({"enabled", "disabled"}),
    thinking_off="disabled",
    chars_per_token=OLD_TOKENIZER_CHARS,
)
_GEN_4_6 = _EffortGeneration(
    max_output_tokens=128_000,
    context_window=1_000_000,
    sampling="one_of",
    thinks_when_omitted=False,
    thinking_types=frozenset({"adaptive", "disabled", "enabled"}),
    thinking_off="disabled",
    efforts=_LOW_TO_MAX,
    chars_per_token=OLD_TOKENIZER_CHARS,
)
_NEW = _Generation(
    max_output_tokens=128_000, context_window=1_000_000, sampling="none", chars_per_token=NEW_TOKENIZER_CHARS
)

SONNET_PRICES = Prices(3.00, 15.00, 3.75, 0.30)
OPUS_PRICES = Prices(5.00, 25.00, 6.25, 0.50)

PROFILES: dict[str, ModelProfile] = {
    p.id: p
    for p in (
        ModelProfile(
            "claude-haiku-4-5",
            "legacy",
            prices=Prices(1.00, 5.00, 1.25, 0.10),
            min_cache_tokens=4096,
            **_OLD_4_5,
        ),
        ModelProfile(
            "claude-opus-4-5",
            "legacy",
            prices=OPUS_PRICES,
            efforts=("low", "medium", "high"),
            min_cache_tokens=4096,
            **_OLD_4_5,
        ),
        ModelProfile("claude-sonnet-4-6", "legacy", prices=SONNET_PRICES, min_cache_tokens=1024, **_GEN_4_6),
        ModelProfile("claude-opus-4-6", "legacy", prices=OPUS_PRICES, min_cache_tokens=4096, **_GEN_4_6),
        *(
            ModelProfile(
                name,
                "legacy",
                prices=OPUS_PRICES,
                thinks_when_omitted=False,
                thinking_types=frozenset({"adaptive", "disabled"}),
                thinking_off="disabled",
                thinking_off_max_effort="high",
                efforts=_WITH_XHIGH,
                min_cache_tokens=cache,
                **_NEW,
            )
            for name, cache in (("claude-opus-4-7", 2048), ("claude-opus-4-8", 1024))
        ),
        ModelProfile(
            "claude-sonnet-5",
            "legacy",
            prices=Prices(2.00, 10.00, 2.50, 0.20),
            thinks_when_omitted=True,
            thinking_types=frozenset({"adaptive", "disabled"}),
            thinking_off="disabled",
            efforts=_WITH_XHIGH,
            min_cache_tokens=1024,
            **_NEW,
        ),
        ModelProfile(
            "claude-opus-5",
            "legacy",
            prices=OPUS_PRICES,
            thinks_when_omitted=True,
            thinking_types=frozenset({"adaptive", "disabled"}),
            thinking_off="disabled",
            thinking_off_max_effort="high",
            efforts=_WITH_XHIGH,
            min_cache_tokens=512,
            **_NEW,
        ),
        ModelProfile(
            "claude-fable-5",
            "legacy",
            prices=Prices(10.00, 50.00, 12.50, 1.00),
            thinks_when_omitted=True,
            thinking_types=frozenset({"adaptive"}),
            thinking_off=None,
            efforts=_WITH_XHIGH,
            min_cache_tokens=512,
            **_NEW,
        ),
        ModelProfile(
            "claude-fable-5-1",
            "current",
            prices=Prices(10.00, 50.00, 12.50, 0.25),
            thinks_when_omitted=True,
            thinking_types=frozenset({"adaptive"}),
            thinking_off=None,
            forced_tool_choice=False,
            efforts=_WITH_XHIGH,
            min_cache_tokens=512,
            **_NEW,
        ),
        ModelProfile(
            "claude-opus-5-5",
            "current",
            prices=Prices(4.00, 20.00, 5.00, 0.20),
            thinks_when_omitted=True,
            thinking_types=frozenset({"adaptive"}),
            thinking_off=None,
            forced_tool_choice=False,
            efforts=_WITH_XHIGH,
            default_effort="medium",
            min_cache_tokens=512,
            **_NEW,
        ),
        ModelProfile(
            "claude-sonnet-5-5",
            "current",
            prices=Prices(2.00, 10.00, 2.50, 0.10),
            thinks_when_omitted=True,
            thinking_types=frozenset({"adaptive", "between_tools"}),
            thinking_off="between_tools",
            thinking_off_max_effort="high",
            forced_tool_choice=False,
            efforts=_WITH_XHIGH,
            min_cache_tokens=1024,
            **_NEW,
        ),
        ModelProfile(
            "claude-haiku-5-5",
            "current",
            prices=Prices(0.10, 0.50, 0.125, 0.01, long_prompt_tokens=100_000, long_prompt_factor=5.0),
            thinks_when_omitted=True,
            thinking_types=frozenset({"adaptive", "disabled"}),
            thinking_off="disabled",
            thinking_off_max_effort="high",
            efforts=_LOW_TO_MAX,
            default_effort="medium",
            min_cache_tokens=4096,
            **(_NEW | {"sampling": "defaults_only"}),
        ),
    )
}

# Retired (the API answers 404), each with the current model to use instead.
RETIRED: dict[str, str] = {
    "claude-sonnet-4-5": "claude-sonnet-5-5",
    "claude-sonnet-4-5-20250929": "claude-sonnet-5-5",
    "claude-sonnet-4-0": "claude-sonnet-5-5",
    "claude-sonnet-4-20250514": "claude-sonnet-5-5",
    "claude-opus-4-0": "claude-opus-5-5",
    "claude-opus-4-20250514": "claude-opus-5-5",
    "claude-opus-4-1": "claude-opus-5-5",
    "claude-opus-4-1-20250805": "claude-opus-5-5",
}
# Dated snapshot ids of models above (from the 4.6 generation on, the dateless id is the snapshot).
ALIASES: dict[str, str] = {
    "claude-haiku-4-5-20251001": "claude-haiku-4-5",
    "claude-opus-4-5-20251101": "claude-opus-4-5",
}
DEFAULT_MODEL = "claude-sonnet-5-5"


# What a cloud provider serves differently from the Claude API (claude-api.md): on Bedrock the
# 5-generation Sonnets and Haiku 5.5 offer no native structured output, and Sonnet 5 takes a forced
# tool only with thinking disabled (its profile turns thinking off, so that holds).
PROVIDER_DIFFERENCES: dict[str, dict[str, dict[str, Any]]] = {
    "bedrock": {
        "claude-sonnet-5": {"structured_output": False},
        "claude-sonnet-5-5": {"structured_output": False},
        "claude-haiku-5-5": {"structured_output": False},
    },
}


def for_provider(profile: ModelProfile, provider: str) -> ModelProfile:
    """``profile`` as ``provider`` serves it."""
    changes = PROVIDER_DIFFERENCES.get(provider, {}).get(profile.id)
    return replace(profile, **changes) if changes else profile


def known_profile(model: str) -> ModelProfile | None:
    """The table's profile of ``model`` (a retired model included, with status "retired"), or None."""
    model = ALIASES.get(model, model)
    if model in PROFILES:
        return PROFILES[model]
    replacement = RETIRED.get(model) or (_replacement_of_3x(model) if model.startswith("claude-3") else None)
    if replacement:
        return replace(conservative_profile(model), status="retired", replacement=replacement, notes=())
    return None


def _replacement_of_3x(model: str) -> str:
    for family in ("haiku", "opus"):
        if family in model:
            return f"claude-{family}-5-5"
    return DEFAULT_MODEL


def current_models() -> list[str]:
    return [p.id for p in PROFILES.values() if p.status == "current"]


def unknown_model_message(model: str) -> str:
    """What to say when the API does not know ``model`` (a typo, most often)."""
    close = difflib.get_close_matches(model, [*PROFILES, *ALIASES], n=1, cutoff=0.75)
    hint = f"Did you mean `{close[0]}`? " if close else ""
    return (
        f"The Anthropic API does not know the model `{model}`. {hint}"
        f"Set the `model` input to a current model: {', '.join(current_models())}."
    )


def highest_prices() -> Prices:
    """The dearest rates in the table: what an unknown model is priced at for the cost cap."""
    current = [p.prices for p in PROFILES.values()]
    return Prices(
        input=max(p.input * p.long_prompt_factor for p in current),
        output=max(p.output * p.long_prompt_factor for p in current),
        cache_write=max(p.cache_write * p.long_prompt_factor for p in current),
        cache_read=max(p.cache_read * p.long_prompt_factor for p in current),
    )


def conservative_profile(model: str) -> ModelProfile:
    """For a model nobody could describe: no sampling parameters, no thinking field, no effort,
    structured output, the highest prices in the table."""
    return ModelProfile(
        model,
        "unknown",
        max_output_tokens=64_000,
        context_window=200_000,
        prices=highest_prices(),
        sampling="none",
        thinks_when_omitted=True,
        thinking_types=frozenset(),
        thinking_off=None,
        forced_tool_choice=False,
        structured_output=True,
        efforts=(),
        chars_per_token=NEW_TOKENIZER_CHARS,
        min_cache_tokens=4096,
        notes=(
            f"`{model}` is not in Booty's model table and its capabilities could not be read: Booty sent no "
            "sampling, thinking or effort parameters.",
        ),
    )


def profile_from_capabilities(
    model: str, capabilities: dict[str, Any], max_output_tokens: int | None = None
) -> ModelProfile:
    """A profile for a model the table does not know, from what the Models API says it supports.

    ``capabilities`` is the ``capabilities`` object of ``GET /v1/models/{id}``: each feature an
    object with ``supported``, and the thinking and effort features list their types/levels.
    Prices are unknown, so the highest in the table apply to the cost cap.
    """
    thinking = _feature(capabilities, "thinking")
    types = frozenset(name for name, spec in (thinking.get("types") or {}).items() if _supported(spec))
    effort = _feature(capabilities, "effort")
    efforts = tuple(level for level in EFFORT_ORDER if _supported((effort or {}).get(level)))
    off = "disabled" if "disabled" in types else ("between_tools" if "between_tools" in types else None)
    structured = _supported(_feature(capabilities, "structured_outputs"))
    return ModelProfile(
        model,
        "unknown",
        max_output_tokens=max_output_tokens or 64_000,
        context_window=200_000,
        prices=highest_prices(),
        sampling="none",
        thinks_when_omitted=True,
        thinking_types=types,
        thinking_off=off,
        thinking_off_max_effort="high" if off else None,
        forced_tool_choice=False,
        structured_output=structured,
        efforts=efforts,
        chars_per_token=NEW_TOKENIZER_CHARS,
        min_cache_tokens=4096,
        notes=(
            f"`{model}` is not in Booty's model table: its request shape follows the capabilities the Models API "
            "reports, and no sampling parameters are sent.",
        ),
    )


def _feature(capabilities: dict[str, Any], name: str) -> dict[str, Any]:
    value = capabilities.get(name) if isinstance(capabilities, dict) else None
    return value if isinstance(value, dict) else {}


def _supported(spec: object) -> bool:
    return isinstance(spec, dict) and spec.get("supported") is True
