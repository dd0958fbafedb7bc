"""The command table on a real SQLite database: every command, permissions, buttons, safety."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from prometheus_client import CollectorRegistry
from sqlalchemy import text

from tests.support.chat import RecordingChat
from wp2bot.adapters.endpoints_config import parse_endpoints
from wp2bot.adapters.storage import ActionFilter, Store
from wp2bot.adapters.storage.outbox_store import OutboxStore
from wp2bot.chat import Dispatcher, Reply, Request
from wp2bot.clock import FrozenClock
from wp2bot.commands import COMMANDS, Permission, request_from_button
from wp2bot.domain.health import CheckSpec, ProbeResult
from wp2bot.domain.models import Owner, OwnerKind, Roster, RosterGroup, RosterPerson, Status
from wp2bot.domain.outbox import OutboxState
from wp2bot.domain.reminders import RosterIndex
from wp2bot.domain.tracking import Review
from wp2bot.part_builders import build_dispatcher, build_live_status, build_rhythm
from wp2bot.services.rhythm import RhythmOptions

MENTION = re.compile(r"(?<![A-Za-z0-9_])@(channel|all|here)\b", re.IGNORECASE)
# 2025-03-12 10:00 UTC is 11:00 in Zurich, a Wednesday.
NOW = datetime(2025, 3, 12, 10, 0, tzinfo=UTC)
TODAY = date(2025, 3, 12)

ROSTER = Roster(
    people=(
        RosterPerson("Alice Smith", username="alice", site="CERN"),
        RosterPerson("Bob Jones", username="bob"),
        RosterPerson("Carol White", username="carol", site="CERN"),
        RosterPerson("Dave Brown", username="dave"),
    ),
    groups=(
        RosterGroup(
            "CERN", "site", aliases=("cern-site",), members=("Alice Smith",), contacts=("carol",)
        ),
    ),
)


# Two checks of the roster's site: `link` and `unlink` need something to link.
ENDPOINTS: dict[str, object] = {
    "check": [
        {"site": "CERN", "name": "eos-a", "kind": "tcp", "target": "eos-a.example.org:1094"},
        {"site": "CERN", "name": "eos-b", "kind": "tcp", "target": "eos-b.example.org:1094"},
    ]
}


async def never_probed(check: CheckSpec) -> ProbeResult:
    raise AssertionError("commands never run probes")


@dataclass
class World:
    store: Store
    clock: FrozenClock
    bot: Dispatcher
    ids: dict[str, int]

    def run(self, user: str, line: str, via: str = "dm") -> Reply:
        return self.bot.dispatch(Request(text=line, user=user, via=via))  # type: ignore[arg-type]


def person(username: str, name: str) -> Owner:
    return Owner(name, name, OwnerKind.PERSON, username=username)


def seed(store: Store, clock: FrozenClock) -> dict[str, int]:
    meeting, _ = store.upsert_meeting(
        "indico:1", title="WP2 meeting", meeting_date=date(2025, 3, 11), url="https://i.example/e/1"
    )
    at, who = clock.now(), "ingest"

    def make(key: str, owners: list[Owner], **kw: object) -> None:
        rec = store.create_action(
            text=f"{key} action",
            owners=owners,
            at=at,
            who=who,
            via="cli",
            meeting_id=meeting.id,
            **kw,
        )  # type: ignore[arg-type]
        ids[key] = rec.id

    ids: dict[str, int] = {}
    make(
        "proposed",
        [person("alice", "Alice Smith")],
        review=Review.PROPOSED,
        source_text="- Alice: proposed action, tell @channel by Friday",
        source_url="https://i.example/e/1/note",
    )
    make("overdue", [person("bob", "Bob Jones")], review=Review.ACCEPTED, due=date(2025, 3, 1))
    make("soon", [person("alice", "Alice Smith")], review=Review.ACCEPTED, due=date(2025, 3, 14))
    make("site", [Owner("CERN", "CERN", OwnerKind.GROUP)], review=Review.ACCEPTED)
    make("closed", [person("alice", "Alice Smith")], review=Review.ACCEPTED, status=Status.DONE)
    make("bobprop", [person("bob", "Bob Jones")], review=Review.PROPOSED)
    return ids


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    store = Store.open(f"sqlite:///{tmp_path / 'wp2bot.db'}")
    clock = FrozenClock(NOW)
    ids = seed(store, clock)
    live = build_live_status(
        store, parse_endpoints(ENDPOINTS), clock, chat=None, index=RosterIndex(ROSTER),
        registry=CollectorRegistry(), runner=never_probed,
    )  # fmt: skip
    live.probes.link(ids["proposed"], "CERN/eos-a", manual=True)
    bot = build_dispatcher(
        store, clock, chairs=["chair"], timezone="Europe/Zurich", roster=ROSTER, live=live
    )
    yield World(store, clock, bot, ids)
    store.close()


def listed(reply: Reply) -> set[int]:
    return {int(n) for n in re.findall(r"^\| (\d+) \|", reply.text, re.MULTILINE)}


# ---------------------------------------------------------------- help and mistakes
def test_help_lists_every_command(world: World) -> None:
    reply = world.run("dave", "help")
    for cmd in COMMANDS:
        assert f"`{cmd.name}" in reply.text
    assert world.run("dave", "").text == reply.text


def test_help_for_one_command_shows_usage_and_alias(world: World) -> None:
    reply = world.run("dave", "help close")
    assert "`done N [comment]`" in reply.text
    assert "owner or chair" in reply.text
    assert not world.run("dave", "help nosuch").ok


@pytest.mark.parametrize(
    ("typo", "meant"), [("dnoe", "done"), ("acept", "accept"), ("histroy", "history")]
)
def test_unknown_command_suggests_the_closest(world: World, typo: str, meant: str) -> None:
    reply = world.run("dave", f"{typo} 3")
    assert not reply.ok
    assert f"`{meant}`" in reply.text


def test_unknown_command_echo_is_defused(world: World) -> None:
    reply = world.run("dave", "@channel hello")
    assert not reply.ok
    assert MENTION.search(reply.text) is None


@pytest.mark.parametrize(
    "line",
    [
        *("done", "done x", "show", "show 1 2", "snooze 2", "snooze 2 forever", "assign 2"),
        *("assign 2 bob", "assign 2 @all", "due", "note 2", "edit 2 text", "accept", "history"),
        *("actions sideways", "actions site", "review now", "reject"),
    ],
)
def test_malformed_arguments_answer_with_usage(world: World, line: str) -> None:
    reply = world.run("chair", line)
    assert not reply.ok
    cmd = next(c for c in COMMANDS if c.name == line.split(maxsplit=1)[0])
    assert "Usage:" in reply.text
    assert cmd.usage.split()[0] in reply.text


def test_missing_action_is_reported(world: World) -> None:
    reply = world.run("chair", "done 999")
    assert not reply.ok
    assert "no action #999" in reply.text


# ---------------------------------------------------------------- listing
def test_actions_default_is_open_accepted(world: World) -> None:
    ids = world.ids
    assert listed(world.run("dave", "actions")) == {ids["overdue"], ids["soon"], ids["site"]}


def test_actions_all_includes_done_and_proposed(world: World) -> None:
    assert listed(world.run("dave", "actions all")) == set(world.ids.values())


@pytest.mark.parametrize(
    ("user", "line", "keys"),
    [
        ("alice", "actions mine", {"soon"}),
        ("dave", "actions @bob", {"overdue"}),
        ("dave", "actions overdue", {"overdue"}),
        ("dave", "actions due-soon", {"soon"}),
        ("dave", "actions site CERN", {"site"}),
        ("dave", "actions site cern-site", {"site"}),
        ("dave", "actions overdue due-soon", {"overdue", "soon"}),
        ("alice", "actions mine all", {"soon", "proposed", "closed"}),
    ],
)
def test_actions_filters(world: World, user: str, line: str, keys: set[str]) -> None:
    assert listed(world.run(user, line)) == {world.ids[k] for k in keys}


def test_actions_list_names_owners_without_pinging(world: World) -> None:
    reply = world.run("dave", "actions all")
    assert "Alice Smith" in reply.text
    assert "@alice" not in reply.text
    assert MENTION.search(reply.text) is None


def test_actions_list_is_capped(world: World) -> None:
    for n in range(60):
        world.run("dave", f"add Filler task {n}")
    reply = world.run("dave", "actions")
    assert len(listed(reply)) == 50
    assert "Only the first 50" in reply.text


def test_show_has_card_with_buttons_and_minutes_link(world: World) -> None:
    reply = world.run("dave", f"show {world.ids['proposed']}")
    assert "https://i.example/e/1/note" in reply.text
    card = reply.cards[0]
    assert card.title_link == "https://i.example/e/1/note"
    assert [b.label for b in card.buttons] == ["Accept", "Not mine", "Change due"]
    assert MENTION.search(reply.text + card.text) is None


# ---------------------------------------------------------------- permissions
CHANGING = [c for c in COMMANDS if c.permission is Permission.OWNER_OR_CHAIR]
ARGS = {
    "assign": "@dave",
    "due": "next friday",
    "snooze": "1w",
    "edit": "text New wording",
    "link": "CERN/eos-b",
    "unlink": "CERN/eos-a",
}


@pytest.mark.parametrize("cmd", CHANGING, ids=lambda c: c.name)
def test_members_may_not_change_other_peoples_actions(world: World, cmd: object) -> None:
    name = cmd.name  # type: ignore[attr-defined]
    target = world.ids["closed" if name == "reopen" else "proposed"]
    before = world.store.history(target)
    reply = world.run("dave", f"{name} {target} {ARGS.get(name, '')}".strip())
    assert not reply.ok
    assert "Only an owner" in reply.text
    assert "or a chair" in reply.text
    assert world.store.history(target) == before


@pytest.mark.parametrize("cmd", CHANGING, ids=lambda c: c.name)
@pytest.mark.parametrize("user", ["alice", "chair"])
def test_owner_and_chair_may_change(world: World, cmd: object, user: str) -> None:
    name = cmd.name  # type: ignore[attr-defined]
    target = world.ids["closed" if name == "reopen" else "proposed"]
    reply = world.run(user, f"{name} {target} {ARGS.get(name, '')}".strip())
    assert reply.ok, reply.text
    assert world.store.history(target)[-1].who == user


def test_group_contact_may_change_the_groups_action(world: World) -> None:
    assert world.run("carol", f"done {world.ids['site']}").ok
    assert not world.run("bob", f"reopen {world.ids['site']}").ok


def test_everybody_reads_adds_and_notes(world: World) -> None:
    target = world.ids["overdue"]
    assert world.run("dave", f"show {target}").ok
    assert world.run("dave", f"history {target}").ok
    assert world.run("dave", f"note {target} I can help").ok
    assert world.run("dave", "add Write the minutes").ok


# ---------------------------------------------------------------- changes and history
def test_done_records_who_when_and_via(world: World) -> None:
    target = world.ids["overdue"]
    world.clock.advance(timedelta(hours=2))
    reply = world.run("bob", f"done {target} deployed everywhere", via="slash")
    assert reply.ok
    assert world.store.action(target).status is Status.DONE
    entry = world.store.history(target)[-1]
    assert (entry.who, entry.via, entry.change, entry.new) == ("bob", "slash", "status", "done")
    assert entry.at == NOW + timedelta(hours=2)
    assert entry.comment == "deployed everywhere"
    again = world.run("bob", f"done {target}")
    assert again.ok
    assert again.text.startswith("Already done")


def test_done_on_a_proposal_also_accepts_it(world: World) -> None:
    world.run("alice", f"done {world.ids['proposed']}")
    rec = world.store.action(world.ids["proposed"])
    assert (rec.status, rec.review) == (Status.DONE, Review.ACCEPTED)


def test_reopen(world: World) -> None:
    target = world.ids["closed"]
    assert world.run("alice", f"reopen {target}").ok
    assert world.store.action(target).status is Status.OPEN


def test_due_is_read_in_the_groups_timezone(world: World) -> None:
    # 23:30 UTC on the 12th is already the 13th in Zurich: "tomorrow" is the 14th.
    world.clock.set(datetime(2025, 3, 12, 23, 30, tzinfo=UTC))
    target = world.ids["overdue"]
    reply = world.run("bob", f"due {target} tomorrow")
    assert reply.ok, reply.text
    rec = world.store.action(target)
    assert rec.due == date(2025, 3, 14)
    assert rec.due_phrase == "tomorrow"
    assert "due" in rec.edited


def test_due_with_a_date_and_with_nonsense(world: World) -> None:
    target = world.ids["overdue"]
    assert world.run("bob", f"due {target} 2025-04-30").ok
    assert world.store.action(target).due == date(2025, 4, 30)
    bad = world.run("bob", f"due {target} blorp")
    assert not bad.ok
    assert "Usage:" in bad.text


@pytest.mark.parametrize(("span", "days"), [("1w", 7), ("3 days", 3), ("2 weeks", 14), ("3d", 3)])
def test_snooze_sets_snoozed_until(world: World, span: str, days: int) -> None:
    target = world.ids["overdue"]
    assert world.run("bob", f"snooze {target} {span}").ok
    assert world.store.action(target).snoozed_until == TODAY + timedelta(days=days)


def test_note_is_kept_and_shown(world: World) -> None:
    target = world.ids["overdue"]
    world.run("dave", f"note {target} waiting for the vendor @here")
    assert world.store.action(target).notes == ("waiting for the vendor @here",)
    shown = world.run("dave", f"show {target}")
    assert "waiting for the vendor" in shown.text
    assert MENTION.search(shown.text) is None


def test_add_with_owners_and_due(world: World) -> None:
    reply = world.run("dave", "add Update the storage report @alice @bob due 2025-03-31")
    assert reply.ok
    rec = world.store.actions(ActionFilter(limit=1, ids=(max(world.ids.values()) + 1,)))[0]
    assert rec.text == "Update the storage report"
    assert rec.owner_usernames() == ("alice", "bob")
    assert [o.name for o in rec.owners] == ["Alice Smith", "Bob Jones"]
    assert rec.due == date(2025, 3, 31)
    assert rec.review is Review.ACCEPTED
    # Without a chat port the reply is how the new owners learn of it: a ping on purpose.
    assert "@alice" in reply.text
    assert "@bob" in reply.text
    assert world.store.history(rec.id)[0].who == "dave"


def test_add_never_takes_a_broadcast_as_owner(world: World) -> None:
    reply = world.run("dave", "add Tell @all about the downtime @bob")
    new_id = int(re.search(r"#(\d+)", reply.text).group(1))  # type: ignore[union-attr]
    rec = world.store.action(new_id)
    assert rec.owner_usernames() == ("bob",)
    assert MENTION.search(reply.text) is None


def test_assign_pings_new_owners_only(world: World) -> None:
    target = world.ids["overdue"]
    reply = world.run("chair", f"assign {target} @bob @carol")
    assert reply.ok
    assert "@carol" in reply.text
    assert "@bob" not in reply.text
    assert world.store.action(target).owner_usernames() == ("bob", "carol")
    assert world.store.history(target)[-1].change == "owners"


def test_assign_with_chat_tells_new_owners_by_dm(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'db.sqlite'}")
    clock = FrozenClock(NOW)
    ids = seed(store, clock)
    chat = RecordingChat()
    bot = build_dispatcher(store, clock, chairs=["chair"], timezone="UTC", roster=ROSTER, chat=chat)
    reply = bot.dispatch(Request(text=f"assign {ids['overdue']} @carol", user="bob", via="dm"))
    assert reply.ok
    assert "@carol" not in reply.text
    assert [(u, c[0].title) for u, _, c in chat.directs] == [
        ("carol", f"#{ids['overdue']} overdue action")
    ]
    store.close()


def test_a_new_owners_dm_goes_through_the_outbox_and_a_failed_one_is_retried_once(
    tmp_path: Path,
) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'db.sqlite'}")
    clock = FrozenClock(NOW)
    ids = seed(store, clock)
    chat = RecordingChat(unreachable={"dave"})
    bot = build_dispatcher(store, clock, chairs=["chair"], timezone="UTC", roster=ROSTER, chat=chat)
    n = ids["overdue"]
    reply = bot.dispatch(Request(text=f"assign {n} @carol @dave", user="bob", via="dm"))
    assert reply.ok, reply.text
    assert "when the chat server takes it" in reply.text  # dave's DM waits in the outbox
    assert [u for u, _, _ in chat.directs] == ["carol"]
    outbox = OutboxStore(store.engine)
    states = {q.message.to: q.state for q in outbox.messages() if q.message.kind == "new_owner"}
    assert states == {"carol": OutboxState.SENT, "dave": OutboxState.PENDING}
    chat.unreachable.clear()
    clock.advance(timedelta(hours=2))  # past the retry's back-off
    tick = dict(bot_jobs(store, clock, chat))["outbox"]
    tick(clock.now())
    tick(clock.now())
    assert [u for u, _, _ in chat.directs] == ["carol", "dave"]  # each told once
    store.close()


def bot_jobs(store: Store, clock: FrozenClock, chat: RecordingChat) -> list[tuple[str, Any]]:
    """The scheduled jobs of a fresh set of rhythm services over the same database."""
    rhythm = build_rhythm(store, clock, chat, ROSTER, RhythmOptions("UTC", chairs=("chair",)))
    return list(rhythm.jobs())


@dataclass
class KnownAccounts:
    """The chat server's accounts: these usernames exist; "flaky" cannot be looked up."""

    names: frozenset[str]
    asked: list[str] = field(default_factory=list)

    def user_exists(self, username: str) -> bool | None:
        self.asked.append(username)
        return None if username == "flaky" else username in self.names


