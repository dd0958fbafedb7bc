"""Forms of lines the labelled sets hardly hold: minutes kept as a chat log ("<kim> I'll check
it"), status tags before actions ("[DONE] ACTION: ..."), italic markers, tasks put off behind an
arrow. Invented minutes."""

from __future__ import annotations

from datetime import date

import pytest

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.minutes_lines import continues
from wp2bot.domain.models import ExtractedAction, MeetingContext, Participant, Roster, Status

PEOPLE = tuple(Participant(n) for n in ("Alice Martin", "Bob Chen", "Carla Rossi"))
CTX = MeetingContext(meeting_date=date(2026, 11, 19), participants=PEOPLE)  # a Thursday


def run(text: str) -> list[ExtractedAction]:
    return extract_actions(parse_minutes(text, "text"), CTX, Roster())


def owners(found: ExtractedAction) -> list[str]:
    return [o.name for o in found.owners]


def test_a_nick_in_angle_brackets_is_the_speaker_of_an_i_will() -> None:
    found = run(
        "Ops call\n\nTransfers\n"
        "<alice> the retries pile up on the test pool\n"
        "<carla> I'll raise the retry limit by Friday\n"
        "<bob> ok\n"
    )
    [item] = found
    assert owners(item) == ["Carla Rossi"]
    assert item.due is not None
    assert item.due.date == date(2026, 11, 20)


def test_a_chat_log_request_taken_up_by_the_nick_asked() -> None:
    [item] = run(
        "Ops call\n\nTransfers\n"
        "<bob> the fix is out. Carla, can you test it on the preprod instance?\n"
        "<carla> sure, tomorrow\n"
    )
    assert owners(item) == ["Carla Rossi"]
    assert item.status is Status.OPEN


def test_a_chat_log_writes_nicks_in_lower_case() -> None:
    found = run(
        "Ops call\n\nTransfers\n"
        "<alice> bob, can you send a PR with the fixes?\n"
        "<bob> sure, by Friday\n"
        "<alice> carla, please open an issue for the timeout\n"
        "ACTION: bob to tag the release\n"
    )
    got = {f.text: (owners(f), f.status) for f in found}
    assert got == {
        "bob, can you send a PR with the fixes?": (["Bob Chen"], Status.OPEN),
        "carla, please open an issue for the timeout": (["Carla Rossi"], Status.OPEN),
        "bob to tag the release": (["Bob Chen"], Status.OPEN),
    }


def test_a_pronoun_s_contraction_is_no_owner() -> None:
    [item] = run("Ops call\n\nTransfers\nBob: I'll take it.\n")
    assert owners(item) == ["Bob Chen"]
    for text in ("We'll look at it next week.", "They'd rather wait for the release."):
        assert all("'" not in o for f in run(f"Ops call\n\n{text}\n") for o in owners(f))


def test_status_tagged_action_lines_are_one_item_each_with_their_status() -> None:
    found = run(
        "Ops call\n\nSummary of action items\n"
        "[NEW] ACTION: Bob to check the refresh job\n"
        "[NEW] ACTION: Carla to draft the plan - due 2026-12-16\n"
        "[DONE] ACTION: Alice to send the agenda\n"
    )
    assert [(owners(f), f.status) for f in found] == [
        (["Bob Chen"], Status.OPEN),
        (["Carla Rossi"], Status.OPEN),
        (["Alice Martin"], Status.DONE),
    ]
    assert found[0].due is None


def test_a_tag_then_a_capital_starts_a_line_and_a_bracket_inside_a_sentence_does_not() -> None:
    assert not continues("Summary of action items", "[NEW] ACTION: Bob to check it")
    assert not continues("The pool is full", "(Ana) Book the room")
    assert continues("The pool is full after the", "[Ana] Book the room")  # a run-on line
    assert continues("The pool is full", "(see the ticket) for the details")


