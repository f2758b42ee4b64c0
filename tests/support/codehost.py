"""What the GitHubCodeHost adapter tests share: the token, a marker and a request counter."""

from __future__ import annotations

from tests.fakes.github_server import FakeGitHub

TOKEN = "ghs_test_0123456789_secret"
MARKER = "<!-- booty:issue-7 -->"


def calls(fake: FakeGitHub, method: str, suffix: str) -> int:
    return sum(1 for r in fake.requests if r.method == method and r.path.endswith(suffix))