def test_a_mistyped_username_owns_nothing(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'db.sqlite'}")
    clock = FrozenClock(NOW)
    ids = seed(store, clock)
    accounts = KnownAccounts(frozenset({"carol"}))
    bot = build_dispatcher(
        store, clock, chairs=["chair"], timezone="UTC", roster=ROSTER, accounts=accounts
    )

    def run(line: str) -> Reply:
        return bot.dispatch(Request(text=line, user="chair", via="dm"))

    target = ids["overdue"]
    reply = run(f"assign {target} @caroll")
    assert not reply.ok
    assert "caroll" in reply.text
    assert "nothing was changed" in reply.text
    assert store.action(target).owner_usernames() == ("bob",)
    assert not run("add Renew the certificate @caroll").ok
    assert not run(f"edit {target} owners @caroll").ok
    assert len(store.actions()) == len(ids)
    # real accounts, roster people and an unreachable server are all taken
    assert run(f"assign {target} @carol @alice").ok
    assert run(f"assign {target} @flaky").ok
    assert "alice" not in accounts.asked  # the roster knows alice: the server is not asked
    store.close()


def test_edit_fields(world: World) -> None:
    target = world.ids["proposed"]
    assert world.run("chair", f"edit {target} text Tell the channel on Friday").ok
    assert world.run("chair", f"edit {target} owners @bob, CERN").ok
    assert world.run("chair", f"edit {target} status tentative").ok
    assert world.run("chair", f"edit {target} due 2025-06-30").ok
    rec = world.store.action(target)
    assert rec.text == "Tell the channel on Friday"
    assert [o.name for o in rec.owners] == ["Bob Jones", "CERN"]
    assert rec.status is Status.TENTATIVE
    assert rec.due == date(2025, 6, 30)
    assert {"text", "owners", "status", "due"} <= rec.edited
    assert not world.run("chair", f"edit {target} colour red").ok
    assert not world.run("chair", f"edit {target} status sideways").ok


