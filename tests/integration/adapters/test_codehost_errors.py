"""GitHubCodeHost's failures against FakeGitHub's injected faults: every GitHub error becomes a
``booty.errors`` error whose message says what to do, retries are bounded, and no token leaks."""

from __future__ import annotations

import pytest

from booty.adapters.codehost import GitHubCodeHost
from booty.errors import CodeHostError, NotFound, PermissionDenied
from tests.fakes.github_server import ACTIONS_MAY_NOT_CREATE_PRS, SECONDARY_RATE_LIMIT, FakeGitHub
from tests.support.codehost import MARKER, TOKEN, calls


def test_rejected_token_is_explained_without_leaking_it(fake: FakeGitHub) -> None:
    host = GitHubCodeHost(
        token="ghp_wrong_token_value", repository=fake.repository, api_url=fake.api_url, throttle=False
    )
    with pytest.raises(CodeHostError, match="token was rejected") as caught:
        host.get_issue(1)
    assert "ghp_wrong_token_value" not in str(caught.value)


def test_missing_issue_is_not_found_naming_it(fake: FakeGitHub, host: GitHubCodeHost) -> None:
    with pytest.raises(NotFound, match=r"issue #99 was not found in octo-org/demo"):
        host.get_issue(99)


def test_actions_may_not_create_prs_names_the_setting(fake: FakeGitHub, host: GitHubCodeHost) -> None:
    fake.fail_next("POST", r"/pulls$", 403, body=ACTIONS_MAY_NOT_CREATE_PRS)
    with pytest.raises(PermissionDenied) as caught:
        host.open_pull_request(title="t", body="b", head="agent/issue-7", base="main", draft=False)
    assert (
        "Settings → Actions → General → Workflow permissions → check "
        "'Allow GitHub Actions to create and approve pull requests'"
    ) in str(caught.value)
    assert fake.pulls == {} and calls(fake, "POST", "/pulls") == 1  # a refusal is not retried


@pytest.mark.parametrize(
    ("action", "method", "path", "needs"),
    [
        (lambda h: h.upsert_comment(1, MARKER, "x"), "POST", r"/issues/1/comments$", "issues: write"),
        (lambda h: h.add_label(1, "x"), "POST", r"/labels$", "issues: write"),
        (
            lambda h: h.update_pull_request(2, title="t", body="b"),
            "PATCH",
            r"/pulls/2$",
            "pull-requests: write",
        ),
    ],
)
def test_other_403_names_the_missing_permission(fake, host, action, method, path, needs) -> None:
    fake.add_issue("Bug")
    fake.add_pull("t", "b", head="x")
    fake.files["a.txt"] = "a"
    fake.fail_next(method, path, 403, body="Resource not accessible by integration")
    with pytest.raises(PermissionDenied, match=f"permissions: {needs}") as caught:
        action(host)
    assert "Resource not accessible by integration" in str(caught.value)


def test_422_carries_githubs_message(fake: FakeGitHub, host: GitHubCodeHost) -> None:
    host.open_pull_request(title="t", body="b", head="agent/issue-7", base="main", draft=False)
    with pytest.raises(CodeHostError, match="A pull request already exists for octo-org:agent/issue-7"):
        host.open_pull_request(title="t", body="b", head="agent/issue-7", base="main", draft=False)


def test_server_errors_on_reads_are_retried(fake: FakeGitHub, host: GitHubCodeHost) -> None:
    number = fake.add_issue("Bug")
    fake.fail_next("GET", rf"/issues/{number}$", 502, times=2)
    assert host.get_issue(number).title == "Bug"
    assert calls(fake, "GET", f"/issues/{number}") == 3


def test_server_errors_become_codehost_error_after_bounded_retries(
    fake: FakeGitHub, host: GitHubCodeHost
) -> None:
    fake.add_issue("Bug")
    fake.fail_next("GET", r"/issues/1$", 503, times=10)
    with pytest.raises(CodeHostError, match=r"503.*re-run the workflow"):
        host.get_issue(1)
    assert calls(fake, "GET", "/issues/1") == 4  # first try + 3 retries


