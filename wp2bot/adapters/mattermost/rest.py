"""Mattermost REST through the ``mattermostautodriver`` driver, with the retry policy the bot needs.

The driver's own retries are switched off: it never retries a POST after a 5xx, and the bot's
only POSTs are safe to repeat (reads, ``/channels/direct`` returns the existing channel, and
``/posts`` carries a ``pending_post_id`` the server deduplicates). So this module retries 429
after ``Retry-After`` and 5xx/connection errors with capped exponential backoff and jitter.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

import httpx

from wp2bot.adapters.deadline import DeadlineTransport, deadline_transport
from wp2bot.adapters.mattermost.address import ServerAddress
from wp2bot.adapters.mattermost.driver import (
    Driver,
    InvalidMattermostError,
    MattermostError,
    TooManyRequests,
)
from wp2bot.adapters.mattermost.pacing import GateStopped, RateGate, RateLimitTransport
from wp2bot.adapters.mattermost.wire import (
    Channel,
    Post,
    Team,
    User,
    ordered_posts,
    posts_from_list,
)
from wp2bot.adapters.retry import RetryPolicy
from wp2bot.chat import JSONValue

log = logging.getLogger(__name__)
T = TypeVar("T")
_ALPHABET = "ybndrfg8ejkmcpqxot1uwisza345h769"


class MattermostApiError(Exception):
    """Mattermost refused a request (the status and error id say why)."""

    def __init__(self, status: int, error_id: str, message: str) -> None:
        super().__init__(f"Mattermost answered {status} ({error_id or 'no id'}): {message}")
        self.status = status
        self.error_id = error_id
        self.detail = message


class MattermostAuthError(MattermostApiError):
    """The bot token is missing, invalid or revoked: fatal, retrying cannot help."""


class MattermostUnavailable(Exception):
    """The server stayed unreachable, overloaded or rate limited for every retry."""


class MattermostStopping(MattermostUnavailable):
    """The process is stopping: a call that would have had to wait or retry was given up."""


def new_pending_id() -> str:
    """A random 26-character id in Mattermost's alphabet, used as ``pending_post_id``."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(26))


