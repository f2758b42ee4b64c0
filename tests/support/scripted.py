"""A scripted model for whole-action tests: a plan for planner calls, per-file answers for editor calls.

``plan()``, ``whole_file()`` and ``FIXED_OPS`` are the answers most tests script: the divide() fix
of the calc repository (``tests.support.repository.REPO_FILES``).

A planner call is one that asks for structure (tools, or a native ``output_config.format``): the plan
then comes as a tool call or as JSON text, whichever the request asked for (see the fake's ``sse``)."""

from __future__ import annotations

import re
import threading
from typing import Any

from tests.fakes.anthropic_server import TextReply, ToolReply, is_plan_call

_FILE = re.compile(r"^# Your file: (.+) \((?:modify|create|delete)\)$", re.MULTILINE)


def request_text(request: dict[str, Any]) -> str:
    system = request.get("system", "")
    parts = (
        [system] if isinstance(system, str) else [b.get("text", "") for b in system if isinstance(b, dict)]
    )
    for message in request.get("messages", []):
        content = message.get("content")
        if isinstance(content, str):
            parts.append(content)
        else:
            parts += [b.get("text", "") for b in content if isinstance(b, dict)]
    return "\n".join(parts)


def is_description_call(request: dict[str, Any]) -> bool:
    """The call that fills the repository's pull request template (a plain-text call after the edits)."""
    return not is_plan_call(request) and "\n# Pull request template (" in "\n" + request_text(request)


def description_requests(s) -> list[dict[str, Any]]:
    return [r for r in s.model.requests if is_description_call(r)]


def planner_request_text(s) -> str:
    """Everything the planning request (the structured one) showed the model in scenario ``s``."""
    return request_text(next(r for r in s.model.requests if is_plan_call(r)))


class Scripted:
    """``answers[path]`` is a list of editor answers, used in order; the last one repeats. So is
    ``descriptions``, the answers to the call that fills the pull request template (each wrapped
    in ``<description>`` tags as the prompt asks, unless it already holds them)."""

    def __init__(
        self, plan: dict[str, Any], answers: dict[str, list[str]], descriptions: list[str] = ()
    ) -> None:
        self.plan = plan
        self.answers = {k: list(v) for k, v in answers.items()}
        self.descriptions = list(descriptions) or ["(no scripted description)"]
        self.asked: list[str] = []
        self._lock = threading.Lock()

    def __call__(self, request: dict[str, Any]):
        if is_plan_call(request):
            return ToolReply(input=self.plan)
        if is_description_call(request):
            with self._lock:
                self.asked.append("(description)")
                text = self.descriptions.pop(0) if len(self.descriptions) > 1 else self.descriptions[0]
            return TextReply(
                text=text if "<description>" in text else f"<description>\n{text}\n</description>"
            )
        match = _FILE.search(request_text(request))
        path = match.group(1) if match else "?"
        with self._lock:
            self.asked.append(path)
            queue = self.answers.get(path, ["(no scripted answer)"])
            return TextReply(text=queue.pop(0) if len(queue) > 1 else queue[0])


def plan(**overrides: Any) -> dict[str, Any]:
    base = {
        "actionable": True,
        "questions": [],
        "summary": "divide() now raises a clear error for a zero divisor.",
        "title": "fix(ops): clear error on division by zero",
        "changes": [{"path": "calc/ops.py", "action": "modify", "reason": "Guard against b == 0."}],
        "acceptance_criteria": ["divide(1, 0) raises ValueError"],
    }
    return {**base, **overrides}


FIXED_OPS = (
    'def add(a, b):\n    return a + b\n\n\ndef divide(a, b):\n    """Divide a by b."""\n'
    '    if b == 0:\n        raise ValueError("cannot divide by zero")\n    return a / b\n'
)


def whole_file(path: str, text: str) -> str:
    return f"{path}\n```python\n{text}```\n"
