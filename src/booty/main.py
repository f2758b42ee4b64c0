"""Composition root for the action: settings -> adapters -> pipeline -> outputs. The ONE catch-all."""

from __future__ import annotations

import json
import secrets
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

from pydantic import SecretStr, ValidationError
from pydantic_settings import SettingsError

from booty.adapters.actions import RunnerIO
from booty.claude.choice import ModelSetup, resolve_model
from booty.claude.provider_prices import Pricing, pricing
from booty.claude.providers import Connection, Credentials, credential_problem, provider_model
from booty.errors import ConfigError, EventError, failure_of
from booty.intake.trigger import default_branch_of, read_trigger, repository_of
from booty.models import Issue, Outcome, Skip, Status, Trigger
from booty.pipeline import Finished, Pipeline, Report
from booty.publish.reporting import job_summary, stage_start_line
from booty.publish.tracking import Tracker
from booty.review.events import is_pull_request_event, read_follow_up
from booty.review.models import FollowUpRequest
from booty.run_config import RunConfig, run_config
from booty.settings import CloudEnv, Inputs, Runner
from booty.sweep.plan import plan_sweep
from booty.sweep.report import sweep_table
from booty.sweep.selection import SweepPlan

if TYPE_CHECKING:
    from booty.adapters.llm import ClaudeModel
    from booty.ports import CodeHost, Model, Workspace


def main(clock: Callable[[], float] = time.monotonic) -> int:
    """The action's entry point; ``clock`` times the stages (tests pass a fake one)."""
    try:
        runner = Runner()
    except ValidationError as err:
        runner_io = RunnerIO(output_path=None, summary_path=None, on_runner=True)
        return _refused(runner_io, f"Invalid runner variable: {_first_error(err)}")
    # Outputs and summary are wired first, so even invalid inputs end with a status output.
    runner_io = RunnerIO(
        output_path=runner.github_output, summary_path=runner.github_step_summary, on_runner=True
    )
    try:
        inputs = Inputs()
    except ValidationError as err:
        return _refused(runner_io, f"Invalid input: {_first_error(err, 'BOOTY_')}")
    except SettingsError as err:  # a JSON input that is not JSON
        return _refused(runner_io, f"Invalid input: {_unparsable(err)}")
    for secret in (inputs.github_token, inputs.anthropic_api_key):
        runner_io.mask(secret.get_secret_value() if secret else None)
    try:
        cloud = CloudEnv()
    except ValidationError as err:
        return _refused(runner_io, f"Invalid variable: {_first_error(err)}")
    for value in cloud.secrets():  # the cloud providers' credentials are masked like the API key
        runner_io.mask(value)
    if inputs.command == "sweep-plan":
        return _sweep_plan_step(inputs, runner, runner_io)
    report = Report()
    try:
        outcome, report = run_action(inputs, runner, runner_io, clock=clock, cloud=cloud)
    except Exception as err:  # the one catch-all: a truthful status instead of a bare traceback
        status, message = failure_of(err)
        outcome = Outcome(status=status, message=message)
    return _finish(runner_io, outcome, report, provider=inputs.provider)


