"""The pipeline's logic through whole runs, with in-memory ports (tests.support.ports): no sockets,
no git, no disk, so each run takes milliseconds. Built as ``booty.main`` builds it
(``build_pipeline``, ``run_tracked``); the integration tier runs the same stories against real git
and the wire-level fakes."""

from __future__ import annotations

from dataclasses import dataclass, field

from booty.adapters.null_host import NullCodeHost
from booty.claude.profiles import DEFAULT_MODEL, PROFILES
from booty.errors import CodeHostError
from booty.intake.triage import NEEDS_INFO_LABEL
from booty.main import build_pipeline, run_tracked
from booty.models import Issue, Outcome, Plan, Status, Trigger
from booty.pipeline import Report
from booty.publish.texts import comment_marker, pr_marker
from booty.publish.tracking import Tracker
from booty.run_config import RunConfig
from tests.support.clock import FakeClock
from tests.support.ports import MemoryCodeHost, MemoryLog, MemoryWorkspace, ScriptedModel
from tests.support.repository import REPO_FILES
from tests.support.scripted import FIXED_OPS, plan, whole_file

BRANCH = "agent/issue-1"
SECRET = "do-not-leak-this"  # the value in REPO_FILES' .env
BROKEN_OPS = "def add(a, b):\n    return (a + b\n"


@dataclass
class World:
    """One repository, its host with issue #1 by a writer, and a scripted model."""

    ws: MemoryWorkspace
    host: MemoryCodeHost
    model: ScriptedModel
    log: MemoryLog = field(default_factory=MemoryLog)
    number: int = 1
    models_built: int = 0
    report: Report | None = None

    def run(self, actor: str = "maint", *, host=None, issue: Issue | None = None, **config) -> Outcome:
        host = host or self.host
        tracker = Tracker(
            runner=self.log,
            host=host,
            issue_number=self.number,
            run_url="https://github.invalid/actions/runs/1",
            clock=FakeClock(),
        )
        pipeline = build_pipeline(
            RunConfig(profile=PROFILES[DEFAULT_MODEL], **config), self._model, self.ws, host, tracker
        )
        finished = run_tracked(
            pipeline, Trigger(issue_number=self.number, actor=actor, event_name="issues"), issue
        )
        self.report = finished.report
        return finished.outcome

    def comment(self) -> str:
        [body] = self.host.comments_on(self.number)
        return body

    def _model(self) -> ScriptedModel:
        self.models_built += 1
        return self.model


def world(
    plan_answer: Plan | None = None,
    answers: dict[str, list[str]] | None = None,
    *,
    files: dict[str, str] | None = None,
    title: str = "divide crashes with ZeroDivisionError",
    body: str = "divide(1, 0) should raise a clear ValueError.",
) -> World:
    host = MemoryCodeHost()
    host.permissions["maint"] = "write"
    host.add_issue(title, body)
    model = ScriptedModel(
        plan_answer=plan_answer or Plan.model_validate(plan()),
        answers=answers if answers is not None else {"calc/ops.py": [whole_file("calc/ops.py", FIXED_OPS)]},
    )
    return World(ws=MemoryWorkspace(files or REPO_FILES), host=host, model=model)


def test_a_run_opens_one_pull_request_from_a_pushed_commit_and_says_so_in_the_one_comment():
    w = world()
    outcome = w.run()

    assert outcome.status is Status.PR_OPENED, outcome.message
    [pr] = w.host.pulls.values()
    assert (outcome.pr_number, outcome.pr_url, outcome.branch) == (pr.number, pr.url, BRANCH)
    assert (pr.head, pr.base) == (BRANCH, "main") and pr_marker(1) in pr.body
    assert w.host.titles[pr.number] == "fix(ops): clear error on division by zero"
    assert w.ws.origin_file(BRANCH, "calc/ops.py") == FIXED_OPS
    assert w.ws.origin_file("main", "calc/ops.py") == REPO_FILES["calc/ops.py"]
    message = w.ws.origin_commit(BRANCH).message
    assert message.startswith("fix(ops): clear error on division by zero\n") and "Closes #1" in message
    assert w.ws.head == BRANCH and not w.ws.is_dirty()  # a delivered change stays checked out
    assert "+        raise ValueError" in w.report.diff
    comment = w.comment()
    assert comment_marker(1) in comment and "pr_opened" in comment and f"#{pr.number}" in comment
    assert w.host.writes.count("open_pull_request") == 1 and w.host.writes[-1] == "upsert_comment"
    assert outcome.usage.output_tokens > 0 and outcome.cost_usd > 0


