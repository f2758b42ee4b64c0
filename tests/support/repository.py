"""Real git repositories for tests: a work tree with one commit on ``main`` and a bare ``origin``."""

from __future__ import annotations

import subprocess
from pathlib import Path

REPO_FILES = {
    "README.md": "# calc\n\nA tiny calculator.\n",
    "pyproject.toml": '[project]\nname = "calc"\nversion = "0.1.0"\ndependencies = ["requests>=2"]\n',
    "calc/__init__.py": "",
    "calc/ops.py": 'def add(a, b):\n    return a + b\n\n\ndef divide(a, b):\n    """Divide a by b."""\n    return a / b\n',
    "tests/test_ops.py": "from calc.ops import add\n\n\ndef test_add():\n    assert add(1, 2) == 3\n",
    ".env": "SECRET_TOKEN=do-not-leak-this\n",
}


def git(*args: str, cwd: Path) -> str:
    env_args = [
        "-c",
        "user.name=Dev",
        "-c",
        "user.email=dev@example.invalid",
        "-c",
        "init.defaultBranch=main",
    ]
    return subprocess.run(
        ["git", *env_args, *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout


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
