"""The fake Entra token endpoint is as strict as Entra about the client-credentials grant with a
client assertion, and Foundry's fake takes only the tokens it issued."""

from __future__ import annotations

import pytest

from booty.demo.entra import ASSERTION_TYPE, SCOPE, EntraTenant, entra_token, foundry_refusal

OIDC = "eyJhbGciOiJSUzI1NiJ9.github-oidc-1.sig"


def _grant(tenant: EntraTenant, **changes: str) -> dict[str, str]:
    form = {
        "grant_type": "client_credentials",
        "client_id": tenant.client_id,
        "client_assertion_type": ASSERTION_TYPE,
        "client_assertion": OIDC,
        "scope": SCOPE,
    }
    return {**form, **changes}


def test_a_well_formed_grant_gets_a_token_foundry_accepts():
    tenant = EntraTenant()
    status, body = entra_token(
        f"/{tenant.tenant_id}/oauth2/v2.0/token", _grant(tenant), tenant, {OIDC: tenant.audience}
    )
    assert status == 200 and body["token_type"] == "Bearer"
    assert foundry_refusal({"authorization": f"Bearer {body['access_token']}"}, tenant) is None
    assert foundry_refusal({"authorization": "Bearer eyJforged"}, tenant) is not None
    assert foundry_refusal({}, tenant) is not None


@pytest.mark.parametrize(
    ("path_tenant", "changes", "audience", "code"),
    [
        ("other-tenant", {}, "api://AzureADTokenExchange", 90002),
        (None, {"grant_type": "password"}, "api://AzureADTokenExchange", 70003),
        (None, {"client_assertion_type": "urn:other"}, "api://AzureADTokenExchange", 90014),
        (None, {"client_assertion": "not-a-jwt"}, "api://AzureADTokenExchange", 90014),
        (None, {"client_id": "someone-else"}, "api://AzureADTokenExchange", 700016),
        (None, {"scope": "https://ai.example/.default"}, "api://AzureADTokenExchange", 70011),
        (None, {}, "https://github.com/octo", 700213),  # the OIDC token was issued for another audience
    ],
)
def test_each_wrong_parameter_is_refused_with_entras_code(path_tenant, changes, audience, code):
    tenant = EntraTenant()
    status, body = entra_token(
        f"/{path_tenant or tenant.tenant_id}/oauth2/v2.0/token",
        _grant(tenant, **changes),
        tenant,
        {OIDC: audience},
    )
    assert status == 400 and body["error_codes"] == [code]
    assert body["error_description"].startswith(f"AADSTS{code}:")
    assert tenant.issued == set()
