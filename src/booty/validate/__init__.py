"""Validate a change set before anything is written: every check, one list of problems.

The same ``Problem`` list drives the repair prompt, the pull-request or issue comment and the
tests. Checks: paths (``PathPolicy``), number of files, file size, syntax, Python imports, and the
content checks of ``check_content`` (which also screen proposals for restricted files).
"""

from __future__ import annotations

from booty.models import ChangeSet, Problem
from booty.scrubbing import Scrubber
from booty.validate.imports import KnownModules, check_imports
from booty.validate.leaks import check_leak_in_path, check_leaks
from booty.validate.paths import PathPolicy
from booty.validate.risky import check_risky
from booty.validate.sources import check_sources
from booty.validate.syntax import check_syntax

__all__ = ["KnownModules", "PathPolicy", "check_content", "check_leak_in_path", "validate"]


def check_content(
    path: str, before: str | None, after: str | None, secrets: Scrubber | None = None
) -> list[Problem]:
    """Problems of what the change adds to one file, whoever applies it: code downloaded and run
    blind, bidi controls, dependencies from outside the package index, secret values."""
    problems = check_risky(path, before, after) + check_sources(path, before, after)
    return problems + (check_leaks(path, before, after, secrets) if secrets is not None else [])


def validate(
    changes: ChangeSet,
    *,
    policy: PathPolicy,
    known: KnownModules,
    max_files: int,
    max_file_bytes: int = 1_000_000,
    secrets: Scrubber | None = None,
) -> list[Problem]:
    """All problems of ``changes``; empty when it may be committed.

    Modules the change creates and dependencies it declares count as known for its imports.
    """
    changed = [c for c in changes.changes if c.before != c.after]
    problems: list[Problem] = []
    if len(changed) > max_files:
        problems.append(
            Problem(
                kind="size",
                message=(
                    f"The change touches {len(changed)} files; at most {max_files} are allowed. "
                    "Change only the files the issue needs."
                ),
            )
        )
    known = known.with_files({c.path: c.after for c in changed if c.after is not None})
    for change in changed:
        refused = policy.check(change.path)
        if refused:
            problems.append(refused)
            continue
        if change.after is None:
            continue
        size = len(change.after.encode("utf-8", "surrogatepass"))
        if size > max_file_bytes:
            problems.append(
                Problem(
                    path=change.path,
                    kind="size",
                    message=(f"The new content is {size:,} bytes; at most {max_file_bytes:,} are allowed."),
                )
            )
            continue
        problems.extend(check_syntax(change.path, change.before, change.after))
        problems.extend(check_imports(change.path, change.before, change.after, known))
        problems.extend(check_content(change.path, change.before, change.after, secrets))
    return problems
