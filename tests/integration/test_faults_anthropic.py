"""Claude failing in every way the Messages API can, injected by the fake server, through the whole action."""

from __future__ import annotations

import time

from tests.fakes.anthropic_server import Fault, is_plan_call
from tests.support.faults import PERSISTENT, case_named, prepare, run_under
from tests.support.promises import FAST_MODEL, broken_promises


def plan_calls(s) -> list[float]:
    return [t for t, body in zip(s.model.arrivals, s.model.requests, strict=False) if is_plan_call(body)]


def test_transport_retries_are_bounded_and_back_off_exponentially(scenario):
    s = scenario
    case = case_named("anthropic_500")
    prepare(s, case)
    s.model.fail_next(*[Fault.server_error()] * PERSISTENT, on="plan")
    s.inputs.update(FAST_MODEL, llm_backoff_s="0.2")
    code, out = s.run()

    calls = plan_calls(s)
    assert out["status"] == "error" and len(calls) == 3  # llm_attempts in all, then a clear stop
    first, second = calls[1] - calls[0], calls[2] - calls[1]
    assert 0.2 <= first < 0.4 and 0.4 <= second < 0.7
    assert "gave up after 3 attempts" in s.summary


def test_retry_after_from_the_api_is_waited_for(scenario):
    s = scenario
    case = case_named("anthropic_429_retry_after")
    prepare(s, case)
    s.model.fail_next(Fault.rate_limited(retry_after=0.5), on="plan")
    run = run_under(s)

    calls = plan_calls(s)
    assert run.out["status"] == "pr_opened" and len(calls) == 2
    assert calls[1] - calls[0] >= 0.5


def test_a_retry_after_longer_than_booty_waits_stops_at_once(scenario):
    s = scenario
    case = case_named("anthropic_429_retry_after")
    prepare(s, case)
    s.model.fail_next(Fault.rate_limited(retry_after=3600), on="plan")
    started = time.monotonic()
    run = run_under(s)

    assert run.out["status"] == "error" and len(plan_calls(s)) == 1
    assert time.monotonic() - started < 10
    assert "asks to wait 3600 s" in s.github.comments_on(s.issue_number)[0]["body"]
    assert broken_promises(s, run.before, run.code, run.out) == []


def test_an_editor_failure_among_parallel_files_pushes_none_of_them(scenario):
    from tests.support.scripted import Scripted, plan, whole_file

    s = scenario
    case = case_named("anthropic_500")
    prepare(s, case)
    changes = [
        {"path": "calc/ops.py", "action": "modify", "reason": "Guard b == 0."},
        {"path": "calc/errors.py", "action": "create", "reason": "A module for the error."},
    ]
    s.model.respond_with(
        Scripted(
            plan(changes=changes),
            {
                "calc/ops.py": [whole_file("calc/ops.py", "def add(a, b):\n    return a + b\n")],
                "calc/errors.py": [
                    whole_file("calc/errors.py", "class DivideError(ValueError):\n    pass\n")
                ],
            },
        )
    )
    s.model.fail_next(*[Fault.server_error()] * PERSISTENT, on="edit")
    run = run_under(s)

    assert run.out["status"] == "error"
    assert not (s.work / "calc/errors.py").exists()
    assert broken_promises(s, run.before, run.code, run.out) == []
