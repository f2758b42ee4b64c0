"""CODEOWNERS: who owns the changed files (last matching pattern wins, as on GitHub)."""

from __future__ import annotations

import pathspec

LOCATIONS = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS")


def owners_for(codeowners: str, paths: list[str]) -> list[str]:
    """User logins (without @) that own any of ``paths``. Teams and e-mails are left out."""
    rules: list[tuple[pathspec.PathSpec, list[str]]] = []
    for line in codeowners.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        pattern, *owners = line.split()
        rules.append((pathspec.PathSpec.from_lines("gitignore", [pattern]), owners))
    found: list[str] = []
    for path in paths:
        owners = next((o for spec, o in reversed(rules) if spec.match_file(path)), [])
        for owner in owners:
            login = owner.lstrip("@")
            if owner.startswith("@") and "/" not in login and login not in found:
                found.append(login)
    return found
