"""What the Messages API refuses, per model: ``check_request(body, endpoint)`` gives the exact error.

Pure. The rules and messages are those of ``shared/claude-api.md`` (2026-12-01); where it gives no
wording, the API's own messages as its users reported them (see the report on this module's
branch). ``endpoint`` is ``"messages"`` (``POST /v1/messages``) or ``"count_tokens"``
(``POST /v1/messages/count_tokens``, which takes no generation parameters and ignores prefill).
A refusal is a ``Fault.http`` (400 ``invalid_request_error``, or 404 ``not_found_error`` with
``model: <id>`` for a retired or unknown model); the server adds the ``request_id``.
"""

from __future__ import annotations

from typing import Any, Literal

from booty.demo.accounting import count_breakpoints, estimate_input_tokens
from booty.demo.api_schema import complexity_error, format_error, strict_schemas
from booty.demo.model_table import EFFORT_ORDER, ModelRules, effort_of, forces_tool, lookup
from booty.demo.replies import Fault

Endpoint = Literal["messages", "count_tokens"]

MAX_BREAKPOINTS = 4
# The body fields each endpoint takes: what anthropic 2.15 writes into the request body (its
# ``user_profile_id`` and ``workspace_id`` parameters travel as the ``anthropic-user-profile-id`` and
# ``anthropic-workspace-id`` headers), and on ``/v1/messages`` the sampling fields, which the SDK dropped
# from its signatures in 1.0 (they now come through ``extra_body``) while the API still judges them per model.
_COUNT_FIELDS = frozenset(
    {
        "cache_control",
        "messages",
        "model",
        "output_config",
        "speed",
        "system",
        "thinking",
        "tool_choice",
        "tools",
    }
)
SAMPLING_FIELDS = frozenset({"temperature", "top_k", "top_p"})
_MESSAGE_FIELDS = (
    _COUNT_FIELDS
    | SAMPLING_FIELDS
    | {
        "container",
        "diagnostics",
        "inference_geo",
        "max_tokens",
        "metadata",
        "service_tier",
        "stop_sequences",
        "stream",
    }
)
_SPEEDS = ("standard", "fast")
_DIAGNOSTICS_FIELDS = frozenset({"previous_message_id"})
_THINKING_TAGS = ("adaptive", "between_tools", "disabled", "enabled")
_THINKING_FIELDS = {
    "adaptive": {"type", "display"},
    "enabled": {"type", "budget_tokens", "display"},
    "disabled": {"type"},
    "between_tools": {"type"},
}

ENABLED_REFUSED = (
    '"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" and '
    '"output_config.effort" to control thinking behavior.'
)
ADAPTIVE_REFUSED = "adaptive thinking is not supported on this model"
BETWEEN_TOOLS_REFUSED = '"thinking.type.between_tools" is not supported for this model.'
FORCED_TOOL_REFUSED = 'tool_choice: type "tool" and "any" are not supported for this model.'
FORCED_TOOL_WITH_THINKING = "Thinking may not be enabled when tool_choice forces tool use."
PREFILL_REFUSED = (
    "This model does not support assistant message prefill. The conversation must end with a user message."
)
EFFORT_REFUSED = "This model does not support the effort parameter."
TEMPERATURE_AND_TOP_P = (
    "`temperature` and `top_p` cannot both be specified for this model. Please use only one."
)
TEMPERATURE_WITH_THINKING = "`temperature` may only be set to 1 when thinking is enabled or in adaptive mode"
BUDGET_ABOVE_MAX_TOKENS = "`max_tokens` must be greater than `thinking.budget_tokens`."


def check_request(body: dict[str, Any], endpoint: Endpoint = "messages") -> Fault | None:
    """The error the real API answers this request with, or None when it would accept it."""
    message = _shape_error(body, endpoint)
    if message:
        return _bad(message)
    rules = lookup(body["model"])
    if rules is None:
        return Fault.http(404, "not_found_error", f"model: {body['model']}")
    message = _model_error(rules, body, endpoint)
    return _bad(message) if message else None


def _bad(message: str) -> Fault:
    return Fault.http(400, "invalid_request_error", message)


def _shape_error(body: dict[str, Any], endpoint: Endpoint) -> str | None:
    """Errors of the request's shape, the same for every model (the API checks these first)."""
    allowed = _MESSAGE_FIELDS if endpoint == "messages" else _COUNT_FIELDS
    for name in body:
        if name not in allowed:
            return f"{name}: Extra inputs are not permitted"
    required = ("model", "messages", "max_tokens") if endpoint == "messages" else ("model", "messages")
    for name in required:
        if name not in body:
            return f"{name}: Field required"
    if endpoint == "messages" and (not isinstance(body["max_tokens"], int) or body["max_tokens"] < 1):
        return "max_tokens: Input should be greater than or equal to 1"
    thinking = body.get("thinking")
    if thinking is not None:
        kind = thinking.get("type") if isinstance(thinking, dict) else None
        if kind not in _THINKING_TAGS:
            tags = ", ".join(f"'{tag}'" for tag in _THINKING_TAGS)
            return f"thinking: Input tag '{kind}' found using 'type' does not match any of the expected tags: {tags}"
        for name in thinking:
            if name not in _THINKING_FIELDS[kind]:
                return f"thinking.{kind}.{name}: Extra inputs are not permitted"
        if thinking.get("display", "omitted") not in ("summarized", "omitted"):
            return f"thinking.{kind}.display: Input should be 'summarized' or 'omitted'"
    effort = (body.get("output_config") or {}).get("effort")
    if effort is not None and effort not in EFFORT_ORDER:
        return "output_config.effort: Input should be 'low', 'medium', 'high', 'xhigh' or 'max'"
    if body.get("speed") is not None and body["speed"] not in _SPEEDS:
        return "speed: Input should be 'standard' or 'fast'"
    return _diagnostics_error(body.get("diagnostics"))


