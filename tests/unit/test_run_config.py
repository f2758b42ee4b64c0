"""The run's config, made from the inputs and the model's setup in ONE place."""

from __future__ import annotations

from dataclasses import fields

from booty.claude.choice import resolve_model
from booty.run_config import RunConfig, run_config
from booty.settings import Inputs

SETUP = resolve_model("claude-haiku-4-5", temperature=None, effort=None, max_output_tokens=100_000, prices={},
                      capabilities=lambda model: None)  # fmt: skip


def inputs(monkeypatch, **values: str) -> Inputs:
    for name, value in values.items():
        monkeypatch.setenv(f"BOOTY_{name.upper()}", value)
    return Inputs()


def test_every_field_named_like_an_input_comes_from_the_inputs(monkeypatch):
    given = inputs(monkeypatch, max_files="3", restricted_paths="infra/**, *.tf", allowed_bots="renovate[bot]",
                   context_token_budget="5000", max_retries="1", max_cost_usd="0.5", base_branch="develop", draft="true",
                   dry_run="true", test_command="pytest -q", test_timeout_s="60", trigger_label="booty",
                   pr_template="fix.md")  # fmt: skip
    config = run_config(given, SETUP)
    assert (config.max_files, config.restricted_paths, config.allowed_bots) == (
        3,
        ("infra/**", "*.tf"),
        ("renovate[bot]",),
    )
    assert (config.context_token_budget, config.max_retries, config.max_cost_usd) == (5000, 1, 0.5)
    assert (config.base_branch, config.draft, config.dry_run, config.trigger_label) == (
        "develop",
        True,
        True,
        "booty",
    )
    assert (config.test_command, config.test_timeout_s, config.pr_template) == ("pytest -q", 60, "fix.md")
    shared = {f.name for f in fields(RunConfig)} & set(Inputs.model_fields) - {"max_output_tokens"}
    assert all(getattr(config, name) == _tupled(getattr(given, name)) for name in shared)


def test_the_models_fields_come_from_its_setup(monkeypatch):
    config = run_config(inputs(monkeypatch, max_output_tokens="100000"), SETUP)
    assert config.profile is SETUP.profile and config.model == "claude-haiku-4-5"
    assert (
        config.max_output_tokens == SETUP.max_output_tokens == 64_000
    )  # capped at the model's limit, not the input
    assert config.model_notes == SETUP.notes and "used 64,000" in config.model_notes[0]


def test_the_callers_own_facts_win(monkeypatch):
    config = run_config(
        inputs(monkeypatch, dry_run="false"), SETUP, dry_run=True, check_actor=False, default_token=True
    )
    assert (config.dry_run, config.check_actor, config.default_token) == (True, False, True)
    assert RunConfig(profile=SETUP.profile).check_actor and not RunConfig(profile=SETUP.profile).default_token


def _tupled(value):
    return tuple(value) if isinstance(value, list) else value
