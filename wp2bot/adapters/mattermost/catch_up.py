"""Where re-reading a channel starts: after a reconnect, and after a start (catch-up).

After a start the bot reads each channel from its stored cursor (the newest post it had seen
there), a channel without one from how far it had read anywhere, and never further back than
the catch-up window: a command from last week is not answered out of the blue. The very first
start has no cursors and answers nothing from before it.

``GET /channels/{id}/posts?since=`` returns at most 1,000 rows, and which ones is up to the
database: the query has ``LIMIT 1000`` and no ``ORDER BY`` (``GetPostsSince`` in
``server/channels/store/sqlstore/post_store.go``). A full answer is therefore not the oldest
or the newest thousand; ``read_since`` then reads the channel's pages newest first back to
``since`` (``getPostsAround``/``getRootPosts``: ordered by ``CreateAt DESC``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

from wp2bot.adapters.mattermost.wire import Post
from wp2bot.chat import ANY_CHANNEL

log = logging.getLogger(__name__)
POSTS_SINCE_LIMIT = 1000  # rows GET /channels/{id}/posts?since= returns at most (GetPostsSince)
PER_PAGE = 200  # the most a page of GET /channels/{id}/posts holds (api4 per_page cap)
MAX_PAGES = 50  # 10,000 posts: past that a re-read gives up on the oldest (logged)


def catch_up_since(
    cursors: Mapping[str, int], channel_id: str, server_now: int, window_ms: int
) -> int | None:
    """The ``since`` (ms) to re-read ``channel_id`` from after a start; None to skip it.

    Exactly the cursor, with no slack: the posts up to it were seen by the previous run, and
    which of them it answered is not remembered across the restart.
    """
    stored = cursors.get(channel_id, cursors.get(ANY_CHANNEL))
    if stored is None:
        return None
    return max(stored, server_now - window_ms)


def read_since(
    since_read: Callable[[int], list[Post]],
    page_read: Callable[[int, int], list[Post]],
    since: int,
) -> list[Post]:
    """The posts created or changed after ``since`` (ms), oldest first, past the server's limit.

    ``since_read(since)`` is the since= request, ``page_read(page, per_page)`` one page of the
    channel, newest first. A page read leaves out deleted posts, which are never commands.
    """
    posts = since_read(since)
    if len(posts) < POSTS_SINCE_LIMIT:
        return posts
    found = {p.id: p for p in posts}
    for page in range(MAX_PAGES):
        batch = page_read(page, PER_PAGE)
        found.update((p.id, p) for p in batch if p.create_at > since)
        if len(batch) < PER_PAGE or min(p.create_at for p in batch) <= since:
            break
    else:
        log.warning("more than %d posts since %d; the oldest are not read", MAX_PAGES * PER_PAGE,
                    since)  # fmt: skip
    return sorted(found.values(), key=lambda p: (p.create_at, p.id))
