"""The automatic links after a restart: the mark in the database lets the next process go on
where the last one stopped, and a changed check set or roster starts over."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from prometheus_client import CollectorRegistry

from wp2bot.adapters.endpoints_config import load_endpoints
from wp2bot.adapters.storage import Store
from wp2bot.adapters.storage.probe_store import ProbeStore
from wp2bot.clock import FrozenClock
from wp2bot.domain.health import EndpointsConfig
from wp2bot.domain.models import Owner, OwnerKind, Roster, RosterPerson
from wp2bot.domain.reminders import RosterIndex
from wp2bot.part_builders import build_live_status
from wp2bot.services import relinking
from wp2bot.services.live_status import LiveStatus

ROOT = Path(__file__).resolve().parents[2]
T0 = datetime(2026, 5, 4, 7, 0, tzinfo=UTC)
ROSTER = Roster(
    people=(
        RosterPerson("Una Falk", username="ufalk", site="GSI"),
        RosterPerson("Tom Wendt", username="twendt", site="Hamburg"),
    )
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(f"sqlite:///{tmp_path / 'restart.db'}")
    yield opened
    opened.close()


@pytest.fixture
def config() -> EndpointsConfig:
    return load_endpoints(ROOT / "data" / "endpoints.toml")


def process(store: Store, config: EndpointsConfig, roster: Roster = ROSTER) -> LiveStatus:
    """What one start of the bot builds: a fresh live status over the same database."""
    return build_live_status(
        store, config, FrozenClock(T0), chat=None, index=RosterIndex(roster),
        registry=CollectorRegistry(),
    )  # fmt: skip


def add(store: Store, text: str, owner: str, at: datetime = T0) -> int:
    owners = [Owner(owner, owner, OwnerKind.PERSON)]
    return store.create_action(text=text, owners=owners, at=at, who="c", via="cli").id


def matched_texts(live: LiveStatus) -> list[str]:
    """The texts the live status's relinker matches from now on (each one looked at)."""
    seen: list[str] = []
    inner = live.relinker.matcher.link
    live.relinker.matcher.link = lambda text, sites: seen.append(text) or inner(text, sites)  # type: ignore[method-assign]
    return seen


def test_a_restart_looks_only_at_what_is_new_and_still_reads_the_changes(
    store: Store, config: EndpointsConfig
) -> None:
    before = T0 - timedelta(hours=2)  # created well before the first pass
    old = [add(store, f"Order cables for rack {n}", "Tom Wendt", before) for n in range(4)]
    first = process(store, config)
    assert first.relinker.tick(T0) == 0
    assert ProbeStore(store.engine).relink_mark() is not None
    # while the bot is down: one new action, one edited
    new = add(store, "Restart the perfSONAR node", "Una Falk", T0 + timedelta(minutes=3))
    edited_at = T0 + timedelta(minutes=4)
    store.update_action(
        old[0], {"text": "Order cables and fix the perfSONAR mesh"}, at=edited_at, who="c",
        via="chat",
    )  # fmt: skip

    second = process(store, config)
    seen = matched_texts(second)
    assert second.relinker.tick(T0 + timedelta(minutes=5)) == 1
    assert seen == ["Restart the perfSONAR node"]  # not the four read before the restart
    assert second.probes.links() == {new: ["GSI/perfsonar"]}
    # the hour counts from the first process's start: the edit is read then
    assert second.relinker.tick(T0 + relinking.RELINK_ALL) == 1
    assert seen[1:] == ["Order cables and fix the perfSONAR mesh"]
    assert second.probes.links([old[0]]) == {old[0]: ["DESY/perfsonar"]}


def test_a_process_stopped_half_way_is_resumed_after_its_last_page(
    store: Store, config: EndpointsConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(relinking, "LINK_PAGE", 2)
    ids = [add(store, f"Book the meeting room for day {n}", "Tom Wendt") for n in range(6)]
    first = process(store, config)
    seen = matched_texts(first)
    inner = first.relinker.matcher.link

    def stop_on_the_fifth(text: str, sites: list[str]) -> list[str]:
        if len(seen) == 5:
            raise KeyboardInterrupt  # the process is killed while on its third page
        return inner(text, sites)

    first.relinker.matcher.link = stop_on_the_fifth  # type: ignore[assignment,method-assign]
    with pytest.raises(KeyboardInterrupt):
        first.relinker.tick(T0)
    mark = ProbeStore(store.engine).relink_mark()
    assert mark is not None
    assert mark.examined_upto == ids[3]

    second = process(store, config)
    rest = matched_texts(second)
    second.relinker.tick(T0 + timedelta(minutes=2))
    assert rest == ["Book the meeting room for day 4", "Book the meeting room for day 5"]


def test_another_check_set_or_roster_looks_at_every_action_again(
    store: Store, config: EndpointsConfig
) -> None:
    add(store, "Book a room for the workshop", "Tom Wendt")  # neither links to a check
    add(store, "Circulate the agenda", "Una Falk")
    process(store, config).relinker.tick(T0)
    later = T0 + timedelta(minutes=10)

    same = process(store, config)
    seen = matched_texts(same)
    same.relinker.tick(later)
    assert seen == []

    first = config.checks[0]
    changed = replace(config, checks=(replace(first, aliases=(*first.aliases, "rucio")),
                                      *config.checks[1:]))  # fmt: skip
    other_checks = process(store, changed)
    seen = matched_texts(other_checks)
    other_checks.relinker.tick(later)
    assert len(seen) == 2

    moved = Roster(people=(RosterPerson("Una Falk", username="ufalk", site="Hamburg"),
                           ROSTER.people[1]))  # fmt: skip
    other_roster = process(store, changed, moved)
    seen = matched_texts(other_roster)
    other_roster.relinker.tick(later)
    assert len(seen) == 2
