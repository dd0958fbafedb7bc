"""The terminal transport: type commands, read the bot's answers; no chat server needed.

It builds the same ``Request`` as Mattermost does (``via="console"``) and calls the same
Dispatcher, so every command behaves here exactly as in chat. Cards print as text blocks and
their buttons as the command a click would run.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TextIO

from wp2bot.chat import Button, Card, Dispatcher, Reply, Request
from wp2bot.domain.mentions import ZWJ

ButtonText = Callable[[Button], str]
QUIT = frozenset({"quit", "exit", "bye", ":q"})
PROMPT = "wp2> "


_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_RULE_CELL = re.compile(r"^:?-{3,}:?$")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _cells(line: str) -> list[str]:
    inner = line.strip()[1:-1]
    return [c.strip().replace("\\|", "|") for c in _CELL_SPLIT.split(inner)]


def _table(lines: Sequence[str]) -> list[str]:
    """A Markdown table as aligned columns, the header underlined."""
    rows = [_cells(line) for line in lines]
    header_rule = len(rows) > 1 and all(_RULE_CELL.match(c) for c in rows[1] if c)
    body = [rows[0], *rows[2:]] if header_rule else rows
    width = max(len(r) for r in body)
    body = [r + [""] * (width - len(r)) for r in body]
    sizes = [max(len(r[i]) for r in body) for i in range(width)]
    out = ["  ".join(c.ljust(n) for c, n in zip(r, sizes, strict=True)).rstrip() for r in body]
    if header_rule:
        out.insert(1, "  ".join("-" * n for n in sizes))
    return out


def markdown_for_terminal(text: str) -> str:
    """Chat Markdown as a terminal shows it: tables as aligned columns, no bold markers."""
    out: list[str] = []
    table: list[str] = []
    for line in [*text.split("\n"), ""]:
        stripped = line.strip()
        if len(stripped) > 1 and stripped.startswith("|") and stripped.endswith("|"):
            table.append(line)
            continue
        if table:
            out.extend(_table(table))
            table = []
        out.append(line)
    return _BOLD.sub(r"\1", "\n".join(out[:-1]))


def _plain(text: str) -> str:
    # The zero-width joiners that defuse mentions in chat only confuse a terminal.
    return text.replace(ZWJ, "")


def _button(button: Button, describe: ButtonText | None) -> str:
    if describe is None:
        return f"[{button.label}]"
    try:
        return f"[{button.label}: {describe(button)}]"
    except ValueError:
        return f"[{button.label}]"


def render_card(card: Card, describe: ButtonText | None = None, shown: str = "") -> str:
    """A card as an indented text block, without the title and fields ``shown`` already has
    (``show N`` prints the action in detail above the card that carries its buttons)."""
    seen = _BOLD.sub(r"\1", shown)
    lines = []
    if card.title and card.title not in seen:
        lines.append(card.title + (f"  <{card.title_link}>" if card.title_link else ""))
    if card.text:
        lines.extend(card.text.splitlines())
    fields = [f"{title}: {value}" for title, value, _ in card.fields]
    fields = [f for f in fields if f not in seen]
    if fields:
        lines.append(" · ".join(fields))
    if card.buttons:
        lines.append(" ".join(_button(b, describe) for b in card.buttons))
    if card.footer:
        lines.append(card.footer)
    return "\n".join("  | " + line for line in lines)


def render_reply(reply: Reply, describe: ButtonText | None = None) -> str:
    """A reply (with its cards and follow-up messages) as terminal text."""
    parts = [markdown_for_terminal(reply.text)] if reply.text else []
    parts.extend(render_card(card, describe, reply.text) for card in reply.cards)
    parts.extend(render_reply(more, describe) for more in reply.extra)
    return _plain("\n".join(parts))


class Console:
    """Runs commands typed at a terminal or read from a file, as one configured user."""

    def __init__(
        self,
        dispatcher: Dispatcher,
        user: str,
        out: TextIO,
        *,
        describe_button: ButtonText | None = None,
    ) -> None:
        self.dispatcher = dispatcher
        self.user = user
        self.out = out
        self.describe_button = describe_button

    def run_one(self, text: str) -> bool:
        """Run one command line, print the answer; True when the command succeeded."""
        reply = self.dispatcher.dispatch(Request(text=text, user=self.user, via="console"))
        self.out.write(render_reply(reply, self.describe_button) + "\n")
        self.out.flush()
        return reply.ok

    def run_lines(self, lines: Iterable[str], *, echo: bool = True) -> int:
        """Run every non-blank, non-comment line; returns how many failed."""
        failed = 0
        for raw in lines:
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.lower() in QUIT:
                break
            if echo:
                self.out.write(f"{PROMPT}{line}\n")
            failed += 0 if self.run_one(line) else 1
            self.out.write("\n")
        return failed

    def interact(self, read: Callable[[str], str] = input) -> int:
        """A prompt loop until ``quit`` or end of input; returns how many commands failed."""
        self.out.write(f"wp2bot console as {self.user}; `help` lists commands, `quit` leaves.\n")
        failed = 0
        while True:
            try:
                line = read(PROMPT).strip()
            except (EOFError, KeyboardInterrupt):
                self.out.write("\n")
                return failed
            if line.lower() in QUIT:
                return failed
            if line:
                failed += 0 if self.run_one(line) else 1


def line_editing(words: Iterable[str], history: Path) -> Callable[[], None]:
    """Arrow-key editing, a history kept in ``history`` and Tab completion of ``words`` (the
    command names) for ``input()``, through the standard ``readline``; returns the function
    that saves the history. Without ``readline`` (some platforms) input stays plain."""
    try:
        import readline  # noqa: PLC0415 - only an interactive console wants it
    except ImportError:
        return lambda: None
    names = sorted(set(words))

    def complete(text: str, state: int) -> str | None:
        found = [n + " " for n in names if n.startswith(text.lower())]
        return found[state] if state < len(found) else None

    readline.set_completer(complete)
    readline.set_completer_delims(" ")
    readline.parse_and_bind("tab: complete")
    readline.set_history_length(1000)
    with contextlib.suppress(OSError):  # no history yet
        readline.read_history_file(history)

    def save() -> None:
        with contextlib.suppress(OSError):  # a read-only home loses the history, not the session
            history.parent.mkdir(parents=True, exist_ok=True)
            readline.write_history_file(history)

    return save
