"""Follow-up scenarios (tests/integration/test_review_*.py): Booty's pull request opened by a real issue run, then reviewed on the fake
GitHub, and the action run again on the review's event."""

from __future__ import annotations

from typing import Any

from tests.support.repository import git
from tests.support.scenario import Scenario
from tests.support.scripted import FIXED_OPS, Scripted, plan, whole_file

REVISED_OPS = FIXED_OPS.replace("def divide(a, b):", "def divide(a: float, b: float) -> float:")


def opened_pr(s: Scenario) -> int:
    """Run the labelled issue through the action: Booty opens its pull request; returns its number."""
    s.labeled()
    s.model.responder = Scripted(plan(), {"calc/ops.py": [whole_file("calc/ops.py", FIXED_OPS)]})
    code, out = s.run()
    assert out["status"] == "pr_opened", s.summary
    number = int(out["pr_number"])
    s.github.state.heads[f"agent/issue-{s.issue_number}"] = s.branch_on_origin(
        f"agent/issue-{s.issue_number}"
    )
    git("checkout", "-q", "main", cwd=s.work)  # what actions/checkout leaves for the next event
    return number


def inline(
    path: str = "calc/ops.py", line: int = 5, body: str = "Add type hints here.", **more: Any
) -> dict[str, Any]:
    hunk = '@@ -4,4 +4,6 @@\n \n-def divide(a, b):\n+def divide(a, b):\n     """Divide a by b."""'
    return {"path": path, "line": line, "body": body, "diff_hunk": hunk, **more}


def reviewed(
    s: Scenario,
    pr: int,
    *,
    author: str = "maint",
    state: str = "CHANGES_REQUESTED",
    body: str = "",
    comments: list[dict[str, Any]] = (),
    sender_type: str = "User",
) -> tuple[int, list[int]]:
    """A review submitted on the fake GitHub, and the pull_request_review event it fires."""
    review_id, ids = s.github.add_review(pr, author=author, state=state, body=body, comments=list(comments))
    s.event_name = "pull_request_review"
    s.event = {
        "action": "submitted",
        "review": {
            "id": review_id,
            "state": state.lower(),
            "body": body,
            "user": {"login": author, "type": sender_type},
        },
        "pull_request": {"number": pr, "head": {"ref": f"agent/issue-{s.issue_number}"}},
        "repository": {"full_name": s.github.repository},
        "sender": {"login": author, "type": sender_type},
    }
    return review_id, ids


def inline_event(s: Scenario, pr: int, comment_id: int, *, author: str = "maint") -> None:
    """The pull_request_review_comment event GitHub fires for one inline comment of a submitted review."""
    [comment] = [c for c in s.github.review_comments_on(pr) if c["id"] == comment_id]
    s.event_name = "pull_request_review_comment"
    s.event = {
        "action": "created",
        "comment": {
            "id": comment_id,
            "pull_request_review_id": comment["review_id"],
            "body": comment["body"],
            "path": comment["path"],
            "user": {"login": author, "type": "User"},
        },
        "pull_request": {"number": pr, "head": {"ref": f"agent/issue-{s.issue_number}"}},
        "repository": {"full_name": s.github.repository},
        "sender": {"login": author, "type": "User"},
    }


def pr_command(s: Scenario, pr: int, body: str, *, author: str = "maint") -> int:
    """A `/booty ...` comment in the pull request's conversation, and its issue_comment event."""
    comment_id = s.github.add_comment(pr, body, author=author)
    s.event_name = "issue_comment"
    s.event = {
        "action": "created",
        "issue": {"number": pr, "pull_request": {"url": f"{s.github.api_url}/pulls/{pr}"}},
        "comment": {"id": comment_id, "body": body, "user": {"login": author}},
        "repository": {"full_name": s.github.repository},
        "sender": {"login": author, "type": "User"},
    }
    return comment_id


def revision(
    answers: list[dict[str, Any]], changes: list[dict[str, Any]] | None = None, **more: Any
) -> dict[str, Any]:
    """A scripted revision: a plan with one answer per thread."""
    default = [{"path": "calc/ops.py", "action": "modify", "reason": "Type hints, as the review asks."}]
    return {
        **plan(
            title="refactor(ops): type hints on divide",
            summary="divide() gets type hints.",
            changes=default if changes is None else changes,
        ),
        "answers": answers,
        **more,
    }


def log(s: Scenario, ref: str) -> list[str]:
    """Commits of ``ref`` on origin, newest first: 'sha parent subject'."""
    out = git("--git-dir", str(s.origin), "log", "--format=%H %P %s", ref, cwd=s.tmp)
    return out.splitlines()
