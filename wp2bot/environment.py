"""The process environment and the secrets read from it.

Kept apart from the settings so that the CLI can learn which values to redact from its logs
without loading the settings' policies (and the domain modules they come from).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Secrets:
    """Credentials, read only from the environment (or files it names); never printed."""

    indico_token: str = ""
    mattermost_token: str = ""
    slash_token: str = ""
    action_secret: str = ""

    def __repr__(self) -> str:
        """Never show a secret, even in a traceback."""
        shown = {f.name: "***" if getattr(self, f.name) else "" for f in dataclasses.fields(self)}
        return f"Secrets({shown})"


# Characters WP2BOT_ACTION_SECRET needs at least: it signs every button's context.
MIN_ACTION_SECRET = 16
ACTION_SECRET_ERROR = (
    f"WP2BOT_ACTION_SECRET: required, a random string of at least {MIN_ACTION_SECRET} "
    "characters (e.g. `openssl rand -hex 32`); it signs the buttons' contexts, and without it "
    "anybody could forge a click"
)

SECRET_ENV = {
    "indico_token": "WP2BOT_INDICO_TOKEN",
    "mattermost_token": "WP2BOT_MATTERMOST_TOKEN",
    "slash_token": "WP2BOT_SLASH_TOKEN",
    "action_secret": "WP2BOT_ACTION_SECRET",
}


class SecretFileError(OSError):
    """A ``WP2BOT_*_FILE`` names a file that cannot be read; the message names the variable."""


SECRET_VARIABLES = frozenset(SECRET_ENV.values())


def load_secrets(env: Mapping[str, str]) -> Secrets:
    """Secrets from ``WP2BOT_*`` variables, or ``WP2BOT_*_FILE`` naming a file that holds one."""
    values: dict[str, str] = {}
    for name, var in SECRET_ENV.items():
        value = env.get(var, "")
        path = env.get(f"{var}_FILE", "")
        if not value and path:
            try:
                value = Path(path).read_text(encoding="utf-8").strip()
            except (OSError, UnicodeDecodeError) as exc:
                reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
                raise SecretFileError(f"{var}_FILE: cannot read {path}: {reason}") from None
        values[name] = value
    return Secrets(**values)


def environ() -> Mapping[str, str]:
    """The process environment (only the CLI calls this)."""
    return os.environ
