"""Reading the workspace as prompts may see it: never-read files stay unread (their values only teach
the scrubber), and only UTF-8 text counts as text."""

from __future__ import annotations

import pytest

from booty.locate.repo_reader import MAX_SECRET_FILE_BYTES, RepoReader
from booty.models import PlannedChange
from booty.scrubbing import Scrubber
from booty.validate.paths import PathPolicy
from tests.support.ports import MemoryWorkspace

FILES = {
    "app.py": "x = 1\n",
    "empty.md": "",
    "latin1.txt": "caf\u00e9".encode("latin-1"),
    "logo.png": b"\x89PNG\r\n\x00\x00",
    ".env": "API_TOKEN=tracked-secret-value\n",
    "keys/server.pem": b"\x00binary key store",
    "big.key": "K=" + "k" * MAX_SECRET_FILE_BYTES,
}


@pytest.fixture
def reader() -> RepoReader:
    ws = MemoryWorkspace(FILES, untracked={".env.local": "DB_PASSWORD=written-by-a-workflow-step\n"})
    return RepoReader(ws, PathPolicy(root=ws.root))


def test_text_is_utf8_of_files_that_may_be_read(reader):
    assert reader.text("app.py") == "x = 1\n" and reader.text("empty.md") == ""
    assert reader.text("latin1.txt") is None and reader.text("missing.py") is None
    assert reader.text(".env") is None  # never read, though it is there


def test_the_first_existing_non_empty_file_wins(reader):
    assert reader.first_file(["missing.md", "empty.md", "app.py", "latin1.txt"]) == "x = 1\n"
    assert reader.first_file(["missing.md", ".env"]) is None


def test_never_read_files_tracked_or_not_teach_the_scrubber_their_values_but_binary_and_huge_ones_do_not(
    reader,
):
    scrubber = Scrubber()
    reader.learn_secrets(scrubber)
    assert scrubber.found_in("tracked-secret-value") and scrubber.found_in("written-by-a-workflow-step")
    assert not scrubber.found_in("binary key store") and not scrubber.found_in("k" * 100)


@pytest.mark.parametrize(
    "path, action, refused",
    [("app.py", "modify", None), ("new.py", "create", None), (".env", "delete", None),
     (".env", "modify", "never reads this file"), ("latin1.txt", "modify", "binary or not UTF-8"),
     ("logo.png", "modify", "binary or not UTF-8")],
)  # fmt: skip
def test_a_file_booty_cannot_read_as_text_is_never_rewritten_blind(reader, path, action, refused):
    problem = reader.not_editable(PlannedChange(path=path, action=action, reason="r"))
    if refused is None:
        assert problem is None
    else:
        assert problem.path == path and problem.kind == "path" and refused in problem.message
