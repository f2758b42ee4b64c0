"""Inputs and runner variables, parsed once, typed, at the edge. Nothing else reads os.environ.

Action inputs arrive as empty strings when unset; ``env_ignore_empty`` turns those into defaults.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from booty.claude.profiles import DEFAULT_MODEL
from booty.claude.providers import Provider

Effort = Literal["low", "medium", "high", "xhigh", "max"]


def _split_list(value: Any) -> Any:
    if isinstance(value, str):
        return [item.strip() for item in re.split(r"[,\n]", value) if item.strip()]
    return value


class Inputs(BaseSettings):
    """The action's inputs (action.yml maps each to BOOTY_<NAME>)."""

    model_config = SettingsConfigDict(env_prefix="BOOTY_", extra="ignore", env_ignore_empty=True)

    github_token: SecretStr | None = None
    anthropic_api_key: SecretStr | None = None
    # Where Claude is served: the Claude API (an API key), Amazon Bedrock, Google Vertex AI or
    # Microsoft Foundry (their credentials come from the runner's environment: see ``CloudEnv``).
    provider: Provider = "anthropic"
    model: str = DEFAULT_MODEL
    trigger_label: str = "agent"
    issue_number: int | None = None
    base_branch: str | None = None
    max_files: int = Field(10, ge=1, le=100)
    restricted_paths: Annotated[list[str], NoDecode] = Field(default_factory=list)
    context_token_budget: int = Field(13_000, ge=1_000, le=150_000)
    max_output_tokens: int | None = Field(None, ge=256, le=128_000)  # None: Booty's choice per model
    max_retries: int = Field(3, ge=0, le=10)
    temperature: float | None = Field(None, ge=0.0, le=1.0)  # None: the model's own default (not sent)
    effort: Effort | None = None  # None: Booty's choice per model and call
    max_cost_usd: float = Field(2.0, gt=0)
    # JSON {"model": [input, output] or [input, output, cache write, cache read]} in $/Mtok,
    # overriding the profile table's prices
    model_prices: dict[str, list[Annotated[float, Field(ge=0)]]] = Field(default_factory=dict)
    allowed_bots: Annotated[list[str], NoDecode] = Field(default_factory=list)
    draft: bool = False
    test_command: str = ""
    test_timeout_s: int = Field(600, ge=1)
    dry_run: bool = False
    pr_template: str = (
        ""  # which pull request template to fill: a path or a file name in a PULL_REQUEST_TEMPLATE/ folder
    )
    max_followups: int = Field(5, ge=0, le=100)  # review rounds Booty answers per pull request
    resolve_threads: bool = False  # resolve the review threads a pushed revision answered `fixed`
    # What the action does: `run` works on one issue; `sweep-plan` lists the issues a backlog
    # sweep should run, with their estimated costs, and writes nothing (booty-sweep.yml's select job).
    command: Literal["run", "sweep-plan"] = "run"
    max_issues: int = Field(
        10, ge=1, le=256
    )  # sweep-plan: at most this many issues (a matrix holds 256 jobs)
    max_total_cost_usd: float = Field(10.0, gt=0)  # sweep-plan: the sweep's budget over all its issues
    # Not an action input: how an editor call shows a long file answered with SEARCH/REPLACE
    # blocks -- "whole", or "regions" (the definitions the plan names, the imports and the outline;
    # see booty.edit.regions). Measured with bench/oracle.py --editor-view (README, "Long files").
    editor_view: Literal["whole", "regions"] = "whole"
    # Not an action input: GitHub asks clients to space requests out; tests against the fake turn it off.
    github_throttle: bool = True
    # Not action inputs: the bounds of each Claude call (requests per call, first backoff, seconds
    # without a byte). The defaults suit the real API; tests and bench/soak.py shrink them.
    llm_attempts: int = Field(3, ge=1, le=10)
    llm_backoff_s: float = Field(2.0, ge=0, le=60)
    llm_timeout_s: float = Field(300, gt=0, le=600)

    _split = field_validator("restricted_paths", "allowed_bots", mode="before")(_split_list)

    @field_validator("model_prices")
    @classmethod
    def _two_or_four_prices(cls, value: dict[str, list[float]]) -> dict[str, list[float]]:
        for model, numbers in value.items():
            if len(numbers) not in (2, 4):
                raise ValueError(
                    f"{model!r} needs [input, output] or [input, output, cache_write, cache_read] in $/Mtok, "
                    f"not {len(numbers)} number(s)"
                )
        return value


class CloudEnv(BaseSettings):
    """The cloud providers' own variables, as the standard login actions export them
    (aws-actions/configure-aws-credentials, google-github-actions/auth) or a workflow sets them.
    The SDK's base-URL variables (``ANTHROPIC_BEDROCK_BASE_URL``, ``ANTHROPIC_VERTEX_BASE_URL``,
    ``ANTHROPIC_FOUNDRY_BASE_URL``) are read here too, and passed to its clients explicitly."""

    model_config = SettingsConfigDict(extra="ignore", env_ignore_empty=True)

    aws_region: str = ""
    aws_default_region: str = ""
    aws_access_key_id: SecretStr | None = None
    aws_secret_access_key: SecretStr | None = None
    aws_session_token: SecretStr | None = None
    aws_profile: str = ""
    aws_bearer_token_bedrock: SecretStr | None = None
    anthropic_bedrock_base_url: str | None = None
    google_application_credentials: str = ""
    anthropic_vertex_project_id: str = ""
    google_cloud_project: str = ""
    cloud_ml_region: str = ""
    anthropic_vertex_base_url: str | None = None
    anthropic_foundry_api_key: SecretStr | None = None
    anthropic_foundry_resource: str = ""
    anthropic_foundry_base_url: str | None = None
    # Foundry with Microsoft Entra ID: the app registration (its federated credential trusts this
    # repository's GitHub OIDC token) and its tenant; AZURE_AUTHORITY_HOST is read by azure-identity.
    azure_client_id: str = ""
    azure_tenant_id: str = ""
    azure_federation_audience: str = "api://AzureADTokenExchange"
    # Anthropic workload identity federation (provider anthropic without a key): the SDK's own
    # variables, with GitHub's OIDC token from the runner's request variables (``id-token: write``)
    # unless ANTHROPIC_IDENTITY_TOKEN_FILE names a token file.
    anthropic_federation_rule_id: str = ""
    anthropic_organization_id: str = ""
    anthropic_service_account_id: str = ""
    anthropic_workspace_id: str = ""
    anthropic_identity_token_file: str = ""
    anthropic_federation_audience: str = "https://api.anthropic.com"
    actions_id_token_request_url: str = ""
    actions_id_token_request_token: SecretStr | None = None

    def secrets(self) -> list[str]:
        """The values to mask in the log."""
        found = (
            self.aws_access_key_id,
            self.aws_secret_access_key,
            self.aws_session_token,
            self.aws_bearer_token_bedrock,
            self.anthropic_foundry_api_key,
            self.actions_id_token_request_token,
        )
        return [s.get_secret_value() for s in found if s is not None]


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
