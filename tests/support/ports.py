"""In-memory implementations of the ports of ``booty.ports``: no sockets, no git, no disk.

They let a unit test drive ``booty.pipeline.Pipeline`` through a whole run in milliseconds and then
assert on state (design rule 3): what origin holds, which pull requests and comments exist, which
labels an issue carries, what the model was shown. They are as small as the pipeline's use allows;
the integration tier runs the real adapters against real git and the wire-level fakes
(``tests/fakes``), which is where the adapters' own behaviour is checked.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from booty.errors import BootyError, ModelError, NotFound, PushRejected, WorkspaceError
from booty.models import Comment, Issue, Plan, Prompt, Usage
from booty.ports import Completion, PullRequest
from booty.publish.texts import BOT_NAME
from booty.scrubbing import Scrubber

# ---------------------------------------------------------------- Workspace


@dataclass(frozen=True)
class Commit:
    parent: str
    message: str
    tree: dict[str, bytes]


class MemoryWorkspace:
    """A repository as dictionaries: commits, local branches, origin's branches and a work tree.

    ``root`` names no directory: ``PathPolicy`` resolves paths under it lexically, and nothing
    here reads or writes the disk. ``reject_push`` makes every push fail as a protected branch does.
    """

    def __init__(
        self, files: dict[str, str | bytes], *, branch: str = "main", untracked: dict[str, str] | None = None
    ) -> None:
        self.root = "/nonexistent/booty-memory-workspace"
        self._shas = (f"{n:040x}" for n in itertools.count(1))
        self.commits: dict[str, Commit] = {}
        tree = {path: _bytes(text) for path, text in files.items()}
        first = self._new_commit(Commit(parent="", message="initial", tree=tree))
        self.branches: dict[str, str] = {branch: first}
        self.origin: dict[str, str] = {branch: first}
        self.head = branch
        self.work: dict[str, bytes] = dict(tree)
        self.untracked: dict[str, bytes] = {path: _bytes(text) for path, text in (untracked or {}).items()}
        self.reject_push = False
        self.restored: list[str] = []  # the branches ``restore`` went back to, in order

    # ---------------------------------------------------------------- reading

    def tracked_files(self) -> list[str]:
        return sorted(self.work)

    def untracked_files(self) -> list[str]:
        return sorted(self.untracked)

    def read_bytes(self, rel: str) -> bytes | None:
        return self.work.get(rel, self.untracked.get(rel))

    def head_branch(self) -> str:
        return self.head

    def has_commits(self) -> bool:
        return bool(self.branches)

    def is_dirty(self) -> bool:
        return self.work != self._tree(self.head)

    def diff(self, base: str) -> str:
        before, after = self.commits[base].tree, self._tree(self.head)
        lines: list[str] = []
        for path in sorted(before.keys() | after.keys()):
            old, new = _text(before.get(path)), _text(after.get(path))
            if old != new:
                lines += difflib.unified_diff(
                    old.splitlines(True), new.splitlines(True), f"a/{path}", f"b/{path}"
                )
        return "".join(lines)

    # ---------------------------------------------------------------- writing

    def prepare_branch(self, branch: str, base: str) -> str:
        start = self.origin.get(base) or self.branches.get(base)
        if start is None:
            raise WorkspaceError(f"There is no branch `{base}` to start from.")
        self.branches[branch] = start
        self.head = branch
        self.work = dict(self.commits[start].tree)
        return start

    def apply(self, files: dict[str, str | None]) -> None:
        for path, content in files.items():
            if content is None:
                self.work.pop(path, None)
            else:
                self.work[path] = content.encode("utf-8")

    def commit(self, message: str) -> str | None:
        if self.work == self._tree(self.head):
            return None
        sha = self._new_commit(Commit(parent=self.branches[self.head], message=message, tree=dict(self.work)))
        self.branches[self.head] = sha
        return sha

    def push(self, branch: str) -> str:
        if self.reject_push:
            raise PushRejected(f"git push of {branch} was rejected: protected branch.")
        previous = self.origin.get(branch, "")
        self.origin[branch] = self.branches[branch]
        return previous

    def rewind_remote_branch(self, branch: str, previous: str) -> None:
        if self.origin.get(branch) != self.branches.get(branch):
            return  # someone else's push stands
        if previous:
            self.origin[branch] = previous
        else:
            del self.origin[branch]

    def restore(self, branch: str) -> None:
        self.restored.append(branch)
        if branch:
            self.head = branch
        self.work = dict(self._tree(self.head))

    # ---------------------------------------------------------------- for assertions

    def origin_file(self, branch: str, path: str) -> str | None:
        """``path`` as origin's ``branch`` holds it (None: absent)."""
        raw = self.origin_commit(branch).tree.get(path)
        return None if raw is None else _text(raw)

    def origin_commit(self, branch: str) -> Commit:
        return self.commits[self.origin[branch]]

    def _tree(self, branch: str) -> dict[str, bytes]:
        return self.commits[self.branches[branch]].tree if branch in self.branches else {}

    def _new_commit(self, commit: Commit) -> str:
        sha = next(self._shas)
        self.commits[sha] = commit
        return sha


