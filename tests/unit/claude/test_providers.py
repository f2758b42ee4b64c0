"""Model ids per provider and the credential check, as pure functions (booty.claude.providers)."""

from __future__ import annotations

import pytest

from booty.claude.profiles import PROFILES, for_provider
from booty.claude.providers import Credentials, ModelId, credential_problem, provider_model
from booty.errors import ConfigError


@pytest.mark.parametrize(
    ("provider", "model", "expected"),
    [
        ("bedrock", "claude-sonnet-5-5", ModelId("claude-sonnet-5-5", "global.anthropic.claude-sonnet-5-5")),
        (
            "bedrock",
            "claude-haiku-4-5",
            ModelId("claude-haiku-4-5", "global.anthropic.claude-haiku-4-5-20251001-v1:0"),
        ),
        ("bedrock", "claude-opus-4-6", ModelId("claude-opus-4-6", "global.anthropic.claude-opus-4-6-v1")),
        (
            "bedrock",
            "us.anthropic.claude-sonnet-5-5",
            ModelId("claude-sonnet-5-5", "us.anthropic.claude-sonnet-5-5"),
        ),
        (
            "bedrock",
            "anthropic.claude-haiku-4-5-20251001-v1:0",
            ModelId("claude-haiku-4-5", "anthropic.claude-haiku-4-5-20251001-v1:0"),
        ),
        (
            "bedrock",
            "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/claude-opus-5-5",
            ModelId(
                "claude-opus-5-5",
                "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/claude-opus-5-5",
            ),
        ),
        ("vertex", "claude-sonnet-5-5", ModelId("claude-sonnet-5-5", "claude-sonnet-5-5")),
        ("vertex", "claude-haiku-4-5", ModelId("claude-haiku-4-5", "claude-haiku-4-5@20251001")),
        ("vertex", "claude-opus-4-5@20251101", ModelId("claude-opus-4-5", "claude-opus-4-5@20251101")),
        ("anthropic", "claude-sonnet-5-5", ModelId("claude-sonnet-5-5", "claude-sonnet-5-5")),
    ],
)
def test_model_ids_per_provider(provider, model, expected):
    assert provider_model(provider, model) == expected


@pytest.mark.parametrize(
    ("provider", "model", "said"),
    [
        ("bedrock", "claude-sonnet-5-5@20260101", "Google Vertex AI"),
        ("bedrock", "xx.anthropic.claude-sonnet-5-5", "prefix `xx.`"),
        ("bedrock", "sonnet", "inference profile"),
        ("vertex", "us.anthropic.claude-sonnet-5-5", "Amazon Bedrock"),
        ("vertex", "claude-sonnet-5-5@2026", "claude-haiku-4-5@20251001"),
        ("anthropic", "anthropic.claude-sonnet-5-5", "provider: bedrock"),
        ("anthropic", "claude-haiku-4-5@20251001", "provider: vertex"),
    ],
)
def test_a_malformed_id_is_refused_naming_the_expected_form(provider, model, said):
    with pytest.raises(ConfigError) as err:
        provider_model(provider, model)
    assert said in str(err.value) and "Set the `model` input" in str(err.value)


def test_bedrock_profiles_lose_native_structured_output_where_bedrock_lacks_it():
    assert not for_provider(PROFILES["claude-sonnet-5-5"], "bedrock").structured_output
    assert for_provider(PROFILES["claude-opus-5-5"], "bedrock").structured_output
    assert for_provider(PROFILES["claude-sonnet-5-5"], "vertex").structured_output


AWS = Credentials(aws_region="us-east-1", aws_access_key_id=True, aws_secret_access_key=True)
GOOGLE = Credentials(
    google_credentials_file="/x.json",
    google_credentials_found=True,
    vertex_project="p",
    vertex_region="global",
)


@pytest.mark.parametrize(
    ("provider", "found", "said"),
    [
        ("anthropic", Credentials(), "anthropic_api_key"),
        ("anthropic", AWS, "provider: bedrock"),
        ("bedrock", Credentials(aws_access_key_id=True, aws_secret_access_key=True), "AWS_REGION"),
        ("bedrock", Credentials(aws_region="us-east-1"), "AWS_ACCESS_KEY_ID"),
        ("bedrock", Credentials(aws_region="us-east-1", aws_access_key_id=True), "AWS_SECRET_ACCESS_KEY"),
        (
            "bedrock",
            Credentials(anthropic_api_key=True, aws_region="us-east-1", aws_bearer_token=True),
            "provider: anthropic",
        ),
        ("bedrock", Credentials(**{**AWS.__dict__, "google_credentials_file": "/x.json"}), "two providers"),
        ("vertex", Credentials(), "GOOGLE_APPLICATION_CREDENTIALS"),
        ("vertex", Credentials(google_credentials_file="/nope.json"), "does not exist"),
        ("vertex", Credentials(**{**GOOGLE.__dict__, "vertex_project": ""}), "ANTHROPIC_VERTEX_PROJECT_ID"),
        ("vertex", Credentials(**{**GOOGLE.__dict__, "vertex_region": ""}), "CLOUD_ML_REGION"),
        ("foundry", Credentials(), "ANTHROPIC_FOUNDRY_API_KEY"),
        ("foundry", Credentials(foundry_api_key=True), "ANTHROPIC_FOUNDRY_RESOURCE"),
        ("foundry", Credentials(), "AZURE_CLIENT_ID and AZURE_TENANT_ID"),
        ("foundry", Credentials(azure_client_id=True), "AZURE_TENANT_ID is not set"),
        ("foundry", Credentials(azure_tenant_id=True), "AZURE_CLIENT_ID is not set"),
        ("foundry", Credentials(azure_client_id=True, azure_tenant_id=True), "id-token: write"),
        (
            "foundry",
            Credentials(azure_client_id=True, azure_tenant_id=True, github_oidc=True),
            "ANTHROPIC_FOUNDRY_RESOURCE",
        ),
    ],
)
def test_credential_problems_name_what_to_set(provider, found, said):
    problem = credential_problem(provider, found)
    assert problem is not None and said in problem


@pytest.mark.parametrize(
    ("provider", "found"),
    [
        ("anthropic", Credentials(anthropic_api_key=True)),
        ("bedrock", AWS),
        ("bedrock", Credentials(aws_region="eu-west-1", aws_bearer_token=True)),
        ("vertex", GOOGLE),
        ("foundry", Credentials(foundry_api_key=True, foundry_resource=True)),
        (
            "foundry",
            Credentials(azure_client_id=True, azure_tenant_id=True, github_oidc=True, foundry_resource=True),
        ),
    ],
)
def test_complete_credentials_pass(provider, found):
    assert credential_problem(provider, found) is None
