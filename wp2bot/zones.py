"""IANA timezone names checked where they come in (settings, CLI, META.json, chat, imports)."""

from __future__ import annotations

import difflib
import functools
import zoneinfo


class UnknownZone(ValueError):
    """A timezone name that is not in the IANA database (``Europe/Geneva``, ``CEST``, ``+02``)."""


@functools.cache
def _known() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def check_zone(name: str) -> str:
    """``name`` when it is an IANA timezone (``Europe/Zurich``, ``UTC``); ``UnknownZone`` else.

    The message suggests the closest names, so that ``Europe/Geneva`` hints at what is meant.
    """
    text = name.strip() if isinstance(name, str) else ""
    if text and text in _known():
        return text
    close = difflib.get_close_matches(text, sorted(_known()), n=3, cutoff=0.6) if text else []
    hint = f"did you mean {' or '.join(close)}?" if close else "e.g. Europe/Zurich or UTC"
    raise UnknownZone(f"unknown timezone {text or name!r} ({hint})")


def zone(name: str) -> zoneinfo.ZoneInfo:
    """The checked zone itself."""
    return zoneinfo.ZoneInfo(check_zone(name))
