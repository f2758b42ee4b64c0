"""Run Booty's real action image under act, against a git daemon origin and local fakes.

The pieces, each real: ``GitDaemon`` serves bare repositories over git:// on 127.0.0.1 with push
enabled (the action container shares the host network, so it pushes there like to GitHub);
``make_workspace`` builds a repository whose root holds Booty's ``action.yml`` (so the workflow
says ``uses: ./``) plus a small project, with that daemon as ``origin``; ``run_act`` runs the
workflow on a recorded event. act names the image of ``uses: ./`` ``act-dockeraction:latest``
and, with ``--rebuild=false``, uses the image the fixtures built from the real Dockerfile.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]
DATA = Path(__file__).with_name("data")
BASE_IMAGE = os.environ.get("BOOTY_BASE_IMAGE", "booty-base:bookworm")
SLIM_BASE_IMAGE = "booty-base:bookworm-slim"  # scripts/base_image.sh --slim: debian:bookworm-slim, locally
ACTION_IMAGE = "booty-action:e2e"
ACT_IMAGE = "act-dockeraction:latest"  # act's name for the image of a `uses: ./` Docker action
_GIT_USER = ["-c", "user.name=Alice", "-c", "user.email=alice@example.com"]
EXAMPLE_USES = "uses: booty-dev/booty-action@v1"
SWEEP = ".github/workflows/booty-sweep.yml"
SWEEP_USES = f"uses: booty-dev/booty-action/{SWEEP}@v1"
MAX_PARALLEL = "max-parallel: ${{ fromJSON(inputs.max_parallel) }}"
# The job containers' mount point of run_act's ``artifacts`` directory (data/actions/README.md).
ARTIFACT_MOUNT = "/booty-artifacts"
# Appended to a workflow's only job: prints the action's outputs in a form ActRun.outputs parses.
REPORT_STEP = """\
      - name: Report outputs
        if: always()
        env:
          STATUS: ${{ steps.booty.outputs.status }}
          PR_NUMBER: ${{ steps.booty.outputs.pr_number }}
          BRANCH: ${{ steps.booty.outputs.branch }}
        run: |
          echo "BOOTY_OUTPUT status=$STATUS"
          echo "BOOTY_OUTPUT pr_number=$PR_NUMBER"
          echo "BOOTY_OUTPUT branch=$BRANCH"
"""


def remove_stage_images(build_output: str) -> None:
    """Remove the untagged images a multi-stage ``docker build`` (the classic builder) leaves for its
    earlier stages: the steps' image ids in its output that are dangling now, none of anyone else's."""
    steps = set(re.findall(r"---> ([0-9a-f]{12})\b", build_output))
    listed = subprocess.run(
        ["docker", "images", "--filter", "dangling=true", "--quiet"],
        capture_output=True,
        text=True,
        check=False,
    )
    ours = sorted(steps & set(listed.stdout.split()))
    if ours:
        subprocess.run(["docker", "rmi", *ours], capture_output=True, check=False)


def tool(name: str) -> str:
    """Path of a command-line tool, preferring the project's venv (act, hadolint)."""
    venv = REPO / ".venv" / "bin" / name
    found = str(venv) if venv.exists() else shutil.which(name)
    if not found:
        raise FileNotFoundError(f"{name} is not installed (scripts/test installs it)")
    return found


def git(*args: str, cwd: Path | None = None) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"git {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


def e2e_workflow() -> str:
    """tests/e2e/data/workflow.yml: no job `if:`, so every event reaches the action."""
    return (DATA / "workflow.yml").read_text(encoding="utf-8") + REPORT_STEP


def example_workflow() -> str:
    """The workflow users copy (.github/workflows/booty.yml), using the action from the workspace."""
    text = (REPO / ".github" / "workflows" / "booty.yml").read_text(encoding="utf-8")
    assert text.count(EXAMPLE_USES) == 1 and text.endswith("\n")
    return text.replace(EXAMPLE_USES, "uses: ./") + REPORT_STEP


def sweep_workflow(max_parallel: int = 2) -> str:
    """The reusable sweep workflow, using the action from the workspace (both of its Booty steps).

    act (0.2.89) does not evaluate an expression in ``strategy.max-parallel``, as GitHub does: it
    logs "Failed to parse 'max-parallel'" and runs the matrix one job at a time. So the copy holds
    the value GitHub would compute from the caller's ``max_parallel`` input instead."""
    text = (REPO / SWEEP).read_text(encoding="utf-8")
    assert text.count(EXAMPLE_USES) == 2 and text.count(MAX_PARALLEL) == 1
    return text.replace(EXAMPLE_USES, "uses: ./").replace(MAX_PARALLEL, f"max-parallel: {max_parallel}")


