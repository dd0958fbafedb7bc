"""Probe history and action-check links in the database (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import delete
from sqlmodel import Session

from wp2bot.adapters.storage import Store
from wp2bot.adapters.storage.check_tallies import CheckTallyRow, recount_stored
from wp2bot.adapters.storage.probe_store import ProbeStore
from wp2bot.domain.health import ProbeResult, StageResult, StageStatus
from wp2bot.domain.health_history import Health
from wp2bot.domain.health_tally import tally

T0 = dt.datetime(2026, 11, 20, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def stores(database_url: str) -> Iterator[tuple[Store, ProbeStore]]:
    store = Store.open(database_url)
    yield store, ProbeStore(store.engine)
    store.close()


def result(check: str, at: dt.datetime, ok: bool) -> ProbeResult:
    stages = (
        StageResult("stat", StageStatus.PASS, 0.01),
        StageResult(
            "upload",
            StageStatus.PASS if ok else StageStatus.FAIL,
            0.2,
            None if ok else "403 Forbidden",
        ),
    )
    return ProbeResult(check_id=check, url="davs://example.org/", at=at, stages=stages)


def test_history_round_trip_latest_and_prune(stores: tuple[Store, ProbeStore]) -> None:
    _, probes = stores
    probes.add([result("desy-davs", T0, True), result("gsi-ps", T0, False)])
    probes.add([result("desy-davs", T0 + dt.timedelta(hours=1), False)])
    hist = probes.history("desy-davs", T0)
    assert [r.ok for r in hist] == [True, False]
    assert hist[1].stages[1].error == "403 Forbidden"
    assert hist[1].at == T0 + dt.timedelta(hours=1)
    assert probes.history("desy-davs", T0 + dt.timedelta(minutes=30))[0].ok is False
    latest = probes.latest(["desy-davs", "gsi-ps", "none"])
    assert set(latest) == {"desy-davs", "gsi-ps"}
    assert latest["desy-davs"].at == T0 + dt.timedelta(hours=1)
    assert probes.prune(T0 + dt.timedelta(minutes=1)) == 2
    assert len(probes.history("desy-davs", T0)) == 1


def test_links_manual_auto_and_tombstones(stores: tuple[Store, ProbeStore]) -> None:
    store, probes = stores
    rec = store.create_action(
        text="Chase the perfSONAR machines at GSI", owners=[], at=T0, who="w", via="ingest"
    )
    assert probes.link(rec.id, "gsi-perfsonar", manual=False)
    assert not probes.link(rec.id, "gsi-perfsonar", manual=False)  # already there
    assert probes.links([rec.id]) == {rec.id: ["gsi-perfsonar"]}
    assert probes.unlink(rec.id, "gsi-perfsonar")
    assert probes.links() == {}
    assert not probes.link(rec.id, "gsi-perfsonar", manual=False)  # auto stays away
    assert probes.link(rec.id, "gsi-perfsonar", manual=True)  # a person may bring it back
    assert probes.links([rec.id]) == {rec.id: ["gsi-perfsonar"]}


def test_settled_states_of_many_checks_from_their_tallies(
    stores: tuple[Store, ProbeStore],
) -> None:
    _, probes = stores
    hour = dt.timedelta(hours=1)
    probes.add([result("desy-davs", T0, False), result("gsi-ps", T0, True)])
    probes.add([result("desy-davs", T0 + hour, False), result("gsi-ps", T0 + hour, True)])
    probes.add([result("desy-davs", T0 + 2 * hour, False)])
    probes.add([result("desy-davs", T0 + 3 * hour, True)])  # a flap: still down
    found = probes.settled(["desy-davs", "gsi-ps", "cern-eos", "desy-davs"], T0, 3)
    assert set(found) == {"desy-davs", "gsi-ps"}  # cern-eos has no result
    desy = found["desy-davs"]
    assert (desy.tally.state, desy.tally.since) == (Health.DOWN, T0)
    assert desy.last == probes.history("desy-davs", T0)[-1]
    gsi = found["gsi-ps"]
    assert gsi.tally.state is Health.UNKNOWN  # two passes are not three
    assert gsi.last.at == T0 + hour
    assert [s.status for s in gsi.last.stages] == [StageStatus.PASS, StageStatus.PASS]
    assert probes.settled(["desy-davs", "gsi-ps"], T0 + 2 * hour, 3).keys() == {"desy-davs"}
    assert probes.settled([], T0, 3) == {}
    assert probes.settled(["cern-eos"], T0, 3) == {}
    assert [(v.at, v.ok) for v in probes.verdicts("desy-davs", T0 + 2 * hour)] == [
        (T0 + 2 * hour, False),
        (T0 + 3 * hour, True),
    ]


def test_tallies_read_no_history_and_survive_pruning(stores: tuple[Store, ProbeStore]) -> None:
    _, probes = stores
    five = dt.timedelta(minutes=5)
    for n in range(12):
        probes.add([result("rug-dav", T0 + n * five, n >= 4)])
    probes.prune(T0 + 10 * five)  # the run that made the check UP is gone
    found = probes.settled(["rug-dav"], T0, 3)["rug-dav"]
    assert (found.tally.state, found.tally.since) == (Health.UP, T0 + 4 * five)
    assert found.last.at == T0 + 11 * five
    assert tally(probes.verdicts("rug-dav", T0)).state is Health.UNKNOWN  # what a recount says


def test_a_missing_or_stale_tally_is_counted_from_the_results(
    stores: tuple[Store, ProbeStore],
) -> None:
    store, probes = stores
    hour = dt.timedelta(hours=1)
    for n in range(5):  # pass, fail, pass, pass, pass
        probes.add([result("ifae-dav", T0 + n * hour, n != 1)])
    want = probes.settled(["ifae-dav"], T0, 3)["ifae-dav"]
    assert (want.tally.state, want.tally.since) == (Health.UP, T0 + 2 * hour)
    with Session(store.engine) as s:  # a database from before the tallies, or a bulk load
        s.exec(delete(CheckTallyRow))
        s.commit()
    assert probes.settled(["ifae-dav"], T0, 3) == {"ifae-dav": want}
    assert probes.settled(["ifae-dav"], T0, 1)["ifae-dav"].tally.since == T0 + 2 * hour
    probes.add([result("ifae-dav", T0 + 5 * hour, False)])  # the writer counts it afresh
    with Session(store.engine) as s:
        row = s.get(CheckTallyRow, "ifae-dav")
        assert row is not None
        assert (row.state, row.run_ok, row.run_len) == ("up", False, 1)
    probes.add([result("ifae-dav", T0 + 90 * dt.timedelta(minutes=1), False)])  # out of order
    recounted = probes.settled(["ifae-dav"], T0, 3)["ifae-dav"].tally
    assert recounted == tally(probes.verdicts("ifae-dav", T0), 3)
    assert recounted.last_at == T0 + 5 * hour
    with Session(store.engine) as s:
        s.exec(delete(CheckTallyRow))
        s.commit()
        assert recount_stored(s, 3) == 1
        s.commit()
    assert probes.settled(["ifae-dav"], T0, 3)["ifae-dav"].tally == recounted


def test_actions_linked_to_one_check(stores: tuple[Store, ProbeStore]) -> None:
    store, probes = stores
    ids = [
        store.create_action(text=f"Item {n}", owners=[], at=T0, who="w", via="ingest").id
        for n in range(4)
    ]
    for n in reversed(ids[:3]):
        probes.link(n, "gsi-ps", manual=True)
    probes.link(ids[3], "desy-davs", manual=False)
    probes.unlink(ids[1], "gsi-ps")  # a tombstone is no link
    assert probes.linked_to("gsi-ps") == [ids[0], ids[2]]
    assert probes.linked_to("desy-davs") == [ids[3]]
    assert probes.linked_to("cern-eos") == []
