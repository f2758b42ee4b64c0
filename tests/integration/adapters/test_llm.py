"""ClaudeModel — the real anthropic SDK and magentic — against the local FakeAnthropic server."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time

import pytest

from booty.adapters.llm import ClaudeModel
from booty.claude.profiles import PROFILES
from booty.claude.request_shape import Choices
from booty.demo.messages_api import estimate_input_tokens
from booty.errors import ModelError, OutputTruncated
from booty.models import Plan, Prompt, Usage
from tests.fakes.anthropic_server import FakeAnthropic, Fault, TextReply, ToolReply

KEY = "sk-ant-test-0123456789-secret"
PLAN = {
    "actionable": True,
    "summary": "Handle empty input in the parser.",
    "title": "fix(parser): handle empty input",
    "changes": [{"path": "src/parser.py", "action": "modify", "reason": "Return [] for ''."}],
    "acceptance_criteria": ["parse('') == []"],
}
EDIT = "src/parser.py\n```python\ndef parse(text):\n    return {k: v for k, v in []}\n```\n"


def claude(fake: FakeAnthropic, model: str = "claude-sonnet-5-5", **overrides) -> ClaudeModel:
    options = dict(
        api_key=KEY,
        profile=PROFILES[model],
        base_url=fake.base_url,
        max_output_tokens=2000,
        timeout_s=2.0,
        attempts=3,
        backoff_s=0.01,
    )
    return ClaudeModel(**(options | overrides))


def ask(system: str, user: str) -> Prompt:
    return Prompt.of(system, user)


def fake_usage(request: dict, output: str) -> Usage:
    """The numbers the fake reports for this request and answer."""
    return Usage(input_tokens=estimate_input_tokens(request), output_tokens=max(1, len(output) // 4))


# ---------------------------------------------------------------- round trips


def test_plan_round_trip_asks_for_native_structured_output_and_returns_the_plan_with_usage():
    with FakeAnthropic([ToolReply(PLAN)]) as fake:
        completion = claude(fake).plan(ask("You plan {code} changes.", "Issue: parse('{') fails"))

    assert completion.value == Plan.model_validate(PLAN)
    request = fake.last
    assert request["stream"] is True and fake.rejected == []
    assert request["system"] == "You plan {code} changes."  # braces pass through magentic untouched
    assert fake.user_texts() == ["Issue: parse('{') fails"]
    assert "tools" not in request and "tool_choice" not in request and "temperature" not in request
    assert request["thinking"] == {"type": "between_tools"}  # Sonnet 5.5's way of thinking off
    schema = request["output_config"]["format"]["schema"]
    assert (
        request["output_config"]["format"]["type"] == "json_schema"
        and schema["additionalProperties"] is False
    )
    assert "Conventional-commit subject" in json.dumps(
        schema
    ) and "Repository-relative POSIX path" in json.dumps(schema)
    assert request["max_tokens"] == 2000 and request["model"] == "claude-sonnet-5-5"
    assert fake.headers[-1]["authorization"] == f"Bearer {KEY}"  # how anthropic 2.x sends the key
    assert completion.usage == fake_usage(request, json.dumps(PLAN))


def test_write_returns_the_plain_text_and_its_usage():
    with FakeAnthropic([TextReply(EDIT)]) as fake:
        completion = asyncio.run(claude(fake).write(ask("Write edits.", "Change src/parser.py")))

    assert completion.value == EDIT
    assert "tools" not in fake.last and fake.last["system"] == "Write edits."
    assert completion.usage == fake_usage(fake.last, EDIT)
    assert "Change src/parser.py" in fake.prompts_text()


def test_writes_gathered_together_run_concurrently_and_each_gets_its_own_answer():
    def echo(body: dict) -> TextReply:
        return TextReply(f"answer to {body['messages'][0]['content'][0]['text']}", delay_s=0.4)

    model_calls = [f"file {n}" for n in range(4)]
    with FakeAnthropic(echo) as fake:
        model = claude(fake)

        async def gather():
            return await asyncio.gather(*(model.write(ask("sys", user)) for user in model_calls))

        started = time.monotonic()
        completions = asyncio.run(gather())
        elapsed = time.monotonic() - started

    assert [c.value for c in completions] == [f"answer to {u}" for u in model_calls]
    assert fake.max_in_flight == 4
    assert elapsed < 4 * 0.4
    assert [c.usage for c in completions] == [
        fake_usage(r, c.value)
        for r, c in zip(
            sorted(fake.requests, key=lambda r: r["messages"][0]["content"][0]["text"]),
            completions,
            strict=False,
        )
    ]


def test_write_works_again_in_a_new_event_loop():
    with FakeAnthropic([TextReply("one"), TextReply("two")]) as fake:
        model = claude(fake)
        first = asyncio.run(model.write(ask("s", "u")))
        second = asyncio.run(model.write(ask("s", "u")))
    assert (first.value, second.value) == ("one", "two")


def test_count_tokens_asks_the_count_endpoint_for_the_exact_request_that_will_be_sent():
    with FakeAnthropic([ToolReply(PLAN)]) as fake:
        model = claude(fake)
        structured = model.count_tokens(ask("system text", "user text"), structured=True)
        plain = model.count_tokens(ask("system text", "user text"), structured=False)
        completion = model.plan(ask("system text", "user text"))

    assert len(fake.count_requests) == 2 and fake.rejected == []
    plan_call = {k: v for k, v in fake.last.items() if k not in ("max_tokens", "stream")}
    assert fake.count_requests[0] == plan_call  # the exact shape of the call it measures
    assert "format" not in fake.count_requests[1].get("output_config", {})
    assert structured == completion.usage.input_tokens  # same prompt, same schema as the real call
    assert plain < structured


def test_count_tokens_is_rate_limited():
    with FakeAnthropic() as fake:
        model = claude(fake, count_tokens_per_minute=120)  # bursts of 12, then 2 per second
        started = time.monotonic()
        for _ in range(13):
            model.count_tokens(ask("s", "u"), structured=False)
        elapsed = time.monotonic() - started
    assert len(fake.count_requests) == 13
    assert 0.4 <= elapsed < 2.0


# ---------------------------------------------------------------- transient faults, then success

TRANSIENT = {
    "rate_limited": Fault.rate_limited(retry_after=0),
    "server_error": Fault.server_error(),
    "overloaded": Fault.overloaded(),
    "connection_reset": Fault.reset(),
    "stream_cut": Fault.cut(),
    "hang": Fault.hang(3.0),
}


@pytest.mark.parametrize("fault", TRANSIENT.values(), ids=TRANSIENT.keys())
def test_a_transient_fault_is_retried_once_then_the_plan_arrives(fault):
    with FakeAnthropic([ToolReply(PLAN)]).fail_next(fault) as fake:
        completion = claude(fake, timeout_s=0.5).plan(ask("s", "u"))
    assert completion.value.title == PLAN["title"]
    assert len(fake.requests) == 2


@pytest.mark.parametrize("fault", TRANSIENT.values(), ids=TRANSIENT.keys())
def test_a_transient_fault_is_retried_once_then_the_edit_arrives(fault):
    with FakeAnthropic([TextReply(EDIT)]).fail_next(fault) as fake:
        completion = asyncio.run(claude(fake, timeout_s=0.5).write(ask("s", "u")))
    assert completion.value == EDIT
    assert len(fake.requests) == 2


PERSISTENT = {
    "rate_limited": (Fault.rate_limited(retry_after=0), "rate-limited"),
    "server_error": (Fault.server_error(), "the Anthropic API failed (HTTP 500"),
    "overloaded": (Fault.overloaded(), "overloaded (HTTP 529 overloaded_error"),
    "connection_reset": (Fault.reset(), "could not connect"),
    "stream_cut": (Fault.cut(), "dropped mid-answer"),
    "hang": (Fault.hang(3.0), "timeout"),
}


@pytest.mark.parametrize("fault, says", PERSISTENT.values(), ids=PERSISTENT.keys())
def test_a_persistent_fault_stops_after_the_attempts_with_a_clear_error(fault, says):
    with FakeAnthropic().fail_next(*[fault] * 5) as fake:
        with pytest.raises(ModelError) as caught:
            claude(fake, attempts=3, timeout_s=0.3).plan(ask("s", "u"))
    assert len(fake.requests) == 3
    assert says in str(caught.value)
    assert "gave up after 3 attempts" in str(caught.value)
    assert KEY not in str(caught.value)


# ---------------------------------------------------------------- faults that are not retried


def test_a_rejected_key_fails_at_once_and_says_which_input_is_wrong():
    with FakeAnthropic().fail_next(Fault.unauthorized()) as fake:
        with pytest.raises(ModelError, match="the anthropic_api_key was rejected") as caught:
            claude(fake).plan(ask("s", "u"))
    assert len(fake.requests) == 1
    assert "HTTP 401" in str(caught.value) and KEY not in str(caught.value)


def test_the_key_is_scrubbed_even_when_the_api_echoes_it():
    echo = Fault.http(400, "invalid_request_error", f"bad header x-api-key: {KEY}")
    with FakeAnthropic().fail_next(echo) as fake:
        with pytest.raises(ModelError) as caught:
            asyncio.run(claude(fake).write(ask("s", "u")))
    assert len(fake.requests) == 1
    assert KEY not in str(caught.value) and "***" in str(caught.value)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


@pytest.mark.parametrize("ask_for", ["plan", "write"])
def test_a_refusal_is_not_retried(ask_for):
    with FakeAnthropic().fail_next(Fault.refusal()) as fake:
        model = claude(fake)
        with pytest.raises(ModelError, match="declined"):
            model.plan(ask("s", "u")) if ask_for == "plan" else asyncio.run(model.write(ask("s", "u")))
    assert len(fake.requests) == 1


def test_count_tokens_retries_transient_faults_and_translates_the_rest():
    with FakeAnthropic() as fake:
        model = claude(fake)
        fake.fail_next_count(Fault.overloaded(), Fault.reset())
        assert model.count_tokens(ask("s", "u"), structured=False) > 0
        assert len(fake.count_requests) == 3
        fake.fail_next_count(Fault.unauthorized())
        with pytest.raises(ModelError, match="anthropic_api_key was rejected"):
            model.count_tokens(ask("s", "u"), structured=False)
        assert len(fake.count_requests) == 4


@pytest.mark.parametrize("ask_for", ["plan", "write"])
def test_an_answer_cut_at_max_tokens_is_never_taken_as_complete(ask_for):
    with FakeAnthropic().fail_next(Fault.max_tokens()) as fake:
        model = claude(fake, max_output_tokens=64)
        with pytest.raises(OutputTruncated, match="max_output_tokens=64"):
            model.plan(ask("s", "u")) if ask_for == "plan" else asyncio.run(model.write(ask("s", "u")))
    assert len(fake.requests) == 1


def test_retry_after_is_honoured():
    with FakeAnthropic([TextReply("ok")]).fail_next(Fault.rate_limited(retry_after=0.6)) as fake:
        started = time.monotonic()
        asyncio.run(claude(fake, backoff_s=0).write(ask("s", "u")))
    assert time.monotonic() - started >= 0.6
    assert len(fake.requests) == 2


def test_a_retry_after_longer_than_booty_waits_fails_at_once():
    with FakeAnthropic().fail_next(Fault.rate_limited(retry_after=3600)) as fake:
        with pytest.raises(ModelError, match="asks to wait 3600 s"):
            claude(fake).plan(ask("s", "u"))
    assert len(fake.requests) == 1


# ---------------------------------------------------------------- unusable plans: our own bounded re-ask


def test_a_plan_that_is_not_json_is_re_asked_with_the_problem_then_accepted():
    with FakeAnthropic([ToolReply(PLAN)]).fail_next(Fault.malformed_json('{"actionable": tru')) as fake:
        completion = claude(fake).plan(ask("s", "Fix the parser."))

    assert completion.value.title == PLAN["title"]
    assert len(fake.requests) == 2
    retry = fake.requests[1]
    assert (
        len(retry["messages"]) == 1 and retry["messages"][0]["role"] == "user"
    )  # a fresh question, no prefill
    (text,) = fake.user_texts(1)
    assert text.startswith("Fix the parser.") and "not valid JSON" in text and "matches the schema" in text
    assert completion.usage == fake_usage(fake.requests[0], '{"actionable": tru') + fake_usage(
        retry, json.dumps(PLAN)
    )


def test_prose_instead_of_the_json_plan_is_re_asked():
    with FakeAnthropic([TextReply("Here is my plan: ..."), ToolReply(PLAN)]) as fake:
        completion = claude(fake).plan(ask("s", "u"))
    assert completion.value.actionable
    assert "not valid JSON" in fake.user_texts(1)[0]


def test_a_plan_that_stays_invalid_fails_after_the_bounded_repairs():
    invalid = ToolReply({"actionable": "perhaps", "summary": "s"})
    with FakeAnthropic([invalid] * 5) as fake:
        with pytest.raises(ModelError, match="no usable plan after 3 tries") as caught:
            claude(fake, plan_repairs=2).plan(ask("s", "u"))
    assert len(fake.requests) == 3
    assert "title" in str(caught.value)  # the validation problem is named


def test_usage_counts_the_input_of_an_attempt_that_broke_off():
    with FakeAnthropic([TextReply(EDIT)]).fail_next(Fault.cut()) as fake:
        completion = asyncio.run(claude(fake).write(ask("s", "u")))
    assert len(fake.requests) == 2
    prompt_tokens = estimate_input_tokens(fake.last)
    assert completion.usage.input_tokens == 2 * prompt_tokens  # the broken attempt's prompt was billed too
    # ...and so was its output, of which only message_start's count is known
    assert len(EDIT) // 4 < completion.usage.output_tokens <= len(EDIT) // 4 + 1


def test_importing_and_building_the_adapter_does_not_import_magentic_or_the_sdk():
    code = (
        "import sys\n"
        "from booty.adapters.llm import ClaudeModel\n"
        "from booty.claude.profiles import PROFILES\n"
        "ClaudeModel(api_key='k', profile=PROFILES['claude-sonnet-5-5'], base_url=None, max_output_tokens=1)\n"
        "print(sorted(m for m in ('magentic', 'anthropic', 'httpx', 'httpx2', 'openai') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# ---------------------------------------------------------------- thinking, refusals, caching, sampling


def test_thinking_blocks_are_skipped_and_their_tokens_counted_as_output():
    with FakeAnthropic([TextReply(EDIT, thinking_tokens=300, redacted_thinking=True)]) as fake:
        completion = asyncio.run(claude(fake, model="claude-opus-5-5").write(ask("s", "u")))
    assert completion.value == EDIT  # no thinking text, no redacted data
    assert fake.last["thinking"] == {"type": "adaptive"} and fake.last["output_config"] == {"effort": "low"}
    assert completion.usage.output_tokens == len(EDIT) // 4 + 300


def test_a_plan_after_thinking_is_parsed_from_the_text_that_follows():
    with FakeAnthropic([ToolReply(PLAN, thinking_tokens=50)]) as fake:
        completion = claude(fake, model="claude-fable-5-1").plan(ask("s", "u"))
    assert completion.value.title == PLAN["title"] and fake.rejected == []
    assert fake.last["output_config"]["effort"] == "medium"


@pytest.mark.parametrize("ask_for", ["plan", "write"])
def test_an_answer_that_only_thought_is_reported_as_cut_off(ask_for):
    with FakeAnthropic().fail_next(Fault.thinking_only(thinking_tokens=64)) as fake:
        model = claude(fake, model="claude-opus-5-5", max_output_tokens=64)
        with pytest.raises(OutputTruncated, match="while still thinking"):
            model.plan(ask("s", "u")) if ask_for == "plan" else asyncio.run(model.write(ask("s", "u")))
    assert len(fake.requests) == 1


@pytest.mark.parametrize("text", ["", "I can't help with that."], ids=["empty", "with-text"])
def test_a_refusal_names_its_category(text):
    with FakeAnthropic().fail_next(Fault.refusal(text=text, category="cyber")) as fake:
        with pytest.raises(ModelError, match="refusal, category: cyber"):
            claude(fake).plan(ask("s", "u"))
    assert len(fake.requests) == 1


def test_cache_breakpoints_are_sent_and_cache_reads_are_reported():
    shared = "The plan and the issue. " * 400  # above the model's minimum cacheable prompt
    prompt = Prompt(system="s", parts=(shared, "file one", ""), cache_after=(0,))
    with FakeAnthropic([TextReply("a"), TextReply("b")]) as fake:
        model = claude(fake)
        first = asyncio.run(model.write(prompt))
        second = asyncio.run(model.write(prompt.model_copy(update={"parts": (shared, "file two", "")})))
    blocks = fake.last["messages"][0]["content"]
    assert [b.get("cache_control") for b in blocks] == [
        {"type": "ephemeral"},
        None,
    ]  # the empty part is not sent
    assert first.usage.cache_write_tokens > 0 and first.usage.cache_read_tokens == 0
    assert (
        second.usage.cache_read_tokens == first.usage.cache_write_tokens
        and second.usage.cache_write_tokens == 0
    )


def test_a_temperature_reaches_only_a_model_that_takes_it():
    with FakeAnthropic([TextReply("a"), TextReply("b")]) as fake:
        asyncio.run(
            claude(fake, model="claude-sonnet-4-6", choices=Choices(temperature=0.2)).write(ask("s", "u"))
        )
        asyncio.run(claude(fake, choices=Choices(temperature=0.2)).write(ask("s", "u")))
    assert fake.requests[0]["temperature"] == 0.2 and fake.requests[0]["thinking"] == {"type": "disabled"}
    assert "temperature" not in fake.requests[1] and fake.rejected == []


def test_a_model_the_models_api_lists_as_retired_stops_with_current_models():
    import http.server
    import threading

    from booty.adapters.llm import model_capabilities
    from booty.errors import ConfigError

    class Catalogue(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # a newer Models API keeps retired models, marked so
            body = json.dumps(
                {
                    "type": "model",
                    "id": "claude-old-1",
                    "display_name": "Old",
                    "created_at": "2024-01-01T00:00:00Z",
                    "lifecycle": "retired",
                    "capabilities": {},
                }
            ).encode()
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Catalogue)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with pytest.raises(ConfigError, match=r"`claude-old-1` is retired.*claude-sonnet-5-5"):
            model_capabilities(
                "claude-old-1", api_key=KEY, base_url=f"http://127.0.0.1:{server.server_address[1]}"
            )
    finally:
        server.shutdown()
