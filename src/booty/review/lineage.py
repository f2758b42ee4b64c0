"""Whose commits the pull request's branch holds now, and whether it still continues Booty's own
last push. Pure: the branch's commits in, a reason or a note out.

A person may add commits to Booty's branch (a fix by hand, "Update branch"): Booty builds on them,
fast-forward, and says so. A person may also rewrite it (force-push, rebase, squash): then the
commits the review threads were written against are gone, and Booty stops rather than pile a
revision onto history it did not write and cannot describe.
"""

from __future__ import annotations

from booty.publish.texts import written_by_booty
from booty.review.models import BranchCommit

FOLLOW_UP_TRAILER = "Booty-Follow-Up:"


def is_booty_commit(commit: BranchCommit, issue_number: int) -> bool:
    """Authored and committed by Booty's identity, with the message of an issue run or a round."""
    ours = written_by_booty(commit.author_email, commit.committer_email)
    return ours and (f"Closes #{issue_number}" in commit.message or FOLLOW_UP_TRAILER in commit.message)


def rewritten(commits: list[BranchCommit], issue_number: int, branch: str, last_commit: str) -> str | None:
    """Why ``branch`` (its ``commits`` not on the base) no longer continues Booty's work, or None.
    ``last_commit``: the commit Booty's last round recorded ('' when no round pushed one)."""
    shas = {c.sha for c in commits}
    if last_commit and last_commit not in shas:
        lost = f"Booty's last commit {last_commit[:12]}, pushed in its previous review round"
    elif not any(is_booty_commit(c, issue_number) for c in commits):
        lost = "any commit of Booty's"
    else:
        return None
    return (
        f"`{branch}` was rewritten by someone other than Booty (force-pushed, rebased or squashed): it no longer "
        f"holds {lost}. Booty changed nothing, so the branch stays as they left it; it revises only a branch that "
        "still continues its own last commit. Add commits on top of that commit instead of rewriting, or finish "
        "the change by hand."
    )


def added_by_people(commits: list[BranchCommit], issue_number: int) -> list[BranchCommit]:
    """The commits newer than Booty's newest one (``commits`` newest first) that are not Booty's."""
    added = []
    for commit in commits:
        if is_booty_commit(commit, issue_number):
            break
        added.append(commit)
    return added


def people_note(added: list[BranchCommit], branch: str) -> str:
    listed = ", ".join(
        f"{c.sha[:12]} ({c.message.splitlines()[0][:60] if c.message else 'no message'})" for c in added
    )
    return (
        f"`{branch}` has {len(added)} commit(s) pushed by people since Booty's last: {listed}. This round "
        "builds on them (a fast-forward), so they stay."
    )
