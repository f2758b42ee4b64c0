"""scripts/pin_image.py: the release commit's action.yml names the released image by digest."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest
import yaml

from tests.support.locations import REPO

ROOT = REPO
SCRIPT = ROOT / "scripts" / "pin_image.py"
DIGEST = "sha256:" + "ab12" * 16


def _module():
    spec = importlib.util.spec_from_file_location("pin_image", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


pin = _module()


def test_only_the_image_line_changes_and_the_result_is_the_same_action():
    original = (ROOT / "action.yml").read_text(encoding="utf-8")
    out = pin.pinned(original, "ghcr.io/booty-dev/booty", DIGEST)
    changed = [(a, b) for a, b in zip(original.splitlines(), out.splitlines(), strict=True) if a != b]
    assert changed == [("  image: Dockerfile", f"  image: docker://ghcr.io/booty-dev/booty@{DIGEST}")]
    before, after = yaml.safe_load(original), yaml.safe_load(out)
    assert after["runs"]["image"] == f"docker://ghcr.io/booty-dev/booty@{DIGEST}"
    after["runs"]["image"] = "Dockerfile"
    assert after == before


def test_a_pinned_file_is_repinned():
    once = pin.pinned((ROOT / "action.yml").read_text(), "ghcr.io/booty-dev/booty", DIGEST)
    newer = "sha256:" + "cd34" * 16
    twice = pin.pinned(once, "ghcr.io/booty-dev/booty", newer)
    assert yaml.safe_load(twice)["runs"]["image"].endswith(newer) and DIGEST not in twice


def test_an_input_description_mentioning_image_is_not_touched():
    text = (
        "inputs:\n  x:\n    description: x\n  image: not-this\nruns:\n  using: docker\n  image: Dockerfile\n"
    )
    assert pin.pinned(text, "ghcr.io/o/booty", DIGEST).count("docker://") == 1
    assert "  image: not-this\n" in pin.pinned(text, "ghcr.io/o/booty", DIGEST)


@pytest.mark.parametrize(
    ("reference", "digest", "says"),
    [
        ("ghcr.io/booty-dev/booty", "sha256:abc", "64 lowercase hex"),
        ("ghcr.io/booty-dev/booty", "sha256:" + "AB12" * 16, "64 lowercase hex"),
        ("ghcr.io/Booty-Dev/booty", DIGEST, "lowercase"),
        ("ghcr.io/booty-dev/booty:v1", DIGEST, "without a tag"),
        ("booty", DIGEST, "registry/owner/name"),
    ],
)
def test_malformed_references_and_digests_are_refused(reference, digest, says):
    with pytest.raises(pin.PinError, match=says):
        pin.pinned("runs:\n  image: Dockerfile\n", reference, digest)


def test_the_command_rewrites_the_file_and_fails_clearly(tmp_path):
    action = tmp_path / "action.yml"
    action.write_text("name: x\nruns:\n  using: docker\n  image: Dockerfile\n")
    ok = subprocess.run(
        [sys.executable, SCRIPT, action, "ghcr.io/o/booty", DIGEST], capture_output=True, text=True
    )
    assert ok.returncode == 0 and f"docker://ghcr.io/o/booty@{DIGEST}" in action.read_text()
    action.write_text("name: x\n")
    bad = subprocess.run(
        [sys.executable, SCRIPT, action, "ghcr.io/o/booty", DIGEST], capture_output=True, text=True
    )
    assert bad.returncode == 2 and "no top-level `runs:`" in bad.stderr and "Traceback" not in bad.stderr
