"""The cloud providers' Claude endpoints, as the local fake serves them, and what it checks.

- Amazon Bedrock runtime: ``POST /model/{id}/invoke`` and ``/invoke-with-response-stream`` (the
  id is in the path, not the body; no ``stream`` key; ``anthropic_version`` in the body), signed
  with SigV4 (``Authorization: AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/bedrock/
  aws4_request, SignedHeaders=..., Signature=...`` and ``x-amz-date``) or a Bedrock API key
  (``Authorization: Bearer``). The answer streams in AWS event-stream framing.
- Amazon Bedrock's control plane, for the preflight: ``GET /inference-profiles/{id}``
  (GetInferenceProfile) and ``GET /foundation-models/{id}`` (GetFoundationModel), signed the same
  way; AWS's error codes (UnrecognizedClientException, InvalidSignatureException,
  ExpiredTokenException, AccessDeniedException, ValidationException, ResourceNotFoundException) in
  ``x-amzn-ErrorType`` with ``{"message": ...}``; a geographic profile is offered only in its
  geography's regions (``bedrock_lookup``, ``BedrockAccount``).
- Google Vertex AI: ``POST /v1/projects/{p}/locations/{r}/publishers/anthropic/models/{id}:
  streamRawPredict`` (or ``:rawPredict``; ``count-tokens:rawPredict`` for token counts), with
  ``Authorization: Bearer <OAuth access token>``; the answer streams as the Messages API's SSE.

The fake does not verify a signature (it has no secret to verify with), only that the SDK sent
one of the right shape for the right region and service. Model ids are mapped back to Booty's
names (``booty.claude.providers``) for the Messages API's rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from booty.claude.profiles import PROFILES, PROVIDER_DIFFERENCES
from booty.claude.providers import provider_model
from booty.errors import ConfigError

VERTEX_TOKEN = "ya29.fake-vertex-access-token"  # what the fake's /token hands out and Vertex accepts
_BEDROCK = re.compile(r"/model/(?P<model>[^/]+)/(?P<kind>invoke|invoke-with-response-stream)")
_VERTEX = re.compile(
    r"(?:/v1)?/projects/(?P<project>[^/]+)/locations/(?P<region>[^/]+)/publishers/anthropic/models/"
    r"(?P<model>[^/:]+):(?P<kind>streamRawPredict|rawPredict)"
)
_SIGV4 = re.compile(
    r"AWS4-HMAC-SHA256 Credential=(?P<key>[A-Z0-9]+)/(?P<date>\d{8})/(?P<region>[a-z0-9-]+)/"
    r"(?P<service>[a-z-]+)/aws4_request, SignedHeaders=(?P<signed>[a-z0-9;-]+), Signature=[0-9a-f]{64}"
)


@dataclass
class ProviderCall:
    """One request to a provider route, as it arrived (``headers`` lower-cased)."""

    provider: str  # "bedrock", "vertex", "foundry", "google-oauth"
    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    model: str = ""  # the provider's id, from the path
    stream: bool = False
    count: bool = False  # Vertex's count-tokens
    region: str = ""  # Vertex: from the path
    expected_region: str = ""  # Bedrock: the region the fake serves (the SigV4 scope must name it)
    extra: dict[str, str] = field(default_factory=dict)

    def refusal(self) -> tuple[int, str, str] | None:
        """(status, error kind, message) where the service would refuse the request, else None."""
        auth = self.headers.get("authorization", "")
        if self.provider == "bedrock":
            if auth.startswith("Bearer "):
                pass
            else:
                signed = _SIGV4.fullmatch(auth)
                if signed is None or "x-amz-date" not in self.headers:
                    return (
                        403,
                        "UnrecognizedClientException",
                        "The security token included in the request is invalid.",
                    )
                if signed.group("service") != "bedrock":
                    return (
                        403,
                        "InvalidSignatureException",
                        "Credential should be scoped to correct service: 'bedrock'.",
                    )
                if self.expected_region and signed.group("region") != self.expected_region:
                    return (
                        403,
                        "InvalidSignatureException",
                        (f"Credential should be scoped to a valid region, not '{signed.group('region')}'."),
                    )
            if "model" in self.body or "stream" in self.body or not self.body.get("anthropic_version"):
                return (
                    400,
                    "ValidationException",
                    "Malformed input request: extraneous key [model] is not permitted",
                )
            if self.body.get("output_config", {}).get("format") and not _structured_on_bedrock(_base(self)):
                return (
                    400,
                    "ValidationException",
                    "output_config.format: structured outputs are not supported for this model",
                )
        elif self.provider == "vertex":
            if auth != f"Bearer {VERTEX_TOKEN}":
                return 401, "UNAUTHENTICATED", "Request had invalid authentication credentials."
            if not self.count and ("model" in self.body or not self.body.get("anthropic_version")):
                return 400, "INVALID_ARGUMENT", "model: Extra inputs are not permitted"
        try:
            _base(self)
        except ConfigError:
            return 404, "NotFound", f"Model {self.model} not found"
        return None

    def messages_body(self) -> dict[str, Any]:
        """The request as the Messages API would have had it: Booty's model name in the body."""
        body = {k: v for k, v in self.body.items() if k not in ("anthropic_version", "anthropic_beta")}
        if not self.count:
            body["model"] = _base(self)
        else:
            body["model"] = _base_name(self.provider, str(body.get("model", "")))
        if self.provider == "bedrock" and self.stream:
            body["stream"] = True
        return body


