"""Writing the pull request description in the repository's template: one small model call made
after the change passed validation, checked by ``description_checks``, repaired once with the
problems named, else given up for the template untouched (the caller then appends Booty's
sections to it). Every call goes through the metered model: budgeted, counted and capped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from booty.errors import BudgetExceeded, ModelError
from booty.models import ChangeSet, Plan, Problem, TestResult
from booty.prompts import describer_prompt
from booty.publish import markdown_parts as md
from booty.publish.description_checks import KIND_NAMES, change_kind, check_description, closing_keyword
from booty.publish.reporting import changed_line
from booty.publish.texts import defang, pr_marker
from booty.scrubbing import Scrubber
from booty.spend.metered_model import MeteredModel

MAX_OUTPUT_TOKENS = 4_096  # a description is a few hundred tokens; the cap reserves no more than this
MAX_TEMPLATE_CHARS = 20_000  # a larger template is shown untouched rather than sent
_ANSWER = re.compile(r"<description>\s*\n?(.*?)\s*</description>", re.S)
_BOOTY_MARKER = re.compile(r"<!--\s*booty:[^>]*-->\n?")


@dataclass(frozen=True)
class Template:
    path: str
    text: str
    how: str  # why this one: "the repository's default pull request template", ...


@dataclass
class Described:
    """The description written in the template (``text``), or None when the template is to be
    shown untouched; ``problems`` are those of the last answer when it was given up."""

    text: str | None
    problems: list[Problem] = field(default_factory=list)
    reason: str = ""  # why the template is shown untouched


@dataclass
class Describer:
    llm: MeteredModel
    scrubber: Scrubber
    token: str  # the run's fence token

    def describe(
        self,
        template: Template,
        *,
        plan: Plan,
        title: str,
        issue_number: int,
        fenced_issue: str,
        changes: ChangeSet,
        test: TestResult,
    ) -> Described:
        if len(template.text) > MAX_TEMPLATE_CHARS:
            return Described(
                None, reason=f"the template is {len(template.text):,} characters, over {MAX_TEMPLATE_CHARS:,}"
            )
        kind = change_kind(title)
        paths = [c.path for c in changes.changes]
        ask: dict[str, Any] = dict(
            template_path=template.path,
            template=template.text,
            title=title,
            kind=KIND_NAMES.get(kind, "not stated (read it from the summary)")
            if kind
            else "not stated (read it from the summary)",
            summary=plan.summary,
            files=[changed_line(c) for c in changes.changes],
            tests=_tests(test),
            criteria=list(plan.acceptance_criteria),
            fenced_issue=fenced_issue,
            token=self.token,
            number=issue_number,
            closing=closing_keyword(template.text),
            markers=list(dict.fromkeys(md.markers(template.text))),
        )
        problems: list[Problem] = []
        previous = ""
        for _ in range(2):  # the answer, then one repair round
            prompt = describer_prompt(**ask, problems=problems, previous=previous)
            try:
                answer = self.llm.describe(prompt, max_output_tokens=MAX_OUTPUT_TOKENS).value
            except (ModelError, BudgetExceeded) as err:
                return Described(
                    None, problems, reason=f"the model call failed ({self.scrubber.scrub(str(err))})"
                )
            previous = self.clean(answer, issue_number)
            problems = check_description(
                previous, template.text, issue_number=issue_number, kind=kind, changed_paths=paths
            )
            if not problems:
                return Described(previous)
        return Described(None, problems, reason="the description still had problems after one repair round")

    def clean(self, answer: str, issue_number: int) -> str:
        """The description out of the answer: between its tags, without Booty's own marker (Booty
        adds it once, at the end), made safe to publish and scrubbed of every known secret."""
        m = _ANSWER.search(answer)
        text = m.group(1) if m else answer.strip()
        text = _BOOTY_MARKER.sub("", text.replace(pr_marker(issue_number), ""))
        return self.scrubber.scrub(defang(text)).strip()


def fallback_note(template: Template, described: Described) -> str:
    """What the maintainer is told when the template is shown untouched."""
    shown = "; ".join(p.render().rstrip(".") for p in described.problems[:5])
    more = f" Problems: {shown}." if shown else ""
    return (
        f"The pull request description could not be written in the template `{template.path}` "
        f"({described.reason}), so the template is shown untouched, followed by Booty's sections.{more}"
    )


def used_note(template: Template) -> str:
    return f"Pull request template: `{template.path}` ({template.how}), filled in by the model."


def _tests(test: TestResult) -> str:
    if test.status == "not_run":
        return "no test command was run"
    code = f" (exit code {test.exit_code})" if test.exit_code is not None else ""
    return f"`{test.command}` {test.status}{code}"
