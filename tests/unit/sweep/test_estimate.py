"""issue_cost(): Booty's own prompts, priced at the profile's prices, never above the run's cap."""

from __future__ import annotations

from booty.claude.profiles import DEFAULT_MODEL, PROFILES
from booty.locate.index import build_index
from booty.models import Issue
from booty.sweep.estimate import EDIT_OUTPUT_TOKENS, PLAN_OUTPUT_TOKENS, issue_cost

PROFILE = PROFILES[DEFAULT_MODEL]
SMALL = {"calc/ops.py": b"def divide(a, b):\n    return a / b\n", "README.md": b"# calc\n"}


def index_of(files: dict[str, bytes]):
    return build_index(sorted(files), files.get, never_read=lambda p: False)


def cost(issue: Issue, files=SMALL, cap: float = 2.0, guidance: str = "") -> float:
    return issue_cost(
        issue, index_of(files), budget=13_000, guidance=guidance, profile=PROFILE, max_cost_usd=cap
    )


ISSUE = Issue(number=1, title="divide crashes", body="divide(1, 0) raises ZeroDivisionError in calc/ops.py")


def test_the_estimate_prices_at_least_the_answers_and_grows_with_the_prompt():
    floor = (PLAN_OUTPUT_TOKENS + EDIT_OUTPUT_TOKENS) * PROFILE.prices.output / 1e6  # $/Mtok
    small = cost(ISSUE)
    assert small > floor
    big_file = {**SMALL, "calc/ops.py": SMALL["calc/ops.py"] + b"# padding line for the prompt\n" * 2000}
    assert cost(ISSUE, big_file) > small  # the file ranked first is in the editor prompt
    assert cost(ISSUE, guidance="Follow PEP 8. " * 500) > small


def test_no_estimate_exceeds_the_runs_own_cap():
    assert cost(ISSUE, cap=0.001) == 0.001


def test_an_empty_repository_still_prices_the_planning_call():
    only_plan = cost(ISSUE, files={})
    assert 0 < only_plan < cost(ISSUE)
