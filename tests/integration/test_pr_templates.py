"""Pull request templates of real-world shapes, through the whole action (booty.main against the
fake GitHub and the fake Messages API): found where GitHub finds them, filled in by a call of its
own, checked, repaired once, else shown untouched with Booty's sections."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.support.clock import FakeClock
from tests.support.repository import REPO_FILES
from tests.support.scenario import world
from tests.support.scripted import FIXED_OPS, Scripted, description_requests, plan, request_text, whole_file

DATA = Path(__file__).parents[1] / "data" / "pr_templates"
ANSWERS = DATA / "answers"
MARKER = "<!-- booty:pr issue=1 -->"
# What a filled-in description never holds, whatever the template (outside HTML comments).
PLACEHOLDER_SHAPES = re.compile(
    r"#[Xx]{3,}|#[Nn]{3,}|<[A-Za-z][\w ]* [\w ]+>|#\s*\(issue\)|\.\.\.\s*$|#\s*$", re.M
)
CLOSING = re.compile(r"\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\b:?\s+#(\d+)", re.I)


@dataclass(frozen=True)
class Case:
    fixture: str  # folder under tests/data/pr_templates: files added to the repository
    template: str  # the template Booty must use
    answer: str  # the scripted description, under answers/
    absent: tuple[str, ...]  # placeholders and choices that must be gone
    kept: tuple[str, ...] = ()  # markers and lines that must stay
    inputs: dict[str, str] = field(default_factory=dict)
    how: str = "the repository's default pull request template"


CASES = [
    Case(
        "sympy",
        "PULL_REQUEST_TEMPLATE.md",
        "sympy",
        ("<issue number>", "NO ENTRY"),
        ("<!-- BEGIN RELEASE NOTES -->", "<!-- END RELEASE NOTES -->", "Fixes #1"),
    ),
    Case(
        "pylint",
        ".github/PULL_REQUEST_TEMPLATE.md",
        "pylint",
        ("#XXXX", "Refs #", "New feature", "Refactoring", ":scroll: Docs"),
        ("| ✓   | :bug: Bug fix          |", "Closes #1"),
    ),
    Case(
        "sphinx",
        ".github/PULL_REQUEST_TEMPLATE.md",
        "sphinx",
        (
            "<short purpose of this pull request>",
            "<URL or Ticket>",
            "<feature1 or bug1>",
            "- Feature",
            "- Refactoring",
        ),
        ("Subject: raise a clear ValueError", "- Bugfix"),
    ),
    Case(
        "astropy",
        ".github/PULL_REQUEST_TEMPLATE.md",
        "astropy",
        ("#<Issue Number>", "This pull request is to address ...\n"),
        ("Fixes #1", "- [ ] By checking this box"),
    ),
    Case(
        "xarray",
        ".github/PULL_REQUEST_TEMPLATE.md",
        "xarray",
        ("#xxxx", "[x] Tests added"),
        ("- [x] Closes #1", "- [ ] Tests added"),
    ),
    Case(
        "docs_location",
        "docs/pull_request_template.md",
        "docs_location",
        ("Fixes # (issue)", "[x] New feature", "[x] Breaking"),
        ("- [x] Bug fix", "Fixes #1"),
    ),
    Case("odd_case", ".github/Pull_Request_Template.TXT", "odd_case", ("#<issue number>",), ("- fixes #1",)),
    Case(
        "folder",
        ".github/PULL_REQUEST_TEMPLATE/fix.md",
        "folder_fix",
        ("Fixes #\n",),
        ("## Root cause", "Fixes #1"),
        inputs={"pr_template": "fix.md"},
        how="named by the `pr_template` input",
    ),
    Case(
        "folder",
        ".github/PULL_REQUEST_TEMPLATE/docs.md",
        "folder_docs",
        (),
        ("## Documentation change",),
        how="the first of 3 templates in `.github/PULL_REQUEST_TEMPLATE/` by name",
    ),
]


def fixture_files(name: str) -> dict[str, str]:
    root = DATA / name
    return {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def visible(body: str) -> str:
    return re.sub(r"<!--.*?-->", "", body, flags=re.S)


def headings(text: str) -> list[str]:
    return [ln.strip() for ln in visible(text).splitlines() if re.match(r"#{1,6} \S", ln)]


def per_call(summary: str) -> dict[str, tuple[int, ...]]:
    rows = re.findall(r"^\| ([a-z][^|]*?) \| ([\d,]+) \| ([\d,]+) \| ([\d,]+) \| ([\d,]+) \|$", summary, re.M)
    return {name: tuple(int(n.replace(",", "")) for n in numbers) for name, *numbers in rows}


def run_with(tmp_path, monkeypatch, capsys, files: dict[str, str], descriptions: list[str], inputs=None):
    with world(tmp_path, monkeypatch, files={**REPO_FILES, **files}) as s:
        s.labeled()
        s.clock = FakeClock()  # the comment's pacing then depends on the run, not on this machine's speed
        s.inputs.update(inputs or {})
        s.model.respond_with(
            Scripted(
                plan(), {"calc/ops.py": [whole_file("calc/ops.py", FIXED_OPS)]}, descriptions=descriptions
            )
        )
        code, out = s.run(capsys)
        return s, code, out


@pytest.mark.parametrize("case", CASES, ids=[f"{c.fixture}-{c.answer}" for c in CASES])
def test_the_template_is_filled_in_not_appended(tmp_path, monkeypatch, capsys, case: Case):
    template = (DATA / case.fixture / case.template).read_text(encoding="utf-8")
    answer = (ANSWERS / f"{case.answer}.md").read_text(encoding="utf-8")
    s, code, out = run_with(tmp_path, monkeypatch, capsys, fixture_files(case.fixture), [answer], case.inputs)

    assert (code, out["status"]) == (0, "pr_opened"), s.summary
    [pr] = s.github.pulls.values()
    body = pr["body"]
    # the model was shown this template (and no other), with the issue fenced as untrusted
    [asked] = description_requests(s)
    shown = request_text(asked)
    assert (
        template.strip() in shown
        and "<issue-" in shown
        and "divide(1, 0) should raise a clear ValueError." in shown
    )
    # the template's structure: its headings, in order, before Booty's own sections
    wanted = headings(template)
    assert [h for h in headings(body) if h in wanted] == wanted
    booty = body.index("**Files changed**")
    assert all(body.index(h) < booty for h in wanted)
    # placeholders gone, choices made, markers kept
    description = body[:booty]
    for text in case.absent:
        assert text not in visible(description), text
    assert PLACEHOLDER_SHAPES.findall(visible(description)) == []
    for text in case.kept:
        assert visible(body).count(text) == 1 if not text.startswith("<!--") else body.count(text) == 1, text
    # exactly one closing reference, to the issue
    assert CLOSING.findall(visible(body)) == ["1"]
    # Booty's sections once, at the end, with the marker that finds the PR again
    assert body.count("**Files changed**") == body.count("**Cost**:") == body.count(MARKER) == 1
    assert body.rstrip().endswith(MARKER) and body[booty:].startswith(
        "**Files changed**\n\n- `calc/ops.py` (modified)\n\n"
    )
    assert "**Test command**: Not run (no `test_command` configured)." in body[booty:]
    # the description call is a call of its own, counted in the run's tokens and cost
    calls = per_call(s.summary)
    assert calls["description"][0] > 0 and calls["description"][3] > 0
    assert sum(c[0] for c in calls.values()) == int(out["input_tokens"])
    assert sum(c[3] for c in calls.values()) == int(out["output_tokens"])
    assert any(
        template.strip() in request_text(r) for r in s.model.count_requests
    )  # counted before it was sent
    # the summary says which template was used, and how it was chosen
    assert f"Pull request template: `{case.template}` ({case.how}), filled in by the model." in s.summary
    # filling the template costs no GitHub write of its own (the same as a run without a template, see
    # test_github_writes), and the summary stays short
    writes = [f"{r.method} {r.path.split('/demo/', 1)[1]}" for r in s.github.requests if r.method != "GET"]
    assert writes == ["POST issues/1/comments", "POST pulls", "PATCH issues/comments/1001"]
    assert len(s.summary.splitlines()) <= 80
    assert s.github.violations == []


PYLINT_APPENDED = """## Type of Changes

