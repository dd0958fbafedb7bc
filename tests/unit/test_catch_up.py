"""Where a re-read starts, and reading past the server's 1,000-row since= answer."""

from __future__ import annotations

import pytest

from wp2bot.adapters.mattermost.catch_up import (
    MAX_PAGES,
    PER_PAGE,
    POSTS_SINCE_LIMIT,
    catch_up_since,
    read_since,
)
from wp2bot.adapters.mattermost.wire import Post
from wp2bot.chat import ANY_CHANNEL

HOUR = 3600 * 1000


def _posts(count: int, first_ms: int) -> list[Post]:
    return [Post(f"p{n:025d}", "c", "u", f"note {n}", create_at=first_ms + n) for n in range(count)]


class Channel:
    """A channel's posts served as the server serves them: since= cut at 1,000 rows in an
    order the server does not promise (here the newest last, so the cut drops them), and
    pages newest first; it counts the requests."""

    def __init__(self, posts: list[Post]) -> None:
        self.posts = posts
        self.calls: list[str] = []

    def since(self, ms: int) -> list[Post]:
        self.calls.append("since")
        return [p for p in self.posts if p.create_at > ms][:POSTS_SINCE_LIMIT]

    def page(self, page: int, per_page: int) -> list[Post]:
        self.calls.append(f"page {page}")
        newest_first = sorted(self.posts, key=lambda p: p.create_at, reverse=True)
        return newest_first[page * per_page : (page + 1) * per_page]


def test_an_answer_under_the_limit_is_all_there_is() -> None:
    channel = Channel(_posts(999, 1000))
    assert len(read_since(channel.since, channel.page, 0)) == 999
    assert channel.calls == ["since"]


def test_a_full_answer_is_completed_by_pages_back_to_since() -> None:
    channel = Channel(_posts(1500, 1000))
    since = 1000 + 99  # posts 100.. are new
    read = read_since(channel.since, channel.page, since)
    assert [p.message for p in read] == [f"note {n}" for n in range(100, 1500)]
    # 1,400 new posts: seven pages of 200 newest first, the eighth reaches back past `since`
    assert channel.calls == ["since", *(f"page {n}" for n in range(8))]


def test_paging_stops_after_its_bound() -> None:
    channel = Channel(_posts(PER_PAGE * MAX_PAGES + 500, 1000))
    read = read_since(channel.since, channel.page, 0)
    assert len(channel.calls) == 1 + MAX_PAGES
    assert read[-1].message == f"note {PER_PAGE * MAX_PAGES + 499}"  # the newest are read


@pytest.mark.parametrize(
    ("cursors", "expected"),
    [
        ({}, None),  # the very first start answers nothing from before it
        ({ANY_CHANNEL: 10 * HOUR}, 10 * HOUR),  # a new channel: from how far we read anywhere
        ({"c": 11 * HOUR, ANY_CHANNEL: 10 * HOUR}, 11 * HOUR),
        ({"c": 1 * HOUR}, 10 * HOUR),  # never further back than the window (2 h)
    ],
)
def test_catch_up_starts_at_the_cursor_within_the_window(
    cursors: dict[str, int], expected: int | None
) -> None:
    assert catch_up_since(cursors, "c", 12 * HOUR, 2 * HOUR) == expected
