"""``wp2bot run`` refuses to start without a button signing secret."""

from __future__ import annotations

from pathlib import Path

import pytest

from wp2bot.app import build
from wp2bot.config import load_settings
from wp2bot.runtime import RunError, build_runtime


@pytest.mark.parametrize("secret", ["", "short-secret"])
def test_run_refuses_to_start_without_a_long_enough_action_secret(
    tmp_path: Path, secret: str
) -> None:
    env = {
        "WP2BOT_DATABASE_URL": f"sqlite:///{tmp_path / 'wp2bot.db'}",
        "WP2BOT_MATTERMOST_URL": "http://127.0.0.1:9",
        "WP2BOT_MATTERMOST_TEAM": "wp2",
        "WP2BOT_MATTERMOST_TOKEN": "bot-token",
        "WP2BOT_ACTION_SECRET": secret,
    }
    app = build(load_settings(None, env), env)
    try:
        with pytest.raises(RunError, match="WP2BOT_ACTION_SECRET") as refused:
            build_runtime(app)
        assert "forge" in str(refused.value)
        assert "short-secret" not in str(refused.value)  # a secret is never echoed
    finally:
        app.store.close()


def test_config_check_names_the_missing_action_secret(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from wp2bot.cli import main

    for name in ("WP2BOT_ACTION_SECRET", "WP2BOT_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("WP2BOT_DATABASE_URL", f"sqlite:///{tmp_path / 'wp2bot.db'}")
    monkeypatch.setenv("WP2BOT_MATTERMOST_URL", "https://mm.example.org")
    assert main(["config", "check"]) == 1
    assert "WP2BOT_ACTION_SECRET: required" in capsys.readouterr().out
