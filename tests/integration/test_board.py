"""The web board over a real database, through HTTP and in a real browser (Debian's chromium)."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette

from wp2bot.adapters.board import BOARD_COOKIE, board_routes
from wp2bot.adapters.minutes_files import load_meeting
from wp2bot.adapters.storage import Store
from wp2bot.adapters.storage.board_reads import BoardProbeReads, BoardRecordsStore
from wp2bot.adapters.storage.probe_store import ProbeStore
from wp2bot.adapters.storage.roundtable_store import RoundTableRepository
from wp2bot.adapters.storage.search_store import SearchStore
from wp2bot.clock import FrozenClock
from wp2bot.domain.board import Affiliations
from wp2bot.domain.board_access import BoardRole, sign_link
from wp2bot.domain.health import CheckKind, CheckSpec, ProbeResult, StageResult, StageStatus
from wp2bot.domain.models import Roster
from wp2bot.services.board import Board
from wp2bot.services.ingest import IngestService
from wp2bot.services.search import SearchService

pytestmark = pytest.mark.integration

NOW = datetime(2026, 4, 10, 12, tzinfo=UTC)
KEY = b"s" * 32
HOSTILE = """# Storage working group

## Site round-table
### Lumen Lab
- Ida Marsh to rotate the <script>alert('x')</script> host certificates by 2026-04-20
- Otto Brand to check <img src=x onerror="alert(1)"> the webdav door by 2026-04-01
"""


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(f"sqlite:///{tmp_path / 'board.db'}")
    path = tmp_path / "wg.md"
    path.write_text(HOSTILE, encoding="utf-8")
    meta = {"title": "Storage WG", "meeting_date": "2026-03-30", "timezone": "UTC"}
    (tmp_path / "wg.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    service = IngestService(
        s, FrozenClock(NOW), Roster(), minutes_index=SearchStore(s.engine, s.session)
    )
    report = service.ingest(load_meeting(path))
    for rid in report.created:  # accepted, so that members see them too
        s.update_action(rid, {"review": "accepted"}, at=NOW, who="chair", via="cli")
    yield s
    s.close()


CHECK = CheckSpec(
    id="LAB/webdav", site="Lumen Lab", name="webdav", kind=CheckKind.STORAGE,
    target="https://lab.example/dav",
)  # fmt: skip


def board_for(store: Store) -> Board:
    probes = ProbeStore(store.engine)
    probes.add(
        [
            ProbeResult(
                CHECK.id,
                CHECK.target,
                NOW - timedelta(hours=h),
                (StageResult("stat", StageStatus.FAIL if h < 3 else StageStatus.PASS),),
            )
            for h in range(1, 30)
        ]
    )
    return Board(
        BoardRecordsStore(store),
        FrozenClock(NOW),
        timezone="UTC",
        known=Affiliations({}, {}),
        probes=BoardProbeReads(probes, {CHECK.id: CHECK}),
        search=SearchService(SearchStore(store.engine)),
        roundtables=roundtables(store),
        summary=lambda now: SUMMARY,
    )


SUMMARY = """## Next meeting, 2026-04-13

| # | Action | Due |
|---|---|---|
| 2 | Check the webdav door | 2026-04-01 |

