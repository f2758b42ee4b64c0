"""What must hold after any run, whatever went wrong: the checks of the fault tests and bench/soak.py.

``inconsistencies`` looks at the state alone (origin, the fake GitHub, the work tree);
``broken_promises`` also compares it with a ``Snapshot`` taken before the run and with the
run's exit code and outputs.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.fakes.github_server import FakeGitHub
from tests.support.repository import git

#: Hidden settings that keep Claude retries quick against the fakes (BOOTY_LLM_*).
from tests.support.scenario import API_KEY, GITHUB_TOKEN, Scenario

#: Hidden settings that keep Claude retries quick against the fakes (BOOTY_LLM_*).
FAST_MODEL = {"llm_attempts": "3", "llm_backoff_s": "0.01", "llm_timeout_s": "1"}
BOT_EMAIL_PART = "github-actions[bot]"
FAILING = {"validation_failed", "budget_exceeded", "blocked_path", "error"}  # exit 1 (README)
SUCCEEDING = {"pr_opened", "pr_updated", "no_changes", "needs_info", "skipped", "dry_run", "unauthorized"}
DELIVERED = {"pr_opened", "pr_updated", "dry_run"}
SECRETS = (GITHUB_TOKEN, API_KEY)


def git_status(work: Path) -> str:
    """``git status --porcelain`` of the work tree (untracked files included)."""
    return git("status", "--porcelain", "--untracked-files=all", cwd=work)


def head_of(work: Path) -> str:
    """The branch the work tree is on, or the commit when HEAD is detached."""
    out = subprocess.run(
        ["git", "symbolic-ref", "-q", "--short", "HEAD"], cwd=work, capture_output=True, text=True
    )
    return out.stdout.strip() or git("rev-parse", "HEAD", cwd=work).strip()


def work_tree(root: Path) -> dict[str, object]:
    """Every folder, file (its bytes) and symlink (its target) under ``root``, but git's own directory."""
    found: dict[str, object] = {}
    for directory, folders, files in os.walk(root):
        here = Path(directory)
        folders[:] = [f for f in folders if not (here == root and f == ".git")]
        for name in folders:
            found[(here / name).relative_to(root).as_posix() + "/"] = "folder"
        for name in files:
            path = here / name
            found[path.relative_to(root).as_posix()] = (
                os.readlink(path) if path.is_symlink() else path.read_bytes()
            )
    return found


def origin_branches(origin: Path) -> dict[str, str]:
    """branch name -> commit, for every branch of the bare origin."""
    out = git("for-each-ref", "--format=%(refname:short) %(objectname)", "refs/heads", cwd=origin)
    return dict(line.split(" ", 1) for line in out.splitlines() if line)


def booty_comments(github: FakeGitHub, issue: int) -> list[dict[str, Any]]:
    return [c for c in github.comments_on(issue) if f"<!-- booty:tracking issue={issue} -->" in c["body"]]


def booty_pulls(github: FakeGitHub, issue: int) -> list[dict[str, Any]]:
    """The open pull requests carrying the issue's hidden marker."""
    marker = f"<!-- booty:pr issue={issue} -->"
    return [p for p in github.pulls.values() if p["state"] == "open" and marker in p["body"]]


def inconsistencies(s: Scenario, *, start: str = "main", outcome: str | None = None) -> list[str]:
    """Every way the state after a run breaks Booty's promises (empty: consistent).

    A booty branch on origin without an open PR or an open PR without its branch and commit, more
    than one PR or tracking comment per issue, a tracking comment not finalized (with ``outcome``
    when given), a dirty work tree or one not back on ``start``.
    """
    found: list[str] = []
    branches = origin_branches(s.origin)
    open_pulls = [p for p in s.github.pulls.values() if p["state"] == "open"]
    for name, sha in branches.items():
        if not name.startswith("agent/issue-"):
            continue
        heads = [p for p in open_pulls if p["head"] == name]
        if len(heads) != 1:
            found.append(f"branch {name} on origin has {len(heads)} open pull requests")
        author = git("log", "-1", "--format=%ae", sha, cwd=s.origin).strip()
        if BOT_EMAIL_PART not in author:
            found.append(f"branch {name} ends in a commit by {author}, not Booty's")
    for pull in open_pulls:
        if pull["head"] not in branches:
            found.append(f"pull request #{pull['number']} has no branch {pull['head']} on origin")
    for number in s.github.issues:
        if len(marked := booty_pulls(s.github, number)) > 1:
            found.append(f"issue #{number} has {len(marked)} open pull requests")
        comments = booty_comments(s.github, number)
        if len(comments) > 1:
            found.append(f"issue #{number} has {len(comments)} tracking comments")
        for comment in comments:
            if "**Booty: " not in comment["body"]:
                found.append(f"the tracking comment on #{number} was not finalized")
            elif outcome and number == s.issue_number and f"(`{outcome}`)" not in comment["body"]:
                found.append(f"the tracking comment on #{number} does not say `{outcome}`")
    if (status := git_status(s.work)).strip():
        found.append(f"the work tree is dirty: {status.strip()}")
    if (head := head_of(s.work)) != start:
        found.append(f"the work tree is on {head}, not {start}")
    return found