def _structured_on_bedrock(name: str) -> bool:
    return bool(PROVIDER_DIFFERENCES["bedrock"].get(name, {}).get("structured_output", True))


def _base(call: ProviderCall) -> str:
    return _base_name(call.provider, call.model) if call.model else ""


def _base_name(provider: str, model: str) -> str:
    return provider_model("bedrock" if provider == "bedrock" else "vertex", model).name


def provider_call(
    path: str, headers: dict[str, str], body: dict[str, Any], region: str = ""
) -> ProviderCall | None:
    """The provider request at ``path``, or None when it is not a provider route."""
    found = _BEDROCK.fullmatch(path)
    if found:
        return ProviderCall(
            "bedrock",
            path,
            headers,
            body,
            model=unquote(found.group("model")),
            stream=found.group("kind") == "invoke-with-response-stream",
            expected_region=region,
        )
    found = _VERTEX.fullmatch(path)
    if found:
        model = unquote(found.group("model"))
        if model == "count-tokens":
            return ProviderCall("vertex", path, headers, body, count=True, region=found.group("region"))
        return ProviderCall(
            "vertex",
            path,
            headers,
            body,
            model=model,
            stream=found.group("kind") == "streamRawPredict",
            region=found.group("region"),
            extra={"project": found.group("project")},
        )
    return None


# ---------------------------------------------------------------- Bedrock's control plane (the preflight)

_LOOKUP = re.compile(r"/(?P<kind>inference-profiles|foundation-models)/(?P<id>[^/?]+)")
_PROFILE_ID = re.compile(
    r"(arn:aws(|-us-gov|-cn|-iso|-iso-b):bedrock:(|[0-9a-z-]{0,20}):(|[0-9]{12}):"
    r"(inference-profile|application-inference-profile)/)?[a-zA-Z0-9-:.]+"
)
_MODEL_ID = re.compile(r"[a-z0-9-]{1,63}[.][a-z0-9-]{1,63}([.]?[a-z0-9-]{1,63})([:][a-z0-9-]{1,63}){0,2}")
# The regions each geographic inference profile is offered in (by the region's prefix); global: all.
_GEOGRAPHY = {
    "us": ("us-east-", "us-west-"),
    "us-gov": ("us-gov-",),
    "eu": ("eu-",),
    "apac": ("ap-",),
    "jp": ("ap-northeast-1", "ap-northeast-3"),
    "au": ("ap-southeast-2", "ap-southeast-4"),
    "ca": ("ca-",),
}
ACCOUNT = "123456789012"


@dataclass
class BedrockAccount:
    """What the fake's AWS account allows: the keys it knows (None: any well-formed one), session
    tokens that have expired, the IAM actions the role is denied."""

    known_keys: set[str] | None = None
    expired_tokens: set[str] = field(default_factory=set)
    denied: set[str] = field(default_factory=set)


