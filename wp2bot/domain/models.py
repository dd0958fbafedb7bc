"""Plain value objects shared by the pure core: parsed minutes, action items, people, dates."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple


class LineKind(enum.StrEnum):
    """What one logical line of the minutes is."""

    HEADING = "heading"
    BULLET = "bullet"
    PARAGRAPH = "paragraph"
    ROW = "row"  # a table row; ``Line.cells`` holds the cells


@dataclass(frozen=True, slots=True)
class Participant:
    """A person listed for the meeting (attendee, speaker, chair)."""

    name: str
    affiliation: str | None = None
    email: str | None = None
    role: str | None = None  # "chair", "secretary": the minutes may name them by it


@dataclass(frozen=True, slots=True)
class Section:
    """A titled part of the minutes: a heading, a timetable contribution or an Indico note."""

    title: str
    level: int
    owner_raw: str | None = None  # "Ines" in "3.1 Tape and caching (Ines)"
    speakers: tuple[Participant, ...] = ()
    parent: int | None = None  # index of the enclosing section in Document.sections
    url: str | None = None  # link to the Indico note this section came from


class Line(NamedTuple):
    """One logical line: a heading, a bullet (with nesting depth), a paragraph or a table row.

    A named tuple rather than a frozen dataclass: as immutable, and several times cheaper to
    build, which counts with one per line of every document parsed.
    """

    text: str
    kind: LineKind
    depth: int  # heading level, or bullet nesting starting at 0, else 0
    number: int  # 1-based position in the source (line number for text, ordinal for HTML)
    section: int  # index into Document.sections
    struck: bool = False  # struck through (~~x~~, <s>, <del>)
    checked: bool | None = None  # "- [x]" -> True, "- [ ]" -> False, else None
    cells: tuple[str, ...] = ()
    struck_cells: tuple[bool, ...] = ()  # per cell of a row: struck through as a whole
    quoted: bool = False  # in a block quote: text quoted (a mail, a template), no record


@dataclass(slots=True)
class Document:
    """Minutes parsed into sections and lines, with the people the minutes list."""

    title: str = ""
    lines: list[Line] = field(default_factory=list)
    sections: list[Section] = field(default_factory=lambda: [Section(title="", level=0)])
    participants: list[Participant] = field(default_factory=list)
    speakers: list[Participant] = field(default_factory=list)
    # "Excused: ...", "Apologies: ...": the group's people who did not attend, still owners
    absent: list[Participant] = field(default_factory=list)
    meeting_date: date | None = None  # when the document itself states it
    metadata: dict[str, str] = field(default_factory=dict)  # front matter: "date", "title", ...


class Status(enum.StrEnum):
    """Lifecycle of an action item as written in the minutes."""

    OPEN = "open"
    TENTATIVE = "tentative"
    DONE = "done"


class Precision(enum.StrEnum):
    """How exact a resolved due date is."""

    DAY = "day"  # a calendar day the minutes fix
    WEEK = "week"  # "next week", "first week of January": the date is the week's last working day
    MONTH = "month"  # "end of month", "mid-December"
    QUARTER = "quarter"
    VAGUE = "vague"  # "asap", "before the summer": no date, phrase kept


@dataclass(frozen=True, slots=True)
class Due:
    """A resolved deadline: the phrase as written and, when it can be fixed, a date."""

    phrase: str
    date: date | None
    precision: Precision = Precision.DAY

    @property
    def uncertain(self) -> bool:
        """True when the date is an estimate or missing."""
        return self.date is None or self.precision is not Precision.DAY


class OwnerKind(enum.StrEnum):
    """What an owner reference resolved to."""

    PERSON = "person"
    GROUP = "group"  # site, experiment, team, mailing list
    ALL = "all"
    UNKNOWN = "unknown"  # kept as written


@dataclass(frozen=True, slots=True)
class Owner:
    """One owner as written and what it resolved to; ambiguity keeps every candidate."""

    written: str
    name: str  # resolved full name, group name, "all", or the written text when unresolved
    kind: OwnerKind
    username: str | None = None  # Mattermost username when the roster knows it
    candidates: tuple[str, ...] = ()  # all plausible full names when ambiguous

    @property
    def ambiguous(self) -> bool:
        """True when more than one person fits and none was picked."""
        return len(self.candidates) > 1


@dataclass(frozen=True, slots=True)
class RosterPerson:
    """A person the group knows: full name, aliases, Mattermost account, site/experiments."""

    name: str
    aliases: tuple[str, ...] = ()
    username: str | None = None
    site: str | None = None
    experiments: tuple[str, ...] = ()
    affiliation: str | None = None
    timezone: str | None = None


@dataclass(frozen=True, slots=True)
class RosterGroup:
    """A site, experiment, team or mailing list that can own an action."""

    name: str
    kind: str  # "site" | "experiment" | "team" | "list"
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...] = ()  # full names
    contacts: tuple[str, ...] = ()  # Mattermost usernames, primary first
    backups: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()  # round-table questions asked of this site/experiment


@dataclass(frozen=True, slots=True)
class Roster:
    """Everything owner resolution knows besides the meeting's own participants."""

    people: tuple[RosterPerson, ...] = ()
    groups: tuple[RosterGroup, ...] = ()


@dataclass(frozen=True, slots=True)
class MeetingContext:
    """What is known about the meeting the minutes belong to."""

    meeting_date: date | None = None
    timezone: str = "UTC"
    participants: tuple[Participant, ...] = ()
    next_meeting: date | None = None  # next event of the series, when known
    title: str = ""
    url: str | None = None


@dataclass(frozen=True, slots=True)
class ExtractedAction:
    """An action item found in minutes: task, owners, deadline, status and provenance."""

    text: str
    owners_raw: tuple[str, ...]
    owners: tuple[Owner, ...]
    due: Due | None
    status: Status
    section: str
    line: int
    source_text: str  # the whole minutes line the action came from
    carried_over: bool = False  # restated from an earlier meeting
    section_url: str | None = None

    def as_json(self) -> dict[str, object]:
        """The stable JSON shape of ``wp2bot extract --format json``."""
        return {
            "text": self.text,
            "owners": [o.name for o in self.owners],
            "owners_raw": list(self.owners_raw),
            "owner_details": [
                {
                    "written": o.written,
                    "name": o.name,
                    "kind": o.kind.value,
                    "username": o.username,
                    "candidates": list(o.candidates),
                    "ambiguous": o.ambiguous,
                }
                for o in self.owners
            ],
            "due": self.due.date.isoformat() if self.due and self.due.date else None,
            "due_phrase": self.due.phrase if self.due else None,
            "due_precision": self.due.precision.value if self.due else None,
            "status": self.status.value,
            "section": self.section,
            "line": self.line,
            "source_text": self.source_text,
            "carried_over": self.carried_over,
        }
