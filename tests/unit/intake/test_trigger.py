import pytest

from booty.errors import ConfigError, EventError
from booty.intake.trigger import default_branch_of, read_trigger, repository_of
from booty.models import Skip, Trigger


def labeled(label="agent", **issue):
    return {
        "action": "labeled",
        "label": {"name": label},
        "issue": {"number": 7, **issue},
        "sender": {"login": "maintainer", "type": "User"},
    }


def read(event_name, payload, issue_number_input=None):
    return read_trigger(event_name, payload, trigger_label="agent", issue_number_input=issue_number_input)


def test_trigger_label_starts_a_run():
    got = read("issues", labeled())
    assert got == Trigger(issue_number=7, actor="maintainer", event_name="issues")


@pytest.mark.parametrize(
    "event_name,payload,reason",
    [
        ("issues", labeled("bug"), "not the trigger label"),
        ("issues", {**labeled(), "action": "opened"}, "issues/opened"),
        ("issues", labeled(pull_request={"url": "x"}), "pull request"),
        ("push", {"ref": "refs/heads/main"}, "event 'push'"),
        (
            "issue_comment",
            {"action": "created", "issue": {"number": 7}, "comment": {"id": 1, "body": "looks good"}},
            "not a `/booty`",
        ),
    ],
)
def test_other_events_are_skipped_with_a_reason(event_name, payload, reason):
    got = read(event_name, payload)
    assert isinstance(got, Skip)
    assert reason in got.reason


def test_dispatch_takes_the_issue_number_from_the_event_or_the_input():
    payload = {"inputs": {"issue_number": "12"}, "sender": {"login": "m"}}
    assert read("workflow_dispatch", payload).issue_number == 12
    assert (
        read("workflow_dispatch", {"inputs": {}, "sender": {"login": "m"}}, issue_number_input=5).issue_number
        == 5
    )


def test_dispatch_without_number_is_an_event_error():
    with pytest.raises(EventError, match="issue_number"):
        read("workflow_dispatch", {"inputs": {}})


def test_booty_comment_is_a_trigger_for_its_issue():
    payload = {
        "action": "created",
        "issue": {"number": 3},
        "comment": {"id": 99, "body": "/booty please fix\nthanks"},
        "sender": {"login": "dependabot[bot]", "type": "Bot"},
    }
    got = read("issue_comment", payload)
    assert got.actor_is_bot and got.issue_number == 3 and got.actor == "dependabot[bot]"


@pytest.mark.parametrize(
    "payload", [[], "x", {"action": "labeled"}, {**labeled(), "issue": {"number": "abc"}}]
)
def test_malformed_payloads_raise_event_error(payload):
    with pytest.raises(EventError):
        read("issues", payload)


@pytest.mark.parametrize(
    "value",
    ["octo-org", "a/b/c", "a/..", "../b", "./b", "a/", "/b", "a b/c", "a/b\n", "a/b c", "a/b?x=1", "a/b#c"],
)
def test_a_malformed_repository_name_is_a_config_error_naming_the_variable(value):
    with pytest.raises(ConfigError, match=r"GITHUB_REPOSITORY is .*expected `owner/name`"):
        repository_of(value, {})


@pytest.mark.parametrize("value", ["octo-org/demo", "a/b.c", "my_org/.github", "o/repo-name_1.x"])
def test_well_formed_repository_names_pass(value):
    assert repository_of(value, {"repository": {"full_name": value.upper()}}) == value


def test_the_repository_must_be_the_events():
    with pytest.raises(ConfigError, match=r"'octo-org/demo'.*repository.full_name"):
        repository_of("octo-org/other", {"repository": {"full_name": "octo-org/demo"}})


def test_an_unset_repository_says_so():
    with pytest.raises(ConfigError, match="GITHUB_REPOSITORY is not set"):
        repository_of("", {})


def test_a_scheduled_sweep_job_runs_for_its_issue_as_the_schedules_author():
    """A scheduled run's payload has no sender; GITHUB_ACTOR is who last changed the cron line."""
    payload = {"schedule": "0 3 * * 1", "workflow": ".github/workflows/sweep.yml"}
    got = read_trigger("schedule", payload, trigger_label="agent", issue_number_input=5, runner_actor="mai")
    assert got == Trigger(issue_number=5, actor="mai", event_name="schedule")
    skipped = read_trigger(
        "schedule", payload, trigger_label="agent", issue_number_input=None, runner_actor="mai"
    )
    assert isinstance(skipped, Skip) and "names no issue" in skipped.reason
    with pytest.raises(EventError, match="no sender"):
        read_trigger("schedule", payload, trigger_label="agent", issue_number_input=5, runner_actor="")


@pytest.mark.parametrize(
    ("payload", "branch"),
    [
        ({"repository": {"full_name": "o/r", "default_branch": "trunk"}}, "trunk"),
        ({"repository": {"full_name": "o/r"}}, None),
        ({"repository": {"default_branch": ""}}, None),
        ({"repository": {"default_branch": ["main"]}}, None),
        ({"repository": "o/r"}, None),
        ([], None),
    ],
)
def test_the_default_branch_comes_from_the_payload_when_it_names_one(payload, branch):
    assert default_branch_of(payload) == branch