class MattermostRest:
    """The REST calls the bot makes; blocking, thread-safe, typed results."""

    def __init__(
        self,
        address: ServerAddress,
        token: str,
        *,
        retry: RetryPolicy | None = None,
        timeout: float = 30.0,
        sleep: Callable[[float], None] | None = None,
        gate: RateGate | None = None,
        connections: int = 10,
    ) -> None:
        # ``timeout`` is the total deadline of one call, however slowly the server answers
        # (the driver's own timeout is per read); the transport carries the TLS settings, and
        # every call passes the rate gate (see ``pacing``), shared by the threads that send.
        self.gate = gate or RateGate(max_hold=(retry or RetryPolicy()).max_retry_after)
        limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
        transport = RateLimitTransport(
            DeadlineTransport(
                deadline_transport(verify=address.ssl_context() or True, limits=limits), timeout
            ),
            self.gate,
        )
        self._driver = Driver(
            {
                "scheme": address.scheme,
                "url": address.host,
                "port": address.port,
                "token": token,
                "verify": address.ssl_context() or True,
                "request_timeout": timeout,
                "transport": transport,
                "max_retries": 0,  # retries are ours, see the module docstring
            }
        )
        self._driver.client.token = token
        self._retry = retry or RetryPolicy()
        self._sleep = sleep or self.gate.pause

    def close(self) -> None:
        """Close the connection pool."""
        self._driver.close()

    def stop_waiting(self) -> None:
        """From now on no call waits for the rate limit or retries (the process is stopping)."""
        self.gate.stop()

    def _call(self, what: str, request: Callable[[], object], parse: Callable[[object], T]) -> T:
        for attempt in range(self._retry.attempts):
            last = attempt == self._retry.attempts - 1 or self.gate.stopping
            try:
                return parse(request())
            except GateStopped:
                raise MattermostStopping(f"{what}: not sent, the process is stopping") from None
            except TooManyRequests as err:
                waited = self._retry.wait(attempt, err.retry_after)  # the driver read the header
                if last or waited is None:
                    raise MattermostUnavailable(f"{what}: rate limited by Mattermost") from None
                wait = waited
                log.warning("%s: rate limited, retrying in %.1f s (Retry-After)", what, wait)
            except (MattermostError, InvalidMattermostError) as err:
                status = int(err.status_code)
                if status < 500 or status == 501:
                    error_id = str(getattr(err, "error_id", "") or "")
                    cls = MattermostAuthError if status == 401 else MattermostApiError
                    raise cls(status, error_id, str(err)) from None
                if last:
                    raise MattermostUnavailable(f"{what}: Mattermost answered {status}") from None
                wait = self._retry.backoff(attempt)
                log.warning("%s: Mattermost answered %d, retrying in %.1f s", what, status, wait)
            except httpx.TransportError as err:
                if last:
                    raise MattermostUnavailable(f"{what}: {type(err).__name__}") from None
                wait = self._retry.backoff(attempt)
                log.warning("%s: %s, retrying in %.1f s", what, type(err).__name__, wait)
            try:
                self._sleep(wait)
            except GateStopped:
                raise MattermostStopping(f"{what}: not retried, the process is stopping") from None
        raise MattermostUnavailable(what)  # only reached with attempts == 0

    # -- users, teams, channels -------------------------------------------------------------

    def me(self) -> User:
        """The bot's own account (also the token check: 401 raises MattermostAuthError)."""
        return self._call("get me", lambda: self._driver.users.get_user("me"), User.from_json)

    def user(self, user_id: str) -> User:
        """A user by id."""
        return self._call("get user", lambda: self._driver.users.get_user(user_id), User.from_json)

    def user_by_username(self, username: str) -> User:
        """A user by username (404 raises MattermostApiError)."""
        return self._call(
            "get user by username",
            lambda: self._driver.users.get_user_by_username(username),
            User.from_json,
        )

    def teams_of(self, user_id: str) -> list[Team]:
        """The teams a user belongs to."""
        return self._call(
            "get teams",
            lambda: self._driver.teams.get_teams_for_user(user_id),
            _list(Team.from_json),
        )

    def team_by_name(self, name: str) -> Team:
        """A team by its URL name."""
        return self._call(
            "get team", lambda: self._driver.teams.get_team_by_name(name), Team.from_json
        )

    def channel(self, channel_id: str) -> Channel:
        """A channel by id."""
        return self._call(
            "get channel", lambda: self._driver.channels.get_channel(channel_id), Channel.from_json
        )

    def channel_by_name(self, team_name: str, channel_name: str) -> Channel:
        """A channel by team name and channel name."""
        return self._call(
            "get channel by name",
            lambda: self._driver.channels.get_channel_by_name_for_team_name(
                team_name, channel_name
            ),
            Channel.from_json,
        )

    def channels_of(self, user_id: str, team_id: str) -> list[Channel]:
        """The channels a user is in for a team (the server includes DMs and group messages)."""
        return self._call(
            "get channels",
            lambda: self._driver.channels.get_channels_for_team_for_user(user_id, team_id),
            _list(Channel.from_json),
        )

    def direct_channel(self, user_a: str, user_b: str) -> Channel:
        """The DM channel between two users, created when missing."""
        return self._call(
            "create direct channel",
            lambda: self._driver.channels.create_direct_channel([user_a, user_b]),
            Channel.from_json,
        )

    # -- posts ------------------------------------------------------------------------------

    def create_post(
        self,
        channel_id: str,
        message: str,
        *,
        root_id: str = "",
        props: Mapping[str, JSONValue] | None = None,
        pending_id: str = "",
    ) -> Post:
        """Post as the bot; safe to retry thanks to ``pending_post_id`` (new when not given)."""
        body: dict[str, object] = {
            "channel_id": channel_id,
            "message": message,
            "root_id": root_id,
            "pending_post_id": pending_id or new_pending_id(),
        }
        if props:
            body["props"] = dict(props)
        # The generated create_post() has no pending_post_id, so the driver's client posts it.
        return self._call(
            "create post",
            lambda: self._driver.client.post("/api/v4/posts", options=body),
            Post.from_json,
        )

    def create_ephemeral(
        self,
        user_id: str,
        channel_id: str,
        message: str,
        *,
        root_id: str = "",
        props: Mapping[str, JSONValue] | None = None,
    ) -> Post:
        """An ephemeral post only ``user_id`` sees (needs the create_post_ephemeral permission)."""
        post: dict[str, object] = {"channel_id": channel_id, "message": message, "root_id": root_id}
        if props:
            post["props"] = dict(props)
        return self._call(
            "create ephemeral post",
            lambda: self._driver.posts.create_post_ephemeral(user_id, post),
            Post.from_json,
        )

    def patch_post(self, post_id: str, message: str, props: Mapping[str, JSONValue]) -> Post:
        """Replace a post's message and props (props as an object: the spec's string is wrong)."""
        return self._call(
            "patch post",
            lambda: self._driver.posts.patch_post(post_id, message=message, props=dict(props)),
            Post.from_json,
        )

    def post(self, post_id: str) -> Post:
        """One post by id."""
        return self._call("get post", lambda: self._driver.posts.get_post(post_id), Post.from_json)

    def posts_since(self, channel_id: str, since_ms: int) -> list[Post]:
        """Posts of a channel created or changed after ``since_ms``, oldest first.

        At most ``POSTS_SINCE_LIMIT`` of them (the server cuts the answer there); the root posts
        of their threads that the server adds unchanged are left out.
        """
        return self._call(
            "get posts since",
            lambda: self._driver.posts.get_posts_for_channel(channel_id, since=since_ms),
            ordered_posts,
        )

    def channel_posts(self, channel_id: str, page: int, per_page: int) -> list[Post]:
        """One page of a channel's posts, newest first by page (deleted ones left out)."""
        return self._call(
            "get channel posts",
            lambda: self._driver.posts.get_posts_for_channel(
                channel_id, page=page, per_page=per_page
            ),
            ordered_posts,
        )

    def thread(self, post_id: str) -> list[Post]:
        """The posts of the thread ``post_id`` belongs to, oldest first."""
        return self._call(
            "get post thread", lambda: self._driver.posts.get_post_thread(post_id), posts_from_list
        )


def _list(parse: Callable[[object], T]) -> Callable[[object], list[T]]:
    def parse_all(value: object) -> list[T]:
        if not isinstance(value, Sequence) or isinstance(value, str):
            raise ValueError("Mattermost sent something other than a list")
        return [parse(item) for item in value]

    return parse_all
