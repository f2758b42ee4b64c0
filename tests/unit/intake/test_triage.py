"""Who may start a run, and the labels that say where an issue stands; a failed label change is a note."""

from __future__ import annotations

import pytest

from booty.errors import CodeHostError, Unauthorized
from booty.intake.triage import NEEDS_INFO_LABEL, Triage
from booty.models import Trigger
from tests.support.ports import MemoryCodeHost


def triage(host: MemoryCodeHost, *, bots: tuple[str, ...] = ()) -> Triage:
    return Triage(host, trigger_label="agent", allowed_bots=bots)


def trigger(actor: str, *, bot: bool = False) -> Trigger:
    return Trigger(issue_number=1, actor=actor, event_name="issues", actor_is_bot=bot)


@pytest.mark.parametrize("role", ["admin", "maintain", "write"])
def test_people_with_write_access_may_start_a_run(role):
    host = MemoryCodeHost()
    host.permissions["alice"] = role
    assert triage(host).authorize(trigger("alice")) is None  # Unauthorized is raised otherwise


@pytest.mark.parametrize("role", ["triage", "read", "none"])
def test_others_may_not_and_the_message_names_their_permission(role):
    host = MemoryCodeHost()
    host.permissions["bob"] = role
    with pytest.raises(Unauthorized, match=f"@bob has '{role}' permission"):
        triage(host).authorize(trigger("bob"))


def test_a_bot_needs_to_be_named_in_allowed_bots_whatever_its_role():
    host = MemoryCodeHost()
    host.permissions["renovate[bot]"] = "write"
    with pytest.raises(Unauthorized, match="add it to `allowed_bots`"):
        triage(host).authorize(trigger("renovate[bot]", bot=True))
    triage(host, bots=("renovate[bot]",)).authorize(trigger("renovate[bot]", bot=True))


def test_asking_for_information_labels_the_issue_and_takes_the_trigger_label_off():
    host = MemoryCodeHost()
    number = host.add_issue("Thin", labels=("agent", "bug"))
    message, notes = triage(host).ask(host.get_issue(number), ["What should happen?", "Which file?\x1b[31m"])
    assert host.labels[number] == ["bug", NEEDS_INFO_LABEL] and notes == []
    assert "1. What should happen?\n2. Which file?" in message and "\x1b" not in message
    assert "add the `agent` label again" in message


def test_an_answered_issue_loses_the_needs_info_label():
    host = MemoryCodeHost()
    number = host.add_issue("Now clear", labels=(NEEDS_INFO_LABEL, "bug"))
    assert triage(host).answered(host.get_issue(number)) == []
    assert host.labels[number] == ["bug"]
    assert triage(host).answered(host.get_issue(number)) == []  # nothing to drop any more


def test_label_changes_that_fail_become_notes_and_never_stop_the_run():
    host = MemoryCodeHost()
    number = host.add_issue("Thin", labels=("agent", NEEDS_INFO_LABEL))
    host.refuse["add_label"] = CodeHostError("Resource not accessible by integration")
    host.refuse["remove_label"] = CodeHostError("Resource not accessible by integration")
    message, notes = triage(host).ask(host.get_issue(number), ["Why?"])
    assert "needs more information" in message
    assert triage(host).answered(host.get_issue(number)) == [
        f"Could not remove the `{NEEDS_INFO_LABEL}` label: Resource not accessible by integration"
    ]
    assert notes == [f"Could not add the `{NEEDS_INFO_LABEL}` label: Resource not accessible by integration",
                     "Could not remove the `agent` label: Resource not accessible by integration"]  # fmt: skip
