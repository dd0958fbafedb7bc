"""Leader election between two instances on one database."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import create_engine, text

from wp2bot.adapters.leader import FileLeadership, PostgresLeadership
from wp2bot.adapters.storage.store import make_engine


def test_postgres_only_one_leader_and_takeover(postgres_server: str) -> None:
    a_engine = make_engine(postgres_server)
    b_engine = make_engine(postgres_server)
    a, b = PostgresLeadership(a_engine), PostgresLeadership(b_engine)
    try:
        assert a.poll()
        assert not b.poll()
        assert a.poll()  # stays leader
        # The leader's session dies (as when its process is killed): the server drops the lock.
        with b_engine.connect() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_locks "
                    "WHERE locktype = 'advisory' AND granted"
                )
            )
            conn.commit()
        assert not a.poll()  # notices the loss
        assert b.poll()
        assert not a.poll()
    finally:
        a.release()
        b.release()
        a_engine.dispose()
        b_engine.dispose()


def test_file_lock_only_one_leader(tmp_path: Path) -> None:
    lock = tmp_path / "db.leader.lock"
    a, b = FileLeadership(lock), FileLeadership(lock)
    assert a.poll()
    assert not b.poll()
    a.release()
    assert b.poll()
    b.release()


def test_engine_url_forms() -> None:
    assert create_engine("sqlite://").dialect.name == "sqlite"


def test_postgres_polls_from_many_threads_take_the_lock_once(postgres_server: str) -> None:
    """The scheduler's job threads all ask at once; one shared connection must not be raced
    (concurrent use broke its transaction, and each racing take stacked the lock once more, so
    one unlock at release left it held)."""
    a_engine = make_engine(postgres_server)
    b_engine = make_engine(postgres_server)
    a, b = PostgresLeadership(a_engine), PostgresLeadership(b_engine)
    start = threading.Barrier(8)

    def poll() -> bool:
        start.wait()
        return a.poll()

    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(lambda _: poll(), range(8)))
        assert results == [True] * 8
        a.release()
        assert b.poll()  # one unlock freed it: it was taken once
    finally:
        a.release()
        b.release()
        a_engine.dispose()
        b_engine.dispose()


def test_file_lock_polls_from_many_threads_all_lead(tmp_path: Path) -> None:
    lock = FileLeadership(tmp_path / "db.leader.lock")
    start = threading.Barrier(8)

    def poll() -> bool:
        start.wait()
        return lock.poll()

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(lambda _: poll(), range(8))) == [True] * 8
    lock.release()
    other = FileLeadership(tmp_path / "db.leader.lock")
    assert other.poll()
    other.release()
