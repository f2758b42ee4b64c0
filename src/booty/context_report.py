"""``booty context``: which files Booty would show the planner for an issue, and why.

``gather_context`` runs the real localization (list files -> index -> rank -> pack) on a
checkout; ``build_report`` turns it into the JSON the CLI prints with ``--json``;
``format_report`` renders the same report for people.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from booty.adapters.repo_files import list_files, read_file_bytes
from booty.core.budget import MAP_CANDIDATES, pack
from booty.core.index import build_index
from booty.core.models import RankedFile, RepoContext, RepoIndex
from booty.core.rank import rank

@dataclass(frozen=True)
class Localization:
    index: RepoIndex
    ranked: list[RankedFile]
    context: RepoContext


def gather_context(
    repo: Path, issue_text: str, *, budget: int, never_read: Callable[[str], bool]
) -> Localization:
    """Index the checkout at ``repo`` (never reading never-read files), rank it and pack the map."""
    repo = Path(repo)
    index = build_index(list_files(repo), lambda rel: read_file_bytes(repo, rel), never_read=never_read)
    ranked = rank(issue_text, index, limit=MAP_CANDIDATES)
    return Localization(index=index, ranked=ranked, context=pack(ranked, index, budget))


def build_report(
    repo: Path, issue_text: str, *, budget: int, top: int, never_read: Callable[[str], bool]
) -> dict:
    """``{"ranked": [{path, score, signals}...], "context": {budget, tokens, files: [{path, detail, tokens}...]}}``."""
    found = gather_context(repo, issue_text, budget=budget, never_read=never_read)
    return {
        "ranked": [
            {"path": r.path, "score": r.score, "signals": list(r.signals)} for r in found.ranked[:top]
        ],
        "context": {
            "budget": found.context.budget,
            "tokens": found.context.tokens,
            "files": [{"path": f.path, "detail": f.detail, "tokens": f.tokens} for f in found.context.files],
        },
    }


def format_report(report: dict) -> str:
    """The report for a terminal: ranked candidates, then the packed map summarized by detail level."""
    lines = [f"Ranked candidates (top {len(report['ranked'])}):"]
    for n, r in enumerate(report["ranked"], 1):
        lines.append(f"{n:>4}. {r['score']:>8.3f}  {r['path']}  [{', '.join(r['signals']) or '-'}]")
    ctx = report["context"]
    lines.append("")
    lines.append(f"Repository map: {ctx['tokens']} of {ctx['budget']} tokens, {len(ctx['files'])} files")
    paths_only = [f for f in ctx["files"] if f["detail"] == "path"]
    for f in ctx["files"]:
        if f["detail"] != "path":
            lines.append(f"  {f['detail']:<8}{f['tokens']:>7}  {f['path']}")
    if paths_only:
        shown = ", ".join(f["path"] for f in paths_only[:10])
        more = f" and {len(paths_only) - 10} more" if len(paths_only) > 10 else ""
        lines.append(f"  path    {sum(f['tokens'] for f in paths_only):>7}  {len(paths_only)} files: {shown}{more}")
    return "\n".join(lines) + "\n"
