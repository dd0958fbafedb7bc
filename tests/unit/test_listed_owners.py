"""Owners written around a listed task: "Topic: task: Owner", "jdoe: task", on invented items."""

from __future__ import annotations

from datetime import date

import pytest

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import MeetingContext, Participant, Roster, RosterPerson

PEOPLE = tuple(Participant(n) for n in ("Alice Martin", "Bob Chen", "Carla Rossi"))
CTX = MeetingContext(meeting_date=date(2026, 6, 3), participants=PEOPLE)


ROSTER = Roster(people=(RosterPerson("Jane Doe", username="jdoe42"),))


def run(item: str) -> list[tuple[str, list[str]]]:
    text = f"# Ops\n\n## Actions\n\n- {item}\n"
    found = extract_actions(parse_minutes(text, "markdown"), CTX, ROSTER)
    return [(a.text, [o.name for o in a.owners]) for a in found]


def test_a_topic_a_task_and_its_owner_after_a_colon() -> None:
    assert run("Tokens: migrate the test instance: Bob") == [
        ("Tokens: migrate the test instance", ["Bob Chen"])
    ]


def test_several_owners_after_the_colon() -> None:
    assert run("Tape: drain the old pool: Alice/Carla") == [
        ("Tape: drain the old pool", ["Alice Martin", "Carla Rossi"])
    ]


def test_a_word_after_the_colon_that_names_nobody_stays_in_the_task() -> None:
    [(text, owners)] = run("Tokens: migrate the test instance: Tuesday")
    assert text.endswith("migrate the test instance: Tuesday")
    assert "Tuesday" not in owners


def test_an_account_label_owns_the_listed_task() -> None:
    assert run("jdoe42: update the reference table") == [
        ("update the reference table", ["Jane Doe"])
    ]


def test_an_unknown_lower_case_label_is_no_owner() -> None:
    assert [owners for _, owners in run("tokens: update the reference table")] == [[]]


def test_an_em_dash_sets_off_the_owner_as_a_hyphen_does() -> None:
    assert run("Alice — contact the sites that fail the dual-stack test") == [
        ("contact the sites that fail the dual-stack test", ["Alice Martin"])
    ]
    assert run("Drain the old tape pool — Carla Rossi") == [
        ("Drain the old tape pool", ["Carla Rossi"])
    ]


def test_an_action_s_number_is_neither_its_owner_nor_its_text() -> None:
    assert run("AI-2031-07 (Bob): move the archive to the new pool") == [
        ("move the archive to the new pool", ["Bob Chen"])
    ]
    assert run("#14 Carla: check the checksum settings of the pools") == [
        ("check the checksum settings of the pools", ["Carla Rossi"])
    ]
    assert run("ACT-7: Alice to book the room for the workshop") == [
        ("Alice to book the room for the workshop", ["Alice Martin"])
    ]
    [(_, owners)] = run("A3 (Carla): collect the feedback of the sites")
    assert owners == ["Carla Rossi"]


def test_a_work_package_before_its_leader_still_owns_with_them() -> None:
    [(_, owners)] = run("WP5 (Alice): deliver the storage report")
    assert owners == ["WP5", "Alice Martin"]


def test_owner_tags_under_a_label_paragraph_are_one_item_a_line_in_plain_text() -> None:
    text = (
        "Ops meeting\n\nAttendees: Alice Martin, Bob Chen, Carla Rossi\n\nActions:\n"
        " [Alice] book the room for the workshop\n"
        " [Bob, Carla] compare the accounting with the batch records\n"
    )
    found = extract_actions(parse_minutes(text, "text"), CTX, ROSTER)
    assert [(a.text, [o.name for o in a.owners]) for a in found] == [
        ("book the room for the workshop", ["Alice Martin"]),
        ("compare the accounting with the batch records", ["Bob Chen", "Carla Rossi"]),
    ]


