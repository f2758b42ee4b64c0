"""Issue text is untrusted data: strip what a reader cannot see, keep only writers' comments, fence it."""

from __future__ import annotations

import re
import unicodedata

from booty.intake.controls import strip_controls
from booty.models import Issue

MAX_ISSUE_CHARS = 30_000  # what the prompt shows of a long body; the tail is cut with a note
MAX_COMMENT_CHARS = 6_000
# Beyond these the issue is refused before any model call (README): GitHub allows 65,536
# characters per body or comment (up to 256 KiB in UTF-8); more is pasted data, not a request.
MAX_BODY_BYTES = 256 * 1024
MAX_THREAD_BYTES = 256 * 1024  # the writers' comments together
MAX_PERMISSION_LOOKUPS = 20  # commenters whose permission is looked up per issue, the most recent first

_HTML_COMMENT = re.compile(r"<!--.*?(-->|$)", re.DOTALL)


def strip_hidden(text: str) -> str:
    """Remove HTML comments, invisible format characters (zero-width, bidi controls, BOM), control
    characters and terminal escape sequences."""
    text = _HTML_COMMENT.sub("", strip_controls(text))
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf" or ch in "\n\t")


def clean_issue(issue: Issue) -> Issue:
    """The issue as the model may see it: hidden text gone, non-writers' comments left out."""
    comments = tuple(
        c.model_copy(update={"body": _cap(strip_hidden(c.body), MAX_COMMENT_CHARS)})
        for c in issue.comments
        if c.author_is_writer
    )
    return issue.model_copy(
        update={
            "title": strip_hidden(issue.title).strip(),
            "body": _cap(strip_hidden(issue.body), MAX_ISSUE_CHARS),
            "comments": comments,
        }
    )


def too_large(issue: Issue) -> str | None:
    """Why ``issue`` is too large to work on (body, or writers' comments together), or None."""
    body = _utf8_size(issue.body)
    thread = sum(_utf8_size(c.body) for c in issue.comments if c.author_is_writer)
    if body > MAX_BODY_BYTES:
        why = f"The issue body is {body:,} bytes; Booty works on issue bodies of at most {MAX_BODY_BYTES:,} bytes (256 KiB)."
    elif thread > MAX_THREAD_BYTES:
        why = f"The writers' comments come to {thread:,} bytes; Booty reads at most {MAX_THREAD_BYTES:,} bytes (256 KiB) of comments."
    else:
        return None
    return f"{why} Nothing was sent to the model. Put long logs or data in an attachment or a gist and link it, then start Booty again."


def unchecked_note(issue: Issue) -> str:
    return (
        f"Left out {issue.unchecked_comments} comment(s) whose authors' permission was not checked: Booty "
        f"looks up at most {MAX_PERMISSION_LOOKUPS} possible writers per issue, the most recent first."
    )


def _utf8_size(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def fence_issue(issue: Issue, token: str) -> str:
    """Render the cleaned issue inside a fence named by a per-run random ``token``.

    The token is removed from the text first, so the text cannot close the fence.
    """
    tag = f"issue-{token}"

    def untagged(text: str) -> str:
        return text.replace(token, "")

    parts = [
        f"Title: {untagged(issue.title)}",
        "",
        untagged(issue.body).strip() or "(the issue has no description)",
    ]
    for c in issue.comments:
        parts += ["", f"Comment by @{untagged(c.author)}:", untagged(c.body).strip()]
    return f"<{tag}>\n" + "\n".join(parts) + f"\n</{tag}>"


def is_too_thin(issue: Issue) -> bool:
    """True when there is nothing to act on: no body and a title of a few words."""
    return not issue.body.strip() and not issue.comments and len(issue.title.split()) < 3


def _cap(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[:limit] + f"\n\n[... {len(text) - limit} more characters cut by Booty ...]"


def parse_issue_file(text: str, number: int = 1) -> Issue:
    """An issue from a local file: JSON ({"number", "title", "body"}) or markdown (first line is the title)."""
    import json

    stripped = text.strip()
    if stripped.startswith("{"):
        data = json.loads(stripped)
        return Issue(
            number=int(data.get("number", number)),
            title=str(data.get("title", "")),
            body=str(data.get("body") or ""),
        )
    first, _, rest = stripped.partition("\n")
    return Issue(number=number, title=first.lstrip("#").strip(), body=rest.strip())
