"""The whole action on each cloud provider, through the anthropic SDK's own clients
(``AnthropicBedrock``, ``AnthropicVertex``, ``AnthropicFoundry``) reaching the local fake by the
SDK's base-URL settings; and each credential problem stopping the run before any repository work
with a message naming what to set, and no secret in the log."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.support.scenario import API_KEY, Scenario, scripted_fix, world

AWS_KEY_ID = "AKIAFAKEKEY000000001"
AWS_SECRET = "fakeAwsSecretKey/0123456789abcdefSECRET"
AWS_SESSION = "FwoGZXIvYXdzEFAKEsessionTOKENSECRET"
FOUNDRY_KEY = "fake-foundry-key-0123456789-SECRET"
CLOUD_VARS = (
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_PROFILE",
    "AWS_BEARER_TOKEN_BEDROCK",
    "ANTHROPIC_BEDROCK_BASE_URL",
    "AWS_ENDPOINT_URL_BEDROCK",
    "AWS_ENDPOINT_URL",
    "AWS_CA_BUNDLE",
    "GOOGLE_APPLICATION_CREDENTIALS",
    "ANTHROPIC_VERTEX_PROJECT_ID",
    "GOOGLE_CLOUD_PROJECT",
    "CLOUD_ML_REGION",
    "ANTHROPIC_VERTEX_BASE_URL",
    "ANTHROPIC_FOUNDRY_API_KEY",
    "ANTHROPIC_FOUNDRY_RESOURCE",
    "ANTHROPIC_FOUNDRY_BASE_URL",
    "ANTHROPIC_FEDERATION_RULE_ID",
    "ANTHROPIC_ORGANIZATION_ID",
    "ANTHROPIC_IDENTITY_TOKEN_FILE",
    "ANTHROPIC_IDENTITY_TOKEN",
    "ANTHROPIC_WORKSPACE_ID",
    "ANTHROPIC_SERVICE_ACCOUNT_ID",
    "ACTIONS_ID_TOKEN_REQUEST_URL",
    "AZURE_CLIENT_ID",
    "AZURE_TENANT_ID",
    "AZURE_AUTHORITY_HOST",
    "REQUESTS_CA_BUNDLE",
    "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
)
OIDC_REQUEST_TOKEN = "fake-actions-id-token-request-SECRET"


@pytest.fixture
def s(tmp_path, monkeypatch):
    for var in CLOUD_VARS:
        monkeypatch.delenv(var, raising=False)
    with world(tmp_path, monkeypatch) as scenario:
        scenario.labeled()
        yield scenario


def bedrock(s: Scenario, model: str = "", **env: str) -> Scenario:
    s.inputs["provider"] = "bedrock"
    if model:
        s.inputs["model"] = model
    s.without.add("BOOTY_ANTHROPIC_API_KEY")
    s.model.bedrock_region = "eu-west-1"
    s.env.update(
        {
            "AWS_REGION": "eu-west-1",
            "AWS_ACCESS_KEY_ID": AWS_KEY_ID,
            "AWS_SECRET_ACCESS_KEY": AWS_SECRET,
            "AWS_SESSION_TOKEN": AWS_SESSION,
            "ANTHROPIC_BEDROCK_BASE_URL": s.model.base_url,  # the SDK's runtime client
            "AWS_ENDPOINT_URL_BEDROCK": s.model.base_url,  # boto3's control-plane client (the preflight)
            **env,
        }
    )
    return s


def vertex_credentials(s: Scenario, where: Path) -> Path:
    """A workload identity federation (``external_account``) credentials file like the one
    google-github-actions/auth writes, its STS endpoint the fake's ``/token`` and its subject token
    (GitHub's OIDC token) in a file."""
    where.parent.mkdir(parents=True, exist_ok=True)
    oidc = where.parent / "oidc-token.jwt"
    oidc.write_text("eyJhbGciOiJSUzI1NiJ9.fake-github-oidc-token-SECRET.sig")
    where.write_text(
        json.dumps(
            {
                "type": "external_account",
                "audience": "//iam.googleapis.com/projects/123456/locations/global/workloadIdentityPools/github/providers/booty",
                "subject_token_type": "urn:ietf:params:oauth:token-type:jwt",
                "token_url": f"{s.model.base_url}/token",
                "credential_source": {"file": str(oidc)},
            }
        )
    )
    return where


def vertex(s: Scenario, model: str = "", creds: Path | None = None, **env: str) -> Scenario:
    s.inputs["provider"] = "vertex"
    if model:
        s.inputs["model"] = model
    s.without.add("BOOTY_ANTHROPIC_API_KEY")
    path = creds or vertex_credentials(s, s.tmp / "gcloud" / "creds.json")
    s.env.update(
        {
            "GOOGLE_APPLICATION_CREDENTIALS": str(path),
            "ANTHROPIC_VERTEX_PROJECT_ID": "booty-test-project",
            "CLOUD_ML_REGION": "global",
            "ANTHROPIC_VERTEX_BASE_URL": f"{s.model.base_url}/v1",
            **env,
        }
    )
    return s


def secrets_absent(s: Scenario, outputs: dict[str, str]) -> None:
    # ``::add-mask::<value>`` is how a step tells the runner what to hide: the one line that holds it
    log = "\n".join(line for line in s.stdout.splitlines() if not line.startswith("::add-mask::"))
    shown = log + s.summary + json.dumps(outputs) + json.dumps(s.github.comments_on(s.issue_number))
    for secret in (
        AWS_SECRET,
        AWS_SESSION,
        API_KEY,
        FOUNDRY_KEY,
        OIDC_REQUEST_TOKEN,
        "sk-ant-oat01-fake",
        "fake-github-oidc-token-SECRET",
    ):
        assert secret not in shown


def provider_calls(s: Scenario, provider: str):
    return [c for c in s.model.provider_calls if c.provider == provider]


# ---------------------------------------------------------------- whole runs, one per provider


def test_bedrock_run_opens_the_pull_request_through_the_sdks_bedrock_client(s):
    code, out = scripted_fix(bedrock(s)).run()
    assert (code, out["status"]) == (0, "pr_opened"), out
    calls = provider_calls(s, "bedrock")
    assert calls and all(c.stream for c in calls)
    # Booty's default model, as Bedrock's global inference profile, in the path (not the body)
    assert {c.path for c in calls} == {
        "/model/global.anthropic.claude-sonnet-5-5/invoke-with-response-stream"
    }
    for call in calls:  # signed by the SDK (botocore's SigV4), for the region and the service
        assert call.headers["authorization"].startswith(f"AWS4-HMAC-SHA256 Credential={AWS_KEY_ID}/")
        assert "/eu-west-1/bedrock/aws4_request" in call.headers["authorization"]
        assert call.headers["x-amz-security-token"] == AWS_SESSION
        assert "model" not in call.body and "stream" not in call.body and call.body["anthropic_version"]
    # Sonnet 5.5 on Bedrock has no native structured output: the plan was asked as JSON in the text
    plan_call = next(c for c in calls if "It must match this JSON schema:" in c.body.get("system", ""))
    assert "format" not in (plan_call.body.get("output_config") or {})
    assert s.model.rejected == [] and not s.model.count_requests  # Bedrock counts no tokens: Booty estimates
    assert "x-api-key" not in s.model.headers[0]
    assert (
        "Amazon Bedrock (eu-west-1) as `global.anthropic.claude-sonnet-5-5`" in s.summary
    )  # the provider is named
    [pr] = s.github.pulls.values()
    assert "cannot divide by zero" in s.show_on_origin(pr["head"], "calc/ops.py")
    secrets_absent(s, out)


def test_bedrock_takes_a_regional_inference_profile_verbatim(s):
    code, out = scripted_fix(bedrock(s, model="eu.anthropic.claude-opus-5-5")).run()
    assert out["status"] == "pr_opened", out
    calls = provider_calls(s, "bedrock")
    assert {c.model for c in calls} == {"eu.anthropic.claude-opus-5-5"}
    # Opus 5.5 keeps native structured output on Bedrock
    assert any((c.body.get("output_config") or {}).get("format") for c in calls)


def test_bedrock_with_a_bedrock_api_key(s):
    from tests.support.tls import tls_front

    bedrock(s, AWS_BEARER_TOKEN_BEDROCK="fake-bedrock-api-key-SECRET")
    for var in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        s.env.pop(var)
    # botocore sends a bearer token over HTTPS only: the preflight's lookup goes to a TLS front
    with tls_front(s.model, s.tmp) as (https_url, ca_file):
        s.env.update(AWS_ENDPOINT_URL_BEDROCK=https_url, AWS_CA_BUNDLE=str(ca_file))
        code, out = scripted_fix(s).run()
    assert out["status"] == "pr_opened", out
    assert {c.headers["authorization"] for c in provider_calls(s, "bedrock")} == {
        "Bearer fake-bedrock-api-key-SECRET"
    }
    [lookup] = provider_calls(s, "bedrock-control")  # the preflight, with the same key
    assert lookup.headers["authorization"] == "Bearer fake-bedrock-api-key-SECRET"
    assert "::add-mask::fake-bedrock-api-key-SECRET" in s.stdout  # masked like the API key
    assert "fake-bedrock-api-key-SECRET" not in s.summary


def test_vertex_run_opens_the_pull_request_through_the_sdks_vertex_client(s):
    code, out = scripted_fix(vertex(s)).run()
    assert (code, out["status"]) == (0, "pr_opened"), out
    calls = provider_calls(s, "vertex")
    streamed = [c for c in calls if not c.count]
    assert streamed and {c.path for c in streamed} == {
        "/v1/projects/booty-test-project/locations/global/publishers/anthropic/models/claude-sonnet-5-5:streamRawPredict"
    }
    assert all(c.headers["authorization"] == "Bearer ya29.fake-vertex-access-token" for c in calls)
    assert all("model" not in c.body and c.body["anthropic_version"] for c in streamed)
    assert any(c.count for c in calls)  # token counts through Vertex's count-tokens:rawPredict
    exchanges = provider_calls(s, "google-oauth")  # google-auth exchanged the OIDC token at the fake's STS
    assert exchanges and all(
        e.body["subject_token"].startswith("eyJ") and e.body["grant_type"].endswith("token-exchange")
        for e in exchanges
    )
    assert calls[0].count  # the preflight's token count came first, before any repository work
    assert s.model.rejected == []
    secrets_absent(s, out)


def test_vertex_credentials_written_into_the_workspace_are_found_at_the_containers_path(s):
    """google-github-actions/auth writes gha-creds-*.json into the workspace and exports the host's
    path; inside the Docker action the workspace is mounted elsewhere."""
    vertex_credentials(s, s.work / "gha-creds-0123abcd.json")
    vertex(s, creds=Path("/home/runner/work/calc/calc/gha-creds-0123abcd.json"))
    code, out = scripted_fix(s).run()
    assert out["status"] == "pr_opened", out
    assert provider_calls(s, "vertex")
    [pr] = s.github.pulls.values()  # the credentials file stays out of the commit
    tree = subprocess.run(
        ["git", "--git-dir", str(s.origin), "ls-tree", "-r", "--name-only", pr["head"]],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "gha-creds" not in tree


def test_vertex_takes_a_dated_vertex_id_verbatim(s):
    code, out = scripted_fix(vertex(s, model="claude-haiku-4-5@20251001")).run()
    assert out["status"] == "pr_opened", out
    assert {c.model for c in provider_calls(s, "vertex") if not c.count} == {"claude-haiku-4-5@20251001"}


def test_foundry_run_opens_the_pull_request_through_the_sdks_foundry_client(s):
    s.inputs["provider"] = "foundry"
    s.without.add("BOOTY_ANTHROPIC_API_KEY")
    s.env.update(
        {
            "ANTHROPIC_FOUNDRY_API_KEY": FOUNDRY_KEY,
            "ANTHROPIC_FOUNDRY_BASE_URL": f"{s.model.base_url}/anthropic",
        }
    )
    code, out = scripted_fix(s).run()
    assert out["status"] == "pr_opened", out
    calls = provider_calls(s, "foundry")
    assert calls and all(
        FOUNDRY_KEY
        in (
            c.headers.get("api-key", "") + c.headers.get("x-api-key", "") + c.headers.get("authorization", "")
        )
        for c in calls
    )
    secrets_absent(s, out)


# ---------------------------------------------------------------- preflight: before any repository work


def expect_refused(s: Scenario, *needles: str) -> str:
    code, out = s.run()
    assert (code, out["status"]) == (1, "error"), out
    message = s.stdout
    for needle in needles:
        assert needle in message, message
    # stopped before any repository work: no model call, nothing written to GitHub
    assert s.model.requests == [] and s.model.provider_calls == [] and not s.github.pulls
    assert s.github.comments_on(s.issue_number) == []
    secrets_absent(s, out)
    return message


@pytest.mark.parametrize(
    ("change", "needles"),
    [
        (lambda s: s.env.pop("AWS_REGION"), ("AWS_REGION",)),
        (lambda s: s.env.update(AWS_REGION=" "), ("AWS_REGION",)),
        (
            lambda s: [s.env.pop(v) for v in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")],
            ("AWS_ACCESS_KEY_ID", "configure-aws-credentials"),
        ),
        (lambda s: s.without.discard("BOOTY_ANTHROPIC_API_KEY"), ("anthropic_api_key", "provider: bedrock")),
        (lambda s: s.env.update(GOOGLE_APPLICATION_CREDENTIALS="/tmp/x.json"), ("two providers",)),
        (
            lambda s: s.inputs.update(model="claude-sonnet-5-5@20260101"),
            ("not a model id Amazon Bedrock takes", "Google Vertex AI"),
        ),
        (lambda s: s.inputs.update(model="xx.anthropic.claude-sonnet-5-5"), ("prefix `xx.`",)),
    ],
    ids=[
        "no-region",
        "empty-region",
        "no-aws-credentials",
        "api-key-with-bedrock",
        "two-providers",
        "vertex-id-on-bedrock",
        "unknown-profile-prefix",
    ],
)
def test_bedrock_preflight_failures_name_what_to_set(s, change, needles):
    bedrock(s)
    change(s)
    expect_refused(s, *needles)


@pytest.mark.parametrize(
    ("change", "needles"),
    [
        (
            lambda s: s.env.pop("GOOGLE_APPLICATION_CREDENTIALS"),
            ("GOOGLE_APPLICATION_CREDENTIALS", "google-github-actions/auth"),
        ),
        (
            lambda s: s.env.update(
                GOOGLE_APPLICATION_CREDENTIALS="/home/runner/work/x/x/gha-creds-missing.json"
            ),
            ("does not exist", "gha-creds-missing.json"),
        ),
        (lambda s: s.env.pop("ANTHROPIC_VERTEX_PROJECT_ID"), ("ANTHROPIC_VERTEX_PROJECT_ID",)),
        (lambda s: s.env.pop("CLOUD_ML_REGION"), ("CLOUD_ML_REGION",)),
        (
            lambda s: s.inputs.update(model="global.anthropic.claude-sonnet-5-5"),
            ("Amazon Bedrock", "provider: bedrock"),
        ),
    ],
    ids=["no-credentials", "missing-file", "no-project", "no-region", "bedrock-id-on-vertex"],
)
def test_vertex_preflight_failures_name_what_to_set(s, change, needles):
    vertex(s)
    change(s)
    expect_refused(s, *needles)


def test_anthropic_without_a_key_names_the_input(s):
    s.without.add("BOOTY_ANTHROPIC_API_KEY")
    expect_refused(s, "anthropic_api_key")


def test_anthropic_default_with_only_aws_credentials_says_to_choose_bedrock(s):
    s.without.add("BOOTY_ANTHROPIC_API_KEY")
    s.env.update(
        {"AWS_ACCESS_KEY_ID": AWS_KEY_ID, "AWS_SECRET_ACCESS_KEY": AWS_SECRET, "AWS_REGION": "us-east-1"}
    )
    expect_refused(s, "provider: bedrock")


def expect_bedrock_refused(s: Scenario, *needles: str) -> str:
    """The preflight's lookup refused: status error naming what to change, the lookup the only
    call to AWS, nothing written to GitHub, no secret shown."""
    scripted_fix(s)
    code, out = s.run()
    assert (code, out["status"]) == (1, "error"), out
    for needle in needles:
        assert needle in s.stdout, s.stdout
    assert [c.provider for c in s.model.provider_calls] == ["bedrock-control"]
    assert s.model.requests == [] and not s.github.pulls and s.github.comments_on(s.issue_number) == []
    assert "Traceback" not in s.stdout
    secrets_absent(s, out)
    return s.stdout


def test_bedrock_preflight_looks_the_inference_profile_up_before_any_repository_work(s):
    code, out = scripted_fix(bedrock(s)).run()
    assert out["status"] == "pr_opened", out
    first = s.model.provider_calls[0]  # GetInferenceProfile, signed like the runtime calls
    assert (first.provider, first.path) == (
        "bedrock-control",
        "/inference-profiles/global.anthropic.claude-sonnet-5-5",
    )
    assert first.headers["authorization"].startswith(f"AWS4-HMAC-SHA256 Credential={AWS_KEY_ID}/")
    assert "/eu-west-1/bedrock/aws4_request" in first.headers["authorization"]
    assert [c.provider for c in s.model.provider_calls].count("bedrock-control") == 1


def test_bedrock_preflight_looks_an_in_region_model_up_as_a_foundation_model(s):
    code, out = scripted_fix(bedrock(s, model="anthropic.claude-haiku-4-5-20251001-v1:0")).run()
    assert out["status"] == "pr_opened", out
    # botocore percent-encodes the id in the path, as AWS expects
    assert s.model.provider_calls[0].path == "/foundation-models/anthropic.claude-haiku-4-5-20251001-v1%3A0"
    assert "Amazon Bedrock in-region (eu-west-1), at 1.1x" in s.summary


def test_bedrock_preflight_signature_for_another_region_names_aws_region(s):
    bedrock(s)
    s.model.bedrock_region = "us-east-1"  # the SDK and boto3 sign for eu-west-1
    expect_bedrock_refused(s, "InvalidSignatureException", "AWS_REGION", "configure-aws-credentials")


def test_bedrock_preflight_unknown_access_key_names_the_credential_variables(s):
    bedrock(s)
    s.model.bedrock.known_keys = {"AKIAANOTHERKEY000001"}
    expect_bedrock_refused(s, "UnrecognizedClientException", "AWS_ACCESS_KEY_ID", "role-to-assume")


def test_bedrock_preflight_expired_session_says_to_log_in_again(s):
    bedrock(s)
    s.model.bedrock.expired_tokens = {AWS_SESSION}
    expect_bedrock_refused(s, "ExpiredTokenException", "role-duration-seconds")


def test_bedrock_preflight_denied_lookup_names_the_permission(s):
    bedrock(s)
    s.model.bedrock.denied = {"bedrock:GetInferenceProfile"}
    message = expect_bedrock_refused(
        s, "AccessDeniedException", "bedrock:GetInferenceProfile", "bedrock:InvokeModel"
    )
    assert "assumed-role/booty-bedrock" in message  # AWS's own words, which name the role


def test_bedrock_role_that_may_look_up_but_not_invoke_names_the_invoke_permission(s):
    bedrock(s)
    s.model.bedrock.denied = {"bedrock:InvokeModelWithResponseStream"}
    scripted_fix(s)
    code, out = s.run()
    assert (code, out["status"]) == (1, "error"), out
    assert "AccessDeniedException" in s.stdout and "bedrock:InvokeModelWithResponseStream" in s.stdout
    assert "Allow bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream" in s.stdout
    assert s.model.provider_calls[0].provider == "bedrock-control"  # the lookup passed
    assert not s.github.pulls
    secrets_absent(s, out)


def test_bedrock_preflight_profile_not_offered_in_the_region_names_aws_region(s):
    bedrock(s, model="eu.anthropic.claude-sonnet-5-5", AWS_REGION="us-east-1")
    s.model.bedrock_region = "us-east-1"
    expect_bedrock_refused(
        s, "ResourceNotFoundException", "Amazon Bedrock in us-east-1 has no inference profile", "AWS_REGION"
    )


def test_bedrock_preflight_unknown_model_names_the_model_input(s):
    bedrock(s, model="global.anthropic.claude-nonexistent-9")
    expect_bedrock_refused(s, "ResourceNotFoundException", "`model` input")


def test_bedrock_preflight_malformed_arn_is_a_validation_error(s):
    bedrock(s, model="arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/bad!id")
    expect_bedrock_refused(s, "ValidationException", "Set the `model` input")


def test_vertex_preflight_call_rejected_credentials_stop_before_the_repository(s):
    vertex(s)
    s.monkeypatch.setattr(
        "booty.demo.provider_calls.VERTEX_TOKEN", "ya29.another-token"
    )  # the service refuses ours
    code, out = s.run()
    assert out["status"] == "error", out
    assert (
        "Google Vertex AI rejected the credentials" in s.stdout and "workload_identity_provider" in s.stdout
    )
    assert [c.count for c in provider_calls(s, "vertex")] == [True]  # the one cheap call, nothing after it
    assert s.github.comments_on(s.issue_number) == [] and not s.github.pulls
    secrets_absent(s, out)


def test_vertex_preflight_unknown_model_names_the_region_setting(s):
    vertex(s, model="claude-nonexistent-9")
    code, out = s.run()
    assert out["status"] == "error", out
    assert "claude-nonexistent-9" in s.stdout and s.github.comments_on(s.issue_number) == []


def federated(s: Scenario) -> Scenario:
    """provider anthropic without a key: workload identity federation with GitHub's OIDC token."""
    s.without.add("BOOTY_ANTHROPIC_API_KEY")
    s.env.update(
        {
            "ANTHROPIC_FEDERATION_RULE_ID": s.model.federation_rule_id,
            "ANTHROPIC_ORGANIZATION_ID": "org-fake",
            "ACTIONS_ID_TOKEN_REQUEST_URL": f"{s.model.base_url}/_github/oidc?api-version=2.0",
            "ACTIONS_ID_TOKEN_REQUEST_TOKEN": OIDC_REQUEST_TOKEN,
        }
    )
    return s


def test_anthropic_workload_identity_federation_run_opens_the_pull_request(s):
    code, out = scripted_fix(federated(s)).run()
    assert (code, out["status"]) == (0, "pr_opened"), out
    [oidc, *_] = provider_calls(s, "github-oidc")
    assert oidc.headers["authorization"] == f"Bearer {OIDC_REQUEST_TOKEN}" and "audience=" in oidc.path
    exchanges = provider_calls(s, "anthropic-federation")
    assert exchanges and all(
        e.body["federation_rule_id"] == s.model.federation_rule_id and e.body["organization_id"] == "org-fake"
        for e in exchanges
    )
    for headers in s.model.headers:  # every API call with an exchanged access token, never a key
        assert (
            headers["authorization"].removeprefix("Bearer ") in s.model.access_tokens
            and "x-api-key" not in headers
        )
    secrets_absent(s, out)


def test_anthropic_federation_with_an_already_used_token_stops_with_a_clear_message(s):
    federated(s)
    s.model.oidc_value = "eyJhbGciOiJSUzI1NiJ9.replayed.sig"
    s.model.used_assertions.add(s.model.oidc_value)
    code, out = s.run()
    assert (code, out["status"]) == (1, "error"), out
    assert "already been used" in s.stdout and "re-run the job" in s.stdout and "Traceback" not in s.stdout
    assert s.model.requests == [] and s.github.comments_on(s.issue_number) == []  # before any repository work
    secrets_absent(s, out)


# ---------------------------------------------------------------- cost per provider


def _list_cost(out: dict[str, str]) -> float:
    """The run's cost at Anthropic's list price for Sonnet 5.5, from its token outputs."""
    from booty.claude.profiles import PROFILES
    from booty.models import Usage
    from booty.spend.cost import call_cost

    cache_write, cache_read = int(out["cache_write_tokens"]), int(out["cache_read_tokens"])
    usage = Usage(
        input_tokens=int(out["input_tokens"]) - cache_write - cache_read,
        output_tokens=int(out["output_tokens"]),
        cache_write_tokens=cache_write,
        cache_read_tokens=cache_read,
    )
    return call_cost(PROFILES["claude-sonnet-5-5"].prices, usage)


def test_bedrock_geographic_profile_is_priced_at_its_premium_and_named_everywhere(s):
    code, out = scripted_fix(bedrock(s, model="eu.anthropic.claude-sonnet-5-5")).run()
    assert out["status"] == "pr_opened", out
    assert out["provider"] == "bedrock"
    assert float(out["cost_usd"]) == pytest.approx(_list_cost(out) * 1.1, abs=2e-6)
    served = "Amazon Bedrock (eu-west-1) as `eu.anthropic.claude-sonnet-5-5`"
    assert f"| provider | {served} (Amazon Bedrock's geographic inference profile `eu.`, at 1.1x" in s.summary
    [pr] = s.github.pulls.values()
    assert f"Model `claude-sonnet-5-5` through {served}" in pr["body"]


def test_bedrock_global_profile_is_at_list_price(s):
    code, out = scripted_fix(bedrock(s)).run()
    assert (out["status"], out["provider"]) == ("pr_opened", "bedrock"), out
    assert float(out["cost_usd"]) == pytest.approx(_list_cost(out), abs=2e-6)
    assert "at Anthropic's list price" in s.summary


def test_vertex_regional_endpoint_cap_counts_the_premium(s):
    """The cap's worst case for the first call is priced at 1.1x on a regional endpoint: the
    message's dollar figure is that of its own token counts at the regional price."""
    import re

    vertex(s, CLOUD_ML_REGION="us-east5")
    s.inputs["max_cost_usd"] = "0.05"
    code, out = scripted_fix(s).run()
    assert (out["status"], out["provider"]) == ("budget_exceeded", "vertex"), out
    found = re.search(r"could cost up to \$([\d.]+) \(([\d,]+) input tokens, up to ([\d,]+) output", s.stdout)
    assert found, s.stdout
    worst, prompt, output = float(found[1]), int(found[2].replace(",", "")), int(found[3].replace(",", ""))
    listed = (prompt * 2.50 + output * 10.00) / 1e6  # Sonnet 5.5: cache write $2.50, output $10 per Mtok
    assert worst == pytest.approx(listed * 1.1, abs=1e-4) and worst > listed + 1e-3
    assert {c.region for c in provider_calls(s, "vertex")} == {"us-east5"}
    assert not s.github.pulls


# ---------------------------------------------------------------- Foundry with Microsoft Entra ID


def entra(s: Scenario, https_url: str, ca_file: Path) -> Scenario:
    """provider foundry without a key: azure-identity's ClientAssertionCredential with GitHub's
    OIDC token, against the fake Entra authority (azure-identity requires https: a TLS front)."""
    s.inputs["provider"] = "foundry"
    s.without.add("BOOTY_ANTHROPIC_API_KEY")
    s.env.update(
        {
            "AZURE_CLIENT_ID": s.model.entra.client_id,
            "AZURE_TENANT_ID": s.model.entra.tenant_id,
            "AZURE_AUTHORITY_HOST": https_url,
            "REQUESTS_CA_BUNDLE": str(ca_file),
            "ACTIONS_ID_TOKEN_REQUEST_URL": f"{s.model.base_url}/_github/oidc?api-version=2.0",
            "ACTIONS_ID_TOKEN_REQUEST_TOKEN": OIDC_REQUEST_TOKEN,
            "ANTHROPIC_FOUNDRY_BASE_URL": f"{s.model.base_url}/anthropic",
        }
    )
    return s


def test_foundry_with_entra_id_opens_the_pull_request(s):
    from tests.support.tls import tls_front

    with tls_front(s.model, s.tmp) as (https_url, ca_file):
        code, out = scripted_fix(entra(s, https_url, ca_file)).run()
    assert (code, out["status"], out["provider"]) == (0, "pr_opened", "foundry"), out
    [oidc, *_] = provider_calls(s, "github-oidc")
    assert "audience=api%3A%2F%2FAzureADTokenExchange" in oidc.path
    [exchange] = provider_calls(s, "entra")  # one token, cached by azure-identity for the whole run
    assert exchange.path == f"/{s.model.entra.tenant_id}/oauth2/v2.0/token"
    assert exchange.body["grant_type"] == "client_credentials"
    assert exchange.body["client_assertion_type"] == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
    assert exchange.body["scope"] == "https://ai.azure.com/.default"
    calls = provider_calls(s, "foundry")
    assert calls and all(
        c.headers["authorization"].removeprefix("Bearer ") in s.model.entra.issued for c in calls
    )
    assert all("api-key" not in c.headers and "x-api-key" not in c.headers for c in calls)
    assert s.model.provider_calls.index(exchange) < s.model.provider_calls.index(calls[0])  # the preflight
    assert "Microsoft Foundry" in s.summary
    secrets_absent(s, out)


@pytest.mark.parametrize(
    ("change", "needles"),
    [
        (
            lambda s: s.env.update(AZURE_CLIENT_ID="00000000-0000-0000-0000-00000000dead"),
            ("AADSTS700016", "AZURE_CLIENT_ID"),
        ),
        (
            lambda s: s.env.update(AZURE_TENANT_ID="00000000-0000-0000-0000-0000000000ff"),
            ("AADSTS90002", "AZURE_TENANT_ID"),
        ),
        (lambda s: setattr(s.model.entra, "federated", False), ("AADSTS700213", "federated credential")),
    ],
    ids=["unknown-app", "unknown-tenant", "no-federated-credential"],
)
def test_foundry_entra_refusals_stop_before_the_repository(s, change, needles):
    from tests.support.tls import tls_front

    with tls_front(s.model, s.tmp) as (https_url, ca_file):
        entra(s, https_url, ca_file)
        change(s)
        code, out = s.run()
    assert (code, out["status"]) == (1, "error"), out
    for needle in needles:
        assert needle in s.stdout, s.stdout
    assert provider_calls(s, "foundry") == [] and s.model.requests == []
    assert not s.github.pulls and s.github.comments_on(s.issue_number) == [] and "Traceback" not in s.stdout
    secrets_absent(s, out)


def test_foundry_entra_without_id_token_permission_names_it(s):
    entra(s, "https://127.0.0.1:9", Path("/nonexistent"))
    s.env.pop("ACTIONS_ID_TOKEN_REQUEST_URL")
    expect_refused(s, "id-token: write")


def test_foundry_without_any_credential_names_both_ways(s):
    s.inputs["provider"] = "foundry"
    s.without.add("BOOTY_ANTHROPIC_API_KEY")
    s.env.update(ANTHROPIC_FOUNDRY_RESOURCE="my-resource")
    expect_refused(s, "AZURE_CLIENT_ID", "ANTHROPIC_FOUNDRY_API_KEY")
