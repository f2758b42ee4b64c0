"""Following ``from x import name`` re-exports from the public spelling to the defining module."""

from __future__ import annotations

from booty.locate.index import build_index
from booty.locate.mentions import PathLookup
from booty.locate.reexports import MAX_HOPS, defining_file, resolve_module

FILES = {
    "xr/__init__.py": b"from .api import where\nfrom xr.core import (\n    merge,\n    concat,\n)\n",
    "xr/api.py": b"from .core.ops import where\n",
    "xr/core/__init__.py": b"from .ops import merge, concat\n",
    "xr/core/ops.py": b"def where(c, x, y):\n    pass\n\ndef merge(a):\n    pass\n\ndef concat(a):\n    pass\n",
    "loop/a.py": b"from loop.b import spin\n",
    "loop/b.py": b"from loop.a import spin\n",
}
INDEX = build_index(sorted(FILES), FILES.get, never_read=lambda p: False)
BY_PATH = {f.path: f for f in INDEX.files}
LOOKUP = PathLookup(list(BY_PATH))


def defining(start: str, name: str) -> str | None:
    found = defining_file(BY_PATH[start], name, BY_PATH, LOOKUP)
    return found.path if found else None


def test_a_name_is_followed_through_relative_and_absolute_re_exports():
    assert defining("xr/__init__.py", "where") == "xr/core/ops.py"  # two hops: xr -> xr.api -> xr.core.ops
    assert defining("xr/__init__.py", "concat") == "xr/core/ops.py"  # a parenthesized, multi-line import
    assert defining("xr/core/ops.py", "merge") == "xr/core/ops.py"  # defined where it starts


def test_an_unknown_name_or_an_import_cycle_finds_nothing():
    assert defining("xr/__init__.py", "missing") is None
    assert MAX_HOPS >= 1 and defining("loop/a.py", "spin") is None


def test_relative_modules_resolve_against_the_importer_and_packages_to_their_init():
    assert resolve_module("xr/api.py", ".core.ops", BY_PATH, LOOKUP).path == "xr/core/ops.py"
    assert resolve_module("xr/core/ops.py", "..api", BY_PATH, LOOKUP).path == "xr/api.py"
    assert resolve_module("xr/api.py", ".core", BY_PATH, LOOKUP).path == "xr/core/__init__.py"
    assert resolve_module("xr/api.py", ".nowhere", BY_PATH, LOOKUP) is None
    assert resolve_module("loop/a.py", "loop.b", BY_PATH, LOOKUP).path == "loop/b.py"
