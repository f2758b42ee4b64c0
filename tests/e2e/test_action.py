"""The action as GitHub runs it: act runs a workflow with `uses: ./` on a recorded issues.labeled event.

The container built from the real Dockerfile reaches, over the host network on 127.0.0.1, the fake
GitHub (validated against GitHub's OpenAPI description), the fake Anthropic API, and a git daemon
serving the bare `origin` it pushes to.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from booty.demo.messages_api import TextReply, ToolReply
from tests.e2e.harness import (
    GitDaemon,
    comment_event,
    dispatch_event,
    e2e_workflow,
    example_workflow,
    git,
    labeled_event,
    make_origin,
    make_workspace,
    review_comment_event,
    review_event,
    run_act,
)
from tests.fakes.anthropic_server import FakeAnthropic
from tests.fakes.github_server import FakeGitHub

pytestmark = pytest.mark.e2e

GITHUB_TOKEN = "ghs_e2eFakeInstallationToken0001"
ANTHROPIC_KEY = "sk-ant-e2e-fake-key-0001"
TITLE = "mean() crashes on an empty list"
BODY = "`calc.mean([])` raises `ZeroDivisionError`. It should return `0.0` for an empty list."

PLAN = {
    "actionable": True,
    "questions": [],
    "summary": "mean() divided by len(values) even when the list was empty; it now returns 0.0 for an empty list.",
    "title": "fix(stats): return 0.0 for the mean of an empty list",
    "changes": [
        {"path": "calc/stats.py", "action": "modify", "reason": "Guard the empty list before dividing."}
    ],
    "acceptance_criteria": ["calc.mean([]) == 0.0", "calc.mean([1, 2, 3]) == 2"],
}
FIXED_STATS = '''"""Averages of lists of numbers."""


def mean(values):
    """The arithmetic mean of ``values``; 0.0 for an empty list."""
    if not values:
        return 0.0
    return sum(values) / len(values)


def median(values):
    """The middle value of ``values`` (the mean of the two middle ones for an even count)."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2
