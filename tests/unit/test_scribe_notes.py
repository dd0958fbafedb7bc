"""A scribe's notes of a call: lower-case speaker names, one turn a line with its continuation
indented under it, and the look-alikes of such a discussion. The minutes are invented."""

from __future__ import annotations

from datetime import date

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import MeetingContext, Participant, Roster

PEOPLE = ("Kofi Mensah", "Oksana Bilyk", "Tomas Reyes")
CTX = MeetingContext(
    meeting_date=date(2026, 9, 22), participants=tuple(Participant(n) for n in PEOPLE)
)
MINUTES = """Meeting minutes

  Test suite status

   kofi: the import is stale, last synced in June
   kofi: I'll re-sync the import tomorrow
   oksana: let's come back to flaky-test marking when Priya is back, she
   wrote most of those tests
   tomas: I'll update the explainer by Friday and send a note to the
   list
   propose: drop the old runner, since nobody uses it
"""


def test_each_turn_of_a_scribes_notes_is_the_speakers() -> None:
    found = extract_actions(parse_minutes(MINUTES, "text"), CTX, Roster())
    assert [(a.text, [o.name for o in a.owners]) for a in found] == [
        ("I'll re-sync the import tomorrow", ["Kofi Mensah"]),
        ("I'll update the explainer by Friday and send a note to the list", ["Tomas Reyes"]),
    ]


def test_actions_read_out_by_their_number_are_the_ones_named() -> None:
    text = (
        "Review of open items\n\n   kofi: action 14, Oksana, ordinal examples in the proposal\n"
        "   kofi: action 17 is on me, ask the team contact about the charter\n"
        "   kofi: action 15 was discussed at length\n"
    )
    found = extract_actions(parse_minutes(text, "text"), CTX, Roster())
    assert [(a.text, [o.name for o in a.owners]) for a in found] == [
        ("action 14, Oksana, ordinal examples in the proposal", ["Oksana Bilyk"]),
        ("action 17 is on me, ask the team contact about the charter", ["Kofi Mensah"]),
    ]
