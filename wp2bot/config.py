"""One frozen settings tree: a TOML file plus ``WP2BOT_*`` environment overrides.

Secrets (tokens, HMAC keys) come only from the environment or from files named in it, never from
the TOML file, so a configuration file can be shared and committed safely.
"""

from __future__ import annotations

import dataclasses
import tomllib
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from wp2bot.domain.reminders import ReminderPolicy
from wp2bot.domain.roundtable import RoundTablePolicy
from wp2bot.domain.summary import SummaryPolicy
from wp2bot.environment import Secrets, environ, load_secrets

__all__ = ["ConfigError", "Secrets", "Settings", "environ", "load_secrets", "load_settings"]

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DEFAULT_DATABASE_URL = "sqlite:///wp2bot.db"


def _doc(text: str) -> dict[str, str]:
    return {"doc": text}


@dataclass(frozen=True)
class IndicoSettings:
    """Where the minutes come from."""

    url: str = field(default="", metadata=_doc("Indico base URL, e.g. https://indico.cern.ch"))
    category: int | None = field(default=None, metadata=_doc("category id of the meeting series"))
    events: tuple[int, ...] = field(default=(), metadata=_doc("explicit event ids (no category)"))
    timeout: float = field(default=20.0, metadata=_doc("HTTP timeout in seconds"))
    retries: int = field(default=3, metadata=_doc("retries on 5xx and connection errors"))
    lookback_days: int = field(default=60, metadata=_doc("category window before today"))
    lookahead_days: int = field(default=60, metadata=_doc("category window after today"))


@dataclass(frozen=True)
class MattermostSettings:
    """The chat server and the bot's place in it."""

    url: str = field(default="", metadata=_doc("server URL, e.g. https://mattermost.example.org"))
    team: str = field(default="", metadata=_doc("team name"))
    channel: str = field(default="", metadata=_doc("main channel name of the working group"))
    action_url: str = field(
        default="", metadata=_doc("public URL of wp2bot's /mattermost/actions endpoint")
    )
    verify_tls: bool = field(default=True, metadata=_doc("verify the server certificate"))
    ca_file: str = field(default="", metadata=_doc("CA bundle for a private server certificate"))


@dataclass(frozen=True)
class HttpSettings:
    """wp2bot's own HTTP endpoint (slash command, buttons, health, metrics)."""

    host: str = field(default="127.0.0.1", metadata=_doc("listen address"))
    port: int = field(default=8065, metadata=_doc("listen port"))


@dataclass(frozen=True)
class MeetingSettings:
    """The meeting series when Indico is not used, and the group's defaults."""

    timezone: str = field(default="Europe/Zurich", metadata=_doc("the series' timezone"))
    recurrence: str = field(
        default="",
        metadata=_doc("recurrence without Indico, e.g. 'every 2 weeks on Wednesday at 11:00'"),
    )
    first: str = field(default="", metadata=_doc("date of one meeting of the recurrence"))
    title: str = field(default="WP2 meeting", metadata=_doc("title of the series' meetings"))


@dataclass(frozen=True)
class Settings:
    """Everything wp2bot reads at start-up."""

    database_url: str = field(
        default=DEFAULT_DATABASE_URL, metadata=_doc("SQLAlchemy URL; SQLite file by default")
    )
    data_dir: str = field(
        default="",
        metadata=_doc("folder with community.toml and endpoints.toml (default: the shipped data/)"),
    )
    chairs: tuple[str, ...] = field(default=(), metadata=_doc("Mattermost usernames of chairs"))
    console_user: str = field(default="chair", metadata=_doc("who the console transport acts as"))
    scheduler_seconds: int = field(
        default=30,
        metadata=_doc("how often scheduled work and the leadership check run (seconds)"),
    )
    indico: IndicoSettings = field(default_factory=IndicoSettings)
    mattermost: MattermostSettings = field(default_factory=MattermostSettings)
    http: HttpSettings = field(default_factory=HttpSettings)
    meeting: MeetingSettings = field(default_factory=MeetingSettings)
    reminders: ReminderPolicy = field(default_factory=ReminderPolicy)
    roundtable: RoundTablePolicy = field(default_factory=RoundTablePolicy)
    summary: SummaryPolicy = field(default_factory=SummaryPolicy)

    @property
    def data_path(self) -> Path:
        """The data folder in use."""
        return Path(self.data_dir) if self.data_dir else DEFAULT_DATA_DIR

    @property
    def community_file(self) -> Path:
        """The roster of people, sites and experiments."""
        return self.data_path / "community.toml"

    @property
    def endpoints_file(self) -> Path:
        """The endpoints and checks to probe."""
        return self.data_path / "endpoints.toml"


