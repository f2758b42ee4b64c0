"""CODEOWNERS: who owns the changed files (last matching pattern wins, as on GitHub).

Booty only names them: GitHub itself requests their reviews on every pull request that touches
owned files (and a request made by Booty would fail for owners who are not collaborators).
"""

from __future__ import annotations

import pathspec

LOCATIONS = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS")


def owners_for(codeowners: str, paths: list[str]) -> list[str]:
    """The ``@user`` and ``@org/team`` handles that own any of ``paths``, in first-seen order.
    E-mail owners are left out: they are not GitHub handles."""
    rules: list[tuple[pathspec.PathSpec[pathspec.Pattern], list[str]]] = []
    for line in codeowners.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        pattern, *owners = line.split()
        rules.append((pathspec.PathSpec.from_lines("gitignore", [pattern]), owners))
    found: list[str] = []
    for path in paths:
        owners = next((o for spec, o in reversed(rules) if spec.match_file(path)), [])
        found += [o for o in owners if o.startswith("@") and len(o) > 1 and o not in found]
    return found


def owners_note(codeowners: str | None, paths: list[str]) -> list[str]:
    """One line for the pull request naming the owners of ``paths`` (in code spans, so nobody is
    pinged twice), or nothing."""
    owners = owners_for(codeowners or "", paths)
    if not owners:
        return []
    return [
        f"Code owners of the changed files: {', '.join(f'`{o}`' for o in owners)} (GitHub requests their reviews)."
    ]
