"""Bedrock's preflight lookup: which operation an id is looked up with, and each AWS error code
as a message naming what to change (pure mappings; the calls themselves are in
tests/integration/test_providers.py, against the fake's control plane)."""

from __future__ import annotations

import pytest

from booty.adapters.bedrock_check import lookup_kind, lookup_problem


@pytest.mark.parametrize(
    ("wire", "kind"),
    [
        ("global.anthropic.claude-sonnet-5-5", "inference-profile"),
        ("eu.anthropic.claude-sonnet-5-5", "inference-profile"),
        ("us-gov.anthropic.claude-sonnet-5-5", "inference-profile"),
        ("anthropic.claude-haiku-4-5-20251001-v1:0", "foundation-model"),
        ("arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/x", "inference-profile"),
        (
            "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-opus-5-5",
            "inference-profile",
        ),
        ("arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc", None),
    ],
)
def test_the_lookup_follows_the_id(wire, kind):
    assert lookup_kind(wire) == kind


@pytest.mark.parametrize(
    ("code", "needles"),
    [
        ("UnrecognizedClientException", ("AWS_ACCESS_KEY_ID", "AWS_BEARER_TOKEN_BEDROCK", "role-to-assume")),
        ("InvalidSignatureException", ("AWS_REGION",)),
        ("ExpiredTokenException", ("expired", "role-duration-seconds")),
        ("AccessDeniedException", ("bedrock:GetInferenceProfile", "bedrock:InvokeModel")),
        ("ResourceNotFoundException", ("AWS_REGION", "`global.`", "in eu-west-1")),
        ("ValidationException", ("`model` input",)),
        ("ThrottlingException", ("AWS_REGION",)),
    ],
)
def test_each_aws_error_names_what_to_change(code, needles):
    message = lookup_problem(
        code, "aws said so", "eu.anthropic.claude-sonnet-5-5", "eu-west-1", "inference-profile"
    )
    assert code in message and "aws said so" in message
    for needle in needles:
        assert needle in message, message
