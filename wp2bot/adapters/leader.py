"""Leadership between instances: only the leader sends reminders, prompts and summaries.

On PostgreSQL the leader holds a session-level advisory lock on a dedicated connection; when its
process dies the server drops the connection and the lock with it, and another instance takes
the lock at its next attempt. On SQLite (one machine) an exclusive file lock plays that role.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import threading
from pathlib import Path
from typing import IO, Protocol

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, OperationalError

log = logging.getLogger(__name__)

# Any fixed 64-bit number shared by every instance of one deployment.
LEADER_LOCK_KEY = 0x77703262_6C656164


class Leadership(Protocol):
    """Answers "may this instance send now?"; ``poll`` tries to (re)gain the role."""

    def poll(self) -> bool:
        """Try to become or stay leader; returns whether this instance leads now."""
        ...

    def release(self) -> None:
        """Give the role up (on shutdown)."""
        ...


class PostgresLeadership:
    """Leader election through ``pg_try_advisory_lock`` on a connection kept for the purpose.

    The scheduler's job threads all poll at once: one lock serialises them, since a connection
    is not safe to share between threads, and since the advisory lock stacks (each racing
    take would add a hold that one unlock does not release).
    """

    def __init__(self, engine: Engine, key: int = LEADER_LOCK_KEY) -> None:
        self.engine = engine
        self.key = key
        self._conn: Connection | None = None
        self._leading = False
        self._guard = threading.Lock()

    def poll(self) -> bool:
        """Keep the lock if we hold it (checking the connection is alive), else try to take it."""
        with self._guard:
            return self._poll()

    def _poll(self) -> bool:
        try:
            if self._conn is None:
                self._conn = self.engine.connect()
            if self._leading:
                self._conn.execute(text("SELECT 1"))
                return True
            got = self._conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": self.key})
            self._leading = bool(got.scalar())
            self._conn.commit()
            if self._leading:
                log.info("this instance is now the leader")
        except (OperationalError, DBAPIError) as exc:
            if self._leading:
                log.warning("lost the database connection, giving up leadership: %s", exc)
            self._drop()
        return self._leading

    def release(self) -> None:
        """Unlock and close the dedicated connection."""
        with self._guard:
            self._release()

    def _release(self) -> None:
        if self._conn is not None and self._leading:
            with contextlib.suppress(OperationalError, DBAPIError):
                self._conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": self.key})
                self._conn.commit()
        self._drop()

    def _drop(self) -> None:
        self._leading = False
        if self._conn is not None:
            with contextlib.suppress(OperationalError, DBAPIError):
                self._conn.close()
            self._conn = None


class FileLeadership:
    """Leader election for SQLite: an exclusive, non-blocking ``flock`` on a lock file.

    Polls from the scheduler's threads are serialised: a second racing thread would open the
    file again, and its ``flock`` would fail against our own (the lock is per open file).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh: IO[str] | None = None
        self._guard = threading.Lock()

    def poll(self) -> bool:
        """Take the lock if nobody holds it; keep it once held."""
        with self._guard:
            return self._poll()

    def _poll(self) -> bool:
        if self._fh is not None:
            return True
        fh = self.path.open("a+")
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.close()
            return False
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        self._fh = fh
        log.info("this instance is now the leader")
        return True

    def release(self) -> None:
        """Unlock."""
        with self._guard:
            self._unlock()

    def _unlock(self) -> None:
        if self._fh is not None:
            fcntl.flock(self._fh.fileno(), fcntl.LOCK_UN)
            self._fh.close()
            self._fh = None


def leadership_for(engine: Engine, database_url: str) -> Leadership:
    """The right election for the database in use."""
    if engine.dialect.name == "postgresql":
        return PostgresLeadership(engine)
    path = database_url.split("///", 1)[-1] if "///" in database_url else ""
    if not path or path == ":memory:":
        path = os.path.join(os.getcwd(), "wp2bot")
    return FileLeadership(Path(path + ".leader.lock"))
