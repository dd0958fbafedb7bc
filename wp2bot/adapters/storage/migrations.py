"""Schema migrations with Alembic, run programmatically on wp2bot's own engine."""

from __future__ import annotations

import functools
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

SCRIPTS = Path(__file__).resolve().parent.parent.parent / "migrations"
# Any fixed number: the key under which concurrent instances serialise their migrations.
_PG_LOCK = 0x77703262


def _config(connection: Connection) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPTS))
    cfg.attributes["connection"] = connection
    return cfg


@functools.cache
def head_revision() -> str:
    """The newest revision this version of wp2bot knows."""
    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPTS))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    if head is None:
        raise RuntimeError("no migrations found")
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None for a new, empty database)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision``; concurrent instances on PostgreSQL wait for each other."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
        if _unversioned_tables(conn):
            raise RuntimeError(
                "the database has wp2bot tables but no migration history; "
                "it was not created by this version of wp2bot"
            )
        command.upgrade(_config(conn), revision)


def _unversioned_tables(conn: Connection) -> bool:
    names = set(inspect(conn).get_table_names())
    return "alembic_version" not in names and "action" in names


def needs_upgrade(engine: Engine) -> bool:
    """True when the database is behind this version's newest revision."""
    return current_revision(engine) != head_revision()
