"""One truth about the configuration: what ``config check`` reports and ``run`` refuses.

``config check`` prints every error and warning; ``run`` refuses to start on exactly the same
errors (exit status 78), so a configuration that checks clean starts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wp2bot.config import Settings


@dataclass
class ConfigReport:
    """The settings as far as they could be read, and every problem with where it is."""

    settings: Settings
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def check_configuration(config: str | None, env: Mapping[str, str]) -> ConfigReport:
    """Settings, data files and secrets for ``run``; every problem at once."""
    from wp2bot.adapters.community_file import RosterError, load_roster
    from wp2bot.adapters.endpoints_config import EndpointsConfigError, load_endpoints
    from wp2bot.config import ConfigError, load_secrets, load_settings
    from wp2bot.environment import ACTION_SECRET_ERROR, MIN_ACTION_SECRET

    errors: list[str] = []
    try:
        settings = load_settings(config, env)
    except ConfigError as exc:
        # Go on with what can be read, so that the data files and secrets are checked too.
        errors.extend(exc.problems)
        try:
            settings = load_settings(None, env)
        except ConfigError:
            settings = load_settings(None, {})
    report = ConfigReport(settings, errors)
    read_whole = not errors
    try:
        load_roster(settings.community_file)
    except RosterError as exc:
        errors.append(str(exc))
    if settings.endpoints_file.is_file():
        try:
            load_endpoints(settings.endpoints_file)
        except EndpointsConfigError as exc:
            errors.append(str(exc))
    try:
        secrets = load_secrets(env)
    except OSError as exc:
        errors.append(str(exc))
        return report
    mm = settings.mattermost  # when the file did not load, what it says is unknown, not missing
    for key, value in (("mattermost.url", mm.url), ("mattermost.team", mm.team)):
        if read_whole and not value:
            variable = "WP2BOT_" + key.replace(".", "_").upper()
            errors.append(f"{key}: `wp2bot run` needs it (in the file or {variable})")
    if not secrets.mattermost_token:
        errors.append("WP2BOT_MATTERMOST_TOKEN: `wp2bot run` needs the bot's access token")
    if len(secrets.action_secret) < MIN_ACTION_SECRET:
        errors.append(ACTION_SECRET_ERROR)
    if not secrets.slash_token:
        report.warnings.append("WP2BOT_SLASH_TOKEN: not set, the /wp2 slash command is refused")
    return report
