"""A round table written one paragraph per site: "**CERN** – Ana: …" (a site, a dash, the
person speaking for it), sentences that end with a date ("… on 10 Dec. Lea will …"). Invented
minutes."""

from __future__ import annotations

from datetime import date

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import ExtractedAction, MeetingContext, Participant, Roster
from wp2bot.domain.sentences import split_sentences

PEOPLE = tuple(Participant(n) for n in ("Ana Rios", "Bo Chen", "Lea Moser"))
CTX = MeetingContext(meeting_date=date(2026, 12, 3), participants=PEOPLE)


def run(paragraph: str) -> list[ExtractedAction]:
    text = f"# Round table\n\n{paragraph}\n"
    return extract_actions(parse_minutes(text, "markdown"), CTX, Roster())


def test_a_site_dash_person_label_gives_both_owners_to_a_sentence_without_subject() -> None:
    [item] = run("**CERN** – Ana: the upgrade went fine. Will migrate the rest by Friday.")
    assert [o.name for o in item.owners] == ["CERN", "Ana Rios"]
    assert item.due is not None
    assert item.due.date == date(2026, 12, 4)


def test_a_sentence_ending_in_a_day_and_month_ends_there() -> None:
    assert split_sentences("Robot maintenance on 10 Dec. Lea will warn the users.") == [
        "Robot maintenance on 10 Dec.",
        "Lea will warn the users.",
    ]
    assert split_sentences("Planned for Dec. 10 at the latest.") == [
        "Planned for Dec. 10 at the latest."
    ]
    [item] = run("GSI – Lea: robot maintenance on 10 Dec. Lea will warn the users.")
    assert item.text == "Lea will warn the users."
    assert [o.name for o in item.owners] == ["Lea Moser"]


def test_a_sites_nested_report_keeps_the_site_as_subject_after_a_first_sentence() -> None:
    report = "Migration to the new disks done. Will retire the old ones."
    text = f"# Sites\n\n- North (Bo)\n  - {report}\n"
    [item] = extract_actions(parse_minutes(text, "markdown"), CTX, Roster())
    assert item.text == "Will retire the old ones."
    assert [o.name for o in item.owners] == ["North", "Bo Chen"]
