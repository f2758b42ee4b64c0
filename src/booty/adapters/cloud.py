"""The cloud providers' credentials as the runner leaves them: found, never printed.

A Docker action sees the workspace at ``/github/workspace``, while google-github-actions/auth
exports GOOGLE_APPLICATION_CREDENTIALS with the host's path (``/home/runner/work/repo/repo/
gha-creds-….json``): ``container_path`` finds the same file under the workspace the container
has. The credential file is read by google-auth itself (``load_credentials_from_file``: a service
account key, an ``external_account`` for workload identity federation, or ``authorized_user``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

from booty.errors import ConfigError

SCOPES = ["https://www.googleapis.com/auth/cloud-platform"]


def container_path(path: str, workspace: Path) -> Path | None:
    """``path`` if it exists; else the same file under ``workspace`` (the longest tail of ``path``
    that exists there, so ``/home/runner/work/r/r/sub/creds.json`` is found as
    ``/github/workspace/sub/creds.json``); None when neither exists."""
    if not path:
        return None
    given = Path(path)
    if given.is_file():
        return given
    parts = PurePosixPath(path).parts
    for start in range(1, len(parts)):
        candidate = workspace.joinpath(*parts[start:])
        if candidate.is_file():
            return candidate
    return None


def google_credentials(path: str) -> Any:
    """The google-auth credentials in the file at ``path`` (already resolved by ``container_path``).
    Workload identity federation's file (``external_account`` with a file or URL source, what
    google-github-actions/auth writes) is read by google-auth's identity-pool class directly:
    ``load_credentials_from_file`` would also ask Cloud Resource Manager for the project, which
    Booty already has (ANTHROPIC_VERTEX_PROJECT_ID) and the role may not be allowed to read."""
    import json

    import google.auth
    from google.auth import identity_pool
    from google.auth.exceptions import DefaultCredentialsError

    try:
        info = json.loads(Path(path).read_text(encoding="utf-8"))
        source = info.get("credential_source") if isinstance(info, dict) else None
        if (
            isinstance(source, dict)
            and info.get("type") == "external_account"
            and ("file" in source or "url" in source)
            and "aws" not in str(info.get("subject_token_type", ""))
        ):
            return identity_pool.Credentials.from_info(info, scopes=SCOPES)  # type: ignore[no-untyped-call]
        credentials, _project = google.auth.load_credentials_from_file(path, scopes=SCOPES)  # type: ignore[no-untyped-call]
    except (DefaultCredentialsError, OSError, ValueError, TypeError) as err:
        raise ConfigError(
            f"GOOGLE_APPLICATION_CREDENTIALS ({path}) could not be read as Google credentials: "
            f"{type(err).__name__}. Use the file google-github-actions/auth writes."
        ) from None
    return credentials


def github_identity_token(request_url: str, request_token: str, audience: str) -> Callable[[], str]:
    """A provider of GitHub's OIDC token (the job needs ``permissions: id-token: write``), asked
    for afresh at each exchange: the runner's ACTIONS_ID_TOKEN_REQUEST_URL with its bearer token.
    The SDK's WorkloadIdentityCredentials exchanges it; Booty only fetches it."""
    import requests

    def fetch() -> str:
        try:
            answer = requests.get(
                request_url,
                params={"audience": audience},
                timeout=30,
                headers={"Authorization": f"Bearer {request_token}", "Accept": "application/json"},
            )
        except requests.RequestException as err:
            raise ConfigError(f"GitHub's OIDC token could not be fetched ({type(err).__name__}).") from None
        if answer.status_code != 200:
            raise ConfigError(
                f"GitHub refused the OIDC token (HTTP {answer.status_code}): the job needs "
                "`permissions: id-token: write`."
            )
        value = answer.json().get("value")
        if not isinstance(value, str) or not value:
            raise ConfigError("GitHub's OIDC token answer held no token.")
        return value

    return fetch


FOUNDRY_SCOPE = "https://ai.azure.com/.default"


def entra_token_provider(connection: Any) -> Callable[[], str]:
    """Microsoft Entra ID access tokens for Foundry, for the SDK's ``azure_ad_token_provider``:
    azure-identity's ClientAssertionCredential with GitHub's OIDC token (audience
    ``api://AzureADTokenExchange``) as the client assertion of the app AZURE_CLIENT_ID in tenant
    AZURE_TENANT_ID (a federated credential on the app trusts this repository's workflow). The
    authority is azure-identity's own setting (AZURE_AUTHORITY_HOST; default
    login.microsoftonline.com). Tokens are cached and refreshed by azure-identity; a refusal is a
    ConfigError naming what to change."""
    from azure.core.exceptions import AzureError
    from azure.identity import ClientAssertionCredential

    key = (connection.azure_tenant_id, connection.azure_client_id, connection.oidc_request_url)
    if key in _ENTRA_PROVIDERS:  # one credential per run: the preflight's token serves the calls
        return _ENTRA_PROVIDERS[key]
    assertion = github_identity_token(
        connection.oidc_request_url, connection.oidc_request_token, connection.oidc_audience
    )
    credential = ClientAssertionCredential(connection.azure_tenant_id, connection.azure_client_id, assertion)
    cached: dict[str, Any] = {}

    def token() -> str:
        now = time.time()
        held = cached.get("token")
        if held is not None and held.expires_on - 300 > now:
            return str(held.token)
        try:
            held = credential.get_token(FOUNDRY_SCOPE)
        except AzureError as err:
            raise ConfigError(entra_problem(str(getattr(err, "message", "") or err))) from None
        cached["token"] = held
        return str(held.token)

    _ENTRA_PROVIDERS[key] = token
    return token


_ENTRA_PROVIDERS: dict[tuple[str, str, str], Callable[[], str]] = {}


def entra_problem(said: str) -> str:
    """What to change for Entra ID's refusal (its AADSTS code names the cause; ``said`` holds no secret)."""
    import re

    found = re.search(r"AADSTS(\d+)", said)
    code = found.group(1) if found else ""
    detail = said.strip().splitlines()[0][:300] if said.strip() else "no detail"
    if code in ("700213", "70021", "700212", "700211"):
        return (
            f"Microsoft Entra ID found no federated credential for this workflow's OIDC token ({detail}). On the "
            "app registration AZURE_CLIENT_ID, add a federated credential for GitHub Actions with this repository "
            "and the branch or environment the job runs on (audience api://AzureADTokenExchange)."
        )
    if code in ("700016", "7000215", "700027"):
        return (
            f"Microsoft Entra ID does not know the app AZURE_CLIENT_ID in tenant AZURE_TENANT_ID ({detail}). Set "
            "AZURE_CLIENT_ID to the application (client) id of the app registration."
        )
    if code in ("90002", "900023", "90013"):
        return f"Microsoft Entra ID has no tenant AZURE_TENANT_ID ({detail}). Set AZURE_TENANT_ID to the directory id."
    if code in ("70011", "500011"):
        return (
            f"Microsoft Entra ID refused the scope {FOUNDRY_SCOPE} ({detail}). Check that the Foundry resource is in "
            "this tenant and that the app has the Cognitive Services User role on it."
        )
    return (
        f"Microsoft Entra ID refused the token request ({detail}). Check AZURE_CLIENT_ID and AZURE_TENANT_ID."
    )
