import pytest

from booty.spend.ratelimit import TokenBucket


def test_a_burst_up_to_capacity_needs_no_wait():
    bucket = TokenBucket(rate_per_s=1.0, capacity=3)
    assert [bucket.take(10.0) for _ in range(3)] == [0.0, 0.0, 0.0]


def test_beyond_capacity_each_call_waits_one_more_interval():
    bucket = TokenBucket(rate_per_s=2.0, capacity=1)
    assert bucket.take(0.0) == 0.0
    assert bucket.take(0.0) == pytest.approx(0.5)
    assert bucket.take(0.0) == pytest.approx(1.0)  # reservations queue up


def test_tokens_refill_with_time_but_not_beyond_capacity():
    bucket = TokenBucket(rate_per_s=1.0, capacity=2)
    bucket.take(0.0)
    bucket.take(0.0)
    assert bucket.take(1.0) == 0.0  # one token came back
    assert bucket.take(1.0) == pytest.approx(1.0)
    assert [bucket.take(100.0) for _ in range(2)] == [0.0, 0.0]
    assert bucket.take(100.0) == pytest.approx(1.0)  # a long pause refills only to capacity


def test_waiting_the_answer_keeps_the_rate():
    bucket = TokenBucket(rate_per_s=50 / 60, capacity=1)
    now, calls = 0.0, []
    for _ in range(10):
        now += bucket.take(now)
        calls.append(now)
    assert calls[-1] - calls[0] == pytest.approx(9 * 60 / 50)


def test_a_clock_stepping_back_does_not_refill():
    bucket = TokenBucket(rate_per_s=1.0, capacity=1)
    bucket.take(5.0)
    assert bucket.take(3.0) == pytest.approx(1.0)


@pytest.mark.parametrize("rate, capacity", [(0, 1), (-1, 1), (1, 0)])
def test_nonsense_limits_are_rejected(rate, capacity):
    with pytest.raises(ValueError):
        TokenBucket(rate, capacity)
