"""What Booty writes into git and GitHub: branch, markers, commit message, pull-request text."""

from __future__ import annotations

import difflib
import re

from booty.fences import fence
from booty.intake.controls import strip_controls
from booty.models import BlockedFile, ChangeSet, Plan, TestResult, Usage

BOT_NAME = "github-actions[bot]"
BOT_EMAIL = "41898282+github-actions[bot]@users.noreply.github.com"


def written_by_booty(author_email: str, committer_email: str) -> bool:
    """Whether a commit was authored and committed as Booty's identity (a person's rebase keeps
    the author but makes the person the committer: no longer Booty's)."""
    return author_email == BOT_EMAIL and committer_email == BOT_EMAIL


MAX_BLOCKED_CHARS = 20_000


def branch_name(issue_number: int) -> str:
    return f"agent/issue-{issue_number}"


def pr_marker(issue_number: int) -> str:
    return f"<!-- booty:pr issue={issue_number} -->"


def comment_marker(issue_number: int) -> str:
    return f"<!-- booty:tracking issue={issue_number} -->"


_IMAGE_MD = re.compile(r"!\[([^\]]*)\]\(([^)]*)\)")
_IMAGE_HTML = re.compile(r"<img\b[^>]*>", re.IGNORECASE)


def defang(text: str) -> str:
    """Model-written text made safe for GitHub markdown and git: no images (exfiltration), no
    mentions, no control characters (git refuses a NUL in a commit message)."""
    text = _IMAGE_MD.sub(lambda m: f"{m.group(1) or 'image'} (image removed)", strip_controls(text))
    text = _IMAGE_HTML.sub("(image removed)", text)
    return re.sub(r"(?<![\w`])@(?=[A-Za-z0-9])", "@\u200b", text)


def commit_message(plan: Plan, issue_number: int) -> str:
    title = _conventional(plan.title)
    body = defang(plan.summary).strip()
    return f"{title}\n\n{body}\n\nCloses #{issue_number}\n"


def pr_title(plan: Plan) -> str:
    return _conventional(plan.title)


def _conventional(title: str) -> str:
    title = " ".join(defang(title).split())[:72] or "fix: resolve issue"
    if not re.match(r"^[a-z]+(\([^)]*\))?!?: ", title):
        title = f"fix: {title[0].lower()}{title[1:]}"[:72]
    return title


def pr_sections(
    *,
    plan: Plan,
    issue_number: int,
    changes: ChangeSet,
    usage: Usage,
    cost_usd: float,
    model: str,
    test: TestResult,
    blocked: list[BlockedFile],
    served_by: str = "",
) -> dict[str, str]:
    """The PR body's sections by role: summary, changes, test plan, tests, handover, usage."""
    files = "\n".join(f"- `{c.path}` ({_verb(c.before, c.after)})" for c in changes.changes) or "- (none)"
    criteria = "\n".join(f"- [ ] {defang(c)}" for c in plan.acceptance_criteria) or "- [ ] Review the diff."
    sections = {
        "summary": f"{defang(plan.summary).strip()}\n\nCloses #{issue_number}",
        "changes": files,
        "test_plan": criteria,
        "tests": test_section(test),
        "usage": f"Model `{model}`{f' through {served_by}' if served_by else ''}: {usage.describe()}, "
        f"about ${cost_usd:.4f}.",
    }
    if blocked:
        sections["handover"] = blocked_section(blocked)
    return sections


def test_section(test: TestResult) -> str:
    if test.status == "not_run":
        return "Not run (no `test_command` configured)."
    head = f"`{test.command}` **{test.status}**" + (
        f" (exit code {test.exit_code})" if test.exit_code is not None else ""
    )
    return (
        f"{head}\n\n<details><summary>Output (tail)</summary>\n\n{fence(test.tail)}\n</details>"
        if test.tail
        else head
    )


