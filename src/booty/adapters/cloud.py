"""The cloud providers' credentials as the runner leaves them: found, never printed.

A Docker action sees the workspace at ``/github/workspace``, while google-github-actions/auth
exports GOOGLE_APPLICATION_CREDENTIALS with the host's path (``/home/runner/work/repo/repo/
gha-creds-….json``): ``container_path`` finds the same file under the workspace the container
has. The credential file is read by google-auth itself (``load_credentials_from_file``: a service
account key, an ``external_account`` for workload identity federation, or ``authorized_user``).
"""

from __future__ import annotations

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
    """The google-auth credentials in the file at ``path`` (already resolved by ``container_path``)."""
    import google.auth
    from google.auth.exceptions import DefaultCredentialsError

    try:
        credentials, _project = google.auth.load_credentials_from_file(path, scopes=SCOPES)
    except (DefaultCredentialsError, OSError, ValueError) as err:
        raise ConfigError(f"GOOGLE_APPLICATION_CREDENTIALS ({path}) could not be read as Google credentials: "
                          f"{type(err).__name__}. Use the file google-github-actions/auth writes.") from None
    return credentials
