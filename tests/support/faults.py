"""Faults at Booty's boundaries, injected on the wire by the fakes or for real in git and the file
system, with the outcome a run must end in when the fault persists.

One catalogue for tests/integration/test_faults_*.py and bench/soak.py. ``FaultCase.inject(s, n)``
arms a fault for the next ``n`` matching requests (the fakes) or until its undo runs (git hooks,
repository settings, file flags); ``disarm`` puts everything back for the next run.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from tests.fakes.anthropic_server import Fault
from tests.fakes.github_server import ACTIONS_MAY_NOT_CREATE_PRS, SECONDARY_RATE_LIMIT
from tests.support.promises import FAST_MODEL, Snapshot, booty_comments, broken_promises
from tests.support.repository import git
from tests.support.scenario import Scenario, scripted_fix
from tests.support.scripted import FIXED_OPS

PERSISTENT = 12  # more occurrences than any bounded retry in Booty consumes
Undo = Callable[[], None]
Inject = Callable[[Scenario, int], "Undo | None"]


@dataclass(frozen=True)
class FaultCase:
    name: str
    boundary: Literal["anthropic", "github", "git", "workspace"]
    inject: Inject
    status: str  # the outcome when the fault persists
    says: str  # words the job summary (and the tracking comment, when there is one) must contain then
    retried: bool = False  # a single occurrence is absorbed by a retry or a repair round
    comment: bool = True  # the tracking comment can still be written
    needs_pr: bool = False  # the fault only bites on a re-run, when the branch and its PR exist


# ---------------------------------------------------------------- how each kind is armed


def model(fault: Fault, on: str = "plan") -> Inject:
    def inject(s: Scenario, n: int) -> None:
        s.model.fail_next(*[fault] * n, on=on)

    return inject


def counting(fault: Fault) -> Inject:
    def inject(s: Scenario, n: int) -> None:
        s.model.fail_next_count(*[fault] * n)

    return inject


def github(method: str, path: str, status: int, body: object = None, *, after: bool = False) -> Inject:
    def inject(s: Scenario, n: int) -> None:
        s.github.fail_next(method, path, status, body=body, times=n, after=after)

    return inject


def revoke_token(s: Scenario, n: int) -> Undo:
    """GitHub stops accepting the token (revoked, or expired mid-run)."""
    token, s.github.token = s.github.token, "ghs_revoked_0000000000000000000000"
    return lambda: setattr(s.github, "token", token)


PROTECTED_HOOK = """#!/bin/sh
while read old new ref; do
  case "$ref" in refs/heads/agent/*)
    echo "error: GH006: Protected branch update failed for $ref." >&2; exit 1;;
  esac
done
"""


def protect_agent_branches(s: Scenario, n: int) -> Undo:
    """A pre-receive hook on the bare origin refuses every push to agent/*, as branch protection does."""
    hook = s.origin / "hooks" / "pre-receive"
    hook.write_text(PROTECTED_HOOK)
    hook.chmod(0o755)
    return hook.unlink


def lose_push_answer(s: Scenario, n: int) -> Undo:
    """The push lands, then the connection dies before git hears back (a post-receive hook kills receive-pack)."""
    hook = s.origin / "hooks" / "post-receive"
    hook.write_text("#!/bin/sh\nkill -9 $PPID\n")
    hook.chmod(0o755)
    return hook.unlink


def deny_non_fast_forward(s: Scenario, n: int) -> Undo:
    """Origin refuses force pushes: a re-run's fresh commit cannot replace the branch it pushed before."""
    git("config", "receive.denyNonFastForwards", "true", cwd=s.origin)

    def undo() -> None:
        git("config", "--unset", "receive.denyNonFastForwards", cwd=s.origin)

    return undo


def unwritable(rel: str) -> Inject:
    def inject(s: Scenario, n: int) -> Undo:
        return make_unwritable(s.work / rel)

    return inject


def make_unwritable(path: Path) -> Undo:
    """Make writes to ``path`` fail in the kernel: read-only for users, immutable for root."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o444)
        return lambda: path.chmod(mode)
    subprocess.run(["chattr", "+i", str(path)], check=True, capture_output=True)

    def undo() -> None:
        subprocess.run(["chattr", "-i", str(path)], check=True, capture_output=True)

    return undo


@contextmanager
def unwritable_while(path: Path) -> Iterator[None]:
    """``make_unwritable`` for the duration of a ``with`` block."""
    undo = make_unwritable(path)
    try:
        yield
    finally:
        undo()


def can_make_unwritable(tmp: Path) -> bool:
    probe = tmp / "probe-unwritable"
    probe.write_text("x")
    try:
        undo = make_unwritable(probe)
    except (OSError, subprocess.CalledProcessError):
        return False
    try:
        probe.write_text("y")
        return False
    except OSError:
        return True
    finally:
        undo()
        probe.unlink()


def disarm(s: Scenario, undos: list[Undo | None]) -> None:
    """Remove every fault, so the next run starts from a healthy world."""
    s.model.clear_faults()
    s.github.clear_faults()
    for undo in reversed(undos):
        if undo is not None:
            undo()


# ---------------------------------------------------------------- the catalogue

ISSUE = r"/issues/\d+$"
PULLS = r"/pulls$"

CASES = [
    # Claude, through the real anthropic SDK and magentic
    FaultCase(
        "anthropic_429_retry_after",
        "anthropic",
        model(Fault.rate_limited(retry_after=0.05)),
        "error",
        "Anthropic rate-limited Booty",
        retried=True,
    ),
    FaultCase(
        "anthropic_500",
        "anthropic",
        model(Fault.server_error()),
        "error",
        "the Anthropic API failed (HTTP 500",
        retried=True,
    ),
    FaultCase(
        "anthropic_529_overloaded",
        "anthropic",
        model(Fault.overloaded()),
        "error",
        "the Anthropic API is overloaded",
        retried=True,
    ),
    FaultCase(
        "anthropic_connection_reset",
        "anthropic",
        model(Fault.reset()),
        "error",
        "could not connect",
        retried=True,
    ),
    FaultCase("anthropic_timeout", "anthropic", model(Fault.hang(2.0)), "error", "(timeout)", retried=True),
    FaultCase("anthropic_stream_cut", "anthropic", model(Fault.cut()), "error", "mid-answer", retried=True),
    FaultCase(
        "anthropic_edit_stream_cut",
        "anthropic",
        model(Fault.cut(), on="edit"),
        "error",
        "mid-answer",
        retried=True,
    ),
    FaultCase(
        "anthropic_max_tokens_mid_file",
        "anthropic",
        model(Fault.max_tokens(), on="edit"),
        "validation_failed",
        "cut off at the output limit",
        retried=True,
    ),
    FaultCase("anthropic_max_tokens_plan", "anthropic", model(Fault.max_tokens()), "error", "output limit"),
    FaultCase(
        "anthropic_malformed_tool_json",
        "anthropic",
        model(Fault.malformed_json()),
        "error",
        "no usable plan",
        retried=True,
    ),
    FaultCase(
        "anthropic_invalid_tool_json",
        "anthropic",
        model(Fault.malformed_json('{"actionable": nope}')),
        "error",
        "not valid JSON",
        retried=True,
    ),
    FaultCase("anthropic_refusal", "anthropic", model(Fault.refusal()), "error", "declined"),
    FaultCase(
        "anthropic_key_rejected",
        "anthropic",
        model(Fault.unauthorized()),
        "error",
        "the anthropic_api_key was rejected",
    ),
    FaultCase(
        "anthropic_count_tokens_500",
        "anthropic",
        counting(Fault.server_error()),
        "pr_opened",
        "Token counting failed",
        retried=True,
    ),
    # GitHub's REST API, through PyGithub
    FaultCase("github_401", "github", revoke_token, "error", "token was rejected", comment=False),
    FaultCase(
        "github_403_actions_may_not_open_prs",
        "github",
        github("POST", PULLS, 403, ACTIONS_MAY_NOT_CREATE_PRS),
        "error",
        "Allow GitHub Actions to create and approve pull requests",
    ),
    FaultCase(
        "github_403_missing_permission",
        "github",
        github("POST", PULLS, 403, "Resource not accessible by integration"),
        "error",
        "permissions: pull-requests: write",
    ),
    FaultCase(
        "github_403_secondary_rate_limit",
        "github",
        github("POST", PULLS, 403, SECONDARY_RATE_LIMIT),
        "error",
        "rate limit",
        retried=True,
    ),
    FaultCase("github_404_issue", "github", github("GET", ISSUE, 404), "error", "was not found"),
    FaultCase(
        "github_422_pull",
        "github",
        github(
            "POST",
            PULLS,
            422,
            {
                "message": "Validation Failed",
                "errors": [{"resource": "PullRequest", "field": "base", "code": "invalid"}],
            },
        ),
        "error",
        "(422)",
    ),
    FaultCase(
        "github_502_read", "github", github("GET", ISSUE, 502), "error", "re-run the workflow", retried=True
    ),
    FaultCase("github_502_open_pull", "github", github("POST", PULLS, 502), "error", "502"),
    FaultCase(
        "github_504_after_creating_pull",
        "github",
        github("POST", PULLS, 504, after=True),
        "pr_opened",
        "Opened pull request",
        retried=True,
    ),
    FaultCase(
        "github_500_update_pull",
        "github",
        github("PATCH", r"/pulls/\d+$", 500),
        "error",
        "500",
        retried=True,
        needs_pr=True,
    ),
    FaultCase(
        "github_500_comments",
        "github",
        github("POST", r"/comments$", 500),
        "pr_opened",
        "Opened pull request",
        comment=False,
    ),
    # git, against the real bare origin
    FaultCase("git_push_protected_branch", "git", protect_agent_branches, "error", "was rejected"),
    FaultCase(
        "git_push_answer_lost", "git", lose_push_answer, "pr_opened", "Opened pull request", retried=True
    ),
    FaultCase(
        "git_push_non_fast_forward", "git", deny_non_fast_forward, "error", "was rejected", needs_pr=True
    ),
    # the file system of the work tree
    FaultCase(
        "workspace_write_fails",
        "workspace",
        unwritable("calc/ops.py"),
        "error",
        "could not write calc/ops.py in the workspace",
    ),
]


def case_named(name: str) -> FaultCase:
    return next(c for c in CASES if c.name == name)


# ---------------------------------------------------------------- one run under a fault, checked


@dataclass
class FaultRun:
    code: int
    out: dict[str, str]
    before: Snapshot
    unused: int  # fault answers the fakes still held when the run ended


def run_under(s: Scenario, case: FaultCase | None = None, times: int = 1) -> FaultRun:
    """Arm ``case`` for ``times`` occurrences (None: the caller armed the fakes), run the whole
    action with quick Claude retries, disarm everything."""
    s.inputs.update(FAST_MODEL)
    before = Snapshot.of(s)
    undo = case.inject(s, times) if case else None
    try:
        code, out = s.run()
        unused = s.model.armed + s.github.armed
    finally:
        disarm(s, [undo])
    return FaultRun(code, out, before, unused)


FIXED_OPS_AGAIN = FIXED_OPS.replace("cannot divide by zero", "b must not be zero")  # what a re-run writes


def prepare(s: Scenario, case: FaultCase) -> str:
    """Script the divide() fix; for a fault that bites on re-runs, run once first. Returns the
    status a run that survives the fault ends in."""
    s.labeled()
    scripted_fix(s)
    if not case.needs_pr:
        return "pr_opened"
    assert s.run()[1]["status"] == "pr_opened", s.summary
    scripted_fix(s, FIXED_OPS_AGAIN)
    return "pr_updated"


def check_persistent(s: Scenario, case: FaultCase) -> None:
    """The fault outlasts every retry: the run says what happened, where it can, and leaves no mess."""
    prepare(s, case)
    run = run_under(s, case, PERSISTENT)
    assert run.out["status"] == case.status, s.summary
    assert case.says in s.summary
    comments = booty_comments(s.github, s.issue_number)
    if case.comment:
        assert len(comments) == 1 and case.says in comments[0]["body"], comments
    assert broken_promises(s, run.before, run.code, run.out, comment_writable=case.comment) == []


def check_retried(s: Scenario, case: FaultCase) -> None:
    """One occurrence of the fault is absorbed by a bounded retry; the run delivers as if nothing happened."""
    delivered = prepare(s, case)
    run = run_under(s, case, 1)
    assert run.unused == 0, "the fault was never hit"
    assert run.out["status"] == delivered, s.summary
    assert broken_promises(s, run.before, run.code, run.out) == []
