"""The sweep's plan for people: one Markdown table of what runs, one of what does not, and why."""

from __future__ import annotations

from booty.intake.controls import strip_controls
from booty.sweep.selection import SweepPlan


def sweep_table(plan: SweepPlan) -> str:
    lines = ["## Booty sweep plan", ""]
    if plan.issues:
        lines += ["| Issue | Title | Estimated cost |", "| --- | --- | ---: |"]
        lines += [f"| #{s.number} | {_cell(s.title)} | ${s.estimated_cost_usd:.4f} |" for s in plan.issues]
        lines += [
            "",
            f"{len(plan.issues)} issue(s), estimated **${plan.total_estimated_cost_usd:.4f}** in all.",
        ]
    else:
        lines.append("No issue to run: none is open with the trigger label, or each one is left out below.")
    if plan.skipped:
        lines += ["", "| Left out | Why |", "| --- | --- |"]
        lines += [f"| #{s.number} | {_cell(s.why)} |" for s in plan.skipped]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """Issue titles are untrusted: one line, no control characters, no table breaks."""
    return strip_controls(" ".join(text.split())).replace("|", "\\|")[:120]
