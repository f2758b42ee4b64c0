"""The one retry policy of GitHubCodeHost: 5xx and rate limits retried a bounded number of times, but
never a POST whose answer was lost or failed (GitHub may have made the pull request or comment)."""

from __future__ import annotations

import pytest
from urllib3.exceptions import ReadTimeoutError

from booty.adapters.codehost_retry import retry_policy

PATIENT, IMPATIENT = retry_policy(patient=True), retry_policy(patient=False)


@pytest.mark.parametrize(
    "method, status, retried",
    [("GET", 502, True), ("PATCH", 500, True), ("DELETE", 503, True), ("POST", 502, False), ("POST", 429, True),
     ("GET", 429, True), ("GET", 404, False), ("POST", 422, False)],
)  # fmt: skip
def test_which_answers_are_retried(method, status, retried):
    assert PATIENT.is_retry(method, status) is retried


def test_a_post_whose_answer_was_lost_is_not_sent_again_but_a_get_is():
    lost = ReadTimeoutError(None, "/repos/o/r/pulls", "read timed out")
    with pytest.raises(ReadTimeoutError):
        PATIENT.increment("POST", "/repos/o/r/pulls", error=lost)
    assert PATIENT.increment("GET", "/repos/o/r/pulls", error=lost).total == PATIENT.total - 1


def test_three_retries_then_pygithubs_own_error_and_no_waiting_against_local_fakes():
    assert PATIENT.total == IMPATIENT.total == 3 and not PATIENT.raise_on_status
    assert (PATIENT.backoff_factor, PATIENT.secondary_rate_wait) == (2.0, 60.0)
    assert (IMPATIENT.backoff_factor, IMPATIENT.secondary_rate_wait) == (0.0, 0.0)
