"""The backlog sweep as GitHub runs it: act runs the README's caller of the reusable sweep workflow.

One act run: the select job prices the labelled issues (``command: sweep-plan``), the run job is a
matrix over them (max-parallel 2), each job the real action image opening its PR against the fake
GitHub, the fake Anthropic and the git daemon origin; the summary job writes the table from the
results the run jobs uploaded. The artifact actions are the offline stand-ins of data/actions.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest

from booty.demo.messages_api import Fault, TextReply, ToolReply
from booty.publish.texts import pr_marker
from tests.e2e.harness import (
    SWEEP,
    ActRun,
    GitDaemon,
    dispatch_event,
    e2e_workflow,
    git,
    make_origin,
    make_workspace,
    run_act,
    sweep_caller,
    sweep_workflow,
)
from tests.fakes.anthropic_server import FakeAnthropic, is_plan_call
from tests.fakes.github_server import FakeGitHub
from tests.support.scripted import request_text

pytestmark = pytest.mark.e2e

GITHUB_TOKEN = "ghs_e2eFakeInstallationToken0002"
ANTHROPIC_KEY = "sk-ant-e2e-fake-key-0002"
STATS = "calc/stats.py"
ORIGINAL_STATS = (Path(__file__).with_name("data") / "project" / STATS).read_text(encoding="utf-8")
CALLER = ".github/workflows/sweep.yml"
# | #12 | pr_opened | [#15](http://...) | 1234 / 56 | $0.0123 | Opened ... |, as the summary job prints it
ROW = re.compile(r"\| #(\d+) \| ([^|]+?) \| ([^|]*?) \| ([^|]*?) \| ([^|]*?) \| (.*) \|\s*$")


@dataclass(frozen=True)
class Ask:
    """One issue of the backlog and the model's scripted answers for it."""

    title: str
    body: str
    path: str
    fixed: str

    @property
    def plan(self) -> dict[str, Any]:
        return {
            "actionable": True,
            "questions": [],
            "summary": f"Fixed: {self.title}.",
            "title": f"fix: {self.title}",
            "changes": [{"path": self.path, "action": "modify", "reason": self.title}],
            "acceptance_criteria": [self.title],
        }


ASKS = (
    Ask(
        "mean() crashes on an empty list",
        "`calc.mean([])` raises ZeroDivisionError; it should return 0.0.",
        STATS,
        ORIGINAL_STATS.replace(
            "    return sum(values) / len(values)",
            "    if not values:\n        return 0.0\n    return sum(values) / len(values)",
        ),
    ),
    Ask(
        "median() crashes on an empty list",
        "`calc.median([])` raises IndexError; it should return 0.0.",
        STATS,
        ORIGINAL_STATS.replace(
            "    ordered = sorted(values)",
            "    if not values:\n        return 0.0\n    ordered = sorted(values)",
        ),
    ),
    Ask(
        "the README does not say what the helpers return",
        "Say in README.md that mean() and median() return floats.",
        "README.md",
        "# calc\n\nSmall statistics helpers used by the Booty end-to-end test.\n\n"
        "`mean()` and `median()` return numbers; both take a list.\n",
    ),
)


def _model(asks: tuple[Ask, ...]):
    """Answers each run from the issue it is about: its plan to the planner, its file to the editor."""

    def answer(body: dict[str, Any]):
        text = request_text(body)
        for ask in asks:
            if ask.title in text:
                if is_plan_call(body):
                    return ToolReply(input=ask.plan)
                return TextReply(text=f"{ask.path}\n```\n{ask.fixed}```\n")
        return Fault.http(400, "invalid_request_error", "FakeAnthropic: no scripted answer for this issue")

    return answer


def _sweep(tmp_path: Path, github: FakeGitHub, llm: FakeAnthropic, daemon: GitDaemon, max_parallel: int = 2):
    origin = make_origin(daemon)
    workflows = {
        Path(SWEEP).name: sweep_workflow(max_parallel),
        Path(CALLER).name: sweep_caller(max_parallel=max_parallel),
    }
    workspace = make_workspace(tmp_path, daemon.url(origin.name), e2e_workflow(), more_workflows=workflows)
    artifacts = tmp_path / "artifacts"
    artifacts.mkdir()
    run = run_act(
        workspace,
        dispatch_event(1) | {"inputs": {}},  # the caller's dispatch has no inputs
        event_name="workflow_dispatch",
        workflow=CALLER,
        artifacts=artifacts,
        env={
            "GITHUB_API_URL": github.api_url,
            "GITHUB_REPOSITORY": github.repository,
            "ANTHROPIC_BASE_URL": llm.base_url,
        },
        secrets={"GITHUB_TOKEN": GITHUB_TOKEN, "ANTHROPIC_API_KEY": ANTHROPIC_KEY},
    )
    (tmp_path / "act.log").write_text(run.log, encoding="utf-8")  # kept by pytest for a look after a failure
    return run, origin, workspace


