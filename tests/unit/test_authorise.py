"""The command table governs dispatch: each row's permission is enforced before its handler."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from wp2bot.adapters.storage import Store
from wp2bot.chat import Reply, Request
from wp2bot.clock import FrozenClock
from wp2bot.commands.base import Command, Context, Permission
from wp2bot.commands.table import CommandDispatcher
from wp2bot.domain.models import Owner, OwnerKind, Roster, RosterGroup, RosterPerson
from wp2bot.part_builders import build_rhythm
from wp2bot.services.rhythm import RhythmOptions
from wp2bot.services.tracking import Tracker

AT = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
ROSTER = Roster(
    people=(RosterPerson("Ana Lima", username="alima"), RosterPerson("Bo Berg", username="bberg")),
    groups=(RosterGroup("Lakeside", "site", contacts=("bberg",)),),
)


def _row(name: str, usage: str, permission: Permission, ran: list[str]) -> Command:
    def handler(ctx: Context, args: str) -> Reply:
        ran.append(f"{name} {args}".strip())
        return Reply("ran")

    return Command(name, usage, "a test row", handler, permission)


@pytest.fixture
def table(tmp_path: Path) -> tuple[CommandDispatcher, list[str], int]:
    store = Store.open(f"sqlite:///{tmp_path / 'wp2bot.db'}")
    clock = FrozenClock(AT)
    owner = Owner("Ana Lima", "Ana Lima", OwnerKind.PERSON, username="alima")
    rec = store.create_action(text="Renew the host certificate", owners=[owner], at=AT,
                              who="test", via="cli")  # fmt: skip
    tracker = Tracker(store, clock, chairs=("chair",), timezone="UTC", roster=ROSTER)
    ran: list[str] = []
    rows = (
        _row("touch", "touch N [text]", Permission.OWNER_OR_CHAIR, ran),
        _row("mine", "mine N", Permission.OWNER, ran),
        _row("several", "several N [N…]", Permission.OWNER_OR_CHAIR, ran),
        _row("boss", "boss", Permission.CHAIR, ran),
        _row("declare", "declare [SITE text]", Permission.SITE_CONTACT_OR_CHAIR, ran),
        _row("open", "open N", Permission.ANYONE, ran),
    )
    rhythm = build_rhythm(store, clock, None, ROSTER, RhythmOptions("UTC", chairs=("chair",)))
    return CommandDispatcher(tracker, commands=rows, rhythm=rhythm), ran, rec.id


def _run(table: tuple[CommandDispatcher, list[str], int], user: str, text: str) -> Reply:
    return table[0].dispatch(Request(text=text, user=user, via="dm"))


def test_an_action_row_runs_for_its_owner_and_a_chair_only(table: tuple) -> None:
    _, ran, n = table
    refused = _run(table, "bberg", f"touch {n} hello")
    assert not refused.ok
    assert f"Only an owner or a chair of #{n}" in refused.text
    assert ran == []  # the handler never ran
    assert _run(table, "alima", f"touch {n} hello").ok
    assert _run(table, "chair", f"touch #{n}").ok
    assert ran == [f"touch {n} hello", f"touch #{n}"]


def test_later_numbers_are_arguments_and_several_are_left_to_the_use_case(table: tuple) -> None:
    _, ran, n = table
    assert _run(table, "alima", f"touch {n} 999").ok  # "999" is text, not an action
    # a row taking several actions does what it may and reports each refused one itself
    assert _run(table, "bberg", f"several {n} 999").ok
    assert ran == [f"touch {n} 999", f"several {n} 999"]


def test_an_owner_row_refuses_even_a_non_owner_with_a_number_to_spare(table: tuple) -> None:
    _, ran, n = table
    assert "Only an owner of" in _run(table, "bberg", f"mine {n}").text
    assert _run(table, "alima", f"mine {n}").ok
    assert ran == [f"mine {n}"]


def test_chair_and_site_contact_rows(table: tuple) -> None:
    _, ran, _ = table
    assert "Only a chair" in _run(table, "alima", "boss").text
    assert _run(table, "chair", "boss").ok
    assert _run(table, "alima", "declare").ok  # listing needs no site
    assert "site's contacts" in _run(table, "alima", "declare Lakeside closed").text
    assert _run(table, "bberg", "declare Lakeside closed").ok
    assert ran == ["boss", "declare", "declare Lakeside closed"]


def test_anyone_rows_and_missing_actions(table: tuple) -> None:
    _, ran, n = table
    assert _run(table, "bberg", f"open {n}").ok
    assert "There is no action #4242" in _run(table, "bberg", "touch 4242").text
    assert ran == [f"open {n}"]
