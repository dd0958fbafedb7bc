"""Frames of the Mattermost websocket: a text frame's JSON, and the event it carries."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class WebsocketEvent:
    """One server event; ``data`` values that are JSON strings stay strings (e.g. ``post``)."""

    event: str
    seq: int
    data: Mapping[str, object]
    broadcast: Mapping[str, object]


def parse_frame(text: str) -> Mapping[str, object] | None:
    """A text frame's JSON object; None (logged) for a frame that is not one."""
    try:
        frame = json.loads(text)
    except ValueError:
        log.warning("websocket: ignoring a frame that is not JSON")
        return None
    return frame if isinstance(frame, dict) else None


def frame_event(frame: Mapping[str, object]) -> WebsocketEvent:
    """The event of a frame; a missing or mistyped field reads as empty (seq -1)."""
    seq = frame.get("seq")
    data = frame.get("data")
    broadcast = frame.get("broadcast")
    return WebsocketEvent(
        event=str(frame.get("event") or ""),
        seq=seq if isinstance(seq, int) else -1,
        data=data if isinstance(data, dict) else {},
        broadcast=broadcast if isinstance(broadcast, dict) else {},
    )
