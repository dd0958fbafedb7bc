"""Chat-safe rendering: mentions defused, tables intact, dates relative to today."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from wp2bot.domain.mentions import ZWJ, escape_mentions, mention, neutralise_broadcast
from wp2bot.domain.models import Owner, OwnerKind, Precision, Status
from wp2bot.domain.render import (
    action_detail,
    actions_table,
    cell,
    due_text,
    history_table,
    link,
    owners_text,
    pings,
    status_text,
)
from wp2bot.domain.tracking import ActionRecord, HistoryEntry, Review

# What Mattermost's server treats as a mention: "@" not after a word character.
MENTION = re.compile(r"(?<![A-Za-z0-9_])@[A-Za-z0-9_]")
TODAY = date(2025, 3, 12)


def record(**changes: object) -> ActionRecord:
    base: dict[str, object] = {
        "id": 7,
        "text": "Check the dCache pools",
        "owners": (Owner("Alice", "Alice Smith", OwnerKind.PERSON, username="alice"),),
        "status": Status.OPEN,
        "review": Review.ACCEPTED,
    }
    base.update(changes)
    return ActionRecord(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    ["@channel", "ping @all now", "(@here)", "@Channel!", "@HERE", "x @all,y", "@alice please"],
)
def test_escape_mentions_leaves_no_mention(text: str) -> None:
    escaped = escape_mentions(text)
    assert MENTION.search(escaped) is None
    assert escaped.replace(ZWJ, "") == text


def test_escape_mentions_keeps_email_addresses_and_is_idempotent() -> None:
    text = "mail paul.millar@desy.de or @bob"
    once = escape_mentions(text)
    assert "paul.millar@desy.de" in once
    assert escape_mentions(once) == once


def test_neutralise_broadcast_keeps_personal_pings() -> None:
    out = neutralise_broadcast("@alice tell @channel and @allison")
    assert out.startswith("@alice ")
    assert "@allison" in out
    assert "@channel" not in out


@pytest.mark.parametrize("bad", ["all", "@here", "Channel", "bob smith", "a|b", ""])
def test_mention_refuses_broadcasts_and_non_usernames(bad: str) -> None:
    with pytest.raises(ValueError, match="not a username"):
        mention(bad)


def test_pings_deduplicate_and_skip_bad_names() -> None:
    assert pings(["alice", "@alice", "all", "bob.b"]) == "@alice @bob.b"


def test_cell_keeps_table_shape() -> None:
    out = cell("a | b\nc @here", width=None)
    assert "\n" not in out
    assert out.count("|") == out.count("\\|") == 1
    assert "@here" not in out


def test_cell_truncates_long_text() -> None:
    assert cell("word " * 100, width=20).endswith("…")
    assert len(cell("word " * 100, width=20)) == 20


def test_link_cannot_break_out_of_its_url() -> None:
    assert link("m", "https://x.org/a (b)") == "[m](https://x.org/a%20%28b%29)"


def test_owners_text_names_without_pings() -> None:
    owners = (
        Owner("@alice", "Alice Smith", OwnerKind.PERSON, username="alice"),
        Owner("CERN", "CERN", OwnerKind.GROUP),
        Owner("all", "all", OwnerKind.ALL),
        Owner("Jo", "Jo", OwnerKind.PERSON, candidates=("Jo Ann", "Jo Bob")),
        Owner("Xy", "Xy", OwnerKind.UNKNOWN),
    )
    shown = owners_text(owners)
    assert shown == "Alice Smith, CERN, everyone, Jo (ambiguous: Jo Ann / Jo Bob), Xy (unresolved)"
    assert owners_text(()) == "—"


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        (date(2025, 3, 10), "2025-03-10 (overdue 2 days)"),
        (date(2025, 3, 11), "2025-03-11 (overdue 1 day)"),
        (TODAY, "2025-03-12 (today)"),
        (date(2025, 3, 19), "2025-03-19 (in 7 days)"),
    ],
)
def test_due_text_counts_days_from_today(due: date, expected: str) -> None:
    assert due_text(record(due=due), TODAY) == expected


def test_due_text_marks_estimates_and_vague_phrases() -> None:
    week = record(due=date(2025, 3, 21), due_precision=Precision.WEEK)
    assert due_text(week, TODAY).startswith("~2025-03-21")
    vague = record(due_phrase="before the summer")
    assert due_text(vague, TODAY) == "“before the summer” (no date)"
    assert due_text(record(), TODAY) == "—"
    closed = record(due=date(2025, 3, 1), status=Status.DONE)
    assert due_text(closed, TODAY) == "2025-03-01"


def test_status_text_covers_review_and_snooze() -> None:
    assert status_text(record(review=Review.PROPOSED), TODAY) == "proposed"
    assert status_text(record(review=Review.REJECTED), TODAY) == "rejected"
    assert status_text(record(status=Status.DONE), TODAY) == "done"
    snoozed = record(snoozed_until=date(2025, 3, 19))
    assert status_text(snoozed, TODAY) == "open, snoozed to 2025-03-19"
    assert status_text(record(snoozed_until=date(2025, 3, 1)), TODAY) == "open"


def test_actions_table_escapes_minutes_text_and_links_the_minutes() -> None:
    rec = record(text="Tell @channel | then fix", source_url="https://indico.example/e/1")
    table = actions_table([rec], TODAY)
    lines = table.splitlines()
    assert len(lines) == 3
    cells = re.split(r"(?<!\\)\|", lines[2])
    assert len(cells) == 7  # five cells between the outer pipes: the escaped "|" did not split
    assert "then fix" in cells[2]
    assert MENTION.search(table) is None
    assert "Alice Smith" in table
    assert "[↗](https://indico.example/e/1)" in table
    assert actions_table([], TODAY) == ""


def test_action_detail_quotes_the_minutes_line_safely() -> None:
    rec = record(
        source_text="- Alice: check the pools @here by Friday",
        meeting_title="WP2 meeting",
        meeting_date=date(2025, 3, 11),
        section="Storage",
        source_url="https://indico.example/e/1",
        notes=("asked @bob",),
    )
    detail = action_detail(rec, TODAY)
    assert "[WP2 meeting › Storage (2025-03-11)](https://indico.example/e/1)" in detail
    assert "**Minutes line:**" in detail
    assert "**Note:**" in detail
    assert MENTION.search(detail) is None


def test_history_table_shows_local_times() -> None:
    entries = [
        HistoryEntry(
            7, datetime(2025, 3, 12, 9, 0, tzinfo=UTC), "alice", "dm", "status", "open", "done"
        ),
        HistoryEntry(
            7, datetime(2025, 3, 12, 23, 30, tzinfo=UTC), "bob", "slash", "note", new="hi @all"
        ),
    ]
    table = history_table(entries, ZoneInfo("Europe/Zurich"))
    assert "| 2025-03-12 10:00 | alice | dm | status | open → done |" in table
    assert "2025-03-13 00:30" in table
    assert MENTION.search(table) is None
    assert history_table([], ZoneInfo("UTC")) == ""


def test_linked_status_is_shown_as_given_and_hints_are_escaped() -> None:
    live = "🔴 GSI/perfsonar fail (connect: refused) · [dashboard](https://g.example/d/gsi)\n"
    detail = action_detail(record(), TODAY, live=live, hints=["passing for 9 days @all"])
    assert "- **Live status:**\n  - 🔴 GSI/perfsonar fail" in detail
    assert "[dashboard](https://g.example/d/gsi)" in detail
    assert "- **Hint:** passing for 9 days" in detail
    assert MENTION.search(detail.split("Hint:")[1]) is None
    assert "Live status" not in action_detail(record(), TODAY)


def test_actions_table_has_a_live_column_only_when_an_action_has_checks() -> None:
    recs = [record(), record(id=8, text="Other")]
    assert "Live" not in actions_table(recs, TODAY, {})
    table = actions_table(recs, TODAY, {7: "🟢 DESY/dcache, 🔴 DESY/perfsonar"})
    rows = table.splitlines()
    assert rows[0].endswith("| Live |")
    assert rows[2].endswith("| 🟢 DESY/dcache, 🔴 DESY/perfsonar |")
    assert rows[3].endswith("| open |  |")


def test_history_reads_one_change_of_a_deadline_as_one_row() -> None:
    from datetime import UTC, datetime

    from wp2bot.domain.render import history_table, readable_history
    from wp2bot.domain.tracking import HistoryEntry

    at = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)
    later = datetime(2026, 12, 4, 9, 30, tzinfo=UTC)
    entries = [
        HistoryEntry(1, at, "ana", "dm", "due", "", "2026-12-17"),
        HistoryEntry(1, at, "ana", "dm", "due_phrase", "", "next thursday"),
        HistoryEntry(1, at, "ana", "dm", "due_precision", "", "day"),
        HistoryEntry(1, later, "ana", "dm", "due", "2026-12-17", ""),
        HistoryEntry(1, later, "ana", "dm", "due_phrase", "next thursday", ""),
        HistoryEntry(1, later, "ana", "dm", "due_precision", "day", ""),
        HistoryEntry(1, later, "bo", "dm", "note", "", "spare part ordered"),
    ]
    rows = readable_history(entries)
    assert [(r.change, r.old, r.new, r.comment) for r in rows] == [
        ("due", "", "2026-12-17", "“next thursday”"),
        ("due", "2026-12-17", "none", ""),
        ("note", "", "spare part ordered", ""),
    ]
    table = history_table(entries, UTC)
    assert "2026-12-17 → none" in table
    assert "due_precision" not in table
    assert table.count("\n") == 4  # header, rule and three rows
