"""Whether Booty's branch still continues its own last commit, and which commits people added on top."""

from __future__ import annotations

from booty.publish.texts import BOT_EMAIL
from booty.review.lineage import added_by_people, is_booty_commit, people_note, rewritten
from booty.review.models import BranchCommit

PERSON = "pat@example.com"


def commit(sha: str, message: str, author: str = BOT_EMAIL, committer: str = BOT_EMAIL) -> BranchCommit:
    return BranchCommit(sha=sha * 40, author_email=author, committer_email=committer, message=message)


OPENED = commit("a", "fix: divide by zero\n\nCloses #3\n")
ROUND = commit("b", "refactor: hints\n\nRefs #3\nBooty-Follow-Up: review-8001\n")
THEIRS = commit("c", "docs: notes by hand\n", author=PERSON, committer=PERSON)


def test_booty_commits_are_its_identity_and_its_message_and_a_rebase_makes_them_a_persons():
    assert is_booty_commit(OPENED, 3) and is_booty_commit(ROUND, 3)
    assert not is_booty_commit(THEIRS, 3)
    assert not is_booty_commit(OPENED.model_copy(update={"committer_email": PERSON}), 3)  # rebased
    assert not is_booty_commit(OPENED, 4)  # another issue's commit


def test_a_branch_that_continues_booty_is_not_rewritten_even_with_commits_of_people_on_top():
    assert rewritten([THEIRS, ROUND, OPENED], 3, "agent/issue-3", ROUND.sha) is None
    assert rewritten([OPENED], 3, "agent/issue-3", "") is None


def test_a_branch_without_booty_commits_or_without_its_last_round_is_rewritten():
    squashed = rewritten([THEIRS], 3, "agent/issue-3", "")
    assert squashed and "no longer holds any commit of Booty's" in squashed and "`agent/issue-3`" in squashed
    reset = rewritten([OPENED], 3, "agent/issue-3", ROUND.sha)
    assert reset and f"Booty's last commit {ROUND.sha[:12]}" in reset


def test_commits_newer_than_booty_newest_are_named_in_the_note():
    added = added_by_people([THEIRS, ROUND, OPENED], 3)
    assert added == [THEIRS]
    assert added_by_people([ROUND, THEIRS, OPENED], 3) == []  # below Booty's newest: already built on
    note = people_note(added, "agent/issue-3")
    assert f"1 commit(s) pushed by people since Booty's last: {THEIRS.sha[:12]} (docs: notes by hand)" in note
