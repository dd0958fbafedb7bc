"""The console script's start-up: the cyclic collector off for a one-shot command, on for the
rest."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator, Sequence

import pytest

import wp2bot.cli
from wp2bot import launch


@pytest.fixture
def collector() -> Iterator[None]:
    """Whatever a test does to the collector is undone after it."""
    yield
    gc.unfreeze()
    gc.enable()


def run_with(monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> tuple[int, list[bool]]:
    seen: list[bool] = []

    def fake_main(args: Sequence[str] | None = None) -> int:
        seen.append(gc.isenabled())
        return 3

    monkeypatch.setattr(wp2bot.cli, "main", fake_main)
    monkeypatch.setattr(sys, "argv", ["wp2bot", *argv])
    return launch.main(), seen


@pytest.mark.usefixtures("collector")
def test_a_quick_command_runs_without_the_collector_and_freezes_what_it_holds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, seen = run_with(monkeypatch, ["probe", "http://127.0.0.1:9/"])
    assert (code, seen) == (3, [False])
    assert gc.get_freeze_count() > 0


@pytest.mark.usefixtures("collector")
@pytest.mark.parametrize("argv", [["actions"], ["run"], ["--config", "probe", "extract", "x"]])
def test_every_other_command_runs_with_the_collector(
    monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    code, seen = run_with(monkeypatch, argv)
    assert (code, seen) == (3, [True])
    assert gc.get_freeze_count() == 0


def test_python_m_wp2bot_runs_the_launcher() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "wp2bot", "probe", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert "usage: wp2bot probe" in done.stdout
