"""The board's pure parts: personal links, which actions a view lists, availability."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from wp2bot.domain.board import (
    Affiliations,
    Grouping,
    View,
    answer_grid,
    availability,
    group,
    meeting_lines,
    parse_choice,
    select,
    timeline,
)
from wp2bot.domain.board_access import BoardAccessError, BoardRole, sign_link, verify_link
from wp2bot.domain.health import ProbeResult, StageResult, StageStatus
from wp2bot.domain.models import Owner, OwnerKind, Status
from wp2bot.domain.tracking import ActionRecord, Review

NOW = datetime(2026, 5, 4, 12, tzinfo=UTC)
KEY = b"k" * 32


def test_a_link_opens_for_its_user_and_role_until_it_expires() -> None:
    token = sign_link(KEY, "ida.marsh", BoardRole.MEMBER, NOW + timedelta(days=1))
    viewer = verify_link(KEY, token, NOW)
    assert (viewer.user, viewer.role) == ("ida.marsh", BoardRole.MEMBER)
    with pytest.raises(BoardAccessError, match="expired"):
        verify_link(KEY, token, NOW + timedelta(days=1))


@pytest.mark.parametrize("change", ["user", "role", "expiry", "key", "garbage"])
def test_a_changed_or_forged_link_is_refused(change: str) -> None:
    token = sign_link(KEY, "ida", BoardRole.MEMBER, NOW + timedelta(days=1))
    user, role, expiry, mac = token.split(".")
    forged = {
        "user": sign_link(KEY, "chair", BoardRole.MEMBER, NOW).split(".")[0]
        + f".{role}.{expiry}.{mac}",
        "role": f"{user}.chair.{expiry}.{mac}",
        "expiry": f"{user}.{role}.{int(expiry) + 86400}.{mac}",
        "key": sign_link(b"x" * 32, "ida", BoardRole.CHAIR, NOW + timedelta(days=1)),
        "garbage": "not-a-token",
    }[change]
    with pytest.raises(BoardAccessError, match="not valid"):
        verify_link(KEY, forged, NOW)


def rec(n: int, **kw: object) -> ActionRecord:
    values: dict[str, object] = {
        "id": n, "text": f"task {n}", "owners": (), "status": Status.OPEN,
        "review": Review.ACCEPTED,
    }  # fmt: skip
    values.update(kw)
    return ActionRecord(**values)  # type: ignore[arg-type]


def test_views_select_open_overdue_due_soon_proposals_and_done() -> None:
    today = date(2026, 5, 4)
    records = [
        rec(1, due=date(2026, 5, 1)),
        rec(2, due=date(2026, 5, 10)),
        rec(3),
        rec(4, review=Review.PROPOSED),
        rec(5, status=Status.DONE),
        rec(6, review=Review.REJECTED),
    ]
    ids = {v: [r.id for r in select(records, v, today)] for v in View}
    assert ids == {
        View.OPEN: [1, 2, 3],
        View.OVERDUE: [1],
        View.DUE_SOON: [2],
        View.PROPOSALS: [4],
        View.DONE: [5],
    }
    assert [r.id for r in select(records, View.OPEN, today, words="TASK 2")] == [2]


def test_grouping_by_site_and_experiment_uses_group_owners_and_people() -> None:
    ida = Owner("Ida", "Ida Marsh", OwnerKind.PERSON)
    lab = Owner("Lumen Lab", "Lumen Lab", OwnerKind.GROUP)
    orbit = Owner("Orbit", "Orbit", OwnerKind.GROUP)
    records = [
        rec(1, owners=(ida,)),
        rec(2, owners=(lab,)),
        rec(3),
        rec(4, owners=(ida, lab, orbit)),
    ]
    known = Affiliations(
        {"Ida Marsh": "Harbour Centre"}, {"Ida Marsh": ("Comet",)}, frozenset({"Orbit"})
    )
    groups = group(records, Grouping.SITE, known)
    assert [(k, [r.id for r in v]) for k, v in groups] == [
        ("Harbour Centre", [1, 4]),
        ("Lumen Lab", [2, 4]),
        ("(none)", [3]),
    ]
    by_experiment = group(records, Grouping.EXPERIMENT, known)
    assert [(k, [r.id for r in v]) for k, v in by_experiment] == [
        ("Comet", [1, 4]),
        ("Orbit", [4]),
        ("(none)", [2, 3]),
    ]
    assert parse_choice(Grouping, "nonsense", Grouping.SITE) is Grouping.SITE


def run(at: datetime, ok: bool) -> ProbeResult:
    status = StageStatus.PASS if ok else StageStatus.FAIL
    return ProbeResult("LAB/webdav", "https://lab.example/dav", at, (StageResult("stat", status),))


def test_availability_per_window_and_timeline() -> None:
    results = [run(NOW - timedelta(hours=h), ok=h % 4 != 0) for h in range(1, 100)]
    windows = availability(results, NOW)
    assert [w.label for w in windows] == ["24 h", "7 d", "30 d"]
    assert windows[0].runs == 24  # the hours 1..24 before now, the 24th included
    assert windows[0].ratio == pytest.approx(18 / 24)
    assert windows[2].runs == 99
    slots = timeline(results, NOW, timedelta(days=7), slots=7)
    assert slots[:2] == ["unknown", "unknown"]  # nothing older than 99 hours
    assert "fail" in slots


def test_meetings_count_what_they_added_and_closed_until_the_next() -> None:
    meetings = [(1, "WG 1", date(2026, 3, 2), None), (2, "WG 2", date(2026, 3, 16), None)]
    records = [
        rec(1, meeting_id=1, closed_at=datetime(2026, 3, 10, tzinfo=UTC), status=Status.DONE),
        rec(2, meeting_id=1),
        rec(3, meeting_id=2, closed_at=datetime(2026, 3, 20, tzinfo=UTC), status=Status.DONE),
    ]
    lines = meeting_lines(meetings, records)
    assert [(m.id, m.added, m.closed) for m in lines] == [(2, 1, 1), (1, 2, 1)]


def test_answer_grid_keeps_the_latest_round_tables_oldest_first() -> None:
    at = [datetime(2026, 1, d, tzinfo=UTC) for d in (5, 19, 2)]
    tables = [
        ("B", at[1], [("Site A", "fine"), ("Site C", "down")]),
        ("A", at[0], [("Site A", "nothing"), ("Site B", "late")]),
        ("old", at[2], [("Site Z", "gone")]),
    ]
    grid = answer_grid(tables, last=2)
    assert [t for t, _ in grid.columns] == ["A", "B"]
    assert grid.rows == [
        ("Site A", ["nothing", "fine"]),
        ("Site B", ["late", ""]),
        ("Site C", ["", "down"]),
    ]
