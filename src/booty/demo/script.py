"""The scripted model of the demo: prepared answers for the bundled example issue.

It plays the three roles the real model plays: a structured plan (a tool call, or JSON text when
the request asks for ``output_config.format``), the edits (plain text in fenced blocks; it reads
which file is asked for from the editor prompt) and the pull request description, written in the
example's template (``docs/pull_request_template.md``).
"""

from __future__ import annotations

import re
from typing import Any

from booty.demo.messages_api import Reply, TextReply, ToolReply

PLAN = {
    "actionable": True,
    "questions": [],
    "summary": "word_count split on single spaces, so runs of spaces or newlines produced empty 'words'. "
    "It now splits on any whitespace, which also makes an empty string count 0 words.",
    "title": "fix(words): count words separated by any whitespace",
    "changes": [
        {"path": "textkit/words.py", "action": "modify", "reason": "Split on any run of whitespace."},
        {
            "path": "tests/test_words.py",
            "action": "modify",
            "reason": "Cover spaces, newlines and empty text.",
        },
    ],
    "acceptance_criteria": [
        'word_count("hello   world") == 2',
        'word_count("one\\ntwo") == 2',
        'word_count("") == 0',
    ],
}

FILES = {
    "textkit/words.py": '''"""Counting words and lines."""


def word_count(text: str) -> int:
    """Number of words in ``text``: runs of any whitespace separate words."""
    return len(text.split())


def line_count(text: str) -> int:
    """Number of lines in ``text``."""
    return len(text.splitlines())
''',
    "tests/test_words.py": """import unittest

from textkit import line_count, word_count


class WordCountTest(unittest.TestCase):
    def test_simple_sentence(self):
        self.assertEqual(word_count("the quick brown fox"), 4)

    def test_several_spaces(self):
        self.assertEqual(word_count("hello   world"), 2)

    def test_newlines(self):
        self.assertEqual(word_count("one\\ntwo"), 2)

    def test_empty(self):
        self.assertEqual(word_count(""), 0)

    def test_lines(self):
        self.assertEqual(line_count("a\\nb\\n"), 2)


if __name__ == "__main__":
    unittest.main()
""",
}


DESCRIPTION = """\
## What does this change?

`word_count` split on single spaces, so runs of spaces or newlines produced empty "words". It now splits \
on any whitespace, which also makes an empty string count 0 words.

Fixes #1

## Type of change

- [x] Bug fix
- [ ] New feature

## Checklist

- [x] Tests added or updated
- [ ] `README.md` updated, if the behaviour users see changed
"""


def respond(request: dict[str, Any]) -> Reply:
    """Plan when the request asks for structure; the description when the prompt shows the pull
    request template; otherwise write the file the editor prompt names."""
    if request.get("tools") or (request.get("output_config") or {}).get("format"):
        return ToolReply(input=PLAN)
    text = "".join(
        block.get("text", "") if isinstance(block, dict) else str(block)
        for message in request.get("messages", [])
        for block in (
            message["content"] if isinstance(message["content"], list) else [{"text": message["content"]}]
        )
    )
    if re.search(r"^# Pull request template \(", text, re.MULTILINE):
        return TextReply(text=f"<description>\n{DESCRIPTION}</description>\n")
    match = re.search(r"^# Your file: (\S+)", text, re.MULTILINE)
    path = match.group(1) if match else ""
    if path not in FILES:
        return TextReply(text="I was not scripted for this request.")
    return TextReply(text=f"{path}\n```python\n{FILES[path]}```\n")
