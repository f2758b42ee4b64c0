"""Human-facing reports: the living tracking comment and the job summary. Pure rendering."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field

from booty.models import ChangeSet, FileChange, Outcome, Status, TestResult, Usage
from booty.publish.texts import comment_marker

MAX_SUMMARY_PROBLEMS = 30

STAGES = {
    "read": "Reading the issue",
    "context": "Selecting context",
    "plan": "Planning",
    "write": "Writing the change",
    "validate": "Validating",
    "test": "Running the tests",
    "describe": "Writing the pull request description",
    "push": "Committing and pushing",
    "commit": "Committing (dry run: nothing is pushed)",
    "pr": "Opening the pull request",
    "review": "Reading the review",
    "answer": "Answering the review threads",
}

HEADLINES = {
    Status.PR_OPENED: "Opened a pull request",
    Status.PR_UPDATED: "Updated the pull request",
    Status.NO_CHANGES: "No changes were needed",
    Status.NEEDS_INFO: "Needs more information",
    Status.SKIPPED: "Skipped",
    Status.DRY_RUN: "Dry run finished (nothing pushed)",
    Status.VALIDATION_FAILED: "Stopped: the change did not pass validation",
    Status.BUDGET_EXCEEDED: "Stopped: budget exceeded",
    Status.BLOCKED_PATH: "Stopped: the change needs restricted files",
    Status.UNAUTHORIZED: "Refused: not authorized",
    Status.ERROR: "Failed",
    Status.REVISION_PUSHED: "Pushed a revision of the pull request",
    Status.FOLLOWUP_LIMIT: "Stopped: follow-up limit reached",
    Status.BRANCH_MOVED: "Stopped: the branch moved on GitHub meanwhile",
}


@dataclass
class Progress:
    """Which stages started when (seconds since the run began). A stage lasts until the next one
    starts, or until the run ends; the log and the comment both render it with ``stage_line``."""

    started: list[tuple[str, float]] = field(default_factory=list)

    def enter(self, stage: str, at: float) -> None:
        self.started.append((stage, at))

    def durations(self, now: float) -> list[tuple[str, float]]:
        """(stage, seconds) for every stage entered; the last one runs until ``now``."""
        if not self.started:
            return []
        ends = [at for _, at in self.started[1:]] + [now]
        return [(stage, end - at) for (stage, at), end in zip(self.started, ends, strict=True)]

    def lines(self, now: float, finished: bool) -> list[str]:
        out = []
        for i, (stage, seconds) in enumerate(self.durations(now)):
            done = i + 1 < len(self.started) or finished
            out.append(
                f"- [x] {stage_line(stage, seconds)}" if done else f"- [ ] {STAGES[stage]} (in progress)"
            )
        return out


def stage_start_line(stage: str) -> str:
    """The log's line as a stage begins."""
    return f"[booty] {STAGES[stage]} ..."


def stage_line(stage: str, seconds: float) -> str:
    """One finished stage with its duration, as the log and the comment show it."""
    return f"{STAGES[stage]} ({seconds:.1f}s)"


def headline(outcome: Outcome) -> str:
    return f"**Booty: {HEADLINES[outcome.status]}** (`{outcome.status.value}`)"


def tracking_comment(
    *,
    issue_number: int,
    run_url: str,
    progress: Progress,
    now: float,
    outcome: Outcome | None,
    notes: list[str],
    appendix: str = "",
) -> str:
    """The one comment Booty keeps up to date on the issue; ``appendix`` (the review rounds of its
    pull request) follows the run's own report."""
    run = f" · [workflow run]({run_url})" if run_url else ""
    if outcome is None:
        top = f"**Booty is working on this issue**{run}"
    else:
        top = f"{headline(outcome)}{run}\n\n{outcome.message}"
        if outcome.problems:
            top += "\n\n" + "\n".join(f"- {p.render()}" for p in outcome.problems[:30])
        if outcome.pr_url:
            top += f"\n\nPull request: {outcome.pr_url}"
    clock = f"_Elapsed: {now:.1f}s_" if outcome is None else f"_Total: {now:.1f}s_"
    body = [top, "", *progress.lines(now, finished=outcome is not None), f"\n{clock}"]
    if outcome is not None and (outcome.usage.prompt_tokens or outcome.usage.output_tokens):
        body.append(f"_Tokens: {outcome.usage.describe()}, about ${outcome.cost_usd:.4f}_")
    body += [f"\n> {n}" for n in notes]
    if appendix:
        body.append(f"\n{appendix}")
    return "\n".join(body) + "\n\n" + comment_marker(issue_number)