def test_reject_and_history(world: World) -> None:
    target = world.ids["proposed"]
    assert world.run("alice", f"reject {target} just a remark").ok
    assert world.store.action(target).review is Review.REJECTED
    hist = world.run("dave", f"history {target}")
    assert "| alice | dm | review | proposed → rejected (just a remark) |" in hist.text


def test_notmine_steps_out_and_orphans_go_back_to_review(world: World) -> None:
    target = world.ids["soon"]
    assert not world.run("bob", f"notmine {target}").ok
    assert world.run("alice", f"notmine {target}").ok
    rec = world.store.action(target)
    assert rec.owners == ()
    assert rec.review is Review.PROPOSED
    assert target in listed(world.run("chair", "review"))


# ---------------------------------------------------------------- review and accept
def test_review_for_a_chair_and_for_a_member(world: World) -> None:
    chair = world.run("chair", "review")
    assert listed(chair) == {world.ids["proposed"], world.ids["bobprop"]}
    listed_ids = sorted(listed(chair))
    assert sorted(chair.cards[0].buttons[0].context["ids"]) == listed_ids  # type: ignore[arg-type]
    assert [len(r.cards[0].buttons) for r in chair.extra] == [3, 3]
    assert listed(world.run("bob", "review")) == {world.ids["bobprop"]}
    assert world.run("dave", "review").text.startswith("No proposals")


