"""Fixtures of the integration tier. The helpers they build on live in ``tests.support``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.scenario import world


@pytest.fixture
def scenario(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    with world(tmp_path, monkeypatch) as s:
        yield s
