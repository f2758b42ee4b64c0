"""A stateful fake of GitHub's REST API on 127.0.0.1 that checks every request against GitHub's spec.

Each request is validated (github_spec.py) against ``github_openapi.json`` (GitHub's official
OpenAPI description reduced by ``scripts/reduce_openapi.py``): a request the spec rejects is
answered 422 (404 when the operation is not in the spec) and appended to ``.violations``, which
tests assert stays empty. The fake's own answers are checked too (a mismatch is a violation as
well), so tests cannot pass against answers GitHub would never send. Usage::

    with FakeGitHub(token="t") as gh:
        number = gh.add_issue("Crash on empty input", "Steps...", author="alice")
        gh.permissions["alice"] = "write"
        ...  # point PyGithub at gh.api_url with the same token
        assert gh.violations == []

Faults: ``fail_next(method, path_regex, status, body=..., headers=..., times=1)`` answers the next
matching request(s) with that status instead of serving it (the request is still validated);
with ``after=True`` the request is served first and only its answer is lost, as when GitHub
creates a pull request and then times out. ``clear_faults()`` drops the ones not yet used.
"""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.fakes.github_routes import Reply, route
from tests.fakes.github_spec import SpecCheck
from tests.fakes.github_state import RepoState

DOCS = "https://docs.github.com/rest"
ACTIONS_MAY_NOT_CREATE_PRS = "GitHub Actions is not permitted to create or approve pull requests."
SECONDARY_RATE_LIMIT = (
    "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. "
    "If you reach out to GitHub Support for help, please include the request ID ABCD:1234."
)
_REASONS = {401: "Bad credentials", 403: "Forbidden", 404: "Not Found", 422: "Validation Failed"}


@dataclass
class Recorded:
    """One request as received: ``query`` maps names to lists of values; ``json`` is the parsed body;
    ``at`` is when it arrived (``time.time()``, so a benchmark can compare it with a container's start)."""

    method: str
    path: str
    query: dict[str, list[str]]
    json: Any
    headers: dict[str, str] = field(default_factory=dict)
    at: float = field(default_factory=time.time, compare=False)


@dataclass
class _Fault:
    method: str
    pattern: re.Pattern[str]
    status: int
    body: Any
    headers: dict[str, str]
    times: int
    after: bool = False


