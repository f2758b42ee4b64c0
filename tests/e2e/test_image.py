"""The real Dockerfile: lint-clean, builds offline, and holds what the action needs at run time."""

from __future__ import annotations

import re
import subprocess

import pytest

from tests.e2e.harness import REPO

pytestmark = pytest.mark.e2e


def _in_image(image: str, script: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["docker", "run", "--rm", "--network", "none", "--entrypoint", "sh", image, "-c", script],
                          capture_output=True, text=True, timeout=120, check=False)


def test_image_has_git_configured_for_a_foreign_owned_workspace(action_image: str) -> None:
    done = _in_image(action_image, "id -u; git --version; git config --system --get-all safe.directory")
    assert done.returncode == 0, done.stderr
    uid, version, safe = done.stdout.splitlines()
    assert uid == "0"  # GitHub runs Docker actions as root; the image must not switch users
    assert version.startswith("git version")
    assert safe == "*"


def test_image_has_exactly_the_pinned_requirements(action_image: str) -> None:
    done = _in_image(action_image, "pip freeze --all")
    assert done.returncode == 0, done.stderr
    installed = {line.split("==")[0].lower().replace("_", "-"): line.split("==")[1]
                 for line in done.stdout.splitlines() if "==" in line}
    pinned = re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", (REPO / "requirements.txt").read_text(), flags=re.M)
    assert pinned, "requirements.txt pins nothing"
    for name, version in pinned:
        assert installed.get(name.lower().replace("_", "-")) == version, name


def test_image_imports_booty_and_its_libraries_without_network(action_image: str) -> None:
    done = _in_image(action_image, "cd /tmp && python -c 'import booty, magentic, anthropic, github, git, pathspec, "
                                   "pydantic_settings, bm25s, tree_sitter_language_pack, yaml; print(booty.__file__)'")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "/opt/booty/src/booty/__init__.py"
