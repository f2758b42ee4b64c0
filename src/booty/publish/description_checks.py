"""Is a pull-request description a filled-in copy of its template? Pure checks, each a list of
``Problem``s worded for the model's repair round (and for the maintainer when it falls back).

A description passes when it keeps the template's headings in order, each with content; leaves no
placeholder; keeps every marker a tool reads, with the blocks between BEGIN/END markers filled;
refers to the issue exactly once with a closing keyword and closes nothing else; and ticks the
choices the change's facts decide (its kind, whether tests or docs were touched) truthfully.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from booty.models import Problem
from booty.publish import markdown_parts as md
from booty.publish.placeholders import placeholders

MAX_DESCRIPTION_CHARS = 30_000  # GitHub takes 65,536 characters in a body; Booty's sections follow

_CLOSING = re.compile(
    r"\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\b:?\s+"
    r"(?:(?P<repo>[\w.-]+/[\w.-]+)?#(?P<number>\d+)|https?://\S+?/(?:issues|pull)/(?P<url_number>\d+))",
    re.I,
)

# Kinds of change a template lets the author choose between, by the words of an option's label.
_KIND_WORDS = {
    "fix": r"bug\s*-?\s*fix|bugfix|bug|fix(?:es)?",
    "feature": r"(?:new\s+)?feature|enhancement",
    "breaking": r"breaking(?:\s+change)?",
    "docs": r"doc(?:s|umentation)?",
    "refactor": r"refactor(?:ing)?|code\s+cleanup",
    "perf": r"performance",
    "tests": r"tests?|testing",
    "maintenance": r"maintenance|chore|build|ci|dependenc(?:y|ies)",
}
_KIND_RE = {kind: re.compile(rf"(?<![\w-])(?:{words})(?![\w-])", re.I) for kind, words in _KIND_WORDS.items()}
# One change is at most one of these: a bug fix is not also a new feature.
EXCLUSIVE = ("fix", "feature", "breaking")
KIND_OF_TYPE = {
    "fix": "fix",
    "feat": "feature",
    "docs": "docs",
    "refactor": "refactor",
    "perf": "perf",
    "test": "tests",
    "chore": "maintenance",
    "build": "maintenance",
    "ci": "maintenance",
}
KIND_NAMES = {
    "fix": "a bug fix",
    "feature": "a new feature",
    "breaking": "a breaking change",
    "docs": "a documentation change",
    "refactor": "a refactoring",
    "perf": "a performance improvement",
    "tests": "a change to tests only",
    "maintenance": "maintenance (build, CI or dependencies)",
}

_CLAIMS_TESTS = re.compile(
    r"\btests?\b.*\b(?:added|written|included|updated|cover)|\b(?:add(?:ed)?|wr(?:i|o)te|written|updated?)\b.*\btests?\b",
    re.I,
)
_CLAIMS_DOCS = re.compile(
    r"\b(?:docs?|documentation|documented|docstrings?|changelog|changes\.\w+|whats[-_ ]?new|release notes?|news)\b",
    re.I,
)
_TEST_PATH = re.compile(
    r"(?:^|/)(?:tests?|testing|spec)/|(?:^|/)test_[^/]*$|_tests?\.\w+$|\.(?:test|spec)\.\w+$|(?:^|/)conftest\.py$",
    re.I,
)
_DOC_PATH = re.compile(
    r"(?:^|/)(?:docs?|doc-src|changelog\.d|changes|news|whatsnew)/|\.(?:rst|md|txt|adoc)$|(?:^|/)(?:changelog|changes|history|news|whats[-_]?new)[^/]*$",
    re.I,
)


def change_kind(title: str) -> str | None:
    """The kind of change a conventional-commit title names (``fix(ops)!: ...`` -> breaking)."""
    m = re.match(r"^([a-z]+)(?:\([^)]*\))?(!)?:", title)
    if not m:
        return None
    return "breaking" if m.group(2) else KIND_OF_TYPE.get(m.group(1))


def closing_keyword(template: str) -> str:
    """The closing keyword the template itself uses (``Fixes``, ``closes``), else ``Closes``."""
    for line in md.visible_lines(template):
        m = re.search(r"\b(close[sd]?|fix(?:e[sd])?|resolve[sd]?)\b:?\s+#", line.text, re.I)
        if m and not line.code:
            return m.group(1)
    m = re.search(r"\b(close[sd]?|fix(?:e[sd])?|resolve[sd]?)\b:?\s+#", template, re.I)
    return m.group(1) if m else "Closes"


def check_description(
    description: str, template: str, *, issue_number: int, kind: str | None, changed_paths: Sequence[str]
) -> list[Problem]:
    """Every way ``description`` fails to be ``template`` filled in for this change."""
    if not description.strip():
        return [_problem("The description is empty.")]
    if len(description) > MAX_DESCRIPTION_CHARS:
        return [
            _problem(
                f"The description is {len(description):,} characters; keep it under {MAX_DESCRIPTION_CHARS:,}."
            )
        ]
    return [
        *check_headings(description, template),
        *check_placeholders(description, template),
        *check_markers(description, template),
        *check_closing(description, issue_number),
        *check_choices(description, template, kind),
        *check_claims(description, changed_paths),
    ]


def check_headings(description: str, template: str) -> list[Problem]:
    """The template's headings, in order, at their level, each with something under it (a heading
    followed directly by a deeper one is a parent and may be empty)."""
    wanted = md.headings(template)
    found = md.headings(description)
    problems, at = [], 0
    for heading in wanted:
        index = next((i for i in range(at, len(found)) if found[i].key == heading.key), None)
        if index is None:
            where = "is missing" if all(h.key != heading.key for h in found) else "is out of order"
            problems.append(
                _problem(
                    f"The template's heading `{heading.render()}` {where}; keep every heading of the template, in its order."
                )
            )
            continue
        at = index + 1
    sections = md.sections(description)
    keys = {h.key for h in wanted}
    for i, section in enumerate(sections):
        if section.heading is None or section.heading.key not in keys or section.has_content:
            continue
        following = sections[i + 1].heading if i + 1 < len(sections) else None
        if following is None or following.level <= section.heading.level:
            problems.append(
                _problem(
                    f"Nothing is written under `{section.heading.render()}`; write what it asks for "
                    "(or say briefly that nothing applies)."
                )
            )
    return problems


def check_placeholders(description: str, template: str) -> list[Problem]:
    """No placeholder left: the template's sentences to complete count only where kept word for word."""
    stubs = {" ".join(p.text.split()) for p in placeholders(template) if p.kind == "stub"}
    left = []
    for p in placeholders(description):
        bare = p.kind == "stub" and re.fullmatch(r"[-*+]?\s*(?:\.\.\.|…)", p.text)
        if p.kind != "stub" or bare or " ".join(p.text.split()) in stubs:
            left.append(p)
    return [
        _problem(f"The placeholder `{p.text}` is still there; replace it with the real content or remove it.")
        for p in {p.text: p for p in left}.values()
    ]


