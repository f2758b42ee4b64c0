"""Where Claude is served (``provider``), each provider's model ids, and what a provider needs to
start, as data and pure functions: no environment, no files, no network.

Booty's model names are the Claude API's ids (``claude-sonnet-5-5``). On Amazon Bedrock a model is
called by a Bedrock id (``anthropic.claude-sonnet-5-5``) or, for the current models, through a
cross-region inference profile (``global.anthropic.claude-sonnet-5-5``, ``us.…``, ``eu.…``); on
Google Vertex AI by a Vertex id (``claude-sonnet-5-5``, ``claude-haiku-4-5@20251001`` for the
dated ones). The ``model`` input takes either Booty's name (mapped here) or the provider's id
verbatim; an id of the wrong form stops the run before any repository work (``ConfigError``).

The ids of the 4.6 generation and later follow the providers' dateless pattern (checked against
published catalogues for the 4.x and 5.0 ids; the 5.1/5.5 ids follow the same pattern, unverified
against the live services).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from booty.errors import ConfigError

Provider = Literal["anthropic", "bedrock", "vertex", "foundry"]
PROVIDERS: tuple[Provider, ...] = ("anthropic", "bedrock", "vertex", "foundry")
NAMES: dict[Provider, str] = {
    "anthropic": "the Claude API",
    "bedrock": "Amazon Bedrock",
    "vertex": "Google Vertex AI",
    "foundry": "Microsoft Foundry",
}

# Booty's name -> Bedrock's base id (without an inference-profile prefix); absent: ``anthropic.<name>``.
_BEDROCK: dict[str, str] = {
    "claude-haiku-4-5": "anthropic.claude-haiku-4-5-20251001-v1:0",
    "claude-opus-4-5": "anthropic.claude-opus-4-5-20251101-v1:0",
    "claude-opus-4-6": "anthropic.claude-opus-4-6-v1",
}
# Booty's name -> Vertex's id; absent: the name itself (dateless from the 4.6 generation on).
_VERTEX: dict[str, str] = {
    "claude-haiku-4-5": "claude-haiku-4-5@20251001",
    "claude-opus-4-5": "claude-opus-4-5@20251101",
}
# Bedrock's cross-region inference profiles: the geography prefixes it offers.
BEDROCK_PREFIXES = ("global", "us", "eu", "apac", "jp", "au", "ca", "us-gov")
DEFAULT_BEDROCK_PREFIX = "global"  # offered in every commercial region for the current models

_BEDROCK_ID = re.compile(
    r"(?:(?P<prefix>[a-z-]+)\.)?anthropic\.(?P<name>claude-[a-z0-9-]+?)(?:-(?P<date>\d{8}))?(?:-v\d+(?::\d+)?)?"
)
_BEDROCK_ARN = re.compile(
    r"arn:aws(?:-[a-z]+)*:bedrock:[a-z0-9-]+:\d{12}:"
    r"(?:inference-profile|application-inference-profile|provisioned-model|custom-model)/\S+"
)
_VERTEX_ID = re.compile(r"(?P<name>claude-[a-z0-9-]+?)(?:@(?P<date>\d{8}))?")
_ANTHROPIC_ID = re.compile(r"claude-[a-z0-9-]+")

EXPECTED_FORM: dict[Provider, str] = {
    "anthropic": "a Claude API id such as `claude-sonnet-5-5`",
    "foundry": "a Claude API id such as `claude-sonnet-5-5` (your Foundry deployment's name)",
    "bedrock": (
        "Booty's model name (`claude-sonnet-5-5`), a Bedrock id such as `anthropic.claude-sonnet-5-5` or "
        "`anthropic.claude-haiku-4-5-20251001-v1:0`, an inference profile such as "
        "`global.anthropic.claude-sonnet-5-5` / `us.anthropic.claude-sonnet-5-5`, or an inference-profile ARN"
    ),
    "vertex": (
        "Booty's model name (`claude-sonnet-5-5`) or a Vertex id such as `claude-sonnet-5-5` or "
        "`claude-haiku-4-5@20251001`"
    ),
}


@dataclass(frozen=True)
class ModelId:
    """``name``: Booty's model name (the profile table's key, for shape and prices); ``wire``: what
    the provider is sent."""

    name: str
    wire: str


def provider_model(provider: Provider, model: str) -> ModelId:
    """Booty's name and the provider's id for the ``model`` input; ConfigError for a malformed id."""
    model = model.strip()
    if provider == "bedrock":
        return _bedrock(model)
    if provider == "vertex":
        return _vertex(model)
    if _ANTHROPIC_ID.fullmatch(model) is None or "@" in model:
        raise _malformed(provider, model)
    return ModelId(model, model)


def _bedrock(model: str) -> ModelId:
    if _BEDROCK_ARN.fullmatch(model):  # the profile behind an ARN is the account's: assume the default
        return ModelId(_arn_name(model), model)
    found = _BEDROCK_ID.fullmatch(model)
    if found is not None:
        prefix = found.group("prefix")
        if prefix is not None and prefix not in BEDROCK_PREFIXES:
            raise ConfigError(
                f"The model `{model}` has the inference-profile prefix `{prefix}.`, which Bedrock does not "
                f"offer (it offers {', '.join(p + '.' for p in BEDROCK_PREFIXES)}). "
                f"Set the `model` input to {EXPECTED_FORM['bedrock']}."
            )
        return ModelId(_base_name(found.group("name")), model)
    if _ANTHROPIC_ID.fullmatch(model):
        base = _BEDROCK.get(model, f"anthropic.{model}")
        return ModelId(model, f"{DEFAULT_BEDROCK_PREFIX}.{base}")
    raise _malformed("bedrock", model)


def _vertex(model: str) -> ModelId:
    found = _VERTEX_ID.fullmatch(model)
    if found is None:
        raise _malformed("vertex", model)
    name = found.group("name")
    if found.group("date") is None and model in _VERTEX:
        return ModelId(model, _VERTEX[model])
    return ModelId(_base_name(name), model)


def _base_name(name: str) -> str:
    """``claude-haiku-4-5`` for the dated names a provider id carries."""
    return re.sub(r"-\d{8}$", "", name)


def _arn_name(arn: str) -> str:
    found = re.search(r"(claude-[a-z0-9-]+?)(?:-\d{8})?(?:-v\d+(?::\d+)?)?$", arn)
    return found.group(1) if found else arn


def _malformed(provider: Provider, model: str) -> ConfigError:
    clouds: tuple[Provider, ...] = ("bedrock", "vertex")
    other = [p for p in clouds if p != provider and _looks_like(p, model)]
    hint = (
        f" `{model}` looks like an id of {NAMES[other[0]]}; set `provider: {other[0]}` or change the model."
        if other
        else ""
    )
    return ConfigError(
        f"The model `{model}` is not a model id {NAMES[provider]} takes.{hint} "
        f"Set the `model` input to {EXPECTED_FORM[provider]}."
    )


def _looks_like(provider: str, model: str) -> bool:
    if provider == "bedrock":
        return bool(_BEDROCK_ID.fullmatch(model) or _BEDROCK_ARN.fullmatch(model))
    return "@" in model and bool(_VERTEX_ID.fullmatch(model))


# ---------------------------------------------------------------- credentials, before any repository work


@dataclass(frozen=True)
class Credentials:
    """Which credential variables are set (never their values), as the runner's environment has them."""

    anthropic_api_key: bool = False
    anthropic_federation: bool = (
        False  # ANTHROPIC_FEDERATION_RULE_ID etc. with the GitHub OIDC request variables
    )
    aws_region: str = ""
    aws_access_key_id: bool = False
    aws_secret_access_key: bool = False
    aws_profile: bool = False
    aws_bearer_token: bool = False  # AWS_BEARER_TOKEN_BEDROCK (a Bedrock API key)
    google_credentials_file: str = ""  # GOOGLE_APPLICATION_CREDENTIALS as set
    google_credentials_found: bool = False  # that file exists (inside the container, after remapping)
    vertex_project: str = ""
    vertex_region: str = ""
    foundry_api_key: bool = False
    foundry_resource: bool = False  # ANTHROPIC_FOUNDRY_RESOURCE or ANTHROPIC_FOUNDRY_BASE_URL
    azure_client_id: bool = False  # AZURE_CLIENT_ID and AZURE_TENANT_ID (Microsoft Entra ID)
    azure_tenant_id: bool = False
    github_oidc: bool = False  # ACTIONS_ID_TOKEN_REQUEST_URL and _TOKEN (``permissions: id-token: write``)


