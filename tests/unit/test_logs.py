"""Secrets never reach the logs, whatever logged them; JSON lines parse."""

from __future__ import annotations

import json
import logging

import pytest

from wp2bot.logs import JsonFormatter, RedactingFilter, redact


@pytest.mark.parametrize(
    "line",
    [
        "GET /export/event/1.json Authorization: Bearer indp_abcdefghijklmnopqrstuvwxyz0123",
        "calling https://indico/export/categ/1.json?ak=0a1b2c3d-4e5f&signature=deadbeef",
        "token xoxb-1234567890abcdefgh rejected",
    ],
)
def test_credential_shapes_are_redacted(line: str) -> None:
    out = redact(line)
    assert "***" in out
    for secret in ("indp_abc", "0a1b2c3d", "deadbeef", "xoxb-1234567890abcdefgh"):
        assert secret not in out


def test_known_secret_values_are_redacted_in_messages_args_and_tracebacks() -> None:
    record = logging.LogRecord(
        "t", logging.ERROR, __file__, 1, "login with %s failed", ("hunter2-s3cret",), None
    )
    try:
        raise ValueError("bad token hunter2-s3cret")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    RedactingFilter(["hunter2-s3cret"]).filter(record)
    assert "hunter2" not in record.getMessage()
    assert record.exc_text is not None
    assert "hunter2" not in record.exc_text


def test_json_lines() -> None:
    record = logging.LogRecord("wp2bot.cmd", logging.INFO, __file__, 1, "done %d", (3,), None)
    record.user = "pmillar"
    data = json.loads(JsonFormatter().format(record))
    assert data["message"] == "done 3"
    assert data["user"] == "pmillar"
    assert data["level"] == "info"