def _diagnostics_error(diagnostics: Any) -> str | None:
    if diagnostics is None:
        return None
    if not isinstance(diagnostics, dict):
        return "diagnostics: Input should be a valid dictionary"
    for name in diagnostics:
        if name not in _DIAGNOSTICS_FIELDS:
            return f"diagnostics.{name}: Extra inputs are not permitted"
    previous = diagnostics.get("previous_message_id")
    if previous is not None and not isinstance(previous, str):
        return "diagnostics.previous_message_id: Input should be a valid string"
    return None


def _model_error(rules: ModelRules, body: dict[str, Any], endpoint: Endpoint) -> str | None:
    if endpoint == "messages":
        for check in (_max_tokens_error, _sampling_error):
            message = check(rules, body)
            if message:
                return message
    for check in (_thinking_error, _effort_error, _tool_choice_error):
        message = check(rules, body)
        if message:
            return message
    messages = body.get("messages") or []
    if endpoint == "messages" and messages and messages[-1].get("role") == "assistant" and not rules.prefill:
        return PREFILL_REFUSED
    output_format = (body.get("output_config") or {}).get("format")
    message = format_error(output_format) if output_format is not None else None
    message = message or complexity_error(strict_schemas(body))
    if message:
        return message
    found = count_breakpoints(body)
    if found > MAX_BREAKPOINTS:
        return f"A maximum of {MAX_BREAKPOINTS} blocks with cache_control may be provided. Found {found}."
    tokens = estimate_input_tokens(body)
    if tokens > rules.context_window:
        return f"prompt is too long: {tokens} tokens > {rules.context_window} maximum"
    return None


def _max_tokens_error(rules: ModelRules, body: dict[str, Any]) -> str | None:
    if body["max_tokens"] > rules.max_output:
        return (
            f"max_tokens: {body['max_tokens']} > {rules.max_output}, which is the maximum allowed number of "
            f"output tokens for {rules.id}"
        )
    return None


def _sampling_error(rules: ModelRules, body: dict[str, Any]) -> str | None:
    temperature, top_p, top_k = body.get("temperature"), body.get("top_p"), body.get("top_k")
    if rules.sampling == "classic":
        if temperature is not None and top_p is not None:
            return TEMPERATURE_AND_TOP_P
        thinking_on = (body.get("thinking") or {}).get("type") in ("enabled", "adaptive")
        if thinking_on and temperature is not None and temperature != 1:
            return TEMPERATURE_WITH_THINKING
        return None
    default_top_p = 0.99 if rules.sampling == "defaults_only" else None
    if temperature is not None and temperature != 1:
        return "`temperature` is deprecated for this model."
    if top_p is not None and top_p != default_top_p:
        return "`top_p` is deprecated for this model."
    if top_k is not None:
        return "`top_k` is deprecated for this model."
    return None


def _thinking_error(rules: ModelRules, body: dict[str, Any]) -> str | None:
    thinking = body.get("thinking") or {}
    kind = thinking.get("type")
    if kind is not None and kind not in rules.thinking_types:
        return {
            "enabled": ENABLED_REFUSED,
            "adaptive": ADAPTIVE_REFUSED,
            "between_tools": BETWEEN_TOOLS_REFUSED,
            "disabled": rules.disabled_message,
        }[kind] or f'"thinking.type.{kind}" is not supported for this model.'
    if kind == "enabled":
        budget = thinking.get("budget_tokens")
        if budget is None:
            return "thinking.enabled.budget_tokens: Field required"
        if budget < 1024:
            return "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024"
        if "max_tokens" in body and body["max_tokens"] <= budget:
            return BUDGET_ABOVE_MAX_TOKENS
    effort = effort_of(rules, body)
    thinking_off = kind in ("disabled", "between_tools") or (kind is None and not rules.thinks_by_default)
    if rules.off_only_up_to_high and thinking_off and effort in ("xhigh", "max"):
        return (
            f"output_config.effort '{effort}' is not supported when thinking is disabled on this model. "
            "Use effort 'high' or below, or enable thinking."
        )
    return None


def _effort_error(rules: ModelRules, body: dict[str, Any]) -> str | None:
    effort = (body.get("output_config") or {}).get("effort")
    if effort is None:
        return None
    if not rules.efforts:
        return EFFORT_REFUSED
    if effort not in rules.efforts:
        return f"This model does not support effort level '{effort}'. Supported levels: {', '.join(sorted(rules.efforts))}."
    return None


def _tool_choice_error(rules: ModelRules, body: dict[str, Any]) -> str | None:
    if not forces_tool(body):
        return None
    if not rules.forced_tool:
        return FORCED_TOOL_REFUSED
    if (body.get("thinking") or {}).get("type") == "enabled":
        return FORCED_TOOL_WITH_THINKING
    return None
