"""Schema migrations: a database made by the previous schema upgrades without loss."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError

from wp2bot.adapters.storage import ActionFilter, Store, migrations
from wp2bot.adapters.storage.store import make_engine
from wp2bot.adapters.storage.tables import ActionOwnerRow
from wp2bot.domain.models import Status
from wp2bot.domain.tracking import Review

T0 = datetime(2026, 11, 5, 12, tzinfo=UTC)


def test_previous_schema_upgrades_without_loss(database_url: str) -> None:
    engine = make_engine(database_url)
    migrations.upgrade(engine, "0001")  # the schema of the first release
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO meeting (source, title, meeting_date, timezone, minutes_hash, "
                "cancelled) "
                "VALUES ('indico:41', 'WP2 #41', '2026-11-05', 'Europe/Zurich', 'h', false)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO action (meeting_id, text, fingerprint, section, source_text, "
                "source_line, status, review, due, carried_over, edited, created_at, updated_at) "
                "VALUES (1, 'Set up smoke tests', 'set up smoke tests', 'Action list', 'x', 3, "
                "'open', 'accepted', '2026-11-19', false, :edited, :t, :t)"
            ),
            {"t": T0, "edited": '["due"]'},
        )
        conn.execute(
            text(
                "INSERT INTO action_owner (action_id, position, written, name, kind, username, "
                "candidates) VALUES (1, 0, 'PM', 'Paul Millar', 'person', 'pmillar', '[]')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO history (action_id, at, who, via, change, old, new, comment) "
                "VALUES (1, :t, 'wp2bot', 'ingest', 'created', '', 'Set up smoke tests', '')"
            ),
            {"t": T0},
        )
    engine.dispose()

    store = Store.open(database_url)  # upgrades on open
    try:
        assert migrations.current_revision(store.engine) == migrations.head_revision()
        names = set(inspect(store.engine).get_table_names())
        assert {"probe_result", "action_check", "reminder_log", "roundtable"} <= names
        rec = store.action(1)
        assert rec.text == "Set up smoke tests"
        assert rec.due == date(2026, 11, 19)
        assert rec.status is Status.OPEN
        assert rec.owners[0].username == "pmillar"
        assert rec.edited == frozenset({"due"})
        assert rec.meeting_title == "WP2 #41"
        assert [h.change for h in store.history(1)] == ["created"]
        store.update_action(1, {"status": Status.DONE}, at=T0, who="pmillar", via="dm")
        assert store.action(1).status is Status.DONE
    finally:
        store.close()


def test_unversioned_database_is_refused(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/odd.db")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE action (id INTEGER PRIMARY KEY)"))
    with pytest.raises(RuntimeError, match="no migration history"):
        migrations.upgrade(engine)
    engine.dispose()


def test_migrations_match_the_tables(tmp_path: Path) -> None:
    """Every table and column the code declares is created by a migration (no drift)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from sqlmodel import SQLModel

    import wp2bot.adapters.storage.probe_store
    import wp2bot.adapters.storage.rhythm_tables
    import wp2bot.adapters.storage.search_tables  # noqa: F401

    store = Store.open(f"sqlite:///{tmp_path}/drift.db")
    try:
        with store.engine.connect() as conn:
            # SQLite's FTS5 index and its shadow tables are not models: the migration owns them
            context = MigrationContext.configure(
                conn,
                opts={
                    "include_name": lambda name, kind, _parent: (
                        not (kind == "table" and str(name).startswith("search_fts"))
                    )
                },
            )
            diff = compare_metadata(context, SQLModel.metadata)
        assert diff == [], "add a migration: wp2bot/migrations/versions/"
    finally:
        store.close()


def test_actions_stored_twice_are_resolved_before_the_unique_index(database_url: str) -> None:
    """Copies left by concurrent ingests of an older version: the first stays, the rest are
    rejected with a history entry naming the one they copy."""
    engine = make_engine(database_url)
    migrations.upgrade(engine, "0005")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO meeting (source, title, timezone, minutes_hash, cancelled) "
                "VALUES ('m.md', 'Storage', 'UTC', 'h', false)"
            )
        )
        for _ in range(3):
            conn.execute(
                text(
                    "INSERT INTO action (meeting_id, text, fingerprint, section, source_text, "
                    "source_line, status, review, carried_over, edited, created_at, updated_at) "
                    "VALUES (1, 'Drain pool 3', 'drain pool 3', 'Actions', 'x', 7, 'open', "
                    "'proposed', false, '[]', :t, :t)"
                ),
                {"t": T0},
            )
    engine.dispose()
    store = Store.open(database_url)
    try:
        assert [r.review.value for r in store.actions()] == ["proposed", "rejected", "rejected"]
        notes = [h.comment for h in store.history(3)]
        assert notes == ["a second copy of #1"]
        with pytest.raises(IntegrityError):
            store.update_action(3, {"review": "proposed"}, at=T0, who="x", via="cli")
    finally:
        store.close()


