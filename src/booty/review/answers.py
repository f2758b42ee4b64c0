"""The revision the model returns: a plan (as for an issue) and one answer per review thread,
keyed by the thread's id, never by position. Field descriptions are part of the prompt."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from booty.models import Frozen, Plan
from booty.publish.texts import defang
from booty.review.models import Thread

Verdict = Literal["fixed", "declined", "question"]
MAX_REPLY_CHARS = 4_000


class ThreadAnswer(Frozen):
    thread_id: int = Field(
        description="The id of the review thread this answers, exactly as shown after 'Thread'."
    )
    verdict: Verdict = Field(
        description="fixed: the planned change does what the comment asks; declined: it should not be done "
        "(say why); question: what is asked is unclear (ask what you need to know)."
    )
    reply: str = Field(
        description="The reply posted in the thread, for the reviewer: what was changed, or why not, or the "
        "question. One to three sentences, no greeting."
    )


class Revision(Plan):
    """A plan for the next commit on the pull request, with the answers to its review threads."""

    answers: list[ThreadAnswer] = Field(
        default_factory=list,
        description="One answer for every thread listed under 'Threads to answer', each by its id.",
    )


class Answered(Frozen):
    """A thread's final answer: the model's, or Booty's own when the model gave none."""

    thread_id: int
    verdict: Verdict
    reply: str
    from_model: bool = True


def settle(revision: Revision, threads: list[Thread]) -> tuple[list[Answered], list[str]]:
    """One answer per thread of the round, matched by id; notes for what did not match (an answer
    for a thread not asked about, a second answer for one thread, a thread left unanswered)."""
    asked = {t.id for t in threads}
    chosen: dict[int, Answered] = {}
    notes: list[str] = []
    for answer in revision.answers:
        if answer.thread_id not in asked:
            notes.append(
                f"The model answered thread {answer.thread_id}, which this round did not ask about; it was left out."
            )
        elif answer.thread_id in chosen:
            notes.append(f"The model answered thread {answer.thread_id} twice; the first answer stands.")
        else:
            chosen[answer.thread_id] = Answered(
                thread_id=answer.thread_id, verdict=answer.verdict, reply=answer.reply
            )
    for thread in threads:
        if thread.id not in chosen:
            notes.append(
                f"The model gave no answer for thread {thread.id}; Booty replied that it was not addressed."
            )
            chosen[thread.id] = Answered(
                thread_id=thread.id,
                verdict="question",
                from_model=False,
                reply="This comment was not addressed in this round. Please restate what should change, or ask again with `/booty`.",
            )
    return [chosen[t.id] for t in threads], notes


def without_commit(answers: list[Answered]) -> list[Answered]:
    """When the round made no commit, no answer may claim a fix: such answers become questions."""
    return [
        a.model_copy(
            update={"verdict": "question", "reply": f"No change was committed in this round. {a.reply}"}
        )
        if a.verdict == "fixed"
        else a
        for a in answers
    ]


def reply_text(answer: Answered, sha: str = "") -> str:
    """The text of the reply posted in the thread (model text defanged: no images, no mentions)."""
    text = defang(answer.reply).strip()
    if len(text) > MAX_REPLY_CHARS:
        text = text[:MAX_REPLY_CHARS] + " [...]"
    if answer.verdict == "fixed":
        head = f"**Fixed** in {sha}." if sha else "**Fixed.**"
    elif answer.verdict == "declined":
        head = "**Not changed.**"
    else:
        head = "**Question.**"
    return f"{head} {text}\n\n_Booty, answering this review thread._"
