"""A scripted model for pipeline tests: a plan for planner calls, per-file answers for editor calls.

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
    parts = [system] if isinstance(system, str) else [b.get("text", "") for b in system if isinstance(b, dict)]
    for message in request.get("messages", []):
        content = message.get("content")
        if isinstance(content, str):
            parts.append(content)
        else:
            parts += [b.get("text", "") for b in content if isinstance(b, dict)]
    return "\n".join(parts)


def planner_request_text(s) -> str:
    """Everything the planning request (the structured one) showed the model in scenario ``s``."""
    return request_text(next(r for r in s.model.requests if is_plan_call(r)))


class Scripted:
    """``answers[path]`` is a list of editor answers, used in order; the last one repeats."""

    def __init__(self, plan: dict[str, Any], answers: dict[str, list[str]]) -> None:
        self.plan = plan
        self.answers = {k: list(v) for k, v in answers.items()}
        self.asked: list[str] = []
        self._lock = threading.Lock()

    def __call__(self, request: dict[str, Any]):
        if is_plan_call(request):
            return ToolReply(input=self.plan)
        match = _FILE.search(request_text(request))
        path = match.group(1) if match else "?"
        with self._lock:
            self.asked.append(path)
            queue = self.answers.get(path, ["(no scripted answer)"])
            return TextReply(text=queue.pop(0) if len(queue) > 1 else queue[0])
