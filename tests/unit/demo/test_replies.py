"""The faults the fake can answer with, as the real service would send them."""

from __future__ import annotations

from booty.demo.replies import THINKING_TOKENS, Fault, TextReply, ToolReply


def test_http_faults_carry_the_apis_status_type_and_message():
    assert (Fault.rate_limited(2.5).status, Fault.rate_limited(2.5).error_type) == (429, "rate_limit_error")
    assert Fault.rate_limited(2.5).headers == {"retry-after": "2.5"}
    assert [(f.status, f.error_type) for f in (Fault.server_error(), Fault.overloaded(), Fault.unauthorized())] == [
        (500, "api_error"), (529, "overloaded_error"), (401, "authentication_error")]  # fmt: skip
    assert Fault.http(400, "invalid_request_error", "bad").kind == "http"


def test_connection_faults_and_answer_faults_name_their_kind():
    assert Fault.hang(3).kind == "hang" and Fault.hang(3).seconds == 3 and Fault.reset().kind == "reset"
    assert Fault.refusal(text="").text == "" and Fault.refusal().category == "cyber"
    assert Fault.thinking_only(redacted_thinking=True).redacted_thinking


def test_answers_think_for_the_default_cost_unless_told():
    assert TextReply(text="x").thinking_tokens == ToolReply(input={}).thinking_tokens == THINKING_TOKENS > 0
    assert TextReply(text="x").stop_reason == "end_turn" and ToolReply(input={}).stop_reason is None