<b>raw html</b> [a link](javascript:alert(1)) and [minutes](https://indico.example.org/e/1/)
"""


def roundtables(store: Store) -> RoundTableRepository:
    repo = RoundTableRepository(store.engine)
    for day, answer in ((16, "disk pool grown by 2 PB"), (30, "tape drives swapped")):
        at = datetime(2026, 3, day, 13, tzinfo=UTC)
        rt = repo.open_roundtable(
            f"wg:{day}", f"WG {day} March", at, at, [("Lumen Lab", "site"), ("Orbit", "exp")]
        )
        lab = repo.entries(rt.id)[0]
        repo.update_entry(lab.id, answer="text", answer_text=answer, answered_by="ida",
                          answered_at=at)  # fmt: skip
    return repo


@pytest.fixture
async def client(store: Store) -> AsyncIterator[httpx.AsyncClient]:
    """The board's ASGI app driven in-process by httpx (the transport is the only stand-in)."""
    app = Starlette(routes=board_routes(board_for(store), KEY, FrozenClock(NOW)))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://board.test") as c:
        yield c


def link(role: BoardRole = BoardRole.CHAIR, days: int = 1) -> str:
    return sign_link(KEY, "chair", role, NOW + timedelta(days=days))


async def test_without_a_valid_link_nothing_is_shown(client: httpx.AsyncClient) -> None:
    for url in ("/board/", "/board/status", "/board/search?q=cert", f"/board/?t={link()}x"):
        page = await client.get(url)
        assert page.status_code == 403, url
        assert "personal link" in page.text
        assert "certificates" not in page.text
    expired = sign_link(KEY, "chair", BoardRole.CHAIR, NOW - timedelta(seconds=1))
    assert "expired" in (await client.get(f"/board/?t={expired}")).text


async def test_a_link_becomes_a_cookie_and_leaves_the_address(client: httpx.AsyncClient) -> None:
    first = await client.get(f"/board/?view=overdue&t={link()}")
    assert first.status_code == 303
    assert first.headers["location"] == "/board/?view=overdue"
    cookie = first.headers["set-cookie"]
    assert "HttpOnly" in cookie
    assert "samesite=strict" in cookie.lower()
    assert "Path=/board" in cookie
    page = await client.get("/board/?view=overdue")
    assert page.status_code == 200
    assert "webdav door" in page.text
    assert "host certificates" not in page.text  # due 2026-04-20: not overdue on 04-10
    assert page.headers["content-security-policy"].startswith("default-src 'none'")


async def test_pages_escape_minutes_text(client: httpx.AsyncClient) -> None:
    client.cookies.set(BOARD_COOKIE, link())
    for url in ("/board/", "/board/search?q=certificates", "/board/search?q=webdav"):
        page = await client.get(url)
        assert page.status_code == 200
        assert "<script>" not in page.text
        assert "<img" not in page.text
        assert "&lt;script&gt;" in page.text or "&lt;img" in page.text


async def test_status_matrix_and_meetings(client: httpx.AsyncClient) -> None:
    client.cookies.set(BOARD_COOKIE, link(BoardRole.MEMBER))
    status = (await client.get("/board/status")).text
    assert "Lumen Lab" in status
    assert 'class="state-fail"' in status
    assert "stat" in status  # the failing stage
    assert re.search(r'<rect class="fail"', status)
    assert status.count('class="bar avail"') == 3  # a 24 h, 7 d and 30 d bar for the check
    meetings = (await client.get("/board/meetings")).text
    assert "Storage WG" in meetings
    proposals = (await client.get("/board/?view=proposals")).text
    assert "No actions match" in proposals  # members see no proposals


CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
ARTIFACTS = Path(
    os.environ.get("WP2BOT_ARTIFACTS", Path(__file__).resolve().parents[2] / "test-artifacts")
)


@pytest.fixture
def served(store: Store, tmp_path: Path) -> Iterator[str]:
    """``wp2bot board`` in its own process on a free port; yields the printed personal link."""
    if not (CHROMIUM and CHROMEDRIVER):
        if os.environ.get("CI"):
            pytest.fail("chromium and chromium-driver are installed by scripts/test.sh")
        pytest.skip("needs Debian's chromium and chromium-driver (scripts/test.sh installs them)")
    board_for(store)  # the probe results
    url = str(store.engine.url)
    env = {**os.environ, "WP2BOT_DATABASE_URL": url, "WP2BOT_ACTION_SECRET": "b" * 32}
    proc = subprocess.Popen(
        [sys.executable, "-m", "wp2bot", "board", "--port", "0"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        proc.stdout.readline()
        address = proc.stdout.readline().strip()
        assert address.startswith("http://127.0.0.1:"), proc.stderr.read() if proc.stderr else ""
        yield address
    finally:
        proc.terminate()
        proc.communicate(timeout=20)  # reaps it and closes its pipes


def test_the_board_in_a_real_browser(served: str) -> None:
    from selenium import webdriver
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as expected
    from selenium.webdriver.support.ui import Select, WebDriverWait

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    alerts: list[str] = []
    try:
        driver.get(served)
        assert "t=" not in driver.current_url  # the token left the address bar
        rows = driver.find_elements(By.CSS_SELECTOR, "table.actions tr[data-action]")
        assert len(rows) == 2
        assert "<script>" in driver.find_element(By.TAG_NAME, "main").text  # shown as text
        driver.save_screenshot(str(ARTIFACTS / "board-actions.png"))
        Select(driver.find_element(By.NAME, "by")).select_by_value("owner")
        driver.find_element(By.NAME, "words").send_keys("webdav")
        driver.find_element(By.CSS_SELECTOR, "form.filters button").click()
        WebDriverWait(driver, 20).until(expected.url_contains("words=webdav"))
        rows = driver.find_elements(By.CSS_SELECTOR, "table.actions tr[data-action]")
        assert len(rows) == 1
        assert "webdav door" in rows[0].text
        assert "owner" in driver.current_url
        driver.get(served.split("/board/", maxsplit=1)[0] + "/board/status")
        bars = driver.find_elements(By.CSS_SELECTOR, "svg.bar:not(.avail) rect")
        assert bars  # the shipped endpoints file's checks, 48 slots each
        assert len(bars) % 48 == 0
        assert bars[0].size["height"] > 0  # the chart is drawn
        driver.save_screenshot(str(ARTIFACTS / "board-status.png"))
        box = driver.find_element(By.NAME, "q")
        box.send_keys("certificates")
        box.submit()
        WebDriverWait(driver, 20).until(expected.url_contains("q=certificates"))
        assert "host certificates" in driver.find_element(By.CSS_SELECTOR, "table.hits").text
        driver.save_screenshot(str(ARTIFACTS / "board-search.png"))
        with contextlib.suppress(NoAlertPresentException):  # no script from the minutes ran
            alerts.append(driver.switch_to.alert.text)
        assert alerts == []
        driver.get(served.split("/board/", maxsplit=1)[0] + "/board/summary")
        assert "Action summary" in driver.find_element(By.CSS_SELECTOR, "article.summary").text
        driver.delete_all_cookies()
        driver.get(served.split("?", maxsplit=1)[0].replace("t=", "") + "?t=forged")
        assert "not valid" in driver.find_element(By.ID, "reason").text
    finally:
        driver.quit()


async def test_round_tables_and_the_summary(client: httpx.AsyncClient) -> None:
    client.cookies.set(BOARD_COOKIE, link(BoardRole.MEMBER))
    grid = (await client.get("/board/roundtables")).text
    assert "disk pool grown by 2 PB" in grid
    assert "tape drives swapped" in grid
    assert grid.index("2026-03-16") < grid.index("2026-03-30")  # oldest column first
    summary = (await client.get("/board/summary")).text
    assert "<table>" in summary  # the Markdown table became HTML
    assert "<b>raw html</b>" not in summary  # raw HTML is shown as text
    assert 'href="javascript' not in summary  # left as text, not a link
    assert '<a href="https://indico.example.org/e/1/">minutes</a>' in summary


def test_the_board_command_answers_a_personal_link(store: Store) -> None:
    from urllib.parse import parse_qs, urlparse

    from wp2bot.chat import Request
    from wp2bot.domain.board_access import verify_link
    from wp2bot.part_builders import build_dispatcher
    from wp2bot.services.board import BoardLinks

    links = BoardLinks("https://wp2bot.example.org/", KEY, FrozenClock(NOW))
    bot = build_dispatcher(store, FrozenClock(NOW), chairs=["chair"], timezone="UTC", board=links)
    for user, role in (("chair", BoardRole.CHAIR), ("ida", BoardRole.MEMBER)):
        reply = bot.dispatch(Request(text="board", user=user, via="mention"))
        assert reply.ok
        assert reply.ephemeral  # a personal link is shown to its owner only
        url = re.search(r"\((https://[^)]+)\)", reply.text)
        assert url is not None
        assert url.group(1).startswith("https://wp2bot.example.org/board/?t=")
        token = parse_qs(urlparse(url.group(1)).query)["t"][0]
        viewer = verify_link(KEY, token, NOW)
        assert (viewer.user, viewer.role) == (user, role)
    plain = build_dispatcher(store, FrozenClock(NOW), chairs=["chair"], timezone="UTC")
    reply = plain.dispatch(Request(text="board", user="ida", via="console"))
    assert not reply.ok
    assert "wp2bot board" in reply.text
