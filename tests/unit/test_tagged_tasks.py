"""Tasks marked outside an action list: an owner's tag in brackets over an imperative, an action
point ("AP"), a marker opening a later sentence of the line. Invented minutes."""

from __future__ import annotations

from datetime import date

import pytest

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import MeetingContext, Participant, Roster

PEOPLE = tuple(Participant(n) for n in ("Greta Holm", "Ivo Petrov", "Nadia Kaya"))
CTX = MeetingContext(meeting_date=date(2026, 3, 11), participants=PEOPLE)


def run(lines: str) -> list[tuple[str, list[str]]]:
    text = f"# Tools\n\n## Notes\n\n{lines}\n"
    found = extract_actions(parse_minutes(text, "markdown"), CTX, Roster())
    return [(a.text, [o.name for o in a.owners]) for a in found]


@pytest.mark.parametrize(
    ("line", "task", "owner"),
    [
        ("- [Ivo] Schedule a packaging sprint.", "Schedule a packaging sprint.", "Ivo Petrov"),
        ("- (Nadia) Order the spare disks.", "Order the spare disks.", "Nadia Kaya"),
        ("- AP Greta: update the changelog.", "update the changelog.", "Greta Holm"),
        ("- AP (Greta): update the changelog.", "update the changelog.", "Greta Holm"),
        (
            "- The build is late. Action (Ivo): send the list of blockers.",
            "send the list of blockers.",
            "Ivo Petrov",
        ),
    ],
)
def test_a_marked_task_outside_an_action_list_is_its_owners(
    line: str, task: str, owner: str
) -> None:
    assert run(line) == [(task, [owner])]


@pytest.mark.parametrize(
    "line",
    [
        "- [Ivo] presented the plan.",  # a report, not an imperative
        "- [Ivo] Order form changes",  # a topic: a verb-like noun without its object
        "- [Nadia] Remove the old module?",  # a question
        "- [name=Ivo] Schedule a packaging sprint.",  # HackMD's tag of the point's author
        "- (15 min) Discuss the budget",  # a duration, no person
        "- Ap: a tool for the tape queue",  # "AP" marks an action point in capitals only
    ],
)
def test_tags_that_name_no_owner_of_a_task_give_none(line: str) -> None:
    assert run(line) == []


def test_an_items_typed_dash_separates_owner_and_task_and_a_state_is_no_owner() -> None:
    text = (
        "# Tools\n\n## Actions\n\n"
        "- Ivo -- renew the host certificates\n"
        "- AI (Nadia): move the runners – Done\n"
        "- Order the spare disks (Ongoing)\n"
    )
    found = extract_actions(parse_minutes(text, "markdown"), CTX, Roster())
    assert [(a.text, [o.name for o in a.owners], a.status.value) for a in found] == [
        ("renew the host certificates", ["Ivo Petrov"], "open"),
        ("move the runners – Done", ["Nadia Kaya"], "done"),
        ("Order the spare disks (Ongoing)", [], "open"),
    ]


def test_a_state_tag_before_an_item_gives_its_state_and_leaves_its_owner() -> None:
    text = (
        "# Tools\n\n## Review\n\n"
        "- DONE Ivo: rotate the host certificates\n"
        "- [Cancelled] Nadia to benchmark the old gateway\n"
        "- ONGOING Greta: fix the probe\n"
        "- [DONE] ACTION: Ivo to check the pool\n"
    )
    found = extract_actions(parse_minutes(text, "markdown"), CTX, Roster())
    assert [(a.text, [o.name for o in a.owners], a.status.value) for a in found] == [
        ("rotate the host certificates", ["Ivo Petrov"], "done"),
        ("Nadia to benchmark the old gateway", ["Nadia Kaya"], "done"),
        ("fix the probe", ["Greta Holm"], "open"),
        ("Ivo to check the pool", ["Ivo Petrov"], "done"),
    ]


def test_a_status_note_with_its_label_under_a_reviewed_action() -> None:
    text = (
        "# Tools\n\n## Review of actions\n\n"
        "- Ivo: check the logs\n  - update: done on 1 March\n"
        "- Nadia: renew the keys\n  - still waiting for the vendor\n"
    )
    found = extract_actions(parse_minutes(text, "markdown"), CTX, Roster())
    assert [(a.text, a.status.value) for a in found] == [
        ("check the logs", "done"),
        ("renew the keys", "open"),
    ]


def test_owners_in_a_closing_square_bracket_or_before_a_closing_remark() -> None:
    text = (
        "# Tools\n\n## Actions\n\n"
        "- Update the wiki [IP]\n"
        "- Order the disks => Nadia (by Friday)\n"
        "- Read the notes [1]\n"
    )
    found = extract_actions(parse_minutes(text, "markdown"), CTX, Roster())
    assert [(a.text, [o.name for o in a.owners]) for a in found] == [
        ("Update the wiki", ["Ivo Petrov"]),
        ("Order the disks (by Friday)", ["Nadia Kaya"]),
        ("Read the notes [1]", []),
    ]


@pytest.mark.parametrize("line", ["- Ivo/Nadia: check the logs", "- Ivo, Nadia: check the logs"])
def test_a_pair_of_owners_labels_a_task_outside_an_action_list(line: str) -> None:
    assert run(line) == [("check the logs", ["Ivo Petrov", "Nadia Kaya"])]
