"""booty.review is logic over the ports: like core/, it imports no I/O library and no adapter."""

from __future__ import annotations

from tests.unit.test_architecture import IO_LIBRARIES, SRC, imported_modules


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
