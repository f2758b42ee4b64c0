"""The model layer (magentic and the anthropic SDK, ~1.5 s of imports) loaded on a background thread
while a run reads the issue and its repository, which mostly waits on GitHub's pacing, git and the
disk; the first model call then finds it imported.

Only the thread imports it until ``wait`` returns: ``ClaudeModel`` waits before any use, and the
main thread meanwhile imports nothing of that layer (it holds no import lock the thread needs, so
the two cannot deadlock). A failure is left for the main thread's own import to raise and explain.
"""

from __future__ import annotations

import sys
import threading

MODEL_LAYER = "booty.adapters.claude_chat"
_thread: threading.Thread | None = None


def start() -> None:
    """Begin importing the model layer in the background, once, unless it is imported already."""
    global _thread
    if _thread is None and MODEL_LAYER not in sys.modules:
        _thread = threading.Thread(target=_load, name="booty-model-import", daemon=True)
        _thread.start()


def wait() -> None:
    """Return once the background import (if one was started) has finished."""
    if _thread is not None:
        _thread.join()


def _load() -> None:
    try:
        __import__(MODEL_LAYER)
    except BaseException:  # the main thread imports it again, and that error is the one reported
        return
