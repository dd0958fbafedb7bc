"""Schema migrations with Alembic, run programmatically on wp2bot's own engine.

Alembic (and the Mako templates and Pygments it pulls in) is imported only when a migration
actually runs: opening a database that is already at this version's newest revision reads the
revision with one query and the revision ids from the version files, which keeps every command
that opens the database quick to start.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

if TYPE_CHECKING:
    from alembic.config import Config

SCRIPTS = Path(__file__).resolve().parent.parent.parent / "migrations"
# Any fixed number: the key under which concurrent instances serialise their migrations.
_PG_LOCK = 0x77703262
_REVISION = re.compile(r'^(down_revision|revision)\s*=\s*(?:"([^"]*)"|None)', re.MULTILINE)


def _config(connection: Connection | None = None) -> Config:
    from alembic.config import Config  # noqa: PLC0415 - Alembic only when migrating

    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPTS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def alembic_head() -> str:
    """The newest revision as Alembic's script directory computes it (a single head)."""
    from alembic.script import ScriptDirectory  # noqa: PLC0415 - Alembic only when asked

    head = ScriptDirectory.from_config(_config()).get_current_head()
    if head is None:
        raise RuntimeError("no migrations found")
    return head


@functools.cache
def head_revision() -> str:
    """The newest revision this version of wp2bot knows.

    Read from the ``revision``/``down_revision`` lines of the version files: the one revision no
    other revision revises. Anything but exactly one such head is left to Alembic to judge.
    """
    revisions: set[str] = set()
    revised: set[str] = set()
    for path in (SCRIPTS / "versions").glob("*.py"):
        for key, value in _REVISION.findall(path.read_text(encoding="utf-8")):
            if value:
                (revisions if key == "revision" else revised).add(value)
    heads = revisions - revised
    return heads.pop() if len(heads) == 1 else alembic_head()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None for a new, empty database)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    if len(rows) > 1:
        raise RuntimeError("the database has more than one schema head")
    return str(rows[0][0]) if rows else None


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision``; concurrent instances on PostgreSQL wait for each other."""
    from alembic import command  # noqa: PLC0415 - Alembic only when migrating

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
