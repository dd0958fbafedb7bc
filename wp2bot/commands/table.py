"""The one command table and its dispatch: every way in (mention, DM, slash, button, console).

Help, the slash command's autocomplete, the README's command list and button clicks all come
from ``COMMANDS``; there is no other registry.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import replace

from rapidfuzz import fuzz, process

from wp2bot.chat import Button, Card, ChatPort, Reply, Request
from wp2bot.commands import handlers_change as change
from wp2bot.commands import handlers_live as live
from wp2bot.commands import handlers_read as read
from wp2bot.commands import handlers_review as rev
from wp2bot.commands import rhythm
from wp2bot.commands.authorise import authorise
from wp2bot.commands.base import Command, Context, Permission
from wp2bot.commands.parsing import UsageError
from wp2bot.domain.mentions import escape_mentions, neutralise_broadcast
from wp2bot.ports.actions import NotFound
from wp2bot.services.board import BoardLinks
from wp2bot.services.live_status import LiveStatus
from wp2bot.services.rhythm import RhythmServices
from wp2bot.services.search import SearchService
from wp2bot.services.tracking import Tracker
from wp2bot.services.tracking_terms import Invalid, Refused

log = logging.getLogger(__name__)

ANY, OWNER, OWNER_OR_CHAIR = Permission.ANYONE, Permission.OWNER, Permission.OWNER_OR_CHAIR
CHAIR = Permission.CHAIR
ANSWER = "answer"  # the row that takes a direct message which is not a command
DIRECT = frozenset({"dm", "console"})  # private conversations with the bot

# One row per command, kept compact (fmt: skip) so the table reads as a table.
TRACKING_COMMANDS: tuple[Command, ...] = (
    Command(
        "help", "help [command]", "List the commands, or explain one.", read.help_,
        aliases=("?", "commands"), hint="[command]", examples=("help done",),
    ),
    Command(
        "actions",
        "actions [mine | @user | site NAME] [overdue | due-soon] [all]",
        "List open accepted actions; filters narrow it, `all` adds done and proposed ones.",
        read.actions, aliases=("list", "ls", "todo"),
        hint="[mine | @user | site NAME] [overdue | due-soon] [all]",
        examples=("actions mine", "actions site CERN overdue", "actions all"),
    ),
    Command(
        "show", "show N", "Show one action in detail, with its buttons.", read.show,
        aliases=("info",), hint="N", examples=("show 12",),
    ),
    Command(
        "done", "done N [comment]", "Close an action.", change.done, OWNER_OR_CHAIR,
        aliases=("close", "closed", "finished"), hint="N [comment]",
        examples=("done 12 deployed on all pools",), button=True,
    ),
    Command(
        "reopen", "reopen N [comment]", "Open a closed or rejected action again.",
        change.reopen, OWNER_OR_CHAIR, aliases=("undone",), hint="N [comment]",
        examples=("reopen 12",), button=True,
    ),
    Command(
        "assign", "assign N @user…", "Give an action new owners (they are told).",
        change.assign, OWNER_OR_CHAIR, aliases=("reassign", "owner"), hint="N @user…",
        examples=("assign 12 @alice @bob",),
    ),
    Command(
        "due", "due N <date> | due N clear",
        "Change the due date (“next friday”, “end of month”, a date); `clear` or `none` drops it.",
        change.due, OWNER_OR_CHAIR, aliases=("deadline",), hint="N <date>",
        examples=("due 12 next friday", "due 12 2025-03-31", "due 12 clear"), button=True,
    ),
    Command(
        "snooze", "snooze N <duration>", "Pause the reminders of an action (3d, 1w, 2 weeks).",
        change.snooze, OWNER_OR_CHAIR, aliases=("later",), hint="N <duration>",
        examples=("snooze 12 1w", "snooze 12 3 days"), button=True,
    ),
    Command(
        "note", "note N <text>", "Attach a note to an action.", change.note,
        aliases=("comment",), hint="N <text>", examples=("note 12 waiting for the vendor",),
    ),
    Command(
        "add", "add <text> [@owners] [due <date> | by <date>]",
        "Track a new action (accepted at once); a date after a last `by` is its due date.",
        change.add, aliases=("new",), hint="<text> [@owners] [due <date> | by <date>]",
        examples=(
            "add Update the storage report @alice due end of month",
            "add Send the slides to the chairs by next friday @bob",
        ),
    ),
    Command(
        "notmine", "notmine N", "Step out of the owners of an action that is not yours.",
        change.not_mine, OWNER, aliases=("not-mine", "unassign"), hint="N",
        examples=("notmine 12",), button=True,
    ),
    Command(
        "search", "search WORDS [site X] [owner @user] [since DATE]",
        "Search actions, notes, history, round-table answers and minutes of every meeting.",
        read.search, aliases=("find", "grep"), hint="WORDS [site X] [owner @user] [since DATE]",
        examples=("search perfSONAR site GSI", "search tape owner @alice since 2026-01-01"),
    ),
    Command(
        "board", "board", "Your personal link to the web board (actions, live status, meetings).",
        read.board, aliases=("web", "dashboard"), examples=("board",),
    ),
    Command(
        "history", "history N", "Who changed an action, when and through which way in.",
        read.history, aliases=("log",), hint="N", examples=("history 12",),
    ),
    Command(
        "review", "review", "Proposals from new minutes waiting for confirmation (chairs: all).",
        rev.review, aliases=("proposals",), examples=("review",),
    ),
    Command(
        "accept", "accept N [N…] | accept all", "Confirm proposals so they are tracked.",
        rev.accept, OWNER_OR_CHAIR, aliases=("confirm",), hint="N [N…] | all",
        examples=("accept 12 13", "accept all"), button=True,
    ),
    Command(
        "edit", "edit N text|due|owners|status <value>", "Fix one field of an action.",
        rev.edit, OWNER_OR_CHAIR, aliases=("fix",), hint="N text|due|owners|status <value>",
        examples=("edit 12 text Renew the host certificates", "edit 12 owners @alice, CERN"),
    ),
    Command(
        "reject", "reject N [reason]", "Drop a proposal that is not a real action.",
        rev.reject, OWNER_OR_CHAIR, aliases=("drop",), hint="N [reason]",
        examples=("reject 12 just a remark",), button=True,
    ),
    Command(
        "merge", "merge N M",
        "Fold proposal N into the older item M it restates (M takes its wording and deadline).",
        rev.merge, CHAIR, aliases=("same",), hint="N M", examples=("merge 31 12",),
    ),
    Command(
        "link", "link N CHECK", "Follow an endpoint check's live status on an action.",
        live.link, OWNER_OR_CHAIR, hint="N SITE/check", examples=("link 12 GSI/perfsonar",),
    ),
    Command(
        "unlink", "unlink N CHECK", "Stop following a check on an action (it stays unlinked).",
        live.unlink, OWNER_OR_CHAIR, hint="N SITE/check",
        examples=("unlink 12 GSI/perfsonar",),
    ),
    Command(
        "status", "status [SITE | CHECK | N]",
        "Live endpoint status: all checks, a site's, one check's availability, or an action's.",
        live.status, aliases=("health", "probes"), hint="[SITE | SITE/check | N]",
        examples=("status", "status GSI", "status GSI/perfsonar", "status 12"),
    ),
)  # fmt: skip

# The whole table: action tracking here, the group's rhythm (reminders, round-table) beside it.
COMMANDS: tuple[Command, ...] = TRACKING_COMMANDS + rhythm.ROWS


def find(word: str, commands: Sequence[Command] = COMMANDS) -> Command | None:
    """The command named ``word`` (or having it as an alias), if any."""
    return read.find_command(list(commands), word)


def suggestions(word: str, commands: Sequence[Command] = COMMANDS, limit: int = 3) -> list[str]:
    """Names of the commands closest to a mistyped ``word``, best first."""
    choices = {name: cmd.name for cmd in commands for name in (cmd.name, *cmd.aliases)}
    # Plain edit-distance ratio: WRatio's partial matching finds "snooze" in "foo".
    found = process.extract(word.lower(), list(choices), scorer=fuzz.ratio, limit=8)
    names: list[str] = []
    for choice, score, _ in found:
        if score >= 60 and choices[choice] not in names:
            names.append(choices[choice])
    return names[:limit]


def usage_reply(cmd: Command, problem: str = "") -> Reply:
    """The command's usage, after what was wrong when known."""
    head = f"{problem}\n" if problem else ""
    usage = escape_mentions(cmd.usage)  # "@user" in a usage line must not ping a "user"
    return Reply(f"{head}Usage: `{usage}` — {cmd.summary}", ok=False, ephemeral=True)


