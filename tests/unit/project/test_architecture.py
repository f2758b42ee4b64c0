"""House rules that keep the code livable (design.md section 2), checked on the source."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.support.locations import SRC

IO_LIBRARIES = {
    "github", "git", "magentic", "anthropic", "openai", "requests", "httpx", "urllib", "socket",
    "subprocess", "actions_toolkit", "http", "os",
}  # fmt: skip


def imported_modules(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.lineno, node.module))
    return found


EDGES = ("adapters/", "demo/", "main.py", "cli.py")  # the only modules that may do I/O


def test_only_the_edges_import_an_io_library():
    offenders = [
        f"{path.relative_to(SRC)}:{line} imports {module}"
        for path in sorted(SRC.rglob("*.py"))
        if not str(path.relative_to(SRC)).startswith(EDGES)
        for line, module in imported_modules(path)
        if module.split(".")[0] in IO_LIBRARIES or module.startswith(("booty.adapters", "booty.demo"))
    ]
    assert offenders == []


def test_only_the_edges_read_the_environment():
    allowed = {"settings.py", "cli.py", "main.py"}
    readers = [
        str(path.relative_to(SRC))
        for path in sorted(SRC.rglob("*.py"))
        if "os.environ" in path.read_text(encoding="utf-8") or "os.getenv" in path.read_text(encoding="utf-8")
    ]
    # adapters may forward the environment to child processes (git, the test command), never read settings from it
    assert [r for r in readers if r not in allowed and not r.startswith("adapters/")] == []


def test_no_module_is_named_after_a_library():
    names = {p.stem for p in SRC.rglob("*.py")}
    assert names.isdisjoint({"github", "git", "anthropic", "magentic", "pathspec", "pydantic"})


def test_the_git_workspace_implements_every_method_of_the_workspace_port():
    from booty.adapters.workspace import GitWorkspace
    from booty.ports import Workspace

    wanted = {name for name in vars(Workspace) if not name.startswith("_")} - {"root"}
    assert wanted and {name for name in wanted if not callable(getattr(GitWorkspace, name, None))} == set()


def test_review_imports_no_io_library_nor_an_adapter():
    offenders = [
        f"{path.relative_to(SRC)}:{line} imports {module}"
        for path in sorted((SRC / "review").rglob("*.py"))
        for line, module in imported_modules(path)
        if module.split(".")[0] in IO_LIBRARIES or module.startswith("booty.adapters")
    ]
    assert offenders == []


def test_the_revision_workspace_and_review_host_implement_their_ports():
    from booty.adapters.review_host import GitHubReviewHost
    from booty.adapters.revision_workspace import GitRevisionWorkspace
    from booty.ports import ReviewHost, RevisionWorkspace

    for port, adapter in ((RevisionWorkspace, GitRevisionWorkspace), (ReviewHost, GitHubReviewHost)):
        wanted = {name for name in vars(port) if not name.startswith("_")} - {"root"}
        assert wanted and {name for name in wanted if not callable(getattr(adapter, name, None))} == set()
