"""The database under the stores: engines, transactions and the exclusive block."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import UTC, datetime
from typing import Any, Self

from sqlalchemy import event, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, create_engine

from wp2bot.adapters.storage import migrations


def username_key(username: str) -> str:
    """A username as Mattermost compares them: without the @, lower-cased."""
    return username.removeprefix("@").lower()


def name_key(name: str) -> str:
    """An owner's name as filters compare it: lower-cased."""
    return name.lower()


def utc(at: datetime) -> datetime:
    """Aware UTC (the column type insists on an aware value; naive values are taken as UTC)."""
    return at.astimezone(UTC) if at.tzinfo else at.replace(tzinfo=UTC)


def aware(at: datetime | None) -> datetime | None:
    """``utc`` for optional values read back from the database."""
    return None if at is None else utc(at)


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """A session committed on success and rolled back on error (shared by the stores)."""
    with Session(engine, expire_on_commit=False) as s:
        try:
            yield s
            s.commit()
        except BaseException:
            s.rollback()
            raise


# SQLite: how long a writer waits for another's write lock before "database is locked" (in WAL
# mode only writers wait; readers never do), and how long an ``exclusive`` block waits for
# another such block, which may hold the lock for a whole ingest (PostgreSQL's advisory lock
# waits without a limit).
BUSY_TIMEOUT_S = 30.0
EXCLUSIVE_WAIT_S = 600.0
# SQLite's page cache per connection, in KiB (its default is 2,000). ``run`` keeps a connection
# per thread that reads (six at 100,000 actions), and each first round over every action fills
# its cache: 12 MB of the process at the default. The file's pages are in the kernel's cache
# all the same, so that the chat commands' times do not change (benchmarks/chat.py).
PAGE_CACHE_KIB = 512


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL, foreign keys and a busy timeout."""
    if url.startswith("sqlite"):
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_S}
        )

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            if ":memory:" not in url:
                cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute(f"PRAGMA cache_size=-{PAGE_CACHE_KIB}")
            cur.close()

        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return create_engine(url, pool_pre_ping=True)


class Database:
    """An engine and the one-transaction-per-call rule every store here follows."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._unit = threading.local()  # the session of this thread's ``exclusive`` block

    @classmethod
    def open(cls, url: str, *, create: bool = True) -> Self:
        """Connect to ``url`` and, when asked, bring its schema to this version (migrations)."""
        store = cls(make_engine(url))
        if create:
            store.create_schema()
        return store

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()

    def create_schema(self) -> None:
        """Migrate the schema to this version's newest revision (a no-op when it is there)."""
        if migrations.needs_upgrade(self.engine):
            migrations.upgrade(self.engine)

    def session(self) -> AbstractContextManager[Session]:
        """A session committed on success and rolled back on error.

        Inside an ``exclusive`` block it is that block's session: every method called there
        joins its one transaction.
        """
        current: Session | None = getattr(self._unit, "session", None)
        if current is not None:
            return nullcontext(current)
        return transaction(self.engine)

    @contextmanager
    def exclusive(self, key: str) -> Iterator[None]:
        """One transaction for everything done through this store in the block, and only one
        such block per ``key`` at a time, across threads and processes.

        PostgreSQL: a transaction-scoped advisory lock on the key. SQLite: the transaction
        begins IMMEDIATE, taking the database's write lock at once (SQLite has one writer;
        the busy timeout makes the other wait). Either way the lock ends with the commit or
        rollback, also when the process dies.
        """
        if getattr(self._unit, "session", None) is not None:
            raise RuntimeError("exclusive blocks do not nest")
        with transaction(self.engine) as s:
            conn = s.connection()
            if conn.dialect.name == "postgresql":
                digest = hashlib.sha256(key.encode("utf-8")).digest()
                lock = int.from_bytes(digest[:8], "big", signed=True)
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": lock})
            elif conn.dialect.name == "sqlite":
                begin_immediate(conn)
            self._unit.session = s
            try:
                yield
            finally:
                self._unit.session = None


def begin_immediate(conn: Connection, wait_s: float | None = None) -> None:
    """Begin a SQLite write transaction now, waiting up to ``wait_s`` (``EXCLUSIVE_WAIT_S``)
    for the write lock: each attempt waits the busy timeout, then SQLITE_BUSY ("database is
    locked") is retried while another writer holds the lock, as a loaded machine's long ingest
    may. pysqlite has not begun (it begins before the first write only), so BEGIN is ours."""
    deadline = time.monotonic() + (EXCLUSIVE_WAIT_S if wait_s is None else wait_s)
    while True:
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            return
        except OperationalError as exc:
            busy = "database is locked" in str(exc.orig) or "database is busy" in str(exc.orig)
            if not busy or time.monotonic() >= deadline:
                raise
