"""The one Python module resolver: paths to module names and back, relative imports, and the
import check, the mentions and the re-exports agreeing on it."""

from __future__ import annotations

import pytest

from booty.locate.mentions import PathLookup
from booty.locate.reexports import resolve_module
from booty.models import IndexedFile
from booty.python_modules import SOURCE_SUFFIXES, module_files, module_name, module_parts, relative_import
from booty.validate.imports import check_imports, known_modules


@pytest.mark.parametrize(
    "path, parts",
    [
        ("a/b/c.py", ["a", "b", "c"]), ("a/b/__init__.py", ["a", "b"]), ("a/b/__init__.pyi", ["a", "b"]),
        ("stubs/m.pyi", ["stubs", "m"]), ("pkg/fast.pyx", ["pkg", "fast"]), ("pkg/fast.pxd", ["pkg", "fast"]),
        ("pkg/_native.cpython-311-x86_64-linux-gnu.so", ["pkg", "_native"]), ("pkg/_w.cp312-win_amd64.pyd", ["pkg", "_w"]),
        ("my-scripts/tool.py", ["my-scripts", "tool"]),  # rooted below the directory, it is still `tool`
        ("__init__.py", []), ("README.md", None), ("a/b.c.py", None), ("a/my-mod.py", None), ("a/.py", None),
    ],
)  # fmt: skip
def test_module_parts(path, parts):
    assert module_parts(path) == parts


@pytest.mark.parametrize(
    "path, name",
    [
        ("requests/api.py", "requests.api"), ("src/shop/cart.py", "shop.cart"), ("lib/tool/__init__.py", "tool"),
        ("src.py", "src"), ("pkg/fast.pyx", "pkg.fast"), ("pkg/fast.pxd", ""), ("pkg/_n.cpython-311.so", ""),
        ("my-scripts/tool.py", ""), ("docs/conf.py", "docs.conf"), ("__init__.py", ""), ("a/b.c.py", ""),
    ],
)  # fmt: skip
def test_module_name_is_what_a_reader_writes(path, name):
    assert module_name(path) == name


def test_only_source_files_are_named_for_readers():
    assert SOURCE_SUFFIXES == (".py", ".pyi", ".pyx")
    assert module_parts("pkg/fast.pxd", SOURCE_SUFFIXES) is None


@pytest.mark.parametrize(
    "importer, level, module, target",
    [
        ("pkg/mod.py", 1, "core", ["pkg", "core"]), ("pkg/__init__.py", 1, "core", ["pkg", "core"]),
        ("pkg/sub/mod.py", 2, "core.x", ["pkg", "core", "x"]), ("pkg/sub/mod.py", 3, "", []),
        ("pkg/mod.py", 1, "", ["pkg"]), ("pkg/mod.py", 3, "x", None), ("mod.py", 2, "", None),
    ],
)  # fmt: skip
def test_relative_imports(importer, level, module, target):
    assert relative_import(importer, level, module) == target


def test_module_files_in_the_order_python_prefers():
    assert module_files(["pkg", "core"]) == ("pkg/core.py", "pkg/core/__init__.py")
    assert module_files([]) == ()


def _file(path: str, text: str = "") -> IndexedFile:
    return IndexedFile(path=path, size=len(text), language="python", text=text)


def test_the_import_check_and_the_reexports_resolve_a_relative_import_alike():
    files = {p: _file(p) for p in ("pkg/__init__.py", "pkg/core.py", "pkg/sub/__init__.py", "pkg/sub/mod.py")}
    lookup = PathLookup(list(files))
    known = known_modules({p: "" for p in files})
    for module, defined_in in (
        (".", "pkg/sub/__init__.py"),
        ("..core", "pkg/core.py"),
        ("..", "pkg/__init__.py"),
    ):
        assert resolve_module("pkg/sub/mod.py", module, files, lookup).path == defined_in
        line = f"from {module} import name\n" if module.strip(".") else f"from {module} import core\n"
        assert check_imports("pkg/sub/mod.py", "", line, known) == []
    assert resolve_module("pkg/sub/mod.py", "....x", files, lookup) is None
    [problem] = check_imports("pkg/sub/mod.py", "", "from .... import x\n", known)
    assert "above the top-level package" in problem.message


def test_mentions_find_modules_by_the_names_readers_write():
    lookup = PathLookup(["src/shop/cart.py", "src/shop/__init__.py", "docs/my-notes/x.py"])
    assert lookup.modules["shop.cart"] == ["src/shop/cart.py"]
    assert lookup.modules["shop"] == ["src/shop/__init__.py"]
    assert not [name for name in lookup.modules if "notes" in name]
