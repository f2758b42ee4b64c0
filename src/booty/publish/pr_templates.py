"""Which pull-request template a repository has, found where GitHub finds one.

GitHub reads a template from ``.github/``, the root or ``docs/``, named ``pull_request_template``
in any case, with ``.md``, ``.txt`` or no extension; several templates live in a
``PULL_REQUEST_TEMPLATE/`` folder in any of those places. Booty uses the one a maintainer names
in the ``pr_template`` input (a path, a file name as in GitHub's ``?template=`` parameter, or its
name without the extension), else the default file (``.github/`` first, then the root, then
``docs/``), else the first file of a folder by name. Pure: the caller lists and reads the files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LOCATIONS = (".github/", "", "docs/")  # in the order GitHub prefers them
_NAME = r"pull_request_template(?:\.(?:md|txt))?"
_DEFAULT = re.compile(rf"(\.github/|docs/)?{_NAME}", re.I)
_IN_FOLDER = re.compile(r"(\.github/|docs/)?pull_request_template/([^/]+\.(?:md|txt)|[^/.]+)", re.I)


@dataclass(frozen=True)
class Choice:
    """The template to use and why: ``how`` completes "Booty used `path`, ..."."""

    path: str
    how: str


def template_candidates(paths: list[str]) -> tuple[list[str], list[str]]:
    """(default files, files in template folders) among ``paths``, each in the order they are preferred."""
    defaults = [p for p in paths if _DEFAULT.fullmatch(p)]
    folders = [p for p in paths if _IN_FOLDER.fullmatch(p)]
    defaults.sort(key=lambda p: (_location(p), p))
    folders.sort(key=lambda p: (_location(p), p.rsplit("/", 1)[-1].casefold(), p))
    return defaults, folders


def choose_template(paths: list[str], wanted: str = "") -> tuple[list[Choice], list[str]]:
    """The templates to try in order (the caller takes the first it can read and that is not
    empty), and notes for the maintainer (a ``wanted`` template that does not exist)."""
    defaults, folders = template_candidates(paths)
    notes: list[str] = []
    ordered: list[Choice] = []
    if wanted.strip():
        named = _named(wanted.strip(), paths, folders, defaults)
        if named:
            ordered.append(Choice(named, "named by the `pr_template` input"))
        else:
            known = ", ".join(f"`{p}`" for p in defaults + folders) or "none"
            notes.append(
                f"The `pr_template` input names `{wanted.strip()}`, which is not a pull request template of this "
                f"repository (found: {known})."
            )
    ordered += [Choice(p, "the repository's default pull request template") for p in defaults]
    if folders:
        many = (
            f"the first of {len(folders)} templates in `{folders[0].rsplit('/', 1)[0]}/` by name"
            if len(folders) > 1
            else f"the only template in `{folders[0].rsplit('/', 1)[0]}/`"
        )
        ordered += [
            Choice(p, many if i == 0 else "the next template of the folder by name")
            for i, p in enumerate(folders)
        ]
    first = {c.path: c for c in reversed(ordered)}  # each path once, where it first appears
    return [c for c in ordered if first[c.path] is c], notes


def _named(wanted: str, paths: list[str], folders: list[str], defaults: list[str]) -> str | None:
    """``wanted`` as a path (any case), else as a template file's name, else as its name without extension."""
    key = wanted.strip("/").casefold()
    for path in [*defaults, *folders, *paths]:
        if path.casefold() == key:
            return path
    for path in [*folders, *defaults]:
        name = path.rsplit("/", 1)[-1].casefold()
        if name == key or name.rsplit(".", 1)[0] == key:
            return path
    return None


def _location(path: str) -> int:
    head = path.split("/", 1)[0].casefold() + "/" if "/" in path else ""
    if head == "pull_request_template/":  # a folder at the root
        head = ""
    return LOCATIONS.index(head) if head in LOCATIONS else len(LOCATIONS)
