"""A local token estimate, for budgets decided before any model call (the map, the fallback count)."""

from __future__ import annotations

import math

DEFAULT_CHARS_PER_TOKEN = 3.0  # code tokenizes at ~3.5 chars/token; 3.0 errs on the side of too many


def estimate_tokens(text: str, chars_per_token: float = DEFAULT_CHARS_PER_TOKEN) -> int:
    """A cheap, slightly pessimistic token count: ASCII at ``chars_per_token`` (the model's
    tokenizer, see ``claude.profiles``), other chars 1 each."""
    non_ascii = len(text.encode("utf-8")) - len(text)  # extra bytes ~ non-ASCII characters
    ascii_chars = max(0, len(text) - non_ascii)
    return math.ceil(ascii_chars / chars_per_token) + max(0, non_ascii)