class ConfigError(ValueError):
    """The configuration has errors; ``problems`` lists every one with where it is."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def _convert(value: object, hint: object, where: str, problems: list[str]) -> object:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        if value is None:
            return None
        inner = next(a for a in args if a is not type(None))
        return _convert(value, inner, where, problems)
    if origin is tuple:
        items = value.split(",") if isinstance(value, str) else value
        if not isinstance(items, list | tuple):
            problems.append(f"{where}: expected a list, got {type(value).__name__}")
            return ()
        return tuple(
            _convert(i.strip() if isinstance(i, str) else i, args[0], where, problems)
            for i in items
            if i != ""
        )
    if hint is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in {
            "1",
            "true",
            "yes",
            "on",
            "0",
            "false",
            "no",
            "off",
        }:
            return value.lower() in {"1", "true", "yes", "on"}
    elif hint is int:
        try:
            return int(str(value))
        except ValueError:
            pass
    elif hint is float:
        try:
            return float(str(value))
        except ValueError:
            pass
    elif hint is str and isinstance(value, str):
        return value
    problems.append(f"{where}: expected {getattr(hint, '__name__', hint)}, got {value!r}")
    return None


T = typing.TypeVar("T")


def _build(
    cls: type[T],
    table: Mapping[str, object],
    env: Mapping[str, str],
    prefix: str,
    where: str,
    problems: list[str],
) -> T:
    hints = typing.get_type_hints(cls)
    kwargs: dict[str, object] = {}
    known = set()
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        known.add(f.name)
        hint = hints[f.name]
        env_name = f"{prefix}{f.name.upper()}"
        if dataclasses.is_dataclass(hint):
            sub = table.get(f.name, {})
            if not isinstance(sub, Mapping):
                problems.append(f"{where}{f.name}: expected a table")
                sub = {}
            kwargs[f.name] = _build(
                typing.cast(type, hint), sub, env, f"{env_name}_", f"{where}{f.name}.", problems
            )
            continue
        if env_name in env:
            raw: object = env[env_name]
            source = f"environment {env_name}"
        elif f.name in table:
            raw = table[f.name]
            source = f"{where}{f.name}"
        else:
            continue
        converted = _convert(raw, hint, source, problems)
        if converted is not None or raw is None:
            kwargs[f.name] = converted
    for key in table:
        if key not in known:
            problems.append(f"{where}{key}: unknown setting")
    return cls(**kwargs)


def load_settings(path: str | Path | None, env: Mapping[str, str]) -> Settings:
    """Read the TOML file (``path`` or ``WP2BOT_CONFIG``) and apply ``WP2BOT_*`` overrides.

    Every problem is collected and raised together as one ``ConfigError``.
    """
    problems: list[str] = []
    table: Mapping[str, object] = {}
    config_path = path or env.get("WP2BOT_CONFIG")
    if config_path:
        p = Path(config_path)
        try:
            table = tomllib.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            problems.append(f"{p}: no such configuration file")
        except tomllib.TOMLDecodeError as exc:
            problems.append(f"{p}: {exc}")
        for secret in ("token", "mattermost_token", "indico_token", "secret"):
            if secret in table:
                problems.append(f"{p}: '{secret}' must come from the environment, not the file")
    settings = _build(Settings, table, env, "WP2BOT_", "", problems)
    if problems:
        raise ConfigError(problems)
    return settings


def settings_reference() -> list[tuple[str, str, str, str]]:
    """(key, environment variable, default, description) for every setting, for the docs."""
    rows: list[tuple[str, str, str, str]] = []

    def walk(cls: type, key: str, env: str) -> None:
        hints = typing.get_type_hints(cls)
        for f in dataclasses.fields(cls):
            hint = hints[f.name]
            if dataclasses.is_dataclass(hint):
                walk(typing.cast(type, hint), f"{key}{f.name}.", f"{env}{f.name.upper()}_")
                continue
            default = "" if f.default is dataclasses.MISSING else repr(f.default)
            rows.append(
                (f"{key}{f.name}", f"{env}{f.name.upper()}", default, f.metadata.get("doc", ""))
            )

    walk(Settings, "", "WP2BOT_")
    return rows
