"""Where re-reading a channel starts: after a reconnect, and after a start (catch-up).

After a start the bot reads each channel from its stored cursor (the newest post it had seen
there), a channel without one from how far it had read anywhere, and never further back than
the catch-up window: a command from last week is not answered out of the blue. The very first
start has no cursors and answers nothing from before it.
"""

from __future__ import annotations

from collections.abc import Mapping

from wp2bot.chat import ANY_CHANNEL

POSTS_SINCE_LIMIT = 1000  # rows GET /channels/{id}/posts?since= returns at most (GetPostsSince)


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
