"""The ONE way the repository map is built (index -> rank -> pack), for a run and ``booty context``."""

from __future__ import annotations

from booty.locate.repository_map import MapRequest, ranking_text, repository_map, run_map
from booty.models import Comment, Issue
from booty.spend.estimate import DEFAULT_CHARS_PER_TOKEN
from booty.validate.paths import PathPolicy
from tests.support.repository import REPO_FILES

DATA = {path: text.encode() for path, text in REPO_FILES.items()}
ISSUE = "divide crashes with ZeroDivisionError\ndivide(1, 0) should raise a clear ValueError."


def build(budget: int = 2_000, read=DATA.get):
    return repository_map(
        sorted(DATA), read, ISSUE, budget=budget, never_read=PathPolicy(root="/nonexistent").never_read
    )


def test_the_map_ranks_the_file_the_issue_is_about_first_and_fits_the_budget():
    found = build()
    assert found.ranked[0].path == "calc/ops.py"
    assert found.context.budget == 2_000 and 0 < found.context.tokens <= 2_000
    assert (
        found.text().startswith("## calc/ops.py (full)") and REPO_FILES["calc/ops.py"] in found.text()
    )  # the heading is the prompt's


def test_never_read_files_are_not_read_indexed_or_shown():
    reads: list[str] = []
    found = build(read=lambda path: reads.append(path) or DATA.get(path))
    assert ".env" not in reads and found.index.get(".env") is None
    assert ".env" not in found.text() and "do-not-leak-this" not in found.text()


def test_the_manifest_lists_what_was_shown_and_why():
    manifest = build().manifest(top=1)
    assert "| 1 | `calc/ops.py` | full |" in manifest and "defines_function" in manifest
    assert "more (" in manifest and "**Total:" in manifest


def test_a_smaller_budget_shows_less():
    assert build(budget=60).context.tokens <= 60 < build().context.tokens


def test_the_ranking_reads_the_title_the_body_and_the_kept_comments():
    issue = Issue(
        number=1,
        title="Title words",
        body="Body words",
        comments=(Comment(author="a", body="First comment"), Comment(author="b", body="Second")),
    )
    assert ranking_text(issue) == "Title words\nBody words\nFirst comment\nSecond"


def test_a_runs_map_is_the_repository_map_over_the_readable_files():
    readable = tuple(p for p in sorted(DATA) if not PathPolicy(root="/nonexistent").never_read(p))
    request = MapRequest(
        root="/nonexistent", readable=readable, issue_text=ISSUE, budget=2_000, chars_per_token=DEFAULT_CHARS_PER_TOKEN,
        manifest_top=1,
    )  # fmt: skip
    found, expected = run_map(request, DATA.get), build()
    assert found.text == expected.text() and found.manifest == expected.manifest(top=1)
    assert found.texts == {f.path: f.text for f in expected.index.files} and ".env" not in found.texts