def test_accept_several_reports_what_was_refused(world: World) -> None:
    reply = world.run("alice", f"accept {world.ids['proposed']} {world.ids['bobprop']} 999")
    assert f"#{world.ids['proposed']}" in reply.text
    assert f"#{world.ids['bobprop']} is not yours" in reply.text
    assert "#999 does not exist" in reply.text
    assert world.store.action(world.ids["proposed"]).review is Review.ACCEPTED
    assert world.store.action(world.ids["bobprop"]).review is Review.PROPOSED


def test_accept_all_by_member_takes_only_their_own(world: World) -> None:
    world.run("bob", "accept all")
    assert world.store.action(world.ids["bobprop"]).review is Review.ACCEPTED
    assert world.store.action(world.ids["proposed"]).review is Review.PROPOSED


def test_the_accept_all_button_accepts_only_what_it_listed(world: World) -> None:
    card = world.run("chair", "review").cards[0]
    later = world.store.create_action(
        text="a proposal made after the review was shown", owners=[], at=NOW,
        who="ingest", via="cli", review=Review.PROPOSED,
    ).id  # fmt: skip
    line = request_from_button(card.buttons[0].context, "chair").text
    assert world.run("chair", line).ok
    assert world.store.action(world.ids["proposed"]).review is Review.ACCEPTED
    assert world.store.action(later).review is Review.PROPOSED


