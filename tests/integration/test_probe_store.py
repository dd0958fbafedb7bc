"""Probe history and action-check links in the database (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from wp2bot.adapters.storage import Store
from wp2bot.adapters.storage.probe_store import ProbeStore
from wp2bot.domain.health import ProbeResult, StageResult, StageStatus

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


def test_verdicts_of_many_checks_in_one_read(stores: tuple[Store, ProbeStore]) -> None:
    _, probes = stores
    hour = dt.timedelta(hours=1)
    probes.add([result("desy-davs", T0, True), result("gsi-ps", T0, False)])
    probes.add([result("desy-davs", T0 + hour, False), result("gsi-ps", T0 + hour, True)])
    probes.add([result("desy-davs", T0 + 2 * hour, True)])
    found = probes.verdicts(["desy-davs", "gsi-ps", "cern-eos", "desy-davs"], T0 + hour)
    assert set(found) == {"desy-davs", "gsi-ps"}  # no result of cern-eos since then
    desy = found["desy-davs"]
    assert [(v.at, v.ok) for v in desy.verdicts] == [(T0 + hour, False), (T0 + 2 * hour, True)]
    assert desy.last == probes.history("desy-davs", T0)[-1]
    gsi = found["gsi-ps"]
    assert [v.ok for v in gsi.verdicts] == [True]
    assert gsi.last.at == T0 + hour
    assert [s.status for s in gsi.last.stages] == [StageStatus.PASS, StageStatus.PASS]
    assert probes.verdicts([], T0) == {}
    assert probes.verdicts(["cern-eos"], T0) == {}


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
