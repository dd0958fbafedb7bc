"""The Indico client against recorded answers of Indico 3.2.9 and 3.3.14, replayed by httpx."""

from __future__ import annotations

import copy
import itertools
import json
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest

from wp2bot.adapters.indico import (
    FetchedMeeting,
    IndicoAuthError,
    IndicoClient,
    IndicoError,
    IndicoNotFound,
    IndicoRef,
    IndicoUnavailable,
    parse_event,
    parse_indico_url,
    sanitize_note_html,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "indico"
VERSIONS = ("v3.2.9", "v3.3.14")
BASE = "http://127.0.0.1:8000"
TOKEN = "indp_" + "s3cr3t" * 7
ZURICH = ZoneInfo("Europe/Zurich")
Handler = Callable[[httpx.Request], httpx.Response]


def body(version: str, name: str) -> bytes:
    """A recorded body, byte for byte."""
    return (FIXTURES / version / name).read_bytes()


def recorded(version: str, name: str, status: int = 200) -> httpx.Response:
    """A recorded answer with the content type Indico sent."""
    kind = "text/html; charset=utf-8" if name.endswith(".html") else "application/json"
    return httpx.Response(status, content=body(version, name), headers={"Content-Type": kind})


def events_of(version: str, name: str) -> list[dict[str, object]]:
    """The event objects of a recorded export answer."""
    results = json.loads(body(version, name))["results"]
    assert isinstance(results, list)
    return results


@dataclass
class Replay:
    """An httpx transport that answers from a table of recorded files and logs each request."""

    routes: dict[str, Handler]
    requests: list[httpx.Request] = field(default_factory=list)

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.routes[request.url.path](request)

    def client(self, token: str = TOKEN, **kwargs: object) -> IndicoClient:
        sleeps: list[float] = []
        options: dict[str, object] = {"sleep": sleeps.append, **kwargs}
        return IndicoClient(
            BASE,
            token,
            transport=httpx.MockTransport(self.handle),
            **options,  # type: ignore[arg-type]
        )


def serve(version: str, name: str, status: int = 200) -> Handler:
    return lambda _request: recorded(version, name, status)


def event_routes(version: str) -> dict[str, Handler]:
    return {
        "/export/event/1.json": serve(version, "export-event-1-subcontributions.anon.json"),
        "/export/event/3.json": serve(version, "export-event-3-sessions.anon.json"),
        "/export/event/4.json": serve(version, "export-event-4-contributions-no-notes.anon.json"),
        "/export/event/2.json": serve(version, "export-event-2-protected.token.json"),
    }


# ---------------------------------------------------------------------------- URLs
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://indico.example.org/event/123/",
            IndicoRef("event", "https://indico.example.org", 123),
        ),
        (
            "https://indico.example.org/event/123",
            IndicoRef("event", "https://indico.example.org", 123),
        ),
        (
            "https://indico.example.org/event/123/timetable/#20261105",
            IndicoRef("event", "https://indico.example.org", 123),
        ),
        ("https://indico.example.org/e/77", IndicoRef("event", "https://indico.example.org", 77)),
        (
            "https://indico.example.org/category/7/?a=1",
            IndicoRef("category", "https://indico.example.org", 7),
        ),
        (
            "http://127.0.0.1:8000/category/7/overview",
            IndicoRef("category", "http://127.0.0.1:8000", 7),
        ),
        ("https://host/indico/event/5/", IndicoRef("event", "https://host/indico", 5)),
        (
            "https://host/conferenceDisplay.py?confId=42",
            IndicoRef("event", "https://host", 42),
        ),
        (
            "https://host/categoryDisplay.py?categId=3",
            IndicoRef("category", "https://host", 3),
        ),
        ("https://indico.example.org/e/wp2-meeting", None),
        ("https://indico.example.org/", None),
        ("/event/123/", None),
        ("ftp://host/event/1/", None),
        ("minutes.html", None),
    ],
)
def test_parse_indico_url(url: str, expected: IndicoRef | None) -> None:
    assert parse_indico_url(url) == expected


