"""Terse notes: initials before a bare verb ("FB chk FTS cfg b4 Tue"), owners joined by "+",
plans under a titled section, headings in two languages or for one team, and a group's request
in another language with its "please". The minutes are invented."""

from __future__ import annotations

from datetime import date

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import MeetingContext, Participant, Roster

PEOPLE = ("Felix Brand", "Maria Pons", "Martin Kraus", "Rita Fuchs", "Agata Nowak")
CTX = MeetingContext(
    meeting_date=date(2023, 6, 8),
    participants=tuple(Participant(n) for n in PEOPLE),
    next_meeting=date(2023, 6, 22),
)
MINUTES = """Transfer ops

1. Quick notes

  • CERN upgrade went fine, no tickets.
  • FB chk FTS DB cfg b4 Tue
  • MP chk RSE cfg tape buffer b4 Fri (lifetime 7d?)
  • MK+RF: compare Tape-REST vs StoRM-Tape recall numbers → slides next mtg
  • alle Standorte: bitte die RSE-Attribute prüfen, bis Ende Juni

2. FTS status (Agata)

FTS3 at CERN: 2.1 M transfers per day last week.
  • follow up with that Tier-2 in the ticket
  • Welcome to the new fellow, who starts in July.

Actions / Acciones
  • Todos los sitios / all sites: fill in the capacity sheet — end of next week
"""


def _found() -> dict[str, tuple[list[str], date | None]]:
    found = extract_actions(parse_minutes(MINUTES, "text"), CTX, Roster())
    return {a.text: ([o.name for o in a.owners], a.due.date if a.due else None) for a in found}


def test_terse_notes_give_their_owners_and_deadlines() -> None:
    found = _found()
    assert found["FB chk FTS DB cfg b4 Tue"] == (["Felix Brand"], date(2023, 6, 13))
    assert found["MP chk RSE cfg tape buffer b4 Fri (lifetime 7d?)"] == (
        ["Maria Pons"],
        date(2023, 6, 9),
    )
    assert found["compare Tape-REST vs StoRM-Tape recall numbers → slides next mtg"] == (
        ["Martin Kraus", "Rita Fuchs"],
        date(2023, 6, 22),
    )
    assert found["bitte die RSE-Attribute prüfen, bis Ende Juni"] == (
        ["all sites"],
        date(2023, 6, 30),
    )
    assert not any(text.startswith("CERN upgrade") for text in found)


def test_plans_under_a_titled_section_and_a_heading_in_two_languages() -> None:
    found = _found()
    assert found["follow up with that Tier-2 in the ticket"][0] == ["Agata Nowak"]
    assert not any(text.startswith("Welcome") for text in found)
    [(owners, _)] = [v for t, v in found.items() if "capacity sheet" in t]
    assert owners == ["all sites"]


def test_everyone_before_a_bare_verb_and_a_group_with_its_adjective() -> None:
    text = (
        "Notes\n\n- everyone send her what you need by Friday\n"
        "- divisional leads are asked to confirm compliance by Friday 16 June.\n"
        "- everyone agreed on the plan\n"
    )
    found = extract_actions(parse_minutes(text, "text"), CTX, Roster())
    assert [(a.text, [o.name for o in a.owners]) for a in found] == [
        ("everyone send her what you need by Friday", ["all"]),
        (
            "divisional leads are asked to confirm compliance by Friday 16 June.",
            ["divisional leads"],
        ),
    ]


def test_a_note_takers_tmrw_mtg_and_an_account_written_as_code() -> None:
    text = (
        "## Follow-ups\n\n- `jnovak`: ask the networking team about the MTU mismatch, keep open\n"
        "- Felix will register the node in GOCDB tmrw\n\nLHCONE meeting: 10 March 2023\n\n"
        "- Maria to draft the test plan before the LHCONE mtg\n"
    )
    ctx = MeetingContext(
        meeting_date=date(2023, 1, 20),
        participants=(Participant("Jakub Novak"), *CTX.participants),
    )
    found = extract_actions(parse_minutes(text, "markdown"), ctx, Roster())
    got = {a.text: ([o.name for o in a.owners], a.due.date if a.due else None) for a in found}
    assert got["ask the networking team about the MTU mismatch, keep open"][0] == ["Jakub Novak"]
    assert got["Felix will register the node in GOCDB tmrw"][1] == date(2023, 1, 21)
    assert got["Maria to draft the test plan before the LHCONE mtg"][1] == date(2023, 3, 10)
