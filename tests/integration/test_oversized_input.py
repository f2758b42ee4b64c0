"""Oversized input and long comment threads, through the whole action: an issue body or writers'
thread beyond 256 KiB is refused before any model call; permission lookups follow the comments'
author_association and stop at 20."""

from __future__ import annotations

from tests.support.promises import Snapshot, booty_comments, broken_promises
from tests.support.scripted import FIXED_OPS, Scripted, plan, planner_request_text, whole_file

KIB = 1024


def start(s, body: str = "divide(1, 0) should raise a clear ValueError."):
    s.issue_number = s.github.add_issue("divide crashes with ZeroDivisionError", body, author="maint")
    s.labeled()
    s.model.responder = Scripted(plan(), {"calc/ops.py": [whole_file("calc/ops.py", FIXED_OPS)]})
    return s


def comment(s) -> str:
    return "\n".join(c["body"] for c in booty_comments(s.github, s.issue_number))


def lookups(s) -> list[str]:
    """The logins whose permission Booty asked GitHub for, in order."""
    return [
        r.path.split("/collaborators/")[1].split("/")[0]
        for r in s.github.requests
        if r.path.endswith("/permission")
    ]


def run_checked(s, capsys):
    before = Snapshot.of(s)
    code, out = s.run(capsys)
    assert broken_promises(s, before, code, out) == []
    assert s.github.violations == []
    return code, out


# ---------------------------------------------------------------- size


def test_a_2_mib_body_is_refused_before_any_model_call_with_its_size(scenario, capsys):
    s = start(scenario, "divide(1, 0) crashes. Log:\n" + "x" * (2 * KIB * KIB))
    code, out = run_checked(s, capsys)

    assert (code, out["status"]) == (1, "budget_exceeded")
    assert s.model.requests == [] and s.model.count_requests == [] and out["input_tokens"] == "0"
    said = comment(s)
    assert (
        "is 2,097,179 bytes" in said
        and "at most 262,144 bytes (256 KiB)" in said
        and "Nothing was sent to the model" in said
    )
    assert "2,097,179 bytes" in s.summary and s.github.pulls == {}


def test_a_body_of_multibyte_text_is_measured_in_bytes(scenario, capsys):
    s = start(scenario, "divide fails: " + "é" * (130 * KIB))  # 130 Ki characters, 260 KiB
    code, out = run_checked(s, capsys)
    assert out["status"] == "budget_exceeded" and s.model.requests == []


def test_a_long_body_under_the_limit_is_worked_on_with_its_tail_cut(scenario, capsys):
    s = start(scenario, "divide(1, 0) raises ZeroDivisionError.\n" + "trace line\n" * 20_000)  # about 220 KB
    code, out = run_checked(s, capsys)
    assert out["status"] == "pr_opened"
    assert "more characters cut by Booty" in planner_request_text(s)


def test_writers_comments_beyond_the_limit_together_are_refused(scenario, capsys):
    s = start(scenario)
    for _ in range(3):
        s.github.add_comment(s.issue_number, "More context: " + "y" * (100 * KIB), author="maint")
    code, out = run_checked(s, capsys)

    assert (code, out["status"]) == (1, "budget_exceeded") and s.model.requests == []
    assert "writers' comments come to 307,242 bytes" in comment(s)


def test_anyone_elses_huge_comments_neither_count_nor_reach_the_model(scenario, capsys):
    s = start(scenario)
    for i in range(5):
        s.github.add_comment(s.issue_number, f"SPAM-{i} " + "z" * (100 * KIB), author=f"stranger{i}")
    code, out = run_checked(s, capsys)

    assert out["status"] == "pr_opened"
    assert "SPAM-" not in planner_request_text(s)
    assert lookups(s) == ["maint"]  # their author_association (NONE) cannot make a writer


# ---------------------------------------------------------------- permission lookups


def test_150_comments_from_non_writers_cost_no_permission_lookups(scenario, capsys):
    s = start(scenario)
    for i in range(150):
        s.github.add_comment(s.issue_number, f"+1 from drive-by {i}", author=f"passerby{i}")
    code, out = run_checked(s, capsys)

    assert out["status"] == "pr_opened"
    assert lookups(s) == ["maint"]  # only the actor, to authorize the run
    assert len(s.github.requests) < 25  # it was 182 with one lookup per commenter


def test_associations_that_cannot_make_a_writer_are_not_looked_up(scenario, capsys):
    s = start(scenario)
    for association in ("NONE", "FIRST_TIMER", "FIRST_TIME_CONTRIBUTOR", "CONTRIBUTOR", "MANNEQUIN"):
        login = association.lower().replace("_", "-")
        s.github.add_comment(s.issue_number, f"TEXT-OF-{association}", author=login, association=association)
    code, out = run_checked(s, capsys)

    assert out["status"] == "pr_opened" and lookups(s) == ["maint"]
    assert "TEXT-OF-" not in planner_request_text(s)


def test_owners_members_and_collaborators_are_looked_up_and_only_writers_count(scenario, capsys):
    s = start(scenario)
    s.github.permissions.update({"octo-org": "admin", "org-member": "maintain", "helper": "triage"})
    s.github.add_comment(s.issue_number, "OWNER-SAYS keep the signature", author="octo-org")
    s.github.add_comment(s.issue_number, "MEMBER-SAYS add a test", author="org-member", association="MEMBER")
    s.github.add_comment(s.issue_number, "TRIAGER-SAYS rewrite everything", author="helper")
    code, out = run_checked(s, capsys)

    assert out["status"] == "pr_opened"
    assert sorted(lookups(s)) == ["helper", "maint", "octo-org", "org-member"]
    prompt = planner_request_text(s)
    assert "OWNER-SAYS" in prompt and "MEMBER-SAYS" in prompt and "TRIAGER-SAYS" not in prompt


def test_lookups_stop_at_20_the_most_recent_first_and_the_rest_is_a_note(scenario, capsys):
    s = start(scenario)
    for i in range(30):
        s.github.permissions[f"dev{i}"] = "write"
        s.github.add_comment(s.issue_number, f"NOTE-FROM-DEV{i}-END", author=f"dev{i}")
    code, out = run_checked(s, capsys)

    assert out["status"] == "pr_opened"
    assert lookups(s) == ["maint"] + [f"dev{i}" for i in range(29, 9, -1)]
    prompt = planner_request_text(s)
    assert all(f"NOTE-FROM-DEV{i}-END" in prompt for i in range(10, 30))
    assert not any(f"NOTE-FROM-DEV{i}-END" in prompt for i in range(10))
    assert "Left out 10 comment(s) whose authors' permission was not checked" in comment(s)


def test_the_actors_comments_count_whatever_their_association_says(scenario, capsys):
    s = start(scenario)  # a private organization member may show as CONTRIBUTOR to the workflow's token
    s.github.add_comment(
        s.issue_number, "ACTOR-SAYS use ValueError", author="maint", association="CONTRIBUTOR"
    )
    code, out = run_checked(s, capsys)

    assert out["status"] == "pr_opened" and lookups(s) == ["maint"]
    assert "ACTOR-SAYS use ValueError" in planner_request_text(s)
