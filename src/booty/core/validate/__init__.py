"""Validate a change set before anything is written: every check, one list of problems.

The same ``Problem`` list drives the repair prompt, the pull-request or issue comment and the
tests. Checks: paths (``PathPolicy``), number of files, file size, syntax, Python imports.
"""

from __future__ import annotations

from booty.core.models import ChangeSet, Problem
from booty.core.validate.imports import KnownModules, check_imports
from booty.core.validate.paths import PathPolicy
from booty.core.validate.syntax import check_syntax

__all__ = ["validate", "PathPolicy", "KnownModules"]


def validate(
    changes: ChangeSet,
    *,
    policy: PathPolicy,
    known: KnownModules,
    max_files: int,
    max_file_bytes: int = 1_000_000,
) -> list[Problem]:
    """All problems of ``changes``; empty when it may be committed.

    Modules the change creates and dependencies it declares count as known for its imports.
    """
    changed = [c for c in changes.changes if c.before != c.after]
    problems: list[Problem] = []
    if len(changed) > max_files:
        problems.append(Problem(kind="size", message=(
            f"The change touches {len(changed)} files; at most {max_files} are allowed. "
            "Change only the files the issue needs.")))
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
            problems.append(Problem(path=change.path, kind="size", message=(
                f"The new content is {size:,} bytes; at most {max_file_bytes:,} are allowed.")))
            continue
        problems.extend(check_syntax(change.path, change.before, change.after))
        problems.extend(check_imports(change.path, change.before, change.after, known))
    return problems
