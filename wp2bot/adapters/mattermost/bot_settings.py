"""What the Mattermost bot needs beyond the connection."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True, slots=True)
class BotSettings:
    """What the bot needs beyond the connection."""

    team: str  # team name, used to resolve channel names
    action_url: str  # public URL of the HTTP endpoint's /mattermost/actions
    signing_secret: bytes  # HMAC key for button contexts
    workers: int = 8  # commands run at the same time
    resync_slack_ms: int = 5000  # re-read this much before the last seen post (dedupe absorbs it)
    remembered_posts: int = 10000  # post ids kept for deduplication
    button_ttl: timedelta = timedelta(days=14)  # a button counts this long after it is sent
    catch_up_ms: int = 2 * 3600 * 1000  # after a start, answer commands at most this old
    catch_up_commands: int = 20  # and at most this many per channel (the newest), no flood
    # A claimed command is held this long; then another instance (or the next start) takes it.
    answer_lease: timedelta = timedelta(minutes=2)
