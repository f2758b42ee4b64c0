"""After a round: the answers in their threads, the reply to a ``/booty`` command, the pull
request's files and cost sections, and the reviewers asked to look again. Through the host port
only; a failed write becomes a note for the maintainer and never undoes the pushed commit."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from booty.errors import BootyError
from booty.models import Usage
from booty.ports import ReviewHost
from booty.review.answers import Answered, reply_text
from booty.review.models import FollowUpRequest, PullInfo
from booty.review.rollup import cost_section, files_section, replace_section, section_text
from booty.review.threads import reviewers_to_ask

FILES_TITLE, COST_TITLE = "Files changed", "Cost"


@dataclass
class Answering:
    host: ReviewHost
    pr: PullInfo
    notes: list[str]

    def reply_in_threads(self, answers: list[Answered], sha: str) -> Counter[str]:
        """One reply per answer, in its own thread; returns how many of each verdict were posted."""
        posted: Counter[str] = Counter()
        for answer in answers:
            try:
                self.host.reply(self.pr.number, answer.thread_id, reply_text(answer, sha))
                posted[answer.verdict] += 1
            except BootyError as err:
                self.notes.append(f"Could not reply in review thread {answer.thread_id}: {err}")
        return posted

    def reply_to_command(self, request: FollowUpRequest, message: str, summary: str) -> None:
        """A ``/booty`` comment is answered in the pull request's conversation."""
        quoted = "\n".join(f"> {line}" for line in (f"/booty {request.instruction}".strip()).splitlines()[:5])
        body = (
            f"{quoted}\n\n{message}"
            + (f"\n\n{summary}" if summary else "")
            + "\n\n_Booty, answering a `/booty` request._"
        )
        try:
            self.host.comment_on_pull(self.pr.number, body)
        except BootyError as err:
            self.notes.append(f"Could not answer the `/booty` comment: {err}")

    def update_body(
        self, files: list[tuple[str, str]], *, round_number: int, model: str, usage: Usage, cost_usd: float
    ) -> None:
        """The pull request's files (against its base, after this round) and its cost, with this round's line."""
        body = replace_section(self.pr.body, FILES_TITLE, files_section(files))
        body = replace_section(
            body,
            COST_TITLE,
            cost_section(section_text(body, COST_TITLE), round_number, model, usage, cost_usd),
        )
        try:
            self.host.update_pull_request(self.pr.number, title=self.pr.title, body=body)
        except BootyError as err:
            self.notes.append(f"Could not update the pull request's description: {err}")

    def ask_again(self, booty: set[str]) -> list[str]:
        """Re-request the reviews of those who still request changes; returns who was asked."""
        try:
            logins = reviewers_to_ask(self.host.reviews(self.pr.number), booty)
            if logins:
                self.host.request_reviewers(self.pr.number, logins)
            return logins
        except BootyError as err:
            self.notes.append(f"Could not ask the reviewers to review again: {err}")
            return []

    def resolve(self, node_ids: list[str]) -> None:
        """Resolve the threads answered `fixed` (their GraphQL ids; '' when unknown)."""
        for node_id in node_ids:
            if not node_id:
                self.notes.append("A thread answered `fixed` was not resolved: its GraphQL id is unknown.")
                continue
            try:
                self.host.resolve_thread(node_id)
            except BootyError as err:
                self.notes.append(f"Could not resolve review thread {node_id}: {err}")
