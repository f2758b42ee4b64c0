"""``booty context``: which files Booty would show the planner for an issue, and why.

``build_report`` turns the run's own repository map (``locate.repository_map``) into the JSON
the CLI prints with ``--json``; ``format_report`` renders the same report for people.
"""

from __future__ import annotations

from typing import Any

from booty.locate.repository_map import RepositoryMap


def build_report(found: RepositoryMap, *, top: int) -> dict[str, Any]:
    """``{"ranked": [{path, score, signals}...], "context": {budget, tokens, files: [{path, detail, tokens}...]}}``."""
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


def format_report(report: dict[str, Any]) -> str:
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
        lines.append(
            f"  path    {sum(f['tokens'] for f in paths_only):>7}  {len(paths_only)} files: {shown}{more}"
        )
    return "\n".join(lines) + "\n"
