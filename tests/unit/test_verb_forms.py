"""A status note in the past of the task's own verb closes the task: in a status cell, and in a
bracketed note at the end of the item."""

from __future__ import annotations

from datetime import date

import pytest

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import MeetingContext, Participant, Roster, Status
from wp2bot.domain.status_rules import cell_status
from wp2bot.domain.verb_forms import closed_by_note, past_forms, says_done


@pytest.mark.parametrize(
    ("verb", "forms"),
    [
        ("invite", ("invited",)),
        ("notify", ("notified",)),
        ("check", ("checked",)),
        ("deploy", ("deployed",)),
        ("open", ("opened", "openned")),  # the second is never written: harmless
        ("submit", ("submited", "submitted")),
        ("send", ("sent",)),
        ("write", ("written", "wrote")),
        ("Make", ("made",)),
    ],
)
def test_past_forms(verb: str, forms: tuple[str, ...]) -> None:
    assert past_forms(verb) == forms


@pytest.mark.parametrize(
    ("note", "task"),
    [
        ("Vendor contacted on 3 May", "Contact the vendor about the tape robot"),
        ("2024-05-02 slides sent", "Send the slides to the list"),
        ("speakers invited, waiting for answers", "Invite two speakers"),
        ("Ticket #88 opened on 3 May", "Create a ticket for the broken mirror"),
        ("GGUS ticket filed", "Open a ticket with the site"),
    ],
)
def test_a_note_in_the_past_of_the_task_says_it_was_done(note: str, task: str) -> None:
    assert says_done(note, task)
    assert cell_status(note, task) is Status.DONE


@pytest.mark.parametrize(
    ("note", "task"),
    [
        ("not contacted yet", "Contact the vendor"),
        ("to be contacted next week", "Contact the vendor"),
        ("will be sent after the review", "Send the slides"),
        ("Ticket #88 opened on 3 May", "Fix the broken mirror"),  # a ticket to track it: open
        ("in progress", "Contact the vendor"),
        ("", "Contact the vendor"),
    ],
)
def test_other_notes_leave_the_task_open(note: str, task: str) -> None:
    assert cell_status(note, task) is Status.OPEN


def test_a_state_word_decides_before_the_verb() -> None:
    assert cell_status("contacted, not done yet", "Contact the vendor") is Status.OPEN
    assert cell_status("Done", "") is Status.DONE


@pytest.mark.parametrize(
    ("item", "closed"),
    [
        ("Review the two proposals [reviewed, both accepted]", True),
        ("Contact the vendor (contacted 3 May).", True),
        ("Open a ticket for the mirror (filed as #12)", True),
        ("Present the results (as presented last time)", False),  # the note opens otherwise
        ("Contact the vendor (Alice)", False),
        ("Contact the vendor", False),
        ("Bob: check the logs [checked, clean]", True),
    ],
)
def test_a_closing_note_in_brackets(item: str, closed: bool) -> None:
    assert closed_by_note(item) is closed


def test_extraction_reads_both_forms() -> None:
    text = (
        "# Storage WG\n\n"
        "## Actions\n\n"
        "| Action | Who | Status |\n"
        "|---|---|---|\n"
        "| Contact the vendor about the robot | Alice | vendor contacted 2 June |\n"
        "| Fix the broken mirror | Bob | ticket #88 opened |\n\n"
        "## Follow-ups\n\n"
        "- Bob: review the two proposals [reviewed, both accepted]\n"
    )
    ctx = MeetingContext(
        meeting_date=date(2026, 6, 3),
        participants=(Participant("Alice Martin"), Participant("Bob Chen")),
    )
    found = extract_actions(parse_minutes(text, "markdown"), ctx, Roster())
    assert [(a.text.split()[0], a.status) for a in found] == [
        ("Contact", Status.DONE),
        ("Fix", Status.OPEN),
        ("review", Status.DONE),
    ]
