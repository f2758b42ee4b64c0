"""Hostile and legitimate paths (tests/data/path_corpus.json) through the validator and the whole action."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from booty.validate.paths import PathPolicy
from tests.support.path_attacks import HOSTILE, LEGIT, add_symlinks
from tests.support.promises import work_tree
from tests.support.repository import make_repository
from tests.support.scripted import plan


def snapshot(root: Path) -> dict[str, bytes]:
    """Every regular file under ``root`` but git's global config, where Booty trusts the workspace."""
    files = (p for p in sorted(root.rglob("*")) if p.is_file() and not p.is_symlink())
    return {str(p): p.read_bytes() for p in files if p.name != ".gitconfig"}


@pytest.fixture
def policy_root(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    work, _ = make_repository(tmp_path)
    add_symlinks(work, outside)
    return work


def test_corpus_is_big_enough():
    assert len(HOSTILE) >= 60 and len(LEGIT) >= 30


@pytest.mark.parametrize("case", HOSTILE, ids=[repr(c["path"])[:60] for c in HOSTILE])
def test_validator_refuses_hostile_paths(policy_root: Path, case: dict) -> None:
    problem = PathPolicy(root=policy_root).check(case["path"])
    assert problem is not None, f"{case['why']}: {case['path']!r} was allowed"
    if case["verdict"] in ("path", "blocked"):
        assert problem.kind == case["verdict"], problem.message
    assert problem.message


@pytest.mark.parametrize("path", LEGIT, ids=[p[:60] for p in LEGIT])
def test_validator_allows_legitimate_paths(policy_root: Path, path: str) -> None:
    assert PathPolicy(root=policy_root).check(path) is None


def propose(s, path: str, content: str = "pwned = True\n") -> None:
    from tests.support.scripted import Scripted

    changes = [{"path": path, "action": "create", "reason": "as the issue asks"}]
    s.model.responder = Scripted(plan(changes=changes), {path: [f"{path}\n```\n{content}```\n"]})


@pytest.mark.parametrize("case", HOSTILE, ids=[repr(c["path"])[:60] for c in HOSTILE])
def test_hostile_path_through_the_whole_action(scenario, capsys, case: dict) -> None:
    s = scenario.labeled()
    outside = s.tmp / "outside"
    outside.mkdir()
    add_symlinks(s.work, outside)
    before_outside, before_home, before_tree = snapshot(outside), snapshot(s.tmp / "home"), work_tree(s.work)
    propose(s, case["path"])
    code, out = s.run(capsys)

    # A few paths cannot even arrive: the SDK refuses tool JSON holding them, so the plan is unusable.
    expected = [case["through_action"]] if "through_action" in case else ["validation_failed", "blocked_path"]
    assert out["status"] in expected, (case, out)
    assert snapshot(outside) == before_outside and snapshot(s.tmp / "home") == before_home
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=s.work, capture_output=True, text=True
    ).stdout
    assert status == "" and work_tree(s.work) == before_tree  # folders included: no empty .GIT/ stays
    assert s.branch_on_origin(f"agent/issue-{s.issue_number}") == "" and s.github.pulls == {}
    assert not (s.work / ".git/hooks/pre-commit").exists()


@pytest.mark.parametrize("path", LEGIT, ids=[p[:60] for p in LEGIT])
def test_legitimate_path_through_the_whole_action(scenario, capsys, path: str) -> None:
    s = scenario.labeled()
    propose(s, path, "value = 1\n")
    code, out = s.run(capsys)
    assert out["status"] == "pr_opened", (path, s.summary)
    assert s.show_on_origin(f"agent/issue-{s.issue_number}", path) == "value = 1\n"
