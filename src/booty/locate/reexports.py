"""Follow a name through ``from x import name`` re-exports to the module that defines it.

Issues name the public spelling (``xarray.where``, ``requests.get``); the code lives where the
package's ``__init__`` imports it from.
"""

from __future__ import annotations

import re

from booty.locate.mentions import PathLookup
from booty.models import IndexedFile
from booty.python_modules import module_files, relative_import

_FROM = re.compile(r"^[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)", re.M)
MAX_HOPS = 3


def defining_file(
    start: IndexedFile, name: str, files: dict[str, IndexedFile], lookup: PathLookup
) -> IndexedFile | None:
    """The file that defines ``name`` as seen from ``start``, following re-exports; None if not found."""
    current = start
    for _ in range(MAX_HOPS + 1):
        if any(s.name == name for s in current.symbols):
            return current
        source = _imported_from(current, name, files, lookup)
        if source is None:
            return None
        current = source
    return None


def _imported_from(
    file: IndexedFile, name: str, files: dict[str, IndexedFile], lookup: PathLookup
) -> IndexedFile | None:
    word = re.compile(rf"\b{re.escape(name)}\b")
    for m in _FROM.finditer(file.text):
        if word.search(m.group(2)):
            return resolve_module(file.path, m.group(1), files, lookup)
    return None


def resolve_module(
    importer: str, module: str, files: dict[str, IndexedFile], lookup: PathLookup
) -> IndexedFile | None:
    """The file a ``from <module> import`` in ``importer`` refers to (relative or absolute)."""
    if module.startswith("."):
        name = module.lstrip(".")
        target = relative_import(importer, len(module) - len(name), name)
        for candidate in module_files(target or []):
            if candidate in files:
                return files[candidate]
        return None
    hits = lookup.modules.get(module, [])
    return files[hits[0]] if len(hits) == 1 else None
