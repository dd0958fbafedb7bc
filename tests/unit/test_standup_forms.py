"""Stand-up and committee forms: a team roll call with initials, a version bump, a state tag
in brackets, council titles, a passive infinitive of work (minutes written for these tests)."""

from __future__ import annotations

from datetime import date

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import ExtractedAction, MeetingContext, Participant, Roster, Status

CTX = MeetingContext(
    meeting_date=date(2026, 11, 19),
    participants=tuple(
        Participant(n)
        for n in ("Tane Ngata", "Tess Whitfield", "Amara Nwosu", "Rohan Kapoor", "Bea Holm")
    ),
)


def run(text: str, form: str = "markdown") -> list[ExtractedAction]:
    return extract_actions(parse_minutes(text, form), CTX, Roster())


def test_a_team_roll_call_names_the_initials_and_a_version_bump_is_work() -> None:
    found = run(
        "# standup\n\n"
        "team: Amara Nwosu (AN), Rohan Kapoor (RK), Bea Holm (BH)\n\n"
        "## carried from fri\n"
        "- [x] AN — bump node to 20.17 in CI\n"
        "- [ ] RK — export the churn numbers → blocked\n"
        "- bump it to next week\n"
    )
    assert [(f.text, [o.name for o in f.owners], f.status) for f in found] == [
        ("bump node to 20.17 in CI", ["Amara Nwosu"], Status.DONE),
        ("export the churn numbers → blocked", ["Rohan Kapoor"], Status.OPEN),
    ]


def test_a_state_tag_in_brackets_opens_an_item_not_a_review_title() -> None:
    found = run(
        "## Follow-ups from last week\n\n"
        "- [carried over] Tane — test node in Auckland, hardware arrived but not racked\n"
    )
    assert [(f.text, [o.name for o in f.owners]) for f in found] == [
        ("test node in Auckland, hardware arrived but not racked", ["Tane Ngata"])
    ]


def test_council_titles_and_a_passive_infinitive_of_work() -> None:
    found = run(
        "Notes\n\n"
        "Cllr Whitfield will write to the head teacher.\n"
        "A re-audit of the clinic is to be carried out within two weeks.\n",
        "text",
    )
    assert [[o.name for o in f.owners] for f in found] == [["Tess Whitfield"], []]
    assert found[1].due is not None
    assert found[1].due.date == date(2026, 12, 3)
