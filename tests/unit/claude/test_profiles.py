"""The table of model profiles (facts: shared/claude-api.md)."""

from __future__ import annotations

from booty.claude.profiles import PROFILES, known_profile

CURRENT = {"claude-fable-5-1", "claude-opus-5-5", "claude-sonnet-5-5", "claude-haiku-5-5"}


LEGACY = {
    "claude-fable-5",
    "claude-opus-5",
    "claude-opus-4-8",
    "claude-opus-4-7",
    "claude-opus-4-6",
    "claude-opus-4-5",
    "claude-sonnet-5",
    "claude-sonnet-4-6",
    "claude-haiku-4-5",
}


def test_the_table_holds_every_current_and_legacy_model_with_its_status():
    assert {m for m, p in PROFILES.items() if p.status == "current"} == CURRENT
    assert {m for m, p in PROFILES.items() if p.status == "legacy"} == LEGACY


def test_dated_snapshot_ids_share_their_models_profile():
    assert known_profile("claude-haiku-4-5-20251001") is PROFILES["claude-haiku-4-5"]
