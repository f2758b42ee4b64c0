"""Inputs and runner variables, parsed once, typed, at the edge. Nothing else reads os.environ.

Action inputs arrive as empty strings when unset; ``env_ignore_empty`` turns those into defaults.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_MODEL = "claude-sonnet-5"


def _split_list(value: Any) -> Any:
    if isinstance(value, str):
        return [item.strip() for item in re.split(r"[,\n]", value) if item.strip()]
    return value


class Inputs(BaseSettings):
    """The action's inputs (action.yml maps each to BOOTY_<NAME>)."""

    model_config = SettingsConfigDict(env_prefix="BOOTY_", extra="ignore", env_ignore_empty=True)

    github_token: SecretStr | None = None
    anthropic_api_key: SecretStr | None = None
    model: str = DEFAULT_MODEL
    trigger_label: str = "agent"
    issue_number: int | None = None
    base_branch: str | None = None
    max_files: int = Field(10, ge=1, le=100)
    restricted_paths: Annotated[list[str], NoDecode] = Field(default_factory=list)
    context_token_budget: int = Field(13_000, ge=1_000, le=150_000)
    max_output_tokens: int = Field(16_000, ge=256, le=64_000)
    max_retries: int = Field(3, ge=0, le=10)
    temperature: float = Field(0.0, ge=0.0, le=1.0)
    max_cost_usd: float = Field(2.0, gt=0)
    # JSON {"model": [input $/Mtok, output $/Mtok]} overriding or extending the built-in price table
    model_prices: dict[str, tuple[float, float]] = Field(default_factory=dict)
    allowed_bots: Annotated[list[str], NoDecode] = Field(default_factory=list)
    draft: bool = False
    test_command: str = ""
    test_timeout_s: int = Field(600, ge=1)
    dry_run: bool = False
    # Not an action input: GitHub asks clients to space requests out; tests against the fake turn it off.
    github_throttle: bool = True
    # Not action inputs: the bounds of each Claude call (requests per call, first backoff, seconds
    # without a byte). The defaults suit the real API; tests and bench/soak.py shrink them.
    llm_attempts: int = Field(3, ge=1, le=10)
    llm_backoff_s: float = Field(2.0, ge=0, le=60)
    llm_timeout_s: float = Field(300, gt=0, le=600)

    _split = field_validator("restricted_paths", "allowed_bots", mode="before")(_split_list)


class Runner(BaseSettings):
    """Variables the GitHub Actions runner sets."""

    model_config = SettingsConfigDict(extra="ignore", env_ignore_empty=True)

    github_event_name: str = ""
    github_event_path: Path | None = None
    github_repository: str = ""
    github_workspace: Path = Path(".")
    github_api_url: str = "https://api.github.com"
    github_server_url: str = "https://github.com"
    github_run_id: str = ""
    github_actor: str = ""
    github_output: Path | None = None
    github_step_summary: Path | None = None
    anthropic_base_url: str | None = None

    @property
    def run_url(self) -> str:
        if not (self.github_repository and self.github_run_id):
            return ""
        return f"{self.github_server_url}/{self.github_repository}/actions/runs/{self.github_run_id}"
