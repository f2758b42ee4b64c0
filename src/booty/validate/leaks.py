"""Secret values a change would write into the repository: a token, or a value from a never-read file.

Booty never shows those values to the model, but a model can still write one it guessed or found in
the issue. Only added lines count; the message never repeats the value.
"""

from __future__ import annotations

from booty.models import Problem
from booty.scrubbing import Scrubber
from booty.validate.added import added_lines

LEAK = (
    "writes the value of a secret (a token, or a value from a file Booty never reads such as .env) "
    "into the repository; remove it and read the value from the environment at run time instead."
)


def check_leak_in_path(path: str, secrets: Scrubber) -> Problem | None:
    """A path holding a secret value is refused before any editor call (its name would be shown)."""
    return (
        Problem(path=secrets.scrub(path), kind="secret", message=f"The path {LEAK}")
        if secrets.found_in(path)
        else None
    )


def check_leaks(path: str, before: str | None, after: str | None, secrets: Scrubber) -> list[Problem]:
    if not len(secrets):
        return []
    if (named := check_leak_in_path(path, secrets)) is not None:
        return [named]
    return [
        Problem(path=path, line=added.line, kind="secret", message=f"This line {LEAK}")
        for added in added_lines(before, after)
        if secrets.found_in(added.text)
    ]
