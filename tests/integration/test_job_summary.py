"""The job summary of a whole run, through booty.main: short, in the order a maintainer reads it."""

from __future__ import annotations

import re
import sys

import pytest

from tests.support.repository import REPO_FILES
from tests.support.scenario import scripted_fix, world

MODULES = {
    f"calc/extra_{i:03}.py": f'def helper_{i}(x):\n    """Helper number {i}."""\n    return x + {i}\n'
    for i in range(150)
}


@pytest.fixture
def big(tmp_path, monkeypatch):
    with world(tmp_path, monkeypatch, files={**REPO_FILES, **MODULES}) as s:
        yield s


def test_a_typical_run_summary_is_short_and_in_reading_order(big, capsys):
    s = scripted_fix(big.labeled())
    s.inputs["test_command"] = f"{sys.executable} -c pass"
    code, out = s.run(capsys)

    assert out["status"] == "pr_opened", s.summary
    text = s.summary
    lines = text.splitlines()
    assert len(lines) <= 80, len(lines)
    order = [
        "## **Booty: Opened a pull request**",
        f"| pull request | {out['pr_url']} |",
        "| input tokens |",
        f"| cost | ${float(out['cost_usd']):.4f} |",
        "### What changed",
        "### Tests",
        "<details><summary>Context shown to the model</summary>",
    ]
    assert [text.index(part) for part in order] == sorted(text.index(part) for part in order)
    assert "- `calc/ops.py` (modified, +2 -0)" in lines
    assert f"`{sys.executable} -c pass` **passed** (exit code 0)" in lines
    manifest = text[text.index("<details><summary>Context shown to the model") :]
    rows = re.findall(r"^\| (\d+) \| `([^`]+)` \|", manifest, re.MULTILINE)
    assert [int(n) for n, _ in rows] == list(range(1, 21)) and rows[0][1] == "calc/ops.py"
    more = re.search(r"^… and (\d+) more \(.*as paths only, [\d,]+ tokens\)\.$", manifest, re.MULTILINE)
    total = re.search(r"\*\*Total: \d+ of 13000 tokens\*\* \((\d+) files\)\.", manifest)
    assert more and total and int(more.group(1)) + 20 == int(total.group(1)) > 100
    assert manifest.rstrip().endswith("</details>")
    assert "```diff" not in text and "### Pull request Booty would open" not in text  # the PR holds those


def test_a_stopped_run_summary_says_why_and_lists_no_change(scenario, capsys):
    from tests.support.scripted import Scripted, plan

    s = scenario.labeled()
    s.model.responder = Scripted(
        plan(), {"calc/ops.py": ["calc/ops.py\n```python\ndef add(a, b):\n    return a +\n```\n"]}
    )
    s.inputs["max_retries"] = "1"
    code, out = s.run(capsys)

    assert out["status"] == "validation_failed"
    assert "calc/ops.py" in s.summary and "### What changed" not in s.summary
    assert "Not run (no `test_command` configured)." in s.summary and len(s.summary.splitlines()) <= 80