def test_accept_all_by_chair(world: World) -> None:
    reply = world.run("chair", "accept all")
    assert "Accepted 2 proposals" in reply.text
    assert world.store.actions(ActionFilter(reviews=(Review.PROPOSED,))) == []
    assert reply.cards[0].buttons == ()


# ---------------------------------------------------------------- buttons
@pytest.mark.parametrize(
    ("context", "line"),
    [
        ({"cmd": "done", "id": 3}, "done 3"),
        ({"cmd": "snooze", "id": 3}, "snooze 3 1w"),
        ({"cmd": "snooze", "id": "3", "arg": "2 weeks"}, "snooze 3 2 weeks"),
        ({"cmd": "notmine", "id": 3}, "notmine 3"),
        ({"cmd": "accept", "ids": [4, 7]}, "accept 4 7"),
        ({"cmd": "due", "id": 3}, "due 3"),
    ],
)
def test_request_from_button(context: dict[str, object], line: str) -> None:
    req = request_from_button(context, "alice", post_id="p1")  # type: ignore[arg-type]
    assert (req.text, req.user, req.via, req.post_id) == (line, "alice", "button", "p1")


@pytest.mark.parametrize(
    "context",
    [{}, {"cmd": "add", "id": 1}, {"cmd": "done"}, {"cmd": "done", "id": "all"},
     {"cmd": "done", "id": True}, {"cmd": "snooze", "id": 1, "arg": "1w; rm -rf"},
     {"cmd": "accept", "id": "all"}, {"cmd": "accept", "ids": []},
     {"cmd": "accept", "ids": ["4; x"]}],
)  # fmt: skip
def test_request_from_button_refuses_other_contexts(context: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="button"):
        request_from_button(context, "alice")  # type: ignore[arg-type]


