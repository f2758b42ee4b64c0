"""The ports and their in-memory fakes (tests.support.ports): each fake has every member of its port
and takes each call the way the real adapter does, so a pipeline test cannot pass on a call the
real run would fail."""

from __future__ import annotations

import inspect

import pytest

from booty.adapters.actions import RunnerIO
from booty.adapters.codehost import GitHubCodeHost
from booty.adapters.llm import ClaudeModel
from booty.adapters.workspace import GitWorkspace
from booty.models import Usage
from booty.ports import ROLES, WRITER_ROLES, CodeHost, Completion, Model, RunLog, Workspace
from tests.support.ports import MemoryCodeHost, MemoryLog, MemoryWorkspace, ScriptedModel

PAIRS = [(Workspace, MemoryWorkspace, GitWorkspace), (CodeHost, MemoryCodeHost, GitHubCodeHost),
         (Model, ScriptedModel, ClaudeModel), (RunLog, MemoryLog, RunnerIO)]  # fmt: skip


def members(port: type) -> set[str]:
    declared = {
        name for name, value in vars(port).items() if inspect.isfunction(value) and not name.startswith("_")
    }
    return declared | set(port.__annotations__)


def parameters(function) -> list[tuple[str, object]]:
    return [(p.name, p.kind) for p in inspect.signature(function).parameters.values()]


FAKES = {Workspace: lambda: MemoryWorkspace({"a.py": "x = 1\n"}), CodeHost: MemoryCodeHost,
         Model: lambda: ScriptedModel(plan_answer=None), RunLog: MemoryLog}  # fmt: skip


@pytest.mark.parametrize("port", FAKES, ids=lambda port: port.__name__)
def test_each_fake_has_every_member_of_its_port(port):
    fake = FAKES[port]()
    assert {name for name in members(port) if not hasattr(fake, name)} == set()


@pytest.mark.parametrize(("port", "fake", "real"), PAIRS, ids=[p.__name__ for p, _, _ in PAIRS])
def test_each_fake_takes_the_calls_the_real_adapter_takes(port, fake, real):
    for name in sorted(n for n in members(port) if inspect.isfunction(vars(port).get(n))):
        assert parameters(getattr(fake, name)) == parameters(getattr(real, name)), name
        assert inspect.iscoroutinefunction(getattr(fake, name)) == inspect.iscoroutinefunction(
            getattr(real, name)
        ), name


def test_a_completion_carries_its_value_and_what_it_cost():
    done = Completion("text", Usage(input_tokens=3, output_tokens=2))
    assert (done.value, done.usage.prompt_tokens, done.usage.output_tokens) == ("text", 3, 2)
    with pytest.raises(AttributeError):
        done.value = "other"  # frozen: a completion is a record of what happened


def test_one_definition_of_who_is_a_writer():
    """Who may start a run (triage), whose review Booty answers (review.followup) and whose comments the
    model reads (the GitHub code host): admin, maintain and write, named once, among the roles
    ``CodeHost.permission`` answers."""
    from booty.adapters import codehost
    from booty.intake import triage
    from booty.review import followup

    assert {"admin", "maintain", "write"} == WRITER_ROLES
    assert WRITER_ROLES < ROLES and {"triage", "read", "none"} == ROLES - WRITER_ROLES
    assert codehost.WRITER_ROLES is WRITER_ROLES and codehost.ROLES is ROLES
    assert triage.WRITER_ROLES is WRITER_ROLES and followup.WRITER_ROLES is WRITER_ROLES
