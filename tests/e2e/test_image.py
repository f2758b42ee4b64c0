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


# In the image built on the default base: what APT installed, what its dpkg filter left out, and
# that git and Booty work without it.
DEFAULT_BASE_CHECKS = r"""
set -e
git --version
test -x /usr/lib/git-core/git-remote-https && echo https-helper
for gone in /usr/lib/git-core/git-daemon /usr/lib/git-core/git-http-backend /usr/bin/scalar; do
    test ! -e "$gone" || echo "present: $gone"
done
test -z "$(find /usr/share/perl /usr/lib/x86_64-linux-gnu/perl /usr/lib/aarch64-linux-gnu/perl -type f 2>/dev/null)" && echo no-perl-modules
perl -e 'print "perl-base
"'
test ! -e /etc/dpkg/dpkg.cfg.d/booty-unused && echo filter-removed
test -z "$(dpkg --audit)" && echo dpkg-consistent
cd /tmp && git init -q r && cd r && echo x > f && git add f
git -c user.name=t -c user.email=t@example.invalid commit -qm one && git log --format=%s
git ls-remote https://127.0.0.1:9/r 2>&1 | grep -q "Failed to connect" && echo https-tried
cd /tmp && python -c 'import booty.main, booty.adapters.claude_chat; print("booty-imports")'
"""


def test_on_the_default_base_apt_leaves_out_what_no_run_uses_and_the_image_stays_under_300_mb(
    slim_base: str, wheelhouse: Path
) -> None:
    # The only build here with network: APT takes Python and git from the Debian mirror, as a user's
    # build of the default base does (pip still installs from the local wheelhouse).
    tag = "booty-action:e2e-default-base"
    done = subprocess.run(
        ["docker", "build", "--network", "host", "--build-arg", f"BASE={slim_base}", "-t", tag, str(REPO)],
        capture_output=True, text=True, timeout=1200, check=False,
    )  # fmt: skip
    assert done.returncode == 0, (
        f"docker build on {slim_base} failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}"
    )
    try:
        checked = _in_image(tag, DEFAULT_BASE_CHECKS)
        assert checked.returncode == 0, checked.stdout + checked.stderr
        lines = checked.stdout.splitlines()
        assert lines[0].startswith("git version") and not [ln for ln in lines if ln.startswith("present:")]
        assert lines[1:] == [
            "https-helper", "no-perl-modules", "perl-base", "filter-removed", "dpkg-consistent", "one",
            "https-tried", "booty-imports",
        ]  # fmt: skip
        history = subprocess.run(
            ["docker", "history", "--human=false", "--no-trunc", "--format", "{{.Size}}\t{{.CreatedBy}}", tag],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        layers = [line.split("\t", 1) for line in history.splitlines()]
        # as users build it: without the COPY of the test wheelhouse (offline builds only)
        shipped = sum(int(n) for n, step in layers if not ("COPY" in step and "/tmp/install/" in step))
        assert shipped <= 300_000_000, f"{shipped / 1e6:.0f} MB on the default base"
    finally:
        subprocess.run(["docker", "rmi", tag], capture_output=True, check=False)


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
