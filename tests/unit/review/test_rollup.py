"""A review round's roll-up: the rounds read back from Booty's own comment, the commit message, the PR sections."""

from __future__ import annotations

from booty.models import ChangeSet, Comment, FileChange, Plan, Usage
from booty.review.answers import Answered
from booty.review.rollup import (
    History,
    cost_section,
    files_section,
    history_of,
    replace_section,
    revision_commit_message,
    round_rollup,
    rounds_section,
    section_text,
)

MARKER = "<!-- booty:tracking issue=3 -->"


def test_rounds_are_read_back_from_booty_comment_only():
    rollup = round_rollup(
        number=1,
        key="review-7",
        asked_by="alice",
        answers=[Answered(thread_id=1, verdict="fixed", reply="r")],
        sha="abc",
        changes=ChangeSet(changes=(FileChange(path="a.py", before="x", after="y"),)),
        usage=Usage(input_tokens=10, output_tokens=2),
        cost_usd=0.01,
        outcome="revision_pushed",
    )
    section = rounds_section(History(), rollup)
    mine = Comment(author="github-actions[bot]", body=f"report\n\n{section}\n\n{MARKER}")
    pasted = Comment(
        author="mallory", body=f"{rounds_section(History(), rollup.replace('n=1', 'n=9'))}\n{MARKER}"
    )
    history = history_of((pasted, mine), 3, {"github-actions[bot]"})
    assert history.keys == ("review-7",) and history.rounds == 1 and not history.capped
    assert "1 fixed, 0 declined, 0 asked back" in history.text and "`a.py`" in history.text
    again = rounds_section(
        history, rollup.replace("n=1 key=review-7", "n=2 key=comment-8"), capped_note="stop"
    )
    assert history_of(
        (Comment(author="github-actions[bot]", body=again + MARKER),), 3, {"github-actions[bot]"}
    ).capped
    assert (
        history_of((Comment(author="mallory", body=again + MARKER),), 3, {"github-actions[bot]"}) == History()
    )


def test_the_revision_commit_refers_to_the_issue_and_names_the_request():
    message = revision_commit_message(
        Plan(actionable=True, summary="Hints.", title="Add hints"), 3, "review-7"
    )
    assert message.startswith("fix: add hints\n\nHints.\n\nRefs #3\nBooty-Follow-Up: review-7")
    assert "Closes" not in message


def test_pr_sections_are_replaced_in_place_or_added_before_the_footer():
    body = "## Summary\n\nS\n\n## Files changed\n\n- `a.py` (modified)\n\n## Cost\n\nModel m: 1 token.\n\n---\n\n_Opened by Booty._"
    files = files_section([("M", "a.py"), ("A", "b.py")])
    updated = replace_section(body, "Files changed", files)
    assert "- `a.py` (modified)\n- `b.py` (created)\n\n## Cost" in updated
    cost = cost_section(section_text(updated, "Cost"), 1, "m", Usage(input_tokens=5), 0.5)
    updated = replace_section(updated, "Cost", cost)
    assert "Model m: 1 token.\n\nReview round 1, model `m`" in updated and updated.endswith(
        "_Opened by Booty._"
    )
    assert replace_section("text\n\n---\n\nfooter", "Cost", "c") == "text\n\n## Cost\n\nc\n\n---\n\nfooter"


def test_the_last_pushed_commit_is_the_newest_round_that_recorded_one():
    def one(n: int, sha: str) -> str:
        return round_rollup(
            number=n,
            key=f"review-{n}",
            asked_by="alice",
            answers=[],
            sha=sha,
            changes=None,
            usage=Usage(input_tokens=1, output_tokens=1),
            cost_usd=0.0,
            outcome="revision_pushed" if sha else "no_changes",
        )

    first, second = "a" * 40, "b" * 40
    assert History(text="\n\n".join([one(1, first), one(2, second), one(3, "")])).last_commit == second
    assert History(text=one(1, "")).last_commit == "" and History().last_commit == ""
