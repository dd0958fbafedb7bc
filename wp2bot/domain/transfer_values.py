"""The field values of a wp2bot export: the parser of each kind, naming what is wrong."""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable
from datetime import date, datetime

from wp2bot.zones import UnknownZone, check_zone

MAX_TEXT = 100_000  # characters in one field: an export never holds more


@functools.cache
def members(choices: type[enum.Enum]) -> dict[str, enum.Enum]:
    return {str(c.value): c for c in choices}


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"must be text, not {type(value).__name__}")
    if len(value) > MAX_TEXT:
        raise ValueError(f"is longer than {MAX_TEXT} characters")
    return value


def _int(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"must be a whole number, not {value!r}")
    return value


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"must be true or false, not {value!r}")
    return value


def _date(value: object) -> date:
    text = _text(value)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"is not a date (YYYY-MM-DD): {text!r}") from None


def _datetime(value: object) -> datetime:
    text = _text(value)
    try:
        at = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"is not a date and time (ISO 8601): {text!r}") from None
    if at.tzinfo is None:
        raise ValueError(f"has no timezone offset: {text!r}")
    return at


def _zone(value: object) -> str:
    try:
        return check_zone(_text(value))
    except UnknownZone as exc:
        raise ValueError(f"is an {exc}") from None


def _strs(value: object) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError("must be a list of texts")
    return list(value)


PARSERS: dict[str, Callable[[object], object]] = {
    "str": _text, "int": _int, "bool": _bool, "date": _date, "dt": _datetime, "zone": _zone,
    "strs": _strs,
}  # fmt: skip
