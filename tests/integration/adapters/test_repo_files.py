"""The files of a checkout for ``booty context``: git's tracked files in a work tree, every file of a
plain directory, and bytes that never come from outside the repository."""

from __future__ import annotations

import os

from booty.adapters.repo_files import list_files, read_file_bytes
from tests.support.repository import make_repository


def test_a_work_tree_lists_its_tracked_files_only(tmp_path):
    work, _ = make_repository(tmp_path, {"a.py": "x\n", "pkg/b.py": "y\n", ".gitignore": "build/\n"})
    (work / "build").mkdir()
    (work / "build" / "out.py").write_text("generated\n")
    (work / "scratch.txt").write_text("untracked\n")
    assert list_files(work) == [".gitignore", "a.py", "pkg/b.py"]


def test_a_plain_directory_lists_every_file_but_git_s_own(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.py").write_text("x\n")
    (tmp_path / "README.md").write_text("# r\n")
    (tmp_path / ".gitkeep").write_text("")
    assert list_files(tmp_path) == [".gitkeep", "README.md", "src/a.py"]


def test_bytes_come_only_from_files_inside_the_repository(tmp_path):
    root, outside = tmp_path / "repo", tmp_path / "outside.txt"
    (root / "dir").mkdir(parents=True)
    (root / "a.bin").write_bytes(b"\x00\x01")
    outside.write_text("secret\n")
    os.symlink(outside, root / "leak.txt")
    os.symlink("a.bin", root / "inside_link")
    assert (
        read_file_bytes(root, "a.bin") == b"\x00\x01" and read_file_bytes(root, "inside_link") == b"\x00\x01"
    )
    assert read_file_bytes(root, "leak.txt") is None and read_file_bytes(root, "../outside.txt") is None
    assert read_file_bytes(root, "dir") is None and read_file_bytes(root, "missing") is None