def run_action(
    inputs: Inputs,
    runner: Runner,
    runner_io: RunnerIO,
    *,
    clock: Callable[[], float] = time.monotonic,
    cloud: CloudEnv | None = None,
) -> tuple[Outcome, Report]:
    """Everything between reading the event and the final outcome."""
    if not runner.github_event_name:
        raise EventError(
            "GITHUB_EVENT_NAME is not set: Booty must run inside GitHub Actions (or use `booty run`)."
        )
    payload = _load_event(runner.github_event_path)
    trigger: Trigger | FollowUpRequest | Skip
    if is_pull_request_event(runner.github_event_name, payload):  # a follow-up on Booty's pull request
        trigger = read_follow_up(runner.github_event_name, payload)
    else:
        trigger = read_trigger(
            runner.github_event_name,
            payload,
            trigger_label=inputs.trigger_label,
            issue_number_input=inputs.issue_number,
            runner_actor=runner.github_actor,
        )
    if isinstance(trigger, Skip):
        return Outcome(status=Status.SKIPPED, message=trigger.reason), Report()
    if inputs.github_token is None:
        raise ConfigError(
            "No GitHub token: set the `github_token` input (it defaults to the built-in token)."
        )
    started = clock()
    if isinstance(trigger, Trigger):
        # An issue run's first stage begins here, with connecting to the provider and to GitHub
        # (PyGithub and GitPython's imports, git's trust of the workspace): its line comes first.
        runner_io.info(stage_start_line("read"))
    # Before any repository work: the provider's credentials and the model's id for it.
    connection = connect(inputs, runner, cloud if cloud is not None else CloudEnv())
    model_id = provider_model(connection.provider, inputs.model)
    repository = repository_of(runner.github_repository, payload)
    default_branch = default_branch_of(payload)
    from booty.adapters.codehost import GitHubCodeHost
    from booty.adapters.workspace import GitWorkspace, trust_directory

    api_key = connection.api_key
    price = pricing(connection.provider, model_id.name, model_id.wire, connection.region)
    setup = model_setup(
        inputs,
        api_key=api_key,
        base_url=runner.anthropic_base_url,
        connection=connection,
        model=model_id.name,
        pricing=price,
    )
    served_by = ""
    if connection.provider != "anthropic" or connection.federated:
        # the summary, the tracking comment and the pull request name the provider and its pricing
        served_by = f"{connection.where} as `{model_id.wire}` ({price.label})"
        setup = replace(setup, notes=(f"Claude was reached through {served_by}.", *setup.notes))
    token = inputs.github_token.get_secret_value()
    trust_directory(runner.github_workspace)
    scrubber = (
        runner_io.scrubber
    )  # the one scrubber: it knows both tokens (masked in main) and learns the secret files
    model_factory = claude_factory(
        setup,
        api_key=api_key,
        base_url=runner.anthropic_base_url,
        inputs=inputs,
        connection=connection,
        wire_model=model_id.wire,
    )
    if connection.provider != "anthropic" or connection.federated:
        model_factory().preflight()  # the provider's one cheap call, still before any repository work
    config = run_config(inputs, setup, default_token=token.startswith("ghs_"), served_by=served_by)
    if isinstance(trigger, FollowUpRequest):
        outcome, report = run_follow_up(
            trigger, inputs, runner, runner_io, token, repository, config, model_factory, clock
        )
        return outcome, replace(report, served_by=served_by)
    host = GitHubCodeHost(
        token=token,
        repository=repository,
        api_url=runner.github_api_url,
        throttle=inputs.github_throttle,
        scrubber=scrubber,
        default_branch=default_branch,
    )
    workspace = GitWorkspace(runner.github_workspace, token=token, scrubber=scrubber)
    tracker = Tracker(
        runner=runner_io,
        host=host,
        issue_number=trigger.issue_number,
        run_url=runner.run_url,
        clock=clock,
        started=started,
        announced="read",
    )
    pipeline = build_pipeline(config, model_factory, workspace, host, tracker)
    from booty.adapters import warmup

    warmup.start()  # the model layer loads while the run reads the issue and indexes the repository
    finished = run_tracked(pipeline, trigger)
    return finished.outcome, replace(finished.report, served_by=served_by)


def run_follow_up(
    request: FollowUpRequest,
    inputs: Inputs,
    runner: Runner,
    runner_io: RunnerIO,
    token: str,
    repository: str,
    config: RunConfig,
    model_factory: Callable[[], Model],
    clock: Callable[[], float],
) -> tuple[Outcome, Report]:
    """A review or a `/booty` comment on Booty's pull request: one revision round (booty.review)."""
    from booty.adapters.review_host import GitHubReviewHost
    from booty.adapters.revision_workspace import GitRevisionWorkspace
    from booty.adapters.test_runner import run_test_command
    from booty.review.followup import FollowUp, follow_up

    host = GitHubReviewHost(
        token=token,
        repository=repository,
        api_url=runner.github_api_url,
        throttle=inputs.github_throttle,
        scrubber=runner_io.scrubber,
    )
    workspace = GitRevisionWorkspace(runner.github_workspace, token=token, scrubber=runner_io.scrubber)

    def start(issue_number: int) -> FollowUp:
        tracker = Tracker(
            runner=runner_io, host=host, issue_number=issue_number, run_url=runner.run_url, clock=clock
        )
        pipeline = FollowUp(
            config=config,
            workspace=workspace,
            host=host,
            model_factory=model_factory,
            tracker=tracker,
            new_token=lambda: secrets.token_hex(8),
            run_tests=lambda cmd, cwd, timeout: run_test_command(cmd, cwd, timeout, scrub=tracker.scrub),
        )
        pipeline.resolve_threads = inputs.resolve_threads
        return pipeline

    return follow_up(
        request, host=host, repository=repository, max_followups=inputs.max_followups, start=start
    )


