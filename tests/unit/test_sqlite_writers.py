"""SQLite under concurrent writers: an ``exclusive`` block waits for another one however long it
holds the write lock (past the busy timeout), and short writers beside it all commit."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from wp2bot.adapters.storage import Store, database
from wp2bot.domain.models import Owner, OwnerKind
from wp2bot.domain.tracking import Review

AT = datetime(2031, 2, 3, 10, 0, tzinfo=UTC)
HOLD_S = 1.0  # how long the first block keeps the write lock: five busy timeouts


@pytest.fixture
def url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(database, "BUSY_TIMEOUT_S", 0.2)
    monkeypatch.setattr(database, "EXCLUSIVE_WAIT_S", 20.0)
    url = f"sqlite:///{tmp_path / 'writers.db'}"
    Store.open(url).close()  # the schema first: the writers race on the data only
    return url


def add(store: Store, label: str) -> None:
    owner = Owner("Ada Lind", "Ada Lind", OwnerKind.PERSON, username="alind")
    store.create_action(
        text=f"Drain the staging pool {label}",
        owners=[owner],
        at=AT,
        who="chair",
        via="cli",
        review=Review.ACCEPTED,
    )


def hold(store: Store, entered: threading.Event, order: list[str], name: str) -> None:
    with store.exclusive("ingest:minutes"):
        order.append(f"{name} in")
        entered.set()
        add(store, name)
        time.sleep(HOLD_S)
        order.append(f"{name} out")


def test_an_exclusive_block_waits_past_the_busy_timeout_for_another(url: str) -> None:
    # two stores are two engines, as two processes would have
    first, second = Store.open(url), Store.open(url)
    order: list[str] = []
    entered, errors = threading.Event(), []

    def second_block() -> None:
        entered.wait(5)
        try:
            hold(second, threading.Event(), order, "second")
        except Exception as exc:  # the assertion below shows it
            errors.append(exc)

    waiter = threading.Thread(target=second_block)
    waiter.start()
    hold(first, entered, order, "first")
    waiter.join(30)
    assert errors == []
    assert order == ["first in", "first out", "second in", "second out"]
    with first.engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM action")).scalar_one() == 2
    first.close()
    second.close()


def test_concurrent_writers_all_commit_while_a_block_holds_the_lock(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "BUSY_TIMEOUT_S", 5.0)  # writers outwait the 1 s block
    stores = [Store.open(url) for _ in range(4)]
    entered, errors = threading.Event(), []

    def writer(n: int) -> None:
        entered.wait(5)
        try:
            for i in range(10):
                add(stores[n], f"{n}-{i}")
        except Exception as exc:  # the assertion below shows it
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(1, 4)]
    for t in threads:
        t.start()
    hold(stores[0], entered, [], "block")
    for t in threads:
        t.join(60)
    assert errors == []
    with stores[0].engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM action")).scalar_one() == 31
    for s in stores:
        s.close()


def test_a_block_that_cannot_get_the_lock_in_time_says_so(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "EXCLUSIVE_WAIT_S", 0.3)
    first, second = Store.open(url), Store.open(url)
    entered = threading.Event()
    holder = threading.Thread(target=hold, args=(first, entered, [], "first"))
    holder.start()
    entered.wait(5)
    with pytest.raises(Exception, match="database is locked"), second.exclusive("other"):
        pass
    holder.join(30)
    first.close()
    second.close()
