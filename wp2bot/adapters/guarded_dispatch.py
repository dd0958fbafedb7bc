"""Running a command for a transport: one that raises is logged and answered with an apology."""

from __future__ import annotations

import logging

from wp2bot.chat import Dispatcher, Reply, Request

log = logging.getLogger(__name__)
FAILURE_TEXT = "Sorry, that command failed on my side. The error has been logged."


def guarded_dispatch(dispatcher: Dispatcher, request: Request, *, ephemeral: bool) -> Reply:
    """The command's reply; ``FAILURE_TEXT`` (shown to the asker only when ``ephemeral``) when
    it raised, the error logged with its traceback and never shown in chat."""
    try:
        return dispatcher.dispatch(request)
    except Exception:
        log.exception("command %r from @%s failed", request.text, request.user)
        return Reply(FAILURE_TEXT, ok=False, ephemeral=ephemeral)
