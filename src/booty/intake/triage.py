"""The issue-tracker side of a run: who may start it, and the labels that say where an issue stands.

A failed label change never stops a run: it becomes a note for the maintainer, returned to the
caller with the result.
"""

from __future__ import annotations

from booty.errors import BootyError, Unauthorized
from booty.intake.controls import strip_controls
from booty.models import Issue, Trigger
from booty.ports import WRITER_ROLES, CodeHost

NEEDS_INFO_LABEL = "booty:needs-info"


class Triage:
    def __init__(self, host: CodeHost, *, trigger_label: str, allowed_bots: tuple[str, ...]) -> None:
        self.host = host
        self.trigger_label = trigger_label
        self.allowed_bots = allowed_bots

    def authorize(self, trigger: Trigger) -> None:
        """Raise Unauthorized unless the actor may write to the repository (or is an allowed bot)."""
        if trigger.actor_is_bot:
            if trigger.actor in self.allowed_bots:
                return  # named by the workflow's author; GitHub gives app bots no collaborator role to check
            raise Unauthorized(f"@{trigger.actor} is a bot; add it to `allowed_bots` to let it start Booty.")
        permission = self.host.permission(trigger.actor)
        if permission not in WRITER_ROLES:
            raise Unauthorized(
                f"@{trigger.actor} has '{permission}' permission on this repository; Booty runs only for people with write access."
            )

    def ask(self, issue: Issue, questions: list[str]) -> tuple[str, list[str]]:
        """Mark ``issue`` as needing information; the message asking ``questions``, and the notes.

        The trigger label comes off, so that adding it again once the issue is edited starts a run.
        """
        notes = []
        try:
            self.host.add_label(issue.number, NEEDS_INFO_LABEL)
        except BootyError as err:
            notes.append(f"Could not add the `{NEEDS_INFO_LABEL}` label: {err}")
        if self.trigger_label in issue.labels:
            notes += self._unlabel(issue.number, self.trigger_label)
        asks = "\n".join(f"{i}. {strip_controls(q)}" for i, q in enumerate(questions, 1))
        message = (
            f"Booty needs more information before it can change code:\n\n{asks}\n\n"
            f"Edit the issue, then add the `{self.trigger_label}` label again (or comment `/booty`)."
        )
        return message, notes

    def answered(self, issue: Issue) -> list[str]:
        """An earlier run asked for information and the issue is actionable now: drop the label."""
        return self._unlabel(issue.number, NEEDS_INFO_LABEL) if NEEDS_INFO_LABEL in issue.labels else []

    def _unlabel(self, number: int, label: str) -> list[str]:
        try:
            self.host.remove_label(number, label)
        except BootyError as err:
            return [f"Could not remove the `{label}` label: {err}"]
        return []
