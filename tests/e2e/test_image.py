"""The real Dockerfile: lint-clean, builds offline, and holds what the action needs at run time."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.e2e.harness import REPO
from tests.e2e.package_index import SimpleIndex

pytestmark = pytest.mark.e2e


def _in_image(image: str, script: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["docker", "run", "--rm", "--network", "none", "--entrypoint", "sh", image, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_image_has_git_configured_for_a_foreign_owned_workspace(action_image: str) -> None:
    done = _in_image(action_image, "id -u; git --version; git config --system --get-all safe.directory")
    assert done.returncode == 0, done.stderr
    uid, version, safe = done.stdout.splitlines()
    assert uid == "0"  # GitHub runs Docker actions as root; the image must not switch users
    assert version.startswith("git version")
    assert safe == "*"


# The venv's distributions, as `pip freeze` would list them (the image has no pip of its own).
FREEZE = (
    "python -c 'import importlib.metadata as m; "
    'print("\\n".join(d.metadata["Name"] + "==" + d.version for d in m.distributions()))\''
)


def test_image_has_exactly_the_pinned_requirements(action_image: str) -> None:
    done = _in_image(action_image, FREEZE)
    assert done.returncode == 0, done.stderr
    installed = {
        line.split("==")[0].lower().replace("_", "-"): line.split("==")[1]
        for line in done.stdout.splitlines()
        if "==" in line
    }
    pinned = re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", (REPO / "requirements.txt").read_text(), flags=re.M)
    assert pinned, "requirements.txt pins nothing"
    for name, version in pinned:
        assert installed.get(name.lower().replace("_", "-")) == version, name


def test_image_holds_no_installer_no_library_tests_and_no_bytecode_to_write(action_image: str) -> None:
    done = _in_image(
        action_image,
        f"{FREEZE} | cut -d= -f1; echo tests: $(find /opt/booty/venv -type d -name tests | wc -l); "
        "cd /tmp && python -v -c 'import booty.main, booty.adapters.claude_chat' 2>&1 | grep '^# code object from'",
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    names = {n.lower() for n in lines}
    assert "anthropic" in names and not {"pip", "setuptools"} & names  # listed, and no installer
    assert "tests: 0" in lines
    # every module a run's start and its model layer import is read from bytecode compiled at
    # build time: none is compiled from source at run time (python -v names the file read)
    loaded = [line for line in lines if line.startswith("# code object from")]
    from_source = [line for line in loaded if ".pyc" not in line]
    assert len(loaded) > 500 and from_source == []


def test_bedrocks_sdk_client_finds_the_aws_descriptions_it_needs(action_image: str) -> None:
    done = _in_image(
        action_image,
        "cd /tmp && python -c '"
        "import boto3; from botocore.loaders import Loader; "
        'boto3.Session(aws_access_key_id="a", aws_secret_access_key="b", region_name="eu-west-1").client("sts"); '
        "from anthropic.lib.bedrock._stream_decoder import get_response_stream_shape; "
        "print(get_response_stream_shape().name)'",
    )
    assert (done.returncode, done.stdout.strip()) == (0, "ResponseStream"), done.stderr


def test_image_imports_booty_and_its_libraries_without_network(action_image: str) -> None:
    done = _in_image(
        action_image,
        "cd /tmp && python -c 'import booty, magentic, anthropic, github, git, pathspec, "
        "pydantic_settings, tree_sitter, tree_sitter_go, yaml, homoglyph._skeleton, importlib.util; "
        'print(booty.__file__, importlib.util.find_spec("numpy"))\'',
    )
    assert done.returncode == 0, done.stderr
    # No numeric library: BM25 is plain Python, and numpy was 55 MB of the image.
    assert done.stdout.strip() == "/opt/booty/src/booty/__init__.py None"


def test_without_a_wheelhouse_the_build_installs_from_a_package_index(
    base_image: str, wheelhouse: Path, tmp_path: Path
) -> None:
    """What users get: no build/wheelhouse in the context, pip resolves requirements.txt from an index
    (here a simple index on 127.0.0.1 made from the wheelhouse, passed as PIP_INDEX_URL)."""
    context = tmp_path / "context"
    context.mkdir()
    for name in ("Dockerfile", ".dockerignore", "requirements.txt", "entrypoint.py"):
        shutil.copy2(REPO / name, context / name)
    shutil.copytree(REPO / "src", context / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    image = "booty-action:index-e2e"
    with SimpleIndex(wheelhouse, tmp_path / "index") as index:
        done = subprocess.run(
            [
                "docker",
                "build",
                "--network",
                "host",
                "--build-arg",
                f"BASE={base_image}",
                "--build-arg",
                f"PIP_INDEX_URL={index.url}",
                "-t",
                image,
                str(context),
            ],
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
    try:
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
        assert "/simple/magentic/" in index.requested
        assert _in_image(image, "python -c 'import booty.main'").returncode == 0
    finally:
        subprocess.run(["docker", "rmi", "-f", image], capture_output=True, check=False)
