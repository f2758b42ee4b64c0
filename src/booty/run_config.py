"""What one run is configured with, made from the inputs and the model's setup in ONE place."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from booty.claude.choice import DEFAULT_MAX_OUTPUT_TOKENS, ModelSetup
from booty.claude.profiles import ModelProfile
from booty.settings import Inputs


@dataclass(frozen=True)
class RunConfig:
    profile: ModelProfile  # what every request is shaped from, prices included
    max_output_tokens: int = DEFAULT_MAX_OUTPUT_TOKENS
    model_notes: tuple[str, ...] = ()  # what the model's shape ignored or assumed (for the summary)
    max_files: int = 10
    restricted_paths: tuple[str, ...] = ()
    context_token_budget: int = 13_000
    max_retries: int = 3
    max_cost_usd: float = 2.0
    allowed_bots: tuple[str, ...] = ()
    base_branch: str | None = None
    draft: bool = False
    dry_run: bool = False  # also every run without GitHub: nothing is pushed
    test_command: str = ""
    test_timeout_s: int = 600
    default_token: bool = False  # an installation token: the built-in GITHUB_TOKEN or a GitHub App's
    check_actor: bool = True  # False for `booty run`: whoever runs it locally holds the token
    trigger_label: str = "agent"
    concurrency: int = 4
    editor_view: str = "whole"  # "regions": long files are shown as the parts the plan points at
    pr_template: str = ""  # the template to fill when the repository has several (path or file name)
    served_by: str = ""  # the provider, endpoint and pricing, for the PR (empty: the Claude API with a key)

    @property
    def model(self) -> str:
        return self.profile.id


_FROM_SETUP = {"profile", "max_output_tokens", "model_notes"}


def run_config(inputs: Inputs, setup: ModelSetup, **overrides: Any) -> RunConfig:
    """The run's config: every field named like an input is taken from ``inputs`` (lists become
    tuples), the model's fields from ``setup``, and ``overrides`` (the caller's own facts, such
    as ``default_token``) win."""
    taken: dict[str, Any] = {}
    for field in fields(RunConfig):
        if field.name in _FROM_SETUP or field.name in overrides or field.name not in Inputs.model_fields:
            continue
        value = getattr(inputs, field.name)
        taken[field.name] = tuple(value) if isinstance(value, list) else value
    return RunConfig(
        profile=setup.profile,
        max_output_tokens=setup.max_output_tokens,
        model_notes=setup.notes,
        **taken,
        **overrides,
    )
