"""The outbox: decisions in the domain, claims with leases in SQLite, delivery and reports."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.support.chat import RecordingChat
from wp2bot.adapters.storage import Store
from wp2bot.adapters.storage.outbox_store import OutboxStore, cards_from_json, cards_to_json
from wp2bot.chat import Button, Card, Outgoing
from wp2bot.clock import FrozenClock
from wp2bot.domain.models import Owner, OwnerKind
from wp2bot.domain.outbox import (
    OutboxPolicy,
    OutboxState,
    Undeliverable,
    in_thread_of,
    is_due,
    lease_expired,
    message_key,
    pending_post_id,
    permanent_refusal,
    retry_after_failure,
)
from wp2bot.domain.tracking import Review
from wp2bot.services.outbox import ChatCourier, Outbox
from wp2bot.services.review import send_proposals

NOW = datetime(2026, 6, 3, 9, 0, tzinfo=UTC)
POLICY = OutboxPolicy(lease=timedelta(seconds=30), retry_first=timedelta(minutes=1))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(f"sqlite:///{tmp_path / 'outbox.db'}")
    yield s
    s.close()


def note(user: str, text: str = "Your items are due") -> Outgoing:
    return Outgoing(message_key("digest", user, "2026-06-03"), "digest", user, text)


def test_pending_post_id_is_stable_and_shaped_like_a_mattermost_id() -> None:
    one = pending_post_id("digest:alice:2026-06-03")
    assert one == pending_post_id("digest:alice:2026-06-03")
    assert one != pending_post_id("digest:alice:2026-06-04")
    assert len(one) == 26
    assert set(one) <= set("ybndrfg8ejkmcpqxot1uwisza345h769")


def test_due_lease_and_backoff_decisions() -> None:
    assert lease_expired(None, NOW)
    assert lease_expired(NOW, NOW)
    assert not lease_expired(NOW + timedelta(seconds=1), NOW)
    assert is_due(OutboxState.PENDING, None, None, NOW)
    assert not is_due(OutboxState.SENT, None, None, NOW)
    assert not is_due(OutboxState.UNDELIVERABLE, None, None, NOW)
    assert not is_due(OutboxState.PENDING, NOW + timedelta(seconds=5), None, NOW)
    assert not is_due(OutboxState.PENDING, None, NOW + timedelta(seconds=5), NOW)
    assert is_due(OutboxState.PENDING, NOW - timedelta(seconds=1), NOW, NOW)
    waits = [retry_after_failure(n, NOW, POLICY) - NOW for n in (1, 2, 3, 30)]
    assert waits == [timedelta(minutes=1), timedelta(minutes=2), timedelta(minutes=4),
                     POLICY.retry_max]  # fmt: skip
    assert permanent_refusal(404)
    assert permanent_refusal(400)
    assert permanent_refusal(403)
    assert not permanent_refusal(429)
    assert not permanent_refusal(500)
    assert not permanent_refusal(401)  # a token problem is fixed by the operator, not dropped
    with pytest.raises(ValueError, match="lease"):
        OutboxPolicy(lease=timedelta(0))


def test_cards_survive_the_round_trip_through_json() -> None:
    card = Card(
        title="#4 Renew the host certificates",
        color="warning",
        fields=(("Due", "2026-06-10", True),),
        buttons=(Button("done", "Done", {"cmd": "done", "id": 4}, "primary"),),
    )
    assert cards_from_json(cards_to_json([card])) == (card,)


def test_a_key_is_queued_once_and_sent_once(store: Store) -> None:
    repo = OutboxStore(store.engine)
    repo.add([note("alice"), note("alice", "a second decision with the same key")], NOW)
    repo.add([note("alice")], NOW)
    chat = RecordingChat()
    outbox = Outbox(repo, ChatCourier(chat), FrozenClock(NOW), policy=POLICY)
    assert outbox.deliver().sent == ("digest:alice:2026-06-03",)
    assert outbox.deliver().sent == ()
    assert [t for t, _ in chat.to("alice")] == ["Your items are due"]
    assert repo.counts() == {OutboxState.SENT: 1}


def test_a_claim_never_confirmed_is_sent_after_its_lease(store: Store) -> None:
    repo = OutboxStore(store.engine)
    repo.add([note("alice"), note("bob")], NOW)
    clock = FrozenClock(NOW)
    # A sender claims alice's message and dies before posting it (no confirmation).
    first = repo.pending()[0]
    assert repo.take(first, NOW + POLICY.lease, "killed-sender")
    assert not repo.take(first, NOW + POLICY.lease, "a-racing-sender")  # one claim wins
    chat = RecordingChat()
    outbox = Outbox(repo, ChatCourier(chat), clock, policy=POLICY)
    assert outbox.deliver().sent == ("digest:bob:2026-06-03",)  # bob is not held up
    assert chat.to("alice") == []
    clock.advance(POLICY.lease)
    assert outbox.deliver().sent == ("digest:alice:2026-06-03",)
    assert len(chat.to("alice")) == 1
    assert len(chat.to("bob")) == 1
    assert outbox.deliver().sent == ()


def test_a_transient_failure_waits_and_is_retried(store: Store) -> None:
    repo = OutboxStore(store.engine)
    repo.add([note("alice")], NOW)
    clock = FrozenClock(NOW)
    chat = RecordingChat(unreachable={"alice"})
    outbox = Outbox(repo, ChatCourier(chat), clock, policy=POLICY)
    assert outbox.deliver().failed == ("digest:alice:2026-06-03",)
    chat.unreachable.clear()
    assert outbox.deliver().sent == ()  # backing off
    clock.advance(POLICY.retry_first)
    assert outbox.deliver().sent == ("digest:alice:2026-06-03",)
    assert len(chat.to("alice")) == 1


class RefusingCourier(ChatCourier):
    """Posts through a RecordingChat, but the server does not know ``ghost``."""

    def deliver(self, message: Outgoing) -> str:
        if message.to == "ghost":
            raise Undeliverable("no such user")
        return super().deliver(message)


def test_undeliverable_messages_are_reported_to_the_chairs_once(store: Store) -> None:
    repo = OutboxStore(store.engine)
    repo.add([note("ghost"), Outgoing("proposal:7:ghost", "proposal", "ghost", "Is #7 yours?")],
             NOW)  # fmt: skip
    chat = RecordingChat()
    clock = FrozenClock(NOW)
    outbox = Outbox(repo, RefusingCourier(chat), clock, policy=POLICY, chairs=["@chair"])
    report = outbox.deliver()
    assert set(report.undeliverable) == {"digest:ghost:2026-06-03", "proposal:7:ghost"}
    [(text, _cards)] = chat.to("chair")
    assert "could not deliver 2 message(s)" in text
    assert "`ghost`" in text
    clock.advance(timedelta(days=1))
    assert outbox.deliver() == type(report)()  # nothing retried, nothing reported again
    assert len(chat.to("chair")) == 1
    assert repo.counts() == {OutboxState.UNDELIVERABLE: 2, OutboxState.SENT: 1}


def test_stop_parks_the_rest_in_the_outbox(store: Store) -> None:
    repo = OutboxStore(store.engine)
    repo.add([note(u) for u in ("alice", "bob", "carol")], NOW)
    chat = RecordingChat()
    outbox = Outbox(repo, ChatCourier(chat), FrozenClock(NOW), policy=POLICY)

    class StopAfterFirst(ChatCourier):
        def deliver(self, message: Outgoing) -> str:
            outbox.stop()
            return super().deliver(message)

    outbox.courier = StopAfterFirst(chat)
    report = outbox.deliver()
    assert report.stopped
    assert report.sent == ("digest:alice:2026-06-03",)
    assert [q.message.to for q in repo.pending()] == ["bob", "carol"]
    assert all(q.lease_until is None for q in repo.pending())  # nothing held: any sender may


def test_a_proposal_to_an_unknown_user_is_reported_once_not_retried(store: Store) -> None:
    owner = Owner("Ghost", "Ghost", OwnerKind.PERSON, username="ghost")
    store.create_action(text="Publish the transfer plots", owners=[owner], at=NOW, who="ingest",
                        via="cli", review=Review.PROPOSED)  # fmt: skip
    chat = RecordingChat()
    clock = FrozenClock(NOW)
    outbox = Outbox(store.outbox(), RefusingCourier(chat), clock, policy=POLICY, chairs=["chair"])
    first = send_proposals(store, chat, clock, outbox=outbox)
    assert first.failed == ("ghost",)
    for _ in range(3):  # later rounds neither retry nor report again
        clock.advance(timedelta(hours=1))
        assert send_proposals(store, chat, clock, outbox=outbox).failed == ()
    [(text, _cards)] = chat.to("chair")
    assert text.startswith("I could not deliver 1 message(s)")


@pytest.mark.parametrize("workers", [1, 4])
def test_an_empty_outbox_delivers_nothing_with_any_number_of_workers(
    store: Store, workers: int
) -> None:
    outbox = Outbox(
        OutboxStore(store.engine), ChatCourier(RecordingChat()), FrozenClock(NOW),
        policy=POLICY, workers=workers,
    )  # fmt: skip
    assert outbox.deliver() == type(outbox.deliver())()


def test_parallel_workers_send_each_once_and_each_recipients_in_order(store: Store) -> None:
    repo = OutboxStore(store.engine)
    outbox = Outbox(repo, ChatCourier(RecordingChat()), FrozenClock(NOW), workers=4)
    assert outbox.deliver().sent == ()  # an empty outbox: nothing to do, no error
    users = [f"user{i}" for i in range(12)]
    messages = [
        Outgoing(message_key("digest", u, n), "digest", u, f"{u} part {n}")
        for n in range(3)
        for u in users
    ]
    repo.add(messages, NOW)
    sent: list[tuple[str, str]] = []
    lock = threading.Lock()

    class Recording(ChatCourier):
        def deliver(self, message: Outgoing) -> str:
            with lock:
                sent.append((message.to, message.text))
            return f"post-{message.key}"

    outbox.courier = Recording(RecordingChat())
    report = outbox.deliver()
    assert sorted(report.sent) == sorted(m.key for m in messages)
    assert len(sent) == len(messages)  # each once
    for u in users:
        assert [t for to, t in sent if to == u] == [f"{u} part {n}" for n in range(3)]
    assert repo.pending() == []
    with pytest.raises(ValueError, match="worker"):
        Outbox(repo, ChatCourier(RecordingChat()), FrozenClock(NOW), workers=0)


class ThreadChat(RecordingChat):
    """Remembers channel posts with their thread; ``down`` makes posting fail."""

    def __init__(self) -> None:
        super().__init__()
        self.posts: list[tuple[str, str, str]] = []  # (post id, root id, text)
        self.down = False

    def post(
        self, channel: str, text: str, *, root_id: str = "", cards: Sequence[Card] = ()
    ) -> str:
        if self.down:
            raise ConnectionError("chat server unreachable")
        post_id = f"p{len(self.posts) + 1}"
        self.posts.append((post_id, root_id, text))
        return post_id


def test_a_reply_waits_for_its_threads_first_post_and_goes_into_its_thread(store: Store) -> None:
    repo = OutboxStore(store.engine)
    root = Outgoing("report:1:root", "roundtable_report", "wp2", "Round-table", direct=False)
    answers = Outgoing("report:1:answers", "roundtable_report", "wp2", "GSI: nothing",
                       direct=False, root_id=in_thread_of(root.key))  # fmt: skip
    chat = ThreadChat()
    clock = FrozenClock(NOW)
    outbox = Outbox(repo, ChatCourier(chat), clock, policy=POLICY)
    chat.down = True
    assert outbox.send([root, answers]) == {}  # the root failed: the answers wait, untried
    assert outbox.deliver().sent == ()  # the root backs off
    assert [q.attempts for q in repo.by_keys([root.key, answers.key])] == [1, 0]
    chat.down = False
    clock.advance(POLICY.retry_first)
    assert outbox.deliver().sent == (root.key, answers.key)
    assert chat.posts == [("p1", "", "Round-table"), ("p2", "p1", "GSI: nothing")]
    assert outbox.post_id(root.key) == "p1"
    # a root that the outbox never held (an imported round-table): the reply starts a thread
    lone = Outgoing("report:2", "roundtable_report", "wp2", "late", direct=False,
                    root_id=in_thread_of("report:gone"))  # fmt: skip
    assert outbox.send([lone]) == {lone.key: "p3"}
    assert chat.posts[-1] == ("p3", "", "late")
