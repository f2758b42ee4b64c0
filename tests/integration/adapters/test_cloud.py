"""Microsoft Entra ID's refusals (AADSTS codes) as messages naming what to change (the exchange
itself runs in tests/integration/test_providers.py, against the fake's token endpoint)."""

from __future__ import annotations

import pytest

from booty.adapters.cloud import entra_problem


@pytest.mark.parametrize(
    ("said", "needle"),
    [
        ("AADSTS700213: No matching federated identity record found", "federated credential"),
        ("AADSTS700016: Application with identifier 'x' was not found", "AZURE_CLIENT_ID"),
        ("AADSTS90002: Tenant 'x' not found.", "AZURE_TENANT_ID"),
        ("AADSTS70011: The provided value for scope is not valid", "Cognitive Services User"),
        ("something else entirely", "AZURE_CLIENT_ID and AZURE_TENANT_ID"),
    ],
)
def test_each_entra_refusal_names_what_to_change(said, needle):
    message = entra_problem(said)
    assert needle in message and said.split(":")[0] in message
