"""Confirm before commit: proposals DM'd once to each owner, accepted through the same commands."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from tests.support.chat import RecordingChat
from wp2bot.adapters.storage import Store
from wp2bot.chat import Request
from wp2bot.clock import FrozenClock
from wp2bot.commands import request_from_button
from wp2bot.domain.models import Owner, OwnerKind
from wp2bot.domain.tracking import Review
from wp2bot.part_builders import build_dispatcher
from wp2bot.services.review import SENT, send_proposals

NOW = datetime(2025, 3, 12, 10, 0, tzinfo=UTC)
LINE = "- Alice and Bob: renew the host certificates @channel by end of month"


def person(username: str) -> Owner:
    return Owner(username.title(), username.title(), OwnerKind.PERSON, username=username)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(f"sqlite:///{tmp_path / 'wp2bot.db'}")
    yield s
    s.close()


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(NOW)


def seed(store: Store, clock: FrozenClock) -> dict[str, int]:
    meeting, _ = store.upsert_meeting(
        "indico:9", title="WP2 meeting", meeting_date=date(2025, 3, 11)
    )
    made = {}
    for key, owners, review in [
        ("both", [person("alice"), person("bob")], Review.PROPOSED),
        ("alice", [person("alice")], Review.PROPOSED),
        ("nobody", [Owner("Somebody", "Somebody", OwnerKind.UNKNOWN)], Review.PROPOSED),
        ("accepted", [person("alice")], Review.ACCEPTED),
    ]:
        rec = store.create_action(
            text=f"{key}: renew the host certificates",
            owners=owners,
            at=clock.now(),
            who="ingest",
            via="cli",
            meeting_id=meeting.id,
            review=review,
            source_text=LINE,
            source_url="https://i.example/e/9/note",
        )
        made[key] = rec.id
    return made


def test_each_owner_gets_each_proposal_with_its_minutes_line(
    store: Store, clock: FrozenClock
) -> None:
    ids = seed(store, clock)
    chat = RecordingChat()
    report = send_proposals(store, chat, clock, timezone="Europe/Zurich")
    assert sorted(report.sent) == sorted(
        [("alice", ids["both"]), ("bob", ids["both"]), ("alice", ids["alice"])]
    )
    assert report.unaddressed == (ids["nobody"],)
    text, cards = chat.to("bob")[0]
    assert "WP2 meeting" in text
    card = cards[0]
    assert "renew the host certificates" in card.text
    assert "@channel" not in card.text
    assert card.title_link == "https://i.example/e/9/note"
    assert [(b.label, dict(b.context)) for b in card.buttons] == [
        ("Accept", {"cmd": "accept", "id": ids["both"]}),
        ("Not mine", {"cmd": "notmine", "id": ids["both"]}),
        ("Change due", {"cmd": "due", "id": ids["both"]}),
    ]


def test_a_rerun_sends_nothing_twice(store: Store, clock: FrozenClock) -> None:
    seed(store, clock)
    chat = RecordingChat()
    send_proposals(store, chat, clock)
    clock.advance(timedelta(hours=1))
    again = send_proposals(store, chat, clock)
    assert again.sent == ()
    assert again.already_sent == 3
    assert len(chat.directs) == 3


def test_what_was_sent_is_in_the_history(store: Store, clock: FrozenClock) -> None:
    ids = seed(store, clock)
    send_proposals(store, RecordingChat(), clock, who="wp2bot", via="scheduler")
    sent = [h for h in store.history(ids["both"]) if h.change == SENT]
    assert sorted(h.new for h in sent) == ["alice", "bob"]
    assert {(h.who, h.via, h.at) for h in sent} == {("wp2bot", "scheduler", NOW)}


def test_an_unreachable_owner_is_retried_by_the_outbox(store: Store, clock: FrozenClock) -> None:
    seed(store, clock)
    chat = RecordingChat(unreachable={"bob"})
    first = send_proposals(store, chat, clock)
    assert first.failed == ("bob",)
    assert {u for u, _ in first.sent} == {"alice"}
    chat.unreachable.clear()
    send_proposals(store, chat, clock)
    assert chat.to("bob") == []  # the outbox waits before it tries again
    clock.advance(timedelta(minutes=1))
    again = send_proposals(store, chat, clock)
    assert again.sent == ()  # nothing newly decided: the queued DM was delivered
    assert len(chat.to("bob")) == 1
    assert len(chat.to("alice")) == 2


def test_a_new_owner_gets_the_proposal_later(store: Store, clock: FrozenClock) -> None:
    ids = seed(store, clock)
    chat = RecordingChat()
    send_proposals(store, chat, clock)
    bot = build_dispatcher(store, clock, chairs=["chair"], timezone="UTC")
    bot.dispatch(Request(text=f"assign {ids['alice']} @alice @carol", user="chair", via="dm"))
    report = send_proposals(store, chat, clock)
    assert report.sent == (("carol", ids["alice"]),)


def test_accepted_items_are_never_proposed(store: Store, clock: FrozenClock) -> None:
    ids = seed(store, clock)
    report = send_proposals(store, RecordingChat(), clock)
    assert ids["accepted"] not in {i for _, i in report.sent}


def test_clicking_accept_in_the_dm_confirms_the_item(store: Store, clock: FrozenClock) -> None:
    ids = seed(store, clock)
    chat = RecordingChat()
    send_proposals(store, chat, clock)
    bot = build_dispatcher(store, clock, chairs=["chair"], timezone="UTC")
    _, cards = chat.to("alice")[0]
    accept = next(b for b in cards[0].buttons if b.label == "Accept")
    reply = bot.dispatch(request_from_button(accept.context, "alice"))
    assert reply.ok
    assert store.action(int(accept.context["id"])).review is Review.ACCEPTED  # type: ignore[call-overload]
    assert [b.label for b in reply.cards[0].buttons] == ["Done", "Snooze 1 week", "Not mine"]
    # Somebody else's DM button cannot be replayed by a member to accept it.
    other = bot.dispatch(request_from_button({"cmd": "accept", "id": ids["both"]}, "dave"))
    assert not other.ok


def test_not_mine_in_the_dm_leaves_the_other_owner(store: Store, clock: FrozenClock) -> None:
    ids = seed(store, clock)
    bot = build_dispatcher(store, clock, chairs=["chair"], timezone="UTC")
    reply = bot.dispatch(request_from_button({"cmd": "notmine", "id": ids["both"]}, "bob"))
    assert reply.ok
    assert store.action(ids["both"]).owner_usernames() == ("alice",)
    assert store.action(ids["both"]).review is Review.PROPOSED
