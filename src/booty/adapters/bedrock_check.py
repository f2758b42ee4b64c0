"""Bedrock's preflight: one model lookup through boto3's ``bedrock`` control-plane client, before
any repository work. The anthropic SDK's Bedrock client counts no tokens ("Token counting is not
supported in Bedrock yet"), so Booty asks Bedrock about the model instead: ``GetInferenceProfile``
for an inference profile (``global.``/``us.``/``eu.``… ids and inference-profile ARNs),
``GetFoundationModel`` for an in-region model id. The answer proves the credentials (the request is
SigV4-signed by botocore, or carries ``AWS_BEARER_TOKEN_BEDROCK``), the region, and that the profile
or model exists there; it costs nothing. boto3 takes the same credentials as the SDK's client and
its own endpoint setting (``AWS_ENDPOINT_URL_BEDROCK``, which the tests point at the local fake).

Each AWS error code becomes a message naming what to change (``lookup_problem``); no credential
value is ever part of one.
"""

from __future__ import annotations

from typing import Any

from booty.claude.providers import BEDROCK_PREFIXES, Connection
from booty.errors import ConfigError

PERMISSIONS = "bedrock:GetInferenceProfile (bedrock:GetFoundationModel for an in-region id)"


def lookup_kind(wire: str) -> str | None:
    """``inference-profile``, ``foundation-model``, or None (a provisioned or custom model ARN,
    which has no cheap lookup: only its credentials are checked by the first real call)."""
    if wire.startswith("arn:"):
        return (
            "inference-profile"
            if ":inference-profile/" in wire or ":application-inference-profile/" in wire
            else None
        )
    if wire.split(".", 1)[0] in BEDROCK_PREFIXES:
        return "inference-profile"
    return "foundation-model"


def check_bedrock(connection: Connection, wire: str, *, timeout_s: float = 30) -> None:
    """The lookup for ``wire`` in ``connection``'s region; ConfigError naming what to change."""
    kind = lookup_kind(wire)
    if kind is None:
        return
    import boto3  # type: ignore[import-untyped]
    from botocore.config import Config  # type: ignore[import-untyped]
    from botocore.exceptions import BotoCoreError, ClientError  # type: ignore[import-untyped]

    session = boto3.Session(
        aws_access_key_id=None if connection.aws_bearer_token else connection.aws_access_key,
        aws_secret_access_key=None if connection.aws_bearer_token else connection.aws_secret_key,
        aws_session_token=None if connection.aws_bearer_token else connection.aws_session_token,
        profile_name=connection.aws_profile if not connection.aws_access_key else None,
        region_name=connection.aws_region,
    )
    config = Config(
        connect_timeout=min(timeout_s, 10.0),
        read_timeout=timeout_s,
        retries={"max_attempts": 2, "mode": "standard"},
    )
    client: Any = session.client("bedrock", config=config)
    try:
        if kind == "inference-profile":
            client.get_inference_profile(inferenceProfileIdentifier=wire)
        else:
            client.get_foundation_model(modelIdentifier=wire)
    except ClientError as err:
        error = err.response.get("Error", {})
        raise ConfigError(
            lookup_problem(
                str(error.get("Code", "")), str(error.get("Message", "")), wire, connection.aws_region, kind
            )
        ) from None
    except BotoCoreError as err:  # no credentials found, the endpoint unreachable, ...
        raise ConfigError(
            f"Amazon Bedrock could not be asked about `{wire}` in {connection.aws_region} ({type(err).__name__}). "
            "Check AWS_REGION and that aws-actions/configure-aws-credentials ran before Booty's step."
        ) from None


def lookup_problem(code: str, said: str, wire: str, region: str, kind: str) -> str:
    """What to change, for AWS's error ``code`` (and its message ``said``, which names no secret)."""
    what = "inference profile" if kind == "inference-profile" else "model"
    detail = f"{code}: {said}" if said else code
    if code in ("UnrecognizedClientException", "InvalidSignatureException", "IncompleteSignatureException"):
        return (
            f"Amazon Bedrock rejected the AWS credentials ({detail}). Check AWS_ACCESS_KEY_ID / "
            "AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN as aws-actions/configure-aws-credentials exported them "
            "(`role-to-assume`), or AWS_BEARER_TOKEN_BEDROCK, and that AWS_REGION is the region the role works in."
        )
    if code in ("ExpiredTokenException", "ExpiredToken", "RequestExpired"):
        return (
            f"The AWS session credentials have expired ({detail}). Run aws-actions/configure-aws-credentials in the "
            "same job, right before Booty's step, and raise its `role-duration-seconds` if the job is long."
        )
    if code == "AccessDeniedException":
        return (
            f"The AWS role may not look up the {what} `{wire}` ({detail}). Allow {PERMISSIONS}, "
            "bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream on the inference profile and its models."
        )
    if code == "ResourceNotFoundException":
        return (
            f"Amazon Bedrock in {region} has no {what} `{wire}` ({detail}). Set AWS_REGION "
            "(configure-aws-credentials' `aws-region`) to a region that offers it, or set the `model` input to "
            "a profile offered there (`global.` works in every commercial region for the current models)."
        )
    if code == "ValidationException":
        return (
            f"Amazon Bedrock does not take `{wire}` as {'an' if what[0] in 'aeiou' else 'a'} {what} id ({detail}). Set the `model` input to Booty's "
            "model name (`claude-sonnet-5-5`) or an inference profile such as `global.anthropic.claude-sonnet-5-5`."
        )
    return f"Amazon Bedrock's lookup of `{wire}` in {region} failed ({detail}). Check AWS_REGION and the model input."