def _bytes(text: str | bytes) -> bytes:
    return text if isinstance(text, bytes) else text.encode("utf-8")


def _text(raw: bytes | None) -> str:
    return "" if raw is None else raw.decode("utf-8", "replace")


# ---------------------------------------------------------------- CodeHost


@dataclass
class StoredComment:
    id: int
    issue: int
    body: str
    author: str = BOT_NAME


class MemoryCodeHost:
    """The repository host as dictionaries: issues, permissions, pull requests, comments, labels.

    ``refuse[method] = error`` makes every call of that method raise ``error`` (a ``BootyError``,
    as the real adapter translates GitHub's refusals). ``writes`` lists every write, in order.
    """

    def __init__(self, *, default_branch: str = "main", author: str = BOT_NAME) -> None:
        self.issues: dict[int, Issue] = {}
        self.labels: dict[int, list[str]] = {}
        self.permissions: dict[str, str] = {}
        self.pulls: dict[int, PullRequest] = {}
        self.titles: dict[int, str] = {}
        self.drafts: dict[int, bool] = {}
        self.comments: list[StoredComment] = []
        self.refuse: dict[str, BootyError] = {}
        self.writes: list[str] = []
        self._default_branch = default_branch
        self._author = author  # who opens pull requests: the token's bot
        self._numbers = itertools.count(1)

    def add_issue(
        self,
        title: str,
        body: str = "",
        *,
        author: str = "maint",
        labels: tuple[str, ...] = ("agent",),
        comments: tuple[Comment, ...] = (),
        **fields,
    ) -> int:
        number = next(self._numbers)
        self.issues[number] = Issue(
            number=number, title=title, body=body, author=author, comments=comments, **fields
        )
        self.labels[number] = list(labels)
        return number

    # ---------------------------------------------------------------- the port

    def get_issue(self, number: int) -> Issue:
        self._check("get_issue")
        if number not in self.issues:
            raise NotFound(f"Issue #{number} does not exist.")
        return self.issues[number].model_copy(update={"labels": tuple(self.labels[number])})

    def permission(self, login: str) -> str:
        self._check("permission")
        return self.permissions.get(login, "none")

    def default_branch(self, *, fresh: bool = False) -> str:
        return self._default_branch

    def open_issues(self, label: str, limit: int) -> list[Issue]:
        self._check("open_issues")
        labelled = [self.get_issue(n) for n in sorted(self.issues) if label in self.labels[n]]
        return [
            i.model_copy(update={"comments": ()})
            for i in labelled
            if i.state == "open" and not i.is_pull_request
        ][:limit]

    def open_pull_requests(self) -> list[PullRequest]:
        self._check("open_pull_requests")
        return list(self.pulls.values())

    def find_pull_request(self, marker: str) -> PullRequest | None:
        self._check("find_pull_request")
        return next((pr for pr in self.pulls.values() if marker in pr.body), None)

    def open_pull_request(self, *, title: str, body: str, head: str, base: str, draft: bool) -> PullRequest:
        self._write("open_pull_request")
        number = next(self._numbers)
        self.pulls[number] = PullRequest(
            number=number,
            url=f"https://github.invalid/pull/{number}",
            head=head,
            base=base,
            body=body,
            author=self._author,
        )
        self.titles[number], self.drafts[number] = title, draft
        return self.pulls[number]

    def update_pull_request(self, number: int, *, title: str, body: str) -> PullRequest:
        self._write("update_pull_request")
        pr = self.pulls[number]
        self.pulls[number] = PullRequest(
            number=pr.number, url=pr.url, head=pr.head, base=pr.base, body=body, author=pr.author
        )
        self.titles[number] = title
        return self.pulls[number]

    def upsert_comment(self, issue_number: int, marker: str, body: str) -> int:
        self._write("upsert_comment")
        for comment in self.comments:
            if comment.issue == issue_number and marker in comment.body:
                comment.body = body
                return comment.id
        self.comments.append(StoredComment(id=1000 + len(self.comments), issue=issue_number, body=body))
        return self.comments[-1].id

    def add_label(self, issue_number: int, label: str) -> None:
        self._write("add_label")
        if label not in self.labels[issue_number]:
            self.labels[issue_number].append(label)

    def remove_label(self, issue_number: int, label: str) -> None:
        self._write("remove_label")
        if label in self.labels[issue_number]:
            self.labels[issue_number].remove(label)

    # ---------------------------------------------------------------- for assertions

    def comments_on(self, issue_number: int) -> list[str]:
        return [c.body for c in self.comments if c.issue == issue_number]

    def _check(self, method: str) -> None:
        if method in self.refuse:
            raise self.refuse[method]

    def _write(self, method: str) -> None:
        self._check(method)
        self.writes.append(method)


