"""Fixtures of the adapter tests: the fake GitHub (every request checked against GitHub's
OpenAPI description) and a GitHubCodeHost pointed at it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from booty.adapters.codehost import GitHubCodeHost
from tests.fakes.github_server import FakeGitHub
from tests.support.codehost import TOKEN


@pytest.fixture
def fake() -> Iterator[FakeGitHub]:
    with FakeGitHub(token=TOKEN) as server:
        yield server
        assert server.violations == [], "requests (or fake answers) GitHub's spec rejects"


@pytest.fixture
def host(fake: FakeGitHub) -> GitHubCodeHost:
    return GitHubCodeHost(token=TOKEN, repository=fake.repository, api_url=fake.api_url, throttle=False)
