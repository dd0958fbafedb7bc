"""The community file (``data/community.toml``): the people, sites and experiments it names."""

from __future__ import annotations

import tomllib
from pathlib import Path

from wp2bot.domain.models import Roster
from wp2bot.domain.roster import parse_community


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
