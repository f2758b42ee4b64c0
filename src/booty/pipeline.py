"""The stages of one run, in order (design.md section 1). I/O only through the injected ports."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from booty.edit.authoring import Author, Authored
from booty.errors import BaseBranchMissing, ConfigError, WorkspaceError
from booty.fences import fence
from booty.intake.issue import clean_issue, fence_issue, is_too_thin, too_large, unchecked_note
from booty.intake.triage import Triage
from booty.locate.guidance import guidance_documents
from booty.locate.repo_reader import RepoReader
from booty.locate.repository_map import MapRequest, RunMap, ranking_text, run_map
from booty.models import (
    ChangeSet,
    Issue,
    Outcome,
    Plan,
    PlannedChange,
    Problem,
    Status,
    TestResult,
    Trigger,
    Usage,
)
from booty.ports import CodeHost, Model, PullRef, Workspace
from booty.prompts import guidance_block, planner_prompt
from booty.publish.codeowners import LOCATIONS as CODEOWNERS_LOCATIONS
from booty.publish.codeowners import owners_note
from booty.publish.delivery import Delivery
from booty.publish.describing import Described, Describer, Template, fallback_note, used_note
from booty.publish.pr_templates import choose_template
from booty.publish.texts import (
    BOT_NAME,
    blocked_section,
    branch_name,
    commit_message,
    described_body,
    handover_note,
    pr_body,
    pr_sections,
    pr_title,
)
from booty.publish.tracking import Tracker
from booty.run_config import RunConfig
from booty.scrubbing import scrubbed_plan
from booty.spend.cap import Spend
from booty.spend.metered_model import MeteredModel
from booty.validate import check_content, check_leak_in_path, validate
from booty.validate.imports import workspace_modules
from booty.validate.paths import PathPolicy

MAX_DIFF_CHARS = 30_000  # a comment holds 65,536 characters
MANIFEST_TOP = 20  # files of the context manifest the job summary lists
# From this many tracked files, indexing takes a second or more (sympy's 2,000 take several), so
# the tracking comment is posted before it rather than at the first model call.
LARGE_REPOSITORY_FILES = 500
DEFAULT_TOKEN_NOTE = (
    "This pull request was opened with the default GITHUB_TOKEN, so GitHub will not start CI workflows "
    "on it. To get CI, pass a personal access token or a GitHub App token as `github_token`, or close and "
    "reopen the pull request."
)


@dataclass(frozen=True)
class Report:
    """What a run leaves for the job summary besides the outcome; each stage adds what it made."""

    manifest: str = ""
    diff: str = ""
    pr_preview: str = ""
    calls: tuple[tuple[str, Usage], ...] = ()  # (purpose, Usage) per model call
    changes: ChangeSet | None = None  # what was committed
    test: TestResult | None = None  # the test command's result, once the change was written
    notes: tuple[str, ...] = ()  # what the maintainer should know
    served_by: str = ""  # the provider, endpoint and pricing (empty: the Claude API with a key)


@dataclass(frozen=True)
class Finished:
    """A run's end: the outcome, and the report of what it did."""

    outcome: Outcome
    report: Report