@dataclass(frozen=True)
class Snapshot:
    """What a run may change only when it delivers: origin's branches and the open pull requests."""

    branches: dict[str, str]
    pulls: dict[int, tuple[str, str]]  # number -> (head, body) of the open ones
    head: str
    tree: dict[str, object]  # work_tree(): an undelivered run leaves every file and folder as it was

    @classmethod
    def of(cls, s: Scenario) -> Snapshot:
        pulls = {n: (p["head"], p["body"]) for n, p in s.github.pulls.items() if p["state"] == "open"}
        return cls(origin_branches(s.origin), pulls, head_of(s.work), work_tree(s.work))


def everything_written(s: Scenario, outputs: dict[str, str]) -> str:
    """Every byte Booty sent anywhere or left behind: GitHub requests, prompts, summary, log, outputs."""
    github = json.dumps([r.json for r in s.github.requests], default=str)
    model = json.dumps(s.model.requests) + json.dumps(s.model.count_requests)
    log = "\n".join(ln for ln in s.stdout.splitlines() if not ln.startswith("::add-mask::"))
    return "\n".join([github, model, s.summary, log, json.dumps(outputs)])


def broken_promises(
    s: Scenario, before: Snapshot, code: int, out: dict[str, str], *, comment_writable: bool = True
) -> list[str]:
    """``inconsistencies`` plus what the run's outcome claims against what it did.

    ``comment_writable=False``: GitHub refused every comment write, so an earlier run's final
    comment may stand; it is not held against this run's outcome.
    """
    status = out.get("status", "")
    branch = f"agent/issue-{s.issue_number}"
    # A delivered change stays checked out (later steps of the job may use it); anything else is undone.
    start = branch if status in DELIVERED else before.head
    found = inconsistencies(s, start=start, outcome=status if comment_writable else None)
    if status not in FAILING | SUCCEEDING:
        return [*found, f"unknown status {status!r} (exit code {code})"]
    if code != (1 if status in FAILING else 0):
        found.append(f"status {status} with exit code {code}")
    written = everything_written(s, out)
    found += [f"a secret ({secret[:8]}...) was written" for secret in SECRETS if secret in written]
    if status in ("pr_opened", "pr_updated"):
        pulls = booty_pulls(s.github, s.issue_number)
        local = git("rev-parse", "-q", "--verify", f"refs/heads/{branch}", cwd=s.work).strip()
        if [str(p["number"]) for p in pulls] != [out.get("pr_number")]:
            found.append(
                f"{status} names #{out.get('pr_number')}, open PRs for the issue: {[p['number'] for p in pulls]}"
            )
        if origin_branches(s.origin).get(branch) != local:
            found.append(f"{status}, but origin's {branch} is not the commit Booty made")
        had_pr = any(head == branch for head, _ in before.pulls.values())
        if had_pr != (status == "pr_updated"):
            found.append(
                f"{status}, but a pull request {'existed' if had_pr else 'did not exist'} before the run"
            )
    else:
        if origin_branches(s.origin) != before.branches:
            found.append(f"{status}, yet origin's branches changed")
        now = {n: (p["head"], p["body"]) for n, p in s.github.pulls.items() if p["state"] == "open"}
        if now != before.pulls:
            found.append(f"{status}, yet the open pull requests changed")
        if (tree := work_tree(s.work)) != before.tree:
            changed = sorted(k for k in tree.keys() | before.tree.keys() if tree.get(k) != before.tree.get(k))
            found.append(f"{status}, yet the work tree changed: {changed[:5]}")
    return found