def test_the_model_sees_the_map_and_the_file_but_never_a_secret_value():
    w = world()
    assert w.run().status is Status.PR_OPENED
    [planner] = w.model.planned
    assert "calc/ops.py" in planner.user and "divide crashes with ZeroDivisionError" in planner.user
    assert [path for path, _ in w.model.written] == ["calc/ops.py"]
    assert REPO_FILES["calc/ops.py"] in w.model.written[0][1].user
    shown = w.model.everything_shown()
    assert SECRET not in shown and SECRET not in w.comment() and SECRET not in w.log.text()


def test_a_second_run_updates_the_same_pull_request_and_comment():
    w = world()
    first = w.run()
    w.model.answers["calc/ops.py"] = [
        whole_file("calc/ops.py", FIXED_OPS.replace("cannot divide by zero", "b is zero"))
    ]
    second = w.run()

    assert (first.status, second.status) == (Status.PR_OPENED, Status.PR_UPDATED)
    assert list(w.host.pulls) == [first.pr_number] == [second.pr_number]
    assert "b is zero" in w.ws.origin_file(BRANCH, "calc/ops.py")
    assert "pr_updated" in w.comment()  # still one comment, now with the second outcome


def test_an_unactionable_plan_asks_its_questions_and_moves_the_labels():
    questions = ["Should divide(1, 0) raise ValueError or return None?"]
    w = world(Plan.model_validate(plan(actionable=False, questions=questions, changes=[])))
    outcome = w.run()

    assert outcome.status is Status.NEEDS_INFO
    assert questions[0] in outcome.message and questions[0] in w.comment()
    assert w.host.labels[1] == [
        NEEDS_INFO_LABEL
    ]  # the trigger label came off, so adding it again starts a run
    assert w.model.written == [] and not w.host.pulls
    assert set(w.ws.origin) == {"main"} and w.ws.head == "main" and not w.ws.is_dirty()


def test_a_thin_issue_is_answered_without_asking_the_model():
    w = world(title="fix it", body="")
    outcome = w.run()

    assert outcome.status is Status.NEEDS_INFO and "What should change" in outcome.message
    assert w.models_built == 0 and outcome.usage.prompt_tokens == 0


def test_an_edit_that_never_validates_is_repaired_a_bounded_number_of_times_and_nothing_is_pushed():
    w = world(answers={"calc/ops.py": [whole_file("calc/ops.py", BROKEN_OPS)]})
    outcome = w.run(max_retries=2)

    assert outcome.status is Status.VALIDATION_FAILED
    assert "after 3 attempt(s)" in outcome.message
    assert [p.kind for p in outcome.problems] == ["syntax"] and outcome.problems[0].path == "calc/ops.py"
    assert [path for path, _ in w.model.written] == ["calc/ops.py"] * 3
    assert (
        outcome.problems[0].message in w.model.written[-1][1].user
    )  # the repair round shows the exact problem
    assert set(w.ws.origin) == {"main"} and not w.host.pulls
    assert w.ws.head == "main" and w.ws.work == w.ws.commits[w.ws.branches["main"]].tree
    assert "validation_failed" in w.comment()


def test_someone_without_write_access_starts_nothing():
    w = world()
    w.host.permissions["visitor"] = "read"
    outcome = w.run(actor="visitor")

    assert outcome.status is Status.UNAUTHORIZED and "@visitor has 'read' permission" in outcome.message
    assert w.models_built == 0 and set(w.ws.origin) == {"main"} and w.host.labels[1] == ["agent"]


def test_a_call_that_could_cross_the_cost_cap_is_never_made():
    w = world()
    outcome = w.run(max_cost_usd=0.0001)

    assert outcome.status is Status.BUDGET_EXCEEDED and "max_cost_usd" in outcome.message
    assert w.model.counted == 1 and w.model.planned == []  # counted, then refused before the call


def test_a_restricted_file_is_handed_over_in_the_comment_not_written():
    files = {**REPO_FILES, ".github/workflows/ci.yml": "on: push\n"}
    change = {"path": ".github/workflows/ci.yml", "action": "modify", "reason": "Run on pull requests too."}
    w = world(
        Plan.model_validate(plan(changes=[change])),
        {".github/workflows/ci.yml": [whole_file(".github/workflows/ci.yml", "on: [push, pull_request]\n")]},
        files=files,
    )
    outcome = w.run()

    assert outcome.status is Status.BLOCKED_PATH
    assert ".github/workflows/ci.yml" in outcome.message and "pull_request" in outcome.message
    assert set(w.ws.origin) == {"main"} and not w.host.pulls


def test_a_dry_run_commits_locally_and_pushes_nothing():
    w = world()
    outcome = w.run(dry_run=True)

    assert outcome.status is Status.DRY_RUN and "Dry run: nothing was pushed" in outcome.message
    assert "raise ValueError" in outcome.message  # the diff is shown
    assert set(w.ws.origin) == {"main"} and not w.host.pulls
    assert w.ws.commits[w.ws.branches[BRANCH]].tree["calc/ops.py"].decode() == FIXED_OPS