|     | Type                   |
| --- | ---------------------- |
| ✓   | :bug: Bug fix          |
| ✓   | :sparkles: New feature |

## Description

Refs #XXXX

Closes #XXXX

divide() now raises ValueError. Closes #1
"""


def test_a_bad_description_is_repaired_once_with_its_problems_named(tmp_path, monkeypatch, capsys):
    good = (ANSWERS / "pylint.md").read_text(encoding="utf-8")
    s, code, out = run_with(tmp_path, monkeypatch, capsys, fixture_files("pylint"), [PYLINT_APPENDED, good])

    assert out["status"] == "pr_opened", s.summary
    first, repair = description_requests(s)
    asked = request_text(repair)
    assert "Your previous description was rejected" in asked and PYLINT_APPENDED.strip() in asked
    assert "The placeholder `#XXXX` is still there" in asked
    assert (
        "`:sparkles: New feature` is chosen under `## Type of Changes`, but the change is a bug fix" in asked
    )
    body = next(iter(s.github.pulls.values()))["body"]
    assert "#XXXX" not in body and "New feature" not in body and CLOSING.findall(visible(body)) == ["1"]
    assert [name for name in per_call(s.summary) if name == "description"] == [
        "description"
    ]  # one row per purpose
    assert "filled in by the model" in s.summary


def test_a_description_bad_twice_falls_back_to_the_template_untouched(tmp_path, monkeypatch, capsys):
    template = (DATA / "pylint" / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    s, code, out = run_with(
        tmp_path, monkeypatch, capsys, fixture_files("pylint"), [PYLINT_APPENDED, PYLINT_APPENDED]
    )

    assert (code, out["status"]) == (0, "pr_opened"), s.summary
    assert len(description_requests(s)) == 2  # the answer and one repair round, no more
    body = next(iter(s.github.pulls.values()))["body"]
    assert body.startswith(template.strip())  # the template untouched ...
    rest = body[len(template.strip()) :]
    for section in (
        "## Summary",
        "## Files changed",
        "## Test plan",
        "## Test command",
        "## Cost",
    ):  # ... then Booty's sections, once
        assert rest.count(section) == 1, section
    assert "Closes #1" in rest and body.count(MARKER) == 1 and body.rstrip().endswith(MARKER)
    note = (
        "The pull request description could not be written in the template `.github/PULL_REQUEST_TEMPLATE.md` (the "
        "description still had problems after one repair round), so the template is shown untouched, followed by Booty's sections."
    )
    assert note in s.summary and "The placeholder `#XXXX` is still there" in s.summary
    assert note in s.github.comments_on(1)[0]["body"]
    assert "filled in by the model" not in s.summary
    assert per_call(s.summary)["description"][0] > 0  # both calls were paid for and counted


def test_without_a_template_the_body_is_booty_s_sections_and_no_call_is_made(scenario, capsys):
    s = scenario.labeled()
    s.model.respond_with(
        Scripted(plan(), {"calc/ops.py": [whole_file("calc/ops.py", FIXED_OPS)]}, descriptions=["unused"])
    )
    code, out = s.run(capsys)

    assert out["status"] == "pr_opened"
    assert description_requests(s) == [] and len(s.model.requests) == 2  # the plan and the one file
    body = next(iter(s.github.pulls.values()))["body"]
    assert body.startswith(
        "## Summary\n\ndivide() now raises a clear error for a zero divisor.\n\nCloses #1\n\n## Files changed"
    )
    assert "description" not in per_call(s.summary) and "Pull request template" not in s.summary


def test_github_s_order_of_locations_and_a_missing_named_template(tmp_path, monkeypatch, capsys):
    files = {
        "PULL_REQUEST_TEMPLATE.md": "## From the root\n",
        "docs/pull_request_template.md": "## From docs\n",
        ".github/pull_request_template.md": "## From .github\n\nCloses #XXXX\n",
    }
    answer = "## From .github\n\n`divide()` raises a clear `ValueError` now.\n\nCloses #1"
    s, code, out = run_with(tmp_path, monkeypatch, capsys, files, [answer], {"pr_template": "release.md"})

    assert out["status"] == "pr_opened", s.summary
    [asked] = description_requests(s)
    assert "## From .github" in request_text(asked) and "## From the root" not in request_text(asked)
    assert (
        "The `pr_template` input names `release.md`, which is not a pull request template of this repository (found: "
        "`.github/pull_request_template.md`, `PULL_REQUEST_TEMPLATE.md`, `docs/pull_request_template.md`)."
    ) in s.summary
    assert next(iter(s.github.pulls.values()))["body"].startswith(answer)


def test_the_description_is_scrubbed_and_defanged_like_all_public_text(tmp_path, monkeypatch, capsys):
    leaky = (ANSWERS / "pylint.md").read_text(
        encoding="utf-8"
    ) + "\nToken do-not-leak-this, cc @octocat ![x](https://evil.example/p.png)\n"
    s, code, out = run_with(tmp_path, monkeypatch, capsys, fixture_files("pylint"), [leaky])

    body = next(iter(s.github.pulls.values()))["body"]
    assert "do-not-leak-this" not in body and "***" in body  # the .env value, masked
    assert "evil.example" not in body and "@octocat" not in body
    assert "do-not-leak-this" not in request_text(
        {"messages": [m for r in s.model.requests for m in r["messages"]]}
    )
