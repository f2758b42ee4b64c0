"""Runner I/O: log lines, masks, outputs and the job summary (actions-toolkit where it helps)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from actions_toolkit import core
from actions_toolkit.file_command import prepare_key_value_message

from booty.intake.controls import show_controls
from booty.scrubbing import Scrubber


class RunnerIO:
    """Talks to the GitHub Actions runner, or to a terminal when run locally (no GITHUB_OUTPUT).

    Everything written passes through ``scrubber``, the run's one scrubber (shared with the code
    host and the workspace adapters).
    """

    def __init__(
        self,
        *,
        output_path: Path | None,
        summary_path: Path | None,
        on_runner: bool,
        stream: TextIO | None = None,
        scrubber: Scrubber | None = None,
    ) -> None:
        self._output_path = output_path
        self._summary_path = summary_path
        self._on_runner = on_runner
        self._stream = stream
        self.scrubber = scrubber or Scrubber()

    def mask(self, secret: str | None) -> None:
        """Ask the runner to hide ``secret`` in logs, and scrub it from everything written anywhere."""
        if not secret:
            return
        self.scrubber.add(secret)
        if self._on_runner:
            core.set_secret(secret)

    def scrub(self, text: str) -> str:
        """Secrets masked; lone surrogates (undecodable bytes from git) replaced, so writing never raises."""
        return self.scrubber.scrub(text).encode("utf-8", "replace").decode("utf-8")

    def info(self, message: str) -> None:
        self._write(self.scrub(message))

    def notice(self, message: str) -> None:
        self._command("notice", message)

    def warning(self, message: str) -> None:
        self._command("warning", message)

    def error(self, message: str) -> None:
        self._command("error", message)

    def set_outputs(self, outputs: dict[str, str]) -> None:
        if self._output_path is None:
            return
        with open(self._output_path, "a", encoding="utf-8", newline="") as f:
            for name, value in outputs.items():
                # the name<<DELIMITER form, safe for values with newlines
                f.write(prepare_key_value_message(name, self.scrub(value)) + "\n")

    def write_summary(self, markdown: str) -> None:
        """Append to GITHUB_STEP_SUMMARY (actions-toolkit does not write it)."""
        if self._summary_path is None:
            return
        with open(self._summary_path, "a", encoding="utf-8") as f:
            f.write(self.scrub(markdown))

    def _command(self, kind: str, message: str) -> None:
        message = self.scrub(message)
        if self._on_runner:
            self._write(f"::{kind}::" + message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))
        else:
            self._write(f"{kind}: {message}")

    def _write(self, line: str) -> None:
        stream = self._stream or sys.stdout  # looked up late: tests and the CLI may swap sys.stdout
        stream.write(show_controls(line) + "\n")  # no escape sequence reaches a terminal
        stream.flush()