def test_button_click_returns_the_updated_card(world: World) -> None:
    target = world.ids["soon"]
    card = world.run("alice", f"show {target}").cards[0]
    done = next(b for b in card.buttons if b.label == "Done")
    reply = world.bot.dispatch(request_from_button(done.context, "alice"))
    assert reply.ok
    assert [b.label for b in reply.cards[0].buttons] == ["Reopen"]
    assert world.store.history(target)[-1].via == "button"


def test_change_due_button_explains_how(world: World) -> None:
    target = world.ids["proposed"]
    reply = world.bot.dispatch(request_from_button({"cmd": "due", "id": target}, "alice"))
    assert reply.ok
    assert reply.ephemeral
    assert f"`due {target} <date>`" in reply.text
    assert reply.cards[0].title.startswith(f"#{target}")


# ---------------------------------------------------------------- safety
def test_no_reply_carries_a_broadcast(world: World) -> None:
    target = world.ids["proposed"]
    world.run("alice", f"note {target} @all @here @channel")
    for line in (f"show {target}", "actions all", f"history {target}", "review", f"done {target}"):
        reply = world.run("chair", line)
        texts = [reply.text, *(c.text + c.title + str(c.fields) for c in reply.cards)]
        texts += [r.text + "".join(c.text for c in r.cards) for r in reply.extra]
        assert all(MENTION.search(t) is None for t in texts), line


