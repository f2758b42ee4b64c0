"""A malformed or mismatched GITHUB_REPOSITORY is the runner's error, not the actor's (issue 15,
class 3): status `error`, exit 1, a message naming the variable and what was expected, and not a
single request to GitHub or the model. Through booty.main against the fakes."""

from __future__ import annotations

import pytest

from tests.support.promises import Snapshot, broken_promises
from tests.support.scenario import scripted_fix

MALFORMED = {
    "no slash": ("octo-org", "which has no slash"),
    "an extra segment": ("octo-org/demo/extra", "which has 3 segments"),
    "a URL": ("https://github.com/octo-org/demo", "segments"),
    "'..' as the name": ("octo-org/..", "'.' or '..'"),
    "'..' as the owner": ("../demo", "'.' or '..'"),
    "'..' in between": ("octo-org/../demo", "which has 3 segments"),
    "no name": ("octo-org/", "holds a character"),
    "no owner": ("/demo", "holds a character"),
    "a space": ("octo org/demo", "holds a character"),
    "a trailing newline": ("octo-org/demo\n", "holds a character"),
}


def run_refused(s, value: str, says: str, *, event_repository: str | None = None):
    s.labeled()
    if event_repository is not None:
        s.event["repository"] = {"full_name": event_repository}
    scripted_fix(s)
    s.env["GITHUB_REPOSITORY"] = value
    before = Snapshot.of(s)
    code, out = s.run()
    assert (code, out["status"]) == (1, "error"), s.summary
    assert "GITHUB_REPOSITORY" in s.summary and says in s.summary
    assert s.github.requests == [] and s.model.requests == [] and s.model.count_requests == []
    assert broken_promises(s, before, code, out) == []
    return out


@pytest.mark.parametrize("value, says", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_repository_variable_is_an_error_before_any_request(scenario, value, says):
    run_refused(scenario, value, says)
    assert "expected `owner/name`" in scenario.summary


@pytest.mark.parametrize("value", ["octo-org/other", "someone-else/demo", "octo-org/demo-fork"])
def test_a_repository_variable_naming_another_repository_than_the_event_is_an_error(scenario, value):
    run_refused(scenario, value, "repository.full_name", event_repository="octo-org/demo")
    assert "'octo-org/demo'" in scenario.summary


def test_the_event_repository_may_differ_in_letter_case_only(scenario):
    s = scenario.labeled()
    s.event["repository"] = {"full_name": "Octo-Org/Demo"}
    scripted_fix(s)
    code, out = s.run()
    assert (code, out["status"]) == (0, "pr_opened"), s.summary
