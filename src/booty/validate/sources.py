"""Dependencies fetched from somewhere other than the package index.

A change that makes a manifest depend on a URL or a version-control repository (``git+https://``,
``pkg @ https://...``, npm ``github:user/repo``, Cargo ``git = ...``) or adds a package index
installs code no release process vouched for. Each manifest is read into "sources" before and
after the change; a source the change adds is a Problem. Local paths (``file:``, ``-e .``,
``path = ...``, ``workspace:``) are not network sources and pass. A manifest that does not parse
is judged line by line (syntax problems are reported by the syntax check).
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from booty.models import Problem
from booty.validate.dependencies import pep508_requirements

_REMOTE = r"(?:(?:git|hg|svn|bzr)\+[a-z]+:|(?:https?|ftp|ssh|git|sftp)://|git@[\w.-]+:)"
_DIRECT = re.compile(
    rf"(?:@\s*|^\s*|\s)(?:-e\s+|--editable[\s=]+)?{_REMOTE}", re.I
)  # pkg @ URL, a bare URL, -e git+...
_INDEX_OPTION = re.compile(
    r"^\s*(?:-i|-f|--index-url|--extra-index-url|--find-links|--trusted-host)\b"  # requirements files
    r"|^\s*(?:index-url|extra-index-url|find-links|trusted-host|registry|@[\w-]+:registry|npmRegistryServer)\s*[=:]"  # pip.conf, .npmrc, .yarnrc
    r"|^\s*source\s+['\"](?!https://rubygems\.org)",  # Gemfile
    re.I,
)
_GEM_REMOTE = re.compile(
    r"\b(?:git|github|gitlab|bitbucket)\s*:\s*['\"]|:(?:git|github)\s*=>"
)  # gem 'x', git: '...'

_NPM_REMOTE = re.compile(
    rf"^(?:{_REMOTE}|git:|github:|gitlab:|bitbucket:|gist:|[\w.-]+/[\w.-]+(?:#.*)?$)", re.I
)
_NPM_TABLES = (
    "dependencies",
    "devDependencies",
    "optionalDependencies",
    "peerDependencies",
    "overrides",
    "resolutions",
)
_CARGO_TABLES = ("dependencies", "dev-dependencies", "build-dependencies")
_NETWORK_KEYS = ("git", "url", "registry", "registry-index", "hg", "svn")

NOT_FROM_INDEX = (
    "fetches a dependency from a URL or a version-control repository instead of the package index; "
    "depend on a released version from the index, or ask a maintainer to add this source by hand."
)
NEW_INDEX = "adds a package index or source; dependencies must come from the repository's usual index."


def check_sources(path: str, before: str | None, after: str | None) -> list[Problem]:
    """A Problem for each network dependency source ``after`` has and ``before`` had not."""
    reader = _reader(path)
    if reader is None or not after:
        return []
    old = {key for key, _ in reader(before or "")}
    problems, seen = [], set()
    for key, message in reader(after):
        if key in old or key in seen:
            continue
        seen.add(key)
        line = _line_of(after, before, key)
        problems.append(Problem(path=path, line=line, kind="risky", message=f"This change {message}"))
    return problems


Source = tuple[str, str]  # (what identifies it, why it is refused)


def _reader(path: str) -> Callable[[str], Iterator[Source]] | None:
    name = path.rsplit("/", 1)[-1].lower()
    if name == "package.json":
        return _package_json
    if name in ("pyproject.toml", "cargo.toml", "pipfile"):
        return _toml
    if name in (
        "setup.py",
        "setup.cfg",
        "gemfile",
        "pip.conf",
        "pip.ini",
        ".npmrc",
        ".yarnrc",
        ".yarnrc.yml",
    ) or (
        name.endswith((".txt", ".in"))
        and ("requirements" in name or "constraints" in name or "/requirements/" in f"/{path}")
    ):
        return _lines
    return None


def _lines(text: str) -> Iterator[Source]:
    for raw in text.splitlines():
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if _INDEX_OPTION.search(line):
            yield line, NEW_INDEX
        elif _DIRECT.search(line) or _GEM_REMOTE.search(line) or "dependency_links" in line:
            yield line, NOT_FROM_INDEX


def _package_json(text: str) -> Iterator[Source]:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        yield from _lines(text)
        return
    if not isinstance(data, dict):
        return
    for table in _NPM_TABLES:
        for name, spec in _leaves(data.get(table)):
            if _NPM_REMOTE.match(spec.strip()):
                yield f'"{name}": "{spec}"', NOT_FROM_INDEX


def _leaves(table: object, prefix: str = "") -> Iterator[tuple[str, str]]:
    """(name, spec) of a dependency table; nested override tables are walked."""
    if not isinstance(table, dict):
        return
    for name, spec in table.items():
        if isinstance(spec, str):
            yield name, spec
        elif isinstance(spec, dict):
            yield from _leaves(spec, f"{prefix}{name}>")


def _toml(text: str) -> Iterator[Source]:
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        yield from _lines(text)
        return
    for spec in pep508_requirements(data):
        if _DIRECT.search(spec):
            yield spec, NOT_FROM_INDEX
    for name, table in _tables(data):
        if not isinstance(table, dict):
            continue
        for key, value in table.items():
            remote = key in _NETWORK_KEYS or (key == "file" and re.match(_REMOTE, str(value), re.I))
            if remote and isinstance(value, str) and not value.startswith("file:"):
                yield f"{name}: {key} = {value}", NOT_FROM_INDEX
    for index in _indexes(data):
        yield f"url = {index!r}", NEW_INDEX


def _tables(data: dict[str, Any]) -> Iterable[tuple[str, object]]:
    """(name, spec) from Poetry, uv, Pipfile and Cargo dependency tables."""
    tool = data.get("tool", {})
    poetry = tool.get("poetry", {})
    tables = [
        poetry.get("dependencies", {}),
        poetry.get("dev-dependencies", {}),
        tool.get("uv", {}).get("sources", {}),
    ]
    tables += [g.get("dependencies", {}) for g in poetry.get("group", {}).values()]
    tables += [data.get("packages", {}), data.get("dev-packages", {})]  # Pipfile
    tables += [data.get(t, {}) for t in _CARGO_TABLES] + [data.get("workspace", {}).get("dependencies", {})]
    tables += [t.get(k, {}) for t in data.get("target", {}).values() for k in _CARGO_TABLES]
    tables += list(data.get("patch", {}).values())
    for table in tables:
        if isinstance(table, dict):
            yield from table.items()


def _indexes(data: dict[str, Any]) -> Iterable[str]:
    tool = data.get("tool", {})
    lists = [
        tool.get("poetry", {}).get("source", []),
        tool.get("uv", {}).get("index", []),
        tool.get("pdm", {}).get("source", []),
    ]
    lists.append(
        [s for s in data.get("source", []) if "pypi.org/simple" not in str(s.get("url", ""))]
    )  # Pipfile
    uv = tool.get("uv", {})
    extra = [*_strings(uv.get("extra-index-url")), *_strings(uv.get("index-url"))]
    for entries in lists:
        yield from (str(e["url"]) for e in entries if isinstance(e, dict) and e.get("url"))
    yield from (u for u in extra if u)


def _strings(value: object) -> list[str]:
    """A TOML value that may be one string or a list of them, as a list (anything else: empty)."""
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _line_of(after: str, before: str | None, key: str) -> int | None:
    """The first line of ``after`` that is new and holds the source's most telling part."""
    old = set((before or "").splitlines())
    needle = next(
        (m.group() for m in re.finditer(r"[^\s\"'=@,]{6,}", key) if "/" in m.group() or ":" in m.group()), key
    )
    for number, line in enumerate(after.splitlines(), 1):
        if needle in line and line not in old:
            return number
    return None
