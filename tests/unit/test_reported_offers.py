"""Offers and commitments told of the person named before, and sentences that open with an
accented capital. The minutes are invented."""

from __future__ import annotations

from datetime import date

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import MeetingContext, Participant, Roster, Status
from wp2bot.domain.sentences import split_sentences

PEOPLE = ("Étienne Moreau", "Piet Vos", "Rita Dias", "Ana Lima")


def _actions(body: str) -> list[tuple[str, list[str], Status]]:
    ctx = MeetingContext(
        meeting_date=date(2026, 12, 1), participants=tuple(Participant(n) for n in PEOPLE)
    )
    text = f"Minutes\n\nSome notes were taken.\n{body}- Next item.\n"
    return [
        (a.text, [o.name for o in a.owners], a.status)
        for a in extract_actions(parse_minutes(text, "text"), ctx, Roster())
    ]


def test_he_at_a_sentence_start_is_the_person_named_before() -> None:
    assert _actions("- Piet showed the plots. He will send them round.\n") == [
        ("He will send them round.", ["Piet Vos"], Status.OPEN)
    ]


def test_an_offer_told_of_him_is_tentative() -> None:
    assert _actions("- Piet presented it. He offered to present it at the council.\n") == [
        ("He offered to present it at the council.", ["Piet Vos"], Status.TENTATIVE)
    ]


def test_a_sentence_may_open_with_an_accented_capital() -> None:
    assert split_sentences("Batch 6 is done. Étienne said he might film it.") == [
        "Batch 6 is done.",
        "Étienne said he might film it.",
    ]
    assert _actions("- Batch 6 is done. Étienne said he might film it.\n") == [
        ("Étienne said he might film it.", ["Étienne Moreau"], Status.TENTATIVE)
    ]


def test_a_task_carried_forward_is_a_task_not_the_title_of_a_review() -> None:
    assert _actions("- RD to circulate the laptop policy - not yet, carried forward.\n") == [
        (
            "RD to circulate the laptop policy - not yet, carried forward.",
            ["Rita Dias"],
            Status.OPEN,
        )
    ]


def test_an_initial_after_a_first_name_and_an_offer_to_be_able_to_help() -> None:
    assert _actions("- Piet V. mentioned he could look at the metric, if there's time.\n") == [
        (
            "Piet V. mentioned he could look at the metric, if there's time.",
            ["Piet Vos"],
            Status.TENTATIVE,
        )
    ]
    assert _actions("- Ana said she might be able to help in March.\n") == [
        ("Ana said she might be able to help in March.", ["Ana Lima"], Status.TENTATIVE)
    ]


def test_a_passive_task_with_its_agent_and_a_wish_that_is_none() -> None:
    assert _actions("- The downtime will be declared in GOCDB by Rita tomorrow.\n") == [
        ("The downtime will be declared in GOCDB by Rita tomorrow.", ["Rita Dias"], Status.OPEN)
    ]
    assert _actions("- the tape group would prefer to be migrated in summer.\n") == []