def bedrock_lookup(
    path: str, headers: dict[str, str], region: str, account: BedrockAccount
) -> tuple[ProviderCall, int, dict[str, Any], str] | None:
    """Bedrock's ``GetInferenceProfile`` (``GET /inference-profiles/{id}``) and ``GetFoundationModel``
    (``GET /foundation-models/{id}``), answered as the service does: (call, status, body, error
    type for ``x-amzn-ErrorType`` or ""); None when ``path`` is not one of them. The error codes and
    HTTP statuses are AWS's; the wording of the not-found messages is the fake's own."""
    found = _LOOKUP.fullmatch(path.split("?", 1)[0])
    if found is None:
        return None
    ident = unquote(found.group("id"))
    profile = found.group("kind") == "inference-profiles"
    call = ProviderCall("bedrock-control", path, headers, {}, model=ident, expected_region=region)

    def error(status: int, code: str, message: str) -> tuple[ProviderCall, int, dict[str, Any], str]:
        return call, status, {"message": message}, code

    auth = headers.get("authorization", "")
    signed = _SIGV4.fullmatch(auth)
    scope = signed.group("region") if signed else region
    if not auth.startswith("Bearer "):
        if signed is None or "x-amz-date" not in headers:
            return error(
                403, "UnrecognizedClientException", "The security token included in the request is invalid."
            )
        if signed.group("service") != "bedrock":
            return error(
                403, "InvalidSignatureException", "Credential should be scoped to correct service: 'bedrock'."
            )
        if region and scope != region:
            return error(
                403,
                "InvalidSignatureException",
                f"Credential should be scoped to a valid region, not '{scope}'.",
            )
        if account.known_keys is not None and signed.group("key") not in account.known_keys:
            return error(
                403, "UnrecognizedClientException", "The security token included in the request is invalid."
            )
        if headers.get("x-amz-security-token", "") in account.expired_tokens:
            return error(
                403, "ExpiredTokenException", "The security token included in the request is expired"
            )
    action = "bedrock:GetInferenceProfile" if profile else "bedrock:GetFoundationModel"
    pattern, member = (
        (_PROFILE_ID, "inferenceProfileIdentifier") if profile else (_MODEL_ID, "modelIdentifier")
    )
    if pattern.fullmatch(ident) is None:
        return error(
            400,
            "ValidationException",
            f"1 validation error detected: Value '{ident}' at '{member}' failed to satisfy constraint: "
            f"Member must satisfy regular expression pattern: {pattern.pattern}",
        )
    kind = "inference-profile" if profile else "foundation-model"
    arn = f"arn:aws:bedrock:{scope}:{ACCOUNT if profile else ''}:{kind}/{ident}"
    if ident.startswith("arn:"):
        arn = ident
    if action in account.denied:
        return error(
            403,
            "AccessDeniedException",
            f"User: arn:aws:sts::{ACCOUNT}:assumed-role/booty-bedrock/GitHubActions is not authorized to perform: "
            f"{action} on resource: {arn} because no identity-based policy allows the {action} action",
        )
    prefix = ident.split(".", 1)[0] if profile and not ident.startswith("arn:") else ""
    offered = prefix == "global" or any(scope.startswith(r) for r in _GEOGRAPHY.get(prefix, ()))
    try:
        name = provider_model("bedrock", ident).name
    except ConfigError:
        name = ""
    if (profile and not ident.startswith("arn:") and not offered) or name not in PROFILES:
        what = "inference profile" if profile else "model"
        return error(404, "ResourceNotFoundException", f"The {what} {ident} was not found in {scope}.")
    base = _base_id(name)
    if profile:
        regions = [scope] if prefix != "global" else [scope, "us-east-1", "eu-west-1"]
        return (
            call,
            200,
            {
                "inferenceProfileName": f"{prefix.upper()} Anthropic {name}",
                "description": f"Routes requests to {name} in {prefix or 'your'} regions",
                "createdAt": "2026-06-01T00:00:00Z",
                "updatedAt": "2026-06-01T00:00:00Z",
                "inferenceProfileArn": arn,
                "models": [{"modelArn": f"arn:aws:bedrock:{r}::foundation-model/{base}"} for r in regions],
                "inferenceProfileId": ident.rsplit("/", 1)[-1],
                "status": "ACTIVE",
                "type": "SYSTEM_DEFINED",
            },
            "",
        )
    return (
        call,
        200,
        {
            "modelDetails": {
                "modelArn": arn,
                "modelId": ident,
                "modelName": name,
                "providerName": "Anthropic",
                "inputModalities": ["TEXT", "IMAGE"],
                "outputModalities": ["TEXT"],
                "responseStreamingSupported": True,
                "customizationsSupported": [],
                "inferenceTypesSupported": ["ON_DEMAND", "INFERENCE_PROFILE"],
                "modelLifecycle": {"status": "ACTIVE"},
            }
        },
        "",
    )


def denied_invoke(call: ProviderCall, account: BedrockAccount) -> tuple[int, str, str] | None:
    """The runtime's AccessDeniedException when the role may not invoke (the lookup may still pass)."""
    action = "bedrock:InvokeModelWithResponseStream" if call.stream else "bedrock:InvokeModel"
    if action not in account.denied:
        return None
    region = call.expected_region or "us-east-1"
    return (
        403,
        "AccessDeniedException",
        f"User: arn:aws:sts::{ACCOUNT}:assumed-role/booty-bedrock/GitHubActions is not authorized to perform: "
        f"{action} on resource: arn:aws:bedrock:{region}:{ACCOUNT}:inference-profile/{call.model} because no "
        f"identity-based policy allows the {action} action",
    )


def _base_id(name: str) -> str:
    """Bedrock's foundation-model id of Booty's ``name`` (the default profile's id without its prefix)."""
    return provider_model("bedrock", name).wire.split(".", 1)[1]
