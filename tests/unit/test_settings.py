import pytest
from pydantic import ValidationError

from booty.settings import Inputs


def test_empty_action_inputs_mean_defaults(monkeypatch):
    for name in ("ISSUE_NUMBER", "MAX_FILES", "BASE_BRANCH", "MODEL", "DRY_RUN"):
        monkeypatch.setenv(f"BOOTY_{name}", "")
    inputs = Inputs()
    assert inputs.issue_number is None and inputs.max_files == 10 and inputs.model == "claude-sonnet-5-5"
    assert inputs.dry_run is False


def test_lists_split_on_commas_and_lines(monkeypatch):
    monkeypatch.setenv("BOOTY_RESTRICTED_PATHS", "infra/**, *.tf\nsecrets/")
    monkeypatch.setenv("BOOTY_ALLOWED_BOTS", "renovate[bot]")
    inputs = Inputs()
    assert inputs.restricted_paths == ["infra/**", "*.tf", "secrets/"]
    assert inputs.allowed_bots == ["renovate[bot]"]


def test_secret_inputs_do_not_print(monkeypatch):
    monkeypatch.setenv("BOOTY_ANTHROPIC_API_KEY", "sk-ant-secret-value")
    assert "sk-ant-secret-value" not in repr(Inputs())


def test_invalid_numbers_are_rejected(monkeypatch):
    monkeypatch.setenv("BOOTY_MAX_FILES", "lots")
    with pytest.raises(ValidationError):
        Inputs()
