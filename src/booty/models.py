"""Domain types shared by every stage. Frozen pydantic models named after the problem.

Where a type is an LLM output schema (``Plan``, ``PlannedChange``), its field descriptions are
part of the prompt: magentic sends them to the model as the tool's JSON schema.
"""

from __future__ import annotations

from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from booty.repo_path import normalize_path


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


# ---------------------------------------------------------------- trigger and issue


class Trigger(Frozen):
    """A request for Booty to work on one issue."""

    issue_number: int
    actor: str
    event_name: str
    actor_is_bot: bool = False


class Skip(Frozen):
    """The event is not a Booty request; ``reason`` is a one-line notice."""

    reason: str


class Comment(Frozen):
    author: str
    body: str
    author_is_writer: bool = False


class Issue(Frozen):
    number: int
    title: str
    body: str = ""
    author: str = ""
    labels: tuple[str, ...] = ()
    comments: tuple[Comment, ...] = ()
    state: str = "open"
    locked: bool = False
    is_pull_request: bool = False
    unchecked_comments: int = 0  # comments by possible writers left out: the permission lookups hit their cap


# ---------------------------------------------------------------- index, rank, context


class Symbol(Frozen):
    """A definition found in a file: ``kind`` is class/function/method; ``signature`` one line;
    ``end_line`` its last line where the reader knows it (0: unknown, e.g. the line scanner)."""

    name: str
    kind: str
    line: int
    signature: str = ""
    doc: str = ""
    end_line: int = 0


class IndexedFile(Frozen):
    path: str  # POSIX, relative to the workspace root
    size: int
    language: str = ""
    text: str = ""
    symbols: tuple[Symbol, ...] = ()


class RepoIndex(Frozen):
    files: tuple[IndexedFile, ...] = ()

    def get(self, path: str) -> IndexedFile | None:
        return next((f for f in self.files if f.path == path), None)


class RankedFile(Frozen):
    path: str
    score: float
    signals: tuple[str, ...] = ()


Detail = Literal["full", "outline", "path"]  # how much of a file the repository map shows


class ContextFile(Frozen):
    path: str
    detail: Detail
    tokens: int
    text: str = ""


class RepoContext(Frozen):
    """The repository map the planner sees, packed to ``budget`` tokens."""

    budget: int
    tokens: int
    files: tuple[ContextFile, ...] = ()


# ---------------------------------------------------------------- plan (LLM output schema)


class PlannedChange(Frozen):
    path: str = Field(description="Repository-relative POSIX path of the file, e.g. 'src/pkg/mod.py'.")
    action: Literal["modify", "create", "delete"] = Field(description="What to do with the file.")
    reason: str = Field(description="One or two sentences: what changes in this file and why.")

    @field_validator("path")
    @classmethod
    def _one_spelling(cls, path: str) -> str:
        """Every stage, and the parser of the editor's answer (edit.parsing), spell a path alike."""
        return normalize_path(path)


class Plan(Frozen):
    actionable: bool = Field(
        description="False when the issue is too vague, contradictory or lacks facts to act on safely."
    )
    questions: list[str] = Field(
        default_factory=list,
        description="When not actionable: specific questions for the issue author. Empty otherwise.",
    )
    summary: str = Field(description="What the change does, in one paragraph for the pull request.")
    title: str = Field(
        description="Conventional-commit subject, e.g. 'fix(parser): handle empty input'. At most 72 characters."
    )
    changes: list[PlannedChange] = Field(
        default_factory=list, description="Every file to modify, create or delete, most important first."
    )
    acceptance_criteria: list[str] = Field(
        default_factory=list, description="Checks a reviewer can run to confirm the issue is solved."
    )


# ---------------------------------------------------------------- edits and change set


class SearchReplace(Frozen):
    """One SEARCH/REPLACE block. ``readings`` holds the other ways to split it when its text has
    several ``=======`` lines (a reStructuredText or numpydoc underline is one): the file decides."""

    search: str
    replace: str
    readings: tuple[tuple[str, str], ...] = ()  # further (search, replace) splits


EditKind = Literal["whole", "search_replace", "delete"]


class FileEdit(Frozen):
    """One file's edit as parsed from the model's plain-text answer."""

    path: str
    kind: EditKind
    content: str = ""  # for kind == "whole"
    blocks: tuple[SearchReplace, ...] = ()  # for kind == "search_replace"


class FileChange(Frozen):
    """The effect of an edit on one file: ``before``/``after`` None means absent."""

    path: str
    before: str | None
    after: str | None


class ChangeSet(Frozen):
    changes: tuple[FileChange, ...] = ()

    @property
    def paths(self) -> list[str]:
        return [c.path for c in self.changes]

    @property
    def is_empty(self) -> bool:
        return all(c.before == c.after for c in self.changes)


