"""The console transport: the same commands in a terminal, one-shot, piped or interactive."""

from __future__ import annotations

import argparse
import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from wp2bot.adapters.console import Console, line_editing, markdown_for_terminal, render_reply
from wp2bot.adapters.storage import Store
from wp2bot.chat import Button, Card, Reply
from wp2bot.cli import console as console_cli
from wp2bot.clock import FrozenClock
from wp2bot.commands import button_command
from wp2bot.domain.mentions import ZWJ
from wp2bot.part_builders import build_dispatcher

NOW = datetime(2025, 3, 12, 10, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(f"sqlite:///{tmp_path / 'wp2bot.db'}")
    yield s
    s.close()


def make_console(store: Store, user: str = "chair") -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    bot = build_dispatcher(store, FrozenClock(NOW), chairs=["chair"], timezone="Europe/Zurich")
    return Console(bot, user, out, describe_button=lambda b: button_command(b.context)), out


def test_render_reply_shows_cards_buttons_and_follow_ups_without_joiners() -> None:
    card = Card(
        title="#3 Tell @\u200dchannel",
        title_link="https://i.example/e/1",
        text="Minutes: x",
        fields=(("Owners", "Alice", True), ("Due", "—", True)),
        buttons=(Button("done", "Done", {"cmd": "done", "id": 3}),),
        footer="wp2bot · action #3",
    )
    reply = Reply("top", cards=(card,), extra=(Reply("more"),))
    out = render_reply(reply, lambda b: button_command(b.context))
    assert ZWJ not in out
    assert out.splitlines() == [
        "top",
        "  | #3 Tell @channel  <https://i.example/e/1>",
        "  | Minutes: x",
        "  | Owners: Alice · Due: —",
        "  | [Done: done 3]",
        "  | wp2bot · action #3",
        "more",
    ]


def test_markdown_tables_and_bold_print_as_a_terminal_shows_them() -> None:
    text = "**Listed** here\n\n| # | Task |\n|---|---|\n| 7 | Mend \\| patch |\n| 12 | Go |\nend"
    assert markdown_for_terminal(text).splitlines() == [
        "Listed here",
        "",
        "#   Task",
        "--  ------------",
        "7   Mend | patch",
        "12  Go",
        "end",
    ]


def test_a_card_does_not_repeat_what_the_reply_text_shows() -> None:
    card = Card(title="#4 Mend the pump", fields=(("Owners", "Ada", True), ("Due", "—", True)))
    out = render_reply(Reply("**#4 Mend the pump**\n- Owners: Ada", cards=(card,)))
    assert out.splitlines() == ["#4 Mend the pump", "- Owners: Ada", "  | Due: —"]


def test_line_editing_keeps_a_history_file(tmp_path: Path) -> None:
    pytest.importorskip("readline", reason="the platform's Python has no readline")
    import readline

    history = tmp_path / "state" / "console_history"
    save = line_editing(["done", "due"], history)
    readline.add_history("done 3")
    save()
    assert "done 3" in history.read_text(encoding="utf-8")
    completer = readline.get_completer()
    assert completer is not None
    assert [completer("d", i) for i in range(3)] == ["done ", "due ", None]


def test_run_lines_runs_each_command_and_counts_failures(store: Store) -> None:
    console, out = make_console(store)
    failed = console.run_lines(
        ["# a comment", "", "add Renew certificates @alice due 2025-03-31", "show 1", "nosuch"]
    )
    assert failed == 1
    text = out.getvalue()
    assert "wp2> add Renew certificates" in text
    assert "[Done: done 1] [Snooze 1 week: snooze 1 1w] [Not mine: notmine 1]" in text
    assert "I do not know `nosuch`" in text
    rec = store.action(1)
    assert rec.owner_usernames() == ("alice",)
    assert store.history(1)[0].via == "console"


def test_run_lines_stops_at_quit(store: Store) -> None:
    console, _ = make_console(store)
    assert console.run_lines(["add First", "quit", "add Second"]) == 0
    assert store.count_actions() == 1


def test_interact_reads_until_end_of_input(store: Store) -> None:
    console, out = make_console(store, user="bob")
    lines = iter(["add Something for bob @bob", "", "done 1"])

    def read(prompt: str) -> str:
        assert prompt == "wp2> "
        try:
            return next(lines)
        except StopIteration:
            raise EOFError from None

    assert console.interact(read) == 0
    assert "wp2bot console as bob" in out.getvalue()
    assert store.history(1)[-1].who == "bob"


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config")
    console_cli.register(parser.add_subparsers())
    return parser.parse_args(["console", *argv])


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "console.db"
    monkeypatch.setenv("WP2BOT_DATABASE_URL", f"sqlite:///{db}")
    monkeypatch.setenv("WP2BOT_DATA_DIR", str(tmp_path))  # no community file: empty roster
    monkeypatch.delenv("WP2BOT_CONFIG", raising=False)
    monkeypatch.delenv("WP2BOT_CHAIRS", raising=False)
    monkeypatch.delenv("WP2BOT_CONSOLE_USER", raising=False)
    return db


def test_cli_one_shot_on_the_default_sqlite(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = _args("--at", "2025-03-12T10:00:00+00:00", "-c", "add Write the report due friday")
    assert args.handler(args) == 0
    out = capsys.readouterr().out
    assert "Added #1" in out
    assert "2025-03-14" in out  # friday after Wednesday the 12th, from --at
    assert env.exists()
    # With no chairs configured the console's own user chairs, so it may close anything.
    done = _args("-c", "done 1", "-c", "show 1")
    assert done.handler(done) == 0
    assert "Status: done" in capsys.readouterr().out


def test_cli_reads_commands_from_a_pipe(
    env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("add One\nadd Two\nactions\n"))
    args = _args("--user", "dave")
    assert args.handler(args) == 0
    out = capsys.readouterr().out
    # the listing prints as aligned columns, not Markdown pipes
    assert re.search(r"^1 +One +", out, re.MULTILINE)
    assert re.search(r"^2 +Two +", out, re.MULTILINE)
    assert "| 1 |" not in out


def test_cli_exit_status_is_1_when_a_command_fails(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = _args("--user", "dave", "-c", "add Mine", "-c", "done 1", "-c", "assign 1 @bob")
    assert args.handler(args) == 1
    assert "Only an owner" in capsys.readouterr().out


def test_cli_reports_bad_configuration(
    env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WP2BOT_HTTP_PORT", "not-a-number")
    args = _args("-c", "help")
    assert args.handler(args) == 2
    assert "configuration" in capsys.readouterr().err