# ---------------------------------------------------------------------------- one event
@pytest.mark.parametrize("version", VERSIONS)
def test_event_with_contribution_and_subcontribution_notes(version: str) -> None:
    replay = Replay(event_routes(version))
    with replay.client() as client:
        meeting = client.event(1)
    assert meeting.source == f"{BASE}/event/1/"
    assert meeting.indico_id == "1"
    assert meeting.title == "WP2 Fortnightly Meeting #41"
    assert meeting.starts_at == datetime(2026, 11, 5, 14, 0, tzinfo=ZURICH)
    assert meeting.starts_at.utcoffset() == timedelta(hours=1)
    assert meeting.timezone == "Europe/Zurich"
    assert meeting.category == "WP2 Meetings"
    assert meeting.url == f"{BASE}/event/1/"
    assert meeting.has_minutes
    assert [(p.level, p.title) for p in meeting.parts] == [
        (1, "WP2 Fortnightly Meeting #41"),
        (1, "Introduction and news"),
        (1, "Status of the ingestion pipeline"),
        (2, "Demo of the minutes parser"),
    ]
    assert [p.url for p in meeting.parts] == [
        f"{BASE}/event/1/note/",
        f"{BASE}/event/1/contributions/1/note/",
        f"{BASE}/event/1/contributions/2/note/",
        f"{BASE}/event/1/contributions/2/subcontributions/1/note/",
    ]
    event_note, _, pipeline, _ = meeting.parts
    assert "Provide the updated JSON schema for the ingestion API (Bob Chen)" in event_note.html
    assert [s.name for s in event_note.speakers] == ["Alice Martin"]  # the chair
    # a markdown note arrives rendered as HTML
    assert "<strong>Action:</strong> send the schema (Bob Chen)" in pipeline.html
    assert [s.name for s in pipeline.speakers] == ["Bob Chen"]
    people = {p.name: p.affiliation for p in meeting.participants}
    assert people == {
        "Alice Martin": "CERN",
        "Bob Chen": "University of Geneva",
        "Carla Rossi": "INFN",
    }


@pytest.mark.parametrize("version", VERSIONS)
def test_session_note_follows_timetable_order(version: str) -> None:
    with Replay(event_routes(version)).client() as client:
        meeting = client.event(3)
    # 14:00 contribution, 14:20 one without note, 14:30 session block (its note first, then talks)
    assert [p.title for p in meeting.parts] == [
        "WP2 Fortnightly Meeting #42",
        "Follow-up of action items",
        "Technical session",
        "Tracking software benchmarks",
    ]
    session = meeting.parts[2]
    assert session.url == f"{BASE}/event/3/sessions/1/note/"
    assert "both technical talks accepted" in session.html
    assert "Jürgen Müller" in {p.name for p in meeting.participants}
    assert "Publish the tracking benchmark results" in meeting.parts[0].html


@pytest.mark.parametrize("version", VERSIONS)
def test_meeting_without_notes(version: str) -> None:
    with Replay(event_routes(version)).client() as client:
        meeting = client.event(4)
    assert meeting.title == "WP2 Fortnightly Meeting #43"
    assert meeting.parts == ()
    assert not meeting.has_minutes
    assert meeting.participants  # the agenda still names chair and speakers


@pytest.mark.parametrize("version", VERSIONS)
def test_protected_event_with_access(version: str) -> None:
    with Replay(event_routes(version)).client() as client:
        meeting = client.event(2)
    assert meeting.title == "WP2 Steering Board (closed)"
    assert meeting.has_minutes
    assert "revised budget table" in meeting.parts[0].html


def test_both_versions_give_the_same_meetings() -> None:
    """3.3 drops bookedRooms, turns roomMapURL null into "" and reorders keys: no effect here."""
    raw = {v: body(v, "export-event-3-sessions.anon.json") for v in VERSIONS}
    assert b'"bookedRooms"' in raw["v3.2.9"]
    assert b'"bookedRooms"' not in raw["v3.3.14"]
    for name in (
        "export-event-1-subcontributions.anon.json",
        "export-event-3-sessions.anon.json",
        "export-event-4-contributions-no-notes.anon.json",
        "export-categ-1-desc-contributions.token.json",
    ):
        old, new = ([parse_event(e, BASE) for e in events_of(v, name)] for v in VERSIONS)
        assert old == new, name
        assert old


@pytest.mark.parametrize("version", VERSIONS)
def test_utc_and_server_zone_answers_are_the_same_instant(version: str) -> None:
    local = parse_event(events_of(version, "export-event-3-sessions.anon.json")[0], BASE)
    utc_raw = events_of(version, "export-event-3-contributions-tzUTC.anon.json")[0]
    assert utc_raw["startDate"] == {"date": "2026-11-19", "time": "13:00:00", "tz": "UTC"}
    utc = parse_event(utc_raw, BASE)
    assert utc.starts_at == local.starts_at
    assert str(utc.starts_at.tzinfo) == "Europe/Zurich"  # shown in the event's own zone


