"""A whole action run against real parts: a git repository with a bare origin, the fake GitHub
(validated against GitHub's OpenAPI description) and the fake Messages API, through ``booty.main``.

``world()`` sets one up; the integration tier's ``scenario`` fixture (tests/integration/conftest.py)
is ``world()`` for one test. ``bench/soak.py`` drives the same ``Scenario``."""

from __future__ import annotations

import io
import json
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.fakes.anthropic_server import FakeAnthropic
from tests.fakes.github_server import FakeGitHub
from tests.support.clock import FakeClock
from tests.support.repository import git, make_repository
from tests.support.scripted import FIXED_OPS, Scripted, plan, whole_file

GITHUB_TOKEN = "ghs_faketoken0123456789abcdefSECRET"
API_KEY = "sk-ant-api03-fake-key-0123456789-SECRET"


def scripted_fix(s: Scenario, text: str = FIXED_OPS) -> Scenario:
    """The model plans the divide() fix and writes calc/ops.py as ``text``; returns ``s``."""
    s.model.respond_with(Scripted(plan(), {"calc/ops.py": [whole_file("calc/ops.py", text)]}))
    return s


@dataclass
class Scenario:
    """Everything one action run needs; ``run()`` calls booty.main.main() with the runner's env."""

    tmp: Path
    monkeypatch: pytest.MonkeyPatch
    github: FakeGitHub
    model: FakeAnthropic
    work: Path
    origin: Path
    issue_number: int = 0
    event: dict[str, Any] = field(default_factory=dict)
    inputs: dict[str, str] = field(default_factory=dict)
    event_name: str = "issues"
    stdout: str = ""
    stderr: str = ""  # captured only when run(capsys)
    event_text: str | None = None  # the event file verbatim (malformed on purpose), instead of ``event``
    without: set[str] = field(default_factory=set)  # runner variables and inputs left unset
    env: dict[str, str] = field(default_factory=dict)  # runner variables set over the defaults
    clock: FakeClock | None = None  # times the stages instead of the real clock

    def labeled(self, label: str = "agent", actor: str = "maint", actor_type: str = "User") -> Scenario:
        self.event_name = "issues"
        self.event = {
            "action": "labeled",
            "label": {"name": label},
            "issue": {"number": self.issue_number},
            # as in GitHub's payloads: the repository with its default branch
            "repository": {"full_name": self.github.repository, "default_branch": "main"},
            "sender": {"login": actor, "type": actor_type},
        }
        return self

    def commit_files(self, files: dict[str, str], branch: str = "main") -> None:
        """Add files to the repository and to origin's ``branch``."""
        for rel, text in files.items():
            (self.work / rel).parent.mkdir(parents=True, exist_ok=True)
            (self.work / rel).write_text(text)
        git("add", "-A", cwd=self.work)
        git("commit", "-q", "-m", "more files", cwd=self.work)
        git("push", "-q", "origin", f"HEAD:refs/heads/{branch}", cwd=self.work)

    def fresh_checkout(self, name: str = "checkout", *, detach: bool = False) -> None:
        """Work from what actions/checkout gives a run: a new depth-1 clone of the default branch
        only, detached for some events."""
        work = self.tmp / name
        git("clone", "-q", "--depth", "1", "--single-branch", "--branch", "main", f"file://{self.origin}",
            str(work), cwd=self.tmp)  # fmt: skip
        if detach:
            git("checkout", "-q", "--detach", cwd=work)
        self.work = work

    def commented(self, body: str, actor: str = "maint", actor_type: str = "User") -> Scenario:
        comment_id = self.github.add_comment(self.issue_number, body, author=actor)
        self.event_name = "issue_comment"
        self.event = {
            "action": "created",
            "issue": {"number": self.issue_number},
            "comment": {"id": comment_id, "body": body, "user": {"login": actor}},
            "sender": {"login": actor, "type": actor_type},
        }
        return self

    def run(self, capsys: pytest.CaptureFixture[str] | None = None) -> tuple[int, dict[str, str]]:
        from booty.main import main

        event_path, output, summary = self.tmp / "event.json", self.tmp / "output", self.tmp / "summary.md"
        event_path.write_text(json.dumps(self.event) if self.event_text is None else self.event_text)
        output.write_text("")
        summary.write_text("")
        env = {
            "GITHUB_EVENT_NAME": self.event_name,
            "GITHUB_EVENT_PATH": str(event_path),
            "GITHUB_REPOSITORY": self.github.repository,
            "GITHUB_WORKSPACE": str(self.work),
            "GITHUB_API_URL": self.github.api_url,
            "GITHUB_RUN_ID": "42",
            "GITHUB_OUTPUT": str(output),
            "GITHUB_STEP_SUMMARY": str(summary),
            "ANTHROPIC_BASE_URL": self.model.base_url,
            "BOOTY_GITHUB_TOKEN": GITHUB_TOKEN,
            "BOOTY_ANTHROPIC_API_KEY": API_KEY,
            "BOOTY_GITHUB_THROTTLE": "false",
            **{f"BOOTY_{k.upper()}": v for k, v in self.inputs.items()},
            **self.env,
        }
        for key, value in env.items():
            self.monkeypatch.setenv(key, value)
        for key in self.without:
            self.monkeypatch.delenv(key, raising=False)
        timed = {"clock": self.clock} if self.clock is not None else {}
        if capsys is not None:
            code = main(**timed)
            captured = capsys.readouterr()
            self.stdout, self.stderr = captured.out, captured.err
        else:
            with redirect_stdout(io.StringIO()) as log:
                code = main(**timed)
            self.stdout = log.getvalue()
        self.summary = summary.read_text()
        return code, parse_outputs(output.read_text())

    def branch_on_origin(self, name: str) -> str:
        out = subprocess.run(
            ["git", "--git-dir", str(self.origin), "rev-parse", "--verify", "-q", f"refs/heads/{name}"],
            capture_output=True,
            text=True,
        )
        return out.stdout.strip()

    def show_on_origin(self, ref: str, path: str) -> str:
        return subprocess.run(
            ["git", "--git-dir", str(self.origin), "show", f"{ref}:{path}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout


def parse_outputs(text: str) -> dict[str, str]:
    outputs, lines = {}, text.splitlines()
    i = 0
    while i < len(lines):
        name, _, delimiter = lines[i].partition("<<")
        j = lines.index(delimiter, i + 1)
        outputs[name] = "\n".join(lines[i + 1 : j])
        i = j + 1
    return outputs


@contextmanager
def world(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str] | None = None
) -> Iterator[Scenario]:
    """A repository with a bare origin, both fakes running, and one open issue by a writer."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # git config --global stays in the test
    (tmp_path / "home").mkdir()
    monkeypatch.delenv("GIT_CONFIG_GLOBAL", raising=False)
    for var in ("GITHUB_ACTIONS", "ANTHROPIC_API_KEY", "GITHUB_TOKEN"):
        monkeypatch.delenv(var, raising=False)
    work, origin = make_repository(tmp_path, files)
    with FakeGitHub(token=GITHUB_TOKEN) as github, FakeAnthropic() as model:
        github.state.origin = origin  # pull requests only between branches that exist, as on GitHub
        github.permissions["maint"] = "write"
        number = github.add_issue(
            "divide crashes with ZeroDivisionError",
            "divide(1, 0) should raise a clear ValueError.",
            author="maint",
        )
        yield Scenario(
            tmp=tmp_path,
            monkeypatch=monkeypatch,
            github=github,
            model=model,
            work=work,
            origin=origin,
            issue_number=number,
        )
