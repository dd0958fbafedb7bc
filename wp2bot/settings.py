"""The settings as a declarative model (pydantic-settings): types, defaults, docs and meaning.

Each table of the TOML file is a model here; the reminder, round-table and summary tables are
the domain's own policies, re-declared with the constraints that give their values meaning
(hours of the day, gaps that are not negative, closures that end after they start), so that
what ``config check`` rejects is exactly what ``run`` cannot start with.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from contextvars import ContextVar
from pathlib import Path
from typing import Annotated, Self, cast
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidatorFunctionWrapHandler,
)
from pydantic import model_validator as model_check
from pydantic.dataclasses import dataclass as checked_dataclass
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from wp2bot.domain.calendar import parse_period, parse_recurrence
from wp2bot.domain.reminders import ReminderPolicy
from wp2bot.domain.roundtable import RoundTablePolicy
from wp2bot.domain.summary import SummaryPolicy
from wp2bot.environment import SECRET_VARIABLES
from wp2bot.settings_checks import checked_across, series_problem, window_problem
from wp2bot.zones import check_zone

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DEFAULT_DATABASE_URL = "sqlite:///wp2bot.db"
ENV_PREFIX = "WP2BOT_"


def _split(value: object) -> object:
    """``"a, b"`` (an environment variable) -> ``["a", "b"]``; lists pass through."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


def _url(value: str) -> str:
    if value:
        parts = urlsplit(value)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise ValueError(f"{value!r} is not an http(s) URL with a host")
    return value


def _period(value: str) -> str:
    parse_period(value)
    return value


def _iso_day(value: str) -> str:
    if value.strip():
        try:
            dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{value!r} is not a YYYY-MM-DD date") from None
    return value


def _recurrence(value: str) -> str:
    if value.strip():
        parse_recurrence(value)  # ValueError names what is missing
    return value


def _zone(value: str) -> str:
    return check_zone(value)


List = Annotated[tuple[str, ...], BeforeValidator(_split), NoDecode]
Url = Annotated[str, AfterValidator(_url)]
EventId = Annotated[int, Field(ge=0)]
Hour = Annotated[int, Field(ge=0, le=23)]
Days = Annotated[int, Field(ge=0)]
Count = Annotated[int, Field(ge=1)]
Hours = Annotated[int, Field(ge=0)]
Zone = Annotated[str, AfterValidator(_zone)]
Closure = Annotated[str, AfterValidator(_period)]
_SECTION = ConfigDict(extra="forbid", frozen=True)
_POLICY = ConfigDict(extra="forbid")


class IndicoSettings(BaseModel):
    """Where the minutes come from."""

    model_config = _SECTION
    url: Url = Field(default="", description="Indico base URL, e.g. https://indico.cern.ch")
    category: int | None = Field(
        default=None, ge=0, description="category id of the meeting series"
    )
    events: Annotated[tuple[EventId, ...], BeforeValidator(_split), NoDecode] = Field(
        default=(), description="explicit event ids (no category)"
    )
    timeout: float = Field(
        default=20.0, gt=0, description="total deadline of one Indico request, retries included (s)"
    )
    retries: int = Field(default=3, ge=0, le=10, description="retries on 5xx and connection errors")
    lookback_days: Days = Field(default=60, description="category window before today")
    lookahead_days: Days = Field(default=60, description="category window after today")


class MattermostSettings(BaseModel):
    """The chat server and the bot's place in it."""

    model_config = _SECTION
    url: Url = Field(default="", description="server URL, e.g. https://mattermost.example.org")
    team: str = Field(default="", description="team name")
    channel: str = Field(default="", description="main channel name of the working group")
    action_url: Url = Field(
        default="", description="public URL of wp2bot's /mattermost/actions endpoint"
    )
    verify_tls: bool = Field(default=True, description="verify the server certificate")
    ca_file: str = Field(default="", description="CA bundle for a private server certificate")


class HttpSettings(BaseModel):
    """wp2bot's own HTTP endpoint (slash command, buttons, health, metrics)."""

    model_config = _SECTION
    host: str = Field(default="127.0.0.1", min_length=1, description="listen address")
    port: int = Field(default=8065, ge=0, le=65535, description="listen port (0: any free port)")
    public_url: Url = Field(
        default="",
        description="public URL of this endpoint, e.g. https://wp2bot.example.org (board links)",
    )