'''
EDIT = f"calc/stats.py\n```python\n{FIXED_STATS}```\n"


def _act(workspace: Path, event: dict, github: FakeGitHub, llm: FakeAnthropic, event_name: str = "issues"):
    return run_act(
        workspace,
        event,
        event_name=event_name,
        env={
            "GITHUB_API_URL": github.api_url,
            "GITHUB_REPOSITORY": github.repository,
            "ANTHROPIC_BASE_URL": llm.base_url,
        },
        secrets={"GITHUB_TOKEN": GITHUB_TOKEN, "ANTHROPIC_API_KEY": ANTHROPIC_KEY},
    )


def test_the_action_skips_a_label_that_is_not_the_trigger(action_image: str, tmp_path: Path) -> None:
    with (
        FakeGitHub(token=GITHUB_TOKEN) as github,
        FakeAnthropic() as llm,
        GitDaemon(tmp_path / "served") as daemon,
    ):
        number = github.add_issue(TITLE, BODY, author="alice", labels=["bug"])
        origin = make_origin(daemon)
        workspace = make_workspace(tmp_path, daemon.url(origin.name), e2e_workflow())
        run = _act(workspace, labeled_event(number, label="bug"), github, llm)

    assert run.returncode == 0, run.log
    assert "Job succeeded" in run.log
    assert run.outputs["status"] == "skipped", run.log
    assert "label 'bug' is not the trigger label 'agent'" in run.log
    assert llm.requests == [] and github.pulls == {}
    assert git("ls-remote", "--heads", str(origin)).split() == [
        git("rev-parse", "main", cwd=workspace).strip(),
        "refs/heads/main",
    ]


def test_the_example_workflow_does_not_start_for_another_label(action_image: str, tmp_path: Path) -> None:
    with (
        FakeGitHub(token=GITHUB_TOKEN) as github,
        FakeAnthropic() as llm,
        GitDaemon(tmp_path / "served") as daemon,
    ):
        number = github.add_issue(TITLE, BODY, author="alice", labels=["bug"])
        workspace = make_workspace(tmp_path, daemon.url(make_origin(daemon).name), example_workflow())
        run = _act(workspace, labeled_event(number, label="bug"), github, llm)

    assert run.returncode == 0, run.log
    assert (
        "Set up job" not in run.log and "BOOTY_OUTPUT" not in run.log
    )  # the job's `if:` kept it from starting
    assert github.requests == [] and llm.requests == []


def test_a_labeled_issue_becomes_a_pull_request_and_a_pushed_branch(
    action_image: str, tmp_path: Path
) -> None:
    """The example workflow users copy, on the trigger label: one PR, one pushed branch."""
    script = [ToolReply(input=PLAN), TextReply(text=EDIT)]
    with (
        FakeGitHub(token=GITHUB_TOKEN) as github,
        FakeAnthropic(script) as llm,
        GitDaemon(tmp_path / "served") as daemon,
    ):
        number = github.add_issue(TITLE, BODY, author="alice", labels=["agent"])
        github.permissions["alice"] = "write"
        origin = make_origin(daemon)
        workspace = make_workspace(tmp_path, daemon.url(origin.name), example_workflow())
        run = _act(workspace, labeled_event(number), github, llm)

    branch = f"agent/issue-{number}"
    assert run.returncode == 0, run.log
    assert run.outputs["status"] == "pr_opened", run.log
    assert run.outputs["branch"] == branch
    assert github.violations == []
    [pull] = github.pulls.values()
    assert pull["head"] == branch and pull["base"] == "main"
    assert run.outputs["pr_number"] == str(pull["number"])
    assert pull["title"] == PLAN["title"]
    assert f"#{number}" in pull["body"]
    # the branch really reached origin, with exactly the model's edit on top of main
    assert git("show", f"{branch}:calc/stats.py", cwd=origin) == FIXED_STATS
    assert git("diff", "--name-only", f"main..{branch}", cwd=origin).split() == ["calc/stats.py"]
    assert "github-actions[bot]" in git("log", "-1", "--format=%an", branch, cwd=origin)
    # the model saw the issue; no secret reached the model or the log
    assert TITLE in llm.prompts_text()
    for secret in (GITHUB_TOKEN, ANTHROPIC_KEY):
        assert secret not in run.log
        assert secret not in llm.prompts_text()


def test_a_dispatch_for_a_vague_issue_asks_its_author_instead_of_pushing(
    action_image: str, tmp_path: Path
) -> None:
    """workflow_dispatch with the issue_number input; the plan says the issue is not actionable."""
    vague = {
        **PLAN,
        "actionable": False,
        "changes": [],
        "acceptance_criteria": [],
        "questions": ["Should mean([]) return 0.0 or raise a ValueError with a clear message?"],
    }
    with (
        FakeGitHub(token=GITHUB_TOKEN) as github,
        FakeAnthropic([ToolReply(input=vague)]) as llm,
        GitDaemon(tmp_path / "served") as daemon,
    ):
        github.add_issue("other issue", "", author="alice")
        number = github.add_issue("mean is wrong", "It breaks sometimes.", author="alice")
        github.permissions["alice"] = "admin"
        origin = make_origin(daemon)
        workspace = make_workspace(tmp_path, daemon.url(origin.name), example_workflow())
        run = _act(workspace, dispatch_event(number), github, llm, event_name="workflow_dispatch")

    assert run.returncode == 0, run.log
    assert run.outputs["status"] == "needs_info", run.log
    assert github.violations == [] and github.pulls == {}
    assert "booty:needs-info" in github.labels_on(number)
    assert any(vague["questions"][0] in c["body"] for c in github.comments_on(number))
    assert "mean is wrong" in llm.prompts_text()  # the dispatched issue, not the first one
    assert git("ls-remote", "--heads", str(origin)).split()[1::2] == ["refs/heads/main"]


def test_a_booty_comment_starts_the_example_workflow_and_a_plain_comment_does_not(
    action_image: str, tmp_path: Path
) -> None:
    script = [ToolReply(input=PLAN), TextReply(text=EDIT)]
    with (
        FakeGitHub(token=GITHUB_TOKEN) as github,
        FakeAnthropic(script) as llm,
        GitDaemon(tmp_path / "served") as daemon,
    ):
        number = github.add_issue(TITLE, BODY, author="alice")
        github.permissions["alice"] = "write"
        origin = make_origin(daemon)
        workspace = make_workspace(tmp_path, daemon.url(origin.name), example_workflow())
        chat = github.add_comment(number, "Thanks for the report!", author="alice")
        quiet = _act(
            workspace, comment_event(number, chat, "Thanks for the report!"), github, llm, "issue_comment"
        )
        asked_after_quiet = len(github.requests) + len(llm.requests)
        command = github.add_comment(number, "/booty please fix this", author="alice")
        run = _act(
            workspace, comment_event(number, command, "/booty please fix this"), github, llm, "issue_comment"
        )

    assert quiet.returncode == 0 and "Set up job" not in quiet.log  # the job's `if:` kept it from starting
    assert asked_after_quiet == 0
    assert run.returncode == 0, run.log
    assert run.outputs["status"] == "pr_opened", run.log
    [pull] = github.pulls.values()
    assert pull["head"] == f"agent/issue-{number}" and github.violations == []
    assert git("show", f"agent/issue-{number}:calc/stats.py", cwd=origin) == FIXED_STATS


REVISED_STATS = FIXED_STATS.replace(
    '"""Averages of lists of numbers."""\n', '"""Averages of lists of numbers."""\n\nimport math\n'
).replace("return sum(values) / len(values)", "return math.fsum(values) / len(values)")
REVISED_EDIT = f"calc/stats.py\n```python\n{REVISED_STATS}```\n"


def _revision(fsum: int, rename: int, warn: int) -> dict:
    return {
        **PLAN,
        "title": "fix(stats): sum with math.fsum in mean()",
        "summary": "mean() sums with math.fsum, so long lists of floats keep their precision.",
        "changes": [
            {"path": "calc/stats.py", "action": "modify", "reason": "math.fsum, as the review asks."}
        ],
        "acceptance_criteria": ["calc.mean([0.1] * 10) == 0.1"],
        "answers": [
            {
                "thread_id": warn,
                "verdict": "question",
                "reply": "Should the warning go to `logging` or `warnings`?",
            },
            {"thread_id": fsum, "verdict": "fixed", "reply": "mean() now sums with math.fsum."},
            {
                "thread_id": rename,
                "verdict": "declined",
                "reply": "median() is public API; renaming it breaks callers.",
            },
        ],
    }


def _booty_pr(tmp_path: Path, github: FakeGitHub, llm: FakeAnthropic, daemon: GitDaemon):
    """A writer's labelled issue run through the shipped workflow, to Booty's PR: (issue, PR, branch,
    the branch's commit at origin, origin, workspace)."""
    number = github.add_issue(TITLE, BODY, author="alice", labels=["agent"])
    github.permissions["alice"] = "write"
    origin = make_origin(daemon)
    workspace = make_workspace(tmp_path, daemon.url(origin.name), example_workflow())
    opened = _act(workspace, labeled_event(number), github, llm)
    assert opened.outputs.get("status") == "pr_opened", opened.log
    branch = f"agent/issue-{number}"
    first = git("rev-parse", branch, cwd=origin).strip()
    github.state.heads[branch] = first
    [pr] = github.pulls
    return number, pr, branch, first, origin, workspace


def test_a_review_requesting_changes_becomes_one_fast_forward_commit_and_an_answer_in_each_thread(
    action_image: str, tmp_path: Path
) -> None:
    """The shipped workflow, twice: the labelled issue opens Booty's PR, then the recorded
    pull_request_review payload (changes requested, three inline comments) revises it."""
    with (
        FakeGitHub(token=GITHUB_TOKEN) as github,
        FakeAnthropic([ToolReply(input=PLAN), TextReply(text=EDIT)]) as llm,
        GitDaemon(tmp_path / "served") as daemon,
    ):
        number, pr, branch, first, origin, workspace = _booty_pr(tmp_path, github, llm, daemon)

        review_id, (fsum, rename, warn) = github.add_review(
            pr,
            author="alice",
            body="Nearly there; see the three comments.",
            comments=[
                {"path": "calc/stats.py", "line": 8, "body": "Sum with math.fsum: floats add up badly."},
                {"path": "calc/stats.py", "line": 11, "body": "Rename median to middle."},
                {"path": "calc/stats.py", "line": 7, "body": "Should mean([]) also warn?"},
            ],
        )
        llm.then(ToolReply(input=_revision(fsum, rename, warn)), TextReply(text=REVISED_EDIT))
        github.requests.clear()
        run = _act(workspace, review_event(pr, number, review_id, first), github, llm, "pull_request_review")

    assert run.returncode == 0, run.log
    assert run.outputs["status"] == "revision_pushed", run.log
    assert run.outputs["pr_number"] == str(pr) and run.outputs["branch"] == branch
    assert github.violations == []
    # one new commit on the branch at origin, a fast-forward from the PR's head: its parent is `first`
    assert git("rev-list", f"{first}..{branch}", cwd=origin).split() == [
        sha := git("rev-parse", branch, cwd=origin).strip()
    ]
    assert git("log", "-1", "--format=%P%n%s", branch, cwd=origin).split("\n")[:2] == [
        first,
        "fix(stats): sum with math.fsum in mean()",
    ]
    assert f"Refs #{number}" in git("log", "-1", "--format=%B", branch, cwd=origin)
    assert git("show", f"{branch}:calc/stats.py", cwd=origin) == REVISED_STATS
    # a reply in each thread, by verdict; the reviewer asked again; the round in the tracking comment
    [fixed], [declined], [asked] = (github.replies_to(i) for i in (fsum, rename, warn))
    assert fixed["body"].startswith(f"**Fixed** in {sha}.") and "math.fsum" in fixed["body"]
    assert declined["body"].startswith("**Not changed.**") and "public API" in declined["body"]
    assert asked["body"].startswith("**Question.**") and "`logging`" in asked["body"]
    assert github.pulls[pr]["requested_reviewers"] == ["alice"]
    [tracking] = github.comments_on(number)
    assert "**Round 1** (@alice, review " in tracking["body"]
    assert "revision_pushed, commit " + sha in tracking["body"]
    assert "1 fixed, 1 declined, 1 asked back" in tracking["body"]
    assert "Review round 1" in github.pulls[pr]["body"]
    for secret in (GITHUB_TOKEN, ANTHROPIC_KEY):
        assert secret not in run.log and secret not in llm.prompts_text()


def test_the_example_workflow_starts_on_an_inline_booty_comment_only(
    action_image: str, tmp_path: Path
) -> None:
    """A plain inline comment does not start the job; an inline `/booty` one does, and the action
    reads it as a request of its review: here a reader's, so it ends unauthorized (no model, no write)."""
    with (
        FakeGitHub(token=GITHUB_TOKEN) as github,
        FakeAnthropic() as llm,
        GitDaemon(tmp_path / "served") as daemon,
    ):
        number = github.add_issue(TITLE, BODY, author="alice", labels=["agent"])
        github.permissions["alice"] = "read"
        pr = github.add_pull(
            PLAN["title"], f"x\n\n<!-- booty:pr issue={number} -->", head=f"agent/issue-{number}"
        )
        review_id, (plain, command) = github.add_review(
            pr,
            author="alice",
            state="COMMENTED",
            comments=[
                {"path": "calc/stats.py", "line": 8, "body": "Looks fine."},
                {"path": "calc/stats.py", "line": 8, "body": "/booty sum with math.fsum"},
            ],
        )
        workspace = make_workspace(tmp_path, daemon.url(make_origin(daemon).name), example_workflow())
        sha = git("rev-parse", "HEAD", cwd=workspace).strip()
        name = "pull_request_review_comment"
        quiet = _act(
            workspace,
            review_comment_event(pr, number, review_id, plain, "Looks fine.", sha),
            github,
            llm,
            name,
        )
        asked_after_quiet = len(github.requests)
        run = _act(
            workspace,
            review_comment_event(pr, number, review_id, command, "/booty sum with math.fsum", sha),
            github,
            llm,
            name,
        )

    assert quiet.returncode == 0 and "Set up job" not in quiet.log  # the job's `if:` kept it from starting
    assert asked_after_quiet == 0
    assert run.returncode == 0, run.log
    assert run.outputs["status"] == "unauthorized", run.log
    assert "@alice has 'read' permission" in run.log
    assert llm.requests == [] and [r for r in github.requests if r.method != "GET"] == []
    assert github.violations == []


def test_a_writers_inline_booty_comment_in_a_review_that_only_comments_becomes_one_commit(
    action_image: str, tmp_path: Path
) -> None:
    """The shipped workflow on the `pull_request_review_comment` event of a COMMENTED review with an
    empty body (GitHub's "Add single comment"): the inline `/booty` is the request, answered in its thread."""
    with (
        FakeGitHub(token=GITHUB_TOKEN) as github,
        FakeAnthropic([ToolReply(input=PLAN), TextReply(text=EDIT)]) as llm,
        GitDaemon(tmp_path / "served") as daemon,
    ):
        number, pr, branch, first, origin, workspace = _booty_pr(tmp_path, github, llm, daemon)
        command = "/booty sum with math.fsum: floats add up badly"
        review_id, [comment] = github.add_review(
            pr,
            author="alice",
            state="COMMENTED",
            comments=[{"path": "calc/stats.py", "line": 8, "body": command}],
        )
        revision = _revision(comment, 0, 0) | {
            "answers": [
                {"thread_id": comment, "verdict": "fixed", "reply": "mean() now sums with math.fsum."}
            ]
        }
        llm.then(ToolReply(input=revision), TextReply(text=REVISED_EDIT))
        event = review_comment_event(pr, number, review_id, comment, command, first)
        run = _act(workspace, event, github, llm, "pull_request_review_comment")

    assert run.returncode == 0, run.log
    assert run.outputs["status"] == "revision_pushed", run.log
    assert git("rev-list", f"{first}..{branch}", cwd=origin).split() == [
        sha := git("rev-parse", branch, cwd=origin).strip()
    ]
    assert git("show", f"{branch}:calc/stats.py", cwd=origin) == REVISED_STATS
    [reply] = github.replies_to(comment)
    assert reply["body"].startswith(f"**Fixed** in {sha}.")
    assert "floats add up badly" in llm.prompts_text()  # the inline command reached the model as the request
    assert github.violations == []
    for secret in (GITHUB_TOKEN, ANTHROPIC_KEY):
        assert secret not in run.log and secret not in llm.prompts_text()
