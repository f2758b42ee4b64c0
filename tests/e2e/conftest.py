"""Session fixtures for the container tests: a Docker daemon, the local base image, the action image.

These tests fail (never skip) when Docker is missing: the container is what ships, so a run that
cannot build it has not tested the product. ``scripts/test`` starts the daemon and prepares the
base image and wheelhouse; the fixtures repeat those idempotent steps so that
``pytest tests/e2e`` also works alone once a daemon runs.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from tests.e2e.harness import ACT_IMAGE, ACTION_IMAGE, BASE_IMAGE, REPO, SLIM_BASE_IMAGE, remove_stage_images

collect_ignore = ["data"]  # the fixture project's own tests are data here, not tests of Booty


def _script(name: str, timeout: float) -> None:
    done = subprocess.run(
        ["bash", str(REPO / "scripts" / name)], capture_output=True, text=True, timeout=timeout, check=False
    )
    if done.returncode:
        pytest.fail(f"scripts/{name} failed:\n{done.stdout}{done.stderr}")


@pytest.fixture(scope="session")
def docker_daemon() -> None:
    done = subprocess.run(["docker", "info"], capture_output=True, text=True, check=False)
    if done.returncode:
        pytest.fail(
            "No Docker daemon answers; start one with `bash scripts/docker_daemon.sh start` "
            f"(scripts/test does this).\n{done.stderr.strip()}"
        )


@pytest.fixture(scope="session")
def base_image(docker_daemon: None) -> str:
    _script("base_image.sh", timeout=900)
    return BASE_IMAGE


@pytest.fixture(scope="session")
def wheelhouse(base_image: str) -> Path:
    """build/wheelhouse: wheels of requirements.txt for the base image's Python."""
    _script("wheelhouse.sh", timeout=900)
    return REPO / "build" / "wheelhouse"


def _image_id(tag: str) -> str:
    done = subprocess.run(
        ["docker", "image", "inspect", "-f", "{{.Id}}", tag], capture_output=True, text=True, check=False
    )
    return done.stdout.strip()


@pytest.fixture(scope="session")
def action_image(base_image: str, wheelhouse: Path) -> str:
    """The real Dockerfile built offline on the local base, also tagged with act's name for `uses: ./`."""
    previous = _image_id(ACTION_IMAGE)
    started = time.monotonic()
    done = subprocess.run(
        [
            "docker",
            "build",
            "--network",
            "none",
            "--build-arg",
            f"BASE={base_image}",
            "-t",
            ACTION_IMAGE,
            str(REPO),
        ],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if done.returncode:
        pytest.fail(f"docker build failed:\n{done.stdout[-4000:]}{done.stderr[-4000:]}")
    print(f"\naction image built in {time.monotonic() - started:.1f} s")
    remove_stage_images(done.stdout)
    subprocess.run(["docker", "tag", ACTION_IMAGE, ACT_IMAGE], check=True)
    if previous and previous != _image_id(ACTION_IMAGE):  # keep a long-lived machine's disk from filling up
        subprocess.run(["docker", "rmi", previous], capture_output=True, check=False)
    return ACTION_IMAGE


@pytest.fixture(scope="session")
def slim_base(docker_daemon: None) -> str:
    """The local equivalent of the Dockerfile's default base, debian:bookworm-slim: no Python, no git."""
    done = subprocess.run(
        ["bash", str(REPO / "scripts" / "base_image.sh"), "--slim"],
        capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    if done.returncode:
        pytest.fail(f"scripts/base_image.sh --slim failed:\n{done.stdout}{done.stderr}")
    return SLIM_BASE_IMAGE
