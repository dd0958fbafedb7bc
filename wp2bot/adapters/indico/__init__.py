"""Indico adapter: read meetings and their notes (minutes) over Indico's export API."""

from wp2bot.adapters.indico.client import IndicoClient
from wp2bot.adapters.indico.errors import (
    IndicoAuthError,
    IndicoError,
    IndicoNotFound,
    IndicoUnavailable,
)
from wp2bot.adapters.indico.parse import (
    IndicoRef,
    event_url,
    parse_event,
    parse_indico_url,
    sanitize_note_html,
)
from wp2bot.ports.meeting_source import FetchedMeeting

__all__ = [
    "FetchedMeeting",
    "IndicoAuthError",
    "IndicoClient",
    "IndicoError",
    "IndicoNotFound",
    "IndicoRef",
    "IndicoUnavailable",
    "event_url",
    "parse_event",
    "parse_indico_url",
    "sanitize_note_html",
]
