"""The one scrubber: every text Booty sends out passes through it, whatever a model wrote.

It knows the run's tokens (GitHub token, Anthropic key) and the values held in the repository's
never-read files (``.env``, keys, credentials), which Booty reads for this purpose only and never
shows. Each known value becomes ``PLACEHOLDER``, GitHub's own mask.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from booty.models import Plan

PLACEHOLDER = "***"
MIN_VALUE_CHARS = 8  # shorter values (ports, flags, "true") would mask ordinary words everywhere
MIN_NAMED_VALUE_CHARS = 4  # ... unless their name says they are a secret
MIN_BARE_CHARS = 16  # a long word of letters and digits anywhere (a line of a PEM key, a bare token)

_SECRET_NAME = re.compile(
    r"pass|pwd|secret|token|key|auth|credential|private|dsn|cookie|session|salt|sign", re.I
)
_PLAIN = re.compile(r"[A-Za-z]+(?:[_-][A-Za-z]+)*|[0-9.]+")  # words and numbers, not secrets by their look
_TOKEN_LIKE = re.compile(
    rf"(?<![\w+/=.~-])[\w+/=.~-]{{{MIN_BARE_CHARS},}}"
)  # a key's base64 line, a bare token
_URL_PASSWORD = re.compile(r"://[^/\s:@]*:(?P<password>[^/\s@]+)@")
_NETRC = re.compile(r"\b(?:password|passwd|login|account)\s+(?P<value>\S+)")


class Scrubber:
    """Known secret values, replaced by ``PLACEHOLDER`` in any text. Values may be added as a run
    learns them; the longest value is replaced first, so a value inside another leaves no trace."""

    def __init__(self, secrets: Iterable[str | None] = ()) -> None:
        self._values: set[str] = set()
        self._pattern: re.Pattern[str] | None = None
        for secret in secrets:
            self.add(secret)

    def add(self, value: str | None) -> None:
        value = (value or "").strip()
        if value and value != PLACEHOLDER and value not in self._values:
            self._values.add(value)
            self._pattern = None

    def add_file(self, text: str) -> None:
        """Learn the secret values of a never-read file's ``text`` (see ``secret_values``)."""
        for value in secret_values(text):
            self.add(value)

    def scrub(self, text: str) -> str:
        if not self._values or not text:
            return text
        return self._compiled().sub(PLACEHOLDER, text)

    def found_in(self, text: str) -> bool:
        """True when ``text`` holds a known value."""
        return bool(self._values and text and self._compiled().search(text))

    def __len__(self) -> int:
        return len(self._values)

    def _compiled(self) -> re.Pattern[str]:
        if self._pattern is None:
            ordered = sorted(self._values, key=len, reverse=True)
            self._pattern = re.compile("|".join(re.escape(v) for v in ordered))
        return self._pattern


def scrubbed_plan(plan: Plan, scrubber: Scrubber) -> Plan:
    """``plan`` with its prose scrubbed before it is shown to the editor or published. Paths stay as
    written, so a path holding a secret is refused by validation rather than renamed."""
    return plan.model_copy(
        update={
            "title": scrubber.scrub(plan.title),
            "summary": scrubber.scrub(plan.summary),
            "questions": [scrubber.scrub(q) for q in plan.questions],
            "acceptance_criteria": [scrubber.scrub(c) for c in plan.acceptance_criteria],
            "changes": [c.model_copy(update={"reason": scrubber.scrub(c.reason)}) for c in plan.changes],
        }
    )


def secret_values(text: str) -> set[str]:
    """The values in a secrets file that would be a leak if written anywhere.

    ``NAME=value`` and ``name: value`` lines (.env, credentials, .npmrc, YAML, JSON) give their value
    when it is long enough or its name says it is secret; a URL's password counts on its own; and
    any long word of letters and digits (a PEM key's body, a bare token) counts.
    """
    found: set[str] = set()
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";", "-----")):
            continue
        cut = min((i for i in (line.find("="), line.find(":")) if i > 0), default=-1)
        if cut > 0:
            name, value = line[:cut].strip().removeprefix("export ").strip("\"' "), _unquoted(line[cut + 1 :])
            found |= _qualifying(value, named=bool(_SECRET_NAME.search(name)))
            inner_name, eq, inner = value.partition("=")  # `//host/:_authToken=...` in .npmrc
            if eq and " " not in inner_name:
                found |= _qualifying(_unquoted(inner), named=bool(_SECRET_NAME.search(inner_name)))
        found |= {
            word
            for word in _TOKEN_LIKE.findall(line)
            if re.search(r"\d", word) and re.search(r"[A-Za-z]", word)
        }
        for match in (*_URL_PASSWORD.finditer(line), *_NETRC.finditer(line)):
            found |= _qualifying(_unquoted(match.group(1)), named=True)  # each pattern's one group
    return found


def _qualifying(value: str, *, named: bool) -> set[str]:
    """``value`` and the pieces of a JSON-escaped multi-line value, those that count as secrets."""
    pieces = (
        [value, *(p for p in value.split("\\n") if len(p) >= MIN_BARE_CHARS)] if "\\n" in value else [value]
    )
    keep = set()
    for piece in pieces:
        piece = piece.strip()
        if piece.startswith("-----"):  # a PEM armour line names the kind of key; it is not the key
            continue
        if len(piece) >= MIN_VALUE_CHARS and not _PLAIN.fullmatch(piece):  # noqa: SIM114 - two reasons, kept apart
            keep.add(piece)
        elif (
            named
            and len(piece) >= MIN_NAMED_VALUE_CHARS
            and piece.lower() not in ("true", "false", "none", "null")
        ):
            keep.add(piece)
    return keep


def _unquoted(value: str) -> str:
    value = value.strip().rstrip(",").strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'`":
        return value[1:-1]
    return re.split(r"\s+#", value, maxsplit=1)[0].strip()