def sweep_plan(
    inputs: Inputs, runner: Runner, runner_io: RunnerIO, *, token: str, workspace: Path
) -> SweepPlan:
    """The backlog sweep's selection (``booty sweep-plan``): reads GitHub and the checkout, writes nothing."""
    from booty.adapters.codehost import GitHubCodeHost
    from booty.adapters.workspace import GitWorkspace

    if not runner.github_repository:
        raise ConfigError("GITHUB_REPOSITORY is not set: name the repository as owner/name.")
    api_key = inputs.anthropic_api_key.get_secret_value() if inputs.anthropic_api_key else ""
    model_id = provider_model(inputs.provider, inputs.model)
    cloud = CloudEnv()
    region = {"bedrock": cloud.aws_region or cloud.aws_default_region, "vertex": cloud.cloud_ml_region}
    setup = model_setup(
        inputs,
        api_key=api_key,
        base_url=runner.anthropic_base_url,  # prices only
        connection=Connection(provider=inputs.provider),
        model=model_id.name,
        pricing=pricing(inputs.provider, model_id.name, model_id.wire, region.get(inputs.provider, "")),
    )
    host = GitHubCodeHost(token=token, repository=runner.github_repository, api_url=runner.github_api_url,
                          throttle=inputs.github_throttle, scrubber=runner_io.scrubber)  # fmt: skip
    return plan_sweep(
        host,
        GitWorkspace(workspace, scrubber=runner_io.scrubber),
        label=inputs.trigger_label,
        max_issues=inputs.max_issues,
        max_total_cost_usd=inputs.max_total_cost_usd,
        max_cost_usd=inputs.max_cost_usd,
        budget=inputs.context_token_budget,
        profile=setup.profile,
        restricted_paths=tuple(inputs.restricted_paths),
    )


def _sweep_plan_step(inputs: Inputs, runner: Runner, runner_io: RunnerIO) -> int:
    """``command: sweep-plan`` in a workflow: the plan as outputs and as a job-summary table."""
    try:
        if inputs.github_token is None:
            raise ConfigError(
                "No GitHub token: set the `github_token` input (it defaults to the built-in token)."
            )
        from booty.adapters.workspace import trust_directory

        trust_directory(runner.github_workspace)
        plan = sweep_plan(inputs, runner, runner_io, token=inputs.github_token.get_secret_value(),
                          workspace=runner.github_workspace)  # fmt: skip
    except Exception as err:  # the one catch-all, as for a run
        status, message = failure_of(err)
        return _finish(runner_io, Outcome(status=status, message=message), Report())
    found = plan.as_json()
    runner_io.set_outputs(
        {"sweep_plan": json.dumps(found), "sweep_issues": json.dumps([i["number"] for i in found["issues"]])}
    )
    message = (f"{len(plan.issues)} issue(s) selected, estimated ${plan.total_estimated_cost_usd:.4f} in all; "
               f"{len(plan.skipped)} left out.")  # fmt: skip
    runner_io.write_summary(sweep_table(plan))
    return _finish(runner_io, Outcome(status=Status.SWEEP_PLANNED, message=message), Report(), summary=False)


def build_pipeline(
    config: RunConfig,
    model_factory: Callable[[], Model],
    workspace: Workspace,
    host: CodeHost,
    tracker: Tracker,
) -> Pipeline:
    """A pipeline with the real test runner and a fresh random fence token."""
    from booty.adapters.context_worker import ContextWorker
    from booty.adapters.test_runner import run_test_command

    return Pipeline(
        config=config,
        workspace=workspace,
        host=host,
        model_factory=model_factory,
        tracker=tracker,
        new_token=lambda: secrets.token_hex(8),
        run_tests=lambda cmd, cwd, timeout: run_test_command(cmd, cwd, timeout, scrub=tracker.scrub),
        map_context=ContextWorker(warn=tracker.warn),
    )