def check_markers(description: str, template: str) -> list[Problem]:
    """Every marker of the template, as written and in order; each BEGIN/END block filled."""
    problems = []
    wanted, found = md.markers(template), md.markers(description)
    missing = [m for m in dict.fromkeys(wanted) if found.count(m) < wanted.count(m)]
    problems += [
        _problem(f"The marker `{m}` is missing; keep it exactly as in the template, on its own line.")
        for m in missing
    ]
    if not missing and [m for m in found if m in wanted] != wanted:
        problems.append(
            _problem(
                "The template's markers are out of order; keep them in the template's order: "
                + ", ".join(f"`{m}`" for m in wanted)
                + "."
            )
        )
    names = {(opening, closing) for opening, closing, _ in md.blocks(template)}
    for opening, closing, inside in md.blocks(description):
        if (opening, closing) in names and not "".join(ln.text for ln in md.visible_lines(inside)).strip():
            problems.append(
                _problem(
                    f"The block between `{opening}` and `{closing}` is empty; fill it as the template asks "
                    "(or with the template's own word for none)."
                )
            )
    return problems


def check_closing(description: str, issue_number: int) -> list[Problem]:
    """Exactly one closing reference, to this issue; none to another issue."""
    refs = closing_references(description)
    ours = [r for r in refs if r == f"#{issue_number}"]
    others = [r for r in refs if r != f"#{issue_number}"]
    problems = [
        _problem(
            f"The description would close {r}, which is not this change's issue; refer only to #{issue_number}."
        )
        for r in dict.fromkeys(others)
    ]
    if not ours:
        problems.append(
            _problem(
                f"Refer to the issue once with a closing keyword (for example `Closes #{issue_number}`)."
            )
        )
    elif len(ours) > 1:
        problems.append(
            _problem(
                f"#{issue_number} is referred to with a closing keyword {len(ours)} times; do it exactly once."
            )
        )
    return problems


