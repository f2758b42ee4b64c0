"""What one issue's run should cost, told before any model call: Booty's own prompts, priced.

The planning call is the planner prompt a run would send (the issue cleaned and fenced, the
repository map packed from the same index and budget, the guidance) plus the plan tool's schema;
the editing call is the editor prompt for the file ranked first, with its edit instructions. The
answers are priced at typical lengths (``PLAN_OUTPUT_TOKENS``, ``EDIT_OUTPUT_TOKENS``). No run
can cost more than its own ``max_cost_usd``, so no estimate is higher either. An estimate is for
choosing a sweep's issues; each run's cap is what bounds the spend.
"""

from __future__ import annotations

import json

from booty.claude.profiles import ModelProfile
from booty.edit.formats import instructions_for
from booty.intake.issue import clean_issue, fence_issue
from booty.locate.repository_map import map_of_index, ranking_text
from booty.models import Issue, Plan, PlannedChange, RepoIndex, Usage
from booty.prompts import editor_prompt, planner_prompt
from booty.spend.cost import call_cost
from booty.spend.estimate import estimate_tokens

PLAN_OUTPUT_TOKENS = 1_200  # a plan naming one or two files, with reasons and criteria
EDIT_OUTPUT_TOKENS = 1_500  # a few SEARCH/REPLACE blocks, or a short whole file
_TAG = "0" * 16  # the fence token's length; its value does not change the count


def issue_cost(
    issue: Issue, index: RepoIndex, *, budget: int, guidance: str, profile: ModelProfile, max_cost_usd: float
) -> float:
    """The estimated cost in USD of Booty's run on ``issue`` (comments are not counted)."""
    cleaned = clean_issue(issue)
    fenced = fence_issue(cleaned, _TAG)
    found = map_of_index(index, ranking_text(cleaned), budget=budget, chars_per_token=profile.chars_per_token)
    plan_prompt = planner_prompt(fenced_issue=fenced, token=_TAG, repo_map=found.text(), guidance=guidance)
    schema = json.dumps(Plan.model_json_schema())
    calls = [Usage(input_tokens=_tokens(plan_prompt.system + plan_prompt.user + schema, profile),
                   output_tokens=PLAN_OUTPUT_TOKENS)]  # fmt: skip
    if found.ranked:
        top = next(f for f in index.files if f.path == found.ranked[0].path)
        change = PlannedChange(path=top.path, action="modify", reason=cleaned.title)
        plan = Plan(actionable=True, summary=cleaned.title, title=cleaned.title[:72], changes=[change])
        edit_prompt = editor_prompt(plan=plan, change=change, current=top.text,
                                    format_instructions=instructions_for(top.text), fenced_issue=fenced, token=_TAG)  # fmt: skip
        calls.append(Usage(input_tokens=_tokens(edit_prompt.system + edit_prompt.user, profile),
                           output_tokens=EDIT_OUTPUT_TOKENS))  # fmt: skip
    return min(max_cost_usd, sum(call_cost(profile.prices, u) for u in calls))


def _tokens(text: str, profile: ModelProfile) -> int:
    return estimate_tokens(text, profile.chars_per_token)