def job_summary(
    outcome: Outcome,
    *,
    manifest: str = "",
    changes: ChangeSet | None = None,
    test: TestResult | None = None,
    calls: Sequence[tuple[str, Usage]] = (),
    notes: Sequence[str] = (),
    served_by: str = "",
) -> str:
    """Markdown for GITHUB_STEP_SUMMARY, short enough to read: the outcome (with ``notes``), the pull
    request, cost and tokens, what changed, the tests, then the context manifest (``manifest``) collapsed."""
    parts = [f"## {headline(outcome)}", "", outcome.message]
    if outcome.problems:
        shown = outcome.problems[:MAX_SUMMARY_PROBLEMS]
        parts += [
            "",
            *[f"- {p.render()}" for p in shown],
            *_more(len(outcome.problems) - len(shown), "problems"),
        ]
    parts += [line for note in notes for line in ("", f"> {note}")]
    rows = [
        ("status", outcome.status.value),
        ("pull request", outcome.pr_url or "-"),
        ("branch", outcome.branch or "-"),
        ("input tokens", f"{outcome.usage.prompt_tokens:,}"),
        (
            "cache writes / reads",
            f"{outcome.usage.cache_write_tokens:,} / {outcome.usage.cache_read_tokens:,}",
        ),
        ("output tokens", f"{outcome.usage.output_tokens:,}"),
        ("cost", f"${outcome.cost_usd:.4f}"),
        *([("provider", served_by)] if served_by else []),
    ]
    parts += ["", "| | |", "|---|---|", *[f"| {k} | {v} |" for k, v in rows]]
    if calls:
        parts += [
            "",
            "<details><summary>Tokens per model call</summary>",
            "",
            "| call | input tokens | cache writes | cache reads | output tokens |",
            "|---|---:|---:|---:|---:|",
        ]
        parts += [
            f"| {purpose} | {u.prompt_tokens:,} | {u.cache_write_tokens:,} | {u.cache_read_tokens:,} | "
            f"{u.output_tokens:,} |"
            for purpose, u in calls
        ]
        parts += ["", "</details>"]
    if changes is not None and changes.changes:
        parts += ["", "### What changed", "", *[f"- {changed_line(c)}" for c in changes.changes]]
    if test is not None:
        parts += ["", "### Tests", "", _tested(test)]
    if manifest:
        parts += [
            "",
            "<details><summary>Context shown to the model</summary>",
            "",
            manifest.rstrip("\n"),
            "",
            "</details>",
        ]
    return "\n".join(parts) + "\n"


def changed_line(change: FileChange) -> str:
    """``path`` (verb, +added -removed lines)."""
    before, after = (change.before or "").splitlines(), (change.after or "").splitlines()
    verb = "created" if change.before is None else "deleted" if change.after is None else "modified"
    diff = list(difflib.unified_diff(before, after, lineterm="", n=0))[2:]
    added = sum(1 for ln in diff if ln.startswith("+"))
    removed = sum(1 for ln in diff if ln.startswith("-"))
    return f"`{change.path}` ({verb}, +{added} -{removed})"


def _tested(test: TestResult) -> str:
    if test.status == "not_run":
        return "Not run (no `test_command` configured)."
    code = f" (exit code {test.exit_code})" if test.exit_code is not None else ""
    return f"`{test.command}` **{test.status}**{code}"


def _more(count: int, what: str) -> list[str]:
    return [f"- … and {count} more {what}"] if count > 0 else []
