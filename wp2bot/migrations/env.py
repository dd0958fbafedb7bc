"""Alembic environment: runs migrations on the connection wp2bot hands over."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import wp2bot.adapters.storage.chat_store
import wp2bot.adapters.storage.outbox_tables
import wp2bot.adapters.storage.probe_store
import wp2bot.adapters.storage.rhythm_tables
import wp2bot.adapters.storage.search_tables
import wp2bot.adapters.storage.tables  # noqa: F401 - these register the tables

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("wp2bot runs its migrations through wp2bot.adapters.storage.migrations")
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