def sweep_caller(**inputs: object) -> str:
    """The README's example caller of the sweep, calling the workspace's copy by its local path,
    with ``inputs`` added to (or replacing) the example's ``with:``."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Backlog sweep", 1)[1]
    block = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    assert block.count(SWEEP_USES) == 1
    loaded = yaml.safe_load(block.replace(SWEEP_USES, f"uses: ./{SWEEP}"))
    caller = {
        "on" if key is True else key: value for key, value in loaded.items()
    }  # YAML 1.1 reads `on` as true
    [job] = caller["jobs"].values()
    job["with"] = {**job["with"], **inputs}
    return yaml.safe_dump(caller, sort_keys=False)


def dispatch_event(issue_number: int) -> dict[str, Any]:
    """The recorded ``workflow_dispatch`` payload, asking for ``issue_number``."""
    event = json.loads((DATA / "workflow_dispatch.json").read_text(encoding="utf-8"))
    event["inputs"]["issue_number"] = str(issue_number)
    return event


def labeled_event(issue_number: int, label: str = "agent") -> dict[str, Any]:
    """The recorded ``issues.labeled`` payload, pointed at ``issue_number`` and ``label``."""
    event = json.loads((DATA / "issues_labeled.json").read_text(encoding="utf-8"))
    event["issue"]["number"] = issue_number
    event["label"]["name"] = label
    event["issue"]["labels"] = [event["label"]]
    return event


def comment_event(issue_number: int, comment_id: int, body: str) -> dict[str, Any]:
    """An ``issue_comment.created`` payload: the recorded labeled one, with the comment instead of the label."""
    event = labeled_event(issue_number)
    del event["label"]
    event["action"] = "created"
    event["comment"] = {
        "id": comment_id,
        "body": body,
        "user": event["sender"],
        "author_association": "MEMBER",
    }
    return event


def review_event(pr_number: int, issue_number: int, review_id: int, head_sha: str) -> dict[str, Any]:
    """The recorded ``pull_request_review.submitted`` payload (changes requested), pointed at pull
    request ``pr_number`` on ``agent/issue-<issue_number>`` at ``head_sha`` and at review ``review_id``."""
    event = json.loads((DATA / "pull_request_review.json").read_text(encoding="utf-8"))
    pull, review = event["pull_request"], event["review"]
    old_pr, old_review, old_issue = pull["number"], review["id"], pull["head"]["ref"].rsplit("-", 1)[1]
    text = json.dumps(event)
    for old, new in (
        (f"pullrequestreview-{old_review}", f"pullrequestreview-{review_id}"),
        (f"/pulls/{old_pr}", f"/pulls/{pr_number}"),
        (f"/pull/{old_pr}", f"/pull/{pr_number}"),
        (f"/issues/{old_pr}", f"/issues/{pr_number}"),
        (pull["head"]["sha"], head_sha),
        (f"agent/issue-{old_issue}", f"agent/issue-{issue_number}"),
        (f"booty:pr issue={old_issue}", f"booty:pr issue={issue_number}"),
        (f"Closes #{old_issue}", f"Closes #{issue_number}"),
    ):
        text = text.replace(old, new)
    event = json.loads(text)
    event["pull_request"]["number"], event["review"]["id"] = pr_number, review_id
    return event


def review_comment_event(
    pr_number: int, issue_number: int, review_id: int, comment_id: int, body: str, head_sha: str
) -> dict[str, Any]:
    """A ``pull_request_review_comment.created`` payload: the recorded review's pull request,
    repository and sender, with GitHub's review-comment object (one inline comment of ``review_id``)."""
    event = review_event(pr_number, issue_number, review_id, head_sha)
    pull, review = event["pull_request"], event.pop("review")
    event["action"] = "created"
    event["comment"] = {
        "url": f"{pull['review_comments_url'].rsplit('/', 2)[0]}/comments/{comment_id}",
        "pull_request_review_id": review_id,
        "id": comment_id,
        "node_id": "PRRC_kwDOAbc123s5xYz0",
        "diff_hunk": "@@ -1,4 +1,6 @@",
        "path": "calc/stats.py",
        "commit_id": head_sha,
        "original_commit_id": head_sha,
        "user": review["user"],
        "body": body,
        "created_at": review["submitted_at"],
        "updated_at": review["submitted_at"],
        "html_url": f"{pull['html_url']}#discussion_r{comment_id}",
        "pull_request_url": pull["url"],
        "author_association": review["author_association"],
        "_links": {
            "self": {"href": f"{pull['url'].rsplit('/', 1)[0]}/comments/{comment_id}"},
            "html": {"href": f"{pull['html_url']}#discussion_r{comment_id}"},
            "pull_request": {"href": pull["url"]},
        },
        "reactions": {"url": "", "total_count": 0},
        "start_line": None,
        "original_start_line": None,
        "start_side": None,
        "line": 8,
        "original_line": 8,
        "side": "RIGHT",
        "original_position": 5,
        "position": 5,
        "subject_type": "line",
    }
    return event


