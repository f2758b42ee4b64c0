"""Model calls with the budget checked first: count the prompt, reserve its worst case against the cap,
call, then record what was really spent."""

from __future__ import annotations

import asyncio

import pytest

from booty.claude.profiles import PROFILES
from booty.errors import BudgetExceeded
from booty.models import Plan, Prompt, Usage
from booty.ports import Completion
from booty.spend.cap import Spend
from booty.spend.metered_model import COUNT_FALLBACK_MARGIN, MeteredModel
from tests.support.ports import ScriptedModel

PRICES = PROFILES["claude-sonnet-5-5"].prices
PLAN = Plan(actionable=True, summary="s", title="fix: t")
PROMPT = Prompt.of("system " * 100, "user " * 100)  # 1,200 characters
EDITOR = Prompt.of("system", "# Your file: a.py (modify)\n")


def metered(model, *, cap: float = 1.0, limit: int = 100_000) -> MeteredModel:
    return MeteredModel(
        lambda: model,
        Spend(prices=PRICES, max_cost_usd=cap),
        max_output_tokens=1_000,
        prompt_token_limit=limit,
        chars_per_token=4.0,
    )


def test_the_model_is_built_on_first_use_only():
    built = []
    lazy = MeteredModel(
        lambda: built.append(1) or ScriptedModel(plan_answer=PLAN),
        Spend(prices=PRICES, max_cost_usd=1),
        max_output_tokens=10,
        prompt_token_limit=10_000,
        chars_per_token=4.0,
    )
    assert built == []
    lazy.plan(PROMPT)
    lazy.plan(PROMPT)
    assert built == [1]


def test_a_plan_call_is_counted_then_recorded_and_its_reservation_released():
    model = ScriptedModel(plan_answer=PLAN)
    llm = metered(model)
    assert llm.plan(PROMPT) == PLAN
    assert model.counted == 1 and llm.spend.reserved_usd == 0
    [(purpose, usage)] = llm.spend.calls
    assert purpose == "plan" and usage.output_tokens > 0 and llm.spend.cost_usd > 0


def test_a_failed_count_falls_back_to_the_estimate_with_a_margin_and_a_note():
    llm = metered(ScriptedModel(plan_answer=PLAN, count_fails=True), limit=int(300 * COUNT_FALLBACK_MARGIN))
    assert llm.notes == ()
    assert (
        llm.plan(PROMPT) == PLAN
    )  # 1,200 characters at 4 per token, times the margin: just inside the limit
    assert llm.notes == ("Token counting failed (count_tokens failed: connection refused); used the local estimate "
                     "with a safety margin.",)  # fmt: skip
    with pytest.raises(BudgetExceeded, match="over the 359 limit"):
        metered(ScriptedModel(plan_answer=PLAN, count_fails=True), limit=359).plan(PROMPT)


def test_a_prompt_too_large_for_the_model_is_refused_before_the_call():
    model = ScriptedModel(plan_answer=PLAN)
    with pytest.raises(BudgetExceeded, match="The prompt for planning is 500 tokens, over the 499 limit"):
        metered(model, limit=499).plan(PROMPT)  # ScriptedModel counts 300 + 200 for the plan schema
    assert model.planned == []


def test_a_call_that_could_cross_the_cap_is_never_made():
    model = ScriptedModel(plan_answer=PLAN, answers={"a.py": ["a.py\n```\nx\n```\n"]})
    llm = metered(model, cap=0.001)
    with pytest.raises(BudgetExceeded, match="max_cost_usd"):
        llm.plan(PROMPT)
    with pytest.raises(BudgetExceeded, match=r"Stopped before writing a\.py"):
        asyncio.run(llm.write("writing a.py", EDITOR))
    assert model.planned == [] and model.written == []


class Gated:
    """Editor calls that finish in the order the test releases them."""

    name = "gated"

    def __init__(self) -> None:
        self.started: list[str] = []
        self.gates: dict[str, asyncio.Event] = {}

    def count_tokens(self, prompt: Prompt, *, structured: bool) -> int:
        return 100

    async def write(self, prompt: Prompt, *, on_start=None) -> Completion[str]:
        path = prompt.user
        self.started.append(path)
        await self.gates.setdefault(path, asyncio.Event()).wait()
        return Completion(path, Usage(input_tokens=100, output_tokens=10))


def test_an_editor_call_that_fits_only_alone_waits_for_the_one_under_way():
    model = Gated()
    one_call = Spend(prices=PRICES, max_cost_usd=1).worst_case(100, 1_000)
    llm = metered(model, cap=one_call * 1.5)

    async def scenario() -> list[str]:
        first = asyncio.create_task(llm.write("writing a", Prompt.of("s", "a")))
        second = asyncio.create_task(llm.write("writing b", Prompt.of("s", "b")))
        await asyncio.sleep(0.2)
        assert model.started == ["a"]  # b waits for room instead of failing
        model.gates["a"].set()
        await asyncio.sleep(0.2)
        model.gates["b"].set()
        return [(await first).value, (await second).value]

    assert asyncio.run(scenario()) == ["a", "b"] and model.started == ["a", "b"]
    assert [purpose for purpose, _ in llm.spend.calls] == [
        "writing a",
        "writing b",
    ] and llm.spend.reserved_usd == 0


def test_the_description_has_its_own_smaller_output_limit_and_is_booked_as_such():
    model = ScriptedModel(plan_answer=PLAN, descriptions=["## What\n\nFixed."])
    llm = metered(model)
    done = llm.describe(PROMPT, max_output_tokens=5_000)
    assert "Fixed." in done.value and model.described == [PROMPT]
    assert [purpose for purpose, _ in llm.spend.calls] == ["description"] and llm.spend.reserved_usd == 0
    with pytest.raises(BudgetExceeded, match="Stopped before the pull request description"):
        metered(model, cap=0.0001).describe(PROMPT, max_output_tokens=100)