def _safe_card(card: Card) -> Card:
    return replace(
        card,
        text=neutralise_broadcast(card.text),
        title=neutralise_broadcast(card.title),
        footer=neutralise_broadcast(card.footer),
        fields=tuple(
            (neutralise_broadcast(t), neutralise_broadcast(v), s) for t, v, s in card.fields
        ),
        buttons=tuple(
            Button(b.id, neutralise_broadcast(b.label), b.context, b.style) for b in card.buttons
        ),
    )


def safe_reply(reply: Reply) -> Reply:
    """Last line of defence: no reply can carry @channel, @all or @here."""
    return replace(
        reply,
        text=neutralise_broadcast(reply.text),
        cards=tuple(_safe_card(c) for c in reply.cards),
        extra=tuple(safe_reply(r) for r in reply.extra),
    )


class CommandDispatcher:
    """Runs a request through the command table; every way in calls ``dispatch``."""

    def __init__(
        self,
        tracker: Tracker,
        *,
        commands: Sequence[Command] = COMMANDS,
        rhythm: RhythmServices,
        chat: ChatPort | None = None,
        live: LiveStatus | None = None,
        search: SearchService | None = None,
        board: BoardLinks | None = None,
    ) -> None:
        self.tracker = tracker
        self.search = search
        self.board = board
        self.commands = tuple(commands)
        self.chat = chat
        self.rhythm = rhythm
        self.live = live

    def dispatch(self, request: Request) -> Reply:
        """Run one command and return its answer (never raises for a user's mistake)."""
        started = time.perf_counter()
        word, reply = self._run(request)
        log.info(
            "command %s by %s via %s: %s in %.1f ms",
            word,
            request.user,
            request.via,
            "ok" if reply.ok else "refused",
            (time.perf_counter() - started) * 1000,
        )
        return safe_reply(reply)

    def _run(self, request: Request) -> tuple[str, Reply]:
        parts = request.text.strip().split(maxsplit=1)
        if not parts:
            parts = ["help"]
        word, args = parts[0], parts[1] if len(parts) > 1 else ""
        cmd = find(word, self.commands)
        if cmd is None and request.via in DIRECT:
            # In a private conversation, text that is no command may answer the round-table.
            cmd, args = find(ANSWER, self.commands), request.text.strip()
        if cmd is None:
            return "?", self._unknown(word)
        ctx = Context(
            request,
            self.tracker,
            self.commands,
            self.rhythm,
            self.chat,
            self.live,
            self.search,
            self.board,
        )
        try:
            authorise(ctx, cmd, args)
            return cmd.name, cmd.handler(ctx, args)
        except UsageError as exc:
            return cmd.name, usage_reply(cmd, str(exc))
        except Invalid as exc:
            return cmd.name, usage_reply(cmd, str(exc))
        except Refused as exc:
            return cmd.name, Reply(f"⛔ {exc}", ok=False, ephemeral=True)
        except rhythm.NotAsked as exc:
            if cmd.name == ANSWER and find(word, self.commands) is None:
                return "?", self._unknown(word)
            return cmd.name, Reply(str(exc), ok=False, ephemeral=True)
        except NotFound as exc:
            number = str(exc).rpartition("#")[2]
            return cmd.name, Reply(f"There is no action #{number}.", ok=False, ephemeral=True)
        except Exception:
            # The details go to the log only: replies never carry internals or secrets.
            log.exception("command %s failed", cmd.name)
            text = "Something went wrong while running that command; the error was logged."
            return cmd.name, Reply(text, ok=False, ephemeral=True)

    def _unknown(self, word: str) -> Reply:
        shown = escape_mentions(word.replace("`", "")[:40])
        close = suggestions(word, self.commands)
        if close:
            hint = " or ".join(f"`{n}`" for n in close)
            return Reply(
                f"I do not know `{shown}`. Did you mean {hint}? `help` lists every command.",
                ok=False,
                ephemeral=True,
            )
        return Reply(
            f"I do not know `{shown}`; `help` lists every command.", ok=False, ephemeral=True
        )
