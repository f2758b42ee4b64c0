"""Check requests to, and answers of, the fake GitHub against GitHub's official OpenAPI description.

``github_openapi.json`` is ``@octokit/openapi``'s ``api.github.com.json`` reduced to the operations
Booty calls (regenerate with ``scripts/reduce_openapi.py``). openapi-core does the checking; a
mismatch comes back as one readable line ("POST /repos/o/r/pulls: InvalidRequestBody: (body):
'head' is a required property"), ``None`` means the message conforms.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse

SPEC_PATH = Path(__file__).with_name("github_openapi.json")
# GitHub's `{path}` in /contents/{path} spans slashes (x-multi-segment); openapi-core's matcher does not.
_CONTENTS = re.compile(r"^(/repos/[^/]+/[^/]+/contents/)(.+)$")
_UNKNOWN_OPERATION = {"PathNotFound", "OperationNotFound", "ServerNotFound"}


@lru_cache(maxsize=1)
def _openapi() -> OpenAPI:
    spec = json.loads(SPEC_PATH.read_text(encoding="utf-8"))
    spec["servers"] = [{"url": "/"}]  # whatever host and port the fake is bound to
    return OpenAPI.from_dict(spec)


@dataclass(frozen=True)
class Mismatch:
    """Why a request or answer breaks the spec; ``unknown_operation`` when the spec has no such call."""

    text: str
    unknown_operation: bool = False


class SpecCheck:
    """Validation of one exchange: build it from the request, then check the request and the answer."""

    def __init__(
        self,
        api_url: str,
        method: str,
        path: str,
        query: dict[str, list[str]],
        headers: dict[str, str],
        raw: bytes,
    ) -> None:
        match = _CONTENTS.match(path)
        checked = match.group(1) + quote(match.group(2), safe="") if match else path
        self._what = f"{method} {path}"
        self._request = MockRequest(
            api_url,
            method,
            checked,
            args=query,
            headers=headers,
            data=raw,
            content_type=headers.get("content-type", "application/json"),
        )

    def request(self) -> Mismatch | None:
        try:
            _openapi().validate_request(self._request)
        except Exception as error:  # openapi-core raises one class per kind of mismatch
            kind = type(error).__name__
            return Mismatch(f"{self._what}: {kind}: {_explain(error)}", kind in _UNKNOWN_OPERATION)
        return None

    def response(self, status: int, body: Any, headers: dict[str, str]) -> Mismatch | None:
        answer = MockResponse(json.dumps(body).encode(), status, headers)
        try:
            _openapi().validate_response(self._request, answer)
        except Exception as error:
            if status >= 400 and type(error).__name__ == "ResponseNotFound":
                return (
                    None  # the spec lists only some error statuses (no 404 on PATCH, ...); GitHub sends more
                )
            return Mismatch(f"response to {self._what} ({status}): {_explain(error)}")
        return None


def _explain(error: Exception) -> str:
    """openapi-core's message, reduced to the schema errors (path: message) when it has them."""
    cause = error.__cause__ or error
    found = getattr(cause, "schema_errors", None)
    if not found:
        return str(cause)
    return "; ".join(f"{'/'.join(map(str, e.absolute_path)) or '(body)'}: {e.message}" for e in found)
