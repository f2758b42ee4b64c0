"""The path corpus (tests/data/path_corpus.json) and the symlinks a hostile checkout could hold;
used by tests/integration/test_path_attacks.py and bench/soak.py."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.support.repository import git

CORPUS = json.loads((Path(__file__).parents[1] / "data" / "path_corpus.json").read_text(encoding="utf-8"))
HOSTILE, LEGIT = CORPUS["hostile"], CORPUS["legit"]


def add_symlinks(work: Path, outside: Path) -> None:
    """Symlinks a checkout could contain: out of the tree, chains, and into denied places."""
    (outside / "target.txt").write_text("outside\n")
    links = {
        "link_out": str(outside),
        "docs/evil.md": str(outside / "target.txt"),
        "chain2": str(outside),
        "chain1": "chain2",
        "wf_link": ".github/workflows",
        "git_link": ".git",
        "hooks_link": ".git/hooks",
        "env_link": ".env",
    }
    (work / ".github/workflows").mkdir(parents=True, exist_ok=True)
    (work / ".github/workflows/ci.yml").write_text("on: push\n")
    for rel, target in links.items():
        (work / rel).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, work / rel)
    git("add", "-A", cwd=work)
    git("commit", "-q", "-m", "symlinks", cwd=work)
    git("push", "-q", "origin", "main", cwd=work)
