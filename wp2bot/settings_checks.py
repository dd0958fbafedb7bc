"""Checks across the fields of one settings table, made even when another field is wrong.

A pydantic "after" check runs only when every field of its table is valid, so a table with
one bad field would hide that its sending window is backwards. ``checked_across`` runs the
check on the raw values too (skipping the fields that already failed) and reports both.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pydantic import ValidationError, ValidatorFunctionWrapHandler
from pydantic_core import ArgsKwargs, InitErrorDetails, PydanticCustomError

from wp2bot.domain.calendar import parse_recurrence

# (the table's values, field defaults filled in) -> the problem, or None
Check = Callable[[Mapping[str, Any]], str | None]


def _raw(data: object) -> dict[str, Any]:
    if isinstance(data, ArgsKwargs):
        return dict(data.kwargs or {})
    return dict(data) if isinstance(data, Mapping) else {}


def _defaults(cls: type) -> dict[str, Any]:
    fields = getattr(cls, "model_fields", None) or getattr(cls, "__pydantic_fields__", {})
    return {name: info.default for name, info in fields.items()}


def checked_across(
    cls: type, data: object, handler: ValidatorFunctionWrapHandler, check: Check
) -> Any:
    """Validate ``data`` with ``handler``; add ``check``'s problem whether or not fields fail."""
    try:
        result = handler(data)
    except ValidationError as exc:
        errors = exc.errors()
        failed = {str(e["loc"][0]) for e in errors if e["loc"]}
        values = {k: v for k, v in (_defaults(cls) | _raw(data)).items() if k not in failed}
        try:
            problem = check(values)
        except (KeyError, TypeError, ValueError):  # a value it needs is missing or unreadable
            problem = None
        if problem is None:
            raise
        details: list[InitErrorDetails] = [
            {
                "type": PydanticCustomError(e["type"], e["msg"]),
                "loc": e["loc"],
                "input": e["input"],
            }
            for e in errors
        ]
        details.append(
            {"type": PydanticCustomError("value_error", problem), "loc": (), "input": data}
        )
        raise ValidationError.from_exception_data(exc.title, details) from None
    problem = check(dict(vars(result)))
    if problem is not None:
        raise ValueError(problem)
    return result


def series_problem(values: Mapping[str, Any]) -> str | None:
    """meeting: a series every few weeks needs one meeting's date."""
    recurrence, first = str(values["recurrence"]), str(values.get("first", "x"))
    if recurrence.strip() and parse_recurrence(recurrence).every_weeks > 1 and not first.strip():
        return "a series every few weeks needs meeting.first, one meeting's date"
    return None


def window_problem(values: Mapping[str, Any]) -> str | None:
    """reminders: the sending window starts before it ends."""
    start, end = int(values["send_from"]), int(values["send_until"])
    return f"send_from ({start}) must be before send_until ({end})" if start >= end else None
