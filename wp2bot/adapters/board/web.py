"""The board's HTTP side: routes, the personal-link check and Jinja2 pages (autoescaped).

A personal link ``/board/?t=TOKEN`` is checked (signature, expiry), then kept in an HttpOnly,
SameSite=Strict cookie limited to ``/board`` and the browser is sent to the same page without
the token, so it does not stay in the address bar, the history or a Referer header.  Every
page escapes what came from minutes or people (Jinja2 autoescape); links from minutes are only
made clickable when they are http(s).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markdown_it import MarkdownIt
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from wp2bot.clock import Clock
from wp2bot.domain.board import Grouping, View, parse_choice
from wp2bot.domain.board_access import BoardAccessError, BoardRole, BoardViewer, verify_link
from wp2bot.domain.mentions import safe_url
from wp2bot.domain.search import SearchError, hit_label

if TYPE_CHECKING:
    from datetime import date

    from wp2bot.domain.board import AnswerGrid, CheckRow, MeetingLine
    from wp2bot.domain.search import Hit, SearchQuery
    from wp2bot.domain.tracking import ActionRecord, HistoryEntry

log = logging.getLogger(__name__)
BOARD_COOKIE = "wp2bot_board"
# The summary is Markdown made for chat: rendered with raw HTML off (it is shown escaped) and
# markdown-it's own link check (no javascript:, vbscript:, file: or data: links but images)
MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table")
TEMPLATES = Path(__file__).parent / "templates"
# no script, no frame, nothing from elsewhere: the pages are plain HTML with inline style
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)

Page = Callable[[Request, BoardViewer], Awaitable[Response]]


class BoardPages(Protocol):
    """What the pages show (``wp2bot.services.board.Board``)."""

    def today(self) -> date: ...
    def actions(
        self, view: View, by: Grouping, words: str, role: BoardRole
    ) -> list[tuple[str, list[ActionRecord]]]: ...
    def history(self, action_id: int) -> list[HistoryEntry]: ...
    def status(self) -> list[tuple[str, list[CheckRow]]]: ...
    def meetings(self) -> list[MeetingLine]: ...
    def search(self, text: str) -> tuple[SearchQuery, list[Hit]] | None: ...
    def roundtables(self) -> AnswerGrid: ...
    def summary(self) -> str | None: ...


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        safe_url=_web_url, label=hit_label, views=list(View), groupings=list(Grouping)
    )
    return env


def _web_url(url: str) -> bool:
    return safe_url(url) and url.lower().startswith(("http://", "https://"))


def board_routes(board: BoardPages, secret: bytes, clock: Clock) -> list[BaseRoute]:
    """The board's routes, to mount in the bot's HTTP app (or serve alone)."""
    env = _environment()

    def render(name: str, status: int = 200, **values: object) -> HTMLResponse:
        html = env.get_template(name).render(**values)
        return HTMLResponse(html, status_code=status, headers=_headers())

    def guarded(page: Page) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            token = request.query_params.get("t")
            if token is not None:
                try:
                    verify_link(secret, token, clock.now())
                except BoardAccessError as err:
                    return render("refused.html", 403, reason=str(err))
                rest = {k: v for k, v in request.query_params.items() if k != "t"}
                target = request.url.path + (f"?{urlencode(rest)}" if rest else "")
                response = RedirectResponse(target, status_code=303, headers=_headers())
                response.set_cookie(
                    BOARD_COOKIE, token, httponly=True, samesite="strict", path="/board",
                    secure=request.url.scheme == "https",
                )  # fmt: skip
                return response
            try:
                viewer = verify_link(secret, request.cookies.get(BOARD_COOKIE, ""), clock.now())
            except BoardAccessError as err:
                return render("refused.html", 403, reason=str(err))
            return await page(request, viewer)

        return endpoint

    async def actions(request: Request, viewer: BoardViewer) -> Response:
        view = parse_choice(View, request.query_params.get("view"), View.OPEN)
        by = parse_choice(Grouping, request.query_params.get("by"), Grouping.SITE)
        words = request.query_params.get("words", "")[:200]
        groups = board.actions(View(view), Grouping(by), words, viewer.role)
        return render(
            "actions.html", title="Actions", page="actions", viewer=viewer, view=view, by=by,
            words=words, groups=groups, today=board.today(),
        )  # fmt: skip

    async def history(request: Request, viewer: BoardViewer) -> Response:
        action_id = int(request.path_params["action_id"])
        entries = board.history(action_id)
        return render(
            "history.html", title=f"#{action_id}", page="actions", viewer=viewer,
            action_id=action_id, entries=entries,
        )  # fmt: skip

    async def status(request: Request, viewer: BoardViewer) -> Response:
        return render(
            "status.html", title="Live status", page="status", viewer=viewer,
            sites=board.status(),
        )  # fmt: skip

    async def meetings(request: Request, viewer: BoardViewer) -> Response:
        return render(
            "meetings.html", title="Meetings", page="meetings", viewer=viewer,
            meetings=board.meetings(),
        )  # fmt: skip

    async def roundtables(request: Request, viewer: BoardViewer) -> Response:
        return render(
            "roundtables.html", title="Round-tables", page="roundtables", viewer=viewer,
            grid=board.roundtables(),
        )  # fmt: skip

    async def summary(request: Request, viewer: BoardViewer) -> Response:
        try:
            text = board.summary()
        except Exception:  # the series' source may be down: the page says so, the log tells why
            log.exception("the board's summary failed")
            text, failed = None, True
        else:
            failed = False
        html = None if text is None else Markup(MARKDOWN.render(text))  # noqa: S704 - html off
        return render(
            "summary.html", title="Summary", page="summary", viewer=viewer, html=html,
            failed=failed,
        )  # fmt: skip

    async def search(request: Request, viewer: BoardViewer) -> Response:
        q = request.query_params.get("q", "")[:300]
        hits, error = None, None
        if q.strip():
            try:
                found = board.search(q)
            except SearchError as err:
                error = str(err)
            else:
                hits = found[1] if found else None
                error = None if found else "Search is not available here."
        return render(
            "search.html", title="Search", page="search", viewer=viewer, q=q, hits=hits,
            error=error,
        )  # fmt: skip

    return [
        Route("/board/", guarded(actions)),
        Route("/board/action/{action_id:int}", guarded(history)),
        Route("/board/status", guarded(status)),
        Route("/board/meetings", guarded(meetings)),
        Route("/board/search", guarded(search)),
        Route("/board/roundtables", guarded(roundtables)),
        Route("/board/summary", guarded(summary)),
    ]


def _headers() -> dict[str, str]:
    return {
        "Content-Security-Policy": CSP,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store",
    }
