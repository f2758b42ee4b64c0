"""One follow-up round on Booty's own pull request, through the ports (design.md section 1, for
a review instead of an issue): which request, whose, on which pull request; the threads to
answer; a structured revision with one answer per thread; the edits written and validated as for
an issue; one new commit on the same branch, pushed only as a fast-forward; then the answers.

Nothing is written to GitHub before the request is known to be a writer's, on an open pull
request of Booty's, under the follow-up limit, and not answered already.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

from booty.errors import BootyError, WorkspaceError, failure_of
from booty.intake.issue import clean_issue, fence_issue, too_large, unchecked_note
from booty.models import ChangeSet, Issue, Outcome, Status
from booty.pipeline import Finished, Pipeline, Report
from booty.ports import WRITER_ROLES, ReviewHost, RevisionWorkspace
from booty.prompts import guidance_block
from booty.publish.texts import BOT_NAME, handover_note
from booty.review.answering import Answering
from booty.review.answers import Answered, Revision, settle, without_commit
from booty.review.gate import booty_issue, closed_reason, ignored_actor, inline_command, not_booty_reason
from booty.review.lineage import added_by_people, people_note, rewritten
from booty.review.models import FollowUpRequest, PullInfo, Thread
from booty.review.prompt import diff_block, editor_rules, fence_review, files_block, revision_prompt
from booty.review.rollup import History, history_of, revision_commit_message, round_rollup, rounds_section
from booty.review.threads import oversized, threads_of, to_answer, with_resolution, writers_only
from booty.scrubbing import scrubbed_plan


def follow_up(
    request: FollowUpRequest,
    *,
    host: ReviewHost,
    repository: str,
    max_followups: int,
    start: Callable[[int], FollowUp],
) -> tuple[Outcome, Report]:
    """Decide whether to answer ``request`` and, if so, run one round; ``start(issue)`` builds the
    round's pipeline with its tracker on the issue. Refusals write nothing to GitHub."""

    def quiet(status: Status, message: str) -> tuple[Outcome, Report]:
        return Outcome(status=status, message=message), Report()

    if request.actor_is_bot or request.actor.endswith("[bot]") or request.actor == BOT_NAME:
        return quiet(Status.SKIPPED, f"@{request.actor} is a bot; follow-ups are taken from people only.")
    pr = host.get_pull(request.pr_number)
    if why := ignored_actor(request, pr):
        return quiet(Status.SKIPPED, why)
    issue_number = booty_issue(pr, repository)
    if issue_number is None:
        return quiet(Status.SKIPPED, not_booty_reason(pr, repository))
    if why := closed_reason(pr):
        return quiet(Status.SKIPPED, why)
    if request.review_comment_id is not None:  # an inline `/booty`: its review's request (one run per review)
        inline = inline_command(request, host.reviews(pr.number))
        if isinstance(inline, str):
            return quiet(Status.SKIPPED, inline)
        request = inline
    permission = host.permission(request.actor)
    if permission not in WRITER_ROLES:
        return quiet(
            Status.UNAUTHORIZED,
            f"@{request.actor} has '{permission}' permission on this repository; "
            "Booty answers reviews only from people with write access.",
        )
    issue = host.get_issue(issue_number)
    history = history_of(issue.comments, issue_number, booty={pr.author, BOT_NAME})
    if request.key in history.keys:
        return quiet(
            Status.SKIPPED,
            f"{request.key.replace('-', ' ')} was already answered (round "
            f"{history.keys.index(request.key) + 1}); nothing to do.",
        )
    if history.rounds >= max_followups and history.capped:
        return quiet(
            Status.FOLLOWUP_LIMIT,
            f"#{pr.number} reached the follow-up limit ({max_followups}) and Booty said so.",
        )
    pipeline = start(issue_number)
    pipeline.tracker.appendix = rounds_section(history)
    try:
        if history.rounds >= max_followups:
            finished = pipeline.stop_at_limit(pr, history, max_followups)
        else:
            finished = pipeline.revise(request, pr, issue, history)
    except Exception as err:  # a truthful status, as for issue runs
        finished = pipeline.failed(*failure_of(err))
    pipeline.tracker.finish(finished.outcome, finished.report.notes)
    return finished.outcome, finished.report


