"""Runs the workflow author's optional ``test_command`` in the workspace, bounded in time and output."""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path

from booty.models import TestResult

MAX_TAIL_CHARS = 4_000


def run_test_command(
    command: str, cwd: Path, timeout_s: int, scrub: Callable[[str], str] = lambda s: s
) -> TestResult:
    """Run ``command`` with a shell; keep the tail of its output. Never raises for a failing command."""
    try:
        proc = subprocess.Popen(
            command,
            shell=True,
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # so a timeout kills the whole process group
            env={k: v for k, v in os.environ.items() if not _secret_variable(k)},
        )
    except OSError as err:
        return TestResult(status="failed", command=command, tail=f"could not start: {err}")
    try:
        out, _ = proc.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        tail = _tail(out) + f"\n[timed out after {timeout_s}s]"
        return TestResult(status="failed", command=command, tail=scrub(tail), exit_code=None)
    return TestResult(
        status="passed" if proc.returncode == 0 else "failed",
        command=command,
        tail=scrub(_tail(out)),
        exit_code=proc.returncode,
    )


def _tail(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace")
    return text if len(text) <= MAX_TAIL_CHARS else "[...]\n" + text[-MAX_TAIL_CHARS:]


# The cloud providers' credentials (provider: bedrock / vertex / foundry) are Booty's secrets as
# much as the API key: model-written code never sees them.
_CLOUD_SECRETS = {
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_BEARER_TOKEN_BEDROCK",
    "AWS_PROFILE",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "GOOGLE_APPLICATION_CREDENTIALS",
    "CLOUDSDK_AUTH_CREDENTIAL_FILE_OVERRIDE",
    "GOOGLE_GHA_CREDS_PATH",
    "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
    "ACTIONS_ID_TOKEN_REQUEST_URL",
}


def _secret_variable(name: str) -> bool:
    return name.startswith(("BOOTY_", "ANTHROPIC_", "INPUT_")) or name in _CLOUD_SECRETS
