"""GitHub's REST API failing, injected by the fake GitHub, through the whole action."""

from __future__ import annotations

import pytest

from tests.integration.faults import cases, check_persistent, check_retried

CASES = cases("github")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_a_persistent_fault_ends_truthfully_and_leaves_nothing_behind(scenario, case):
    check_persistent(scenario, case)


@pytest.mark.parametrize("case", [c for c in CASES if c.retried], ids=lambda c: c.name)
def test_one_occurrence_is_retried_and_the_run_delivers(scenario, case):
    check_retried(scenario, case)
