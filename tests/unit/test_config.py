"""Settings: TOML file, environment overrides, secrets only from the environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from wp2bot.config import ConfigError, load_secrets, load_settings, settings_reference


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
