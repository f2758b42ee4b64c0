"""AWS event-stream framing (``application/vnd.amazon.eventstream``), as Bedrock runtime's
``invoke-with-response-stream`` answers: what botocore's ``EventStreamBuffer`` (and so the
anthropic SDK's Bedrock client) decodes.

A message is ``total length (4) | headers length (4) | prelude CRC32 (4) | headers | payload |
message CRC32 (4)``, big-endian; a header is ``name length (1) | name | type (1; 7 = string) |
value length (2) | value``. Each Messages API event travels as a ``chunk`` event whose JSON
payload is ``{"bytes": base64(event JSON)}``.
"""

from __future__ import annotations

import base64
import binascii
import json
import struct
from typing import Any

_STRING = 7


def _headers(headers: dict[str, str]) -> bytes:
    out = b""
    for name, value in headers.items():
        raw_name, raw_value = name.encode(), value.encode()
        out += (
            struct.pack(">B", len(raw_name))
            + raw_name
            + struct.pack(">BH", _STRING, len(raw_value))
            + raw_value
        )
    return out


def message(headers: dict[str, str], payload: bytes) -> bytes:
    """One event-stream message."""
    head = _headers(headers)
    total = 12 + len(head) + len(payload) + 4
    prelude = struct.pack(">II", total, len(head))
    prelude += struct.pack(">I", binascii.crc32(prelude) & 0xFFFFFFFF)
    body = prelude + head + payload
    return body + struct.pack(">I", binascii.crc32(body) & 0xFFFFFFFF)


def chunk(event: dict[str, Any]) -> bytes:
    """A Messages API event as Bedrock streams it."""
    payload = json.dumps({"bytes": base64.b64encode(json.dumps(event).encode()).decode()}).encode()
    return message(
        {":event-type": "chunk", ":content-type": "application/json", ":message-type": "event"}, payload
    )


def exception(kind: str, text: str) -> bytes:
    """A mid-stream exception frame (``modelStreamErrorException``, ``throttlingException``, ...)."""
    payload = json.dumps({"message": text}).encode()
    return message(
        {":exception-type": kind, ":content-type": "application/json", ":message-type": "exception"}, payload
    )
