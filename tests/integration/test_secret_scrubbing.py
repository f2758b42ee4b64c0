"""Defence in depth for secrets, through the whole action: a scripted model that repeats the values of
the repository's never-read files and the tokens, wherever it writes. None of them may reach the pull
request, the commits on origin, the comments, the job summary, the outputs, the log or a prompt."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.support.promises import Snapshot, booty_comments, broken_promises
from tests.support.repository import REPO_FILES, git
from tests.support.scenario import API_KEY, GITHUB_TOKEN, world
from tests.support.scripted import FIXED_OPS, Scripted, plan, request_text, whole_file

SECRET_FILES = {
    ".env": (
        "SECRET_TOKEN=do-not-leak-this\nDATABASE_URL=postgres://app:pg-pass-8842@db.internal:5432/app\n"
        "STRIPE_KEY=sk_live_51Hx9fakeStripeKeyValue\nDEBUG=true\n"
    ),
    ".npmrc": "//registry.npmjs.org/:_authToken=npm_FakeNpmToken0123456789\n",
    "deploy/id_ed25519": (
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAAB\n"
        "-----END OPENSSH PRIVATE KEY-----\n"
    ),
    ".gitignore": ".env.local\n",
}
UNTRACKED = {".env.local": "LOCAL_API_SECRET=local-secret-value-77\n"}  # written by an earlier workflow step
FILE_VALUES = (
    "do-not-leak-this", "pg-pass-8842", "sk_live_51Hx9fakeStripeKeyValue", "npm_FakeNpmToken0123456789",
    "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAAB", "local-secret-value-77",
)  # fmt: skip
TOKENS = (GITHUB_TOKEN, API_KEY)
EVERY = " ".join(FILE_VALUES + TOKENS)
LEAKY_OPS = FIXED_OPS + "".join(f'\nSECRET_{i} = "{v}"\n' for i, v in enumerate(FILE_VALUES + TOKENS))
WORKFLOW = ".github/workflows/deploy.yml"
CHANGES = [
    {"path": "calc/ops.py", "action": "modify", "reason": "Guard against b == 0."},
    {"path": WORKFLOW, "action": "create", "reason": "Deploy with the keys."},
]


@pytest.fixture
def s(tmp_path, monkeypatch) -> Iterator:
    with world(tmp_path, monkeypatch, {**REPO_FILES, **SECRET_FILES}) as scenario:
        for rel, text in UNTRACKED.items():
            (scenario.work / rel).write_text(text)
        yield scenario.labeled()


def leaky_plan(**overrides):
    leaky = {
        "title": f"fix(ops): zero guard {FILE_VALUES[0]} {GITHUB_TOKEN}",
        "summary": f"Configured with {EVERY}.",
        "acceptance_criteria": [f"{v} is used" for v in FILE_VALUES + TOKENS],
        "changes": [{**c, "reason": f"{c['reason']} {EVERY}"} for c in CHANGES],
    }
    return plan(**{**leaky, **overrides})


def proposal(text: str) -> str:
    return f"{WORKFLOW}\n```yaml\n{text}```\n"


LEAKY_WORKFLOW = "on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n" + "".join(
    f"      K{i}: {v}\n" for i, v in enumerate(FILE_VALUES + TOKENS)
)


def outward(s, out: dict[str, str]) -> str:
    """Everything Booty wrote: GitHub requests and state it made, its commits on origin, summary,
    outputs, and the log (stdout and stderr)."""
    made = json.dumps([r.json for r in s.github.requests], default=str)
    made += json.dumps(list(s.github.pulls.values())) + json.dumps(booty_comments(s.github, s.issue_number))
    commits = git("log", "-p", "--all", "--author=github-actions", "--format=%H%n%B", cwd=s.origin)
    return "\n".join([made, commits, s.summary, json.dumps(out), s.stdout, s.stderr])


def assert_nothing_leaked(s, out: dict[str, str]) -> None:
    written = outward(s, out)
    for value in FILE_VALUES:
        assert value not in written, value
        for request in s.model.requests + s.model.count_requests:
            assert value not in request_text(request), f"{value} reached a prompt"
    unmasked = "\n".join(line for line in written.splitlines() if not line.startswith("::add-mask::"))
    for token in TOKENS:
        assert token not in unmasked and all(token not in request_text(r) for r in s.model.requests)


def test_values_a_model_writes_into_the_plan_code_and_a_proposal_reach_nothing(s, capsys):
    s.model.responder = Scripted(
        leaky_plan(),
        {
            "calc/ops.py": [whole_file("calc/ops.py", LEAKY_OPS), whole_file("calc/ops.py", FIXED_OPS)],
            WORKFLOW: [proposal(LEAKY_WORKFLOW)],
        },
    )
    before = Snapshot.of(s)
    code, out = s.run(capsys)

    assert (code, out["status"]) == (0, "pr_opened"), s.summary
    assert broken_promises(s, before, code, out) == []
    assert_nothing_leaked(s, out)
    [pr] = s.github.pulls.values()
    assert pr["title"].startswith("fix(ops): zero guard ***") and "Configured with *** ***" in pr["body"]
    assert (
        f"`{WORKFLOW}`**: Booty refused this proposal" in pr["body"]
    )  # a proposal holding secrets is named only
    assert s.show_on_origin(f"agent/issue-{s.issue_number}", "calc/ops.py") == FIXED_OPS
    repair = [request_text(r) for r in s.model.requests if "# Your file: calc/ops.py " in request_text(r)][-1]
    assert (
        "writes the value of a secret" in repair and 'SECRET_0 = "***"' in repair
    )  # told why, shown scrubbed


def test_code_that_keeps_a_secret_is_never_committed_and_the_comment_says_why(s, capsys):
    s.model.responder = Scripted(
        leaky_plan(changes=CHANGES[:1]), {"calc/ops.py": [whole_file("calc/ops.py", LEAKY_OPS)]}
    )
    before = Snapshot.of(s)
    code, out = s.run(capsys)

    assert (code, out["status"]) == (1, "validation_failed"), s.summary
    assert broken_promises(s, before, code, out) == []
    assert_nothing_leaked(s, out)
    assert git("log", "--all", "--author=github-actions", "--format=%H", cwd=s.origin) == ""
    said = "\n".join(c["body"] for c in booty_comments(s.github, s.issue_number))
    assert "calc/ops.py:" in said and "writes the value of a secret" in said


def test_a_dry_run_shows_the_diff_and_preview_without_the_values(s, capsys):
    s.inputs["dry_run"] = "true"
    s.model.responder = Scripted(
        leaky_plan(),
        {
            "calc/ops.py": [whole_file("calc/ops.py", FIXED_OPS)],
            WORKFLOW: [proposal(LEAKY_WORKFLOW), proposal("on: push\njobs: {}\n")],
        },
    )
    code, out = s.run(capsys)

    assert (code, out["status"]) == (0, "dry_run"), s.summary
    assert_nothing_leaked(s, out)
    assert (
        "<summary>Diff</summary>" in s.summary and "Configured with ***" in s.summary
    )  # the dry run message's diff
    assert "+on: push" in s.summary  # the repaired proposal is shown, as a diff


def test_a_value_pasted_into_the_issue_or_asked_back_by_the_model_is_scrubbed(s, capsys):
    s.issue_number = s.github.add_issue(
        "divide crashes", f"It fails with key {FILE_VALUES[2]} set.", author="maint"
    )
    s.labeled()
    s.model.responder = Scripted(
        plan(
            actionable=False, questions=[f"Is {FILE_VALUES[1]} the right password?", f"Token {GITHUB_TOKEN}?"]
        ),
        {},
    )
    code, out = s.run(capsys)

    assert (code, out["status"]) == (0, "needs_info"), s.summary
    assert_nothing_leaked(s, out)
    said = "\n".join(c["body"] for c in booty_comments(s.github, s.issue_number))
    assert "Is *** the right password?" in said and "Token ***?" in said


def test_a_path_named_after_a_secret_is_refused_and_not_shown(s, capsys):
    path = f"docs/{FILE_VALUES[0]}.md"
    s.model.responder = Scripted(leaky_plan(changes=[{"path": path, "action": "create", "reason": "notes"}]),
                                 {path: [f"{path}\n```markdown\n# notes\n```\n"]})  # fmt: skip
    code, out = s.run(capsys)

    assert (code, out["status"]) == (1, "validation_failed"), s.summary
    assert_nothing_leaked(s, out)


def test_git_echoing_a_value_in_an_error_is_scrubbed_too(s, capsys):
    hook = s.origin / "hooks" / "pre-receive"
    hook.write_text(f"#!/bin/sh\necho 'rejected: found {FILE_VALUES[3]} and {GITHUB_TOKEN}' >&2\nexit 1\n")
    hook.chmod(0o755)
    s.model.responder = Scripted(plan(), {"calc/ops.py": [whole_file("calc/ops.py", FIXED_OPS)]})
    before = Snapshot.of(s)
    code, out = s.run(capsys)

    assert (code, out["status"]) == (1, "error"), s.summary
    assert broken_promises(s, before, code, out) == []
    assert_nothing_leaked(s, out)
    assert "rejected: found *** and ***" in s.summary