class Problem(Frozen):
    """A validation finding; the same list drives the repair prompt, the comment and tests."""

    path: str = ""
    line: int | None = None
    message: str
    kind: str = "invalid"  # path | blocked | syntax | import | match | elision | size | test | risky | secret | invalid

    def render(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}" if where else self.message


# ---------------------------------------------------------------- prompts


class Prompt(Frozen):
    """A rendered prompt: the system text and the user turn, part by part. The prompt up to the
    end of each part named in ``cache_after`` is marked for the API's prompt cache."""

    system: str
    parts: tuple[str, ...]
    cache_after: tuple[int, ...] = ()

    @classmethod
    def of(cls, system: str, user: str) -> Prompt:
        return cls(system=system, parts=(user,))

    @property
    def user(self) -> str:
        return "".join(self.parts)


# ---------------------------------------------------------------- usage and outcome


class Usage(Frozen):
    """Tokens of one or more calls, as the API reports them: ``input_tokens`` are the prompt tokens
    neither written to nor read from the cache; ``output_tokens`` include thinking."""

    input_tokens: int = 0
    output_tokens: int = 0
    cache_write_tokens: int = 0
    cache_read_tokens: int = 0

    @property
    def prompt_tokens(self) -> int:
        return self.input_tokens + self.cache_write_tokens + self.cache_read_tokens

    def describe(self) -> str:
        """``1,200 input tokens (300 written to and 800 read from the prompt cache), 90 output tokens``."""
        cache = ""
        if self.cache_write_tokens or self.cache_read_tokens:
            cache = (
                f" ({self.cache_write_tokens:,} written to and {self.cache_read_tokens:,} read from "
                "the prompt cache)"
            )
        return f"{self.prompt_tokens:,} input tokens{cache}, {self.output_tokens:,} output tokens"

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            input_tokens=self.input_tokens + other.input_tokens,
            output_tokens=self.output_tokens + other.output_tokens,
            cache_write_tokens=self.cache_write_tokens + other.cache_write_tokens,
            cache_read_tokens=self.cache_read_tokens + other.cache_read_tokens,
        )


class TestResult(Frozen):
    """Outcome of the optional ``test_command``: passed | failed | not_run, with the output tail."""

    __test__ = False  # not a pytest test class
    status: Literal["passed", "failed", "not_run"] = "not_run"
    command: str = ""
    tail: str = ""
    exit_code: int | None = None


class BlockedFile(Frozen):
    """A change Booty may not write (restricted path): handed to a maintainer instead."""

    path: str
    content: str | None  # None: the plan wanted to delete it
    before: str | None = None  # the file as it is now (None: absent); the hand-off is a diff against it
    refused: str = ""  # why the proposal is not shown at all (risky content), or ""


class Status(str, Enum):  # noqa: UP042 - a StrEnum's str() is its value, not `Status.NAME`
    """Every run ends in exactly one of these; the exit code follows from it (see ``exit_code``)."""

    PR_OPENED = "pr_opened"
    PR_UPDATED = "pr_updated"
    NO_CHANGES = "no_changes"
    NEEDS_INFO = "needs_info"
    SKIPPED = "skipped"
    DRY_RUN = "dry_run"
    VALIDATION_FAILED = "validation_failed"
    BUDGET_EXCEEDED = "budget_exceeded"
    BLOCKED_PATH = "blocked_path"
    UNAUTHORIZED = "unauthorized"
    ERROR = "error"
    # follow-ups on Booty's own pull request (booty.review)
    REVISION_PUSHED = "revision_pushed"
    FOLLOWUP_LIMIT = "followup_limit"
    BRANCH_MOVED = "branch_moved"
    SWEEP_PLANNED = "sweep_planned"  # `command: sweep-plan` listed the issues to run; nothing was written

    @property
    def exit_code(self) -> int:
        """0: Booty did what was asked or rightly declined; 1: the run failed to deliver a change."""
        ok = {
            Status.PR_OPENED,
            Status.PR_UPDATED,
            Status.NO_CHANGES,
            Status.NEEDS_INFO,
            Status.SKIPPED,
            Status.DRY_RUN,
            Status.UNAUTHORIZED,
            Status.REVISION_PUSHED,
            Status.FOLLOWUP_LIMIT,
            Status.SWEEP_PLANNED,
        }
        return 0 if self in ok else 1


class Outcome(Frozen):
    status: Status
    message: str
    pr_number: int | None = None
    pr_url: str = ""
    branch: str = ""
    usage: Usage = Usage()
    cost_usd: float = 0.0
    problems: tuple[Problem, ...] = ()
