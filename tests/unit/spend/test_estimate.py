"""The local token estimate: cheap, and never below what a tokenizer would count for code."""

from __future__ import annotations

from booty.spend.estimate import estimate_tokens


def test_estimate_is_cheap_and_errs_high_for_code():
    code = "def f(x):\n    return x + 1\n" * 50
    assert estimate_tokens("") == 0
    assert estimate_tokens(code) >= len(code) / 4  # real tokenizers give ~3.5-4 chars per token for code
    assert estimate_tokens(code + "y") >= estimate_tokens(code)
    assert estimate_tokens("\u65e5\u672c\u8a9e") >= 3  # non-ASCII costs at least one token per character
