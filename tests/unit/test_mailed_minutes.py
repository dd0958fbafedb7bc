"""Minutes sent by mail as plain text: the notes, then "Action items:" whose entries are
numbered in brackets ("[A2] Lea - ...") and restate, in fewer words, what the notes said.
Invented minutes."""

from __future__ import annotations

from datetime import date

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import ExtractedAction, MeetingContext, Participant, Roster

PEOPLE = tuple(Participant(n) for n in ("Ana Rios", "Kim Lee", "Lea Moser", "Piet Vos"))
CTX = MeetingContext(meeting_date=date(2026, 12, 2), participants=PEOPLE)  # a Wednesday

MINUTES = """Subject: Minutes - cache sync

Attendees: Ana Rios, Kim Lee, Lea Moser, Piet Vos

1) Cache rollout
   Kim agreed to gather the hit rates and send a summary table before the next meeting.
   Sites are asked to report their cache size by 10 December.

Action items:
 [A1] Kim  - gather hit rates, send summary table (before next meeting)
 [A2] Lea  - update the cache how-to
 [A3] All sites - report cache size (10 Dec)
"""


def run(text: str) -> list[ExtractedAction]:
    return extract_actions(parse_minutes(text, "text"), CTX, Roster())


def test_numbered_entries_under_an_action_label_are_each_an_action_of_their_owner() -> None:
    found = {a.text: [o.name for o in a.owners] for a in run(MINUTES)}
    assert found["update the cache how-to"] == ["Lea Moser"]
    assert found["report cache size (10 Dec)"] == ["all sites"]


def test_an_entry_restating_the_notes_is_one_action() -> None:
    found = run(MINUTES)
    assert len(found) == 3
    [kim] = [a for a in found if [o.name for o in a.owners] == ["Kim Lee"]]
    assert kim.text == "gather hit rates, send summary table (before next meeting)"


def test_two_tasks_of_one_owner_in_the_notes_and_the_list_stay_two() -> None:
    found = run(
        "Notes\n\nKim will check the disk firmware on the cache nodes.\n\n"
        "Action items:\n [A1] Kim - rotate the cache node keys\n"
    )
    assert len(found) == 2


def test_a_short_listed_entry_whose_words_the_notes_hold_is_their_task() -> None:
    [item] = run(
        "Notes\n\nAna will send the agenda one week before the meeting.\n\n"
        "Action items:\n [A1] Ana - send the agenda\n"
    )
    assert [o.name for o in item.owners] == ["Ana Rios"]
    assert item.text == "send the agenda"


def test_a_time_in_brackets_after_a_listed_task_names_no_owner() -> None:
    [item] = run("Board\n\nSummary of actions:\n 1. Kim - archive costs (next board)\n")
    assert [o.name for o in item.owners] == ["Kim Lee"]


def test_actions_carried_over_under_their_label_are_the_earlier_actions() -> None:
    found = run(
        "Coordination\n\nActions carried over:\n  - Kim: cache sizing study (ongoing)\n\n"
        "New actions:\n  - Lea: organise the downtime call\n"
    )
    assert [(a.text, [o.name for o in a.owners], a.carried_over) for a in found] == [
        ("cache sizing study (ongoing)", ["Kim Lee"], True),
        ("organise the downtime call", ["Lea Moser"], False),
    ]


def test_an_entry_under_the_full_name_restating_a_first_names_commitment_is_one_action() -> None:
    [item] = run(
        "Notes\n\nAna will circulate the test schedule.\n\n"
        "New actions:\n 1. WP2-35 Ana Rios - circulate the test schedule for January\n"
    )
    assert (item.text, [o.name for o in item.owners]) == (
        "circulate the test schedule for January",
        ["Ana Rios"],
    )


def test_numbered_action_points_keep_their_marker_and_drop_their_origin() -> None:
    found = run(
        "Notes\n\nDecisions and actions:\n\n"
        "AP-12 Kim Lee / Piet Vos: prepare the staging lists, due 10.12.2026.\n"
        "AP-09 (from 10 Nov) Lea Moser: document the pool configuration - DONE.\n"
    )
    assert [([o.name for o in a.owners], a.status.value) for a in found] == [
        (["Kim Lee", "Piet Vos"], "open"),
        (["Lea Moser"], "done"),
    ]
    assert found[1].due is None  # where it comes from is no deadline


def test_the_people_who_joined_remotely_attend() -> None:
    doc = parse_minutes("Participants: Ana Rios, Kim Lee\nRemote: Piet Vos, Lea Moser\n", "text")
    assert [p.name for p in doc.participants] == ["Ana Rios", "Kim Lee", "Piet Vos", "Lea Moser"]


def test_a_listed_entry_restating_only_the_task_clause_of_a_notes_sentence_is_one_action() -> None:
    found = run(
        "Notes\n\nLea said the recall rate is low at two sites and will circulate the schedule.\n\n"
        "New actions:\n 1. Lea Moser - circulate the schedule of the recall test to the sites\n"
    )
    assert [a.text for a in found] == ["circulate the schedule of the recall test to the sites"]


def test_numbered_entries_under_a_title_in_capitals() -> None:
    # "ACTIONS" alone over the entries titles them, as "Action items:" labels them
    found = {
        a.text: [o.name for o in a.owners] for a in run(MINUTES.replace("Action items:", "ACTIONS"))
    }
    assert found["update the cache how-to"] == ["Lea Moser"]
    assert found["report cache size (10 Dec)"] == ["all sites"]
    assert len(found) == 3
