"""Behaviour of the shared domain types (booty.models)."""

from __future__ import annotations

from booty.models import Status


def test_exit_codes_follow_status():
    assert Status.PR_OPENED.exit_code == 0 and Status.SKIPPED.exit_code == 0 and Status.NEEDS_INFO.exit_code == 0
    assert Status.ERROR.exit_code == 1 and Status.VALIDATION_FAILED.exit_code == 1 and Status.BUDGET_EXCEEDED.exit_code == 1
