"""How GitHub requests are retried: one policy for every call of ``GitHubCodeHost``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from github import GithubRetry

if TYPE_CHECKING:
    from types import TracebackType

    from urllib3 import Retry
    from urllib3.connectionpool import ConnectionPool
    from urllib3.response import HTTPResponse


class _Retry(GithubRetry):
    """GithubRetry, except that a POST is not repeated after a 5xx or a lost answer: GitHub may
    have created the pull request or comment already. Rate-limited POSTs were refused, so they are."""

    def is_retry(self, method: str, status_code: int, has_retry_after: bool = False) -> bool:
        if method == "POST" and status_code >= 500:
            return False
        return super().is_retry(method, status_code, has_retry_after)

    # GithubRetry.increment's own signature, which narrows urllib3's (PyGithub ignores that too)
    def increment(  # type: ignore[override]
        self,
        method: str | None = None,
        url: str | None = None,
        response: HTTPResponse | None = None,
        error: Exception | None = None,
        _pool: ConnectionPool | None = None,
        _stacktrace: TracebackType | None = None,
    ) -> Retry:
        if method == "POST" and error is not None and self._is_read_error(error):
            raise error
        return super().increment(method, url, response, error, _pool, _stacktrace)


def retry_policy(*, patient: bool) -> GithubRetry:
    """Up to 3 retries on 5xx and on rate limits (403 with a rate-limit message or Retry-After, 429).

    Patient: back off 0 s, 4 s, 8 s on 5xx; wait 60 s on a secondary rate limit without
    Retry-After; give up rather than wait more than 2 minutes for a primary limit to reset.
    Impatient (local fakes): the same retries without waiting. After the last retry the final
    response is returned (``raise_on_status=False``) so PyGithub raises its usual exception.
    """
    return _Retry(
        total=3,
        backoff_factor=2.0 if patient else 0.0,
        secondary_rate_wait=60.0 if patient else 0.0,
        max_rate_limit_wait=120.0,
        status_forcelist=[*range(500, 600), 429],
        allowed_methods=frozenset({"GET", "POST", "PATCH", "PUT", "DELETE"}),
        raise_on_status=False,
    )
