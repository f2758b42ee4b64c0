"""RunnerIO, the runner's side of a run: log lines and workflow commands, masks, outputs in the
``name<<DELIMITER`` form and the job summary, all written through the one scrubber."""

from __future__ import annotations

import io
from pathlib import Path

from booty.adapters.actions import RunnerIO
from booty.scrubbing import PLACEHOLDER
from tests.support.scenario import parse_outputs

TOKEN = "ghs_0123456789abcdefSECRET"


def runner(tmp_path: Path, *, on_runner: bool = True) -> tuple[RunnerIO, io.StringIO]:
    (tmp_path / "output").write_text("")
    (tmp_path / "summary.md").write_text("")
    stream = io.StringIO()
    io_ = RunnerIO(
        output_path=tmp_path / "output",
        summary_path=tmp_path / "summary.md",
        on_runner=on_runner,
        stream=stream,
    )
    io_.mask(TOKEN)
    return io_, stream


def test_a_masked_secret_is_announced_to_the_runner_and_scrubbed_from_everything_written(tmp_path, capsys):
    io_, stream = runner(tmp_path)
    assert f"::add-mask::{TOKEN}" in capsys.readouterr().out
    io_.info(f"pushing with {TOKEN}")
    io_.set_outputs({"pr_url": f"https://x/{TOKEN}"})
    io_.write_summary(f"# Summary {TOKEN}\n")
    written = stream.getvalue() + (tmp_path / "output").read_text() + (tmp_path / "summary.md").read_text()
    assert TOKEN not in written and written.count(PLACEHOLDER) == 3


def test_outputs_survive_newlines_and_the_summary_is_appended(tmp_path):
    io_, _ = runner(tmp_path)
    io_.set_outputs({"status": "pr_opened", "message": "two\nlines"})
    io_.set_outputs({"branch": "agent/issue-1"})
    assert parse_outputs((tmp_path / "output").read_text()) == {
        "status": "pr_opened", "message": "two\nlines", "branch": "agent/issue-1"}  # fmt: skip
    io_.write_summary("one\n")
    io_.write_summary("two\n")
    assert (tmp_path / "summary.md").read_text() == "one\ntwo\n"


def test_workflow_commands_escape_what_would_end_them_and_control_characters_are_shown(tmp_path):
    io_, stream = runner(tmp_path)
    io_.warning("two\nlines, 100%")
    io_.error("failed\r")
    io_.info("colour \x1b[31mred")
    assert stream.getvalue().splitlines() == [
        "::warning::two%0Alines, 100%25",
        "::error::failed%0D",
        "colour \\x1b[31mred",
    ]


def test_on_a_terminal_there_are_no_commands_outputs_or_summary(tmp_path):
    stream = io.StringIO()
    local = RunnerIO(output_path=None, summary_path=None, on_runner=False, stream=stream)
    local.mask(TOKEN)
    local.warning(f"careful with {TOKEN}")
    local.notice("done")
    local.set_outputs({"status": "dry_run"})
    local.write_summary("ignored")
    local.info("bad \udcff byte")  # a lone surrogate from git's bytes never makes writing fail
    assert stream.getvalue().splitlines() == [
        f"warning: careful with {PLACEHOLDER}",
        "notice: done",
        "bad ? byte",
    ]
