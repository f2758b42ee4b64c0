"""bench/predict.py end to end against the strict fake, answered with the oracle's answers (the
gold change written as a model would write it): its predictions must be the gold patches."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

from gold_edits import gold_edit  # noqa: E402
from predict import main as predict  # noqa: E402

from booty.edit.formats import render_edit  # noqa: E402
from tests.fakes.anthropic_server import FakeAnthropic, TextReply, ToolReply, is_plan_call  # noqa: E402
from tests.support.scripted import request_text  # noqa: E402

GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "init.defaultBranch=main"]
OPS = "def add(a, b):\n    return a + b\n\n\ndef divide(a, b):\n    return a / b\n"
FIXED = 'def add(a, b):\n    return a + b\n\n\ndef divide(a, b):\n    if b == 0:\n        raise ValueError("b is 0")\n    return a / b\n'
NOTE = "# calc\n\nSmall arithmetic.\n"
NOTE_FIXED = "# calc\n\nSmall arithmetic. `divide` refuses a zero divisor.\n"


def git(*args: str, cwd: Path) -> str:
    return subprocess.run([*GIT, *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def mirror_with_gold(tmp: Path) -> tuple[Path, dict]:
    """A bare mirror of a tiny repository, and an instance whose gold patch changes two files."""
    work = tmp / "work"
    (work / "calc").mkdir(parents=True)
    (work / "calc" / "ops.py").write_text(OPS)
    (work / "README.md").write_text(NOTE)
    git("init", "-q", cwd=work)
    git("add", "-A", cwd=work)
    git("commit", "-q", "-m", "base", cwd=work)
    base = git("rev-parse", "HEAD", cwd=work).strip()
    (work / "calc" / "ops.py").write_text(FIXED)
    (work / "README.md").write_text(NOTE_FIXED)
    patch = git("diff", base, cwd=work)  # the gold patch, as the harness would hold it
    mirrors = tmp / "mirrors"
    mirrors.mkdir()
    git("clone", "-q", "--bare", str(work), str(mirrors / "octo+calc" / "repo"), cwd=tmp)
    row = {
        "instance_id": "octo__calc-1",
        "repo": "octo/calc",
        "base_commit": base,
        "patch": patch,
        "problem_statement": "divide(1, 0) crashes\nIt raises ZeroDivisionError; it should raise ValueError.",
    }
    return mirrors, row


def oracle(request: dict):
    """The gold plan for plan calls; for an editor call, the gold change of the file it names."""
    befores, afters = {"calc/ops.py": OPS, "README.md": NOTE}, {"calc/ops.py": FIXED, "README.md": NOTE_FIXED}
    if is_plan_call(request):
        changes = [{"path": p, "action": "modify", "reason": "The gold change."} for p in befores]
        return ToolReply(
            {
                "actionable": True,
                "questions": [],
                "summary": "divide refuses 0.",
                "title": "fix: divide by 0",
                "changes": changes,
                "acceptance_criteria": ["divide(1, 0) raises ValueError"],
            }
        )
    path = next(p for p in befores if f"# Your file: {p} " in request_text(request))
    return TextReply(render_edit(gold_edit(path, befores[path], afters[path])))


@pytest.mark.parametrize("model", ["claude-sonnet-5-5", "claude-opus-5-5"])
def test_predictions_of_oracle_answers_are_the_gold_patches(tmp_path, monkeypatch, model):
    mirrors, row = mirror_with_gold(tmp_path)
    dataset = tmp_path / "dev.jsonl"
    dataset.write_text(
        json.dumps(row) + "\n" + json.dumps({**row, "instance_id": "gone__x-1", "repo": "gone/x"}) + "\n"
    )
    out = tmp_path / "predictions.jsonl"
    with FakeAnthropic(oracle) as fake:
        monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-predict")
        monkeypatch.setenv("ANTHROPIC_BASE_URL", fake.base_url)
        assert predict([str(dataset), "--mirrors", str(mirrors), "--model", model, "--out", str(out)]) == 0
        assert fake.rejected == []

    [prediction] = [
        json.loads(line) for line in out.read_text().splitlines()
    ]  # the unmirrored one is skipped
    assert prediction == {
        "instance_id": "octo__calc-1",
        "model_name_or_path": f"booty/{model}",
        "model_patch": row["patch"],
    }
    [run] = [json.loads(line) for line in (tmp_path / "predictions.runs.jsonl").read_text().splitlines()]
    assert (
        run["status"] == "dry_run"
        and run["input_tokens"] > 0
        and run["output_tokens"] > 0
        and run["cost_usd"] > 0
    )
    assert run["seconds"] > 0


def test_predict_needs_a_key(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    assert (
        predict([str(tmp_path / "none.jsonl"), "--mirrors", str(tmp_path), "--model", "claude-sonnet-5-5"])
        == 2
    )
    assert "ANTHROPIC_API_KEY" in capsys.readouterr().err
