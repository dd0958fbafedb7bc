"""Earlier actions reviewed in forms of their own: action points with the day they were set,
register numbers with the owner in brackets, "X was to ...", and headings that name the meeting
the actions come from (minutes written for these tests)."""

from __future__ import annotations

from datetime import date

from wp2bot.domain import action_headings as ah
from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import ExtractedAction, MeetingContext, Participant, Roster, Status

PEOPLE = ("Agnes Kowal", "Jonas Lind", "Rita Prado", "Hugo Brandt", "Ewa Zimmer", "Wim Nagel")
CTX = MeetingContext(
    meeting_date=date(2026, 11, 19), participants=tuple(Participant(n) for n in PEOPLE)
)


def run(text: str, form: str = "text") -> list[ExtractedAction]:
    return extract_actions(parse_minutes(text, form), CTX, Roster())


def owners(found: ExtractedAction) -> list[str]:
    return [o.name for o in found.owners]


def test_action_points_with_the_day_they_were_set_and_their_state() -> None:
    found = run(
        "Cache task force, notes 19/11\n"
        "att: AK (Agnes Kowal), JL (Jonas Lind), RP (Rita Prado)\n\n"
        "0) APs from 05/11 + earlier\n"
        "- AP AK (05/11): config docs for the token scopes -- DONE, merged\n"
        "- AP JL (22/10): test endpoint at the site -- in progress\n"
        "- AP RP (2026-10-22): ask the network team about jumbo frames -- dropped\n"
    )
    assert [(owners(f), f.status, f.due) for f in found] == [
        (["Agnes Kowal"], Status.DONE, None),  # the day in brackets is when it was set
        (["Jonas Lind"], Status.OPEN, None),
        (["Rita Prado"], Status.DONE, None),
    ]


def test_an_action_point_after_a_line_that_runs_on_opens_its_own_item() -> None:
    found = run(
        "Notes\n\n"
        "JL: the gateways still run the old version\n"
        "RP: would be good to know which versions run where\n"
        "-> AP all sites: put the version of your gateways in the table by Friday\n"
    )
    assert len(found) == 1
    assert found[0].text.startswith("put the version")
    assert [o.name for o in found[0].owners] == ["all sites"]
    assert found[0].due is not None
    assert found[0].due.date == date(2026, 11, 20)


def test_register_numbers_with_the_owner_in_brackets_and_a_noun_phrase_task() -> None:
    found = run(
        "Minutes\n\n"
        "1 Actions from the October meeting\n"
        "------------------------------\n\n"
        "A2610-1 (Hugo) Quote for the second library frame — open.\n"
        "A2610-2 (Ewa) Estimate of the beam-time data volume — closed (350 TB raw).\n"
        "A2610-3 (Jonas, Wim) Test access to the archive from the cluster — ongoing.\n"
    )
    assert [(owners(f), f.status) for f in found] == [
        (["Hugo Brandt"], Status.OPEN),
        (["Ewa Zimmer"], Status.DONE),
        (["Jonas Lind", "Wim Nagel"], Status.OPEN),
    ]
    assert all(f.carried_over for f in found)


def test_a_remark_in_brackets_is_still_no_owner() -> None:
    assert run("Actions from last meeting\n\n- (see below) the plan changed\n") == []


def test_headings_that_name_the_meeting_the_actions_come_from() -> None:
    for title in ("1 Actions from the March meeting", "Actions from the 7 March call"):
        assert ah.is_followup(title), title
        assert ah.is_action_heading(title), title
    assert ah.is_followup("0) APs from 07/03 + earlier")
    assert not ah.is_followup("Maps from 07/03")
    assert not ah.is_action_heading("Actions from the Mars mission")


def test_was_to_tells_an_earlier_action_and_its_state() -> None:
    found = run(
        "Follow-up\n\n"
        "Wim: Two items. Ewa was to check the quota for the new file family: done, 1.5 PB "
        "confirmed. Hugo was to test staging against the tape: still ongoing.\n"
    )
    assert [(owners(f), f.status) for f in found] == [
        (["Ewa Zimmer"], Status.DONE),
        (["Hugo Brandt"], Status.OPEN),
    ]
    assert run("Notes\n\nIf Hugo were to leave, the plan was to wait for the new host.\n") == []


