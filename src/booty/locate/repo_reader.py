"""Reading the workspace as the prompts may see it: never-read files stay unread, and only UTF-8
text counts as text."""

from __future__ import annotations

from collections.abc import Iterable

from booty.models import PlannedChange, Problem
from booty.ports import Workspace
from booty.scrubbing import Scrubber
from booty.validate.paths import PathPolicy

MAX_SECRET_FILES = 200
MAX_SECRET_FILE_BYTES = 256 * 1024  # larger never-read files (key stores, archives) are not secret text


class RepoReader:
    def __init__(self, workspace: Workspace, policy: PathPolicy) -> None:
        self.ws = workspace
        self.policy = policy

    def text(self, path: str) -> str | None:
        """The file's text; None when it is never-read, missing, or not UTF-8."""
        if self.policy.never_read(path):
            return None
        raw = self.ws.read_bytes(path)
        return _decoded(raw) if raw is not None else None

    def learn_secrets(self, scrubber: Scrubber) -> None:
        """Teach ``scrubber`` the values in the never-read files, tracked or not (a workflow step may
        have written a ``.env``). This is the only reading of those files; nothing read is shown."""
        paths = [
            p
            for p in dict.fromkeys(self.ws.tracked_files() + self.ws.untracked_files())
            if self.policy.never_read(p)
        ]
        for path in paths[:MAX_SECRET_FILES]:
            raw = self.ws.read_bytes(path)
            if (
                raw is not None and len(raw) <= MAX_SECRET_FILE_BYTES and b"\0" not in raw
            ):  # binary key stores: no text values
                scrubber.add_file(raw.decode("utf-8", "replace"))

    def first_file(self, names: Iterable[str]) -> str | None:
        """The text of the first of ``names`` that exists and is not empty."""
        return next((t for n in names if (t := self.text(n))), None)

    def not_editable(self, change: PlannedChange) -> Problem | None:
        """An existing file Booty may not read, or cannot read as text, is never rewritten blind
        (deleting it is fine)."""
        raw = None if change.action == "delete" else self.ws.read_bytes(change.path)
        if raw is None:
            return None
        if self.policy.never_read(change.path):
            message = (
                "Booty never reads this file (it may hold secrets), so it cannot edit it; change it by hand."
            )
        elif b"\0" in raw or _decoded(raw) is None:
            message = "The file is binary or not UTF-8 text; Booty edits only UTF-8 text files."
        else:
            return None
        return Problem(path=change.path, kind="path", message=message)


def _decoded(raw: bytes) -> str | None:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
