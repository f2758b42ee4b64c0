"""Composition root for the action: settings -> adapters -> pipeline -> outputs. The ONE catch-all."""

from __future__ import annotations

import json
import secrets
import sys
import time
from pathlib import Path
from typing import Callable

from pydantic import ValidationError
from pydantic_settings import SettingsError

from booty.adapters.actions import RunnerIO
from booty.core.model_choice import ModelSetup, resolve_model
from booty.core.models import Issue, Outcome, Skip, Status, Trigger
from booty.core.reporting import job_summary
from booty.core.trigger import read_trigger, repository_of
from booty.errors import BootyError, ConfigError, EventError
from booty.pipeline import Pipeline, Report, RunConfig
from booty.settings import Inputs, Runner
from booty.tracking import Tracker


def main(clock: Callable[[], float] = time.monotonic) -> int:
    """The action's entry point; ``clock`` times the stages (tests pass a fake one)."""
    try:
        runner = Runner()
    except ValidationError as err:
        runner_io = RunnerIO(output_path=None, summary_path=None, on_runner=True)
        return _finish(runner_io, Outcome(status=Status.ERROR, message=f"Invalid runner variable: {_first_error(err)}"), Report())
    # Outputs and summary are wired first, so even invalid inputs end with a status output.
    runner_io = RunnerIO(output_path=runner.github_output, summary_path=runner.github_step_summary, on_runner=True)
    try:
        inputs = Inputs()
    except ValidationError as err:
        return _finish(runner_io, Outcome(status=Status.ERROR, message=f"Invalid input: {_first_error(err, 'BOOTY_')}"), Report())
    except SettingsError as err:  # a JSON input that is not JSON
        return _finish(runner_io, Outcome(status=Status.ERROR, message=f"Invalid input: {_unparsable(err)}"), Report())
    for secret in (inputs.github_token, inputs.anthropic_api_key):
        runner_io.mask(secret.get_secret_value() if secret else None)
    report = Report()
    try:
        outcome, report = run_action(inputs, runner, runner_io, clock=clock)
    except BootyError as err:
        outcome = Outcome(status=Status(err.status), message=str(err))
    except Exception as err:  # the one catch-all: a truthful status instead of a bare traceback
        outcome = Outcome(status=Status.ERROR, message=f"Unexpected error ({type(err).__name__}): {err}")
    return _finish(runner_io, outcome, report)


def run_action(
    inputs: Inputs, runner: Runner, runner_io: RunnerIO, *, clock: Callable[[], float] = time.monotonic
) -> tuple[Outcome, Report]:
    """Everything between reading the event and the final outcome."""
    if not runner.github_event_name:
        raise EventError("GITHUB_EVENT_NAME is not set: Booty must run inside GitHub Actions (or use `booty run`).")
    payload = _load_event(runner.github_event_path)
    trigger = read_trigger(
        runner.github_event_name, payload, trigger_label=inputs.trigger_label, issue_number_input=inputs.issue_number
    )
    if isinstance(trigger, Skip):
        return Outcome(status=Status.SKIPPED, message=trigger.reason), Report()
    if inputs.github_token is None:
        raise ConfigError("No GitHub token: set the `github_token` input (it defaults to the built-in token).")
    if inputs.anthropic_api_key is None:
        raise ConfigError("No Anthropic API key: set `anthropic_api_key: ${{ secrets.ANTHROPIC_API_KEY }}`.")
    repository = repository_of(runner.github_repository, payload)
    from booty.adapters.codehost import GitHubCodeHost
    from booty.adapters.workspace import GitWorkspace, trust_directory

    api_key = inputs.anthropic_api_key.get_secret_value()
    setup = model_setup(inputs, api_key=api_key, base_url=runner.anthropic_base_url)  # before any repository work
    token = inputs.github_token.get_secret_value()
    trust_directory(runner.github_workspace)
    scrubber = runner_io.scrubber  # the one scrubber: it knows both tokens (masked in main) and learns the secret files
    host = GitHubCodeHost(
        token=token,
        repository=repository,
        api_url=runner.github_api_url,
        throttle=inputs.github_throttle,
        scrubber=scrubber,
    )
    workspace = GitWorkspace(runner.github_workspace, token=token, scrubber=scrubber)
    tracker = Tracker(runner=runner_io, host=host, issue_number=trigger.issue_number, run_url=runner.run_url, clock=clock)
    model_factory = claude_factory(setup, api_key=api_key, base_url=runner.anthropic_base_url, inputs=inputs)
    config = config_from(inputs, setup, default_token=token.startswith("ghs_"))
    pipeline = build_pipeline(config, model_factory, workspace, host, tracker)
    outcome = run_tracked(pipeline, trigger)
    return outcome, pipeline.report


def build_pipeline(config: RunConfig, model_factory, workspace, host, tracker: Tracker) -> Pipeline:
    """A pipeline with the real test runner and a fresh random fence token."""
    from booty.adapters.test_runner import run_test_command

    return Pipeline(
        config=config,
        workspace=workspace,
        host=host,
        model_factory=model_factory,
        tracker=tracker,
        new_token=lambda: secrets.token_hex(8),
        run_tests=lambda cmd, cwd, timeout: run_test_command(cmd, cwd, timeout, scrub=tracker.scrub),
    )


