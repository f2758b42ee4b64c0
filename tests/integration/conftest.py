"""A whole action run against real parts: a git repository with a bare origin, the fake GitHub
(validated against GitHub's OpenAPI description) and the fake Messages API, through ``booty.main``."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.fakes.anthropic_server import FakeAnthropic
from tests.fakes.github_server import FakeGitHub

GITHUB_TOKEN = "ghs_faketoken0123456789abcdefSECRET"
API_KEY = "sk-ant-api03-fake-key-0123456789-SECRET"

REPO_FILES = {
    "README.md": "# calc\n\nA tiny calculator.\n",
    "pyproject.toml": '[project]\nname = "calc"\nversion = "0.1.0"\ndependencies = ["requests>=2"]\n',
    "calc/__init__.py": "",
    "calc/ops.py": 'def add(a, b):\n    return a + b\n\n\ndef divide(a, b):\n    """Divide a by b."""\n    return a / b\n',
    "tests/test_ops.py": "from calc.ops import add\n\n\ndef test_add():\n    assert add(1, 2) == 3\n",
    ".env": "SECRET_TOKEN=do-not-leak-this\n",
}


def git(*args: str, cwd: Path) -> str:
    env_args = ["-c", "user.name=Dev", "-c", "user.email=dev@example.invalid", "-c", "init.defaultBranch=main"]
    return subprocess.run(["git", *env_args, *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def make_repository(root: Path, files: dict[str, str] | None = None) -> tuple[Path, Path]:
    """A work tree with a commit on main, and a bare origin that has it."""
    work, origin = root / "work", root / "origin.git"
    work.mkdir()
    git("init", "-q", "--bare", str(origin), cwd=root)
    git("init", "-q", cwd=work)
    for rel, text in (files or REPO_FILES).items():
        (work / rel).parent.mkdir(parents=True, exist_ok=True)
        (work / rel).write_text(text)
    git("add", "-A", cwd=work)
    git("commit", "-q", "-m", "initial", cwd=work)
    git("remote", "add", "origin", str(origin), cwd=work)
    git("push", "-q", "origin", "main", cwd=work)
    return work, origin


def plan(**overrides: Any) -> dict[str, Any]:
    base = {
        "actionable": True,
        "questions": [],
        "summary": "divide() now raises a clear error for a zero divisor.",
        "title": "fix(ops): clear error on division by zero",
        "changes": [{"path": "calc/ops.py", "action": "modify", "reason": "Guard against b == 0."}],
        "acceptance_criteria": ["divide(1, 0) raises ValueError"],
    }
    return {**base, **overrides}


FIXED_OPS = (
    'def add(a, b):\n    return a + b\n\n\ndef divide(a, b):\n    """Divide a by b."""\n'
    '    if b == 0:\n        raise ValueError("cannot divide by zero")\n    return a / b\n'
)


def whole_file(path: str, text: str) -> str:
    return f"{path}\n```python\n{text}```\n"


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

    def labeled(self, label: str = "agent", actor: str = "maint", actor_type: str = "User") -> Scenario:
        self.event_name = "issues"
        self.event = {
            "action": "labeled",
            "label": {"name": label},
            "issue": {"number": self.issue_number},
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
        event_path.write_text(json.dumps(self.event))
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
        }
        for key, value in env.items():
            self.monkeypatch.setenv(key, value)
        code = main()
        if capsys is not None:
            self.stdout = capsys.readouterr().out
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
            ["git", "--git-dir", str(self.origin), "show", f"{ref}:{path}"], capture_output=True, text=True, check=True
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


@pytest.fixture
def scenario(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # git config --global stays in the test
    (tmp_path / "home").mkdir()
    monkeypatch.delenv("GIT_CONFIG_GLOBAL", raising=False)
    for var in ("GITHUB_ACTIONS", "ANTHROPIC_API_KEY", "GITHUB_TOKEN"):
        monkeypatch.delenv(var, raising=False)
    work, origin = make_repository(tmp_path)
    with FakeGitHub(token=GITHUB_TOKEN) as github, FakeAnthropic() as model:
        github.permissions["maint"] = "write"
        number = github.add_issue("divide crashes with ZeroDivisionError", "divide(1, 0) should raise a clear ValueError.", author="maint")
        yield Scenario(tmp=tmp_path, monkeypatch=monkeypatch, github=github, model=model, work=work, origin=origin, issue_number=number)


# ---------------------------------------------------------------- helpers for fault and soak runs

#: Hidden settings that keep Claude retries quick against the fakes (BOOTY_LLM_*).
FAST_MODEL = {"llm_attempts": "3", "llm_backoff_s": "0.01", "llm_timeout_s": "1"}
BOT_EMAIL_PART = "github-actions[bot]"


def git_status(work: Path) -> str:
    """``git status --porcelain`` of the work tree (untracked files included)."""
    return git("status", "--porcelain", "--untracked-files=all", cwd=work)


def head_of(work: Path) -> str:
    """The branch the work tree is on, or the commit when HEAD is detached."""
    out = subprocess.run(["git", "symbolic-ref", "-q", "--short", "HEAD"], cwd=work, capture_output=True, text=True)
    return out.stdout.strip() or git("rev-parse", "HEAD", cwd=work).strip()


def origin_branches(origin: Path) -> dict[str, str]:
    """branch name -> commit, for every branch of the bare origin."""
    out = git("for-each-ref", "--format=%(refname:short) %(objectname)", "refs/heads", cwd=origin)
    return dict(line.split(" ", 1) for line in out.splitlines() if line)


def booty_comments(github: FakeGitHub, issue: int) -> list[dict[str, Any]]:
    return [c for c in github.comments_on(issue) if f"<!-- booty:tracking issue={issue} -->" in c["body"]]


def inconsistencies(s: Scenario, *, start: str = "main", outcome: str | None = None) -> list[str]:
    """Every way the state after a run breaks Booty's promises (empty: consistent).

    A booty branch on origin without an open PR or an open PR without its branch and commit, more
    than one PR or tracking comment per issue, a tracking comment not finalized (with ``outcome``
    when given), a dirty work tree or one not back on ``start``.
    """
    found: list[str] = []
    branches = origin_branches(s.origin)
    open_pulls = [p for p in s.github.pulls.values() if p["state"] == "open"]
    for name, sha in branches.items():
        if not name.startswith("agent/issue-"):
            continue
        heads = [p for p in open_pulls if p["head"] == name]
        if len(heads) != 1:
            found.append(f"branch {name} on origin has {len(heads)} open pull requests")
        author = git("log", "-1", "--format=%ae", sha, cwd=s.origin).strip()
        if BOT_EMAIL_PART not in author:
            found.append(f"branch {name} ends in a commit by {author}, not Booty's")
    for pull in open_pulls:
        if pull["head"] not in branches:
            found.append(f"pull request #{pull['number']} has no branch {pull['head']} on origin")
    for number in s.github.issues:
        marked = [p for p in open_pulls if f"<!-- booty:pr issue={number} -->" in p["body"]]
        if len(marked) > 1:
            found.append(f"issue #{number} has {len(marked)} open pull requests")
        comments = booty_comments(s.github, number)
        if len(comments) > 1:
            found.append(f"issue #{number} has {len(comments)} tracking comments")
        for comment in comments:
            if "**Booty: " not in comment["body"]:
                found.append(f"the tracking comment on #{number} was not finalized")
            elif outcome and number == s.issue_number and f"(`{outcome}`)" not in comment["body"]:
                found.append(f"the tracking comment on #{number} does not say `{outcome}`")
    if (status := git_status(s.work)).strip():
        found.append(f"the work tree is dirty: {status.strip()}")
    if (head := head_of(s.work)) != start:
        found.append(f"the work tree is on {head}, not {start}")
    return found