def test_an_italic_marker_mid_paragraph_names_its_owner() -> None:
    text = "## Security\n\nThe fix is merged. _AI @alice_: agree the disclosure date.\n"
    [item] = extract_actions(parse_minutes(text, "markdown"), CTX, Roster())
    assert owners(item) == ["Alice Martin"]
    assert item.text.startswith("agree the disclosure date")


def test_a_task_put_off_behind_an_arrow_stays_an_open_task() -> None:
    text = "## Follow-ups\n\n* @carla: ask for two more runners → postponed to January\n"
    [item] = extract_actions(parse_minutes(text, "markdown"), CTX, Roster())
    assert owners(item) == ["Carla Rossi"]
    assert item.status is Status.OPEN
    # a suggestion answered "not now" stays no task
    text = "## Ideas\n\n* maybe try the new transfer tool? → not now\n"
    assert extract_actions(parse_minutes(text, "markdown"), CTX, Roster()) == []


def test_an_ownerless_task_handed_to_someone_at_its_end() -> None:
    text = "## Certificates\n\n- Someone needs to check the probe's CA. → Carla\n"
    [item] = extract_actions(parse_minutes(text, "markdown"), CTX, Roster())
    assert owners(item) == ["Carla Rossi"]


def test_an_owner_s_field_label_before_the_task() -> None:
    for line in ("- **Owner:** Bob — renew the certificates", "- Assignee: Bob: renew them"):
        [item] = extract_actions(parse_minutes(f"## Certs\n\n{line}\n", "markdown"), CTX, Roster())
        assert owners(item) == ["Bob Chen"]
        assert item.text.startswith("renew")
    assert run("Ops call\n\nOwner: the pool is full.\n") == []


def test_a_report_still_in_progress_names_the_subject_of_what_follows() -> None:
    text = "Site reports\n\nNorth (Bob): Drive replaced. Bob is still waiting for the report and "
    [item] = run(text + "will forward it.\n")
    assert owners(item) == ["Bob Chen"]


def test_a_known_mention_opening_an_action_list_item_owns_it() -> None:
    text = "## Action items\n\n- [ ] @carla security mailbox (#812)\n- [ ] @nobody42 the docs\n"
    found = extract_actions(parse_minutes(text, "markdown"), CTX, Roster())
    assert [owners(f) for f in found] == [["Carla Rossi"], []]


def test_a_marker_in_brackets_opens_an_action_and_a_line() -> None:
    found = run(
        "Ops call\n\nNotes\n[ACTION] Bob: ask the provider about the window\n"
        "(TODO) Carla to renew the host key\n[todo] rotate the logs\n"
    )
    assert [(owners(f), f.text) for f in found] == [
        (["Bob Chen"], "ask the provider about the window"),
        (["Carla Rossi"], "Carla to renew the host key"),
        ([], "rotate the logs"),
    ]
    # a Markdown link whose text is a marker word is no marker
    text = "## Links\n\n- [Action items](https://example.org/notes) from the last call\n"
    assert extract_actions(parse_minutes(text, "markdown"), CTX, Roster()) == []


def test_a_reviewed_action_dropped_or_cancelled_is_closed_and_keeps_its_owner() -> None:
    text = (
        "## Review of actions\n\n- Bob: prepare the old endpoint — dropped, the site moves\n"
        "- Carla: book the room – cancelled\n"
    )
    found = extract_actions(parse_minutes(text, "markdown"), CTX, Roster())
    assert [(owners(f), f.status) for f in found] == [
        (["Bob Chen"], Status.DONE),
        (["Carla Rossi"], Status.DONE),
    ]


def test_a_topic_label_before_a_listed_commitment() -> None:
    text = "## Matters arising\n\n- Funding call: Bob still to confirm the date with the office\n"
    [item] = extract_actions(parse_minutes(text, "markdown"), CTX, Roster())
    assert owners(item) == ["Bob Chen"]


