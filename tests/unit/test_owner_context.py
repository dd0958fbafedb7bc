"""Owners found from context: brackets, initials, pairs, group plurals and site labels.

All minutes here are invented."""

from __future__ import annotations

from datetime import date

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import ExtractedAction, MeetingContext, Participant, Roster

PEOPLE = tuple(
    Participant(n) for n in ("Rosa Bianchi", "Nils Tamm", "Jo Hart", "Tarik Oz", "Mira Lund")
)
CTX = MeetingContext(meeting_date=date(2026, 3, 11), participants=PEOPLE)  # a Wednesday


def run(text: str, fmt: str = "markdown", ctx: MeetingContext = CTX) -> list[ExtractedAction]:
    return extract_actions(parse_minutes(text, fmt), ctx, Roster())  # type: ignore[arg-type]


def owners_of(actions: list[ExtractedAction]) -> dict[str, list[str]]:
    return {a.text: [o.name for o in a.owners] for a in actions}


def test_owners_in_brackets_before_the_task() -> None:
    found = owners_of(
        run(
            "# Team call\n\n## Actions\n"
            "- [ ] [RB] Book the room for the spring sprint\n"
            "- [ ] [NT, RB] Connect the shared notes to the wiki\n"
            "- [ ] [all] Read the draft charter\n"
            "- [ ] [RB (to start)] Draft the onboarding page\n"
            "- [Tarik] Ask the vendor about the licence renewal\n"
            "- [WIP] Rework the release checklist\n"
        )
    )
    assert found["Book the room for the spring sprint"] == ["Rosa Bianchi"]
    assert found["Connect the shared notes to the wiki"] == ["Nils Tamm", "Rosa Bianchi"]
    assert found["Read the draft charter"] == ["all"]
    assert found["Draft the onboarding page"] == ["Rosa Bianchi"]
    assert found["Ask the vendor about the licence renewal"] == ["Tarik Oz"]
    assert found["[WIP] Rework the release checklist"] == []