class MeetingSettings(BaseModel):
    """The meeting series when Indico is not used, and the group's defaults."""

    model_config = _SECTION
    timezone: Zone = Field(default="Europe/Zurich", description="the series' timezone (IANA name)")
    recurrence: Annotated[str, AfterValidator(_recurrence)] = Field(
        default="",
        description="recurrence without Indico, e.g. 'every 2 weeks on Wednesday at 11:00'",
    )
    first: Annotated[str, AfterValidator(_iso_day)] = Field(
        default="", description="date of one meeting of the recurrence"
    )
    title: str = Field(default="WP2 meeting", description="title of the series' meetings")

    @model_check(mode="wrap")
    @classmethod
    def _first_of_series(cls, data: object, handler: ValidatorFunctionWrapHandler) -> Self:
        return cast(Self, checked_across(cls, data, handler, series_problem))


@checked_dataclass(frozen=True, config=_POLICY)
class Reminders(ReminderPolicy):
    """The ``[reminders]`` table: the domain's policy with its values' meaning checked."""

    days_before: Annotated[tuple[Days, ...], BeforeValidator(_split), NoDecode] = (3,)
    overdue_gaps: Annotated[tuple[Count, ...], BeforeValidator(_split), NoDecode] = (1, 2, 4, 7)
    undated_days_before_meeting: Days = 2
    send_from: Hour = 9
    send_until: Annotated[int, Field(ge=1, le=24)] = 18
    escalate_after: Count = 3
    stuck_after: Count = 5
    closures: Annotated[tuple[Closure, ...], BeforeValidator(_split), NoDecode] = ()
    max_cards: Count = 10

    @model_check(mode="wrap")
    @classmethod
    def _sending_window(cls, data: object, handler: ValidatorFunctionWrapHandler) -> Self:
        return cast(Self, checked_across(cls, data, handler, window_problem))


@checked_dataclass(frozen=True, config=_POLICY)
class RoundTable(RoundTablePolicy):
    """The ``[roundtable]`` table."""

    open_hours_before: Hours = 48
    chase_after_hours: Hours = 24
    backup_after_hours: Hours = 30
    kinds: List = ("site", "experiment")


@checked_dataclass(frozen=True, config=_POLICY)
class Summary(SummaryPolicy):
    """The ``[summary]`` table."""

    hours_before: Hours = 24


# The environment that ``Settings(...)`` reads: ``load_settings`` sets the mapping it was given
# (a test's dictionary, the CLI's ``os.environ``); unset, it is the process environment.
ENVIRONMENT: ContextVar[Mapping[str, str] | None] = ContextVar("wp2bot_environment", default=None)


class Environment(EnvSettingsSource):
    """``WP2BOT_<KEY>`` and ``WP2BOT_<TABLE>_<KEY>`` from a given mapping, secrets left out.

    The secrets (``WP2BOT_MATTERMOST_TOKEN``, ...) share the tables' prefixes but are no
    settings: they are read by ``load_secrets`` alone and never enter the settings.
    """

    def __init__(self, settings_cls: type[BaseSettings], env: Mapping[str, str]) -> None:
        self._mapping = env
        super().__init__(settings_cls)

    def _load_env_vars(self) -> Mapping[str, str | None]:
        return {
            name.lower(): value
            for name, value in self._mapping.items()
            if name.startswith(ENV_PREFIX) and name.removesuffix("_FILE") not in SECRET_VARIABLES
        }


class Settings(BaseSettings):
    """Everything wp2bot reads at start-up."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_nested_delimiter="_",
        env_nested_max_split=1,
        enable_decoding=False,
        extra="forbid",
        frozen=True,
    )
    database_url: str = Field(
        default=DEFAULT_DATABASE_URL,
        pattern=r"^[\w+]+://",
        description="SQLAlchemy URL; SQLite file by default",
    )
    data_dir: str = Field(
        default="",
        description="folder with community.toml and endpoints.toml (default: the shipped data/)",
    )
    chairs: List = Field(default=(), description="Mattermost usernames of chairs")
    console_user: str = Field(default="chair", description="who the console transport acts as")
    scheduler_seconds: int = Field(
        default=30,
        ge=1,
        description="how often scheduled work and the leadership check run (seconds)",
    )
    outbox_lease_seconds: int = Field(
        default=90,
        ge=1,
        description="how long a message being sent is held before another instance resends it",
    )
    outbox_workers: int = Field(
        default=4,
        ge=1,
        le=32,
        description="how many recipients the outbox serves at once (each one's in order)",
    )
    answer_lease_seconds: int = Field(
        default=120,
        ge=1,
        description="how long a command being answered is held before another instance takes it",
    )
    indico: IndicoSettings = IndicoSettings()
    mattermost: MattermostSettings = MattermostSettings()
    http: HttpSettings = HttpSettings()
    meeting: MeetingSettings = MeetingSettings()
    reminders: Reminders = Reminders()
    roundtable: RoundTable = RoundTable()
    summary: Summary = Summary()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """The environment over the values given (the TOML file's); no .env or secrets dir."""
        return (Environment(settings_cls, ENVIRONMENT.get() or os.environ), init_settings)

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
