"""A small Anthropic Messages API server on 127.0.0.1, for the offline demo and for tests.

It speaks the wire format the anthropic SDK and magentic expect: streaming answers as SSE
(``message_start`` → ``content_block_start`` → deltas → ``content_block_stop`` → ``message_delta``
→ ``message_stop``, tool input as several ``input_json_delta`` chunks), plain JSON answers when
``stream`` is false, ``/v1/messages/count_tokens``, and the Models API (``GET /v1/models``,
``GET /v1/models/{id}``). It is as strict as the real API: every request first goes through
``api_rules.check_request``, and what the API refuses is answered with its error (400 or 404, the
API's envelope with a ``request_id``) before any responder sees it. A ``responder`` decides each
accepted answer from the parsed request body; it may return a ``ToolReply``, a ``TextReply`` or a
``Fault``.

Token numbers are deterministic (see ``accounting``): input tokens are ``len(json)/4`` of the
prompt part of the request, split into cache reads, cache writes and the rest by the server's
``cache`` (a ``PromptCache``); ``count_tokens`` counts the whole prompt, ignoring caching. Output
tokens are ``len(output)/4``, plus the thinking block's tokens where the model thinks.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from typing import Any

from booty.demo.accounting import InputUsage, PromptCache, estimate_input_tokens
from booty.demo.api_http import Handler, Server
from booty.demo.api_rules import Endpoint, check_request
from booty.demo.entra import EntraTenant
from booty.demo.model_table import lookup
from booty.demo.provider_calls import BedrockAccount, ProviderCall
from booty.demo.replies import Fault, Reply, Responder, TextReply, ToolReply

__all__ = [
    "Fault",
    "MessagesAPIServer",
    "Rejected",
    "Reply",
    "Responder",
    "TextReply",
    "ToolReply",
    "estimate_input_tokens",
]


@dataclass(frozen=True)
class Rejected:
    """A request the API's rules refused: where it went, what it was, and the error it got."""

    endpoint: str  # "messages" or "count_tokens"
    body: dict[str, Any]
    status: int
    error_type: str
    message: str


class MessagesAPIServer:
    """Serve the Messages API on 127.0.0.1 (an ephemeral port) until ``stop()``.

    ``requests`` holds every parsed ``POST /v1/messages`` body, in arrival order (faulted and
    rejected ones too), and ``arrivals`` when each came (``time.monotonic()``); ``count_requests``
    the ``count_tokens`` bodies; ``headers`` the request headers; ``rejected`` a ``Rejected`` for
    each request of either endpoint that the API's rules refused (no responder saw those);
    ``usages`` the ``InputUsage`` of each answered ``/v1/messages`` request, in decision order.
    """

    def __init__(self, responder: Responder) -> None:
        self.responder = responder
        self.requests: list[dict[str, Any]] = []
        self.arrivals: list[float] = []
        self.count_requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.rejected: list[Rejected] = []
        self.usages: list[InputUsage] = []
        # The cloud providers' routes (``provider_calls``): each request as it arrived, and the AWS
        # region the Bedrock route serves (a SigV4 scope naming another is refused; "": any).
        self.provider_calls: list[ProviderCall] = []
        self.bedrock_region = ""
        self.bedrock = BedrockAccount()  # what the fake AWS account allows (the preflight's lookup)
        self.entra = EntraTenant()  # Microsoft Entra ID's app, its federated credential, the tokens issued
        self.oidc_audiences: dict[str, str] = {}  # GitHub OIDC token -> the audience it was issued for
        # Anthropic workload identity federation: GitHub's OIDC endpoint (``/_github/oidc``, its bearer
        # token, the tokens handed out; ``oidc_value`` a fixed one), the rule the exchange accepts,
        # the assertions it has seen and the access tokens it issued.
        self.oidc_request_token = "fake-actions-id-token-request-SECRET"
        self.oidc_value = ""
        self.oidc_issued = 0
        self.federation_rule_id = "fdrl_fake0123"
        self.used_assertions: set[str] = set()
        self.access_tokens: set[str] = set()
        self.cache = PromptCache()
        self.max_in_flight = 0
        self._in_flight = 0
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``, without ``/v1`` (what the SDK's ``base_url`` wants)."""
        assert self._server is not None, "start() the server first"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> MessagesAPIServer:
        self._server = Server(("127.0.0.1", 0), Handler)
        self._server.api = self
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="messages-api",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()  # wakes hanging handlers
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> MessagesAPIServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def count_fault(self, body: dict[str, Any]) -> Fault | None:
        """A fault to answer a ``count_tokens`` request with (none here; test fakes override)."""
        return None

    # ---------------------------------------------------------------- called by api_http.Handler

    def decide(self, body: dict[str, Any], headers: dict[str, str]) -> tuple[Reply, InputUsage | None]:
        with self.lock:
            self.requests.append(body)
            self.arrivals.append(time.monotonic())
            self.headers.append(headers)
            refused = self.refuse(body, "messages")
            if refused is not None:
                return refused, None
            try:
                reply = self.responder(body)
            except Exception as exc:  # a broken responder must show up in the client's error, not hang it
                return Fault.http(500, "api_error", f"the fake's responder raised {exc!r}"), None
            if isinstance(reply, Fault) and reply.kind in ("http", "reset", "hang"):
                return reply, None  # nothing was processed, so nothing is cached
            rules = lookup(body["model"])
            usage = self.cache.account(body, rules.min_cache_tokens if rules else 0)
            self.usages.append(usage)
            return reply, usage

    def refuse(self, body: dict[str, Any], endpoint: Endpoint) -> Fault | None:
        """The API's error for ``body`` (recorded in ``rejected``), or None when it is accepted."""
        fault = check_request(body, endpoint)
        if fault is not None:
            self.rejected.append(Rejected(endpoint, body, fault.status, fault.error_type, fault.message))
        return fault

    def enter(self) -> None:
        with self.lock:
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)

    def leave(self) -> None:
        with self.lock:
            self._in_flight -= 1