def closing_references(text: str) -> list[str]:
    """The issues ``text`` closes as GitHub reads it (outside comments and code): ``#N`` or ``owner/repo#N``."""
    refs = []
    for line in md.visible_lines(text):
        if line.code:
            continue
        for m in _CLOSING.finditer(md.without_code_spans(line.text)):
            number = m.group("number") or m.group("url_number")
            refs.append(f"{m.group('repo') or ''}#{number}")
    return refs


def option_kind(label: str) -> str | None:
    """The kind of change an option's label names, read before any explanation in parentheses
    (``Bug fix (non-breaking change ...)`` is a bug fix); None when it names none or several."""
    head = re.split(r"[(\u2014:]|\s-\s", re.sub(r":[a-z0-9_+-]+:", " ", label), maxsplit=1)[0]
    kinds = [kind for kind, pattern in _KIND_RE.items() if pattern.search(head)]
    return kinds[0] if len(kinds) == 1 else None


def check_choices(description: str, template: str, kind: str | None) -> list[Problem]:
    """Where the template offers kinds of change to choose from (check boxes, a table of marks,
    a list to keep from), the change's own kind is chosen and no other exclusive kind is."""
    if kind is None:
        return []
    problems = []
    written = {s.heading.key if s.heading else None: s for s in md.sections(description)}
    for section in md.sections(template):
        key = section.heading.key if section.heading else None
        where = f" under `{section.heading.render()}`" if section.heading else ""
        filled = written.get(key)
        for style in ("box", "row", "item"):
            offered = {option_kind(o.text): o for o in md.options(section.lines) if o.style == style}
            offered.pop(None, None)
            if len(offered) < 2:
                continue
            chosen = (
                {option_kind(o.text) for o in md.options(filled.lines) if o.ticked and o.style == style}
                if filled
                else set()
            )
            if kind in offered and kind not in chosen:
                problems.append(
                    _problem(f"Choose `{offered[kind].text}`{where}: the change is {KIND_NAMES[kind]}.")
                )
            for other in sorted(k for k in chosen & set(EXCLUSIVE) - {kind} if k is not None):
                if other in offered and kind != "breaking":  # a breaking change is also a fix or a feature
                    problems.append(
                        _problem(
                            f"`{offered[other].text}` is chosen{where}, but the change is {KIND_NAMES[kind]}, not {KIND_NAMES[other]}: "
                            "untick it (or remove the line, where the template says to keep only what applies)."
                        )
                    )
    return problems


def check_claims(description: str, changed_paths: Sequence[str]) -> list[Problem]:
    """A ticked box may not claim tests or documentation the change does not touch."""
    tests = any(_TEST_PATH.search(p) for p in changed_paths)
    docs = any(_DOC_PATH.search(p) for p in changed_paths)
    problems = []
    for option in md.options(md.visible_lines(description)):
        if option.style != "box" or not option.ticked:
            continue
        if not tests and _CLAIMS_TESTS.search(option.text):
            problems.append(
                _problem(f"`[x] {option.text}` is ticked, but the change touches no test file: untick it.")
            )
        elif not docs and _CLAIMS_DOCS.search(option.text) and not _CLAIMS_TESTS.search(option.text):
            problems.append(
                _problem(
                    f"`[x] {option.text}` is ticked, but the change touches no documentation "
                    "or changelog file: untick it."
                )
            )
    return problems


def _problem(message: str) -> Problem:
    return Problem(message=message, kind="invalid")