class FollowUp(Pipeline):
    """The stages of a round; the pipeline's helpers (context, guidance, paths, authoring) as for issues.
    With ``resolve_threads``, the threads answered `fixed` by a pushed commit are resolved."""

    resolve_threads = False
    host: ReviewHost  # main.run_follow_up passes the review-capable adapters
    ws: RevisionWorkspace

    def _editor_rules(self) -> str:
        return editor_rules(self._token)

    def stop_at_limit(self, pr: PullInfo, history: History, limit: int) -> Finished:
        """Say once, on the pull request, that Booty stops here, and why."""
        note = (
            f"Booty has answered {history.rounds} review round(s) on this pull request, the limit "
            f"(`max_followups: {limit}`), and stops here: further reviews and `/booty` comments get no answer. "
            "A maintainer can raise `max_followups` in the workflow, or finish the change by hand."
        )
        try:
            self.host.comment_on_pull(pr.number, note)
        except BootyError as err:
            self._note(f"Could not say so on the pull request: {err}")
        self.tracker.appendix = rounds_section(history, capped_note=note)
        return self._outcome(Status.FOLLOWUP_LIMIT, note, pr=pr, branch=pr.head)

    def revise(self, request: FollowUpRequest, pr: PullInfo, issue: Issue, history: History) -> Finished:
        """One round; the work tree goes back to where it was unless a revision was pushed."""
        if self.ws.is_dirty():
            raise WorkspaceError(
                "The workspace has uncommitted changes; commit or stash them before running Booty."
            )
        start_branch = self.ws.head_branch() if self.ws.has_commits() else ""
        pushed = False
        try:
            finished = self._revise(request, pr, issue, history)
            pushed = finished.outcome.status is Status.REVISION_PUSHED
            return finished
        finally:
            if not pushed:
                self.ws.restore(start_branch)

    def _revise(self, request: FollowUpRequest, pr: PullInfo, issue: Issue, history: History) -> Finished:
        self.tracker.stage("review")
        booty = {pr.author, BOT_NAME}
        threads = threads_of(self.host.review_comments(pr.number))
        try:
            threads = with_resolution(threads, self.host.thread_states(pr.number))
        except BootyError as err:
            self._note(f"Could not read which review threads are resolved ({err}); all count as open.")
        chosen = [writers_only(t, booty) for t in to_answer(threads, request, booty)]
        self._round = _Round(
            request=request, pr=pr, issue_number=issue.number, history=history, threads=chosen
        )
        if why := oversized(request, chosen) or too_large(issue):
            return self._outcome(Status.BUDGET_EXCEEDED, why, pr=pr, branch=pr.head)
        if not request.instruction.strip() and not chosen:
            return self._outcome(
                Status.NO_CHANGES,
                "Nothing was asked: the request has no text and no review thread "
                "awaits an answer. Write what should change after `/booty`.",
                pr=pr,
                branch=pr.head,
            )
        if issue.unchecked_comments:
            self._note(unchecked_note(issue))
        issue = clean_issue(issue)

        self.tracker.stage("context")
        head = self.ws.check_out_pushed(pr.head)
        base = self.ws.fetch_base(pr.base)
        commits = self.ws.commits_since(base)
        if why := rewritten(commits, issue.number, pr.head, history.last_commit):
            return self._outcome(Status.BRANCH_MOVED, why, pr=pr, branch=pr.head)
        if added := added_by_people(commits, issue.number):
            self._note(people_note(added, pr.head))
        self.reader.learn_secrets(self.secrets)
        fenced_issue = self.secrets.scrub(fence_issue(issue, self._token))
        review = self.secrets.scrub(fence_review(request, chosen, self._token))
        files = self.secrets.scrub(files_block({t.path: self.reader.text(t.path) for t in chosen}))
        diff = diff_block(self.secrets.scrub(self.ws.diff(base)))
        query = "\n".join(
            [
                issue.title,
                issue.body,
                request.instruction,
                *(t.path for t in chosen),
                *(c.body for t in chosen for c in t.comments),
            ]
        )
        repo_map = self._context(query)

        self.tracker.stage("plan")
        prompt = revision_prompt(
            token=self._token,
            guidance=guidance_block(self._guidance()),
            repo_map=repo_map,
            files=files,
            base=pr.base,
            diff=diff,
            fenced_issue=fenced_issue,
            review=review,
        )
        revision = scrubbed_plan(self.llm.plan(prompt, Revision), self.secrets)
        assert isinstance(revision, Revision)  # asked for with its schema; scrubbing keeps the class
        answers, notes = settle(revision, chosen)
        self._note(*notes)
        writable, blocked, refused = self._sort_paths(revision.changes if revision.actionable else [])
        self._note(*(f"Left out {p.path}: {p.message}" for p in refused))
        if not writable and not blocked:
            return self._answered(
                Status.NO_CHANGES,
                "The review asked for no change Booty could make; the threads have their answers.",
                without_commit(answers),
            )

        authored = asyncio.run(self._author(revision, f"{fenced_issue}\n\n{review}", writable, blocked))
        self._add(test=authored.test)
        if authored.problems:
            return self._outcome(
                Status.VALIDATION_FAILED,
                f"The revision still had problems after {authored.rounds} attempt(s); nothing was committed, pushed "
                "or answered.",
                refused + authored.left_out + authored.problems,
                pr=pr,
                branch=pr.head,
            )
        self._note(*(f"Left out {p.path}: {p.message}" for p in authored.left_out))
        if authored.blocked:
            self._note(handover_note(authored.blocked))
        if authored.changes.is_empty:
            return self._answered(
                Status.NO_CHANGES, "The edits left every file as it was.", without_commit(answers)
            )

        self.tracker.stage("push")
        self.ws.apply({c.path: c.after for c in authored.changes.changes})
        sha = self.ws.commit(revision_commit_message(revision, issue.number, request.key))
        if sha is None:
            return self._answered(
                Status.NO_CHANGES, "The edits left every file as it was.", without_commit(answers)
            )
        self.ws.push_fast_forward(pr.head, head)
        self._add(diff=self.ws.diff(head), changes=authored.changes)
        return self._answered(
            Status.REVISION_PUSHED,
            f"Pushed {sha} to `{pr.head}`, a fast-forward from {head[:12]}.",
            answers,
            sha=sha,
            changes=authored.changes,
            base=base,
        )

    def _answered(
        self,
        status: Status,
        message: str,
        answers: list[Answered],
        *,
        sha: str = "",
        changes: ChangeSet | None = None,
        base: str = "",
    ) -> Finished:
        """Post the answers, record the round in the tracking comment, and say what happened."""
        r = self._round
        self.tracker.stage("answer")
        notes: list[str] = []  # what could not be done on GitHub, for the maintainer
        answering = Answering(host=self.host, pr=r.pr, notes=notes)
        answering.reply_in_threads(answers, sha)
        number = r.history.rounds + 1
        rollup = round_rollup(
            number=number,
            key=r.request.key,
            asked_by=r.request.actor,
            answers=answers,
            sha=sha,
            changes=changes,
            usage=self.spend.usage,
            cost_usd=self.spend.cost_usd,
            outcome=status.value,
        )
        if r.request.comment_id is not None:
            answering.reply_to_command(r.request, message, rollup.split("\n", 1)[1])
        if sha:
            answering.update_body(
                self.ws.changed_files(base),
                round_number=number,
                model=self.config.model,
                usage=self.spend.usage,
                cost_usd=self.spend.cost_usd,
            )
            if self.resolve_threads:
                nodes = {t.id: t.node_id for t in r.threads}
                answering.resolve([nodes.get(a.thread_id, "") for a in answers if a.verdict == "fixed"])
            asked = answering.ask_again({r.pr.author, BOT_NAME})
            if asked:
                message += " Review requested again from " + ", ".join(f"`{login}`" for login in asked) + "."
        self.tracker.appendix = rounds_section(r.history, rollup)
        self._note(*notes)
        return self._outcome(status, message, pr=r.pr, branch=r.pr.head)


@dataclass(frozen=True)
class _Round:
    """What the current round is about (set when the round starts)."""

    request: FollowUpRequest
    pr: PullInfo
    issue_number: int
    history: History
    threads: list[Thread]
