"""Microsoft Entra ID's token endpoint as the local fake serves it, and Foundry's check of the token.

``POST /{tenant}/oauth2/v2.0/token`` (form-encoded) with the client-credentials grant and a client
assertion, as azure-identity's ClientAssertionCredential sends it: ``grant_type=client_credentials``,
``client_id``, ``client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer``,
``client_assertion`` (here GitHub's OIDC token, which must have been issued for the federated
credential's audience) and ``scope``. Errors are Entra's shape (``error``, ``error_description``
starting with the AADSTS code, ``error_codes``); the codes are Entra's, the wording shortened.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
SCOPE = "https://ai.azure.com/.default"


@dataclass
class EntraTenant:
    """The fake directory: its tenant, the app registration with a federated credential for the
    audience, and the access tokens it handed out (Foundry accepts only those)."""

    tenant_id: str = "11111111-2222-3333-4444-555555555555"
    client_id: str = "66666666-7777-8888-9999-000000000000"
    audience: str = "api://AzureADTokenExchange"
    federated: bool = True  # False: the app has no federated credential matching the token's subject
    issued: set[str] = field(default_factory=set)


def _error(status: int, error: str, code: int, text: str) -> tuple[int, dict[str, Any]]:
    return status, {
        "error": error,
        "error_description": f"AADSTS{code}: {text} Trace ID: {uuid.uuid4()}",
        "error_codes": [code],
        "timestamp": "2026-12-02 00:00:00Z",
        "trace_id": str(uuid.uuid4()),
        "correlation_id": str(uuid.uuid4()),
    }


def entra_token(
    path: str, form: dict[str, str], tenant: EntraTenant, audiences: dict[str, str]
) -> tuple[int, dict[str, Any]]:
    """(status, body) for a token request at ``path``."""
    tenant_in_path = path.strip("/").split("/", 1)[0]
    if tenant_in_path != tenant.tenant_id:
        return _error(400, "invalid_request", 90002, f"Tenant '{tenant_in_path}' not found.")
    if form.get("grant_type") != "client_credentials":
        return _error(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type.")
    if form.get("client_assertion_type") != ASSERTION_TYPE or not form.get("client_assertion", "").startswith(
        "eyJ"
    ):
        return _error(400, "invalid_request", 90014, "The request body must contain client_assertion.")
    if form.get("client_id") != tenant.client_id:
        return _error(
            400,
            "unauthorized_client",
            700016,
            f"Application with identifier '{form.get('client_id')}' was not found in the directory.",
        )
    if form.get("scope") != SCOPE:
        return _error(
            400, "invalid_scope", 70011, f"The provided value '{form.get('scope')}' for scope is not valid."
        )
    assertion = form["client_assertion"]
    if not tenant.federated or audiences.get(assertion) != tenant.audience:
        return _error(
            400,
            "invalid_client",
            700213,
            "No matching federated identity record found for presented assertion subject "
            "'repo:octo/calc:ref:refs/heads/main'.",
        )
    token = f"eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.entra-{len(tenant.issued) + 1}.sig"
    tenant.issued.add(token)
    return 200, {"token_type": "Bearer", "expires_in": 3599, "ext_expires_in": 3599, "access_token": token}


def foundry_refusal(headers: dict[str, str], tenant: EntraTenant) -> dict[str, Any] | None:
    """Foundry's 401 body when the request carries neither an API key nor a token Entra issued."""
    auth = headers.get("authorization", "")
    if auth.startswith("Bearer "):
        if auth.removeprefix("Bearer ") in tenant.issued:
            return None
        return {
            "error": {
                "code": "401",
                "message": "Unauthorized. Access token is missing, invalid, audience is incorrect "
                "(https://ai.azure.com), or have expired.",
            }
        }
    if headers.get("api-key") or headers.get("x-api-key"):
        return None
    return {
        "error": {
            "code": "401",
            "message": "Access denied due to invalid subscription key or wrong API endpoint.",
        }
    }
