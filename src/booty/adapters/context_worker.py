"""A run's repository map, made in a second process so that the two slowest parts of a run's start
overlap on two cores: indexing and ranking the repository (CPU-bound Python) here, and importing
the model layer (``adapters.warmup``'s thread, also CPU-bound) in the run's own process. In one
process the two took turns on one interpreter lock; on sympy that put about 1.5 s on every run.

The child is this interpreter run on this module: it reads a pickled ``MapRequest`` on stdin,
reads the files itself (``read_file_bytes``: never a symlink out of the workspace; the never-read
files were left out of the request by the run's path policy) and writes the pickled ``RunMap`` on
stdout. It gets no secret: its environment is Python's and the locale's variables only. It runs
from booty's own folder with ``-P``, so nothing in the repository is ever imported into it. Small
repositories, which index in well under a second, are mapped in the run's process, as is any
repository whose child fails (said in a warning, with the child's last line of error).
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path

import booty
from booty.adapters.repo_files import read_file_bytes
from booty.locate.repository_map import MapRequest, RunMap, run_map

# Below this many readable files the map takes well under a second here, less than starting a
# child and its imports would save.
WORKER_FROM_FILES = 500
KEPT_VARIABLES = ("PATH", "LANG", "LANGUAGE", "TMPDIR", "PYTHONDONTWRITEBYTECODE", "PYTHONHASHSEED")
BOOTY_HOME = str(Path(booty.__file__).resolve().parent.parent)  # the folder booty is imported from


class WorkerFailed(Exception):
    """The child ended without a map."""


class ContextWorker:
    """``Pipeline``'s ``map_context``: a child process for large repositories, this one otherwise."""

    def __init__(
        self,
        warn: Callable[[str], None],
        *,
        python: str = sys.executable,
        from_files: int = WORKER_FROM_FILES,
    ) -> None:
        self._warn = warn
        self._python = python
        self._from_files = from_files

    def __call__(self, request: MapRequest, read: Callable[[str], bytes | None]) -> RunMap:
        if len(request.readable) < self._from_files:
            return run_map(request, read)
        try:
            return map_in_child(request, self._python)
        except WorkerFailed as failed:
            self._warn(f"Mapping the repository in a second process failed ({failed}); mapped in this one.")
            return run_map(request, read)


def map_in_child(request: MapRequest, python: str = sys.executable) -> RunMap:
    """The map made by a child process (this module run by ``python``)."""
    try:
        done = subprocess.run(
            # -P: the working directory (the repository, whose files are not ours to run) is not
            # put on the child's import path, so a `pickle.py` or `booty/` there is never imported.
            [python, "-P", "-m", __name__],
            input=pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL),
            capture_output=True,
            env=child_environment(os.environ),
            cwd=BOOTY_HOME,
            check=False,
        )
    except OSError as error:
        raise WorkerFailed(f"could not start {python}: {error.strerror}") from error
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise WorkerFailed(lines[-1][:300] if lines else f"exit status {done.returncode}")
    try:
        found = pickle.loads(done.stdout)
    except Exception as error:
        raise WorkerFailed(f"unreadable answer: {type(error).__name__}") from error
    if not isinstance(found, RunMap):
        raise WorkerFailed(f"unexpected answer: {type(found).__name__}")
    return found


def child_environment(parent: Mapping[str, str]) -> dict[str, str]:
    """The child's variables: the locale's and Python's (no token, no key), and a path to booty."""
    kept = {k: v for k, v in parent.items() if k in KEPT_VARIABLES or k.startswith("LC_")}
    kept["PYTHONPATH"] = os.pathsep.join(filter(None, (BOOTY_HOME, parent.get("PYTHONPATH", ""))))
    return kept


def serve() -> None:
    """The child's side: one request from stdin, its map to stdout, then exit at once (the
    interpreter's last collection would only walk the index's millions of objects)."""
    request = pickle.loads(sys.stdin.buffer.read())
    found = run_map(request, partial(read_file_bytes, Path(request.root)))
    sys.stdout.buffer.write(pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()
    os._exit(0)


if __name__ == "__main__":
    serve()
