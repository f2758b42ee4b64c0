"""Replay known answers through Booty's own authoring: the prompts it builds, parse, apply, validate.

``replay`` runs ``booty.edit.authoring.Author`` -- the code the pipeline runs after the plan -- with a
writer that answers each editor call from ``answers`` (path -> the text a model would write)
instead of calling Claude, and the pipeline's path policy and validation. It returns the change
Booty would commit, the problems that would stop it, and every editor prompt it built, so costs
are counted on Booty's actual prompts.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path

from booty.edit.authoring import Author
from booty.models import Plan, Problem, Prompt, Usage
from booty.ports import Completion
from booty.validate import validate
from booty.validate.imports import KnownModules
from booty.validate.paths import PathPolicy

TOKEN = "5f0c2a9e7b1d4c38"  # stands for the per-run random fence token (same length)


@dataclass
class Replayed:
    after: dict[str, str | None]  # path -> content Booty would write (None: deleted)
    problems: list[Problem]
    prompts: list[tuple[Prompt, str]]  # (prompt, answer) per editor call, in the order they were sent
    paths: list[str]  # the file of each editor call, in the same order


def replay(
    plan: Plan,
    originals: dict[str, str | None],
    answers: dict[str, str | list[str]],
    *,
    root: Path,
    known: KnownModules,
    max_files: int,
    fenced_issue: str,
    editor_view: str = "whole",
    repair_rounds: int = 0,
) -> Replayed:
    """What Booty makes of ``answers`` for ``plan`` on the repository at ``root``, its editor
    showing long files as ``editor_view``. An answer may be a list: one per call of that file,
    the last repeating; ``repair_rounds`` > 0 lets a rejected file be asked again."""
    policy = PathPolicy(root=root)
    prompts: list[tuple[Prompt, str]] = []
    paths: list[str] = []

    async def write(purpose: str, prompt: Prompt, on_start=None) -> Completion[str]:
        path = purpose.removeprefix("writing ")  # Author names each editor call "writing <path>"
        queue = answers[path] if isinstance(answers[path], list) else [answers[path]]
        answer = queue[min(paths.count(path), len(queue) - 1)]
        prompts.append((prompt, answer))
        paths.append(path)
        if on_start is not None:
            on_start()
        return Completion(answer, Usage())

    # A path the policy refuses or restricts is a refusal here: the gold change needed it written.
    problems = [p for c in plan.changes if (p := policy.check(c.path)) is not None]
    writable = [c for c in plan.changes if policy.check(c.path) is None]
    author = Author(
        write=write,
        originals=originals,
        validate=lambda cs: validate(cs, policy=policy, known=known, max_files=max_files),
        fenced_issue=fenced_issue,
        token=TOKEN,
        max_retries=repair_rounds,  # a known-correct answer needs none, unless it was not shown
        editor_view=editor_view,
    )
    authored = asyncio.run(author.author(plan, writable, []))
    problems += authored.problems
    after = {c.path: c.after for c in authored.changes.changes}
    return Replayed(after=after, problems=problems, prompts=prompts, paths=paths)
