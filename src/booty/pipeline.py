"""The stages of one run, in order (design.md section 1). I/O only through the injected ports."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from booty.authoring import Author
from booty.core.budget import MAP_CANDIDATES, context_manifest_markdown, pack, render_context
from booty.core.codeowners import LOCATIONS as CODEOWNERS_LOCATIONS, owners_note
from booty.core.guidance import USUAL_NAMES as GUIDANCE_NAMES, distinct, guidance_paths
from booty.core.index import build_index
from booty.core.issue import clean_issue, fence_issue, is_too_thin, too_large, unchecked_note
from booty.core.model_choice import DEFAULT_MAX_OUTPUT_TOKENS
from booty.core.model_profiles import ModelProfile
from booty.core.models import ChangeSet, Issue, Outcome, Plan, PlannedChange, Problem, Status, TestResult, Trigger
from booty.core.ports import CodeHost, Model, Workspace
from booty.core.publishing import (
    BOT_NAME,
    blocked_section,
    branch_name,
    commit_message,
    handover_note,
    pr_body,
    pr_sections,
    pr_title,
)
from booty.core.rank import rank
from booty.core.scrubbing import scrubbed_plan
from booty.core.spending import Spend
from booty.core.validate import check_content, check_leak_in_path, validate
from booty.core.validate.imports import workspace_modules
from booty.core.validate.paths import PathPolicy
from booty.delivery import Delivery
from booty.errors import WorkspaceError
from booty.metered_model import MeteredModel
from booty.prompts import guidance_block, planner_prompt
from booty.repo_reader import RepoReader
from booty.tracking import Tracker
from booty.triage import Triage

MAX_DIFF_CHARS = 30_000  # a comment holds 65,536 characters
MANIFEST_TOP = 20  # files of the context manifest the job summary lists
PR_TEMPLATES = (".github/pull_request_template.md", ".github/PULL_REQUEST_TEMPLATE.md", "pull_request_template.md")
DEFAULT_TOKEN_NOTE = (
    "This pull request was opened with the default GITHUB_TOKEN, so GitHub will not start CI workflows "
    "on it. To get CI, pass a personal access token or a GitHub App token as `github_token`, or close and "
    "reopen the pull request."
)


@dataclass(frozen=True)
class RunConfig:
    profile: ModelProfile  # what every request is shaped from, prices included
    max_output_tokens: int = DEFAULT_MAX_OUTPUT_TOKENS
    model_notes: tuple[str, ...] = ()  # what the model's shape ignored or assumed (for the summary)
    max_files: int = 10
    restricted_paths: tuple[str, ...] = ()
    context_token_budget: int = 13_000
    max_retries: int = 3
    max_cost_usd: float = 2.0
    allowed_bots: tuple[str, ...] = ()
    base_branch: str | None = None
    draft: bool = False
    dry_run: bool = False
    test_command: str = ""
    test_timeout_s: int = 600
    default_token: bool = False  # an installation token: the built-in GITHUB_TOKEN or a GitHub App's
    check_actor: bool = True  # False for `booty run`: whoever runs it locally holds the token
    trigger_label: str = "agent"
    concurrency: int = 4
    editor_view: str = "whole"  # "regions": long files are shown as the parts the plan points at

    @property
    def model(self) -> str:
        return self.profile.id


@dataclass
class Report:
    """What a run leaves for the job summary besides the outcome."""

    manifest: str = ""
    diff: str = ""
    pr_preview: str = ""
    ranked: list = field(default_factory=list)
    calls: list = field(default_factory=list)  # (purpose, Usage) per model call
    changes: ChangeSet | None = None  # what was committed
    test: TestResult | None = None  # the test command's result, once the change was written
    notes: list = field(default_factory=list)  # what the maintainer should know (the tracker's notes)


class Pipeline:
    def __init__(
        self,
        *,
        config: RunConfig,
        workspace: Workspace,
        host: CodeHost | None,
        model_factory: Callable[[], Model],
        tracker: Tracker,
        new_token: Callable[[], str],
        run_tests: Callable[[str, Path, int], TestResult] | None = None,
    ) -> None:
        self.config = config
        self.ws = workspace
        self.host = host
        self.tracker = tracker
        self.secrets = tracker.scrubber  # the run's one scrubber; it learns the never-read files below
        self._token = new_token()
        self._run_tests = run_tests
        self.policy = PathPolicy(restricted=config.restricted_paths, root=Path(workspace.root))
        self.spend = Spend(prices=config.profile.prices, max_cost_usd=config.max_cost_usd)
        self.report = Report(calls=self.spend.calls, notes=tracker.notes)
        self.llm = MeteredModel(
            model_factory, self.spend, max_output_tokens=config.max_output_tokens, notes=tracker.notes,
            prompt_token_limit=config.profile.context_window - config.max_output_tokens,
            chars_per_token=config.profile.chars_per_token,
        )
        tracker.notes.extend(config.model_notes)
        self.reader = RepoReader(workspace, self.policy)
        self.triage = Triage(host, trigger_label=config.trigger_label, allowed_bots=config.allowed_bots, notes=tracker.notes)

    # ------------------------------------------------------------------ the stages

    def run(self, trigger: Trigger, issue: Issue | None = None) -> Outcome:
        """Run every stage; the workspace is returned to its branch unless a change was committed."""
        if self.ws.is_dirty():
            raise WorkspaceError("The workspace has uncommitted changes; commit or stash them before running Booty.")
        start_branch = self.ws.head_branch() if self.ws.has_commits() else ""
        committed = False
        try:
            outcome = self._run(trigger, issue)
            committed = outcome.status in (Status.PR_OPENED, Status.PR_UPDATED, Status.DRY_RUN)
            return outcome
        finally:
            if not committed:
                self.ws.restore(start_branch)

    def _run(self, trigger: Trigger, issue: Issue | None) -> Outcome:
        self.tracker.stage("read")
        if self.config.check_actor:
            self.triage.authorize(trigger)
        issue = issue or self.host.get_issue(trigger.issue_number)
        if issue.is_pull_request:
            return self._outcome(Status.SKIPPED, f"#{issue.number} is a pull request; Booty works on issues.")
        if issue.state != "open":
            return self._outcome(Status.SKIPPED, f"#{issue.number} is {issue.state}; reopen it to run Booty.")
        if issue.locked:  # GitHub refuses the bot's comments there: no living comment, no run
            return self._outcome(Status.SKIPPED, f"#{issue.number} is locked; unlock it, then add the label again.")
        if oversized := too_large(issue):
            return self._outcome(Status.BUDGET_EXCEEDED, oversized)
        if issue.unchecked_comments:
            self.tracker.notes.append(unchecked_note(issue))
        issue = clean_issue(issue)
        if is_too_thin(issue):
            return self._needs_info(issue, ["What should change, and where? Please describe the expected behaviour."])

        self.tracker.stage("context")
        branch = branch_name(issue.number)
        base = self.config.base_branch or (self.host.default_branch() if self.host else self.ws.head_branch())
        start = self.ws.prepare_branch(branch, base)
        self.reader.learn_secrets(self.secrets)
        fenced = self.secrets.scrub(fence_issue(issue, self._token))
        repo_map = self._context(f"{issue.title}\n{issue.body}\n" + "\n".join(c.body for c in issue.comments))

        self.tracker.stage("plan")
        prompt = planner_prompt(
            fenced_issue=fenced, token=self._token, repo_map=repo_map, guidance=guidance_block(self._guidance())
        )
        plan = scrubbed_plan(self.llm.plan(prompt), self.secrets)
        if not plan.actionable:
            return self._needs_info(issue, plan.questions or ["Please add details: the plan found the issue not actionable."])
        self.triage.answered(issue)
        writable, blocked, refused = self._sort_paths(plan.changes)
        if not plan.changes:
            return self._outcome(Status.NO_CHANGES, "The plan found nothing to change in the repository.")
        if not writable and not blocked:
            return self._outcome(Status.VALIDATION_FAILED, "Every file the plan named was refused.", refused)

        authored = asyncio.run(self._author(plan, fenced, writable, blocked))
        self.report.test = authored.test
        problems = refused + authored.left_out + authored.problems
        if authored.problems:
            return self._outcome(
                Status.VALIDATION_FAILED,
                f"The change still had problems after {authored.rounds} attempt(s); nothing was written or pushed.",
                problems,
            )
        self.tracker.notes.extend(f"Left out {p.path}: {p.message}" for p in refused + authored.left_out)
        if authored.blocked:
            self.tracker.notes.append(handover_note(authored.blocked))
        if authored.changes.is_empty:
            if authored.blocked:
                return self._outcome(
                    Status.BLOCKED_PATH,
                    "The change only touches restricted files, which Booty may not write.\n\n" + blocked_section(authored.blocked),
                    problems,
                )
            return self._outcome(Status.NO_CHANGES, "The edits left every file as it was.")

        self.tracker.stage("commit" if self.config.dry_run or self.host is None else "push")
        self.ws.apply({c.path: c.after for c in authored.changes.changes})
        if self.ws.commit(commit_message(plan, issue.number)) is None:
            return self._outcome(Status.NO_CHANGES, "The edits left every file as it was.")
        self.report.diff, self.report.changes = self.ws.diff(start), authored.changes
        title = pr_title(plan)
        sections = pr_sections(
            plan=plan,
            issue_number=issue.number,
            changes=authored.changes,
            usage=self.spend.usage,
            cost_usd=self.spend.cost_usd,
            model=self.config.model,
            test=authored.test,
            blocked=authored.blocked,
        )
        owners = owners_note(self.reader.first_file(CODEOWNERS_LOCATIONS), [c.path for c in authored.changes.changes])
        body = pr_body(sections, issue.number, self.reader.first_file(PR_TEMPLATES), [*self.tracker.notes, *owners])
        self.report.pr_preview = f"**{title}**\n\n{body}"
        if self.config.dry_run or self.host is None:
            return self._outcome(
                Status.DRY_RUN,
                f"Dry run: nothing was pushed. Booty would open this pull request:\n\n"
                f"<details><summary>{title}</summary>\n\n{body}\n</details>\n\n"
                f"<details><summary>Diff</summary>\n\n```diff\n{self.report.diff[:MAX_DIFF_CHARS]}\n```\n</details>",
                branch=branch,
            )
        return self._publish(issue.number, branch, base, title, body)

    # ------------------------------------------------------------------ helpers per stage

    def _context(self, issue_text: str) -> str:
        index = build_index(self.ws.tracked_files(), self.ws.read_bytes, never_read=self.policy.never_read)
        ranked = rank(issue_text, index, limit=MAP_CANDIDATES)
        context = pack(ranked, index, self.config.context_token_budget)
        self.report.ranked = ranked
        self.report.manifest = context_manifest_markdown(ranked, context, top=MANIFEST_TOP)
        return render_context(context)

    def _guidance(self) -> dict[str, str]:
        """The repository's guidance documents that may be read, each once."""
        candidates = guidance_paths(list(dict.fromkeys([*self.ws.tracked_files(), *GUIDANCE_NAMES])))
        return distinct({name: text for name in candidates if (text := self.reader.text(name))})

    def _sort_paths(self, changes: list[PlannedChange]) -> tuple[list[PlannedChange], list[PlannedChange], list[Problem]]:
        writable, blocked, refused, seen = [], [], [], set()
        for change in changes:
            if change.path in seen:
                continue
            seen.add(change.path)
            problem = self.policy.check(change.path) or check_leak_in_path(change.path, self.secrets) or self.reader.not_editable(change)
            if problem is None:
                writable.append(change)
            elif problem.kind == "blocked":
                blocked.append(change)
            else:
                refused.append(problem)
        return writable, blocked, refused

    async def _author(self, plan: Plan, fenced: str, writable: list[PlannedChange], blocked: list[PlannedChange]):
        originals = {c.path: (None if self.policy.never_read(c.path) else self.reader.text(c.path)) for c in writable + blocked}
        known = workspace_modules(self.ws.tracked_files(), self.reader.text)
        author = Author(
            write=self.llm.write,
            originals=originals,
            validate=lambda cs: validate(cs, policy=self.policy, known=known, max_files=self.config.max_files, secrets=self.secrets),
            screen=lambda path, before, after: check_content(path, before, after, self.secrets),
            scrub=self.secrets.scrub,
            fenced_issue=fenced,
            token=self._token,
            max_retries=self.config.max_retries,
            concurrency=self.config.concurrency,
            run_tests=self._test if self.config.test_command else None,
            on_stage=self.tracker.stage,
            editor_view=self.config.editor_view,
        )
        return await author.author(plan, writable, blocked)

    def _test(self, changes) -> TestResult:
        self.tracker.stage("test")
        self.ws.apply({c.path: c.after for c in changes.changes})
        return self._run_tests(self.config.test_command, Path(self.ws.root), self.config.test_timeout_s)

    def _publish(self, number: int, branch: str, base: str, title: str, body: str) -> Outcome:
        delivery = Delivery(workspace=self.ws, host=self.host, tracker=self.tracker, draft=self.config.draft)
        delivered = delivery.deliver(issue=number, branch=branch, base=base, title=title, body=body)
        pr = delivered.pr
        status, verb = (Status.PR_OPENED, "Opened") if delivered.opened else (Status.PR_UPDATED, "Updated")
        if self.config.default_token and pr.author == BOT_NAME:  # an App's token opens PRs as its own bot
            self.tracker.notes.append(DEFAULT_TOKEN_NOTE)
        return self._outcome(status, f"{verb} pull request #{pr.number} from `{branch}` into `{base}`.", pr=pr, branch=branch)

    def _needs_info(self, issue: Issue, questions: list[str]) -> Outcome:
        return self._outcome(Status.NEEDS_INFO, self.triage.ask(issue, questions))

    def failed(self, status: Status, message: str) -> Outcome:
        """The outcome of a run that raised: the cause, with what was spent so far."""
        return self._outcome(status, message)

    def _outcome(self, status: Status, message: str, problems=(), *, pr=None, branch: str = "") -> Outcome:
        return Outcome(
            status=status,
            message=message,
            problems=tuple(problems),
            pr_number=pr.number if pr else None,
            pr_url=pr.url if pr else "",
            branch=branch,
            usage=self.spend.usage,
            cost_usd=self.spend.cost_usd,
        )

