"""The optional test_command: real shell processes, bounded in time and output, without Booty's secrets."""

from __future__ import annotations

import time

from booty.adapters.test_runner import MAX_TAIL_CHARS, run_test_command


def test_passing_and_failing_commands_report_status_exit_code_and_output(tmp_path):
    (tmp_path / "check.sh").write_text("echo checking; test -f ok || { echo 'ok is missing' >&2; exit 3; }\n")
    failed = run_test_command("sh check.sh", tmp_path, 30)
    assert (failed.status, failed.exit_code) == ("failed", 3) and "ok is missing" in failed.tail
    (tmp_path / "ok").write_text("")
    passed = run_test_command("sh check.sh", tmp_path, 30)
    assert (passed.status, passed.exit_code, passed.tail.strip()) == ("passed", 0, "checking")


def test_a_command_over_its_timeout_is_killed_with_its_children(tmp_path):
    started = time.monotonic()
    result = run_test_command(f"(sleep 30; touch {tmp_path}/late) & sleep 30", tmp_path, 1)
    assert time.monotonic() - started < 10
    assert result.status == "failed" and result.exit_code is None and "timed out after 1s" in result.tail
    time.sleep(0.5)
    assert not (tmp_path / "late").exists()


def test_only_the_tail_of_a_long_output_is_kept(tmp_path):
    result = run_test_command("seq 1 100000", tmp_path, 30)
    assert len(result.tail) <= MAX_TAIL_CHARS + 10 and result.tail.startswith("[...]")
    assert result.tail.rstrip().endswith("100000")


def test_booty_secrets_are_not_in_the_command_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("BOOTY_GITHUB_TOKEN", "ghs_v4lu3")
    monkeypatch.setenv("INPUT_ANTHROPIC_API_KEY", "sk-v4lu3")
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-v4lu3")
    monkeypatch.setenv("PROJECT_SETTING", "kept")
    result = run_test_command("env", tmp_path, 30)
    assert "v4lu3" not in result.tail and "PROJECT_SETTING=kept" in result.tail


def test_output_is_scrubbed_and_a_command_that_cannot_start_fails(tmp_path):
    result = run_test_command("echo token=abc123", tmp_path, 30, scrub=lambda s: s.replace("abc123", "***"))
    assert "abc123" not in result.tail and "token=***" in result.tail
    missing = run_test_command("true", tmp_path / "gone", 30)
    assert missing.status == "failed" and "could not start" in missing.tail
