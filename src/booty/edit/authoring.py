"""Writing the planned change: editor calls in parallel, then validate and repair, bounded.

Nothing here touches disk except through ``run_tests`` (which the caller wires to the workspace);
the change stays in memory until the caller decides to commit it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace

from booty.edit.apply import apply_edits
from booty.edit.formats import choose_format, instructions_for
from booty.edit.parsing import parse_edits
from booty.edit.regions import FileView, select_view
from booty.edit.seen import unseen_blocks
from booty.errors import OutputTruncated
from booty.models import (
    BlockedFile,
    ChangeSet,
    FileChange,
    FileEdit,
    Plan,
    PlannedChange,
    Problem,
    Prompt,
    TestResult,
)
from booty.ports import Completion
from booty.prompts import editor_prompt

TRUNCATED = "\0truncated"
TRUNCATED_MESSAGE = (
    "the answer was cut off at the output limit (max_output_tokens) before the file was complete; "
    "answer with SEARCH/REPLACE blocks for only the lines that change"
)

#: ``write(purpose, prompt, on_start) -> Completion[str]``: one budget-checked editor call;
#: ``on_start`` (may be None) is called when the answer begins.
WriteCall = Callable[[str, Prompt, Callable[[], None] | None], Awaitable[Completion[str]]]


#: ``screen(path, before, after) -> problems``: the content checks a hand-off proposal must pass.
ScreenCall = Callable[[str, str | None, str | None], list[Problem]]


@dataclass
class Authored:
    """The result of authoring: a valid change (problems empty) or the problems that remain.

    ``refused`` holds the problems of proposals for restricted files; they do not stop the change:
    such a proposal is named in the hand-off, never shown (``BlockedFile.refused``). ``left_out``
    holds those of proposals that stayed unusable (no edit, a failed SEARCH): those files are
    dropped with a note, and never hold back the change itself.
    """

    changes: ChangeSet
    blocked: list[BlockedFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    test: TestResult = TestResult()
    rounds: int = 0
    refused: list[Problem] = field(default_factory=list)
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
    screen: ScreenCall = lambda path, before, after: []
    scrub: Callable[[str], str] = lambda text: text  # applied to earlier answers shown again to the model
    rules: str = (
        ""  # the editor prompt's untrusted-text rules, when not the issue's (see prompts.editor_prompt)
    )
    # "whole": every file is shown whole; "regions": a file answered with SEARCH/REPLACE blocks
    # is shown as the parts the plan points at (``booty.edit.regions``)
    editor_view: str = "whole"
    _tested: dict[ChangeSet, TestResult] = field(default_factory=dict, init=False, repr=False)
    _views: dict[str, FileView] = field(
        default_factory=dict, init=False, repr=False
    )  # what each file's last call showed
    _repairs: dict[str, int] = field(
        default_factory=dict, init=False, repr=False
    )  # repair rounds asked per file

    async def author(
        self, plan: Plan, writable: list[PlannedChange], blocked: list[PlannedChange]
    ) -> Authored:
        """Write ``writable`` (and proposals for ``blocked``), repairing up to ``max_retries`` rounds."""
        targets = writable + blocked
        answers: dict[str, str] = {}
        feedback: dict[str, list[Problem]] = {}
        pending = [c for c in targets if c.action != "delete"]
        # Several calls share the plan and the issue: the first writes them to the prompt cache,
        # the others (and every repair) read them.
        cache_shared = len(pending) >= 2
        semaphore = asyncio.Semaphore(self.concurrency)
        result = Authored(changes=ChangeSet())
        for round_no in range(self.max_retries + 1):
            result.rounds = round_no + 1
            self.on_stage("write")
            prompts = [
                self._prompt(plan, c, answers, feedback, cache_shared, repair=round_no > 0) for c in pending
            ]
            warm = cache_shared and round_no == 0
            replies = await self._write_all(pending, prompts, semaphore, warm_first=warm)
            answers.update(dict(zip([c.path for c in pending], replies, strict=True)))
            self.on_stage("validate")
            result = self._check(targets, writable, answers, round_no + 1)
            proposals = result.refused + result.left_out
            if not result.problems and not proposals:
                return result
            paths = [*(c.path for c in pending + writable), *(p.path for p in proposals)]
            feedback = _by_path(result.problems + proposals, list(dict.fromkeys(paths)))
            pending = [c for c in targets if c.path in feedback and c.action != "delete"]
            if not pending:
                break
        return _settled(result, bool(writable))

    def _prompt(
        self,
        plan: Plan,
        change: PlannedChange,
        answers: dict[str, str],
        feedback: dict[str, list[Problem]],
        cache_shared: bool,
        *,
        repair: bool,
    ) -> Prompt:
        current = self.originals.get(change.path)
        problems = feedback.get(change.path, [])
        previous = "" if answers.get(change.path) == TRUNCATED else self.scrub(answers.get(change.path, ""))
        view = self._view(plan, change, current, problems, previous)
        return editor_prompt(
            plan=plan,
            change=change,
            current=current,
            format_instructions=instructions_for(current),
            fenced_issue=self.fenced_issue,
            token=self.token,
            problems=problems,
            previous=previous,
            cache_shared=cache_shared,
            cache_file=repair,  # a file that needed one repair may well need another
            rules=self.rules,
            view=view,
        )

    def _view(
        self, plan: Plan, change: PlannedChange, current: str | None, problems: list[Problem], previous: str
    ) -> FileView | None:
        """The regions of ``change.path`` its call shows, or None for the whole file.

        A first repair round also shows the lines its problems point at and the definitions the
        rejected answer names. The whole file comes back when a problem points at no line (no
        edit -- the model asked to see more, as the prompt tells it to -- a cut-off answer, a
        failed test) and from the second repair of the file on: regions never cost a change.
        """
        path = change.path
        if problems:
            self._repairs[path] = self._repairs.get(path, 0) + 1
        regions_wanted = self.editor_view == "regions" and choose_format(current) == "search_replace"
        if not regions_wanted or any(p.line is None for p in problems) or self._repairs.get(path, 0) > 1:
            self._views.pop(path, None)
            return None
        mentions = "\n".join(
            [change.reason, plan.summary, *plan.acceptance_criteria, previous if problems else ""]
        )
        view = select_view(path, current or "", mentions, problem_lines=[p.line for p in problems if p.line])
        self._views[path] = view
        return view

    async def _write_all(
        self,
        changes: list[PlannedChange],
        prompts: list[Prompt],
        semaphore: asyncio.Semaphore,
        *,
        warm_first: bool,
    ) -> list[str]:
        """Every call of a round; with ``warm_first`` the others start once the first one's answer
        has begun, so its cache entry exists when they arrive (parallel calls would all write it)."""
        if not changes:
            return []
        warmed = asyncio.Event()
        if not warm_first:
            warmed.set()

        async def first() -> str:
            try:
                return await self._write_one(changes[0], prompts[0], semaphore, on_start=warmed.set)
            finally:
                warmed.set()

        async def later(change: PlannedChange, prompt: Prompt) -> str:
            await warmed.wait()
            return await self._write_one(change, prompt, semaphore)

        return await asyncio.gather(
            first(), *(later(c, p) for c, p in zip(changes[1:], prompts[1:], strict=True))
        )

    async def _write_one(
        self,
        change: PlannedChange,
        prompt: Prompt,
        semaphore: asyncio.Semaphore,
        on_start: Callable[[], None] | None = None,
    ) -> str:
        async with semaphore:
            try:
                completion = await self.write(f"writing {change.path}", prompt, on_start)
            except OutputTruncated:
                return TRUNCATED  # a cut-off file is never used; the repair round says why
        return completion.value

    def _check(
        self,
        targets: list[PlannedChange],
        writable: list[PlannedChange],
        answers: dict[str, str],
        rounds: int,
    ) -> Authored:
        edits: list[FileEdit] = []
        writable_paths = {c.path for c in writable}
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
            unseen = [
                p
                for e in parsed
                for p in unseen_blocks(e, self.originals.get(change.path), self._views.get(change.path))
            ]
            edits += [] if unseen else parsed  # a block written from a guess is never applied
            found += [
                p if p.path else p.model_copy(update={"path": change.path}) for p in parse_problems
            ] + unseen
            if not parsed and not parse_problems:
                found.append(
                    Problem(
                        path=change.path, kind="invalid", message="the answer contained no edit for this file"
                    )
                )
        applied, apply_problems = apply_edits(edits, self.originals)
        for p in apply_problems:
            (left_out if p.path and p.path not in writable_paths else problems).append(p)
        unusable = {p.path for p in left_out}
        changes = ChangeSet(changes=tuple(c for c in applied.changes if c.path in writable_paths))
        blocked, refused = self._proposals(
            [c for c in applied.changes if c.path not in writable_paths and c.path not in unusable]
        )
        if not problems:
            problems = self.validate(changes)
        test = TestResult()
        if not problems and self.run_tests is not None and not changes.is_empty:
            test = self._test(changes)
            if test.status == "failed":
                problems = [
                    Problem(kind="test", message=f"`{test.command}` failed after this change:\n{test.tail}")
                ]
        return Authored(
            changes=changes,
            blocked=blocked,
            problems=problems,
            test=test,
            rounds=rounds,
            refused=refused,
            left_out=left_out,
        )

    def _proposals(self, changes: list[FileChange]) -> tuple[list[BlockedFile], list[Problem]]:
        """Hand-offs for restricted files, each screened; a risky one is marked refused."""
        blocked, refused = [], []
        for c in changes:
            found = self.screen(c.path, c.before, c.after) if c.after is not None else []
            reason = " ".join(f"Line {p.line}: {p.message}" if p.line else p.message for p in found)
            blocked.append(BlockedFile(path=c.path, content=c.after, before=c.before, refused=reason))
            refused += found
        return blocked, refused

    def _test(self, changes: ChangeSet) -> TestResult:
        """Run the test command once per distinct change (a round that only rewrites a proposal reuses it)."""
        if changes not in self._tested:
            assert self.run_tests is not None  # the caller runs the tests only when there is a command
            self._tested[changes] = self.run_tests(changes)
        return self._tested[changes]


def _settled(result: Authored, any_writable: bool) -> Authored:
    """After the last round: proposals still unusable are left out with a note, unless nothing
    else is left of the change -- then they are its problems."""
    if not result.left_out or result.problems:
        return result
    if not any_writable and not result.blocked:
        return replace(result, problems=result.left_out, left_out=[])
    note = "no usable proposal for this restricted file came back ({})"
    return replace(
        result, left_out=[p.model_copy(update={"message": note.format(p.message)}) for p in result.left_out]
    )


def _by_path(problems: list[Problem], paths: list[str]) -> dict[str, list[Problem]]:
    """Problems grouped by file; a problem about no file in particular goes to every file."""
    grouped: dict[str, list[Problem]] = {}
    for p in problems:
        for path in [p.path] if p.path in paths else paths:
            grouped.setdefault(path, []).append(p)
    return grouped