@pytest.mark.parametrize(
    "line",
    [
        "- Update the wiki. Responsible: Bob. Deadline: 15 Dec.",
        "- Update the wiki (owner: Bob, due: 15 Dec)",
        "- Update the wiki [Bob, 15/12]",
        "- Update the wiki — Bob — 15 Dec",
        "- Update the wiki (Bob; by 15 Dec)",
    ],
)
def test_an_owner_written_as_a_field_or_beside_the_deadline(line: str) -> None:
    [item] = extract_actions(parse_minutes(f"## Actions\n\n{line}\n", "markdown"), CTX, Roster())
    assert owners(item) == ["Bob Chen"]
    assert item.due is not None
    assert item.due.date == date(2026, 12, 15)


def test_a_name_in_a_closing_remark_is_no_owner() -> None:
    text = "## Actions\n\n- Update the wiki (see Bob's notes)\n"
    [item] = extract_actions(parse_minutes(text, "markdown"), CTX, Roster())
    assert owners(item) == []


@pytest.mark.parametrize(
    "stamp", ["[10:03] ", "10:03 ", "[10:03:41] ", "[2026-11-19 10:03] ", "2026-11-19T10:03:41 "]
)
def test_a_chat_log_time_stamp_before_the_speaker_is_no_part_of_the_turn(stamp: str) -> None:
    [item] = run(f"Ops call\n\nTransfers\n{stamp}Carla Rossi: I'll raise the retry limit\n")
    assert owners(item) == ["Carla Rossi"]
    assert item.text == "I'll raise the retry limit"


def test_a_timetable_time_before_a_title_stays_as_written() -> None:
    doc = parse_minutes("Workshop\n\n10:00 Welcome and goals\n10:30 Tape tests (Bob)\n", "text")
    assert [line.text for line in doc.lines][-2:] == [
        "10:00 Welcome and goals",
        "10:30 Tape tests (Bob)",
    ]


@pytest.mark.parametrize(
    ("turn", "task"),
    [
        ("the pool is still slow, I'll rerun the scan this week", "I'll rerun the scan"),
        ("the route drops packets, I need to talk to the network team", "I need to talk"),
        ("the pool is slow, so I will rerun the scan", "I will rerun the scan"),
    ],
)
def test_a_commitment_after_a_comma_in_a_speakers_turn_is_the_speakers(
    turn: str, task: str
) -> None:
    [item] = run(f"Ops call\n\nTransfers\n[10:05] Bob Chen: {turn}\n")
    assert owners(item) == ["Bob Chen"]
    assert task in item.text


def test_a_meeting_bots_commands_record_actions_whoever_typed_them() -> None:
    found = run(
        "Ops call\n\n"
        "15:01 <alice> #topic transfers\n"
        "15:03 <alice> #action bob to raise the retry limit\n"
        "15:04 <carla> I can write the guide with bob\n"
        "15:05 <alice> #action carla, bob: write the migration guide\n"
        "15:06 <alice> #agreed the staging area moves to the object store\n"
    )
    got = [(owners(f), f.text) for f in found]
    assert (["Bob Chen"], "bob to raise the retry limit") in got
    assert (["Carla Rossi", "Bob Chen"], "write the migration guide") in got
    assert all("staging" not in text for _, text in got)


def test_a_meeting_bots_summary_names_who_said_a_point_and_when_not_its_owner() -> None:
    found = run(
        "Meeting summary\n---------------\n"
        "* transfers  (alice, 15:02:41)\n"
        "  * ACTION: bob to raise the retry limit  (alice, 15:05:02)\n"
        "  * ACTION: carla and bob to write the migration guide  (alice, 15:14:11)\n"
    )
    assert [(owners(f), f.text) for f in found] == [
        (["Bob Chen"], "bob to raise the retry limit"),
        (["Carla Rossi", "Bob Chen"], "carla and bob to write the migration guide"),
    ]