def test_speaker_turns_under_a_numbered_dashed_title_are_talk_not_items() -> None:
    found = run(
        "--- 1. Follow-up ---\n\n"
        "Hugo: On the staging: it works, but the rate is low. Details under item 2.\n"
        "Ewa: Yes, we have 450 TB of disk for you. I will send the list by Monday.\n\n"
        "--- 2. Recall campaign (tape) ---\n\n"
        "Jonas: The reprocessing needs all runs from 2020. That is roughly 780 TB.\n"
    )
    assert [(f.text, owners(f)) for f in found] == [
        ("I will send the list by Monday.", ["Ewa Zimmer"])
    ]


def test_a_register_of_the_session_s_years_with_states_hanging_under_the_items() -> None:
    found = run(
        "Present: Hugo Brandt (HB), Rita Prado (RP), Jonas Lind (JL)\n\n"
        "03  MATTERS ARISING AND ACTION LOG\n\n"
        "  25/26-41 (HB) Confirm with the office whether the boards can move to\n"
        "           the last week of August.\n"
        "           Completed. Boards sit in the last week from now on.\n\n"
        "  25/26-47 (RP/JL) Revise the risk assessment template.\n"
        "           Carried forward.\n"
    )
    assert [(f.text.split(".")[0], owners(f), f.status) for f in found] == [
        (
            "Confirm with the office whether the boards can move to the last week of August",
            ["Hugo Brandt"],
            Status.DONE,
        ),
        ("Revise the risk assessment template", ["Rita Prado", "Jonas Lind"], Status.OPEN),
    ]


def test_a_sentence_wrapped_before_its_last_word_is_one_line() -> None:
    found = run(
        "Minutes\n\nMr Brandt to book a provisional approval event date with Academic\nRegistry.\n"
    )
    assert [f.text for f in found] == [
        "Mr Brandt to book a provisional approval event date with Academic Registry."
    ]


def test_a_scribe_s_log_reads_out_markers_and_types_others_words() -> None:
    found = run(
        "Log\n\n"
        "<wim> agnes: ACTION-41 on Jonas, review the enum proposal\n"
        "<wim> rita: sure, will add that question to my questionnaire\n"
        "  [CONTINUES] ACTION-43: Ewa to collect sample feeds from three agencies\n"
    )
    assert [(f.text, owners(f)) for f in found] == [
        ("review the enum proposal", ["Jonas Lind"]),
        ("will add that question to my questionnaire", ["Rita Prado"]),
        ("Ewa to collect sample feeds from three agencies", ["Ewa Zimmer"]),
    ]


def test_an_item_keeps_its_task_and_state_not_the_notes_after_them() -> None:
    found = run(
        "## Actions from last meeting\n\n"
        "- Rita Prado — schedule a planning retreat. *In progress;* a poll has gone out, date "
        "to be set before the end of the month.\n"
        "- Hugo Brandt — write to the faculty about the booking system. Ongoing. A reply is "
        "expected before the end of term.\n",
        "markdown",
    )
    assert [(f.text, f.status, f.due) for f in found] == [
        ("schedule a planning retreat. In progress.", Status.OPEN, None),
        ("write to the faculty about the booking system. Ongoing.", Status.OPEN, None),
    ]


def test_an_item_whose_last_dash_notes_it_carried_over_is_no_review_title() -> None:
    found = run(
        "## Actions from the last meeting\n\n"
        "- Write guidance on requesting twilight time — Rita — **carried over** to next term.\n"
        "- Carried over from the June meeting:\n"
        "  - Hugo to renew the certificate\n",
        "markdown",
    )
    assert [(f.text, owners(f)) for f in found] == [
        (
            "Write guidance on requesting twilight time — Rita — carried over to next term.",
            ["Rita Prado"],
        ),
        ("Hugo to renew the certificate", ["Hugo Brandt"]),
    ]