def test_a_failed_pull_request_takes_the_pushed_branch_back_off_origin():
    w = world()
    w.host.refuse["open_pull_request"] = CodeHostError(
        "GitHub Actions is not permitted to create pull requests."
    )
    outcome = w.run()

    assert outcome.status is Status.ERROR and "not permitted to create pull requests" in outcome.message
    assert set(w.ws.origin) == {"main"}  # origin never keeps a branch without its pull request
    assert "not permitted" in w.comment()


def test_a_count_that_fails_falls_back_to_the_estimate_and_the_pull_request_says_so():
    w = world()
    w.model.count_fails = True
    outcome = w.run()

    assert outcome.status is Status.PR_OPENED
    [pr] = w.host.pulls.values()
    assert "Token counting failed" in pr.body and "Token counting failed" in w.report.notes[0]


TEMPLATE = "## What does this change?\n\n## How was it tested?\n\n## Checklist\n- [ ] changelog\n"
FILLED = (
    "## What does this change?\n\ndivide() raises a clear ValueError for a zero divisor. Closes #1\n\n"
    "## How was it tested?\n\nNot run here: no test command is configured.\n\n## Checklist\n- [ ] changelog\n"
)


def test_the_repositorys_pull_request_template_is_filled_in_by_a_call_of_its_own():
    w = world(files={**REPO_FILES, ".github/pull_request_template.md": TEMPLATE})
    w.model.descriptions = [FILLED]
    assert w.run().status is Status.PR_OPENED
    [prompt] = w.model.described
    assert TEMPLATE in prompt.user
    [pr] = w.host.pulls.values()
    assert pr.body.startswith(FILLED.strip()) and pr.body.count("Closes #1") == 1 and pr_marker(1) in pr.body
    assert [purpose for purpose, _ in w.report.calls] == ["plan", "writing calc/ops.py", "description"]
    assert "Pull request template: `.github/pull_request_template.md`" in pr.body


def test_a_description_that_leaves_the_template_unfilled_falls_back_to_the_template_and_booty_s_sections():
    w = world(files={**REPO_FILES, ".github/pull_request_template.md": TEMPLATE})
    w.model.descriptions = [TEMPLATE]  # the template as it came: nothing filled in, every time
    assert w.run().status is Status.PR_OPENED
    [pr] = w.host.pulls.values()
    assert pr.body.startswith(TEMPLATE.strip() + "\n\n---\n\n## Summary")
    assert (
        "could not be written in the template `.github/pull_request_template.md`" in pr.body
    )  # the note says why
    assert len(w.model.described) == 2  # one repair, then the fallback


def test_a_run_without_github_takes_its_issue_from_the_caller_and_leaves_the_change_committed_locally():
    w = world()
    issue = Issue(
        number=1,
        title="divide crashes with ZeroDivisionError",
        body="divide(1, 0) should raise a clear ValueError.",
    )
    outcome = w.run(
        actor="local", host=NullCodeHost(default_branch="main"), issue=issue, dry_run=True, check_actor=False
    )

    assert outcome.status is Status.DRY_RUN and outcome.branch == BRANCH
    assert (
        w.ws.head == BRANCH and w.ws.commits[w.ws.branches[BRANCH]].tree["calc/ops.py"].decode() == FIXED_OPS
    )
    assert set(w.ws.origin) == {"main"} and w.host.writes == []  # the GitHub of world() was never asked
    assert any("[booty] Total" in line for line in w.log.lines)


def test_a_dirty_workspace_stops_the_run_before_anything_and_the_comment_says_why():
    w = world()
    w.ws.work["calc/ops.py"] = b"edited by hand\n"
    outcome = w.run()

    assert outcome.status is Status.ERROR and "uncommitted changes" in outcome.message
    assert "uncommitted changes" in w.comment() and w.models_built == 0 and set(w.ws.origin) == {"main"}


def test_on_a_large_repository_the_comment_is_posted_before_indexing_and_a_small_one_waits_for_the_plan():
    seen: dict[int, list[str]] = {}
    for extra in (0, 500):
        files = {**REPO_FILES, **{f"pkg/mod_{i}.py": f"def f{i}():\n    return {i}\n" for i in range(extra)}}
        w = world(files=files)
        planning = w.model.plan

        def plan_seeing_the_comment(prompt, schema=Plan, w=w, planning=planning, extra=extra):
            seen[extra] = w.host.comments_on(1)  # what a reader sees while the model plans
            return planning(prompt, schema)

        w.model.plan = plan_seeing_the_comment
        assert w.run().status is Status.PR_OPENED
    [large] = seen[500]
    assert "Selecting context (in progress)" in large  # written when indexing began, not edited since
    [small] = seen[0]
    assert "Planning (in progress)" in small
