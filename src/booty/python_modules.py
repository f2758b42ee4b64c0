"""Python module names for repository paths and paths for module names: the one resolver behind
the import check (``validate.imports``), the module names an issue mentions (``locate.mentions``)
and the re-exports the ranker follows (``locate.reexports``)."""

from __future__ import annotations

SOURCE_SUFFIXES = (".py", ".pyi", ".pyx")  # modules whose source can be read and ranked
MODULE_SUFFIXES = (*SOURCE_SUFFIXES, ".pxd", ".so", ".pyd")  # everything an import may load
# Compiled modules: the name may carry an ABI tag (``m.cpython-312-x86_64-linux-gnu.so``).
_EXTENSIONS = (".so", ".pyd")
_UNWRAPPED = ("src", "lib")  # layout directories that are not part of a module's name


def module_parts(path: str, suffixes: tuple[str, ...] = MODULE_SUFFIXES) -> list[str] | None:
    """The components of the module a repository path defines, counted from the repository root:
    ``a/b/c.py`` -> [a, b, c], ``a/b/__init__.py`` -> [a, b], an extension module without its ABI
    tag; None for a file that is no module (another suffix, or a name an import cannot spell)."""
    suffix = next((s for s in suffixes if path.endswith(s)), None)
    if suffix is None:
        return None
    *dirs, name = path.split("/")
    stem = name[: -len(suffix)]
    if suffix in _EXTENSIONS:
        stem = stem.split(".", 1)[0]
    if not stem.isidentifier():
        return None
    return dirs if stem == "__init__" else [*dirs, stem]


def module_name(path: str) -> str:
    """The dotted name a reader writes for the Python source at ``path`` (a ``src/`` or ``lib/``
    layout unwrapped), or '' when it is no module whose every component is an identifier."""
    parts = module_parts(path, SOURCE_SUFFIXES)
    if parts is None:
        return ""
    if len(parts) > 1 and parts[0] in _UNWRAPPED:
        parts = parts[1:]
    return ".".join(parts) if parts and all(p.isidentifier() for p in parts) else ""


def relative_import(importer: str, level: int, module: str = "") -> list[str] | None:
    """The components (from the repository root) of the module ``from <level dots><module> import``
    in the file ``importer`` names; None when the dots climb above the root. A module's package is
    its directory, for ``__init__.py`` and any other module alike."""
    package = importer.split("/")[:-1]
    up = level - 1
    if up > len(package):
        return None
    return [*package[: len(package) - up], *filter(None, module.split("."))]


def module_files(parts: list[str]) -> tuple[str, ...]:
    """The source files that may hold the module of these components (from the repository root),
    in the order Python prefers them: the module file, then the package's ``__init__.py``."""
    stem = "/".join(parts)
    return (f"{stem}.py", f"{stem}/__init__.py") if stem else ()
