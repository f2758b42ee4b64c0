"""One error hierarchy: every error is a BootyError, and its ``status`` is the run's outcome."""

from __future__ import annotations

import pytest

from booty import errors
from booty.models import Status

ERRORS = [
    value for value in vars(errors).values() if isinstance(value, type) and issubclass(value, Exception)
]


def test_every_error_is_a_booty_error_whose_status_is_an_outcome():
    assert len(ERRORS) >= 10
    for error in ERRORS:
        assert issubclass(error, errors.BootyError)
        assert Status(error.status) in Status  # main turns it into the run's status


@pytest.mark.parametrize(
    "error, status",
    [(errors.Unauthorized, Status.UNAUTHORIZED), (errors.BudgetExceeded, Status.BUDGET_EXCEEDED),
     (errors.ConfigError, Status.ERROR), (errors.PushRejected, Status.ERROR), (errors.OutputTruncated, Status.ERROR)],
)  # fmt: skip
def test_a_refusal_is_its_own_outcome_and_a_failure_is_an_error(error, status):
    assert Status(error("x").status) is status


def test_the_families_the_adapters_translate_into():
    assert issubclass(errors.NotFound, errors.CodeHostError) and issubclass(
        errors.PermissionDenied, errors.CodeHostError
    )
    assert issubclass(errors.OutputTruncated, errors.ModelError) and issubclass(
        errors.PushRejected, errors.WorkspaceError
    )


def test_the_message_is_shown_as_written():
    assert str(errors.ConfigError("Set `github_token`.")) == "Set `github_token`."
