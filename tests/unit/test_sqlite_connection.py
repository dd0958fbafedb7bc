"""What every SQLite connection of the engine is set up with."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from wp2bot.adapters.storage.database import PAGE_CACHE_KIB, make_engine


def test_each_connection_is_in_wal_mode_with_foreign_keys_and_a_small_page_cache(
    tmp_path: Path,
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'wp2bot.db'}")
    try:
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA cache_size")).scalar() == -PAGE_CACHE_KIB
    finally:
        engine.dispose()
