"""Loading the settings: a TOML file plus ``WP2BOT_*`` environment overrides, checked at once.

The model with every setting, its default and the meaning of its values is in
``wp2bot.settings``; this module reads the file and the environment into it and turns every
validation error into one line that says where the value came from (the file and key, or the
environment variable).

Secrets (tokens, HMAC keys) come only from the environment or from files named in it, never from
the TOML file, so a configuration file can be shared and committed safely.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from wp2bot.environment import SecretFileError, Secrets, environ, load_secrets
from wp2bot.settings import (
    DEFAULT_DATA_DIR,
    DEFAULT_DATABASE_URL,
    ENV_PREFIX,
    ENVIRONMENT,
    HttpSettings,
    IndicoSettings,
    MattermostSettings,
    MeetingSettings,
    Settings,
)

__all__ = [
    "DEFAULT_DATABASE_URL",
    "DEFAULT_DATA_DIR",
    "ConfigError",
    "HttpSettings",
    "IndicoSettings",
    "MattermostSettings",
    "MeetingSettings",
    "SecretFileError",
    "Secrets",
    "Settings",
    "environ",
    "load_secrets",
    "load_settings",
    "settings_reference",
]

_SECRET_KEYS = ("token", "mattermost_token", "indico_token", "secret")
_UNKNOWN = frozenset({"extra_forbidden", "unexpected_keyword_argument"})


class ConfigError(ValueError):
    """The configuration has errors; ``problems`` lists every one with where it is."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def _problem(error: Mapping[str, Any], origin: str, env: Mapping[str, str]) -> str:
    """One validation error as ``<where>: <key>: <what is wrong>``."""
    loc = [str(part) for part in error["loc"]]
    key = "".join(f"[{p}]" if p.isdigit() else f".{p}" for p in loc).removeprefix(".")
    variable = ENV_PREFIX + "_".join(loc[:2]).upper()
    where = f"environment {variable}" if variable in env else origin
    if error["type"] in _UNKNOWN:
        return f"{where}: {key}: unknown setting"
    message = str(error["msg"]).removeprefix("Value error, ")
    if (
        error["type"] != "value_error"
        and "input" in error
        and not isinstance(error["input"], Mapping)
    ):
        message += f" (got {error['input']!r})"
    return f"{where}: {key}: {message}" if key else f"{where}: {message}"


def _read_table(path: Path, problems: list[str]) -> dict[str, Any]:
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(f"{path}: no such configuration file")
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{path}: cannot be read ({exc})")
        return {}
    except tomllib.TOMLDecodeError as exc:
        problems.append(f"{path}: not valid TOML: {exc}")
        return {}
    for secret in _SECRET_KEYS:
        if table.pop(secret, None) is not None:
            problems.append(f"{path}: '{secret}' must come from the environment, not the file")
    return table


def load_settings(path: str | Path | None, env: Mapping[str, str]) -> Settings:
    """Read the TOML file (``path`` or ``WP2BOT_CONFIG``) and apply ``WP2BOT_*`` overrides.

    Every problem is collected and raised together as one ``ConfigError``.
    """
    problems: list[str] = []
    config_path = path or env.get("WP2BOT_CONFIG")
    table = _read_table(Path(config_path), problems) if config_path else {}
    origin = str(config_path) if config_path else "default"
    settings: Settings | None = None
    token = ENVIRONMENT.set(env)
    try:
        settings = Settings.model_validate(table)  # the environment goes over the file
    except ValidationError as exc:
        problems.extend(_problem(e, origin, env) for e in exc.errors())
    finally:
        ENVIRONMENT.reset(token)
    if problems or settings is None:
        raise ConfigError(problems)
    return settings


def _doc_of(cls: type, name: str) -> str:
    """The description of a dataclass field, from the class that first declared it."""
    for klass in cls.__mro__:
        if dataclasses.is_dataclass(klass):
            for f in dataclasses.fields(klass):
                if f.name == name and f.metadata.get("doc"):
                    return str(f.metadata["doc"])
    return ""


def settings_reference() -> list[tuple[str, str, str, str]]:
    """(key, environment variable, default, description) for every setting, for the docs."""
    rows: list[tuple[str, str, str, str]] = []

    def walk(cls: type, key: str, env: str) -> None:
        if isinstance(cls, type) and issubclass(cls, BaseModel):
            for name, info in cls.model_fields.items():
                hint = info.annotation
                if isinstance(hint, type) and (
                    issubclass(hint, BaseModel) or dataclasses.is_dataclass(hint)
                ):
                    walk(hint, f"{key}{name}.", f"{env}{name.upper()}_")
                    continue
                rows.append(
                    (f"{key}{name}", f"{env}{name.upper()}", repr(info.default),
                     info.description or "")
                )  # fmt: skip
            return
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            default = "" if f.default is dataclasses.MISSING else repr(f.default)
            rows.append((f"{key}{f.name}", f"{env}{f.name.upper()}", default, _doc_of(cls, f.name)))

    walk(Settings, "", ENV_PREFIX)
    return rows
