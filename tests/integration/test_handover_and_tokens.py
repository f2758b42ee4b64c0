"""Restricted files handed over, maintainer text capped, dry runs shown, tokens and bots told apart:
through booty.main against the stateful fake GitHub and the scripted model."""

from __future__ import annotations

from tests.support.scenario import scripted_fix
from tests.support.scripted import FIXED_OPS, Scripted, plan, planner_request_text, whole_file

WORKFLOW = "name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n"


def test_the_rest_of_the_change_ships_and_the_restricted_file_is_handed_over(scenario, capsys):
    s = scenario.labeled()
    changes = [
        {"path": "calc/ops.py", "action": "modify", "reason": "Guard against b == 0."},
        {"path": ".github/workflows/ci.yml", "action": "create", "reason": "Run the tests in CI."},
    ]
    s.model.responder = Scripted(
        plan(changes=changes),
        {
            "calc/ops.py": [whole_file("calc/ops.py", FIXED_OPS)],
            ".github/workflows/ci.yml": [f".github/workflows/ci.yml\n```yaml\n{WORKFLOW}```\n"],
        },
    )
    code, out = s.run(capsys)

    assert (code, out["status"]) == (0, "pr_opened"), s.summary
    branch = f"agent/issue-{s.issue_number}"
    assert s.show_on_origin(branch, "calc/ops.py") == FIXED_OPS
    files = s.show_on_origin(branch, "").split()  # `git show REF:` lists the top-level tree
    assert ".github/" not in files  # the workflow was never written
    [pr] = s.github.pulls.values()
    assert "Changes to apply by hand" in pr["body"] and "`.github/workflows/ci.yml`" in pr["body"]
    assert "      - run: pytest" in pr["body"]  # the proposed content, verbatim, for a maintainer
    assert "restricted file(s) are proposed" in s.github.comments_on(s.issue_number)[0]["body"]


def test_guidance_from_agents_and_contributing_is_maintainer_text_with_a_size_cap(scenario, capsys):
    s = scripted_fix(scenario.labeled())
    s.commit_files(
        {
            "AGENTS.md": "Use ValueError for bad arguments.\n"
            + "Filler line for a long guide.\n" * 2_000
            + "TAIL-OF-AGENTS\n",
            "CONTRIBUTING.md": "Run pytest before sending a change.\n",
        }
    )
    code, out = s.run(capsys)

    assert out["status"] == "pr_opened"
    prompt = planner_request_text(s)
    guidance = prompt[prompt.index("<maintainer-guidance>") : prompt.index("</maintainer-guidance>")]
    assert (
        "Use ValueError for bad arguments." in guidance and "Run pytest before sending a change." in guidance
    )
    assert "TAIL-OF-AGENTS" not in prompt and len(guidance) < 10_000  # capped, with a cut marker
    assert "[... cut ...]" in guidance
    fence = prompt.index("<maintainer-guidance>")
    issue_at = prompt.index("divide crashes with ZeroDivisionError")
    assert (
        not fence < issue_at < prompt.index("</maintainer-guidance>")
    )  # the issue is not in the maintainer fence


def test_code_owners_who_are_not_collaborators_are_named_and_no_review_is_requested(scenario, capsys):
    s = scripted_fix(scenario.labeled())
    s.commit_files(
        {".github/CODEOWNERS": "calc/ @calc-owner\n"}
    )  # not a collaborator: a request would be refused (422)
    code, out = s.run(capsys)

    assert (code, out["status"]) == (0, "pr_opened")
    [pr] = s.github.pulls.values()
    assert pr["requested_reviewers"] == [] and s.github.violations == []
    assert not any(r.path.endswith("/requested_reviewers") for r in s.github.requests)
    assert [ln for ln in pr["body"].splitlines() if "calc-owner" in ln] == [
        "> Code owners of the changed files: `@calc-owner` (GitHub requests their reviews)."
    ]
    assert "review" not in s.github.comments_on(s.issue_number)[0]["body"].lower()


def test_a_dry_run_puts_the_diff_and_the_pr_body_in_the_comment_and_pushes_nothing(scenario, capsys):
    s = scripted_fix(scenario.labeled())
    s.inputs["dry_run"] = "true"
    code, out = s.run(capsys)

    assert (code, out["status"]) == (0, "dry_run")
    comment = s.github.comments_on(s.issue_number)[0]["body"]
    assert "(`dry_run`)" in comment and "```diff" in comment
    assert '+        raise ValueError("cannot divide by zero")' in comment  # the diff
    assert "fix(ops): clear error on division by zero" in comment and "## Test plan" in comment  # the PR body
    assert '+        raise ValueError("cannot divide by zero")' in s.summary and "## Test plan" in s.summary
    assert s.github.pulls == {} and s.branch_on_origin(f"agent/issue-{s.issue_number}") == ""
    assert not any(r.method in ("POST", "PATCH") and "/pulls" in r.path for r in s.github.requests)


def test_a_pr_opened_with_a_github_app_token_gets_no_default_token_warning(scenario, capsys):
    s = scripted_fix(scenario.labeled())
    s.github.state.actor = "booty-app[bot]"  # installation tokens of an App also start with ghs_
    code, out = s.run(capsys)

    assert out["status"] == "pr_opened"
    assert s.github.pulls[int(out["pr_number"])]["author"] == "booty-app[bot]"
    assert "GITHUB_TOKEN" not in s.github.comments_on(s.issue_number)[0]["body"]


def test_the_default_token_warning_says_ci_will_not_run_and_how_to_fix_it(scenario, capsys):
    s = scripted_fix(scenario.labeled())
    code, out = s.run(capsys)

    assert out["status"] == "pr_opened"
    comment = s.github.comments_on(s.issue_number)[0]["body"]
    assert "default GITHUB_TOKEN" in comment and "will not start CI" in comment
    assert "personal access token or a GitHub App token as `github_token`" in comment


def test_an_allowed_bot_runs_although_github_gives_bots_no_collaborator_role(scenario, capsys):
    s = scripted_fix(
        scenario.labeled(actor="renovate[bot]", actor_type="Bot")
    )  # the fake answers "none" for it
    code, out = s.run(capsys)
    assert (code, out["status"]) == (0, "unauthorized") and s.model.requests == []

    s.inputs["allowed_bots"] = "dependabot[bot], renovate[bot]"
    code, out = s.run(capsys)
    assert (code, out["status"]) == (0, "pr_opened")


def test_a_dispatch_by_a_reader_is_refused_without_a_model_call(scenario, capsys):
    s = scripted_fix(scenario)
    s.event_name, s.event = (
        "workflow_dispatch",
        {
            "inputs": {"issue_number": str(s.issue_number)},
            "sender": {"login": "reader", "type": "User"},
        },
    )
    s.github.permissions["reader"] = "read"
    code, out = s.run(capsys)
    assert (code, out["status"]) == (0, "unauthorized")
    assert s.model.requests == [] and s.model.count_requests == [] and s.github.pulls == {}

    s.github.permissions["reader"] = "maintain"
    assert s.run(capsys)[1]["status"] == "pr_opened"
