"""The run loop's minutes job: ingest the series' minutes now and then, DM the proposals."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from tests.support.chat import RecordingChat
from wp2bot.adapters.indico import FetchedMeeting
from wp2bot.app import build
from wp2bot.clock import FrozenClock
from wp2bot.config import load_settings
from wp2bot.domain.minutes import NotePart
from wp2bot.domain.models import Participant
from wp2bot.domain.tracking import Review

NOTE = """<h3>Action list</h3><ul>
<li>Set up the smoke tests for the QoS endpoints (Paul Millar)</li>
<li>Write the dashboard how-to guide (Rizart)</li></ul>"""


class Indico:
    def __init__(self) -> None:
        self.calls = 0

    def category_events(
        self, category_id: int, start: date, end: date, *, with_notes: bool = True
    ) -> list[FetchedMeeting]:
        self.calls += 1
        starts = datetime(2026, 11, 19, 13, tzinfo=UTC)
        return [FetchedMeeting(
            source="https://indico.example.org/event/42/", indico_id="42",
            title="WP2 meeting #42", starts_at=starts, timezone="Europe/Zurich",
            url="https://indico.example.org/event/42/", category="WP2",
            parts=(NotePart("WP2 meeting #42", NOTE),),
            participants=(Participant("Paul Millar", "DESY"),), has_minutes=True,
        )]  # fmt: skip

    def event(self, event_id: int) -> FetchedMeeting:
        raise AssertionError("the category is configured")


def test_ingests_when_due_and_sends_each_proposal_once(tmp_path: Path) -> None:
    env = {
        "WP2BOT_DATABASE_URL": f"sqlite:///{tmp_path / 'w.db'}",
        "WP2BOT_INDICO_CATEGORY": "7",
        "WP2BOT_INDICO_URL": "https://indico.example.org",
    }
    clock = FrozenClock(datetime(2026, 11, 20, 9, tzinfo=UTC))
    app = build(load_settings(None, env), env, clock)
    indico, chat = Indico(), RecordingChat()
    watch = app.minutes_watch(indico, chat, every=timedelta(minutes=15))
    watch.tick(clock.now())
    stored = app.store.actions()
    assert {r.review for r in stored} == {Review.PROPOSED}
    assert any("smoke tests" in r.text for r in stored)
    paul = [u for u, _, _ in chat.directs]
    assert paul.count("pmillar") == 1  # Paul Millar's username comes from the roster
    clock.advance(timedelta(minutes=5))
    watch.tick(clock.now())
    assert indico.calls == 1  # not due yet
    assert [u for u, _, _ in chat.directs] == paul  # nothing sent twice
    clock.advance(timedelta(minutes=15))
    watch.tick(clock.now())
    assert indico.calls == 2
    assert len(app.store.actions()) == len(stored)  # unchanged minutes change nothing
    app.store.close()
