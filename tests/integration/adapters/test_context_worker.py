"""The repository map made in a child process (adapters.context_worker): the same map as in the
run's process, the same refusals, no secret in the child's environment, and a fallback that says so."""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path

from booty.adapters.context_worker import ContextWorker, child_environment, map_in_child
from booty.adapters.repo_files import read_file_bytes
from booty.locate.repository_map import MapRequest, run_map
from tests.support.repository import make_repository

MODULES = {f"pkg/mod_{i}.py": f"def helper_{i}(value):\n    return value * {i}\n" for i in range(30)}
FILES = {
    **MODULES,
    "pkg/divide.py": "def divide(a, b):\n    return a / b\n",
    "README.md": "# pkg\n",
}
ISSUE = "divide crashes with ZeroDivisionError\ndivide(1, 0) should raise a clear ValueError."


def request_for(root: Path, readable: tuple[str, ...]) -> MapRequest:
    return MapRequest(
        root=str(root), readable=readable, issue_text=ISSUE, budget=2_000, chars_per_token=3.0, manifest_top=5
    )


def test_the_child_makes_the_same_map_as_the_runs_own_process(tmp_path):
    work, _ = make_repository(tmp_path, FILES)
    request = request_for(work, tuple(sorted(FILES)))
    in_child = map_in_child(request)
    here = run_map(request, partial(read_file_bytes, work))
    assert in_child == here
    assert in_child.text.startswith("## pkg/divide.py") and set(in_child.texts) == set(FILES)


def test_the_child_reads_no_symlink_that_leaves_the_workspace(tmp_path):
    work, _ = make_repository(tmp_path, FILES)
    outside = tmp_path / "outside.py"
    outside.write_text("LEAKED = 'from outside the workspace'\n")
    (work / "pkg" / "escape.py").symlink_to(outside)
    found = map_in_child(request_for(work, (*sorted(FILES), "pkg/escape.py")))
    assert "pkg/escape.py" not in found.texts and "from outside the workspace" not in found.text


def test_the_child_imports_nothing_from_the_repository_it_maps(tmp_path, monkeypatch):
    # A run's working directory is the repository: modules there must never shadow Booty's own.
    work, _ = make_repository(tmp_path, FILES)
    marker = tmp_path / "imported"
    for name in ("pickle.py", "functools.py", "booty/__init__.py"):
        (work / name).parent.mkdir(exist_ok=True)
        (work / name).write_text(f"open({str(marker)!r}, 'a').write({name!r})\nraise SystemExit(3)\n")
    monkeypatch.chdir(work)
    found = map_in_child(request_for(work, tuple(sorted(FILES))))
    assert not marker.exists() and found.text.startswith("## pkg/divide.py")


def test_a_failing_child_is_said_in_a_warning_and_the_map_is_made_here(tmp_path):
    work, _ = make_repository(tmp_path, FILES)
    request = request_for(work, tuple(sorted(FILES)))
    warnings: list[str] = []
    for python in ("/bin/false", str(tmp_path / "no-such-python")):
        found = ContextWorker(warnings.append, python=python, from_files=0)(
            request, partial(read_file_bytes, work)
        )
        assert found == run_map(request, partial(read_file_bytes, work))
    assert len(warnings) == 2 and all("mapped in this one" in w for w in warnings)
    assert "exit status 1" in warnings[0] and "could not start" in warnings[1]


def test_small_repositories_are_mapped_in_the_runs_process(tmp_path):
    work, _ = make_repository(tmp_path, FILES)
    request = request_for(work, tuple(sorted(FILES)))
    warnings: list[str] = []
    # A python that cannot start would warn, were a child asked for: under from_files none is.
    worker = ContextWorker(warnings.append, python="/bin/false", from_files=len(FILES) + 1)
    assert worker(request, partial(read_file_bytes, work)).texts.keys() == FILES.keys()
    assert warnings == []


def test_the_childs_environment_has_no_token_or_key_and_finds_booty():
    parent = {
        "PATH": "/usr/bin", "LC_ALL": "C.UTF-8", "PYTHONPATH": "/elsewhere", "HOME": "/root",
        "GITHUB_TOKEN": "ghs_secret", "INPUT_GITHUB_TOKEN": "ghs_secret", "BOOTY_ANTHROPIC_API_KEY": "sk-ant-x",
        "ANTHROPIC_API_KEY": "sk-ant-x", "AWS_SECRET_ACCESS_KEY": "aws", "ACTIONS_RUNTIME_TOKEN": "rt",
    }  # fmt: skip
    env = child_environment(parent)
    assert set(env) == {"PATH", "LC_ALL", "PYTHONPATH"}
    booty_parent = Path(__file__).resolve().parents[3] / "src"
    first, rest = env["PYTHONPATH"].split(os.pathsep, 1)
    assert Path(first) == booty_parent and rest == "/elsewhere"
