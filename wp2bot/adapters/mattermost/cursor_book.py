"""Which posts the bot has seen in each channel, and how far each channel's cursor may move.

A channel's cursor never passes a command that is not answered yet: a crash before the answer
re-reads that command after the restart instead of losing it.
"""

from __future__ import annotations

from wp2bot.adapters.mattermost.wire import Post
from wp2bot.chat import ANY_CHANNEL

__all__ = ["CursorBook"]


class CursorBook:
    """The newest post seen per channel (and anywhere) and the commands still being answered.

    Used from the event loop only, which makes it the only writer.
    """

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}  # channel -> newest post ms not yet stored as cursor
        # channel -> {command post id: create_at} not answered yet: the cursor stays before them
        self._inflight: dict[str, dict[str, int]] = {}

    def see(self, channel_id: str, ms: int) -> None:
        """A post of ``channel_id`` (or ``ANY_CHANNEL``) at ``ms`` was read."""
        self._seen[channel_id] = max(self._seen.get(channel_id, 0), ms)

    def see_post(self, post: Post) -> None:
        """``post`` was read: its channel and the any-channel position move up to it."""
        if post.channel_id:
            self.see(post.channel_id, post.create_at)
            self.see(ANY_CHANNEL, post.create_at)

    def hold(self, post: Post) -> None:
        """``post`` is a command being answered: no cursor passes it until it is released."""
        self._inflight.setdefault(post.channel_id, {})[post.id] = post.create_at

    def release(self, post: Post) -> None:
        """``post`` is answered (or given up on)."""
        waiting = self._inflight.get(post.channel_id, {})
        waiting.pop(post.id, None)
        if not waiting:
            self._inflight.pop(post.channel_id, None)

    def take(self) -> dict[str, int]:
        """The cursor positions to store now; what lies past a held command stays for later."""
        seen, self._seen = self._seen, {}
        for channel_id, ms in list(seen.items()):
            held = [
                at
                for posts in (
                    self._inflight.values()
                    if channel_id == ANY_CHANNEL
                    else [self._inflight.get(channel_id, {})]
                )
                for at in posts.values()
            ]
            if held and ms >= min(held):  # up to the oldest unanswered command, the rest later
                self._seen[channel_id] = ms
                seen[channel_id] = min(held) - 1
        return seen

    def restore(self, positions: dict[str, int]) -> None:
        """Positions ``take`` gave that could not be stored: kept for the next try."""
        for channel_id, ms in positions.items():
            self.see(channel_id, ms)
