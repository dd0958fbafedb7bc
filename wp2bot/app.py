"""Composition root: settings -> clients -> adapters -> services. Nothing else wires things."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from wp2bot.adapters.storage import Store
from wp2bot.clock import Clock, SystemClock
from wp2bot.config import Secrets, Settings, load_secrets
from wp2bot.domain.models import Roster
from wp2bot.domain.roster import parse_community

if TYPE_CHECKING:
    from wp2bot.services.ingest import IngestService
    from wp2bot.services.search import SearchService


class RosterError(ValueError):
    """The community file cannot be read."""


def load_roster(path: Path) -> Roster:
    """The people, sites and experiments of ``data/community.toml`` (empty when absent)."""
    if not path.is_file():
        return Roster()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise RosterError(f"{path}: {exc}") from exc
    try:
        return parse_community(data)
    except ValueError as exc:
        raise RosterError(f"{path}: {exc}") from exc


@dataclass
class App:
    """The wired application: what the CLI and the transports use."""

    settings: Settings
    secrets: Secrets
    clock: Clock
    store: Store
    roster: Roster

    @property
    def ingest(self) -> IngestService:
        """The minutes ingest use case."""
        # Imported here: the extractor (and dateparser) load only for commands that ingest.
        from wp2bot.adapters.storage.search_store import SearchStore  # noqa: PLC0415
        from wp2bot.services.ingest import IngestService  # noqa: PLC0415

        return IngestService(
            self.store,
            self.clock,
            self.roster,
            minutes_index=SearchStore(self.store.engine, self.store.session),
        )

    @property
    def search(self) -> SearchService:
        """Search across every meeting of the series."""
        from wp2bot.adapters.storage.search_store import SearchStore  # noqa: PLC0415
        from wp2bot.services.search import SearchService  # noqa: PLC0415

        return SearchService(SearchStore(self.store.engine))


def build_app(settings: Settings, env: Mapping[str, str], clock: Clock | None = None) -> App:
    """Open the database (creating its schema when new) and load the roster."""
    return App(
        settings=settings,
        secrets=load_secrets(env),
        clock=clock or SystemClock(),
        store=Store.open(settings.database_url),
        roster=load_roster(settings.community_file),
    )
