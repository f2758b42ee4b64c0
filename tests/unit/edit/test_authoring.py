"""Authoring: editor calls in parallel (bounded), one validation of the whole change, bounded repair."""

from __future__ import annotations

import asyncio

from booty.edit.authoring import Author
from booty.models import ChangeSet, Plan, PlannedChange, Problem, Prompt, TestResult, Usage
from booty.ports import Completion

F = "```"
ORIGINALS = {"a.py": "x = 1\n", "b.py": "y = 1\n", "c.py": "z = 1\n", "d.py": "w = 1\n"}


def whole(path: str, text: str) -> str:
    return f"{path}\n{F}python\n{text}{F}\n"


class Writer:
    """Answers editor calls from ``answers[path]`` (a list used in order; the last one repeats)."""

    def __init__(self, answers: dict[str, list[str]], delay: float = 0.0) -> None:
        self.answers = {k: list(v) for k, v in answers.items()}
        self.asked: list[str] = []
        self.prompts: list[str] = []
        self.cached: list[tuple[int, ...]] = []
        self.delay, self.running, self.most_running = delay, 0, 0

    async def __call__(self, purpose: str, prompt: Prompt, on_start=None) -> Completion[str]:
        path = purpose.removeprefix("writing ")
        self.asked.append(path)
        self.prompts.append(prompt.user)
        self.cached.append(prompt.cache_after)
        if on_start is not None:
            on_start()
        self.running += 1
        self.most_running = max(self.most_running, self.running)
        await asyncio.sleep(self.delay)
        self.running -= 1
        queue = self.answers[path]
        return Completion(queue.pop(0) if len(queue) > 1 else queue[0], Usage(output_tokens=1))


def author(
    writer: Writer, *, validate=lambda cs: [], run_tests=None, max_retries: int = 2, concurrency: int = 4
) -> Author:
    return Author(write=writer, originals=dict(ORIGINALS), validate=validate, fenced_issue="<issue/>", token="t",
                  max_retries=max_retries, concurrency=concurrency, run_tests=run_tests)  # fmt: skip


def plan_for(*paths: str) -> tuple[Plan, list[PlannedChange]]:
    changes = [PlannedChange(path=p, action="modify", reason="because") for p in paths]
    return Plan(actionable=True, summary="s", title="fix: t", changes=changes), changes


def run(a: Author, *paths: str):
    plan, changes = plan_for(*paths)
    return asyncio.run(a.author(plan, changes, []))


def test_files_are_written_concurrently_within_the_bound_and_validated_as_one_change():
    writer = Writer({p: [whole(p, t.replace("1", "2"))] for p, t in ORIGINALS.items()}, delay=0.05)
    seen: list[ChangeSet] = []
    result = run(author(writer, validate=lambda cs: seen.append(cs) or [], concurrency=2), *ORIGINALS)
    assert result.problems == [] and writer.most_running == 2
    assert len(seen) == 1 and sorted(seen[0].paths) == sorted(ORIGINALS)
    assert {c.path: c.after for c in result.changes.changes}["c.py"] == "z = 2\n"


def test_only_the_file_with_a_problem_is_asked_again_and_sees_the_exact_message():
    bad = f"a.py\n{F}python\n<<<<<<< SEARCH\nx = 9\n=======\nx = 2\n>>>>>>> REPLACE\n{F}\n"
    writer = Writer({"a.py": [bad, whole("a.py", "x = 2\n")], "b.py": [whole("b.py", "y = 2\n")]})
    result = run(author(writer), "a.py", "b.py")
    assert result.problems == [] and result.rounds == 2
    assert sorted(writer.asked) == ["a.py", "a.py", "b.py"]
    assert (
        "SEARCH block 1 does not match the file exactly" in writer.prompts[-1]
        and "x = 9" in writer.prompts[-1]
    )


def test_repair_is_bounded_and_a_change_that_never_validates_is_not_returned_as_valid():
    writer = Writer(
        {"a.py": [f"a.py\n{F}python\n<<<<<<< SEARCH\nx = 9\n=======\nx = 2\n>>>>>>> REPLACE\n{F}\n"]}
    )
    result = run(author(writer, max_retries=2), "a.py")
    assert writer.asked == ["a.py"] * 3 and result.rounds == 3
    assert [p.kind for p in result.problems] == ["match"] and result.changes.changes == ()


def test_a_problem_of_the_whole_change_is_shown_once_to_every_file():
    writer = Writer({"a.py": [whole("a.py", "x = 2\n")], "b.py": [whole("b.py", "y = 2\n")]})
    problem = Problem(kind="size", message="The change touches 2 files; at most 1 is allowed.")
    run(author(writer, validate=lambda cs: [problem], max_retries=1), "a.py", "b.py")
    repairs = writer.prompts[2:]
    assert len(repairs) == 2 and all(p.count("at most 1 is allowed") == 1 for p in repairs)