def credential_problem(provider: Provider, c: Credentials) -> str | None:
    """What is missing or contradictory for ``provider``, naming what to set; None when it can start."""
    aws = c.aws_access_key_id or c.aws_secret_access_key or c.aws_bearer_token or c.aws_profile
    google = bool(c.google_credentials_file)
    foundry = c.foundry_api_key
    others: dict[Provider, bool] = {"bedrock": aws, "vertex": google, "foundry": foundry}
    mixed = [NAMES[p] for p, present in others.items() if present and p != provider]
    if provider == "anthropic":
        if not (c.anthropic_api_key or c.anthropic_federation):
            if mixed:
                return (
                    f"provider is `anthropic` (the default) but the credentials found are for {mixed[0]}: set "
                    f"`provider: {next(p for p, v in others.items() if v)}`, or pass "
                    "`anthropic_api_key: ${{ secrets.ANTHROPIC_API_KEY }}`."
                )
            return (
                "No Anthropic API key: set `anthropic_api_key: ${{ secrets.ANTHROPIC_API_KEY }}` (or configure "
                "workload identity federation, or choose another `provider`)."
            )
        return None
    if c.anthropic_api_key:
        return (
            f"`anthropic_api_key` is set together with `provider: {provider}`: {NAMES[provider]} does not take an "
            "Anthropic API key. Remove the `anthropic_api_key` input, or set `provider: anthropic`."
        )
    if len(mixed) > 0 and others[provider]:
        return (
            f"Credentials of two providers are set: {NAMES[provider]} (the `provider` input) and {mixed[0]}. "
            f"Keep only {NAMES[provider]}'s, so it is clear which account pays."
        )
    if provider == "bedrock":
        if not c.aws_region.strip():
            return (
                "No AWS region: set `aws-region` in aws-actions/configure-aws-credentials (it exports AWS_REGION), "
                "or AWS_REGION in the step's `env`."
            )
        if c.aws_bearer_token:
            return None
        if not (c.aws_access_key_id and c.aws_secret_access_key) and not c.aws_profile:
            missing = "AWS_SECRET_ACCESS_KEY" if c.aws_access_key_id else "AWS_ACCESS_KEY_ID"
            return (
                f"No AWS credentials ({missing} is not set): run aws-actions/configure-aws-credentials with "
                "`role-to-assume` before Booty's step (the job needs `permissions: id-token: write`), or set "
                "AWS_BEARER_TOKEN_BEDROCK to a Bedrock API key."
            )
        return None
    if provider == "vertex":
        if not c.google_credentials_file:
            return (
                "No Google credentials: GOOGLE_APPLICATION_CREDENTIALS is not set. Run google-github-actions/auth "
                "(with `workload_identity_provider` and `service_account`) before Booty's step; the job needs "
                "`permissions: id-token: write`."
            )
        if not c.google_credentials_found:
            return (
                f"GOOGLE_APPLICATION_CREDENTIALS names a file that does not exist: {c.google_credentials_file}. "
                "Run google-github-actions/auth after actions/checkout (a checkout removes the file) and with "
                "`create_credentials_file: true`, so that the file is in the workspace the container sees."
            )
        if not c.vertex_project.strip():
            return (
                "No Google Cloud project: set ANTHROPIC_VERTEX_PROJECT_ID in the step's `env` (or `project_id` in "
                "google-github-actions/auth, which exports GOOGLE_CLOUD_PROJECT)."
            )
        if not c.vertex_region.strip():
            return (
                "No Vertex AI region: set CLOUD_ML_REGION in the step's `env` (for example `global` or "
                "`us-east5`)."
            )
        return None
    if not c.foundry_api_key:
        if not (c.azure_client_id or c.azure_tenant_id):
            return (
                "No Foundry credentials: set AZURE_CLIENT_ID and AZURE_TENANT_ID in the step's `env` (Microsoft "
                "Entra ID with the job's OIDC token; the job needs `permissions: id-token: write`), or "
                "ANTHROPIC_FOUNDRY_API_KEY from a secret."
            )
        if not (c.azure_client_id and c.azure_tenant_id):
            missing = "AZURE_TENANT_ID" if c.azure_client_id else "AZURE_CLIENT_ID"
            return f"{missing} is not set: Microsoft Entra ID needs both AZURE_CLIENT_ID and AZURE_TENANT_ID."
        if not c.github_oidc:
            return (
                "No GitHub OIDC token for Microsoft Entra ID (ACTIONS_ID_TOKEN_REQUEST_URL is not set): give the job "
                "`permissions: id-token: write`."
            )
    if not c.foundry_resource:
        return (
            "No Foundry resource: set ANTHROPIC_FOUNDRY_RESOURCE (the resource name) or ANTHROPIC_FOUNDRY_BASE_URL "
            "in the step's `env`."
        )
    return None


