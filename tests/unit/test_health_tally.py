"""A tally carried forward one result at a time agrees with ``transitions`` over the whole
history, however the history is cut into batches."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from wp2bot.domain.health import Sample
from wp2bot.domain.health_history import Health, transitions
from wp2bot.domain.health_tally import Tally, tally

T0 = dt.datetime(2026, 3, 2, 6, 0, tzinfo=dt.UTC)
M5 = dt.timedelta(minutes=5)


def runs(pattern: str) -> list[Sample]:
    """'UUD' -> samples five minutes apart; U passes, D fails."""
    return [Sample(T0 + i * M5, c == "U") for i, c in enumerate(pattern)]


def expected(history: list[Sample], k: int) -> tuple[Health, dt.datetime | None]:
    found = transitions(history, k)
    return (found[-1].after, found[-1].since) if found else (Health.UNKNOWN, None)


@pytest.mark.parametrize(
    ("pattern", "state", "since"),
    [
        ("", Health.UNKNOWN, None),
        ("UU", Health.UNKNOWN, None),  # not K agreeing results yet
        ("UUU", Health.UP, 0),
        ("UUUDUU", Health.UP, 0),  # one failure between passes is a flap
        ("UUUDDD", Health.DOWN, 3),
        ("DDDUUDUUU", Health.UP, 6),  # since the first pass of the run that held
        ("UUUDDUDDDUUU", Health.UP, 9),
    ],
)
def test_state_and_since(pattern: str, state: Health, since: int | None) -> None:
    found = tally(runs(pattern), k=3)
    assert found.state is state
    assert found.since == (None if since is None else T0 + since * M5)
    assert found.last_at == (T0 + (len(pattern) - 1) * M5 if pattern else None)


def test_agrees_with_transitions_on_random_histories_cut_anywhere() -> None:
    rng = random.Random(20261206)
    for _ in range(400):
        k = rng.choice((1, 2, 3, 5))
        flaky = rng.random()
        history = [Sample(T0 + i * M5, rng.random() > flaky) for i in range(rng.randrange(60))]
        whole = tally(history, k)
        assert (whole.state, whole.since) == expected(history, k)
        carried = Tally(k)
        for obs in history:  # one result at a time, as the store counts each batch
            carried = carried.advance(obs)
        assert carried == whole
        cut = rng.randrange(len(history) + 1)
        resumed = tally(history[:cut], k)
        for obs in history[cut:]:
            resumed = resumed.advance(obs)
        assert resumed == whole


def test_results_of_one_instant_count_in_their_order() -> None:
    same = [Sample(T0, True), Sample(T0, True), Sample(T0, False)]
    found = tally(same, k=2)
    assert (found.state, found.since) == expected(same, 2) == (Health.UP, T0)
    assert found.run_ok is False


def test_an_older_result_must_be_counted_afresh() -> None:
    found = tally(runs("UUU"))
    with pytest.raises(ValueError, match="afresh"):
        found.advance(Sample(T0 - M5, False))
    with pytest.raises(ValueError, match="k must be"):
        tally([], k=0)


def test_the_run_length_is_counted_up_to_k_only() -> None:
    found = tally(runs("U" * 500), k=3)
    assert found.run_len == 3
    assert found.up_since == T0
    assert tally(runs("DDD")).up_since is None