# ---------------------------------------------------------------- Model

_FILE = re.compile(r"^# Your file: (.+) \((?:modify|create|delete)\)$", re.MULTILINE)


@dataclass
class ScriptedModel:
    """The model, scripted: ``plan`` for the planner call, ``answers[path]`` for the editor calls of
    each file (used in order; the last one repeats), ``descriptions`` for the call that fills the pull
    request template (wrapped in ``<description>`` tags as the prompt asks). Prompts are recorded as
    they arrive.

    Tokens are counted as a quarter of the prompt's characters; ``count_fails`` makes counting
    raise ``ModelError`` as an unreachable API does.
    """

    plan_answer: Plan
    answers: dict[str, list[str]] = field(default_factory=dict)
    descriptions: list[str] = field(default_factory=lambda: ["(no scripted description)"])
    name: str = "claude-sonnet-5-5"
    count_fails: bool = False
    planned: list[Prompt] = field(default_factory=list)
    written: list[tuple[str, Prompt]] = field(default_factory=list)  # (path, prompt) per editor call
    described: list[Prompt] = field(default_factory=list)
    counted: int = 0

    def count_tokens(self, prompt: Prompt, *, structured: bool, schema: type[Plan] = Plan) -> int:
        self.counted += 1
        if self.count_fails:
            raise ModelError("count_tokens failed: connection refused")
        return len(prompt.system + prompt.user) // 4 + (200 if structured else 0)

    def plan(self, prompt: Prompt, schema: type[Plan] = Plan) -> Completion[Plan]:
        self.planned.append(prompt)
        answer = schema.model_validate(self.plan_answer.model_dump())  # a follow-up asks for a Plan subclass
        return Completion(answer, _usage(prompt, answer.model_dump_json()))

    async def write(self, prompt: Prompt, *, on_start: Callable[[], None] | None = None) -> Completion[str]:
        if on_start is not None:
            on_start()
        match = _FILE.search(prompt.user)
        path = match.group(1) if match else "?"
        self.written.append((path, prompt))
        queue = self.answers.get(path, ["(no scripted answer)"])
        text = queue.pop(0) if len(queue) > 1 else queue[0]
        return Completion(text, _usage(prompt, text))

    def describe(self, prompt: Prompt, *, max_output_tokens: int) -> Completion[str]:
        self.described.append(prompt)
        text = self.descriptions.pop(0) if len(self.descriptions) > 1 else self.descriptions[0]
        text = text if "<description>" in text else f"<description>\n{text}\n</description>"
        return Completion(text, _usage(prompt, text))

    def everything_shown(self) -> str:
        """Every prompt the model received, as one text."""
        prompts = [*self.planned, *(p for _, p in self.written), *self.described]
        return "\n".join(p.system + "\n" + p.user for p in prompts)


def _usage(prompt: Prompt, answer: str) -> Usage:
    return Usage(input_tokens=len(prompt.system + prompt.user) // 4, output_tokens=max(1, len(answer) // 4))


# ---------------------------------------------------------------- RunLog


@dataclass
class MemoryLog:
    """The run's log as a list of lines, every one scrubbed as the runner's is."""

    scrubber: Scrubber = field(default_factory=Scrubber)
    lines: list[str] = field(default_factory=list)

    def scrub(self, text: str) -> str:
        return self.scrubber.scrub(text)

    def info(self, message: str) -> None:
        self.lines.append(self.scrub(message))

    def warning(self, message: str) -> None:
        self.lines.append("warning: " + self.scrub(message))

    def text(self) -> str:
        return "\n".join(self.lines)
