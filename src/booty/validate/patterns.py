"""A list of path patterns (gitignore semantics, each pattern on its own), matched against a path
as written and against its look-alike forms (``validate.lookalike``).

Each pattern is also folded the way a path is, so ``.еnv`` (Cyrillic е) meets ``.env`` in both
forms. A pattern whose folded form no longer compiles (the range ``[0-9]`` becomes ``[O-9]``)
keeps its literal meaning only. One combined spec per form answers "does any pattern match?"
first: the index asks that about every file of the repository.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pathspec

from booty.validate.lookalike import forms


def _spec(lines: Sequence[str]) -> pathspec.GitIgnoreSpec:
    return pathspec.GitIgnoreSpec.from_lines(lines)


class Patterns:
    def __init__(self, patterns: Sequence[str]) -> None:
        patterns = [p for p in patterns if p.strip()]
        self._literal = [(p, _spec([p])) for p in patterns]
        self._alike: list[tuple[str, pathspec.GitIgnoreSpec, pathspec.GitIgnoreSpec]] = []
        folded: dict[str, tuple[str, str]] = {}
        for p in patterns:
            try:
                case_kept, case_folded = forms(p)
                self._alike.append((p, _spec([case_kept]), _spec([case_folded])))
                folded[p] = forms(p)
            except (ValueError, re.error):
                continue
        # A lone "!pattern" matches nothing, so leaving negations out keeps "any pattern matches".
        positive = [p for p in patterns if not p.startswith("!")]
        self._any_literal = _spec(positive)
        self._any_alike = tuple(_spec([folded[p][i] for p in positive if p in folded]) for i in (0, 1))

    def matching(self, path: str) -> list[str]:
        """The patterns ``path`` matches as written."""
        if not self._any_literal.match_file(path):
            return []
        return [p for p, spec in self._literal if spec.match_file(path)]

    def matching_alike(self, path: str) -> list[str]:
        """The patterns a look-alike form of ``path`` matches."""
        sensitive, folded = forms(path)
        if not (self._any_alike[0].match_file(sensitive) or self._any_alike[1].match_file(folded)):
            return []
        return [p for p, s, f in self._alike if s.match_file(sensitive) or f.match_file(folded)]

    def any(self, path: str) -> bool:
        """True when ``path`` or a look-alike form of it matches a pattern."""
        sensitive, folded = forms(path)
        return (
            self._any_literal.match_file(path)
            or self._any_alike[0].match_file(sensitive)
            or self._any_alike[1].match_file(folded)
        )
