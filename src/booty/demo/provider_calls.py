"""The cloud providers' Claude endpoints, as the local fake serves them, and what it checks.

- Amazon Bedrock runtime: ``POST /model/{id}/invoke`` and ``/invoke-with-response-stream`` (the
  id is in the path, not the body; no ``stream`` key; ``anthropic_version`` in the body), signed
  with SigV4 (``Authorization: AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/bedrock/
  aws4_request, SignedHeaders=..., Signature=...`` and ``x-amz-date``) or a Bedrock API key
  (``Authorization: Bearer``). The answer streams in AWS event-stream framing.
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

from booty.claude.profiles import PROVIDER_DIFFERENCES
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
