"""The shared retry policy: capped doubling steps with equal jitter, and Retry-After."""

from __future__ import annotations

import pytest

from wp2bot.adapters.retry import RetryPolicy, retry_after


def test_steps_double_up_to_the_cap_with_half_of_each_fixed() -> None:
    low = RetryPolicy(initial=0.5, maximum=4.0, jitter=lambda: 0.0)
    high = RetryPolicy(initial=0.5, maximum=4.0, jitter=lambda: 1.0)
    assert [low.backoff(r) for r in range(6)] == [0.25, 0.5, 1.0, 2.0, 2.0, 2.0]
    assert [high.backoff(r) for r in range(6)] == [0.5, 1.0, 2.0, 4.0, 4.0, 4.0]
    assert high.backoff(10_000) == 4.0  # no overflow for a client that failed for days


def test_the_servers_retry_after_wins_up_to_its_bound() -> None:
    policy = RetryPolicy(initial=1.0, max_retry_after=60.0, jitter=lambda: 0.0)
    assert policy.wait(3, None) == 4.0
    assert policy.wait(3, 7.0) == 7.0
    assert policy.wait(0, 600.0) is None  # longer than is worth waiting: give up


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("7", 7.0), (" 1.5 ", 1.5), ("0", 0.0), (None, None), ("", None), ("soon", None),
     ("-3", None), ("inf", None), ("nan", None), ("Wed, 21 Oct 2026 07:28:00 GMT", None)],
)  # fmt: skip
def test_retry_after_reads_delay_seconds_only(header: str | None, seconds: float | None) -> None:
    assert retry_after(header) == seconds
