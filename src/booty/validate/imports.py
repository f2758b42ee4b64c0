"""Flag Python imports that resolve to nothing: the usual sign of a hallucinated module.

An import the edit adds is accepted when it names the standard library, a module of the
workspace (any directory may be a root, so ``src/`` layouts and test folders resolve; relative
imports resolve against the file's package), a declared dependency, or a module already imported
elsewhere in the repository. Imports guarded by ``try: ... except ImportError`` are optional by
design and not checked. Imports the file already had are never re-judged.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from booty.languages import code_language
from booty.models import Problem
from booty.python_modules import module_parts, relative_import
from booty.validate.dependencies import declared_imports, is_manifest

_IMPORT_LINE = re.compile(r"^[ \t]*(?:from[ \t]+([\w.]+)[ \t]+import\b|import[ \t]+([\w. \t,]+))", re.M)
_GUARDS = {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}


def _local_names(paths: Iterable[str]) -> set[str]:
    """Dotted names of modules and packages, rooted at every directory level."""
    names: set[str] = set()
    for path in paths:
        parts = module_parts(path)
        if parts is None:
            continue
        for end in range(1, len(parts) + 1):
            for start in range(end):
                names.add(".".join(parts[start:end]))
    return names


@dataclass(frozen=True)
class KnownModules:
    """What an import may resolve to in one repository (see ``known_modules``)."""

    local: frozenset[str] = frozenset()
    declared: frozenset[str] = frozenset()
    imported: frozenset[str] = frozenset()

    def with_files(self, files: Mapping[str, str]) -> KnownModules:
        """These modules plus what ``files`` (path -> new text, written by the same change) add:
        the modules they define and the dependencies they declare."""
        return KnownModules(
            self.local | _local_names(files), self.declared | declared_imports(files), self.imported
        )

    def accepts(self, module: str) -> bool:
        top = module.split(".", 1)[0]
        if top in sys.stdlib_module_names or module in self.local or module in self.imported:
            return True
        if top in self.local:  # the project's own package: the submodule itself must exist
            return False
        return top in self.declared or top in self.imported


def known_modules(files: Mapping[str, str]) -> KnownModules:
    """Known modules of a repository given as ``path -> text`` (texts of non-Python files other
    than dependency manifests may be empty)."""
    imported: set[str] = set()
    for path, text in files.items():
        if code_language(path) == "python" and text:
            for frm, names in _IMPORT_LINE.findall(text):
                for name in [frm] if frm else names.split(","):
                    name = name.strip().split()[0] if name.strip() else ""
                    if name and not name.startswith("."):
                        imported.add(name)
    return KnownModules(frozenset(_local_names(files)), declared_imports(files), frozenset(imported))


def workspace_modules(paths: Iterable[str], read_text: Callable[[str], str | None]) -> KnownModules:
    """``known_modules`` of a workspace: every path counts for the modules it defines (``.pyx``
    and ``.so`` too); only Python files and dependency manifests are read, with ``read_text``."""
    return known_modules({
        p: (read_text(p) or "") if code_language(p) == "python" or is_manifest(p) else "" for p in paths
    })  # fmt: skip


def _guarded(node: ast.Try | ast.TryStar) -> bool:
    for handler in node.handlers:
        kinds = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
        if handler.type is None or any(isinstance(k, ast.Name) and k.id in _GUARDS for k in kinds):
            return True
    return False


def _imports(path: str, tree: ast.AST) -> list[tuple[str, int, str]]:
    """(resolved module, line, source text) of every unguarded import in ``tree``."""
    found: list[tuple[str, int, str]] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.Try | ast.TryStar) and _guarded(node):
            for child in [*node.handlers, *node.orelse, *node.finalbody]:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend((alias.name, node.lineno, f"import {alias.name}") for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            dots = "." * node.level
            text = f"from {dots}{node.module or ''} import ..."
            if node.level:
                target = relative_import(path, node.level, node.module or "")
                found.append((".".join(target or []), node.lineno, text))
            else:
                found.append((node.module or "", node.lineno, text))
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.stmt | ast.excepthandler | ast.match_case):
                visit(child)

    visit(tree)
    return found


def _parse(text: str | None) -> ast.AST | None:
    try:
        return ast.parse(text) if text is not None else None
    except (SyntaxError, ValueError, RecursionError):
        return None


def check_imports(path: str, before: str | None, after: str, known: KnownModules) -> list[Problem]:
    """Problems for imports ``after`` adds to ``before`` that resolve to no known module.

    Only Python files are checked; a file that does not parse is left to the syntax check.
    """
    if code_language(path) != "python":
        return []
    tree = _parse(after)
    if tree is None:
        return []
    old_tree = _parse(before)
    old = {module for module, _, _ in _imports(path, old_tree)} if old_tree else set()
    problems = []
    for module, line, text in _imports(path, tree):
        if module in old or (module and known.accepts(module)):
            continue
        if module:
            message = (f"`{text}`: no module `{module}` in the standard library, this repository or "
                       "its declared dependencies (pyproject.toml, requirements*.txt, setup.cfg, "
                       "setup.py). Use an existing module, or declare the new dependency.")  # fmt: skip
        else:
            message = f"`{text}`: the relative import reaches above the top-level package."
        problems.append(Problem(path=path, line=line, kind="import", message=message))
    return problems
