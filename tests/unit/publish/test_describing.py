"""The pull request description in the repository's template: one metered call, checked, repaired
once with the problems named, else given up so the template is shown untouched."""

from __future__ import annotations

from booty.claude.profiles import PROFILES
from booty.errors import ModelError
from booty.models import ChangeSet, FileChange, Plan, PlannedChange, Prompt, TestResult
from booty.ports import Completion
from booty.publish.describing import MAX_TEMPLATE_CHARS, Describer, Template
from booty.publish.texts import pr_marker
from booty.scrubbing import Scrubber
from booty.spend.cap import Spend
from booty.spend.metered_model import MeteredModel
from tests.support.ports import ScriptedModel

TEMPLATE = Template(".github/pull_request_template.md",
                    "## What does this change?\n\n## How was it tested?\n\n## Checklist\n- [ ] changelog\n",
                    "the repository's default pull request template")  # fmt: skip
FILLED = ("## What does this change?\n\ndivide() raises a clear ValueError. Closes #1\n\n"
          "## How was it tested?\n\nNot run here.\n\n## Checklist\n- [ ] changelog\n")  # fmt: skip
PLAN = Plan(actionable=True, summary="divide() raises a clear ValueError.", title="fix(ops): clear error",
            changes=[PlannedChange(path="calc/ops.py", action="modify", reason="r")])  # fmt: skip
CHANGES = ChangeSet(changes=(FileChange(path="calc/ops.py", before="a\n", after="b\n"),))
SECRETS = Scrubber(["do-not-leak-this"])


def describe(model, template: Template = TEMPLATE):
    llm = MeteredModel(
        lambda: model,
        Spend(prices=PROFILES["claude-sonnet-5-5"].prices, max_cost_usd=1.0),
        max_output_tokens=8_000,
        prompt_token_limit=100_000,
        chars_per_token=4.0,
    )
    return Describer(llm, SECRETS, "t0k3n").describe(
        template,
        plan=PLAN,
        title=PLAN.title,
        issue_number=1,
        fenced_issue="<issue/>",
        changes=CHANGES,
        test=TestResult(),
    )


def test_a_filled_in_template_is_the_description_after_one_call():
    model = ScriptedModel(plan_answer=PLAN, descriptions=[FILLED])
    described = describe(model)
    assert described.text == FILLED.strip() and described.problems == [] and len(model.described) == 1
    assert TEMPLATE.text in model.described[0].user and "calc/ops.py" in model.described[0].user


def test_an_unfilled_answer_is_repaired_once_with_its_problems_named():
    model = ScriptedModel(plan_answer=PLAN, descriptions=[TEMPLATE.text, FILLED])
    described = describe(model)
    assert described.text == FILLED.strip() and len(model.described) == 2
    assert TEMPLATE.text.splitlines()[0] in model.described[1].user  # the rejected answer is shown again


def test_an_answer_that_stays_unfilled_is_given_up_with_its_problems():
    model = ScriptedModel(plan_answer=PLAN, descriptions=[TEMPLATE.text])
    described = describe(model)
    assert described.text is None and described.problems and len(model.described) == 2
    assert described.reason == "the description still had problems after one repair round"


def test_a_failing_call_is_never_fatal_and_its_message_is_scrubbed():
    class Failing(ScriptedModel):
        def describe(self, prompt: Prompt, *, max_output_tokens: int) -> Completion[str]:
            raise ModelError("the API said do-not-leak-this")

    described = describe(Failing(plan_answer=PLAN))
    assert described.text is None and "the model call failed" in described.reason
    assert "do-not-leak-this" not in described.reason


def test_an_oversized_template_is_not_sent():
    model = ScriptedModel(plan_answer=PLAN)
    described = describe(model, Template("t.md", "x" * (MAX_TEMPLATE_CHARS + 1), "named"))
    assert described.text is None and "over 20,000" in described.reason and model.described == []


def test_the_description_is_taken_from_its_tags_without_booty_s_marker_and_scrubbed():
    describer = Describer(None, SECRETS, "t")
    answer = f"Sure!\n<description>\n## What\n\nUses do-not-leak-this. {pr_marker(1)}\n</description>\nDone."
    assert describer.clean(answer, 1) == f"## What\n\nUses {SECRETS.scrub('do-not-leak-this')}."
