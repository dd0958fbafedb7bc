"""Tracked action items as the services see them, and how re-ingested minutes map onto them."""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from rapidfuzz import fuzz

from wp2bot.domain.models import Owner, Precision, Status


class Review(enum.StrEnum):
    """Confirm-before-commit state: extracted items are proposals until accepted."""

    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


NOTHING_EDITED: frozenset[str] = frozenset()  # shared: an empty set is 216 bytes per record


@dataclass(frozen=True, slots=True)
class ActionRecord:
    """A stored action item with its provenance."""

    id: int
    text: str
    owners: tuple[Owner, ...]
    status: Status
    review: Review
    due: date | None = None
    due_phrase: str | None = None
    due_precision: Precision | None = None
    meeting_id: int | None = None
    meeting_title: str = ""
    meeting_date: date | None = None
    section: str = ""
    source_text: str = ""
    source_line: int = 0
    source_url: str | None = None
    fingerprint: str = ""
    carried_over: bool = False
    created_at: datetime | None = None
    updated_at: datetime | None = None
    closed_at: datetime | None = None
    snoozed_until: date | None = None
    edited: frozenset[str] = NOTHING_EDITED  # fields changed by people
    notes: tuple[str, ...] = ()
    similar_to: int | None = None  # an older item this proposal may restate (chair: merge)

    @property
    def is_open(self) -> bool:
        """Not done and not rejected."""
        return self.status is not Status.DONE and self.review is not Review.REJECTED

    def owner_usernames(self) -> tuple[str, ...]:
        """Mattermost usernames of the owners that have one."""
        return tuple(o.username for o in self.owners if o.username)

    def as_json(self) -> dict[str, object]:
        """The JSON shape of ``wp2bot actions --format json`` (extract's keys plus id/confirmed)."""
        return {
            "id": self.id,
            "text": self.text,
            "owners": [o.name for o in self.owners],
            "owners_raw": [o.written for o in self.owners],
            "owner_usernames": [o.username for o in self.owners if o.username],
            "due": self.due.isoformat() if self.due else None,
            "due_phrase": self.due_phrase,
            "status": self.status.value,
            "section": self.section,
            "confirmed": self.review is Review.ACCEPTED,
            "review": self.review.value,
            "meeting": self.meeting_title,
            "meeting_date": self.meeting_date.isoformat() if self.meeting_date else None,
            "source_text": self.source_text,
            "source_url": self.source_url,
            "carried_over": self.carried_over,
        }


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One change of an action item: who, when, through which way in, what."""

    action_id: int
    at: datetime
    who: str
    via: str
    change: str  # "created", "status", "due", "owners", "text", "review", "note", ...
    old: str = ""
    new: str = ""
    comment: str = ""


_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    "a an the to of for and or on in at with by from this that is be will should please "
    "action ai todo done tbc".split()
)


def fingerprint(text: str) -> str:
    """A stable key for an action's wording: lower-case significant words, accents stripped."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(w for w in _WORD.findall(plain) if w not in _STOP)


SAME_ACTION_SCORE = 85.0


def same_action(a: str, b: str) -> bool:
    """Two wordings state the same task (restated with small edits in the next minutes)."""
    if not a or not b:
        return a == b
    return fuzz.token_set_ratio(a, b) >= SAME_ACTION_SCORE and fuzz.ratio(a, b) >= 60.0
