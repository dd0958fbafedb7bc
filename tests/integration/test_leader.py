"""Leader election between two instances on one database."""

from __future__ import annotations

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