def _table(run: ActRun) -> dict[int, tuple[str, ...]]:
    """The summary job's rows, issue -> (status, PR, tokens, cost, message), from the log (the step tees them)."""
    rows: dict[int, tuple[str, ...]] = {}
    for line in run.log.splitlines():
        if "summary" in line and (match := ROW.search(line)):
            rows[int(match[1])] = tuple(cell.strip() for cell in match.groups()[1:])
    return rows


def _most_run_jobs_at_once(run: ActRun) -> int:
    """From the order of act's job start and end lines: how many matrix jobs ran at the same time."""
    running = most = 0
    for line in run.log.splitlines():
        if re.match(r"\[[^]]*/run-\d+ *\] 🚀  Start image", line):
            running += 1
            most = max(most, running)
        elif re.match(r"\[[^]]*/run-\d+ *\] 🏁  Job (succeeded|failed)", line):
            running -= 1
    return most


def _issues_with_a_failed_step(run: ActRun) -> set[int]:
    """The matrix's issues whose job had a failing step (act's "❌  Failure" lines)."""
    issue_of: dict[str, int] = {}
    failed: set[str] = set()
    for line in run.log.splitlines():
        if match := re.match(r"\[[^]]*/(run-\d+) *\] 🧪  Matrix: map\[issue:(\d+)\]", line):
            issue_of[match[1]] = int(match[2])
        elif match := re.match(r"\[[^]]*/(run-\d+) *\]\s+❌  Failure", line):
            failed.add(match[1])
    return {issue_of[job] for job in failed}


def _summary_lines(run: ActRun) -> list[str]:
    return [line for line in run.log.splitlines() if "summary" in line and "| " in line]


def test_a_sweep_opens_one_pull_request_per_selected_issue_and_writes_the_table(
    action_image: str, tmp_path: Path
) -> None:
    with (
        FakeGitHub(token=GITHUB_TOKEN) as github,
        FakeAnthropic(_model(ASKS)) as llm,
        GitDaemon(tmp_path / "served") as daemon,
    ):
        github.permissions["alice"] = "write"  # who dispatched the sweep
        numbers = [github.add_issue(a.title, a.body, labels=["agent"]) for a in ASKS]
        waiting = github.add_issue("it is slow", "make it faster", labels=["agent", "booty:needs-info"])
        answered = github.add_issue("median() of one value", "fix it", labels=["agent"])
        answer = github.add_pull("fix: median", f"Closes #{answered}\n{pr_marker(answered)}",
                                 head=f"agent/issue-{answered}")  # fmt: skip
        unlabelled = github.add_issue("not for Booty", "a question", labels=["question"])
        run, origin, workspace = _sweep(tmp_path, github, llm, daemon)

    print(f"\nsweep of {len(numbers)} issues under act: {run.seconds:.1f} s, "
          f"at most {_most_run_jobs_at_once(run)} run jobs at once")  # fmt: skip
    print("\n".join(_summary_lines(run)))
    assert run.returncode == 0, run.log[-20000:]
    assert github.violations == []
    # each matrix job reached its PR: one per selected issue, on its own pushed branch
    opened = {p["head"]: p for p in github.pulls.values() if p["number"] != answer}
    assert sorted(opened) == sorted(f"agent/issue-{n}" for n in numbers)
    heads = git("ls-remote", "--heads", str(origin)).split()[1::2]
    assert sorted(heads) == sorted(["refs/heads/main", *(f"refs/heads/agent/issue-{n}" for n in numbers)])
    for number, ask in zip(numbers, ASKS, strict=True):
        branch = f"agent/issue-{number}"
        assert opened[branch]["title"] == ask.plan["title"] and f"#{number}" in opened[branch]["body"]
        assert git("show", f"{branch}:{ask.path}", cwd=origin) == ask.fixed
        assert git("diff", "--name-only", f"main..{branch}", cwd=origin).split() == [ask.path]
    # the left-out issues were never run: no model call, no PR, no branch
    for title in ("it is slow", "median() of one value", "not for Booty"):
        assert title not in llm.prompts_text()
    assert {waiting, answered, unlabelled}.isdisjoint(
        int(p["head"].rsplit("-", 1)[1]) for p in opened.values()
    )
    # the summary table: one row per selected issue, in the selection's order, with its PR and spend
    table = _table(run)
    assert list(table) == numbers, "\n".join(_summary_lines(run))
    total = 0.0
    for number in numbers:
        status, pr, tokens, cost, message = table[number]
        pull = opened[f"agent/issue-{number}"]
        assert f"#{pull['number']}" in message, message
        assert status == "pr_opened"
        assert re.fullmatch(rf"\[#{pull['number']}\]\(\S+/pull/{pull['number']}\)", pr), pr
        tokens_in, tokens_out = (int(t) for t in tokens.split(" / "))
        assert tokens_in > 0 and tokens_out > 0
        assert cost.startswith("$") and float(cost[1:]) > 0
        total += float(cost[1:])
    # the total adds the unrounded costs: within half a cent's ten-thousandth per row of the rows' sum
    [logged] = set(re.findall(rf"{len(numbers)} issue\(s\); total \$(\d+\.\d{{4}})\.", run.log))
    assert abs(float(logged) - total) <= 0.00005 * len(numbers) + 1e-9, (logged, total)
    assert 1 <= _most_run_jobs_at_once(run) <= 2  # max-parallel
    for secret in (GITHUB_TOKEN, ANTHROPIC_KEY):
        assert secret not in run.log


