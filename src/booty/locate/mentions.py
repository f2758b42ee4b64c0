"""What an issue explicitly points at: paths, traceback frames, dotted module names, basenames
and identifiers. Resolution against the repository is done by ``PathLookup``."""

from __future__ import annotations

import builtins
import re
from collections import defaultdict
from dataclasses import dataclass, field

from booty.locate.tokens import IDENTIFIER, STOPWORDS
from booty.python_modules import module_name

_FRAME = re.compile(r'File "([^"]+)", line (\d+)')
_PYTEST_FRAME = re.compile(r"^\s*([\w./\\-]+\.\w{1,5}):(\d+):", re.M)
_PATHLIKE = re.compile(r"[\w./\\-]*[\w-]\.[A-Za-z][A-Za-z0-9]{0,5}\b|[\w.-]+(?:[/\\][\w.-]+)+")
_DOTTED = re.compile(r"\b[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+\b")
_CODE_SPAN = re.compile(r"```.*?```|`[^`\n]+`", re.S)
_CALL = re.compile(r"\b([A-Za-z_]\w*)\s*\(")
_IMPORT_AS = re.compile(r"\bimport\s+([A-Za-z_][\w.]*)\s+as\s+([A-Za-z_]\w*)")
_FROM_IMPORT = re.compile(r"\bfrom\s+([A-Za-z_][\w.]*)\s+import\s+([\w, ]+)")
_NOT_NAMES = (
    frozenset(dir(builtins)) | STOPWORDS | {"py", "txt", "rst", "com", "http", "https", "www", "github"}
)


@dataclass
class Mentions:
    """Explicit pointers in an issue, each mapped to a strength (shared among ambiguous targets)."""

    paths: dict[str, float] = field(default_factory=dict)
    frames: dict[str, float] = field(default_factory=dict)
    last_frame: str | None = None
    modules: dict[str, float] = field(default_factory=dict)
    basenames: dict[str, float] = field(default_factory=dict)
    identifiers: dict[str, float] = field(default_factory=dict)  # name -> 1.0 code-like, 0.5 prose
    qualified: dict[str, set[str]] = field(default_factory=dict)  # module path -> attributes named after it


class PathLookup:
    """Maps path suffixes and dotted module names of a repository back to its files."""

    def __init__(self, paths: list[str]) -> None:
        self.suffixes: dict[str, list[str]] = defaultdict(list)
        self.modules: dict[str, list[str]] = defaultdict(list)
        for path in paths:
            parts = path.split("/")
            for k in range(len(parts)):
                self.suffixes["/".join(parts[k:])].append(path)
            module = module_name(path)
            if module:
                names = module.split(".")
                self.modules[module].append(path)
                for k in range(1, len(names) - 1):  # shorter suffixes need at least two components
                    self.modules[".".join(names[k:])].append(path)

    def resolve_path(self, raw: str) -> tuple[list[str], bool]:
        """Files a written path refers to (longest matching suffix) and whether it had a directory."""
        parts = [p for p in raw.replace("\\", "/").split("/") if p not in ("", ".")]
        for k in range(len(parts)):
            hits = self.suffixes.get("/".join(parts[k:]))
            if hits:
                return hits, len(parts) - k > 1
        return [], False


def find_mentions(issue: str, lookup: PathLookup) -> Mentions:
    """Everything in ``issue`` that names a file of the repository or an identifier."""
    found = Mentions()
    frames: list[tuple[int, str]] = []
    for match in [*_FRAME.finditer(issue), *_PYTEST_FRAME.finditer(issue)]:
        hits, _ = lookup.resolve_path(match.group(1))
        for path in hits:
            found.frames[path] = found.frames.get(path, 0.0) + 1.0 / len(hits)
        if len(hits) == 1:
            frames.append((match.start(), hits[0]))
    if frames:
        found.last_frame = max(frames)[1]
    for raw in _PATHLIKE.findall(issue):
        hits, has_dir = lookup.resolve_path(raw.strip(".-"))
        target = found.paths if has_dir else found.basenames
        for path in hits:
            target[path] = max(target.get(path, 0.0), 1.0 / len(hits))
    for dotted in _dotted_names(issue):
        _resolve_dotted(dotted, lookup, found)
    found.identifiers = _identifiers(issue)
    return found


def _dotted_names(issue: str) -> set[str]:
    """Dotted names in the issue, with import aliases expanded (``xr.where`` -> ``xarray.where``)
    and ``from m import a, b`` read as ``m.a`` and ``m.b``."""
    aliases = {alias: module for module, alias in _IMPORT_AS.findall(issue)}
    names = set()
    for dotted in _DOTTED.findall(issue):
        head, _, rest = dotted.partition(".")
        names.add(f"{aliases[head]}.{rest}" if head in aliases else dotted)
    for module, imported in _FROM_IMPORT.findall(issue):
        names.update(
            f"{module}.{name.strip()}" for name in imported.split(",") if name.strip().isidentifier()
        )
    return names


def _resolve_dotted(dotted: str, lookup: PathLookup, found: Mentions) -> None:
    names = dotted.split(".")
    for k in range(len(names), 0, -1):
        hits = lookup.modules.get(".".join(names[:k]))
        if hits:
            for path in hits:
                found.modules[path] = max(found.modules.get(path, 0.0), 1.0 / len(hits))
                if k < len(names):
                    found.qualified.setdefault(path, set()).add(names[k])
            return


def _identifiers(issue: str) -> dict[str, float]:
    """Identifiers worth matching to definitions: 1.0 when written as code, 0.5 in prose."""
    code = " ".join(_CODE_SPAN.findall(issue)) + " " + " ".join(_CALL.findall(issue))
    code_names = set(IDENTIFIER.findall(code))
    weights: dict[str, float] = {}
    for name in set(IDENTIFIER.findall(issue)):
        if len(name) < 3 or name.lower() in _NOT_NAMES:
            continue
        looks_like_code = "_" in name.strip("_") or any(c.isupper() for c in name[1:]) or name in code_names
        weights[name] = 1.0 if looks_like_code else 0.5
    return weights
