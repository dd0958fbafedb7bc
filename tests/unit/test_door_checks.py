"""Bad values are refused where they come in: CLI options, META.json, chat, import files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wp2bot.cli import main
from wp2bot.zones import UnknownZone, check_zone

MINUTES = "Actions\n- Ada Quill to renew the host certificates by Friday\n"


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("WP2BOT_CONFIG", "WP2BOT_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("WP2BOT_DATABASE_URL", f"sqlite:///{tmp_path / 'door.db'}")
    (tmp_path / "minutes.md").write_text(MINUTES)
    return tmp_path


def test_zone_names_are_iana_names_with_a_hint() -> None:
    assert check_zone(" Europe/Zurich ") == "Europe/Zurich"
    assert check_zone("UTC") == "UTC"
    for bad in ("Europe/Geneva", "CEST", "+02:00", "../etc/passwd", ""):
        with pytest.raises(UnknownZone, match="unknown timezone"):
            check_zone(bad)
    with pytest.raises(UnknownZone, match="did you mean Europe/Zurich"):
        check_zone("Europe/Zurch")


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_an_unknown_timezone_option_is_a_usage_error(
    env: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main([command, str(env / "minutes.md"), "--timezone", "Europe/Geneva"])
    assert stop.value.code == 2
    assert "--timezone: unknown timezone 'Europe/Geneva'" in capsys.readouterr().err


def test_a_bad_meeting_date_option_is_a_usage_error(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main(["extract", str(env / "minutes.md"), "--meeting-date", "2026-02-30"])
    assert "'2026-02-30' is not a YYYY-MM-DD date" in capsys.readouterr().err


def test_meta_json_with_an_unknown_timezone_is_refused(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    meta = env / "minutes.meta.json"
    meta.write_text(json.dumps({"meeting_date": "2026-03-04", "timezone": "Mars/Olympus"}))
    assert main(["ingest", str(env / "minutes.md")]) == 1
    err = capsys.readouterr().err
    assert f"{meta}: timezone: unknown timezone 'Mars/Olympus'" in err
    assert main(["actions", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []  # nothing stored


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", "binary or not UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (
            json.dumps(
                {
                    "format": "wp2bot-export",
                    "meetings": [{"source": "m", "timezone": "Europe/Geneva"}],
                }
            ).encode(),
            "meetings[0] (“m”): 'timezone' is an unknown timezone 'Europe/Geneva'",
        ),
        (
            json.dumps(
                {
                    "format": "wp2bot-export",
                    "meetings": [{"source": "m", "meeting_date": "03/04/2026"}],
                }
            ).encode(),
            "meetings[0] (“m”): 'meeting_date' is not a date (YYYY-MM-DD): '03/04/2026'",
        ),
    ],
)
def test_bad_import_files_are_one_clear_line(
    env: Path, content: bytes, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = env / "bad.json"
    bad.write_bytes(content)
    assert main(["import", str(bad)]) == 65
    err = capsys.readouterr().err
    assert err.startswith(f"wp2bot: error: {bad}: ")
    assert message in err
    assert err.count("\n") == 1


def test_an_owner_without_actions_is_named(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", str(env / "minutes.md"), "--meeting-date", "2026-03-04"]) == 0
    capsys.readouterr()
    assert main(["actions", "--owner", "nobody-here"]) == 0
    assert capsys.readouterr().out.strip() == "No actions owned by nobody-here."


def test_a_missing_secret_file_names_its_variable(
    env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("WP2BOT_INDICO_TOKEN", raising=False)
    monkeypatch.setenv("WP2BOT_INDICO_TOKEN_FILE", str(env / "no-such-token"))
    assert main(["actions"]) == 78
    err = capsys.readouterr().err
    assert err.startswith("wp2bot: error: WP2BOT_INDICO_TOKEN_FILE: cannot read ")
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    "url", ["https://[::1/event/3/", "https://indico.example.org:99999/event/3/", "ftp://x/event/3"]
)
def test_a_malformed_indico_url_is_one_line(
    env: Path, url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ingest", url]) == 1
    err = capsys.readouterr().err
    assert err.startswith("wp2bot: error: ")
    assert err.count("\n") == 1
    assert "internal error" not in err
