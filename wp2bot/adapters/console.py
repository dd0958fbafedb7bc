"""The terminal transport: type commands, read the bot's answers; no chat server needed.

It builds the same ``Request`` as Mattermost does (``via="console"``) and calls the same
Dispatcher, so every command behaves here exactly as in chat. Cards print as text blocks and
their buttons as the command a click would run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TextIO

from wp2bot.chat import Button, Card, Dispatcher, Reply, Request
from wp2bot.domain.mentions import ZWJ

ButtonText = Callable[[Button], str]
QUIT = frozenset({"quit", "exit", "bye", ":q"})
PROMPT = "wp2> "


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


def render_card(card: Card, describe: ButtonText | None = None) -> str:
    """A card as an indented text block."""
    lines = []
    if card.title:
        lines.append(card.title + (f"  <{card.title_link}>" if card.title_link else ""))
    if card.text:
        lines.extend(card.text.splitlines())
    if card.fields:
        lines.append(" · ".join(f"{title}: {value}" for title, value, _ in card.fields))
    if card.buttons:
        lines.append(" ".join(_button(b, describe) for b in card.buttons))
    if card.footer:
        lines.append(card.footer)
    return "\n".join("  | " + line for line in lines)


def render_reply(reply: Reply, describe: ButtonText | None = None) -> str:
    """A reply (with its cards and follow-up messages) as terminal text."""
    parts = [reply.text] if reply.text else []
    parts.extend(render_card(card, describe) for card in reply.cards)
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
