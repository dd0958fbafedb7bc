"""The site/experiment round-table: who is asked, when they are chased, and the texts it posts.

Before each meeting every entity's contacts are asked; a silent entity is chased once, then its
backup contacts are asked. During the meeting the chair walks the list one entity at a time.
The report is one thread: who answered, what, and who is missing.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from wp2bot.domain.mentions import escape_mentions
from wp2bot.domain.models import Roster
from wp2bot.domain.render import one_line, pings


def _doc(text: str) -> dict[str, str]:
    return {"doc": text}


@dataclass(frozen=True)
class RoundTablePolicy:
    """When the round-table opens and chases (the ``[roundtable]`` settings table)."""

    open_hours_before: int = field(
        default=48, metadata=_doc("hours before a meeting that the contacts are asked")
    )
    chase_after_hours: int = field(
        default=24, metadata=_doc("hours after asking that a silent entity is chased once")
    )
    backup_after_hours: int = field(
        default=30, metadata=_doc("hours after asking that a silent entity's backups are asked")
    )
    kinds: tuple[str, ...] = field(
        default=("site", "experiment"), metadata=_doc("roster group kinds that take part")
    )


@dataclass(frozen=True, slots=True)
class Entity:
    """A site or experiment taking part in the round-table."""

    name: str
    kind: str
    contacts: tuple[str, ...]
    backups: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()


def entities(roster: Roster, kinds: Sequence[str] = ("site", "experiment")) -> list[Entity]:
    """The round-table's list in the roster's order: sites first, then experiments."""
    out: list[Entity] = []
    for kind in kinds:
        out.extend(
            Entity(g.name, g.kind, g.contacts, g.backups, g.questions)
            for g in roster.groups
            if g.kind == kind
        )
    return out


class AnswerKind(enum.StrEnum):
    """How an entity answered."""

    NONE = ""  # not yet
    NOTHING = "nothing"  # nothing to report
    SAME = "same"  # same as last time
    TEXT = "text"  # a written answer


class Step(enum.StrEnum):
    """What the round-table owes an entity now."""

    WAIT = "wait"
    ASK = "ask"
    CHASE = "chase"
    BACKUP = "backup"


@dataclass(frozen=True, slots=True)
class EntryState:
    """One entity of one round-table: whom it asked when, and the answer."""

    id: int
    entity: str
    kind: str
    position: int
    asked_at: datetime | None = None
    chased_at: datetime | None = None
    backup_at: datetime | None = None
    answer: AnswerKind = AnswerKind.NONE
    answer_text: str = ""
    answered_by: str = ""
    note: str = ""  # written by the chair in live mode
    skipped: bool = False
    visited: bool = False

    @property
    def answered(self) -> bool:
        """Whether the entity has answered (in a DM or during the meeting)."""
        return self.answer is not AnswerKind.NONE or bool(self.note)


def next_step(entry: EntryState, now: datetime, policy: RoundTablePolicy) -> Step:
    """Ask once, chase once, then ask the backups once; nothing after an answer."""
    if entry.answered:
        return Step.WAIT
    if entry.asked_at is None:
        return Step.ASK
    since = now - entry.asked_at
    if entry.backup_at is None and since >= timedelta(hours=policy.backup_after_hours):
        return Step.BACKUP
    if entry.chased_at is None and since >= timedelta(hours=policy.chase_after_hours):
        return Step.CHASE if entry.backup_at is None else Step.WAIT
    return Step.WAIT


def question_text(
    entity: Entity,
    meeting: str,
    actions: Sequence[str],
    status: str = "",
    *,
    chase: bool = False,
    backup: bool = False,
) -> str:
    """The DM asking one entity for its round-table news, with its open actions as context."""
    if backup:
        head = (
            f"The round-table for **{escape_mentions(meeting)}** has no answer from "
            f"**{escape_mentions(entity.name)}** yet; as its backup contact, could you answer?"
        )
    elif chase:
        head = (
            f"Friendly reminder: the round-table for **{escape_mentions(meeting)}** still "
            f"waits for **{escape_mentions(entity.name)}**."
        )
    else:
        head = (
            f"Round-table for **{escape_mentions(meeting)}**: what does "
            f"**{escape_mentions(entity.name)}** have to report?"
        )
    lines = [head]
    lines.extend(f"- {escape_mentions(one_line(q))}" for q in entity.questions)
    if actions:
        lines.append(f"Open actions of {escape_mentions(entity.name)}:")
        lines.extend(f"- {a}" for a in actions)
    if status:
        lines.append(f"Endpoint status: {escape_mentions(one_line(status))}")
    lines.append("Use the buttons, or simply write your answer here.")
    return "\n".join(lines)


def answer_summary(entry: EntryState) -> str:
    """What an entity said, on one line."""
    parts: list[str] = []
    if entry.answer is AnswerKind.NOTHING:
        parts.append("nothing to report")
    elif entry.answer is AnswerKind.SAME:
        parts.append("same as last time" + (f": {entry.answer_text}" if entry.answer_text else ""))
    elif entry.answer is AnswerKind.TEXT:
        parts.append(entry.answer_text)
    if entry.note:
        parts.append(f"(in the meeting) {entry.note}")
    return escape_mentions(one_line(" ".join(parts)))


def live_line(
    entry: EntryState, contacts: Sequence[str], open_actions: int, status: str = ""
) -> str:
    """``Next: DESY — @contact, 2 open actions`` plus the DM answer when there is one."""
    who = pings(contacts) or "no contact"
    noun = "open action" if open_actions == 1 else "open actions"
    text = f"Next: **{escape_mentions(entry.entity)}** — {who}, {open_actions} {noun}"
    if status:
        text += f"; endpoints: {escape_mentions(one_line(status))}"
    if entry.answered:
        text += f"\n> {answer_summary(entry)}"
    return text


def report_text(meeting: str, entries: Sequence[EntryState]) -> tuple[str, str]:
    """The report as (thread root, reply): the headline and who is missing, then the answers."""
    answered = [e for e in entries if e.answered]
    missing = [e for e in entries if not e.answered and not e.skipped]
    skipped = [e for e in entries if e.skipped and not e.answered]
    root = [
        f"**Round-table — {escape_mentions(meeting)}**: {len(answered)} of {len(entries)} answered."
    ]
    if missing:
        root.append("Missing: " + ", ".join(escape_mentions(e.entity) for e in missing) + ".")
    if skipped:
        root.append("Skipped: " + ", ".join(escape_mentions(e.entity) for e in skipped) + ".")
    rows = ["| Entity | Who | Answer |", "|---|---|---|"]
    for e in answered:
        by = escape_mentions(e.answered_by) if e.answered_by else "—"
        said = answer_summary(e).replace("|", "\\|")
        rows.append(f"| {escape_mentions(e.entity)} | {by} | {said} |")
    reply = "\n".join(rows) if answered else "Nobody answered."
    return "\n".join(root), reply
