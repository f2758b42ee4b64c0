"""The repository map for an issue: index -> rank -> pack. The ONE way it is built, for a run
and for ``booty context`` alike, so the command shows exactly the map a run would send."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from booty.locate.index import build_index
from booty.locate.pack import MAP_CANDIDATES, context_manifest_markdown, pack, render_context
from booty.locate.rank import rank
from booty.models import Issue, RankedFile, RepoContext, RepoIndex
from booty.spend.estimate import DEFAULT_CHARS_PER_TOKEN


@dataclass(frozen=True)
class RepositoryMap:
    index: RepoIndex
    ranked: list[RankedFile]
    context: RepoContext

    def text(self) -> str:
        """The map as the planner reads it."""
        return render_context(self.context)

    def manifest(self, top: int | None = None) -> str:
        """What was shown and why, as Markdown (the job summary's context manifest)."""
        return context_manifest_markdown(self.ranked, self.context, top=top)


@dataclass(frozen=True)
class MapRequest:
    """What a run's map is made from, in a form another process can take (``adapters.context_worker``)."""

    root: str
    readable: tuple[str, ...]  # the tracked files, never-read ones already left out
    issue_text: str
    budget: int
    chars_per_token: float
    manifest_top: int


@dataclass(frozen=True)
class RunMap:
    """What a run keeps of its map: the planner's text, the job summary's manifest, and the indexed
    files' texts (the modules check reads them rather than the disk again)."""

    text: str
    manifest: str
    texts: dict[str, str]


def run_map(request: MapRequest, read: Callable[[str], bytes | None]) -> RunMap:
    """A run's map, made here: ``repository_map`` over the readable files."""
    found = repository_map(
        request.readable,
        read,
        request.issue_text,
        budget=request.budget,
        never_read=lambda _path: False,  # judged already: ``readable`` holds no never-read file
        chars_per_token=request.chars_per_token,
    )
    return RunMap(
        text=found.text(),
        manifest=found.manifest(top=request.manifest_top),
        texts={f.path: f.text for f in found.index.files},
    )


def ranking_text(issue: Issue) -> str:
    """The words of an issue the ranking reads: title, body and the (kept) comments."""
    return f"{issue.title}\n{issue.body}\n" + "\n".join(c.body for c in issue.comments)


def repository_map(
    files: Sequence[str],
    read: Callable[[str], bytes | None],
    issue_text: str,
    *,
    budget: int,
    never_read: Callable[[str], bool],
    chars_per_token: float = DEFAULT_CHARS_PER_TOKEN,
) -> RepositoryMap:
    """Index ``files`` (never reading never-read ones), rank them for the issue, pack the map
    (``budget`` in the model's tokens, estimated at its ``chars_per_token``)."""
    with gc_paused():
        index = build_index(list(files), read, never_read=never_read)
        return map_of_index(index, issue_text, budget=budget, chars_per_token=chars_per_token)


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block. Indexing makes millions of small objects that
    live on, and the collector's repeated full passes over them took a fifth of the time on sympy
    (2.4 s instead of 3.0 s); reference counting still frees what the block drops, and the cycles
    it leaves are collected once the collector runs again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def map_of_index(
    index: RepoIndex, issue_text: str, *, budget: int, chars_per_token: float = DEFAULT_CHARS_PER_TOKEN
) -> RepositoryMap:
    """The map for one issue from an index already built (many issues, one index: the sweep)."""
    ranked = rank(issue_text, index, limit=MAP_CANDIDATES)
    return RepositoryMap(index=index, ranked=ranked, context=pack(ranked, index, budget, chars_per_token))