HANDOFF_WARNING = (
    "Booty may not write these restricted files. What follows was written by the model from the "
    "issue's request and **has not been checked by Booty** beyond refusing the risky content it knows "
    "(it is neither validated nor tested): it is not Booty's advice. Read every line of each diff "
    "before applying it by hand."
)


def blocked_section(blocked: list[BlockedFile]) -> str:
    """Proposed changes to restricted files, as diffs against the current files, for a maintainer to
    judge and apply by hand. A refused proposal is named with the reason, never shown."""
    parts = [HANDOFF_WARNING]
    for b in blocked:
        if b.refused:
            parts.append(f"\n**`{b.path}`**: Booty refused this proposal and does not show it. {b.refused}")
        elif b.content is None:
            parts.append(f"\n**`{b.path}`**: proposed for deletion.")
        else:
            diff = handoff_diff(b.path, b.before, b.content)
            if len(diff) > MAX_BLOCKED_CHARS:
                diff = diff[:MAX_BLOCKED_CHARS] + "\n[... cut ...]"
            parts.append(
                f"\n**`{b.path}`** (proposed from the issue's request, unchecked)\n\n{fence(diff, 'diff')}"
            )
    return "\n".join(parts)


def handover_note(blocked: list[BlockedFile]) -> str:
    """The tracking comment's note on the hand-off: how many proposals, which were refused."""
    note = f"{len(blocked)} restricted file(s) are proposed in the PR/comment for a maintainer to apply."
    refused = [f"`{b.path}`" for b in blocked if b.refused]
    return note + (
        f" Booty refused the proposal for {', '.join(refused)} (named there, not shown)." if refused else ""
    )


def handoff_diff(path: str, before: str | None, after: str) -> str:
    """A unified diff of ``after`` against ``before`` (None: a new file)."""
    lines = difflib.unified_diff(
        (before or "").splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{path}" if before is not None else "/dev/null",
        tofile=f"b/{path}",
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    ).rstrip("\n")


_TITLES = {
    "summary": "Summary",
    "changes": "Files changed",
    "test_plan": "Test plan",
    "tests": "Test command",
    "handover": "Changes to apply by hand",
    "usage": "Cost",
}
_APPENDIX = (
    "changes",
    "tests",
    "handover",
    "usage",
)  # what Booty adds after a description written in the template


def pr_body(sections: dict[str, str], issue_number: int, template: str | None, notes: list[str]) -> str:
    """Booty's sections; after the repository's PR template, untouched, when it has one that could
    not be filled in (see ``described_body`` for one that was)."""
    body = "\n\n".join(f"## {_TITLES[k]}\n\n{v}" for k, v in sections.items())
    if template and template.strip():
        body = f"{template.strip()}\n\n---\n\n{body}"
    return body + _footer(issue_number, notes)


def described_body(description: str, sections: dict[str, str], issue_number: int, notes: list[str]) -> str:
    """A description written in the repository's template, then, once, what the template has no
    place for: the files, the test command's result, any hand-over and the cost."""
    appendix = "\n\n".join(_labelled(_TITLES[k], sections[k]) for k in _APPENDIX if k in sections)
    return f"{description.strip()}\n\n---\n\n{appendix}" + _footer(issue_number, notes, rule=False)


def _labelled(title: str, text: str) -> str:
    """``**Title**: text`` for a sentence; a list or several lines go below the label."""
    return (
        f"**{title}**: {text}" if "\n" not in text and not text.startswith("- ") else f"**{title}**\n\n{text}"
    )


def _footer(issue_number: int, notes: list[str], rule: bool = True) -> str:
    quoted = "".join(f"> {n}\n\n" for n in notes)
    separator = "---\n\n" if rule else ""
    return f"\n\n{separator}{quoted}_Opened by Booty for #{issue_number}._\n{pr_marker(issue_number)}"


def _verb(before: str | None, after: str | None) -> str:
    return "created" if before is None else "deleted" if after is None else "modified"
