"""``booty sweep-plan``: the issues a backlog sweep should run, each with its estimated cost.

Reads only: the open issues with the trigger label (one listing, no comments), the open pull
requests (one listing, to find Booty's own by their marker), and the checkout, indexed once for
every issue's estimate. Writes nothing anywhere.
"""

from __future__ import annotations

from booty.claude.profiles import ModelProfile
from booty.locate.guidance import guidance_documents
from booty.locate.index import build_index
from booty.locate.repo_reader import RepoReader
from booty.ports import CodeHost, Workspace
from booty.prompts import guidance_block
from booty.sweep.estimate import issue_cost
from booty.sweep.selection import SweepPlan, select
from booty.validate.paths import PathPolicy

LISTED_ISSUES = 500  # how many labelled issues are listed (five pages); the rest wait for the next sweep


def plan_sweep(
    host: CodeHost,
    workspace: Workspace,
    *,
    label: str,
    max_issues: int,
    max_total_cost_usd: float,
    max_cost_usd: float,
    budget: int,
    profile: ModelProfile,
    restricted_paths: tuple[str, ...] = (),
) -> SweepPlan:
    issues = host.open_issues(label, limit=LISTED_ISSUES)
    if not issues:
        return SweepPlan(issues=(), skipped=())
    pulls = host.open_pull_requests()
    policy = PathPolicy(restricted=restricted_paths, root=workspace.root)
    reader = RepoReader(workspace, policy)
    files = workspace.tracked_files()
    index = build_index(files, workspace.read_bytes, never_read=policy.never_read)
    guidance = guidance_block(guidance_documents(files, reader.text))
    return select(
        issues,
        pulls,
        max_issues=max_issues,
        max_total_cost_usd=max_total_cost_usd,
        estimate=lambda issue: issue_cost(
            issue, index, budget=budget, guidance=guidance, profile=profile, max_cost_usd=max_cost_usd
        ),
    )
