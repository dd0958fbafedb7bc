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
