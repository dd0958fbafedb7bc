"""The chair's summary: sections on the sample minutes, the three renderings, the CLI."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from wp2bot.adapters.minutes_files import load_meeting
from wp2bot.adapters.storage import Store
from wp2bot.adapters.storage.rhythm_store import RhythmStore
from wp2bot.cli import main
from wp2bot.clock import FrozenClock
from wp2bot.domain.models import Owner, OwnerKind, Status
from wp2bot.domain.roster import parse_community
from wp2bot.domain.summary import MeetingRef, RoundTableView, Summary, build_summary
from wp2bot.domain.summary_render import MAX_ITEMS, MAX_POST, render
from wp2bot.domain.tracking import ActionRecord, Review
from wp2bot.services.briefing import BriefingService
from wp2bot.services.ingest import IngestService
from wp2bot.services.meeting_calendar import MeetingCalendar

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "wp2-meeting-2020-03-11.txt"
AT = datetime(2020, 3, 24, 9, 0, tzinfo=ZoneInfo("Europe/Zurich"))


@pytest.fixture
def sample_db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'wp2bot.db'}"
    store = Store.open(url)
    roster = parse_community(tomllib.loads((ROOT / "data" / "community.toml").read_text()))
    IngestService(store, FrozenClock(datetime(2026, 1, 5, tzinfo=UTC)), roster).ingest(
        load_meeting(SAMPLE)
    )
    store.close()
    return url


def _summary(url: str) -> tuple[Summary, list[ActionRecord]]:
    store = Store.open(url)
    rhythm = RhythmStore(store.engine)
    briefing = BriefingService(store, rhythm, None, MeetingCalendar(store, "Europe/Zurich"))
    return briefing.build(AT), store.actions()


def _texts(records: tuple[ActionRecord, ...]) -> list[str]:
    return [r.text for r in records]


def test_sections_of_the_sample_minutes(sample_db: str) -> None:
    s, stored = _summary(sample_db)
    assert s.today == date(2020, 3, 24)
    assert s.meeting is not None
    assert s.meeting.day == date(2020, 3, 25)  # fortnightly after the 11th, as nothing says
    assert s.meeting.expected
    assert s.previous is not None
    assert s.previous.day == date(2020, 3, 11)
    calendar = MeetingCalendar(Store.open(sample_db), "Europe/Zurich")  # one read for both
    assert calendar.around(AT) == (calendar.previous_meeting(AT), calendar.next_meeting(AT))
    # "by the end of the week" of 11 March: due Friday the 13th, overdue on the 24th.
    assert _texts(s.overdue) == [
        "I will circulate a doodle by the end of the week to propose a date."
    ]
    assert [r.due for r in s.due_soon] == [date(2020, 3, 25)]
    assert "ESCAPE Datalake Dashboard" in s.due_soon[0].text
    # Items written as done in the minutes count as closed since the last meeting.
    assert {r.id for r in s.closed} == {r.id for r in stored if r.status is Status.DONE}
    every = [*s.overdue, *s.due_soon, *s.new, *s.still_open, *s.closed]
    assert sorted(r.id for r in every) == sorted(r.id for r in stored)  # each exactly once
    assert s.proposals == sum(1 for r in stored if r.is_open)  # nothing was confirmed yet


def test_markdown_is_an_action_checklist(sample_db: str) -> None:
    s, stored = _summary(sample_db)
    lines = render(s, "markdown").splitlines()
    assert lines[0] == "### Action summary for WP2 fortnightly meeting — 2020-03-25 (expected)"
    items = [line for line in lines if line.startswith("- [")]
    assert len(items) == len(stored)
    assert sum(line.startswith("- [x]") for line in items) == len(s.closed)
    assert any("Andrea Ceccanti; due 2020-03-13, 11 d late (unconfirmed)" in i for i in items)


def _rec(i: int, text: str, **kw: object) -> ActionRecord:
    owners = (Owner("Paul", "Paul Millar", OwnerKind.PERSON, username="pmillar"),)
    base: dict[str, object] = {"status": Status.OPEN, "review": Review.ACCEPTED}
    base.update(kw)
    return ActionRecord(i, text, owners, **base)  # type: ignore[arg-type]


def test_renderings_escape_what_came_from_people() -> None:
    today = date(2026, 3, 17)
    meeting = MeetingRef("WP2 <b>", datetime(2026, 3, 18, 10, tzinfo=UTC), date(2026, 3, 18),
                         "Europe/Zurich", "https://indico.example/event/2/")  # fmt: skip
    previous = MeetingRef("WP2", None, date(2026, 3, 4), "Europe/Zurich",
                          "https://indico.example/event/1/")  # fmt: skip
    records = [
        _rec(1, "Tell @channel <script>x</script>", due=date(2026, 3, 1)),
        _rec(2, "Fix the link", due=date(2026, 3, 18)),
        _rec(3, "Old closed", status=Status.DONE, closed_at=datetime(2026, 2, 1, tzinfo=UTC)),
        _rec(4, "Dropped", review=Review.REJECTED),
    ]
    s = build_summary(
        records, today, meeting, previous, stuck=[(1, 4)],
        roundtable=RoundTableView((("DESY", "pmillar", "all fine"),), ("GSI",)),
        red_endpoints=("DESY dCache WebDAV: connection refused",),
    )  # fmt: skip
    assert [r.id for r in s.overdue] == [1]
    assert [r.id for r in s.due_soon] == [2]
    assert s.closed == ()  # closed before the last meeting
    md = render(s, "markdown")
    assert "@channel" not in md
    assert "[Agenda](https://indico.example/event/2/)" in md
    assert "[Minutes of 2026-03-04](https://indico.example/event/1/)" in md
    assert "2026-03-18 11:00 Europe/Zurich" in md
    assert "4 reminders unanswered" in md
    assert "Missing: GSI" in md
    assert "connection refused" in md
    html = render(s, "html")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<h3>Action summary for WP2 &lt;b&gt;" in html
    text = render(s, "text")
    assert "Overdue (1):" in text
    with pytest.raises(ValueError, match="unknown format"):
        render(s, "pdf")


def _cli(argv: list[str]) -> int:
    return main(argv)


@pytest.mark.parametrize(("fmt", "head"), [("markdown", "### "), ("html", "<h3>"), ("text", "")])
def test_cli_prints_the_summary(
    sample_db: str,
    fmt: str,
    head: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("WP2BOT_DATABASE_URL", sample_db)
    monkeypatch.setenv("WP2BOT_DATA_DIR", str(ROOT / "data"))
    assert _cli(["summary", "--at", "2020-03-24T09:00", "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert out.startswith(head + "Action summary for WP2 fortnightly meeting")
    assert "circulate a doodle" in out


def test_cli_rejects_a_bad_date(sample_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WP2BOT_DATABASE_URL", sample_db)
    assert _cli(["summary", "--at", "tomorrow-ish"]) == 1


def test_listed_items_carry_their_linked_checks_status() -> None:
    today = date(2026, 3, 17)
    records = [_rec(1, "Chase the perfSONAR hosts", due=date(2026, 3, 1)), _rec(2, "Other")]
    s = replace(build_summary(records, today, None, None), live={1: "🔴 GSI/perfsonar"})
    for fmt in ("markdown", "text", "html"):
        lines = render(s, fmt).splitlines()
        at = next(i for i, x in enumerate(lines) if "Chase the perfSONAR" in x)
        item = " ".join(lines[at : at + 2])  # plain text puts the details on the next line
        assert "🔴 GSI/perfsonar" in item
        at = next(i for i, x in enumerate(lines) if "Other" in x)
        assert "GSI" not in " ".join(lines[at : at + 2])


def test_a_long_summary_fits_one_post_and_names_the_command_for_the_rest() -> None:
    today = date(2026, 3, 17)
    late = [
        _rec(i, f"Rebalance the tape pool number {i} before the campaign", due=date(2026, 2, 1))
        for i in range(1, 2001)
    ]
    text = render(build_summary(late, today, None, None), "markdown")
    assert len(text) <= MAX_POST
    assert "**Overdue** (2000)" in text
    shown = text.count("- [ ] #")
    assert 0 < shown < 2000
    assert f"and {2000 - shown} more: `actions overdue`" in text
    short = render(build_summary(late[:3], today, None, None), "markdown")
    assert "more:" not in short
    assert short.count("- [ ] #") == 3


def test_sections_read_in_part_name_their_totals_and_the_command_for_the_rest() -> None:
    today = date(2026, 3, 17)
    late = [_rec(i, f"Check pool {i}", due=date(2026, 3, 1)) for i in range(1, 4)]
    s = replace(build_summary(late, today, None, None), more={"overdue": 5})
    assert s.total("overdue") == 8
    md = render(s, "markdown")
    assert "**Overdue** (8)" in md
    assert "- … and 5 more: `actions overdue`" in md
    text = render(s, "text")
    assert "Overdue (8):" in text
    assert "  … and 5 more: `actions overdue`" in text
    assert "<li>… and 5 more: `actions overdue`</li>" in render(s, "html")
    only_more = replace(build_summary([], today, None, None), more={"still_open": 2})
    assert "**Still open** (2)\n- … and 2 more: `actions`" in render(only_more, "markdown")


def test_the_briefing_reads_no_more_items_than_one_post_holds(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'many.db'}")
    at = datetime(2026, 3, 17, 9, tzinfo=UTC)
    for i in range(MAX_ITEMS + 40):
        store.create_action(text=f"Check pool {i}", owners=[], at=at, who="t", via="cli",
                            review=Review.ACCEPTED, due=date(2026, 3, 1))  # fmt: skip
    briefing = BriefingService(
        store, RhythmStore(store.engine), None, MeetingCalendar(store, "UTC")
    )
    s = briefing.build(at)
    assert len(s.overdue) == MAX_ITEMS
    assert s.total("overdue") == MAX_ITEMS + 40
    md = render(s, "markdown")
    assert len(md) <= MAX_POST
    assert f"**Overdue** ({MAX_ITEMS + 40})" in md
    shown = md.count("- [ ] #")
    assert f"and {MAX_ITEMS + 40 - shown} more: `actions overdue`" in md
    store.close()
