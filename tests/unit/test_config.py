"""Settings: TOML file, environment overrides, secrets only from the environment."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wp2bot.config import (
    ConfigError,
    SecretFileError,
    load_secrets,
    load_settings,
    settings_reference,
)
from wp2bot.domain.reminders import ReminderPolicy


def test_defaults_without_file() -> None:
    s = load_settings(None, {})
    assert s.database_url.startswith("sqlite:///")
    assert s.meeting.timezone == "Europe/Zurich"


def test_file_and_environment_override(tmp_path: Path) -> None:
    cfg = tmp_path / "wp2bot.toml"
    cfg.write_text(
        'chairs = ["xespinal"]\n[mattermost]\nurl = "https://mm.example.org"\n'
        'team = "escape"\n[http]\nport = 9000\n'
    )
    s = load_settings(
        cfg,
        {
            "WP2BOT_HTTP_PORT": "9100",
            "WP2BOT_DATABASE_URL": "sqlite:///x.db",
            "WP2BOT_CHAIRS": "a,b",
        },
    )
    assert s.mattermost.url == "https://mm.example.org"
    assert s.http.port == 9100
    assert s.database_url == "sqlite:///x.db"
    assert s.chairs == ("a", "b")


def test_every_error_reported_at_once(tmp_path: Path) -> None:
    cfg = tmp_path / "bad.toml"
    cfg.write_text('token = "x"\nbogus = 1\n[http]\nport = "eighty"\n')
    with pytest.raises(ConfigError) as err:
        load_settings(cfg, {})
    problems = err.value.problems
    assert any("token" in p and "environment" in p for p in problems)
    assert any("bogus: unknown setting" in p for p in problems)
    assert any("http.port" in p for p in problems)


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such configuration file"):
        load_settings(tmp_path / "nope.toml", {})


def test_secrets_from_env_and_files_never_shown(tmp_path: Path) -> None:
    f = tmp_path / "tok"
    f.write_text("s3cret-from-file\n")
    sec = load_secrets(
        {"WP2BOT_MATTERMOST_TOKEN": "mm-token-123", "WP2BOT_INDICO_TOKEN_FILE": str(f)}
    )
    assert sec.mattermost_token == "mm-token-123"
    assert sec.indico_token == "s3cret-from-file"
    assert "mm-token-123" not in repr(sec)
    assert "s3cret" not in repr(sec)


def test_reference_lists_every_setting() -> None:
    keys = {row[0] for row in settings_reference()}
    assert {"database_url", "mattermost.url", "http.port", "indico.category"} <= keys
    assert all(row[3] for row in settings_reference())


def test_shipped_example_configuration_loads() -> None:
    example = Path(__file__).resolve().parents[2] / "data" / "wp2bot.example.toml"
    s = load_settings(example, {})
    assert s.indico.category == 1234
    assert s.reminders.closures
    assert s.meeting.recurrence == ""


def test_config_check_command_lists_every_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from wp2bot.cli import main

    cfg = tmp_path / "bad.toml"
    cfg.write_text('[mattermost]\nurl = "https://mm.example.org"\nbogus = 1\n[http]\nport = "x"\n')
    data = tmp_path / "data"
    data.mkdir()
    (data / "community.toml").write_text("[[people]]\nname = 3\n")
    for name in ("WP2BOT_MATTERMOST_TOKEN", "WP2BOT_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("WP2BOT_DATA_DIR", str(data))
    monkeypatch.setenv("WP2BOT_MATTERMOST_URL", "https://mm.example.org")
    assert main(["--config", str(cfg), "config", "check"]) == 1
    out = capsys.readouterr().out
    assert "mattermost.bogus: unknown setting" in out
    assert "http.port" in out
    assert "community.toml" in out  # the data files are checked in the same run
    assert "WP2BOT_MATTERMOST_TOKEN" in out  # and the secrets


def test_an_unexpected_error_is_one_line_without_secrets(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import wp2bot.cli.extract as extract_command
    from wp2bot.cli import main

    def broken(_args: object) -> int:
        raise RecursionError("deep in the tree, token=abcdefghijklmnopqrstuvwxyz")

    monkeypatch.setattr(extract_command, "run", broken)
    assert main(["extract", "minutes.md"]) == 70
    err = capsys.readouterr().err
    assert err.startswith("wp2bot: internal error: RecursionError: deep in the tree")
    assert "abcdefghijklmnop" not in err
    assert "Traceback" not in err


def test_an_unexpected_error_hides_the_configured_secrets(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import wp2bot.cli.extract as extract_command
    from wp2bot.cli import main

    monkeypatch.setenv("WP2BOT_INDICO_TOKEN", "s3cr3t-value")

    def broken(_args: object) -> int:
        raise ValueError("could not use s3cr3t-value")

    monkeypatch.setattr(extract_command, "run", broken)
    assert main(["extract", "minutes.md"]) == 70
    assert "s3cr3t" not in capsys.readouterr().err


def test_meaningless_values_are_each_reported_with_their_place(tmp_path: Path) -> None:
    cfg = tmp_path / "meaning.toml"
    cfg.write_text(
        '[meeting]\ntimezone = "Europe/Geneva"\nrecurrence = "now and then"\n'
        "[reminders]\nsend_from = 25\novercast = 1\noverdue_gaps = [2, -1]\n"
        'closures = ["2026-12-24..2026-12-20 backwards", "someday"]\n'
        '[indico]\nurl = "indico.example.org"\n'
    )
    with pytest.raises(ConfigError) as err:
        load_settings(cfg, {"WP2BOT_SCHEDULER_SECONDS": "0"})
    problems = err.value.problems
    expected = {
        f"{cfg}: meeting.timezone: unknown timezone 'Europe/Geneva'",
        f"{cfg}: meeting.recurrence: recurrence 'now and then': no weekday",
        f"{cfg}: reminders.send_from: Input should be less than or equal to 23",
        f"{cfg}: reminders.overcast: unknown setting",
        f"{cfg}: reminders.overdue_gaps[1]: Input should be greater than or equal to 1",
        f"{cfg}: reminders.closures[0]: '2026-12-24..2026-12-20 backwards': the period ends",
        f"{cfg}: reminders.closures[1]: 'someday': expected YYYY-MM-DD..YYYY-MM-DD",
        f"{cfg}: indico.url: 'indico.example.org' is not an http(s) URL with a host",
        "environment WP2BOT_SCHEDULER_SECONDS: scheduler_seconds: Input should be greater",
    }
    for start in expected:
        assert any(p.startswith(start) for p in problems), (start, problems)
    assert len(problems) == len(expected)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("send_from = 18\nsend_until = 9", "send_from (18) must be before send_until (9)"),
        ("days_before = [-2]", "reminders.days_before[0]: Input should be greater than"),
        ("send_until = 25", "reminders.send_until: Input should be less than or equal to 24"),
    ],
)
def test_reminder_hours_and_gaps_have_meaning(tmp_path: Path, table: str, message: str) -> None:
    cfg = tmp_path / "r.toml"
    cfg.write_text(f"[reminders]\n{table}\n")
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_settings(cfg, {})


def test_a_multi_week_recurrence_needs_its_first_meeting(tmp_path: Path) -> None:
    cfg = tmp_path / "m.toml"
    cfg.write_text('[meeting]\nrecurrence = "every 2 weeks on Wednesday at 11:00"\n')
    with pytest.raises(ConfigError, match=r"needs meeting\.first"):
        load_settings(cfg, {})
    ok = load_settings(cfg, {"WP2BOT_MEETING_FIRST": "2026-11-04"})
    assert ok.meeting.first == "2026-11-04"


def test_environment_lists_and_secrets_beside_the_tables() -> None:
    s = load_settings(
        None,
        {
            "WP2BOT_REMINDERS_DAYS_BEFORE": "7, 1",
            "WP2BOT_REMINDERS_SEND_UNTIL": "24",
            "WP2BOT_INDICO_TOKEN_FILE": "/nowhere",  # a secret, not an indico setting
            "WP2BOT_MATTERMOST_TOKEN": "t",
        },
    )
    assert s.reminders.days_before == (7, 1)
    assert s.reminders.send_until == 24
    assert isinstance(s.reminders, ReminderPolicy)


def test_a_missing_secret_file_names_its_variable(tmp_path: Path) -> None:
    with pytest.raises(SecretFileError, match="WP2BOT_MATTERMOST_TOKEN_FILE: cannot read"):
        load_secrets({"WP2BOT_MATTERMOST_TOKEN_FILE": str(tmp_path / "absent")})


def test_run_refuses_exactly_what_config_check_calls_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from wp2bot.cli import main

    cfg = tmp_path / "wp2bot.toml"
    cfg.write_text(
        '[mattermost]\nurl = "https://mm.example.org"\nteam = "t"\n'
        '[meeting]\ntimezone = "Mars/Olympus"\n'
    )
    for name in ("WP2BOT_CONFIG", "WP2BOT_DATA_DIR", "WP2BOT_SLASH_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("WP2BOT_MATTERMOST_TOKEN", "tok")
    monkeypatch.setenv("WP2BOT_ACTION_SECRET", "a-button-signing-secret")
    monkeypatch.setenv("WP2BOT_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite'}")
    assert main(["--config", str(cfg), "config", "check"]) == 1
    checked = [line.removeprefix("error: ") for line in capsys.readouterr().out.splitlines()]
    errors = [line for line in checked if not line.startswith(("warning:", "configuration"))]
    zone = "unknown timezone 'Mars/Olympus' (e.g. Europe/Zurich or UTC)"
    assert errors == [f"{cfg}: meeting.timezone: {zone}"]
    assert main(["--config", str(cfg), "run"]) == 78
    refused = capsys.readouterr().err.splitlines()
    assert refused[:-1] == [f"wp2bot: error: {e}" for e in errors]
    assert not (tmp_path / "db.sqlite").exists()  # refused before touching anything


@pytest.mark.parametrize(
    ("text", "hidden_by", "across"),
    [
        (
            "[reminders]\nsend_from = 20\nsend_until = 8\nescalate_after = 0\n",
            "reminders.escalate_after: Input should be greater than or equal to 1",
            "reminders: send_from (20) must be before send_until (8)",
        ),
        (
            '[meeting]\ntimezone = "Nowhere/Land"\n'
            'recurrence = "every 3 weeks on Friday at 9:30"\n',
            "meeting.timezone: unknown timezone 'Nowhere/Land'",
            "meeting: a series every few weeks needs meeting.first",
        ),
    ],
)
def test_a_check_across_fields_is_reported_beside_a_field_error(
    tmp_path: Path, text: str, hidden_by: str, across: str
) -> None:
    cfg = tmp_path / "both.toml"
    cfg.write_text(text)
    with pytest.raises(ConfigError) as err:
        load_settings(cfg, {})
    problems = [p.removeprefix(f"{cfg}: ") for p in err.value.problems]
    assert len(problems) == 2, problems
    assert problems[0].startswith(hidden_by), problems
    assert problems[1].startswith(across), problems


def test_a_window_from_the_environment_is_checked_across_too() -> None:
    env = {"WP2BOT_REMINDERS_SEND_FROM": "19", "WP2BOT_REMINDERS_SEND_UNTIL": "7"}
    with pytest.raises(
        ConfigError, match=re.escape("send_from (19) must be before send_until (7)")
    ):
        load_settings(None, env | {"WP2BOT_REMINDERS_MAX_CARDS": "0"})