def test_internal_errors_stay_in_the_log(
    world: World, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with world.store.engine.begin() as conn:
        conn.execute(text("DROP TABLE action_note"))
    with caplog.at_level(logging.ERROR):
        reply = world.run("dave", f"show {world.ids['overdue']}")
    assert not reply.ok
    assert "logged" in reply.text
    assert str(tmp_path) not in reply.text
    assert "sqlite" not in reply.text.lower()
    assert "command show failed" in caplog.text


def test_site_actions_include_what_its_contacts_own(world: World) -> None:
    world.run("dave", "add Upgrade the CERN gateway @carol")
    world.run("dave", "add Something else @dave")
    listing = listed(world.run("dave", "actions site CERN"))
    assert listing == {world.ids["site"], max(world.ids.values()) + 1}


def test_proposals_of_a_group_reach_its_contacts(world: World) -> None:
    world.run("chair", f"edit {world.ids['site']} status open")
    world.run("chair", f"notmine {world.ids['site']}")  # chair is no owner: refused, no change
    rec = world.store.update_action(
        world.ids["site"], {"review": Review.PROPOSED}, at=NOW, who="t", via="cli"
    )
    assert rec.id in listed(world.run("carol", "review"))


# ---------------------------------------------------------------- merge
def test_chair_merges_a_restatement_into_the_older_item(world: World) -> None:
    older = world.ids["overdue"]
    newer = world.store.create_action(
        text="overdue action, now by the end of the month",
        owners=[person("bob", "Bob Jones")],
        at=NOW,
        who="wp2bot",
        via="ingest",
        due=date(2025, 3, 31),
        due_phrase="by the end of the month",
        similar_to=older,
    ).id
    assert f"merge {newer} {older}" in world.run("bob", f"show {newer}").cards[0].text
    refused = world.run("bob", f"merge {newer} {older}")
    assert not refused.ok
    assert "Only a chair" in refused.text
    assert not world.run("chair", f"merge {newer} {newer}").ok
    assert not world.run("chair", f"merge {newer}").ok
    reply = world.run("chair", f"merge {newer} {older}")
    assert reply.ok
    assert f"Merged #{newer} into — #{older}" in reply.text
    kept = world.store.action(older)
    assert kept.due == date(2025, 3, 31)
    assert kept.text == "overdue action, now by the end of the month"
    gone = world.store.action(newer)
    assert gone.review is Review.REJECTED
    assert [h.comment for h in world.store.history(newer)][-1] == f"merged into #{older}"
    again = world.run("chair", f"merge {newer} {older}")
    assert not again.ok
    assert "already rejected or merged" in again.text


def test_merge_keeps_what_a_person_edited_on_the_older_item(world: World) -> None:
    older = world.ids["soon"]
    world.run("alice", f"due {older} 2025-04-30")
    newer = world.store.create_action(
        text="soon action restated", owners=[], at=NOW, who="wp2bot", via="ingest",
        due=date(2025, 3, 20), due_phrase="by 20 March",
    ).id  # fmt: skip
    assert world.run("chair", f"merge {newer} {older}").ok
    assert world.store.action(older).due == date(2025, 4, 30)