class Pipeline:
    def __init__(
        self,
        *,
        config: RunConfig,
        workspace: Workspace,
        host: CodeHost,
        model_factory: Callable[[], Model],
        tracker: Tracker,
        new_token: Callable[[], str],
        run_tests: Callable[[str, Path, int], TestResult] | None = None,
        map_context: Callable[[MapRequest, Callable[[str], bytes | None]], RunMap] = run_map,
    ) -> None:
        self.config = config
        self.ws = workspace
        self.host = host
        self.tracker = tracker
        self.secrets = tracker.scrubber  # the run's one scrubber; it learns the never-read files below
        self._token = new_token()
        self._run_tests = run_tests
        self._map_context = map_context
        self.policy = PathPolicy(restricted=config.restricted_paths, root=Path(workspace.root))
        self.spend = Spend(prices=config.profile.prices, max_cost_usd=config.max_cost_usd)
        self._report = Report()  # replaced, never changed in place, as the stages report
        self._notes: tuple[str, ...] = config.model_notes
        self.llm = MeteredModel(
            model_factory,
            self.spend,
            max_output_tokens=config.max_output_tokens,
            prompt_token_limit=config.profile.context_window - config.max_output_tokens,
            chars_per_token=config.profile.chars_per_token,
        )
        self.reader = RepoReader(workspace, self.policy)
        self._indexed: dict[str, str] = {}  # path -> text of the files the context stage indexed
        self.triage = Triage(host, trigger_label=config.trigger_label, allowed_bots=config.allowed_bots)

    # ------------------------------------------------------------------ the stages

    def run(self, trigger: Trigger, issue: Issue | None = None) -> Finished:
        """Run every stage; the workspace is returned to its branch unless a change was committed."""
        self.tracker.stage("read")  # the run's first line, before any git command
        if self.ws.is_dirty():
            raise WorkspaceError(
                "The workspace has uncommitted changes; commit or stash them before running Booty."
            )
        start_branch = self.ws.head_branch() if self.ws.has_commits() else ""
        committed = False
        try:
            finished = self._run(trigger, issue)
            committed = finished.outcome.status in (Status.PR_OPENED, Status.PR_UPDATED, Status.DRY_RUN)
            return finished
        finally:
            if not committed:
                self.ws.restore(start_branch)

    def _run(self, trigger: Trigger, issue: Issue | None) -> Finished:
        if self.config.check_actor:
            self.triage.authorize(trigger)
        if issue is None:
            assert self.host is not None  # a local run brings its issue
            issue = self.host.get_issue(trigger.issue_number)
        if issue.is_pull_request:
            return self._outcome(Status.SKIPPED, f"#{issue.number} is a pull request; Booty works on issues.")
        if issue.state != "open":
            return self._outcome(Status.SKIPPED, f"#{issue.number} is {issue.state}; reopen it to run Booty.")
        if issue.locked:  # GitHub refuses the bot's comments there: no living comment, no run
            return self._outcome(
                Status.SKIPPED, f"#{issue.number} is locked; unlock it, then add the label again."
            )
        if oversized := too_large(issue):
            return self._outcome(Status.BUDGET_EXCEEDED, oversized)
        if issue.unchecked_comments:
            self._note(unchecked_note(issue))
        issue = clean_issue(issue)
        if is_too_thin(issue):
            return self._needs_info(
                issue, ["What should change, and where? Please describe the expected behaviour."]
            )

        self.tracker.stage("context")
        if len(self.ws.tracked_files()) >= LARGE_REPOSITORY_FILES:
            self.tracker.waiting()  # indexing takes seconds: the tracking comment is posted first
        branch = branch_name(issue.number)
        base, start = self._prepare_branch(branch)
        with self.policy.remembering():  # nothing changes the workspace while it is read here
            self.reader.learn_secrets(self.secrets)
            fenced = self.secrets.scrub(fence_issue(issue, self._token))
            repo_map = self._context(ranking_text(issue))

        self.tracker.stage("plan")
        prompt = planner_prompt(
            fenced_issue=fenced,
            token=self._token,
            repo_map=repo_map,
            guidance=guidance_block(self._guidance()),
        )
        plan = scrubbed_plan(self.llm.plan(prompt), self.secrets)
        if not plan.actionable:
            return self._needs_info(
                issue, plan.questions or ["Please add details: the plan found the issue not actionable."]
            )
        self._note(*self.triage.answered(issue))
        writable, blocked, refused = self._sort_paths(plan.changes)
        if not plan.changes:
            return self._outcome(Status.NO_CHANGES, "The plan found nothing to change in the repository.")
        if not writable and not blocked:
            return self._outcome(Status.VALIDATION_FAILED, "Every file the plan named was refused.", refused)

        authored = asyncio.run(self._author(plan, fenced, writable, blocked))
        self._add(test=authored.test)
        problems = refused + authored.left_out + authored.problems
        if authored.problems:
            return self._outcome(
                Status.VALIDATION_FAILED,
                f"The change still had problems after {authored.rounds} attempt(s); nothing was written or pushed.",
                problems,
            )
        self._note(*(f"Left out {p.path}: {p.message}" for p in refused + authored.left_out))
        if authored.blocked:
            self._note(handover_note(authored.blocked))
        if authored.changes.is_empty:
            if authored.blocked:
                return self._outcome(
                    Status.BLOCKED_PATH,
                    "The change only touches restricted files, which Booty may not write.\n\n"
                    + blocked_section(authored.blocked),
                    problems,
                )
            return self._outcome(Status.NO_CHANGES, "The edits left every file as it was.")

        return self._deliver(issue, plan, fenced, authored, branch, base, start)

    def _deliver(
        self, issue: Issue, plan: Plan, fenced: str, authored: Authored, branch: str, base: str, start: str
    ) -> Finished:
        """The validated change committed, described and published (or shown, in a dry run)."""
        title = pr_title(plan)
        template = self._pr_template()
        described = None
        if template is not None:
            self.tracker.stage("describe")
            described = Describer(self.llm, self.secrets, self._token).describe(
                template,
                plan=plan,
                title=title,
                issue_number=issue.number,
                fenced_issue=fenced,
                changes=authored.changes,
                test=authored.test,
            )
            self._note(used_note(template) if described.text else fallback_note(template, described))

        self.tracker.stage("commit" if self.config.dry_run else "push")
        self.ws.apply({c.path: c.after for c in authored.changes.changes})
        if self.ws.commit(commit_message(plan, issue.number)) is None:
            return self._outcome(Status.NO_CHANGES, "The edits left every file as it was.")
        self._add(diff=self.ws.diff(start), changes=authored.changes)
        sections = pr_sections(
            plan=plan,
            issue_number=issue.number,
            changes=authored.changes,
            usage=self.spend.usage,
            cost_usd=self.spend.cost_usd,
            model=self.config.model,
            served_by=self.config.served_by,
            test=authored.test,
            blocked=authored.blocked,
        )
        owners = owners_note(
            self.reader.first_file(CODEOWNERS_LOCATIONS), [c.path for c in authored.changes.changes]
        )
        body = self._body(
            sections, issue.number, template, described, [*self._notes, *self.llm.notes, *owners]
        )
        self._add(pr_preview=f"**{title}**\n\n{body}")
        if self.config.dry_run:
            return self._outcome(
                Status.DRY_RUN,
                f"Dry run: nothing was pushed. Booty would open this pull request:\n\n"
                f"<details><summary>{title}</summary>\n\n{body}\n</details>\n\n"
                f"<details><summary>Diff</summary>\n\n{fence(self._report.diff[:MAX_DIFF_CHARS], 'diff')}\n</details>",
                branch=branch,
            )
        return self._publish(issue.number, branch, base, title, body)

    # ------------------------------------------------------------------ helpers per stage

    def _prepare_branch(self, branch: str) -> tuple[str, str]:
        """The base branch and the start point of ``branch``, checked out. A default branch that
        origin lacks is asked of GitHub again (the event's is stale once the branch is renamed); a
        ``base_branch`` input that origin lacks is the workflow's mistake, said before any model call."""
        base = self.config.base_branch or self.host.default_branch()
        try:
            return base, self.ws.prepare_branch(branch, base)
        except BaseBranchMissing as missing:
            if self.config.base_branch:
                raise ConfigError(
                    f"{missing} Set the `base_branch` input to a branch of this repository, or leave it "
                    "empty for the default branch."
                ) from None
            current = self.host.default_branch(fresh=True)
            if current == base:
                raise
            return current, self.ws.prepare_branch(branch, current)

    def _context(self, issue_text: str) -> str:
        request = MapRequest(
            root=str(self.ws.root),
            readable=tuple(p for p in self.ws.tracked_files() if not self.policy.never_read(p)),
            issue_text=issue_text,
            budget=self.config.context_token_budget,
            chars_per_token=self.config.profile.chars_per_token,
            manifest_top=MANIFEST_TOP,
        )
        found = self._map_context(request, self.ws.read_bytes)
        self._add(manifest=found.manifest)
        self._indexed = found.texts
        return found.text

    def _guidance(self) -> dict[str, str]:
        """The repository's guidance documents that may be read, each once."""
        return guidance_documents(self.ws.tracked_files(), self.reader.text)

    def _pr_template(self) -> Template | None:
        """The repository's pull request template to fill in (see ``publish.pr_templates``), or None."""
        choices, notes = choose_template(self.ws.tracked_files(), self.config.pr_template)
        self._note(*notes)
        for choice in choices:
            if (text := self.reader.text(choice.path)) and text.strip():
                return Template(choice.path, text, choice.how)
        return None

    @staticmethod
    def _body(
        sections: dict[str, str],
        number: int,
        template: Template | None,
        described: Described | None,
        notes: list[str],
    ) -> str:
        if described is not None and described.text:
            return described_body(described.text, sections, number, notes)
        return pr_body(sections, number, template.text if template else None, notes)

    def _sort_paths(
        self, changes: list[PlannedChange]
    ) -> tuple[list[PlannedChange], list[PlannedChange], list[Problem]]:
        writable, blocked, refused, seen = [], [], [], set()
        for change in changes:
            if change.path in seen:
                continue
            seen.add(change.path)
            problem = (
                self.policy.check(change.path)
                or check_leak_in_path(change.path, self.secrets)
                or self.reader.not_editable(change)
            )
            if problem is None:
                writable.append(change)
            elif problem.kind == "blocked":
                blocked.append(change)
            else:
                refused.append(problem)
        return writable, blocked, refused

    async def _author(
        self, plan: Plan, fenced: str, writable: list[PlannedChange], blocked: list[PlannedChange]
    ) -> Authored:
        originals = {
            c.path: (None if self.policy.never_read(c.path) else self.reader.text(c.path))
            for c in writable + blocked
        }
        # The workspace is as it was indexed (only the plan came since): the index's texts serve.
        known = workspace_modules(
            self.ws.tracked_files(), lambda p: self._indexed.get(p) or self.reader.text(p)
        )
        author = Author(
            write=self.llm.write,
            originals=originals,
            validate=lambda cs: validate(
                cs, policy=self.policy, known=known, max_files=self.config.max_files, secrets=self.secrets
            ),
            screen=lambda path, before, after: check_content(path, before, after, self.secrets),
            scrub=self.secrets.scrub,
            fenced_issue=fenced,
            token=self._token,
            max_retries=self.config.max_retries,
            concurrency=self.config.concurrency,
            run_tests=self._test if self.config.test_command else None,
            on_stage=self.tracker.stage,
            rules=self._editor_rules(),
            editor_view=self.config.editor_view,
        )
        return await author.author(plan, writable, blocked)

    def _editor_rules(self) -> str:
        """The editor calls' untrusted-text rules; '' for the issue's (a follow-up adds the review's)."""
        return ""

    def _test(self, changes: ChangeSet) -> TestResult:
        assert (
            self._run_tests is not None
        )  # main always passes one; Author calls this only with a test_command
        self.tracker.stage("test")
        self.ws.apply({c.path: c.after for c in changes.changes})
        return self._run_tests(self.config.test_command, Path(self.ws.root), self.config.test_timeout_s)

    def _publish(self, number: int, branch: str, base: str, title: str, body: str) -> Finished:
        delivery = Delivery(workspace=self.ws, host=self.host, tracker=self.tracker, draft=self.config.draft)
        delivered = delivery.deliver(issue=number, branch=branch, base=base, title=title, body=body)
        pr = delivered.pr
        status, verb = (Status.PR_OPENED, "Opened") if delivered.opened else (Status.PR_UPDATED, "Updated")
        if self.config.default_token and pr.author == BOT_NAME:  # an App's token opens PRs as its own bot
            self._note(DEFAULT_TOKEN_NOTE)
        return self._outcome(
            status, f"{verb} pull request #{pr.number} from `{branch}` into `{base}`.", pr=pr, branch=branch
        )

    def _needs_info(self, issue: Issue, questions: list[str]) -> Finished:
        message, notes = self.triage.ask(issue, questions)
        self._note(*notes)
        return self._outcome(Status.NEEDS_INFO, message)

    def failed(self, status: Status, message: str) -> Finished:
        """The end of a run that raised: the cause, with what was spent and reported so far."""
        return self._outcome(status, message)

    # ------------------------------------------------------------------ the report, by value

    def _add(self, **facts: Any) -> None:  # Report's own fields, checked by replace()
        self._report = replace(self._report, **facts)

    def _note(self, *notes: str) -> None:
        self._notes = (*self._notes, *notes)

    def _outcome(
        self,
        status: Status,
        message: str,
        problems: Iterable[Problem] = (),
        *,
        pr: PullRef | None = None,
        branch: str = "",
    ) -> Finished:
        outcome = Outcome(
            status=status,
            message=message,
            problems=tuple(problems),
            pr_number=pr.number if pr else None,
            pr_url=pr.url if pr else "",
            branch=branch,
            usage=self.spend.usage,
            cost_usd=self.spend.cost_usd,
        )
        notes = (*self._notes, *self.llm.notes)
        return Finished(outcome, replace(self._report, calls=tuple(self.spend.calls), notes=notes))
