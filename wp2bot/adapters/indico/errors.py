"""What can go wrong asking Indico, and how an error answer becomes one of these errors."""

from __future__ import annotations

import httpx

from wp2bot.ports.meeting_source import SourceError, SourceNotFound


class IndicoError(SourceError):
    """Indico could not give what was asked; the message is for humans and never has the token."""


class IndicoAuthError(IndicoError):
    """The token is missing, invalid, revoked or lacks a scope, or access is refused."""


class IndicoNotFound(IndicoError, SourceNotFound):
    """No such event, or one the token may not see (Indico answers both with an empty list)."""


class IndicoUnavailable(IndicoError):
    """The server is down, unreachable, or kept failing (5xx) after the retries."""


def raise_for_status(base_url: str, path: str, response: httpx.Response) -> None:
    """The error an answer of HTTP 300 or more stands for, worded for humans (no token)."""
    status = response.status_code
    if status < 300:
        return
    where = f"{base_url}{path}"
    message = _message(response)
    if status == 400 and "invalid_token" in response.text:
        raise IndicoAuthError(
            f"Indico at {base_url} rejected the API token (invalid, expired or revoked);"
            " create a personal token with scope read:legacy_api and set WP2BOT_INDICO_TOKEN",
            status=status,
        )
    if status in (301, 302, 303, 307, 308):
        location = urlsplit_path(response.headers.get("Location", ""))
        if "/login" in location:
            raise IndicoAuthError(f"{where} wants a login; a token is needed", status=status)
        raise IndicoError(f"{where} redirects to {location}; check the Indico URL", status=status)
    if status == 401:
        raise IndicoAuthError(
            f"Indico at {base_url} wants authentication: {message}", status=status
        )
    if status == 403:
        raise IndicoAuthError(
            f"Indico refused access to {where}: {message}"
            " (the token needs scope read:legacy_api and the user access to the event)",
            status=status,
        )
    if status == 404:
        raise IndicoNotFound(f"{where} was not found: {message}", status=status)
    raise IndicoError(f"Indico rejected {where} with HTTP {status}: {message}", status=status)


def urlsplit_path(url: str) -> str:
    """The path of a URL (what a redirect points at), without the query."""
    return httpx.URL(url).path if url else ""


def _message(response: httpx.Response) -> str:
    """The human part of an error answer: Indico's JSON message, else a short status phrase."""
    if "json" in response.headers.get("Content-Type", ""):
        try:
            body = response.json()
        except ValueError:
            body = None
        if isinstance(body, dict):
            text = body.get("message") or body.get("error_description") or body.get("error")
            if isinstance(text, str) and text:
                return text[:300]
    return response.reason_phrase or f"HTTP {response.status_code}"
