"""An httpx client for Indico's export API: one event, or a category's events by date window."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from types import TracebackType
from typing import Self
from urllib.parse import urlsplit

import httpx

from wp2bot import __version__
from wp2bot.adapters.deadline import DeadlineStream, deadline_scope, deadline_transport
from wp2bot.adapters.indico.errors import (
    IndicoError,
    IndicoNotFound,
    IndicoUnavailable,
    raise_for_status,
)
from wp2bot.adapters.indico.parse import parse_event
from wp2bot.adapters.retry import RetryPolicy, retry_after
from wp2bot.ports.meeting_source import FetchedMeeting

log = logging.getLogger(__name__)

# Indico caps a request at this many events per detail level (MAX_RECORDS); without an explicit
# limit it silently returns at most that many.  The cap is applied before the access filter, so
# a short answer can still be truncated: windows are split well before the cap.
_CAPS = {"events": 1000, "sessions": 100}
WINDOW_DAYS = 31
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class IndicoClient:
    """Reads events and their notes through ``/export/...json`` with a personal token.

    ``timeout`` is the total deadline of one request, retries included: connecting, waiting
    and reading the whole answer, however slowly the server sends it.
    """

    def __init__(
        self,
        base_url: str,
        token: str = "",
        *,
        timeout: float = 20.0,
        retries: int = 3,
        transport: httpx.BaseTransport | None = None,
        backoff: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
        verify: bool | str = True,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        try:
            parsed = httpx.URL(base_url)
            urlsplit(base_url).port  # noqa: B018  ValueError for a port out of range
        except (httpx.InvalidURL, ValueError) as exc:
            raise IndicoError(f"{base_url!r} is not a usable Indico URL ({exc})") from None
        if parsed.scheme not in ("http", "https") or not parsed.host:
            raise IndicoError(f"{base_url!r} is not an http(s) Indico URL")
        self.base_url = base_url.rstrip("/")
        self._timeout = timeout
        self._monotonic = monotonic
        self._token = token
        self._retries = max(0, retries)
        self._policy = RetryPolicy(self._retries + 1, initial=backoff, max_retry_after=60.0)
        self._sleep = sleep
        headers = {"Accept": "application/json", "User-Agent": f"wp2bot/{__version__}"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self._http = httpx.Client(
            base_url=self.base_url,
            headers=headers,
            timeout=timeout,
            # the default transport's sockets wait at most for the time left (see ``_fetch``)
            transport=transport or deadline_transport(verify=verify),
            follow_redirects=False,  # a redirect here means a login page or a wrong base URL
            verify=verify,
        )

    def __repr__(self) -> str:
        """Never show the token."""
        return f"IndicoClient({self.base_url!r}, token={'***' if self._token else ''!r})"

    def __enter__(self) -> Self:
        """Use as a context manager that closes the connection pool."""
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Close on leaving the block."""
        self.close()

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    # ------------------------------------------------------------------ public API
    def event(self, event_id: int) -> FetchedMeeting:
        """One event with every note (event, contributions, subcontributions, sessions)."""
        results = self._export(f"/export/event/{int(event_id)}.json", {"detail": "sessions"})
        if not results:
            raise IndicoNotFound(
                f"Indico event {event_id} at {self.base_url} does not exist or is not visible"
                f" {self._who()} (Indico returns nothing for protected events)",
                status=200,
            )
        return self._parse(results[0])

    def category_events(
        self, category_id: int, start: date, end: date, *, with_notes: bool = True
    ) -> list[FetchedMeeting]:
        """Events of a category (and its subcategories) overlapping [start, end], by start time.

        Pages by date windows, never by limit/offset (Indico applies those before dropping
        events the user may not see).  Windows are asked in UTC one day wider on each side and
        the events are then kept by their own local dates.
        """
        if end < start:
            raise ValueError("end must not be before start")
        detail = "sessions" if with_notes else "events"
        found: dict[str, Mapping[str, object]] = {}
        day = start - timedelta(days=1)
        last = end + timedelta(days=1)
        while day <= last:
            window_end = min(day + timedelta(days=WINDOW_DAYS - 1), last)
            for item in self._window(category_id, day, window_end, detail):
                found.setdefault(str(item.get("id")), item)
            day = window_end + timedelta(days=1)
        meetings = []
        for item in found.values():
            meeting = self._parse(item)
            ends = meeting.ends_at or meeting.starts_at
            if meeting.starts_at.date() <= end and ends.date() >= start:
                meetings.append(meeting)
        meetings.sort(key=lambda m: (m.starts_at, int(m.indico_id or 0)))
        return meetings

    # ------------------------------------------------------------------ internals
    def _window(
        self, category_id: int, first: date, last: date, detail: str
    ) -> list[Mapping[str, object]]:
        """Events of one window; halves the window while an answer comes near Indico's cap."""
        params = {
            "from": first.isoformat(),
            "to": last.isoformat(),
            "order": "start",
            "detail": detail,
        }
        results = self._export(f"/export/categ/{int(category_id)}.json", params)
        if len(results) >= _CAPS[detail] // 2 and last > first:
            middle = first + (last - first) // 2
            log.debug("window %s..%s near the cap, splitting", first, last)
            return self._window(category_id, first, middle, detail) + self._window(
                category_id, middle + timedelta(days=1), last, detail
            )
        return results

    def _parse(self, item: Mapping[str, object]) -> FetchedMeeting:
        try:
            return parse_event(item, self.base_url)
        except ValueError as exc:
            raise IndicoError(f"Indico at {self.base_url} sent an unreadable event: {exc}") from exc

    def _who(self) -> str:
        return "with this token" if self._token else "without a token (set WP2BOT_INDICO_TOKEN)"

    def _export(self, path: str, params: Mapping[str, str]) -> list[Mapping[str, object]]:
        """GET an export URL (fresh, UTC dates) and return its ``results`` list."""
        # nc=yes: Indico caches export answers for 10 minutes per user and query, which would
        # hide a note edited since; tz=UTC: dates come in one known zone whatever the server's
        query = {**params, "tz": "UTC", "nc": "yes"}
        response = self._get(path, query)
        try:
            body = response.json()
        except ValueError:
            raise IndicoError(
                f"{self.base_url}{path} did not answer with JSON;"
                f" is {self.base_url} an Indico server?",
                status=response.status_code,
            ) from None
        results = body.get("results") if isinstance(body, dict) else None
        if not isinstance(results, list):
            raise IndicoError(
                f"{self.base_url}{path} answered JSON without a results list",
                status=response.status_code,
            )
        return [r for r in results if isinstance(r, dict)]

    def _fetch(self, path: str, params: Mapping[str, str], deadline: float) -> httpx.Response:
        """One GET whose connecting, waiting and reading all end by ``deadline``."""
        left = max(deadline - self._monotonic(), 0.001)
        with (
            deadline_scope(deadline, self._monotonic),  # the status line and headers too
            self._http.stream("GET", path, params=params, timeout=httpx.Timeout(left)) as answer,
        ):
            if isinstance(answer.stream, httpx.SyncByteStream):
                answer.stream = DeadlineStream(answer.stream, deadline, self._monotonic)
            answer.read()
        return answer

    def _get(self, path: str, params: Mapping[str, str]) -> httpx.Response:
        """GET with retries (backoff with jitter) on connection errors, timeouts and 5xx/429,
        all within the request's total deadline."""
        deadline = self._monotonic() + self._timeout
        for attempt in range(self._retries + 1):
            last = attempt == self._retries
            try:
                response = self._fetch(path, params, deadline)
            except httpx.TransportError as exc:
                log.debug("GET %s failed: %s", path, type(exc).__name__)
                if self._monotonic() >= deadline:
                    raise IndicoUnavailable(
                        f"Indico at {self.base_url} did not answer {path} within the"
                        f" {self._timeout:g} s deadline (indico.timeout)"
                        f" after {attempt + 1} attempt(s)"
                    ) from None
                if last:
                    raise IndicoUnavailable(
                        f"Indico at {self.base_url} is unreachable"
                        f" ({self._scrub(f'{type(exc).__name__}: {exc}')})"
                        f" after {attempt + 1} attempts"
                    ) from None
                self._sleep(min(self._delay(attempt, None), self._left(deadline)))
                continue
            log.debug("GET %s -> %s", path, response.status_code)
            if response.status_code not in _RETRY_STATUSES:
                raise_for_status(self.base_url, path, response)
                return response
            if last:
                raise IndicoUnavailable(
                    f"Indico at {self.base_url} answered HTTP {response.status_code}"
                    f" to {path} after {attempt + 1} attempts",
                    status=response.status_code,
                )
            self._sleep(min(self._delay(attempt, response), self._left(deadline)))
        raise AssertionError("unreachable")  # the loop always returns or raises

    def _left(self, deadline: float) -> float:
        return max(deadline - self._monotonic(), 0.0)

    def _delay(self, attempt: int, response: httpx.Response | None) -> float:
        asked = retry_after(response.headers.get("Retry-After")) if response is not None else None
        # A Retry-After past the bound is waited for as long as the bound (the deadline caps it).
        waited = self._policy.wait(attempt, asked)
        return self._policy.max_retry_after if waited is None else waited

    def _scrub(self, text: str) -> str:
        return text.replace(self._token, "***") if self._token else text
