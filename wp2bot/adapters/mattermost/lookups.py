"""Remembered look-ups of the Mattermost adapter: users by name and id, DM channel ids.

A digest round used to ask the server for each recipient's account and DM channel before
posting, three calls per message. Accounts are remembered for ``ttl`` (a renamed or
deactivated user is noticed within it), DM channels for good (the server never changes the id
of a direct channel), and a name or id the server does not know for ``missing_ttl`` (an unknown
owner in the minutes is asked about once per period, not once per reminder sweep, and a new
account is found within it); all are bounded, the least recently used entry leaving first, so a
process that meets many people keeps a fixed amount of memory. Thread-safe: parallel senders
share one directory.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

import cachetools

from wp2bot.adapters.mattermost.rest import MattermostApiError, MattermostRest
from wp2bot.adapters.mattermost.wire import User

K = TypeVar("K")
V = TypeVar("V")


class BoundedCache(Generic[K, V]):
    """At most ``size`` entries, each valid for ``ttl`` seconds (None: until evicted), the least
    recently used leaving first: ``cachetools``' LRU and TTL caches behind one lock."""

    def __init__(
        self, size: int, ttl: float | None = None, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        if size < 1:
            raise ValueError("a cache needs room for one entry")
        self._items: cachetools.Cache[K, V] = (
            cachetools.LRUCache(size)
            if ttl is None
            else cachetools.TTLCache(size, ttl, timer=monotonic)
        )
        self._lock = threading.Lock()

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def get(self, key: K) -> V | None:
        """The value, or None when absent or expired."""
        with self._lock:
            return self._items.get(key)

    def put(self, key: K, value: V) -> None:
        """Remember ``value``; the least recently used entry leaves when full."""
        with self._lock:
            self._items[key] = value

    def fetch(self, key: K, load: Callable[[K], V]) -> V:
        """The remembered value, or ``load(key)`` remembered (errors are not remembered)."""
        found = self.get(key)
        if found is None:
            found = load(key)
            self.put(key, found)
        return found


class UserDirectory:
    """Users by username and by id, and the bot's DM channel with each, remembered."""

    def __init__(
        self,
        rest: MattermostRest,
        *,
        size: int = 5000,
        ttl: float = 3600.0,
        missing_ttl: float = 600.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._rest = rest
        self._by_name: BoundedCache[str, User] = BoundedCache(size, ttl, monotonic)
        self._by_id: BoundedCache[str, User] = BoundedCache(size, ttl, monotonic)
        self._dm: BoundedCache[tuple[str, str], str] = BoundedCache(size, None, monotonic)
        # Keys the server answered 404 for, with that answer (raised again while remembered).
        self._missing: BoundedCache[str, tuple[str, str]] = BoundedCache(
            size, missing_ttl, monotonic
        )

    def by_username(self, username: str) -> User:
        """The account of ``username`` (``@`` and case ignored); 404 raises MattermostApiError."""
        name = username.removeprefix("@").lower()
        found = self._by_name.get(name)
        if found is None:
            found = self._load("name:" + name, self._rest.user_by_username, name)
        return found

    def by_id(self, user_id: str) -> User:
        """The account with this id; 404 raises MattermostApiError."""
        found = self._by_id.get(user_id)
        if found is None:
            found = self._load("id:" + user_id, self._rest.user, user_id)
        return found

    def _load(self, key: str, ask: Callable[[str], User], value: str) -> User:
        known_missing = self._missing.get(key)
        if known_missing is not None:
            raise MattermostApiError(404, *known_missing)
        try:
            user = ask(value)
        except MattermostApiError as err:
            if err.status == 404:  # only "no such account"; other refusals are asked again
                self._missing.put(key, (err.error_id, err.detail))
            raise
        self._remember(user)
        return user

    def dm_channel(self, me: str, user_id: str) -> str:
        """The id of the DM channel of ``me`` and ``user_id`` (created by the server if new)."""
        return self._dm.fetch((me, user_id), lambda k: self._rest.direct_channel(*k).id)

    def _remember(self, user: User) -> None:
        self._by_name.put(user.username.lower(), user)
        self._by_id.put(user.id, user)
