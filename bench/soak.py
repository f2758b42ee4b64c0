"""Soak Booty: hundreds of consecutive action runs against the fakes, with randomized, seeded faults.

    .venv/bin/python bench/soak.py [--runs 200] [--seed 7] [--fault-rate 0.6] [--json]

Not part of CI (a few minutes). One world for the whole soak -- a repository with a bare origin,
FakeGitHub, FakeAnthropic and a handful of open issues -- so state accumulates as in a busy
repository: re-runs update their pull request, a maintainer now and then closes one and deletes
its branch, half the runs start from a fresh shallow clone as actions/checkout gives them. Each
run picks an issue, a trigger, what the model does, and up to two faults from
tests/integration/faults.py (once, or persisting past every retry); runs ``booty.main.main()``
through the real anthropic SDK, magentic, PyGithub and git; then checks every promise
(tests/integration/promises.py) and that no file changed outside the work tree.

Reports runs, faults injected, outcomes by status, lost runs (a run that should have delivered,
or declined, and did not) and every inconsistency. With ``--json`` the last line is one JSON
object. Exits 1 when anything was found.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository root: `tests` is a package

from tests.support.faults import CASES, PERSISTENT, FaultCase, can_make_unwritable, disarm
from tests.support.path_attacks import HOSTILE, add_symlinks
from tests.support.promises import FAST_MODEL, Snapshot, booty_pulls, broken_promises
from tests.support.repository import git
from tests.support.scenario import Scenario, scripted_fix, world
from tests.support.scripted import FIXED_OPS, Scripted, plan, whole_file

ISSUES = 6
RUN_FILES = {"event.json", "output", "summary.md"}
DELIVERS = {"pr_opened", "pr_updated"}
HEADLINES = ["cannot divide by zero", "b must not be zero", "division by zero is undefined", "zero divisor"]


# ---------------------------------------------------------------- what the model does


def fixes(s: Scenario, rng: random.Random) -> set[str]:
    scripted_fix(s, FIXED_OPS.replace("cannot divide by zero", rng.choice(HEADLINES)))
    return {"pr_updated"} if booty_pulls(s.github, s.issue_number) else {"pr_opened"}


def fixes_two_files(s: Scenario, rng: random.Random) -> set[str]:
    changes = [
        {"path": "calc/ops.py", "action": "modify", "reason": "Guard b == 0."},
        {"path": "calc/errors.py", "action": "create", "reason": "A module for the error."},
    ]
    s.model.respond_with(
        Scripted(
            plan(changes=changes),
            {
                "calc/ops.py": [
                    whole_file(
                        "calc/ops.py", FIXED_OPS.replace("cannot divide by zero", rng.choice(HEADLINES))
                    )
                ],
                "calc/errors.py": [
                    whole_file("calc/errors.py", "class DivideError(ValueError):\n    pass\n")
                ],
            },
        )
    )
    return {"pr_updated"} if booty_pulls(s.github, s.issue_number) else {"pr_opened"}


def never_parses(s: Scenario, rng: random.Random) -> set[str]:
    s.inputs["max_retries"] = "1"
    scripted_fix(s, "def add(a, b):\n    return a +\n")
    return {"validation_failed"}


def asks_questions(s: Scenario, rng: random.Random) -> set[str]:
    s.model.respond_with(Scripted(plan(actionable=False, questions=["Which function?"], changes=[]), {}))
    return {"needs_info"}


def changes_nothing(s: Scenario, rng: random.Random) -> set[str]:
    s.model.respond_with(Scripted(plan(changes=[]), {}))
    return {"no_changes"}


def proposes_a_hostile_path(s: Scenario, rng: random.Random) -> set[str]:
    case = rng.choice(HOSTILE)
    path = case["path"]
    changes = [{"path": path, "action": "create", "reason": "as the issue asks"}]
    s.model.respond_with(Scripted(plan(changes=changes), {path: [f"{path}\n```\npwned = True\n```\n"]}))
    return {case["through_action"]} if "through_action" in case else {"validation_failed", "blocked_path"}


def needs_a_workflow(s: Scenario, rng: random.Random) -> set[str]:
    path = ".github/workflows/ci.yml"
    changes = [{"path": path, "action": "create", "reason": "Add CI."}]
    s.model.respond_with(
        Scripted(plan(changes=changes), {path: [f"{path}\n```yaml\nname: ci\non: push\n```\n"]})
    )
    return {"blocked_path"}


BEHAVIOURS: list[tuple[Callable[[Scenario, random.Random], set[str]], int]] = [
    (fixes, 50),
    (fixes_two_files, 10),
    (never_parses, 10),
    (asks_questions, 8),
    (changes_nothing, 6),
    (proposes_a_hostile_path, 10),
    (needs_a_workflow, 6),
]


# ---------------------------------------------------------------- one soak


@dataclass
class Findings:
    runs: int = 0
    faults: Counter = field(default_factory=Counter)
    outcomes: Counter = field(default_factory=Counter)
    lost: list[str] = field(default_factory=list)
    inconsistent: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    closed_by_maintainer: int = 0

    def summary(self, seconds: float) -> dict:
        return {
            "runs": self.runs,
            "faults_injected": sum(self.faults.values()),
            "fault_kinds": len({name.split(" ")[0] for name in self.faults}),
            "outcomes": dict(sorted(self.outcomes.items())),
            "lost": len(self.lost),
            "inconsistencies": len(self.inconsistent),
            "outside_workspace": len(self.outside),
            "closed_by_maintainer": self.closed_by_maintainer,
            "seconds": round(seconds, 1),
        }


def outside_files(s: Scenario) -> dict[str, tuple[int, int]]:
    """Every file under the soak's directory but the work tree, origin, git's global config and run files."""
    skip = {s.work.resolve(), s.origin.resolve(), (s.tmp / "home").resolve()}
    found = {}
    for directory, dirnames, filenames in os.walk(s.tmp):
        dirnames[:] = [d for d in dirnames if (Path(directory) / d).resolve() not in skip]
        for name in filenames:
            path = Path(directory) / name
            if path.is_symlink() or (path.parent == s.tmp and name in RUN_FILES):
                continue
            stat = path.stat()
            found[str(path.relative_to(s.tmp))] = (stat.st_size, stat.st_mtime_ns)
    return found


def start_checkout(s: Scenario, rng: random.Random, home: Path) -> None:
    """Half the runs get a fresh depth-1 clone (as actions/checkout), the rest the long-lived tree on main."""
    if rng.random() < 0.5:
        shutil.rmtree(s.tmp / "fresh-checkout", ignore_errors=True)
        s.fresh_checkout("fresh-checkout")
    else:
        s.work = home
        git("checkout", "-q", "main", cwd=home)


def trigger(s: Scenario, rng: random.Random) -> None:
    roll = rng.random()
    if roll < 0.8:
        s.labeled()
    elif roll < 0.9:
        s.commented("/booty please")
    else:
        s.event_name = "workflow_dispatch"
        s.event = {
            "inputs": {"issue_number": str(s.issue_number)},
            "sender": {"login": "maint", "type": "User"},
        }


def maintainer_closes_a_pull(s: Scenario, rng: random.Random) -> bool:
    """A maintainer closes one of Booty's pull requests and deletes its branch, as GitHub's button does."""
    open_pulls = [
        p for p in s.github.pulls.values() if p["state"] == "open" and p["head"].startswith("agent/")
    ]
    if not open_pulls:
        return False
    pull = rng.choice(open_pulls)
    pull["state"] = s.github.issues[pull["number"]]["state"] = "closed"
    git("update-ref", "-d", f"refs/heads/{pull['head']}", cwd=s.origin)
    return True


def pick_faults(rng: random.Random, rate: float, cases: list[FaultCase]) -> list[tuple[FaultCase, int]]:
    if rng.random() >= rate:
        return []
    chosen = rng.sample(cases, 2 if rng.random() < 0.2 else 1)
    return [(case, 1 if rng.random() < 0.5 else PERSISTENT) for case in chosen]


def one_run(
    s: Scenario,
    rng: random.Random,
    number: int,
    rate: float,
    cases: list[FaultCase],
    home: Path,
    found: Findings,
) -> None:
    if rng.random() < 0.03:
        found.closed_by_maintainer += maintainer_closes_a_pull(s, rng)
    start_checkout(s, rng, home)
    s.issue_number = rng.randint(1, ISSUES)
    s.inputs = dict(FAST_MODEL)
    trigger(s, rng)
    behaviour = rng.choices([b for b, _ in BEHAVIOURS], weights=[w for _, w in BEHAVIOURS])[0]
    expected = behaviour(s, rng)
    faults = pick_faults(rng, rate, cases)
    before, outside = Snapshot.of(s), outside_files(s)
    undos = [case.inject(s, times) for case, times in faults]
    try:
        code, out = s.run()
    finally:
        disarm(s, undos)
    status = out.get("status", "?")
    names = [f"{case.name} {'x1' if times == 1 else 'persistent'}" for case, times in faults]
    found.runs += 1
    found.faults.update(names)
    found.outcomes[status] += 1
    where = f"run {number} (#{s.issue_number}, {behaviour.__name__}, faults: {', '.join(names) or 'none'}): "
    absorbed = all(times == 1 and case.retried for case, times in faults)
    if absorbed and status not in expected:
        found.lost.append(
            f"{where}ended {status}, expected {sorted(expected)}; {s.summary.splitlines()[2][:300]}"
        )
    comment_writable = all(case.comment for case, _ in faults)
    for problem in broken_promises(s, before, code, out, comment_writable=comment_writable):
        found.inconsistent.append(where + problem)
    after = outside_files(s)
    changed = sorted(p for p in set(outside) | set(after) if outside.get(p) != after.get(p))
    found.outside += [where + f"changed outside the work tree: {p}" for p in changed]


def soak(runs: int, seed: int, rate: float, log: Callable[[str], None]) -> tuple[Findings, float]:
    rng = random.Random(seed)
    found = Findings()
    started = time.monotonic()
    monkeypatch = pytest.MonkeyPatch()
    with tempfile.TemporaryDirectory(prefix="booty-soak-") as tmp, world(Path(tmp), monkeypatch) as s:
        (s.tmp / "outside").mkdir()
        add_symlinks(s.work, s.tmp / "outside")  # hostile paths need their symlinks
        for _ in range(ISSUES - 1):
            s.github.add_issue(
                "divide crashes with ZeroDivisionError",
                "divide(1, 0) should raise a clear ValueError.",
                author="maint",
            )
        cases = [c for c in CASES if c.boundary != "workspace" or can_make_unwritable(s.tmp)]
        home = s.work
        for number in range(1, runs + 1):
            one_run(s, rng, number, rate, cases, home, found)
            if number % 25 == 0:
                log(
                    f"{number} runs, {sum(found.outcomes.values())} outcomes, "
                    f"{len(found.inconsistent) + len(found.lost) + len(found.outside)} findings"
                )
    monkeypatch.undo()
    return found, time.monotonic() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--fault-rate", type=float, default=0.6, help="share of runs with at least one fault")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    found, seconds = soak(
        args.runs, args.seed, args.fault_rate, log=lambda line: print(line, file=sys.stderr)
    )
    summary = found.summary(seconds)
    print(f"runs: {found.runs} in {seconds:.0f} s (seed {args.seed})")
    print(f"faults injected: {summary['faults_injected']} of {summary['fault_kinds']} kinds")
    for name, count in sorted(found.faults.items()):
        print(f"  {count:4d}  {name}")
    print("outcomes by status:")
    for status, count in sorted(found.outcomes.items()):
        print(f"  {count:4d}  {status}")
    print(f"maintainer closed a PR and deleted its branch: {found.closed_by_maintainer} times")
    for title, items in (
        ("lost runs", found.lost),
        ("inconsistencies", found.inconsistent),
        ("files changed outside the work tree", found.outside),
    ):
        print(f"{title}: {len(items)}")
        for item in items:
            print(f"  - {item}")
    if args.json:
        print(json.dumps(summary))
    return 1 if found.lost or found.inconsistent or found.outside else 0


if __name__ == "__main__":
    raise SystemExit(main())
