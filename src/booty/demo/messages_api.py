"""A small Anthropic Messages API server on 127.0.0.1, for the offline demo and for tests.

It speaks the wire format the anthropic SDK and magentic expect: streaming answers as SSE
(``message_start`` → ``content_block_start`` → deltas → ``content_block_stop`` → ``message_delta``
→ ``message_stop``, tool input as several ``input_json_delta`` chunks), plain JSON answers when
``stream`` is false, and ``/v1/messages/count_tokens``. A ``responder`` decides each answer from the
parsed request body; it may return a ``ToolReply``, a ``TextReply`` or a ``Fault``.

Token numbers are deterministic: input tokens are ``len(json)/4`` of the prompt part of the
request (system, messages, tools, tool_choice; so ``count_tokens`` of a prompt equals the
``input_tokens`` reported when it is sent), output tokens are ``len(output)/4``.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from booty.demo.replies import Fault, Reply, Responder, TextReply, ToolReply
from booty.demo.sse import message_events, message_json

__all__ = ["Fault", "MessagesAPIServer", "Reply", "Responder", "TextReply", "ToolReply", "estimate_input_tokens"]


def estimate_input_tokens(body: dict[str, Any]) -> int:
    """The fake's deterministic token count of a request's prompt."""
    prompt = {k: body[k] for k in ("system", "messages", "tools", "tool_choice") if k in body}
    return max(1, len(json.dumps(prompt, sort_keys=True)) // 4)


class MessagesAPIServer:
    """Serve the Messages API on 127.0.0.1 (an ephemeral port) until ``stop()``.

    ``requests`` holds every parsed ``POST /v1/messages`` body, in arrival order (faulted ones
    too), and ``arrivals`` when each came (``time.monotonic()``); ``count_requests`` the
    ``count_tokens`` bodies; ``headers`` the request headers.
    """

    def __init__(self, responder: Responder) -> None:
        self.responder = responder
        self.requests: list[dict[str, Any]] = []
        self.arrivals: list[float] = []
        self.count_requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.max_in_flight = 0
        self._in_flight = 0
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``, without ``/v1`` (what the SDK's ``base_url`` wants)."""
        assert self._server is not None, "start() the server first"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> MessagesAPIServer:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.api = self
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="messages-api", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes hanging handlers
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

    # ---------------------------------------------------------------- called by the handler

    def _decide(self, body: dict[str, Any], headers: dict[str, str]) -> Reply:
        with self._lock:
            self.requests.append(body)
            self.arrivals.append(time.monotonic())
            self.headers.append(headers)
            try:
                return self.responder(body)
            except Exception as exc:  # a broken responder must show up in the client's error, not hang it
                return Fault.http(500, "api_error", f"the fake's responder raised {exc!r}")

    def _enter(self) -> None:
        with self._lock:
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)

    def _leave(self) -> None:
        with self._lock:
            self._in_flight -= 1


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    api: MessagesAPIServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Dropped connections are the point of several faults: stay quiet."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # chunked streaming needs 1.1
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        """Tests read the recorded requests, not a log."""

    def do_POST(self) -> None:
        api = self.server.api
        path = self.path.split("?", 1)[0]
        body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))) or b"{}")
        if path == "/v1/messages/count_tokens":
            with api._lock:
                api.count_requests.append(body)
            fault = api.count_fault(body)
            if fault is not None:
                self._answer(body, fault)
            else:
                self._send_json(200, {"input_tokens": estimate_input_tokens(body)})
        elif path == "/v1/messages":
            reply = api._decide(body, {k.lower(): v for k, v in self.headers.items()})
            api._enter()
            try:
                self._answer(body, reply)
            finally:
                api._leave()
        else:
            self._send_json(404, _error_body("not_found_error", f"no route {path}"))

    def _answer(self, body: dict[str, Any], reply: Reply) -> None:
        api = self.server.api
        if isinstance(reply, Fault) and reply.kind == "http":
            self._send_json(reply.status, _error_body(reply.error_type, reply.message), reply.headers)
            return
        cut = isinstance(reply, Fault) and reply.kind == "cut"
        if isinstance(reply, Fault) and (reply.kind in ("reset", "hang") or (cut and not body.get("stream"))):
            if reply.kind == "hang":
                api._stopping.wait(reply.seconds)
            self._reset()
            return
        if isinstance(reply, (ToolReply, TextReply)) and reply.delay_s:
            api._stopping.wait(reply.delay_s)
        events = message_events(body, reply, estimate_input_tokens(body))
        if not body.get("stream"):
            self._send_json(200, message_json(events))
            return
        self._stream(events, cut=cut)

    def _stream(self, events: list[tuple[str, dict[str, Any]]], *, cut: bool) -> None:
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
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
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.send_header("request-id", "req_fake")
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


def _error_body(error_type: str, message: str) -> dict[str, Any]:
    return {"type": "error", "error": {"type": error_type, "message": message}}
