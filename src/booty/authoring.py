"""Writing the planned change: editor calls in parallel, then validate and repair, bounded.

Nothing here touches disk except through ``run_tests`` (which the caller wires to the workspace);
the change stays in memory until the caller decides to commit it.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field, replace
from typing import Awaitable, Callable

from booty.core.apply import apply_edits
from booty.core.edit_format import instructions_for
from booty.core.edits import parse_edits
from booty.core.models import BlockedFile, ChangeSet, FileEdit, Plan, PlannedChange, Problem, TestResult
from booty.core.ports import Completion
from booty.errors import OutputTruncated
from booty.prompts import editor_prompt

TRUNCATED = "\0truncated"
TRUNCATED_MESSAGE = (
    "the answer was cut off at the output limit (max_output_tokens) before the file was complete; "
    "answer with SEARCH/REPLACE blocks for only the lines that change"
)

#: ``write(purpose, system, user) -> Completion[str]``: one budget-checked editor call.
WriteCall = Callable[[str, str, str], Awaitable[Completion[str]]]


@dataclass
class Authored:
    """The result of authoring: a valid change (problems empty) or the problems that remain.
    ``left_out`` holds the problems of proposals for restricted files that stayed unusable: those
    files are dropped with a note, and never hold back the change itself."""

    changes: ChangeSet
    blocked: list[BlockedFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    test: TestResult = TestResult()
    rounds: int = 0
    left_out: list[Problem] = field(default_factory=list)


@dataclass
class Author:
    write: WriteCall
    originals: dict[str, str | None]  # current text of every planned path (None: absent)
    validate: Callable[[ChangeSet], list[Problem]]
    fenced_issue: str
    token: str
    max_retries: int
    concurrency: int = 4
    run_tests: Callable[[ChangeSet], TestResult] | None = None
    on_stage: Callable[[str], None] = lambda stage: None

    async def author(self, plan: Plan, writable: list[PlannedChange], blocked: list[PlannedChange]) -> Authored:
        """Write ``writable`` (and proposals for ``blocked``), repairing up to ``max_retries`` rounds."""
        targets = writable + blocked
        answers: dict[str, str] = {}
        feedback: dict[str, list[Problem]] = {}
        pending = [c for c in targets if c.action != "delete"]
        semaphore = asyncio.Semaphore(self.concurrency)
        result = Authored(changes=ChangeSet())
        for round_no in range(self.max_retries + 1):
            result.rounds = round_no + 1
            self.on_stage("write")
            replies = await asyncio.gather(*(self._write_one(plan, c, answers, feedback, semaphore) for c in pending))
            answers.update(dict(zip([c.path for c in pending], replies)))
            self.on_stage("validate")
            result = self._check(targets, writable, answers, round_no + 1)
            if not result.problems and not result.left_out:
                return result
            feedback = _by_path(result.problems + result.left_out, list(dict.fromkeys(c.path for c in pending + writable)))
            pending = [c for c in targets if c.path in feedback and c.action != "delete"]
            if not pending:
                break
        return _settled(result, bool(writable))

    async def _write_one(
        self,
        plan: Plan,
        change: PlannedChange,
        answers: dict[str, str],
        feedback: dict[str, list[Problem]],
        semaphore: asyncio.Semaphore,
    ) -> str:
        current = self.originals.get(change.path)
        system, user = editor_prompt(
            plan=plan,
            change=change,
            current=current,
            format_instructions=instructions_for(current),
            fenced_issue=self.fenced_issue,
            token=self.token,
            problems=feedback.get(change.path, []),
            previous="" if answers.get(change.path) == TRUNCATED else answers.get(change.path, ""),
        )
        async with semaphore:
            try:
                completion = await self.write(f"writing {change.path}", system, user)
            except OutputTruncated:
                return TRUNCATED  # a cut-off file is never used; the repair round says why
        return completion.value

    def _check(self, targets: list[PlannedChange], writable: list[PlannedChange], answers: dict[str, str], rounds: int) -> Authored:
        writable_paths = {c.path for c in writable}
        edits: list[FileEdit] = []
        problems: list[Problem] = []
        left_out: list[Problem] = []  # problems of the proposals for restricted files
        for change in targets:
            found = problems if change.path in writable_paths else left_out
            if change.action == "delete":
                edits.append(FileEdit(path=change.path, kind="delete"))
                continue
            if answers.get(change.path) == TRUNCATED:
                found.append(Problem(path=change.path, kind="size", message=TRUNCATED_MESSAGE))
                continue
            parsed, parse_problems = parse_edits(answers.get(change.path, ""), allowed_paths={change.path})
            edits += parsed
            found += [p if p.path else p.model_copy(update={"path": change.path}) for p in parse_problems]
            if not parsed and not parse_problems:
                found.append(Problem(path=change.path, kind="invalid", message="the answer contained no edit for this file"))
        applied, apply_problems = apply_edits(edits, self.originals)
        for p in apply_problems:
            (left_out if p.path and p.path not in writable_paths else problems).append(p)
        unusable = {p.path for p in left_out}
        changes = ChangeSet(changes=tuple(c for c in applied.changes if c.path in writable_paths))
        blocked = [BlockedFile(path=c.path, content=c.after) for c in applied.changes
                   if c.path not in writable_paths and c.path not in unusable]  # fmt: skip
        if not problems:
            problems = self.validate(changes)
        test = TestResult()
        if not problems and self.run_tests is not None and not changes.is_empty:
            test = self.run_tests(changes)
            if test.status == "failed":
                problems = [Problem(kind="test", message=f"`{test.command}` failed after this change:\n{test.tail}")]
        return Authored(changes=changes, blocked=blocked, problems=problems, test=test, rounds=rounds, left_out=left_out)


def _settled(result: Authored, any_writable: bool) -> Authored:
    """After the last round: proposals still unusable are left out with a note, unless nothing
    else is left of the change -- then they are its problems."""
    if not result.left_out or result.problems:
        return result
    if not any_writable and not result.blocked:
        return replace(result, problems=result.left_out, left_out=[])
    note = "no usable proposal for this restricted file came back ({})"
    return replace(result, left_out=[p.model_copy(update={"message": note.format(p.message)}) for p in result.left_out])


def _by_path(problems: list[Problem], paths: list[str]) -> dict[str, list[Problem]]:
    """Problems grouped by file; a problem about no file in particular goes to every file."""
    grouped: dict[str, list[Problem]] = {}
    for p in problems:
        for path in [p.path] if p.path in paths else paths:
            grouped.setdefault(path, []).append(p)
    return grouped
