"""The parameters of one Messages API request, decided from the model's profile.

Booty turns thinking off wherever the model allows it; where it cannot, it asks for the lowest
effort that suits the call (the plan may think a little more than an edit). A maintainer's
``effort`` replaces Booty's choice; a ``temperature`` is sent only to a model that takes it, and
only while thinking is off there. Whatever is left out is said in ``Shape.notes``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from booty.claude.profiles import ModelProfile

Purpose = Literal["plan", "edit"]
# Booty's effort where thinking cannot be turned off (and a maintainer asked for none).
THINKING_EFFORT: dict[str, str] = {"plan": "medium", "edit": "low"}


@dataclass(frozen=True)
class Choices:
    """What the maintainer asked for (None: Booty decides)."""

    temperature: float | None = None
    effort: str | None = None


@dataclass(frozen=True)
class Shape:
    """Request fields besides model, system, messages and max_tokens (count_tokens takes them too)."""

    thinking: dict[str, Any] | None
    effort: str | None
    temperature: float | None
    notes: tuple[str, ...] = ()

    def fields(self, *, schema: dict[str, Any] | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.thinking is not None:
            out["thinking"] = self.thinking
        config: dict[str, Any] = {}
        if self.effort is not None:
            config["effort"] = self.effort
        if schema is not None:
            config["format"] = {"type": "json_schema", "schema": schema}
        if config:
            out["output_config"] = config
        if self.temperature is not None:
            out["temperature"] = self.temperature
        return out


def shape(profile: ModelProfile, purpose: Purpose, choices: Choices = Choices()) -> Shape:
    """The thinking, effort and sampling fields for one call of ``purpose`` on ``profile``."""
    notes: list[str] = []
    asked = choices.effort
    if asked is not None and not profile.takes_effort(asked):
        takes = ", ".join(profile.efforts) or "none"
        notes.append(f"effort `{asked}` was not sent: {profile.id} accepts {takes}.")
        asked = None

    if profile.can_turn_thinking_off(asked):
        thinking: dict[str, Any] | None = {"type": profile.thinking_off}
        effort = asked
    elif "adaptive" in profile.thinking_types:
        thinking = {"type": "adaptive"}
        effort = asked or _lowest_sensible(profile, purpose)
    else:  # a model we know nothing about: leave thinking to it, and parse around it
        thinking, effort = None, asked

    temperature = choices.temperature
    thinks = (thinking is None and profile.thinks_when_omitted) or (thinking or {}).get("type") in (
        "adaptive",
        "enabled",
    )
    if temperature is not None:
        reason = _why_not_temperature(profile, temperature, thinks)
        if reason:
            notes.append(f"temperature {temperature:g} was not sent: {reason}")
            temperature = None
    return Shape(thinking=thinking, effort=effort, temperature=temperature, notes=tuple(notes))


def _lowest_sensible(profile: ModelProfile, purpose: Purpose) -> str | None:
    wanted = THINKING_EFFORT[purpose]
    if profile.takes_effort(wanted):
        return wanted
    return profile.efforts[0] if profile.efforts else None


def _why_not_temperature(profile: ModelProfile, temperature: float, thinks: bool) -> str:
    if profile.sampling == "none":
        return f"{profile.id} accepts no sampling parameters (the API answers 400)."
    if profile.sampling == "defaults_only" and temperature != 1:
        return f"{profile.id} accepts only its default temperature (1)."
    if thinks and temperature != 1:
        return (
            f"{profile.id} thinks on this call, and a temperature other than 1 may not be set while it does."
        )
    return ""