def test_owner_rows_get_their_actions_open_flag_and_due_date(database_url: str) -> None:
    """0014 copies each action's open-and-accepted flag and due date onto its owner rows, so
    items stored before it are listed through the owner index like new ones."""
    engine = make_engine(database_url)
    migrations.upgrade(engine, "0013")
    with engine.begin() as conn:
        for n, (status, review, due) in enumerate(
            [
                ("open", "accepted", "2026-11-19"),
                ("done", "accepted", "2026-11-12"),
                ("open", "proposed", None),
                ("tentative", "accepted", None),
                ("open", "rejected", "2026-11-10"),
            ],
            start=1,
        ):
            conn.execute(
                text(
                    "INSERT INTO action (text, fingerprint, section, source_text, source_line, "
                    "status, review, due, carried_over, edited, created_at, updated_at) VALUES "
                    "(:text, '', '', '', 0, :status, :review, :due, false, '[]', :t, :t)"
                ),
                {
                    "text": f"Drain pool {n}",
                    "status": status,
                    "review": review,
                    "due": date.fromisoformat(due) if due else None,
                    "t": T0,
                },
            )
            for position, who in enumerate(("pmillar", "tmkrs")[: 1 + n % 2]):
                conn.execute(
                    text(
                        "INSERT INTO action_owner (action_id, position, written, name, kind, "
                        "username, username_key, name_key, candidates) VALUES (:a, :p, :w, :w, "
                        "'person', :w, :w, :w, '[]')"
                    ),
                    {"a": n, "p": position, "w": who},
                )
    engine.dispose()
    store = Store.open(database_url)
    try:
        owner = ActionOwnerRow.__table__.c  # type: ignore[attr-defined]
        with store.engine.connect() as conn:
            copies = conn.execute(
                select(owner.action_id, owner.open_accepted, owner.due).order_by(owner.id)
            ).all()
        assert [tuple(c) for c in copies] == [
            (1, True, date(2026, 11, 19)),
            (1, True, date(2026, 11, 19)),
            (2, False, date(2026, 11, 12)),
            (3, False, None),
            (3, False, None),
            (4, True, None),
            (5, False, date(2026, 11, 10)),
            (5, False, date(2026, 11, 10)),
        ]
        mine = ActionFilter(owner_username="PMillar", open_only=True,
                            reviews=(Review.ACCEPTED,), soonest_first=True, limit=5)  # fmt: skip
        assert [r.id for r in store.actions(mine)] == [1, 4]
    finally:
        store.close()


def test_items_carried_over_by_a_meeting_are_found_through_an_index(database_url: str) -> None:
    """0015 indexes ``last_meeting_id`` and the meetings' dates: an item stored before it, last
    restated in a later meeting, is still found by that meeting, and the indexes are there."""
    engine = make_engine(database_url)
    migrations.upgrade(engine, "0014")
    with engine.begin() as conn:
        for n in (1, 2):
            conn.execute(
                text(
                    "INSERT INTO meeting (source, title, timezone, minutes_hash, cancelled) "
                    "VALUES (:s, 'Storage', 'UTC', 'h', false)"
                ),
                {"s": f"m{n}.md"},
            )
        conn.execute(
            text(
                "INSERT INTO action (meeting_id, last_meeting_id, text, fingerprint, section, "
                "source_text, source_line, status, review, carried_over, edited, created_at, "
                "updated_at) VALUES (1, 2, 'Drain pool 3', 'drain pool 3', 'Actions', 'x', 7, "
                "'open', 'accepted', true, '[]', :t, :t)"
            ),
            {"t": T0},
        )
    engine.dispose()
    store = Store.open(database_url)
    try:
        indexes = {
            i["name"]: i["column_names"] for i in inspect(store.engine).get_indexes("action")
        }
        assert indexes["ix_action_last_meeting_id"] == ["last_meeting_id"]
        assert [r.id for r in store.actions(ActionFilter(meeting_ids=(2,)))] == [1]
        by_day = {
            i["name"]: i["column_names"] for i in inspect(store.engine).get_indexes("meeting")
        }
        assert by_day["ix_meeting_meeting_date"] == ["meeting_date"]
    finally:
        store.close()