def model_setup(
    inputs: Inputs,
    *,
    api_key: str,
    base_url: str | None,
    connection: Connection | None = None,
    model: str | None = None,
    pricing: Pricing | None = None,
) -> ModelSetup:
    """The model's profile and the maintainer's choices, decided once; raises ConfigError for a
    retired model or malformed prices. Reads the Models API only for a model the table lacks (on
    the Claude API only: the cloud providers serve no Models API)."""
    provider = connection.provider if connection is not None else "anthropic"

    def capabilities(model: str) -> tuple[dict[str, Any], int | None] | None:
        if provider != "anthropic":
            return None
        from booty.adapters.llm import model_capabilities

        return model_capabilities(model, api_key=api_key, base_url=base_url)

    return resolve_model(
        model or inputs.model,
        provider=provider,
        temperature=inputs.temperature,
        effort=inputs.effort,
        max_output_tokens=inputs.max_output_tokens,
        prices=inputs.model_prices,
        capabilities=capabilities,
        pricing=pricing,
    )


class _CallBounds(TypedDict, total=False):
    attempts: int
    backoff_s: float
    timeout_s: float


def claude_factory(
    setup: ModelSetup,
    *,
    api_key: str,
    base_url: str | None,
    inputs: Inputs | None = None,
    connection: Connection | None = None,
    wire_model: str | None = None,
) -> Callable[[], ClaudeModel]:
    """Builds the Claude adapter on first use, so skipped runs never import magentic."""
    bounds = (
        _CallBounds()
        if inputs is None
        else _CallBounds(
            attempts=inputs.llm_attempts, backoff_s=inputs.llm_backoff_s, timeout_s=inputs.llm_timeout_s
        )
    )

    def build() -> ClaudeModel:
        from booty.adapters.llm import ClaudeModel

        return ClaudeModel(
            api_key=api_key,
            profile=setup.profile,
            base_url=base_url,
            max_output_tokens=setup.max_output_tokens,
            choices=setup.choices,
            connection=connection,
            wire_model=wire_model,
            **bounds,
        )

    return build


