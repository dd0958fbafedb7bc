"""A ChatPort for unit tests: it records direct messages and can refuse some users."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from wp2bot.chat import Card


@dataclass
class RecordingChat:
    """Remembers every direct message; users in ``unreachable`` make ``direct`` fail."""

    unreachable: set[str] = field(default_factory=set)
    directs: list[tuple[str, str, tuple[Card, ...]]] = field(default_factory=list)

    def post(
        self, channel: str, text: str, *, root_id: str = "", cards: Sequence[Card] = ()
    ) -> str:
        return "post"

    def direct(self, username: str, text: str, *, cards: Sequence[Card] = ()) -> str:
        if username in self.unreachable:
            raise ConnectionError("chat server said no")
        self.directs.append((username, text, tuple(cards)))
        return f"dm{len(self.directs)}"

    def update(self, post_id: str, text: str, *, cards: Sequence[Card] = ()) -> None:
        return None

    def to(self, username: str) -> list[tuple[str, tuple[Card, ...]]]:
        """(text, cards) of the direct messages sent to ``username``."""
        return [(t, c) for u, t, c in self.directs if u == username]
