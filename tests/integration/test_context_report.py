"""build_report / format_report on real checkouts (a git work tree and a plain directory)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from booty.adapters.repo_files import list_files, read_file_bytes
from booty.locate.context_report import build_report, format_report
from booty.locate.repository_map import repository_map


def gather_context(root: Path, issue: str, *, budget: int):
    """The map as ``booty context`` builds it: the checkout's files, through the run's own map."""
    return repository_map(
        list_files(root), lambda rel: read_file_bytes(root, rel), issue, budget=budget, never_read=never_read
    )


def never_read(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    return name.startswith(".env") or name.endswith(".pem")


FILES = {
    "README.md": "# Shop\nA tiny shop.\n",
    "shop/__init__.py": "",
    "shop/cart.py": "class Cart:\n    def total(self, items):\n        return sum(i.price for i in items)\n",
    "shop/settings.py": "import os\nAPI_KEY = os.environ.get('API_KEY')\n",
    "shop/checkout.py": "from shop.cart import Cart\n\ndef checkout(cart, payment):\n    return payment.charge(cart.total([]))\n",
    "tests/test_cart.py": "from shop.cart import Cart\n\ndef test_total():\n    assert Cart().total([]) == 0\n",
    ".env": "API_KEY=sk-live-very-secret\n",
    "deploy/server.pem": "-----BEGIN PRIVATE KEY-----\nabc\n",
}

ISSUE = (
    "checkout fails and the API_KEY in .env is not read (see deploy/server.pem too)\n\n"
    "Traceback (most recent call last):\n"
    '  File "/srv/app/shop/checkout.py", line 4, in checkout\n'
    "TypeError: unsupported operand\n"
)


def write(root: Path) -> None:
    for rel, text in FILES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


@pytest.fixture
def git_repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    write(root)
    (root / "untracked.py").write_text("def checkout(): pass\n")
    git = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", *FILES], check=True)
    subprocess.run([*git, "commit", "-qm", "init"], check=True)
    return root


def test_report_has_the_documented_shape_and_ranks_the_trace_frame_first(git_repo: Path):
    report = build_report(gather_context(git_repo, ISSUE, budget=2000), top=5)
    json.dumps(report)  # serializable as printed by --json
    assert set(report) == {"ranked", "context"}
    assert len(report["ranked"]) == 5
    first = report["ranked"][0]
    assert first["path"] == "shop/checkout.py" and "trace_frame" in first["signals"]
    assert isinstance(first["score"], float)
    ctx = report["context"]
    assert ctx["budget"] == 2000 and 0 < ctx["tokens"] <= 2000
    assert ctx["files"][0] == {
        "path": "shop/checkout.py",
        "detail": "full",
        "tokens": ctx["files"][0]["tokens"],
    }


def test_never_read_files_stay_out_even_when_the_issue_names_them(git_repo: Path):
    found = gather_context(git_repo, ISSUE, budget=50_000)
    everything = (
        [f.path for f in found.index.files]
        + [r.path for r in found.ranked]
        + [f.path for f in found.context.files]
    )
    assert ".env" not in everything and "deploy/server.pem" not in everything
    assert not any("sk-live-very-secret" in f.text or "PRIVATE KEY" in f.text for f in found.context.files)


def test_only_tracked_files_are_indexed_in_a_git_work_tree(git_repo: Path):
    assert "untracked.py" not in list_files(git_repo)
    assert "shop/cart.py" in list_files(git_repo)


def test_a_plain_directory_is_walked_without_dot_git(tmp_path: Path):
    write(tmp_path)
    (tmp_path / ".git").mkdir()  # not a work tree: git ls-files fails, the walk takes over
    (tmp_path / ".git" / "config").write_text("[core]\n")
    files = list_files(tmp_path)
    assert "shop/cart.py" in files and not any(p.startswith(".git/") for p in files)
    report = build_report(gather_context(tmp_path, ISSUE, budget=3000), top=3)
    assert report["ranked"][0]["path"] == "shop/checkout.py"


def test_reading_refuses_symlinks_out_of_the_repository(tmp_path: Path):
    outside = tmp_path / "outside.txt"
    outside.write_text("secret")
    root = tmp_path / "repo"
    root.mkdir()
    (root / "link.txt").symlink_to(outside)
    (root / "inside.txt").write_text("fine")
    (root / "alias.txt").symlink_to(root / "inside.txt")
    assert read_file_bytes(root, "link.txt") is None
    assert read_file_bytes(root, "alias.txt") == b"fine"
    assert read_file_bytes(root, "missing.txt") is None
    assert read_file_bytes(root, ".") is None


def test_format_report_is_readable(git_repo: Path):
    report = build_report(gather_context(git_repo, ISSUE, budget=2000), top=3)
    text = format_report(report)
    assert text.startswith("Ranked candidates (top 3):")
    assert "shop/checkout.py" in text and "trace_frame" in text
    assert f"Repository map: {report['context']['tokens']} of 2000 tokens" in text