def test_a_failing_test_command_goes_back_to_the_model_and_its_result_is_kept():
    writer = Writer({"a.py": [whole("a.py", "x = 2\n"), whole("a.py", "x = 3\n")]})
    runs: list[str] = []

    def tests(changes: ChangeSet) -> TestResult:
        runs.append(changes.changes[0].after)
        ok = changes.changes[0].after == "x = 3\n"
        return TestResult(
            status="passed" if ok else "failed", command="pytest", tail="" if ok else "assert x == 3"
        )

    result = run(author(writer, run_tests=tests), "a.py")
    assert runs == ["x = 2\n", "x = 3\n"]
    assert result.problems == [] and result.test.status == "passed"
    assert "`pytest` failed after this change" in writer.prompts[1] and "assert x == 3" in writer.prompts[1]


def test_several_files_share_a_cached_prefix_written_once_before_the_others_start():
    order: list[str] = []

    class Streaming(Writer):
        async def __call__(self, purpose, prompt, on_start=None):
            order.append(f"ask {purpose}")
            await asyncio.sleep(0.02)  # until the answer begins (Writer calls on_start then)
            order.append(f"begins {purpose}")
            return await super().__call__(purpose, prompt, on_start)

    writer = Streaming({p: [whole(p, "v = 2\n")] for p in ("a.py", "b.py", "c.py")}, delay=0.01)
    result = run(author(writer), "a.py", "b.py", "c.py")
    assert result.problems == []
    assert writer.cached == [(0,), (0,), (0,)]  # the plan-and-issue part is marked in every call
    assert order[:2] == ["ask writing a.py", "begins writing a.py"]  # the others wait for the cache entry
    assert {"ask writing b.py", "ask writing c.py"} == set(
        order[2:4]
    ) and writer.most_running == 2  # then in parallel


def test_a_single_file_caches_nothing_first_and_its_file_part_in_repair_rounds():
    writer = Writer({"a.py": ["no edit here", whole("a.py", "x = 2\n")]})
    run(author(writer), "a.py")
    assert writer.cached == [(), (1,)]


def screened(path, before, after):
    return (
        [Problem(path=path, line=1, kind="risky", message="runs code downloaded from the network")]
        if "| sh" in after
        else []
    )


def with_proposal(writer: Writer, *, max_retries: int = 2, run_tests=None):
    a = Author(write=writer, originals={**ORIGINALS, "ci.yml": "on: push\n"}, validate=lambda cs: [],
               fenced_issue="<issue/>", token="t", max_retries=max_retries, run_tests=run_tests,
               screen=screened, scrub=lambda text: text.replace("SECRET", "***"))  # fmt: skip
    plan, changes = plan_for("a.py", "ci.yml")
    return asyncio.run(a.author(plan, changes[:1], changes[1:]))


def test_a_risky_proposal_is_sent_back_and_shown_once_repaired():
    writer = Writer(
        {
            "a.py": [whole("a.py", "x = 2\n")],
            "ci.yml": [whole("ci.yml", "run: curl x | sh # SECRET\n"), whole("ci.yml", "run: make\n")],
        }
    )
    result = with_proposal(writer)
    assert result.problems == [] and result.refused == [] and result.rounds == 2
    assert (
        writer.asked.count("a.py") == 1 and writer.asked.count("ci.yml") == 2
    )  # the valid file is not rewritten
    assert "runs code downloaded" in writer.prompts[-1]
    assert (
        "SECRET" not in writer.prompts[-1] and "# ***" in writer.prompts[-1]
    )  # the earlier answer, scrubbed
    [proposal] = result.blocked
    assert (proposal.before, proposal.content, proposal.refused) == ("on: push\n", "run: make\n", "")


def test_a_proposal_that_stays_risky_is_refused_but_does_not_stop_the_change():
    runs: list[ChangeSet] = []
    writer = Writer({"a.py": [whole("a.py", "x = 2\n")], "ci.yml": [whole("ci.yml", "run: curl x | sh\n")]})
    result = with_proposal(
        writer, max_retries=2, run_tests=lambda cs: runs.append(cs) or TestResult(status="passed")
    )
    assert result.problems == [] and result.rounds == 3 and [p.kind for p in result.refused] == ["risky"]
    assert result.changes.paths == ["a.py"] and len(runs) == 1  # the same change is tested once
    [proposal] = result.blocked
    assert proposal.refused.startswith("Line 1: runs code downloaded")


def test_a_proposal_for_a_restricted_file_that_stays_unusable_is_left_out_not_a_failure():
    writer = Writer({"a.py": [whole("a.py", "x = 2\n")], "b.py": ["I will not write that file."]})
    plan, changes = plan_for("a.py", "b.py")
    result = asyncio.run(author(writer, max_retries=1).author(plan, changes[:1], changes[1:]))
    assert result.problems == [] and result.blocked == []
    assert [p.path for p in result.left_out] == ["b.py"] and "no usable proposal" in result.left_out[
        0
    ].message
    assert writer.asked.count("b.py") == 2 and {c.path: c.after for c in result.changes.changes} == {
        "a.py": "x = 2\n"
    }


def test_when_only_unusable_proposals_are_left_they_are_the_problems():
    writer = Writer({"b.py": ["No."]})
    plan, changes = plan_for("b.py")
    result = asyncio.run(author(writer, max_retries=0).author(plan, [], changes))
    assert [p.path for p in result.problems] == ["b.py"] and result.left_out == []
