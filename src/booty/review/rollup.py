"""What a follow-up round leaves in writing: the commit message, the round's roll-up in the
tracking comment (with the rounds before it), and the pull request's updated sections. Pure.

The rounds live in Booty's tracking comment on the issue, each behind a hidden marker naming the
request that started it (``review-<id>`` or ``comment-<id>``): the count limits follow-ups per pull
request, and a request already answered is recognised when its event is delivered again.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from booty.models import ChangeSet, Comment, Plan, Usage
from booty.publish.texts import comment_marker, defang, pr_title
from booty.review.answers import Answered

ROUNDS_START, ROUNDS_END = "<!-- booty:rounds -->", "<!-- /booty:rounds -->"
CAPPED = "<!-- booty:followups-capped -->"
_ROUND = re.compile(r"<!-- booty:round n=(\d+) key=([a-z]+-\d+) -->")
_COMMIT = re.compile(r"\bcommit ([0-9a-f]{40})\b")


@dataclass(frozen=True)
class History:
    """The rounds recorded so far: their text (kept as it is) and the requests they answered."""

    text: str = ""
    keys: tuple[str, ...] = ()
    capped: bool = False

    @property
    def rounds(self) -> int:
        return len(self.keys)

    @property
    def last_commit(self) -> str:
        """The commit the latest round that pushed one recorded ('' when none did)."""
        found = _COMMIT.findall(self.text)
        return found[-1] if found else ""


def history_of(comments: tuple[Comment, ...], issue_number: int, booty: set[str]) -> History:
    """The rounds section of Booty's tracking comment among the issue's ``comments`` (Booty's own
    comment preferred: anyone can paste the marker)."""
    marker = comment_marker(issue_number)
    mine = [c for c in comments if marker in c.body and c.author in booty]
    if not mine:
        return History()
    body = mine[0].body
    start, end = body.find(ROUNDS_START), body.find(ROUNDS_END)
    if start < 0 or end < start:
        return History()
    text = body[start + len(ROUNDS_START) : end].strip("\n")
    return History(text=text, keys=tuple(key for _, key in _ROUND.findall(text)), capped=CAPPED in text)


def round_rollup(
    *,
    number: int,
    key: str,
    asked_by: str,
    answers: list[Answered],
    sha: str,
    changes: ChangeSet | None,
    usage: Usage,
    cost_usd: float,
    outcome: str,
) -> str:
    """One round, as the tracking comment lists it."""
    counts = Counter(a.verdict for a in answers)
    threads = (
        f"{counts['fixed']} fixed, {counts['declined']} declined, {counts['question']} asked back"
        if answers
        else "no threads"
    )
    files = ", ".join(f"`{c.path}`" for c in changes.changes) if changes and changes.changes else "none"
    commit = f"commit {sha}" if sha else "no commit"
    return (
        f"<!-- booty:round n={number} key={key} -->\n"
        f"**Round {number}** (@{asked_by}, {key.replace('-', ' ')}): {outcome}, {commit}. Threads: {threads}. "
        f"Files: {files}. Tokens: {usage.describe()}, about ${cost_usd:.4f}."
    )


def rounds_section(history: History, new_round: str = "", *, capped_note: str = "") -> str:
    """The tracking comment's rounds section: the earlier rounds, then the new one."""
    lines = [
        part for part in (history.text, new_round, f"{CAPPED}\n{capped_note}" if capped_note else "") if part
    ]
    if not lines:
        return ""
    return f"### Review rounds\n{ROUNDS_START}\n" + "\n\n".join(lines) + f"\n{ROUNDS_END}"


def revision_commit_message(plan: Plan, issue_number: int, key: str) -> str:
    """A conventional subject, the summary, ``Refs #N`` (the pull request still closes the issue)
    and a trailer naming the request the commit answers."""
    title = pr_title(plan) if plan.title.strip() else "fix: address review comments"
    body = defang(plan.summary).strip()
    return f"{title}\n\n{body}\n\nRefs #{issue_number}\nBooty-Follow-Up: {key}\n"


_SECTION = "\n## {title}\n\n"
_FOOTER = "\n\n---\n\n"


def replace_section(body: str, title: str, text: str) -> str:
    """``body`` with the section under ``## title`` replaced by ``text`` (inserted before Booty's
    footer when the body has no such section)."""
    found = _section_span(body, title)
    if found is None:
        at = body.rfind(_FOOTER)
        at = len(body) if at < 0 else at
        return body[:at] + f"\n\n## {title}\n\n{text.strip(chr(10))}" + body[at:]
    begin, end = found
    content = body[begin:end]
    trail = content[len(content.rstrip("\n")) :]
    return body[:begin] + text.strip("\n") + trail + body[end:]


def section_text(body: str, title: str) -> str:
    """The text under ``## title`` in ``body`` ('' when absent)."""
    found = _section_span(body, title)
    return "" if found is None else body[found[0] : found[1]].strip("\n")


def _section_span(body: str, title: str) -> tuple[int, int] | None:
    """Where the text under ``## title`` begins and ends: at the next heading or Booty's footer."""
    heading = _SECTION.format(title=title)
    start = ("\n" + body).find(heading)
    if start < 0:
        return None
    begin = start - 1 + len(heading)
    ends = [i for i in (body.find("\n## ", begin), body.find(_FOOTER, begin)) if i >= 0]
    return begin, min(ends) if ends else len(body)


def files_section(name_status: list[tuple[str, str]]) -> str:
    """The pull request's files against its base, as ``git diff --name-status`` lists them."""
    verbs = {"A": "created", "D": "deleted", "M": "modified", "R": "renamed"}
    return (
        "\n".join(f"- `{path}` ({verbs.get(status[:1], 'modified')})" for status, path in name_status)
        or "- (none)"
    )


def cost_section(previous: str, round_number: int, model: str, usage: Usage, cost_usd: float) -> str:
    """The cost section with one more line for this round (earlier lines kept)."""
    line = f"Review round {round_number}, model `{model}`: {usage.describe()}, about ${cost_usd:.4f}."
    return f"{previous.rstrip()}\n\n{line}" if previous.strip() else line