class GitDaemon:
    """``git daemon`` serving every repository under ``base`` at git://127.0.0.1:PORT/<name>."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.port = 0
        self._process: subprocess.Popen[bytes] | None = None

    def url(self, name: str) -> str:
        return f"git://127.0.0.1:{self.port}/{name}"

    def __enter__(self) -> GitDaemon:
        self.base.mkdir(parents=True, exist_ok=True)
        self.port = _free_port()
        self._process = subprocess.Popen(
            [
                "git",
                "daemon",
                "--export-all",
                "--enable=receive-pack",
                "--reuseaddr",
                "--informative-errors",
                f"--base-path={self.base}",
                "--listen=127.0.0.1",
                f"--port={self.port}",
                str(self.base),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError("git daemon exited at start-up")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        self.__exit__()
        raise RuntimeError("git daemon did not listen within 10 s")

    def __exit__(self, *exc: object) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            self._process.wait(timeout=10)


def make_origin(daemon: GitDaemon, name: str = "demo.git") -> Path:
    """An empty bare repository served by ``daemon``."""
    origin = daemon.base / name
    git("init", "-q", "--bare", "-b", "main", str(origin))
    return origin


def make_workspace(
    root: Path, origin_url: str, workflow: str, *, more_workflows: Mapping[str, str] = MappingProxyType({})
) -> Path:
    """The small project plus Booty's action.yml and ``workflow`` (as booty.yml), and
    ``more_workflows`` (file name -> text), committed and pushed to origin."""
    workspace = root / "demo"
    shutil.copytree(DATA / "project", workspace)
    shutil.copy2(REPO / "action.yml", workspace / "action.yml")
    workflows = workspace / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "booty.yml").write_text(workflow, encoding="utf-8")
    for name, text in more_workflows.items():
        (workflows / name).write_text(text, encoding="utf-8")
    git("init", "-q", "-b", "main", cwd=workspace)
    git("add", "--all", cwd=workspace)
    git(*_GIT_USER, "commit", "-q", "-m", "Initial commit", cwd=workspace)
    git("remote", "add", "origin", origin_url, cwd=workspace)
    git("push", "-q", "origin", "main", cwd=workspace)
    return workspace


@dataclass
class ActRun:
    returncode: int
    log: str
    seconds: float

    @property
    def outputs(self) -> dict[str, str]:
        """The action's outputs as printed by the workflow's last step."""
        found: dict[str, str] = {}
        for line in self.log.splitlines():
            _, marker, rest = line.partition("BOOTY_OUTPUT ")
            if marker and "=" in rest:
                name, _, value = rest.partition("=")
                found[name.strip()] = value.strip()
        return found


def run_act(
    workspace: Path,
    event: dict[str, Any],
    *,
    env: dict[str, str],
    secrets: dict[str, str],
    event_name: str = "issues",
    workflow: str = ".github/workflows/booty.yml",
    artifacts: Path | None = None,
    timeout: float = 600,
) -> ActRun:
    """Run the workspace's ``workflow`` with act on ``event``; ``env`` overrides act's GITHUB_* values.

    act's ``--env`` wins over the GITHUB_API_URL act sets itself (a step ``env:`` does not), which is
    how the action finds the fake GitHub. Secrets travel in act's environment, not on its command line.
    With ``artifacts`` (a host directory), actions/upload-artifact@v4 and download-artifact@v4 are
    the stand-ins of data/actions, storing there (the real ones need the network and Node.js).
    """
    event_file = workspace.parent / "event.json"
    event_file.write_text(json.dumps(event), encoding="utf-8")
    command = [
        tool("act"),
        event_name,
        "-e",
        str(event_file),
        "-W",
        workflow,
        "-P",
        f"ubuntu-latest={BASE_IMAGE}",
        "--pull=false",
        "--rebuild=false",
        "--action-offline-mode",
        "--network",
        "host",
        "--container-architecture",
        "linux/amd64",
        "--no-cache-server",
    ]
    if artifacts is not None:
        for action in ("upload-artifact", "download-artifact"):
            command += ["--local-repository", f"actions/{action}@v4={DATA / 'actions' / action}"]
        command += ["--container-options", f"--volume {artifacts}:{ARTIFACT_MOUNT}"]
    for name, value in env.items():
        command += ["--env", f"{name}={value}"]
    for name in secrets:
        command += ["-s", name]  # a bare name: act reads the value from its own environment
    started = time.monotonic()
    done = subprocess.run(
        command,
        cwd=workspace,
        env={**os.environ, **secrets},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return ActRun(done.returncode, done.stdout + done.stderr, time.monotonic() - started)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
