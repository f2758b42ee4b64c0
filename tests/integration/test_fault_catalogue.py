"""Every fault of the catalogue (tests/integration/faults.py), at every boundary, through the whole
action: persistent, it ends with a truthful status and leaves nothing behind; once, where retrying
makes sense, the run still delivers."""

from __future__ import annotations

import pytest

from tests.support.faults import CASES, can_make_unwritable, check_persistent, check_retried


@pytest.fixture
def scenario(scenario, request):
    case = request.getfixturevalue("case")
    if case.boundary == "workspace" and not can_make_unwritable(scenario.tmp):
        pytest.skip("this machine cannot make a file unwritable (not root with chattr, nor a plain user)")
    return scenario


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_a_persistent_fault_ends_truthfully_and_leaves_nothing_behind(scenario, case):
    check_persistent(scenario, case)


@pytest.mark.parametrize("case", [c for c in CASES if c.retried], ids=lambda c: c.name)
def test_one_occurrence_is_retried_and_the_run_delivers(scenario, case):
    check_retried(scenario, case)