# ---------------------------------------------------------------------------- request shape
def test_requests_are_fresh_in_utc_with_a_bearer_token() -> None:
    replay = Replay(event_routes("v3.2.9"))
    with replay.client() as client:
        client.event(1)
    (request,) = replay.requests
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    params = dict(request.url.params)
    assert params == {"detail": "sessions", "tz": "UTC", "nc": "yes"}


def test_no_token_sends_no_authorization_header() -> None:
    replay = Replay(event_routes("v3.2.9"))
    with replay.client(token="") as client:
        client.event(1)
    assert "Authorization" not in replay.requests[0].headers


# ---------------------------------------------------------------------------- errors
@pytest.mark.parametrize("version", VERSIONS)
def test_protected_event_without_access_is_not_found(version: str) -> None:
    replay = Replay({"/export/event/2.json": serve(version, "export-event-2-protected.anon.json")})
    with replay.client(token="") as client, pytest.raises(IndicoNotFound) as info:
        client.event(2)
    message = str(info.value)
    assert "event 2" in message
    assert "WP2BOT_INDICO_TOKEN" in message  # no token configured: say which setting
    with replay.client() as client, pytest.raises(IndicoNotFound) as info:
        client.event(2)
    assert "protected" in str(info.value)
    assert TOKEN not in str(info.value)


@pytest.mark.parametrize("version", VERSIONS)
def test_invalid_token_html_page(version: str) -> None:
    page = body(version, "export-event-2.invalid-token.html").decode()
    assert "invalid_token" in page
    replay = Replay(
        {"/export/event/2.json": serve(version, "export-event-2.invalid-token.html", 400)}
    )
    with replay.client() as client, pytest.raises(IndicoAuthError) as info:
        client.event(2)
    message = str(info.value)
    assert info.value.status == 400
    assert "token" in message
    assert "read:legacy_api" in message
    assert "<" not in message  # not the HTML page
    assert TOKEN not in message
    assert len(replay.requests) == 1  # a client error is not retried


@pytest.mark.parametrize(
    ("name", "status", "error", "shown"),
    [
        ("export-event-2.onlyauthed.anon.json", 403, IndicoAuthError, "Not authenticated"),
        ("export-note-2-protected.anon.json", 403, IndicoAuthError, "restricted"),
        ("api-user.legacy-token.json", 403, IndicoAuthError, "higher privileges"),
        ("export-note-4-none.anon.json", 404, IndicoNotFound, "No such note"),
        ("export-categ-1-bad-date.anon.json", 400, IndicoError, "Impossible to parse"),
        ("export-categ-1-limit-too-big.anon.json", 400, IndicoError, "up to 500 records"),
    ],
)
@pytest.mark.parametrize("version", VERSIONS)
def test_error_answers(
    version: str, name: str, status: int, error: type[IndicoError], shown: str
) -> None:
    replay = Replay({"/export/event/9.json": serve(version, name, status)})
    with replay.client() as client, pytest.raises(error) as info:
        client.event(9)
    assert info.value.status == status
    assert shown in str(info.value)
    assert TOKEN not in str(info.value)
    assert len(replay.requests) == 1


def test_unauthorized_from_a_proxy() -> None:
    replay = Replay({"/export/event/1.json": lambda _r: httpx.Response(401, text="login")})
    with replay.client() as client, pytest.raises(IndicoAuthError) as info:
        client.event(1)
    assert info.value.status == 401


