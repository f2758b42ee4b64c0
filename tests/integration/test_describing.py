"""The description call on its own (publish.describing): the real ClaudeModel and MeteredModel
against the fake Messages API, priced and capped like every call, never fatal to the run."""

from __future__ import annotations

from pathlib import Path

import pytest

from booty.adapters.llm import ClaudeModel
from booty.claude.profiles import PROFILES
from booty.models import ChangeSet, FileChange, Plan, TestResult
from booty.publish.describing import MAX_OUTPUT_TOKENS, Describer, Template, fallback_note
from booty.scrubbing import Scrubber
from booty.spend.cap import Spend
from booty.spend.metered_model import MeteredModel
from tests.fakes.anthropic_server import FakeAnthropic, Fault, TextReply

DATA = Path(__file__).parents[1] / "data" / "pr_templates"
PROFILE = PROFILES["claude-sonnet-5-5"]
PLAN = Plan(
    actionable=True,
    summary="divide() raises ValueError for a zero divisor.",
    title="fix(ops): clear error",
    changes=[],
    acceptance_criteria=["divide(1, 0) raises ValueError"],
)
CHANGES = ChangeSet(changes=(FileChange(path="calc/ops.py", before="a\n", after="a\nb\n"),))
TEMPLATE = Template(
    "PULL_REQUEST_TEMPLATE.md",
    (DATA / "sympy" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8"),
    "the repository's default pull request template",
)
GOOD = (DATA / "answers" / "sympy.md").read_text(encoding="utf-8")


def describe(fake: FakeAnthropic, *, max_cost_usd: float = 2.0, max_output_tokens: int = 32_000):
    spend = Spend(prices=PROFILE.prices, max_cost_usd=max_cost_usd)
    model = ClaudeModel(
        api_key="sk-ant-test-key-0123456789",
        profile=PROFILE,
        base_url=fake.base_url,
        max_output_tokens=max_output_tokens,
        timeout_s=2.0,
        attempts=2,
        backoff_s=0.01,
    )
    llm = MeteredModel(
        lambda: model,
        spend,
        max_output_tokens=max_output_tokens,
        prompt_token_limit=150_000,
        chars_per_token=3.5,
    )
    described = Describer(llm, Scrubber(), "0123456789abcdef").describe(
        TEMPLATE,
        plan=PLAN,
        title=PLAN.title,
        issue_number=1,
        fenced_issue="<issue-0123456789abcdef>\nx\n</issue-0123456789abcdef>",
        changes=CHANGES,
        test=TestResult(),
    )
    return described, spend


def test_the_call_is_small_plain_text_and_priced():
    with FakeAnthropic([TextReply(f"Here it is:\n<description>\n{GOOD}</description>\nThanks.")]) as fake:
        described, spend = describe(fake)
        [request] = fake.requests

    assert described.text == GOOD.strip() and described.problems == []
    assert (
        request["max_tokens"] == MAX_OUTPUT_TOKENS
        and "tools" not in request
        and "output_config" not in request
    )
    assert fake.rejected == []
    [(purpose, usage)] = spend.calls
    assert (
        purpose == "description" and usage.input_tokens > 0 and usage.output_tokens > 0 and spend.cost_usd > 0
    )


def test_a_smaller_max_output_tokens_lowers_the_description_s_limit_too():
    with FakeAnthropic([TextReply(GOOD)]) as fake:
        described, _ = describe(fake, max_output_tokens=1_000)
        assert (
            fake.requests[0]["max_tokens"] == 1_000 and described.text
        )  # an answer without tags is taken whole


def test_the_cost_cap_stops_the_call_before_it_is_sent_and_the_template_is_shown_untouched():
    with FakeAnthropic([TextReply(GOOD)]) as fake:
        described, spend = describe(fake, max_cost_usd=0.001)
        assert fake.requests == [] and len(fake.count_requests) == 1  # counted, then refused by the cap

    assert described.text is None and spend.calls == []
    assert (
        "Stopped before the pull request description" in described.reason
        and "max_cost_usd" in described.reason
    )
    assert fallback_note(TEMPLATE, described).startswith(
        "The pull request description could not be written in the template `PULL_REQUEST_TEMPLATE.md` (the model call failed (Stopped before"
    )


@pytest.mark.parametrize(
    "fault",
    [Fault.refusal(), Fault.max_tokens(text="#### References"), Fault.unauthorized()],
    ids=["refusal", "cut-off", "401"],
)
def test_a_failed_call_gives_the_template_untouched_not_a_failed_run(fault):
    with FakeAnthropic([fault, fault]) as fake:
        described, _ = describe(fake)
    assert described.text is None and described.reason.startswith("the model call failed (")
    assert "sk-ant-test-key" not in described.reason


def test_one_repair_round_then_given_up():
    with FakeAnthropic([TextReply("Fixes #<issue number>"), TextReply("still bad"), TextReply(GOOD)]) as fake:
        described, spend = describe(fake)
        assert len(fake.requests) == 2  # the third answer is never asked for
    assert (
        described.text is None
        and described.reason == "the description still had problems after one repair round"
    )
    assert any("closing keyword" in p.message for p in described.problems)
    assert [purpose for purpose, _ in spend.calls] == ["description", "description"]