def connect(inputs: Inputs, runner: Runner, cloud: CloudEnv) -> Connection:
    """The provider's connection from the inputs and the runner's variables; ConfigError (status
    ``error``) naming what to set when a credential is missing or two providers' are set. Reads no
    secret value into a message."""
    from booty.adapters.cloud import container_path

    provider = inputs.provider
    creds_file = container_path(cloud.google_application_credentials, runner.github_workspace)
    federation = bool(
        cloud.anthropic_federation_rule_id
        and cloud.anthropic_organization_id
        and (
            cloud.anthropic_identity_token_file
            or (cloud.actions_id_token_request_url and cloud.actions_id_token_request_token)
        )
    )
    found = Credentials(
        anthropic_api_key=inputs.anthropic_api_key is not None,
        anthropic_federation=federation,
        aws_region=cloud.aws_region or cloud.aws_default_region,
        aws_access_key_id=cloud.aws_access_key_id is not None,
        aws_secret_access_key=cloud.aws_secret_access_key is not None,
        aws_profile=bool(cloud.aws_profile),
        aws_bearer_token=cloud.aws_bearer_token_bedrock is not None,
        google_credentials_file=cloud.google_application_credentials,
        google_credentials_found=creds_file is not None,
        vertex_project=cloud.anthropic_vertex_project_id or cloud.google_cloud_project,
        vertex_region=cloud.cloud_ml_region,
        foundry_api_key=cloud.anthropic_foundry_api_key is not None,
        foundry_resource=bool(cloud.anthropic_foundry_resource or cloud.anthropic_foundry_base_url),
        azure_client_id=bool(cloud.azure_client_id),
        azure_tenant_id=bool(cloud.azure_tenant_id),
        github_oidc=bool(cloud.actions_id_token_request_url and cloud.actions_id_token_request_token),
    )
    problem = credential_problem(provider, found)
    if problem is not None:
        raise ConfigError(problem)

    def secret(value: SecretStr | None) -> str | None:
        return value.get_secret_value() if value is not None else None

    if provider == "bedrock":
        return Connection(
            provider="bedrock",
            base_url=cloud.anthropic_bedrock_base_url,
            aws_region=found.aws_region,
            aws_access_key=secret(cloud.aws_access_key_id),
            aws_secret_key=secret(cloud.aws_secret_access_key),
            aws_session_token=secret(cloud.aws_session_token),
            aws_profile=cloud.aws_profile or None,
            aws_bearer_token=secret(cloud.aws_bearer_token_bedrock),
        )
    if provider == "vertex":
        return Connection(
            provider="vertex",
            base_url=cloud.anthropic_vertex_base_url,
            google_credentials_file=str(creds_file),
            vertex_project=found.vertex_project,
            vertex_region=found.vertex_region,
        )
    if provider == "foundry":
        return Connection(
            provider="foundry",
            api_key=secret(cloud.anthropic_foundry_api_key) or "",
            base_url=cloud.anthropic_foundry_base_url,
            foundry_resource=cloud.anthropic_foundry_resource,
            azure_client_id="" if cloud.anthropic_foundry_api_key else cloud.azure_client_id,
            azure_tenant_id=cloud.azure_tenant_id,
            oidc_request_url=cloud.actions_id_token_request_url,
            oidc_request_token=secret(cloud.actions_id_token_request_token) or "",
            oidc_audience=cloud.azure_federation_audience,
        )
    if (
        inputs.anthropic_api_key is None
    ):  # workload identity federation (credential_problem checked it is set up)
        return Connection(
            base_url=runner.anthropic_base_url,
            federation_rule_id=cloud.anthropic_federation_rule_id,
            organization_id=cloud.anthropic_organization_id,
            service_account_id=cloud.anthropic_service_account_id,
            workspace_id=cloud.anthropic_workspace_id,
            identity_token_file=cloud.anthropic_identity_token_file,
            oidc_request_url=cloud.actions_id_token_request_url,
            oidc_request_token=secret(cloud.actions_id_token_request_token) or "",
            oidc_audience=cloud.anthropic_federation_audience,
        )
    return Connection(api_key=secret(inputs.anthropic_api_key) or "", base_url=runner.anthropic_base_url)


def run_tracked(pipeline: Pipeline, trigger: Trigger, issue: Issue | None = None) -> Finished:
    """Run the pipeline; whatever happens, the tracking comment ends with the outcome and the notes."""
    try:
        finished = pipeline.run(trigger, issue)
    except Exception as err:  # the tracking comment must end truthfully too
        finished = pipeline.failed(*failure_of(err))
    pipeline.tracker.finish(finished.outcome, finished.report.notes)
    return finished


def _finish(
    runner_io: RunnerIO, outcome: Outcome, report: Report, *, summary: bool = True, provider: str = ""
) -> int:
    line = f"Booty: {outcome.status.value}: {outcome.message}"
    if outcome.status.exit_code:
        runner_io.error(line)
    else:
        runner_io.notice(line)
    runner_io.set_outputs(
        {
            "status": outcome.status.value,
            "message": outcome.message,
            "pr_number": str(outcome.pr_number or ""),
            "pr_url": outcome.pr_url,
            "branch": outcome.branch,
            "input_tokens": str(outcome.usage.prompt_tokens),
            "output_tokens": str(outcome.usage.output_tokens),
            "cache_write_tokens": str(outcome.usage.cache_write_tokens),
            "cache_read_tokens": str(outcome.usage.cache_read_tokens),
            "cost_usd": f"{outcome.cost_usd:.6f}",
            "provider": provider,
        }
    )
    if summary:
        runner_io.write_summary(
            job_summary(
                outcome,
                manifest=report.manifest,
                changes=report.changes,
                test=report.test,
                calls=list(report.calls),
                notes=list(report.notes),
                served_by=report.served_by,
            )
        )
    return outcome.status.exit_code


def _refused(runner_io: RunnerIO, message: str) -> int:
    """A run that cannot start (a malformed variable or input): status ``error``, nothing else done."""
    return _finish(runner_io, Outcome(status=Status.ERROR, message=message), Report())


def _load_event(path: Path | None) -> object:
    if path is None:
        raise EventError(
            "GITHUB_EVENT_PATH is not set: Booty must run inside GitHub Actions (or use `booty run`)."
        )
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
