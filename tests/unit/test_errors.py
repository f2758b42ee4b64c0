"""One error hierarchy: every error is a BootyError, and its ``status`` is the run's outcome; one
mapping (``failure_of``) from an error to the status and message a run ends with, for the action's
entry point and for a tracked pipeline run alike."""

from __future__ import annotations

import pytest

from booty import errors
from booty.errors import failure_of
from booty.main import run_tracked
from booty.models import Outcome, Status, Trigger
from booty.pipeline import Finished, Report

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


def _error_classes(base: type = errors.BootyError) -> list[type]:
    found = [base]
    for sub in base.__subclasses__():
        found += _error_classes(sub)
    return found


@pytest.mark.parametrize("kind", _error_classes(), ids=lambda k: k.__name__)
def test_every_booty_error_ends_in_its_own_status_with_its_message(kind):
    status, message = failure_of(kind("What the maintainer should do."))
    assert status is Status(kind.status) and message == "What the maintainer should do."


def test_the_statuses_errors_end_in():
    assert failure_of(errors.Unauthorized("no"))[0] is Status.UNAUTHORIZED
    assert failure_of(errors.BudgetExceeded("big"))[0] is Status.BUDGET_EXCEEDED
    assert failure_of(errors.PushRejected("stale"))[0] is Status.ERROR
    assert failure_of(errors.OutputTruncated("cut"))[0] is Status.ERROR


def test_any_other_exception_is_an_unexpected_error_named_by_its_type():
    assert failure_of(KeyError("plan")) == (Status.ERROR, "Unexpected error (KeyError): 'plan'")
    assert failure_of(RuntimeError("boom")) == (Status.ERROR, "Unexpected error (RuntimeError): boom")


class _Tracker:
    def __init__(self) -> None:
        self.finished: list[Outcome] = []

    def finish(self, outcome: Outcome, notes: tuple[str, ...] = ()) -> None:
        self.finished.append(outcome)


class _FailingPipeline:
    """The part of ``Pipeline`` that ``run_tracked`` uses, failing with ``error``."""

    def __init__(self, error: Exception) -> None:
        self.error, self.tracker = error, _Tracker()

    def run(self, trigger: Trigger, issue: object = None) -> Finished:
        raise self.error

    def failed(self, status: Status, message: str) -> Finished:
        return Finished(Outcome(status=status, message=message), Report())


@pytest.mark.parametrize(
    "error", [errors.Unauthorized("@x may not"), errors.ModelError("down"), ZeroDivisionError("0")]
)
def test_a_tracked_run_ends_as_the_mapping_says_and_the_comment_says_so(error):
    pipeline = _FailingPipeline(error)
    outcome = run_tracked(pipeline, Trigger(issue_number=1, actor="a", event_name="issues")).outcome  # type: ignore[arg-type]
    assert (outcome.status, outcome.message) == failure_of(error)
    assert pipeline.tracker.finished == [outcome]