def test_what_changes_or_fails_at_run_time_is_its_own_line_and_leaves_the_others_alone(
    action_image: str, tmp_path: Path
) -> None:
    """Four selected issues: one opens its PR; the model refuses every call about the second (its
    job fails); the third is closed and the fourth gets a Booty PR between select and run."""
    ok, refused, gone, raced = ASKS[0], ASKS[1], ASKS[2], replace(ASKS[0], title="mean() is wrong for []")
    with (
        FakeGitHub(token=GITHUB_TOKEN) as github,
        FakeAnthropic(_model((ok, gone, raced))) as llm,
        GitDaemon(tmp_path / "served") as daemon,
    ):
        github.permissions["alice"] = "write"
        numbers = [github.add_issue(a.title, a.body, labels=["agent"]) for a in (ok, refused, gone, raced)]
        changes = threading.Thread(target=_between_select_and_run, args=(github, numbers[2], numbers[3]))
        changes.start()
        run, origin, _ = _sweep(tmp_path, github, llm, daemon)
        changes.join(timeout=5)

    print("\n" + "\n".join(_summary_lines(run)))
    assert not changes.is_alive(), "the select job never listed the pull requests"
    assert run.returncode != 0  # a failed job fails the workflow run, as on GitHub
    # act ends every job of a matrix with its aggregate result ("Job failed"); GitHub marks only the
    # one that failed. Which jobs had a failing step shows what GitHub would show.
    assert _issues_with_a_failed_step(run) == {numbers[1]} and "summary] 🏁  Job succeeded" in run.log
    table = _table(run)
    assert list(table) == numbers, "\n".join(_summary_lines(run))
    statuses = [table[n][0] for n in numbers]
    assert statuses == ["pr_opened", "error", "skipped", "pr_updated"]
    messages = [table[n][4] for n in numbers]
    assert "no scripted answer for this issue" in messages[1]  # the model's refusal, as Booty reported it
    assert f"#{numbers[2]} is closed" in messages[2]
    assert table[numbers[0]][1].startswith("[#") and table[numbers[1]][1] == table[numbers[2]][1] == ""
    # one pull request per issue, never two: the raced issue's PR was updated, not duplicated
    heads = sorted(p["head"] for p in github.pulls.values())
    assert heads == sorted(f"agent/issue-{n}" for n in (numbers[0], numbers[3]))
    branches = git("ls-remote", "--heads", str(origin)).split()[1::2]
    assert sorted(branches) == sorted(
        ["refs/heads/main", *(f"refs/heads/agent/issue-{n}" for n in (numbers[0], numbers[3]))]
    )
    assert gone.title not in llm.prompts_text()  # the closed issue never reached the model
    assert f"{len(numbers)} issue(s); total $" in run.log
    assert github.violations == []


def _between_select_and_run(github: FakeGitHub, close: int, answer: int) -> None:
    """Once the select job has listed the pull requests (the last thing it reads), close one issue
    and open a Booty PR for another. The fake serves under one lock, so these changes land after
    that listing was answered."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if any(r.method == "GET" and r.path.endswith("/pulls") for r in list(github.requests)):
            github.close_issue(close)
            github.add_pull(
                "fix: by hand", f"Closes #{answer}\n{pr_marker(answer)}", head=f"agent/issue-{answer}"
            )
            return
        time.sleep(0.01)


def test_a_sweep_that_selects_nothing_skips_the_run_job_and_says_so(
    action_image: str, tmp_path: Path
) -> None:
    with (
        FakeGitHub(token=GITHUB_TOKEN) as github,
        FakeAnthropic() as llm,
        GitDaemon(tmp_path / "served") as daemon,
    ):
        github.add_issue("vague", "it is broken", labels=["agent", "booty:needs-info"])
        github.add_issue("not for Booty", "a question", labels=["question"])
        run, origin, _ = _sweep(tmp_path, github, llm, daemon)

    print("\n" + "\n".join(_summary_lines(run)))
    assert run.returncode == 0, run.log[-20000:]
    assert "No issue was selected: the select job's summary says why each one was left out." in run.log
    assert "/run" not in "".join(
        line.split("]", 1)[0] for line in run.log.splitlines() if line.startswith("[")
    )
    assert llm.requests == [] and github.pulls == {}
    assert [r for r in github.requests if r.method != "GET"] == []
    assert git("ls-remote", "--heads", str(origin)).split()[1::2] == ["refs/heads/main"]