def test_patient_policy_retries_too(fake: FakeGitHub) -> None:
    patient = GitHubCodeHost(token=TOKEN, repository=fake.repository, api_url=fake.api_url, throttle=True)
    fake.add_issue("Bug")
    fake.fail_next("GET", r"/issues/1$", 502)
    assert patient.get_issue(1).title == "Bug"  # the first retry does not back off
    assert calls(fake, "GET", "/issues/1") == 2


def test_server_error_on_post_is_not_retried(fake: FakeGitHub, host: GitHubCodeHost) -> None:
    fake.fail_next("POST", r"/pulls$", 502)
    with pytest.raises(CodeHostError, match="502"):
        host.open_pull_request(title="t", body="b", head="agent/issue-7", base="main", draft=False)
    assert calls(fake, "POST", "/pulls") == 1


@pytest.mark.parametrize("headers", [{}, {"Retry-After": "0"}])
def test_secondary_rate_limit_is_waited_out(fake: FakeGitHub, host: GitHubCodeHost, headers) -> None:
    fake.fail_next("POST", r"/pulls$", 403, body=SECONDARY_RATE_LIMIT, headers=headers)
    opened = host.open_pull_request(title="t", body="b", head="agent/issue-7", base="main", draft=False)
    assert list(fake.pulls) == [opened.number]
    assert calls(fake, "POST", "/pulls") == 2


def test_persistent_rate_limit_is_reported(fake: FakeGitHub, host: GitHubCodeHost) -> None:
    fake.add_issue("Bug")
    fake.fail_next("POST", r"/comments$", 403, body=SECONDARY_RATE_LIMIT, times=10)
    with pytest.raises(CodeHostError, match="rate limit") as caught:
        host.upsert_comment(1, MARKER, "x")
    assert not isinstance(caught.value, PermissionDenied)
    assert calls(fake, "POST", "/issues/1/comments") == 4  # first try + 3 retries


def test_429_and_a_distant_primary_reset_are_reported_with_when_to_retry(
    fake: FakeGitHub, host: GitHubCodeHost
) -> None:
    fake.add_issue("Bug")
    fake.fail_next("GET", r"/issues/1$", 429, body="Too Many Requests", times=10)
    with pytest.raises(CodeHostError, match=r"rate limit.*Re-run the workflow later"):
        host.get_issue(1)
    assert calls(fake, "GET", "/issues/1") == 4
    fake.fail_next(
        "POST",
        r"/pulls$",
        403,
        body="API rate limit exceeded for installation ID 1.",
        headers={"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "4102444800"},
    )
    with pytest.raises(CodeHostError, match=r"rate limit.*Re-run the workflow in about \d+ minutes"):
        host.open_pull_request(title="t", body="b", head="agent/issue-7", base="main", draft=False)
    assert calls(fake, "POST", "/pulls") == 1  # the reset is too far away to wait for


def test_messages_never_contain_the_token(fake: FakeGitHub, host: GitHubCodeHost) -> None:
    fake.add_pull("t", "b", head="agent/issue-7")
    fake.fail_next("PATCH", r"/pulls/1$", 409, body=f"conflict for token {TOKEN}")
    with pytest.raises(CodeHostError) as caught:
        host.update_pull_request(1, title="t", body="b")
    assert TOKEN not in str(caught.value) and "conflict for token ***" in str(caught.value)


def test_unreachable_github_is_a_codehost_error() -> None:
    with FakeGitHub(token=TOKEN) as gone:
        url = gone.api_url
    host = GitHubCodeHost(token=TOKEN, repository="octo-org/demo", api_url=url, throttle=False)
    with pytest.raises(CodeHostError, match="could not reach GitHub"):
        host.get_issue(1)