def config_from(
    inputs: Inputs, setup: ModelSetup, *, default_token: bool = False, dry_run: bool | None = None, check_actor: bool = True
) -> RunConfig:
    return RunConfig(
        profile=setup.profile,
        max_output_tokens=setup.max_output_tokens,
        model_notes=setup.notes,
        max_files=inputs.max_files,
        restricted_paths=tuple(inputs.restricted_paths),
        context_token_budget=inputs.context_token_budget,
        max_retries=inputs.max_retries,
        max_cost_usd=inputs.max_cost_usd,
        allowed_bots=tuple(inputs.allowed_bots),
        base_branch=inputs.base_branch,
        draft=inputs.draft,
        dry_run=inputs.dry_run if dry_run is None else dry_run,
        test_command=inputs.test_command,
        test_timeout_s=inputs.test_timeout_s,
        default_token=default_token,
        check_actor=check_actor,
        trigger_label=inputs.trigger_label,
        editor_view=inputs.editor_view,
    )


def model_setup(inputs: Inputs, *, api_key: str, base_url: str | None) -> ModelSetup:
    """The model's profile and the maintainer's choices, decided once; raises ConfigError for a
    retired model or malformed prices. Reads the Models API only for a model the table lacks."""

    def capabilities(model: str):
        from booty.adapters.llm import model_capabilities

        return model_capabilities(model, api_key=api_key, base_url=base_url)

    return resolve_model(
        inputs.model,
        temperature=inputs.temperature,
        effort=inputs.effort,
        max_output_tokens=inputs.max_output_tokens,
        prices=inputs.model_prices,
        capabilities=capabilities,
    )


def claude_factory(setup: ModelSetup, *, api_key: str, base_url: str | None, inputs: Inputs | None = None):
    """Builds the Claude adapter on first use, so skipped runs never import magentic."""
    bounds = {} if inputs is None else dict(
        attempts=inputs.llm_attempts, backoff_s=inputs.llm_backoff_s, timeout_s=inputs.llm_timeout_s
    )

    def build():
        from booty.adapters.llm import ClaudeModel

        return ClaudeModel(api_key=api_key, profile=setup.profile, base_url=base_url,
                           max_output_tokens=setup.max_output_tokens, choices=setup.choices, **bounds)

    return build


def run_tracked(pipeline: Pipeline, trigger: Trigger, issue: Issue | None = None) -> Outcome:
    """Run the pipeline; whatever happens, the tracking comment ends with the outcome."""
    try:
        outcome = pipeline.run(trigger, issue)
    except BootyError as err:
        outcome = pipeline.failed(Status(err.status), str(err))
    except Exception as err:
        outcome = pipeline.failed(Status.ERROR, f"Unexpected error ({type(err).__name__}): {err}")
    pipeline.tracker.finish(outcome)
    return outcome


def _finish(runner_io: RunnerIO, outcome: Outcome, report: Report) -> int:
    line = f"Booty: {outcome.status.value}: {outcome.message}"
    if outcome.status.exit_code:
        runner_io.error(line)
    else:
        runner_io.notice(line)
    runner_io.set_outputs(
        {
            "status": outcome.status.value,
            "pr_number": str(outcome.pr_number or ""),
            "pr_url": outcome.pr_url,
            "branch": outcome.branch,
            "input_tokens": str(outcome.usage.prompt_tokens),
            "output_tokens": str(outcome.usage.output_tokens),
            "cache_write_tokens": str(outcome.usage.cache_write_tokens),
            "cache_read_tokens": str(outcome.usage.cache_read_tokens),
            "cost_usd": f"{outcome.cost_usd:.6f}",
        }
    )
    runner_io.write_summary(
        job_summary(outcome, manifest=report.manifest, changes=report.changes, test=report.test, calls=report.calls,
                    notes=report.notes)
    )
    return outcome.status.exit_code


def _load_event(path: Path | None) -> object:
    if path is None:
        raise EventError("GITHUB_EVENT_PATH is not set: Booty must run inside GitHub Actions (or use `booty run`).")
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise EventError(f"The event file {path} does not exist.") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise EventError(f"The event file {path} is not valid JSON ({err}).") from None


def _unparsable(err: SettingsError) -> str:
    """Which input could not be parsed (pydantic-settings says ``field "model_prices"``); never its value."""
    field = str(err).split('"')[1] if str(err).count('"') >= 2 else "input"
    return f"BOOTY_{field.upper()}: not valid JSON"


def _first_error(err: ValidationError, prefix: str = "") -> str:
    """The first problem, naming the environment variable; never the value, which may be a secret."""
    first = err.errors()[0]
    name = prefix + str(first["loc"][0]).upper() if first.get("loc") else "input"
    return f"{name}: {first['msg']}"


if __name__ == "__main__":
    sys.exit(main())