def test_a_deadline_in_a_marker_s_brackets_is_the_due_date_not_an_owner() -> None:
    text = "# Ops\n\n## Notes\n\n- Action (Bob, by 3 Dec): renew the host certificates\n"
    [found] = extract_actions(parse_minutes(text, "markdown"), CTX, ROSTER)
    assert (found.text, [o.name for o in found.owners]) == (
        "renew the host certificates",
        ["Bob Chen"],
    )
    assert found.due is not None
    assert found.due.date == date(2026, 12, 3)


def test_an_arrow_opening_a_line_ties_it_to_the_line_before_and_hides_no_commitment() -> None:
    text = (
        "# Ops\n\n## Notes\n\n- The outage lasted two hours\n"
        "- => Alice to follow up with the vendor\n- → Carla will collect the logs\n"
    )
    found = extract_actions(parse_minutes(text, "markdown"), CTX, ROSTER)
    assert [(a.text, [o.name for o in a.owners]) for a in found] == [
        ("Alice to follow up with the vendor", ["Alice Martin"]),
        ("Carla will collect the logs", ["Carla Rossi"]),
    ]


def test_a_mention_then_a_task_verb_of_release_and_operations_work_owns_the_task() -> None:
    assert run("@jdoe42 cut the second release candidate once the regression is fixed") == [
        ("cut the second release candidate once the regression is fixed", ["Jane Doe"])
    ]


def _paragraph(text: str) -> list[tuple[str, list[str]]]:
    found = extract_actions(
        parse_minutes(f"# Ops\n\n## Notes\n\n{text}\n", "markdown"), CTX, ROSTER
    )
    return [(a.text, [o.name for o in a.owners]) for a in found]


def test_an_action_list_on_one_line_gives_one_item_a_part() -> None:
    assert _paragraph("Actions: Bob to drain the pool; Carla to renew the key; all to vote.") == [
        ("Bob to drain the pool", ["Bob Chen"]),
        ("Carla to renew the key", ["Carla Rossi"]),
        ("all to vote", ["all"]),
    ]
    assert _paragraph("**Actions:** Bob - drain the old pool, Alice - book the room") == [
        ("drain the old pool", ["Bob Chen"]),
        ("book the room", ["Alice Martin"]),
    ]


def test_a_comma_inside_one_task_splits_nothing() -> None:
    assert _paragraph("Next steps: Bob to check the logs, then restart the service.") == [
        ("Bob to check the logs, then restart the service", ["Bob Chen"])
    ]


@pytest.mark.parametrize("text", ["AI: none", "Action items: n/a", "Actions: see below"])
def test_an_action_label_over_nothing_gives_no_item(text: str) -> None:
    assert _paragraph(text) == []


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("text", "Ops\n\nAction items\n☐ Alice: book the room\n☑ Bob: renew the host key\n"),
        (
            "markdown",
            "# Ops\n\n## Action items\n\n☐ Alice: book the room\n☑ Bob: renew the host key\n",
        ),
        (
            "html",
            "<h1>Ops</h1><h2>Action items</h2><p>☐ Alice: book the room</p>"
            "<p>[x] Bob: renew the host key</p>",
        ),
    ],
)
def test_box_characters_and_boxes_written_as_text_tick_items_in_every_format(
    fmt: str, text: str
) -> None:
    found = extract_actions(parse_minutes(text, fmt), CTX, ROSTER)
    assert [(a.text, a.status.value) for a in found] == [
        ("book the room", "open"),
        ("renew the host key", "done"),
    ]


def test_initials_of_known_people_before_a_capitalised_imperative_own_it() -> None:
    [(_, owners)] = run("AM/BC Consider other CI systems for the test suite")
    assert owners == ["Alice Martin", "Bob Chen"]


def test_an_acronym_before_a_capitalised_noun_is_no_owner() -> None:
    [(_, owners)] = run("EOS Upgrade planned for the spring")
    assert owners == []


def test_an_owner_after_a_closing_dash_then_a_deadline() -> None:
    assert run("Triage the two regressions - Bob, by Tuesday") == [
        ("Triage the two regressions, by Tuesday", ["Bob Chen"])
    ]