def test_redirect_to_login_is_an_auth_error() -> None:
    def login(_request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": f"{BASE}/login/?next=/export/event/1.json"})

    replay = Replay({"/export/event/1.json": login})
    with replay.client() as client, pytest.raises(IndicoAuthError, match="login"):
        client.event(1)


def test_an_html_page_instead_of_json() -> None:
    replay = Replay(
        {"/export/event/1.json": lambda _r: httpx.Response(200, text="<html>hi</html>")}
    )
    with replay.client() as client, pytest.raises(IndicoError, match="Indico server"):
        client.event(1)


def test_5xx_is_retried_with_backoff_then_succeeds() -> None:
    answers = iter([503, 502])
    sleeps: list[float] = []

    def flaky(request: httpx.Request) -> httpx.Response:
        status = next(answers, 200)
        if status != 200:
            return httpx.Response(status, text="busy")
        return recorded("v3.2.9", "export-event-1-subcontributions.anon.json")

    replay = Replay({"/export/event/1.json": flaky})
    with replay.client(retries=3, backoff=1.0, sleep=sleeps.append) as client:
        meeting = client.event(1)
    assert meeting.indico_id == "1"
    assert len(replay.requests) == 3
    assert len(sleeps) == 2
    assert 0.5 <= sleeps[0] <= 1.0  # half of each doubling step fixed, half random
    assert 1.0 <= sleeps[1] <= 2.0


def test_retry_after_is_honoured() -> None:
    answers = iter([429])
    sleeps: list[float] = []

    def throttled(_request: httpx.Request) -> httpx.Response:
        if next(answers, None):
            return httpx.Response(429, headers={"Retry-After": "7"})
        return recorded("v3.2.9", "export-event-1-subcontributions.anon.json")

    replay = Replay({"/export/event/1.json": throttled})
    with replay.client(sleep=sleeps.append) as client:
        client.event(1)
    assert sleeps == [7.0]


def test_5xx_that_persists_is_unavailable() -> None:
    replay = Replay({"/export/event/1.json": lambda _r: httpx.Response(500, text="Traceback")})
    with replay.client(retries=2) as client, pytest.raises(IndicoUnavailable) as info:
        client.event(1)
    assert info.value.status == 500
    assert len(replay.requests) == 3
    assert "Traceback" not in str(info.value)


def test_connection_errors_are_retried() -> None:
    answers = iter([True])

    def broken(request: httpx.Request) -> httpx.Response:
        if next(answers, False):
            raise httpx.ConnectError("connection reset", request=request)
        return recorded("v3.2.9", "export-event-1-subcontributions.anon.json")

    replay = Replay({"/export/event/1.json": broken})
    with replay.client() as client:
        assert client.event(1).title == "WP2 Fortnightly Meeting #41"
    assert len(replay.requests) == 2


def test_server_that_is_down() -> None:
    """A real loopback port with nothing listening."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    sleeps: list[float] = []
    client = IndicoClient(f"http://127.0.0.1:{port}", TOKEN, retries=2, sleep=sleeps.append)
    with client, pytest.raises(IndicoUnavailable) as info:
        client.event(1)
    assert "unreachable" in str(info.value)
    assert "3 attempts" in str(info.value)
    assert len(sleeps) == 2
    assert TOKEN not in str(info.value)
    assert TOKEN not in repr(client)


# ---------------------------------------------------------------------------- categories
@dataclass
class FakeCategory:
    """Answers /export/categ windows from recorded event objects, as Indico filters them."""

    events: list[dict[str, object]]
    repeat_everywhere: bool = False  # a sloppy server that ignores the window

    def __call__(self, request: httpx.Request) -> httpx.Response:
        params = request.url.params
        first = date.fromisoformat(params["from"])
        last = date.fromisoformat(params["to"])
        chosen = []
        for event in self.events:
            when = parse_event(event, BASE)
            ends = when.ends_at or when.starts_at
            inside = when.starts_at.astimezone(ZoneInfo("UTC")).date() <= last and (
                ends.astimezone(ZoneInfo("UTC")).date() >= first
            )
            if inside or self.repeat_everywhere:
                chosen.append(event)
        envelope = {"count": len(chosen), "results": chosen, "_type": "HTTPAPIResult"}
        return httpx.Response(200, json=envelope)


@pytest.mark.parametrize("version", VERSIONS)
def test_category_pages_by_date_windows(version: str) -> None:
    events = events_of(version, "export-categ-1-desc-contributions.token.json")
    replay = Replay({"/export/categ/1.json": FakeCategory(events)})
    with replay.client() as client:
        meetings = client.category_events(1, date(2026, 9, 1), date(2026, 12, 31))
    assert [m.title for m in meetings] == [
        "WP2 Fortnightly Meeting #41",
        "WP2 Steering Board (closed)",
        "WP2 Fortnightly Meeting #42",
        "WP2 Fortnightly Meeting #43",
    ]
    assert all(isinstance(m, FetchedMeeting) for m in meetings)
    windows = []
    for request in replay.requests:
        params = dict(request.url.params)
        assert "limit" not in params
        assert "offset" not in params
        assert params["order"] == "start"
        assert params["nc"] == "yes"
        assert params["detail"] == "sessions"
        windows.append((date.fromisoformat(params["from"]), date.fromisoformat(params["to"])))
    assert len(windows) == 4
    assert windows[0][0] == date(2026, 8, 31)
    assert windows[-1][1] == date(2027, 1, 1)
    for (_, end), (nxt, _) in itertools.pairwise(windows):
        assert nxt == end + timedelta(days=1)  # contiguous, no gap, no overlap
    assert all((b - a).days < 31 for a, b in windows)


def test_category_dedupes_and_keeps_only_the_asked_dates() -> None:
    events = events_of("v3.3.14", "export-categ-1-desc-contributions.token.json")
    replay = Replay({"/export/categ/1.json": FakeCategory(events, repeat_everywhere=True)})
    with replay.client() as client:
        meetings = client.category_events(1, date(2026, 11, 10), date(2026, 11, 30))
    assert [m.indico_id for m in meetings] == ["2", "3"]


def test_category_without_notes_asks_for_less() -> None:
    events = events_of("v3.2.9", "export-categ-1-desc-contributions.token.json")
    replay = Replay({"/export/categ/1.json": FakeCategory(events)})
    with replay.client() as client:
        meetings = client.category_events(
            1, date(2026, 11, 1), date(2026, 11, 30), with_notes=False
        )
    assert {dict(r.url.params)["detail"] for r in replay.requests} == {"events"}
    assert len(meetings) == 3


def test_a_window_near_the_cap_is_split() -> None:
    """Indico returns at most 100 events with detail=sessions and says nothing: ask smaller."""
    template = events_of("v3.2.9", "export-event-1-subcontributions.anon.json")[0]
    events = []
    for i in range(120):  # four meetings a day for a month
        event = copy.deepcopy(template)
        event["id"] = str(1000 + i)
        day = date(2026, 11, 1) + timedelta(days=i // 4)
        for key in ("startDate", "endDate"):
            stamp = event[key]
            assert isinstance(stamp, dict)
            stamp["date"] = day.isoformat()
        events.append(event)

    def capped(request: httpx.Request) -> httpx.Response:
        answer = FakeCategory(events)(request)
        envelope = answer.json()
        envelope["results"] = envelope["results"][:100]
        return httpx.Response(200, json=envelope)

    replay = Replay({"/export/categ/1.json": capped})
    with replay.client() as client:
        meetings = client.category_events(1, date(2026, 11, 1), date(2026, 11, 30))
    assert len(meetings) == 120
    assert len({m.indico_id for m in meetings}) == 120
    assert len(replay.requests) > 2


def test_limit_and_offset_are_unsafe() -> None:
    """Why the client never pages by limit: anonymous limit=2 gave 1 of the 2 visible events."""
    anon = json.loads(body("v3.2.9", "export-categ-1-order-limit.anon.json"))
    token = json.loads(body("v3.2.9", "export-categ-1-order-limit.token.json"))
    assert [e["id"] for e in anon["results"]] == ["1"]
    assert [e["id"] for e in token["results"]] == ["1", "2"]


def test_end_before_start_is_refused() -> None:
    with Replay({}).client() as client, pytest.raises(ValueError, match="end"):
        client.category_events(1, date(2026, 12, 1), date(2026, 11, 1))


# ---------------------------------------------------------------------------- note HTML
def test_active_content_is_removed_from_notes() -> None:
    event = events_of("v3.2.9", "export-event-1-subcontributions.anon.json")[0]
    note = event["note"]
    assert isinstance(note, dict)
    note["html"] = (
        '<p onclick="steal()">Action: fix it (Bob Chen)</p><script>steal()</script>'
        '<style>p{}</style><a href="javascript:steal()">x</a><iframe src="https://evil"></iframe>'
    )
    meeting = parse_event(event, BASE)
    html = meeting.parts[0].html
    assert "Action: fix it (Bob Chen)" in html
    for bad in ("onclick", "<script", "steal()", "<style", "javascript:", "<iframe"):
        assert bad not in html


def test_deleted_and_empty_notes_are_no_minutes() -> None:
    event = events_of("v3.2.9", "export-event-4-contributions-no-notes.anon.json")[0]
    event["note"] = {"html": "", "url": f"{BASE}/event/4/note/", "user": 1}  # a deleted note
    assert parse_event(event, BASE).parts == ()
    event["note"] = {"html": "<p> </p>", "url": f"{BASE}/event/4/note/", "user": 1}
    meeting = parse_event(event, BASE)
    assert not meeting.has_minutes
    assert sanitize_note_html("   ") == ""


def test_unscheduled_contributions_come_last() -> None:
    event = copy.deepcopy(events_of("v3.2.9", "export-event-1-subcontributions.anon.json")[0])
    contributions = event["contributions"]
    assert isinstance(contributions, list)
    contributions[0]["startDate"] = None  # "Introduction and news" loses its slot
    titles = [p.title for p in parse_event(event, BASE).parts]
    assert titles[-1] == "Introduction and news"
    assert titles[0] == "WP2 Fortnightly Meeting #41"