class FakeGitHub:
    """One repository on a fake GitHub. Seed state with ``add_*``; read it back with the properties."""

    def __init__(
        self,
        *,
        owner: str = "octo-org",
        repo: str = "demo",
        default_branch: str = "main",
        token: str = "ghs_fake_token",
        actor: str = "github-actions[bot]",
        drafts_supported: bool = True,
    ) -> None:
        self.token = token
        self.requests: list[Recorded] = []
        self.violations: list[str] = []
        self._faults: list[_Fault] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self.api_url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self.state = RepoState(self.api_url, owner, repo, default_branch, actor, drafts_supported)
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------ lifecycle

    def __enter__(self) -> FakeGitHub:
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    # ------------------------------------------------------------ seeding and reading state

    @property
    def repository(self) -> str:
        return f"{self.state.owner}/{self.state.name}"

    @property
    def permissions(self) -> dict[str, str]:
        """login -> admin|maintain|write|triage|read|none. Logins not listed answer "none"."""
        return self.state.permissions

    @property
    def files(self) -> dict[str, str]:
        """path -> text, served for any ref."""
        return self.state.files

    @property
    def pulls(self) -> dict[int, dict[str, Any]]:
        """number -> {number, title, body, head, base, draft, state, author, requested_reviewers, merged, fork}."""
        return self.state.pulls

    @property
    def issues(self) -> dict[int, dict[str, Any]]:
        """number -> {number, title, body, author, labels, state, locked, is_pull} (pull requests too)."""
        return self.state.issues

    def add_issue(
        self, title: str, body: str = "", *, author: str = "alice", labels=(), state="open", locked=False
    ) -> int:
        with self._lock:
            return self.state.new_issue(title, body, author, labels=labels, state=state, locked=locked)

    def add_pull(
        self, title: str, body: str, *, head: str, base: str = "", author: str = "", **flags: Any
    ) -> int:
        """A pull request from ``head`` into ``base`` (default branch) by ``author`` (the token's
        user); ``flags``: draft=False, state="open", merged=False, fork="" (owner/name of a fork)."""
        with self._lock:
            base, author = base or self.state.default_branch, author or self.state.actor
            return self.state.new_pull(title, body, head, base, author=author, **flags)

    def close_issue(self, number: int) -> None:
        """Close an issue, as a person would between two requests (never during one)."""
        with self._lock:
            self.state.issues[number]["state"] = "closed"

    def add_comment(
        self, issue_number: int, body: str, *, author: str = "alice", association: str = ""
    ) -> int:
        """A comment by ``author``; its author_association follows the author's role unless given."""
        with self._lock:
            return self.state.new_comment(issue_number, body, author, association)

    def add_review(
        self,
        pull: int,
        *,
        author: str = "maint",
        state: str = "CHANGES_REQUESTED",
        body: str = "",
        comments: list[dict[str, Any]] = (),
    ) -> tuple[int, list[int]]:
        """A submitted review of ``pull`` with inline ``comments`` ({path, body, line, start_line,
        side, in_reply_to, outdated, diff_hunk}); returns the review id and the comment ids."""
        with self._lock:
            review_id = self.state.new_review(pull, author, state, body)
            ids = [
                self.state.new_review_comment(
                    pull,
                    c["body"],
                    author,
                    review_id=review_id,
                    **{k: v for k, v in c.items() if k != "body"},
                )
                for c in comments
            ]
            return review_id, ids

    def review_comments_on(self, pull: int) -> list[dict[str, Any]]:
        """The pull request's review comments, oldest first: {id, review_id, in_reply_to, path, body, author, ...}."""
        return [c for c in self.state.review_comments.values() if c["pull"] == pull]

    def resolved(self, comment_id: int) -> bool:
        """Whether the thread ``comment_id`` starts is resolved (GraphQL: resolveReviewThread)."""
        return bool(self.state.review_comments[comment_id].get("resolved"))

    def replies_to(self, comment_id: int) -> list[dict[str, Any]]:
        return [c for c in self.state.review_comments.values() if c["in_reply_to"] == comment_id]

    def comments_on(self, issue_number: int) -> list[dict[str, Any]]:
        """The issue's comments, oldest first: {id, issue, body, author}."""
        return [c for c in self.state.comments.values() if c["issue"] == issue_number]

    def labels_on(self, issue_number: int) -> list[str]:
        return list(self.state.issues[issue_number]["labels"])

    def fail_next(
        self,
        method: str,
        path_regex: str,
        status: int,
        *,
        body: Any = None,
        headers: dict[str, str] | None = None,
        times: int = 1,
        after: bool = False,
    ) -> None:
        """Answer the next ``times`` requests matching ``method`` and ``path_regex`` (re.search)
        with ``status``, ``headers`` and ``body`` instead of serving them (``after``: having
        served them).

        ``body`` defaults to GitHub's error shape ``{"message", "documentation_url"}``; a str becomes
        the message.
        """
        if body is None or isinstance(body, str):
            message = body or _REASONS.get(status, "Server Error")
            body = {"message": message, "documentation_url": DOCS, "status": str(status)}
        self._faults.append(
            _Fault(method.upper(), re.compile(path_regex), status, body, headers or {}, times, after)
        )

    @property
    def armed(self) -> int:
        """Fault answers queued and not yet given."""
        return sum(f.times for f in self._faults)

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    # ------------------------------------------------------------ request handling

    def handle(self, method: str, target: str, headers: dict[str, str], raw: bytes) -> Reply:
        with self._lock:
            parts = urlsplit(target)
            query = parse_qs(parts.query, keep_blank_values=True)
            payload = _json_or_raw(raw)
            visible = {k: v for k, v in headers.items() if k != "authorization"}
            self.requests.append(Recorded(method, parts.path, query, payload, visible))
            if (method, parts.path) == ("POST", "/graphql"):
                return self._graphql(headers, payload)
            check = SpecCheck(self.api_url, method, parts.path, query, headers, raw)
            mismatch = check.request()
            if mismatch is not None:
                self.violations.append(mismatch.text)
                body = {"message": f"Invalid request.\n\n{mismatch.text}", "documentation_url": DOCS}
                return Reply(404 if mismatch.unknown_operation else 422, body)
            if headers.get("authorization", "").split(" ", 1)[-1] != self.token:
                return Reply(401, {"message": "Bad credentials", "documentation_url": DOCS})
            fault = self._take_fault(method, parts.path)
            if fault is not None and not fault.after:
                return Reply(fault.status, fault.body, fault.headers)
            reply = route(self.state, method, parts.path, {k: v[-1] for k, v in query.items()}, payload)
            if fault is not None:
                return Reply(fault.status, fault.body, fault.headers)
            # The fake's own answers must match the spec too, or tests would pass against a fiction.
            mismatch = check.response(reply.status, reply.body, reply.headers)
            if mismatch is not None:
                self.violations.append(mismatch.text)
            return reply

    def _graphql(self, headers: dict[str, str], payload: Any) -> Reply:
        """GitHub's GraphQL endpoint (github_graphql.py), checked against GitHub's schema."""
        from tests.fakes import github_graphql

        mismatch = github_graphql.invalid(payload)
        if mismatch is not None:
            self.violations.append(mismatch)
            return Reply(200, {"errors": [{"message": mismatch}]})
        if headers.get("authorization", "").split(" ", 1)[-1] != self.token:
            return Reply(401, {"message": "Bad credentials", "documentation_url": DOCS})
        fault = self._take_fault("POST", "/graphql")
        if fault is not None and not fault.after:
            return Reply(fault.status, fault.body, fault.headers)
        answer = github_graphql.execute(self.state, payload)
        return Reply(fault.status, fault.body, fault.headers) if fault is not None else Reply(200, answer)

    def _take_fault(self, method: str, path: str) -> _Fault | None:
        for fault in self._faults:
            if fault.method == method and fault.pattern.search(path):
                fault.times -= 1
                if fault.times <= 0:
                    self._faults.remove(fault)
                return fault
        return None


def _json_or_raw(raw: bytes) -> Any:
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return raw.decode("utf-8", "replace")


def _handler_for(fake: FakeGitHub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, like the real API
        disable_nagle_algorithm = True  # headers and body leave in two writes: no 40 ms delayed-ACK stall

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            headers = {k.lower(): v for k, v in self.headers.items()}
            reply = fake.handle(self.command, self.path, headers, raw)
            data = b"" if reply.body is None else json.dumps(reply.body).encode()
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if data:
                self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _serve

        def log_message(self, format: str, *args: Any) -> None:  # keep pytest output clean
            pass

    return Handler
