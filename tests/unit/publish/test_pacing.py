"""When the tracking comment is written: coalesced stage changes, edits spaced and capped."""

from booty.publish.pacing import CommentPacing
from booty.publish.reporting import Progress


def writes_of(stages: list[tuple[str, float]], pacing: CommentPacing) -> list[str]:
    """The stages at whose start the comment is written, given (stage, seconds since start)."""
    written = []
    for stage, at in stages:
        if pacing.due(stage, at):
            pacing.wrote(at)
            written.append(stage)
    return written


def test_quick_stages_are_coalesced_into_the_first_wait():
    run = [
        ("read", 0.0),
        ("context", 0.4),
        ("plan", 1.2),
        ("write", 31.0),
        ("validate", 50.0),
        ("push", 50.1),
        ("pr", 51.0),
    ]
    assert writes_of(run, CommentPacing()) == ["plan", "write"]


def test_a_slow_start_is_posted_after_the_interval_even_before_a_wait():
    run = [("read", 0.0), ("context", 6.0), ("plan", 20.0)]
    assert writes_of(run, CommentPacing(interval_s=5)) == ["context", "plan"]


def test_edits_are_spaced_and_capped_however_many_rounds_there_are():
    run = [
        ("read", 0),
        ("context", 1),
        ("plan", 2),
        ("write", 4),
        ("validate", 10),
        ("test", 11),
        ("write", 30),
        ("validate", 40),
        ("test", 41),
        ("write", 70),
        ("validate", 80),
        ("push", 81),
    ]
    pacing = CommentPacing(interval_s=5, max_edits=2)
    assert writes_of(run, pacing) == ["plan", "test", "write"]  # "write" at 4 s came too soon after the post
    assert pacing.edits == 2


def test_a_run_that_never_waits_writes_only_at_the_end():
    assert writes_of([("read", 0.0), ("context", 0.5)], CommentPacing()) == []


def test_durations_run_to_the_next_stage_and_the_last_to_now():
    progress = Progress()
    for stage, at in [("read", 0.0), ("plan", 2.5), ("write", 10.0)]:
        progress.enter(stage, at)
    assert progress.durations(12.0) == [("read", 2.5), ("plan", 7.5), ("write", 2.0)]
    assert progress.lines(12.0, finished=True)[-1] == "- [x] Writing the change (2.0s)"
    assert progress.lines(12.0, finished=False)[-1] == "- [ ] Writing the change (in progress)"


def test_a_stage_the_caller_says_waits_is_posted_like_a_wait():
    pacing = CommentPacing()
    assert not pacing.due("context", 0.4)
    assert pacing.due("context", 0.4, waits=True)
    pacing.wrote(0.4)
    assert not pacing.due("plan", 2.0)  # the next wait comes too soon after the post
    assert not pacing.due("context", 9.0, waits=False)
