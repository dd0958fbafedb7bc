"""A research and development meeting's notes: attendees and the excused on one line split by
"·", a numbered list of open issues whose brackets hold the commitment or an owner field, a
volunteer after a long dash. Invented minutes."""

from __future__ import annotations

from datetime import date

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import ExtractedAction, MeetingContext, Roster

NOTES = """# R&D meeting 12

**Present:** Ana Rios, Bo Chen, Kim Lee, Lea Moser · **Excused:** Piet Vos

### Erasure coding
* What about small files? Not covered yet — Lea volunteers to write a test case.

### Tokens
Remaining issues:
1. Refresh token lifetime (Ana to discuss with the IAM team)
2. Documentation for users (owner: Kim, due 18/12)
3. Monitoring of failed token requests
"""


def found() -> dict[str, ExtractedAction]:
    doc = parse_minutes(NOTES, "markdown")
    actions = extract_actions(doc, MeetingContext(meeting_date=date(2026, 12, 3)), Roster())
    return {a.text: a for a in actions}


def owners(item: ExtractedAction) -> list[str]:
    return [o.name for o in item.owners]


def test_the_last_attendee_before_a_separated_label_attends() -> None:
    doc = parse_minutes(NOTES, "markdown")
    assert [p.name for p in doc.participants][-1] == "Lea Moser"


def test_a_volunteer_after_a_long_dash() -> None:
    assert owners(found()["Lea volunteers to write a test case"]) == ["Lea Moser"]


def test_an_issue_whose_brackets_hold_a_commitment_or_an_owner_field() -> None:
    items = found()
    assert owners(items["Refresh token lifetime (Ana to discuss with the IAM team)"]) == [
        "Ana Rios"
    ]
    docs = items["Documentation for users"]
    assert owners(docs) == ["Kim Lee"]
    assert docs.due is not None
    assert docs.due.date == date(2026, 12, 18)
    assert "Monitoring of failed token requests" not in items