@dataclass(frozen=True)
class Connection:
    """How to reach Claude: the provider and what its SDK client is built from (secrets included:
    never print one; ``secrets`` lists them for masking and scrubbing)."""

    provider: Provider = "anthropic"
    api_key: str = ""
    base_url: str | None = None  # the provider's endpoint (None: the SDK's default for the region)
    aws_region: str = ""
    aws_access_key: str | None = None
    aws_secret_key: str | None = None
    aws_session_token: str | None = None
    aws_profile: str | None = None
    aws_bearer_token: str | None = None
    google_credentials_file: str = ""  # the path as found inside the container
    vertex_project: str = ""
    vertex_region: str = ""
    foundry_resource: str = ""
    # Anthropic workload identity federation (no api_key): the SDK exchanges the identity token
    federation_rule_id: str = ""
    organization_id: str = ""
    service_account_id: str = ""
    workspace_id: str = ""
    identity_token_file: str = ""
    oidc_request_url: str = ""  # GitHub's ACTIONS_ID_TOKEN_REQUEST_URL
    oidc_request_token: str = ""
    oidc_audience: str = ""
    # Microsoft Foundry with Entra ID (no api_key): GitHub's OIDC token is the client assertion
    azure_client_id: str = ""
    azure_tenant_id: str = ""

    @property
    def entra(self) -> bool:
        return self.provider == "foundry" and not self.api_key and bool(self.azure_client_id)

    @property
    def federated(self) -> bool:
        return self.provider == "anthropic" and not self.api_key and bool(self.federation_rule_id)

    @property
    def secrets(self) -> tuple[str, ...]:
        found = (
            self.api_key,
            self.aws_access_key,
            self.aws_secret_key,
            self.aws_session_token,
            self.aws_bearer_token,
            self.oidc_request_token,
        )
        return tuple(s for s in found if s)

    @property
    def region(self) -> str:
        """The cloud region the calls go to (empty for the Claude API and Foundry)."""
        return self.aws_region if self.provider == "bedrock" else self.vertex_region

    @property
    def where(self) -> str:
        """The service, for messages (``Amazon Bedrock (eu-west-1)``)."""
        if self.provider == "bedrock":
            return f"Amazon Bedrock ({self.aws_region})"
        if self.provider == "vertex":
            return f"Google Vertex AI ({self.vertex_project}, {self.vertex_region})"
        if self.provider == "foundry":
            return f"Microsoft Foundry ({self.foundry_resource or self.base_url})"
        return self.base_url or "the Anthropic API"
