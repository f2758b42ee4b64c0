"""The HTTP side of the local Messages API server: routes, JSON and SSE answers, dropped connections.

``Handler`` serves ``POST /v1/messages`` (through ``MessagesAPIServer.decide``),
``POST /v1/messages/count_tokens``, ``GET /v1/models`` and ``GET /v1/models/{id}``. Every error body
is the API's envelope with a ``request_id`` (also sent as the ``request-id`` header).
"""

from __future__ import annotations

import json
import socket
import struct
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, unquote, urlsplit

from booty.demo import aws_eventstream, model_info
from booty.demo.accounting import InputUsage, estimate_input_tokens
from booty.demo.entra import entra_token, foundry_refusal
from booty.demo.provider_calls import VERTEX_TOKEN, ProviderCall, bedrock_lookup, denied_invoke, provider_call
from booty.demo.replies import Fault, Reply, TextReply, ToolReply
from booty.demo.sse import message_events, message_json

if TYPE_CHECKING:
    from booty.demo.messages_api import MessagesAPIServer


class Server(ThreadingHTTPServer):
    daemon_threads = True
    api: MessagesAPIServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Dropped connections are the point of several faults: stay quiet."""


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # chunked streaming needs 1.1
    server: Server

    def log_message(self, format: str, *args: Any) -> None:
        """Tests read the recorded requests, not a log."""

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == "/v1/models":
            query = {k: v[-1] for k, v in parse_qs(url.query).items()}
            try:
                limit = int(query.get("limit", 20))
            except ValueError:
                limit = 0
            if not 1 <= limit <= 1000:
                self._send_json(
                    400, _error_body("invalid_request_error", "limit: Input should be between 1 and 1000")
                )
                return
            self._send_json(200, model_info.listing(limit, query.get("after_id"), query.get("before_id")))
        elif url.path == "/_github/oidc":  # the runner's ACTIONS_ID_TOKEN_REQUEST_URL
            api = self.server.api
            headers = {k.lower(): v for k, v in self.headers.items()}
            api.provider_calls.append(ProviderCall("github-oidc", self.path, headers, {}))
            if headers.get("authorization") != f"Bearer {api.oidc_request_token}":
                self._send_json(401, {"message": "Unauthorized"})
                return
            api.oidc_issued += 1
            value = api.oidc_value or f"eyJhbGciOiJSUzI1NiJ9.github-oidc-{api.oidc_issued}.sig"
            api.oidc_audiences[value] = parse_qs(url.query).get("audience", [""])[-1]
            self._send_json(200, {"value": value})
        elif (
            looked := bedrock_lookup(
                url.path,
                {k.lower(): v for k, v in self.headers.items()},
                self.server.api.bedrock_region,
                self.server.api.bedrock,
            )
        ) is not None:  # Bedrock's control plane: the preflight's model lookup
            call, status, payload, code = looked
            self.server.api.provider_calls.append(call)
            extra = (
                {"x-amzn-errortype": f"{code}:http://internal.amazon.com/coral/com.amazon.bedrock/"}
                if code
                else {}
            )
            self._send_json(status, payload, {"x-amzn-requestid": str(uuid.uuid4()), **extra})
        elif url.path.startswith("/v1/models/"):
            model_id = unquote(url.path[len("/v1/models/") :])
            info = model_info.retrieve(model_id)
            if info is None:
                self._send_json(404, _error_body("not_found_error", f"model: {model_id}"))
            else:
                self._send_json(200, info)
        else:
            self._send_json(404, _error_body("not_found_error", f"no route {url.path}"))

    def do_POST(self) -> None:
        api = self.server.api
        path = self.path.split("?", 1)[0]
        raw = self.rfile.read(int(self.headers.get("content-length", 0))) or b"{}"
        if path == "/token" or path.endswith("/oauth2/v2.0/token"):  # form-encoded
            body: Any = {k: v[-1] for k, v in parse_qs(raw.decode()).items()}
        else:
            body = json.loads(raw)
        if path == "/v1/messages/count_tokens":
            with api.lock:
                api.count_requests.append(body)
                fault = api.refuse(body, "count_tokens")
            fault = fault or api.count_fault(body)
            if fault is not None:
                self._answer(body, fault, None)
            else:
                self._send_json(200, {"input_tokens": estimate_input_tokens(body)})
        elif path in (
            "/v1/messages",
            "/anthropic/v1/messages",
        ):  # the Claude API; Microsoft Foundry's /anthropic/
            headers = {k.lower(): v for k, v in self.headers.items()}
            if path.startswith("/anthropic/"):
                api.provider_calls.append(ProviderCall("foundry", path, headers, body))
                denied = foundry_refusal(headers, api.entra)
                if denied is not None:
                    self._send_json(401, denied)
                    return
            reply, usage = api.decide(body, headers)
            api.enter()
            try:
                self._answer(body, reply, usage)
            finally:
                api.leave()
        elif path.endswith("/oauth2/v2.0/token"):  # Microsoft Entra ID's token endpoint
            headers = {k.lower(): v for k, v in self.headers.items()}
            api.provider_calls.append(ProviderCall("entra", path, headers, body))
            status, payload = entra_token(path, body, api.entra, api.oidc_audiences)
            self._send_json(status, payload)
        elif path == "/v1/oauth/token":  # Anthropic's workload identity federation exchange
            self._federation_exchange(body, {k.lower(): v for k, v in self.headers.items()})
        elif (
            path == "/token"
        ):  # Google's OAuth token endpoint, for a Vertex credentials file that points here
            api.provider_calls.append(
                ProviderCall("google-oauth", path, {k.lower(): v for k, v in self.headers.items()}, body)
            )
            self._send_json(
                200,
                {
                    "access_token": VERTEX_TOKEN,
                    "expires_in": 3600,
                    "token_type": "Bearer",
                    "issued_token_type": "urn:ietf:params:oauth:token-type:access_token",
                },
            )
        elif (
            call := provider_call(
                path, {k.lower(): v for k, v in self.headers.items()}, body, api.bedrock_region
            )
        ) is not None:
            self._provider(call)
        else:
            self._send_json(404, _error_body("not_found_error", f"no route {path}"))

    def _federation_exchange(self, body: dict[str, Any], headers: dict[str, str]) -> None:
        """``POST /v1/oauth/token`` (jwt-bearer): one access token per identity token, which is
        accepted once (a replayed assertion is ``invalid_grant``)."""
        api = self.server.api
        api.provider_calls.append(ProviderCall("anthropic-federation", "/v1/oauth/token", headers, body))
        assertion = str(body.get("assertion", ""))
        if body.get(
            "grant_type"
        ) != "urn:ietf:params:oauth:grant-type:jwt-bearer" or not assertion.startswith("eyJ"):
            self._send_json(
                400, {"error": "invalid_request", "error_description": "assertion: a JWT is required"}
            )
        elif body.get("federation_rule_id") != api.federation_rule_id:
            self._send_json(
                401, {"error": "invalid_client", "error_description": "no federation rule matches the token"}
            )
        elif assertion in api.used_assertions:
            self._send_json(
                400, {"error": "invalid_grant", "error_description": "the assertion has already been used"}
            )
        else:
            api.used_assertions.add(assertion)
            api.access_tokens.add(token := f"sk-ant-oat01-fake-{len(api.used_assertions)}")
            self._send_json(200, {"access_token": token, "expires_in": 3600, "token_type": "Bearer"})

    def _provider(self, call: ProviderCall) -> None:
        """A Bedrock or Vertex request: checked as that service would (its auth header, its body),
        then answered by the same rules and responder as the Messages API, in its own framing."""
        api = self.server.api
        api.provider_calls.append(call)
        refused = call.refusal() or (denied_invoke(call, api.bedrock) if call.provider == "bedrock" else None)
        if refused is not None:
            status, kind, text = refused
            if call.provider == "bedrock":
                self._send_json(
                    status, {"message": text}, {"x-amzn-errortype": f"{kind}:http://internal.amazon.com/"}
                )
            else:
                self._send_json(status, {"error": {"code": status, "message": text, "status": kind}})
            return
        body = call.messages_body()
        if call.count:
            with api.lock:
                api.count_requests.append(body)
                fault = api.refuse(body, "count_tokens")
            if fault is not None:
                self._answer(body, fault, None)
            else:
                self._send_json(200, {"input_tokens": estimate_input_tokens(body)})
            return
        reply, usage = api.decide(body, call.headers)
        if isinstance(reply, Fault) and reply.kind == "http":
            self._send_json(reply.status, _error_body(reply.error_type, reply.message), reply.headers)
            return
        events = message_events(body, reply, usage or InputUsage(estimate_input_tokens(body)))
        if not body.get("stream"):
            self._send_json(200, message_json(events))
        elif call.provider == "bedrock":
            self._event_stream(events)
        else:
            self._stream(events, cut=False)

    def _event_stream(self, events: list[tuple[str, dict[str, Any]]]) -> None:
        self.send_response(200)
        self.send_header("content-type", "application/vnd.amazon.eventstream")
        self.send_header("x-amzn-requestid", str(uuid.uuid4()))
        self.send_header("transfer-encoding", "chunked")
        self.send_header("connection", "close")
        self.end_headers()
        for _name, data in events:
            frame = aws_eventstream.chunk(data)
            self.wfile.write(b"%x\r\n%s\r\n" % (len(frame), frame))
            self.wfile.flush()
        self.wfile.write(b"0\r\n\r\n")
        self.close_connection = True

    def _answer(self, body: dict[str, Any], reply: Reply, usage: InputUsage | None) -> None:
        api = self.server.api
        if isinstance(reply, Fault) and reply.kind == "http":
            self._send_json(reply.status, _error_body(reply.error_type, reply.message), reply.headers)
            return
        cut = isinstance(reply, Fault) and reply.kind == "cut"
        if isinstance(reply, Fault) and (reply.kind in ("reset", "hang") or (cut and not body.get("stream"))):
            if reply.kind == "hang":
                api.stopping.wait(reply.seconds)
            self._reset()
            return
        if isinstance(reply, (ToolReply, TextReply)) and reply.delay_s:
            api.stopping.wait(reply.delay_s)
        events = message_events(body, reply, usage or InputUsage(estimate_input_tokens(body)))
        if not body.get("stream"):
            self._send_json(200, message_json(events))
            return
        self._stream(events, cut=cut)

    def _stream(self, events: list[tuple[str, dict[str, Any]]], *, cut: bool) -> None:
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("request-id", _request_id())
        self.send_header("transfer-encoding", "chunked")
        self.send_header("connection", "close")
        self.end_headers()
        for name, data in events:
            chunk = f"event: {name}\ndata: {json.dumps(data)}\n\n".encode()
            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.flush()
        if cut:  # no terminating chunk: the client sees an incomplete chunked body
            self._reset()
            return
        self.wfile.write(b"0\r\n\r\n")
        self.close_connection = True

    def _send_json(self, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        request_id = payload.get("request_id") or _request_id()
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.send_header("request-id", request_id)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("connection", "close")
        self.end_headers()
        self.wfile.write(data)
        self.close_connection = True

    def _reset(self) -> None:
        """Close with SO_LINGER 0, so the peer gets a TCP reset rather than an orderly end."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True


def _request_id() -> str:
    return f"req_011C{uuid.uuid4().hex[:20]}"


def _error_body(error_type: str, message: str) -> dict[str, Any]:
    """The API's error envelope: ``{"type": "error", "error": {...}, "request_id": "req_..."}``."""
    return {"type": "error", "error": {"type": error_type, "message": message}, "request_id": _request_id()}
