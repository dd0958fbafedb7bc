"""Owners written in the notations of chats and task managers: a mention before the task
("@bo draft ..."), an arrow after it ("... → Lea"), a marker's brackets holding the deadline
beside the owner ("ACTION (Kim, 15.12.): ..."). Invented minutes."""

from __future__ import annotations

from datetime import date

import pytest

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import ExtractedAction, MeetingContext, Participant, Roster

PEOPLE = tuple(Participant(n) for n in ("Bo Chen", "Kim Lee", "Lea Moser"))
CTX = MeetingContext(meeting_date=date(2026, 12, 3), participants=PEOPLE)  # a Thursday


def run(line: str) -> list[ExtractedAction]:
    return extract_actions(parse_minutes(f"# Notes\n\n{line}\n", "markdown"), CTX, Roster())


def owners(found: ExtractedAction) -> list[str]:
    return [o.name for o in found.owners]


@pytest.mark.parametrize(
    ("line", "who", "task"),
    [
        ("- @bo draft the migration note", ["Bo Chen"], "draft the migration note"),
        ("- @Bo Chen draft the migration note", ["Bo Chen"], "draft the migration note"),
        ("- @bo Draft the migration note", ["Bo Chen"], "Draft the migration note"),
        ("- @bo and @kim check the pool logs", ["Bo Chen", "Kim Lee"], "check the pool logs"),
        ("- @bo @kim check the pool logs", ["Bo Chen", "Kim Lee"], "check the pool logs"),
    ],
)
def test_a_mention_before_an_imperative_names_the_owner(
    line: str, who: list[str], task: str
) -> None:
    [item] = run(line)
    assert owners(item) == who
    assert item.text == task


def test_a_mention_before_thanks_is_no_task() -> None:
    assert run("- @kim thanks for the quick fix") == []


@pytest.mark.parametrize("arrow", ["→", "->", "=>"])
def test_an_arrow_to_a_known_name_after_an_imperative_names_the_owner(arrow: str) -> None:
    [item] = run(f"- update the install guide {arrow} Lea")
    assert owners(item) == ["Lea Moser"]
    assert item.text == "update the install guide"


def test_an_arrow_to_a_thing_names_nobody() -> None:
    assert run("- Move the cold data disk -> tape") == []
    assert run("- Check the logs - Joe") == []  # a name the meeting does not know


@pytest.mark.parametrize(
    ("marker", "due"),
    [
        ("ACTION (Kim, 15.12.)", date(2026, 12, 15)),
        ("ACTION (Kim, 15 Dec)", date(2026, 12, 15)),
        ("ACTION (Kim, Friday)", date(2026, 12, 4)),
        ("ACTION (Kim, by Friday)", date(2026, 12, 4)),
    ],
)
def test_a_date_beside_the_owner_in_a_markers_brackets_is_the_deadline(
    marker: str, due: date
) -> None:
    [item] = run(f"- {marker}: open a ticket with the vendor")
    assert owners(item) == ["Kim Lee"]
    assert item.due is not None
    assert item.due.date == due


def test_a_vague_deadline_and_a_team_address_in_a_markers_brackets() -> None:
    [item] = run("- ACTION (Kim/Lea, ASAP): open a ticket with the vendor")
    assert owners(item) == ["Kim Lee", "Lea Moser"]
    [team] = run("- ACTION (ops@example.org): send the call to the site managers")
    assert [o.written for o in team.owners] == ["ops@example.org"]


def test_mentions_after_an_action_marker_or_before_to() -> None:
    [item] = run("- Action item for @bo: open a pull request for the fix")
    assert (owners(item), item.text) == (["Bo Chen"], "open a pull request for the fix")
    [pair] = run("- @bo @kim to review the pull request")
    assert (owners(pair), pair.text) == (["Bo Chen", "Kim Lee"], "review the pull request")


def test_a_marker_naming_only_accounts_owns_the_task_before_it() -> None:
    [item] = run("- The release notes need a section on tokens.\n- AI: @kim")
    assert (owners(item), item.text) == (["Kim Lee"], "The release notes need a section on tokens.")


@pytest.mark.parametrize(
    "line",
    [
        "The dashboard misses the rates. → ACTION Lea",
        "The dashboard misses the rates. (AI Lea)",
        "The dashboard misses the rates [AI: Lea]",
    ],
)
def test_a_marker_closing_the_line_names_the_owner_of_the_text_before(line: str) -> None:
    [item] = run(line)
    assert owners(item) == ["Lea Moser"]
    assert item.text.startswith("The dashboard misses the rates")


def test_a_closing_marker_before_words_that_name_nobody_the_meeting_knows() -> None:
    assert run("- Regulation was discussed. AI Act") == []


@pytest.mark.parametrize(
    ("line", "who", "task"),
    [
        ("- 🔄 Bo: migrate the dashboards", ["Bo Chen"], "migrate the dashboards"),
        ("- ⏳ Lea to review the FAQ", ["Lea Moser"], "Lea to review the FAQ"),
        ("- AI[Kim]: update the docs", ["Kim Lee"], "update the docs"),
        ("- Fix the CI runners (assigned: Bo)", ["Bo Chen"], "Fix the CI runners"),
        ("- Fix the web runners (assigned to Lea)", ["Lea Moser"], "Fix the web runners"),
    ],
)
def test_a_boards_state_signs_and_assignments_around_the_task(
    line: str, who: list[str], task: str
) -> None:
    doc = parse_minutes(f"# Actions\n\n{line}\n", "markdown")
    [found] = extract_actions(doc, CTX, Roster())
    assert (owners(found), found.text) == (who, task)


def test_a_deadline_in_a_markers_square_brackets_beside_the_owner() -> None:
    [found] = run("- ACTION [Bo, by Friday]: fix the probe")
    assert owners(found) == ["Bo Chen"]
    assert found.due is not None
    assert found.due.date == date(2026, 12, 4)


@pytest.mark.parametrize(
    ("line", "who", "task"),
    [
        ("- memory leak in the reader (→ Bo)", ["Bo Chen"], "memory leak in the reader"),
        ("- flaky tests on arm (-> Kim, Lea)", ["Kim Lee", "Lea Moser"], "flaky tests on arm"),
        (
            "- clean up the test productions (Lea, by the end of the month)",
            ["Lea Moser"],
            "clean up the test productions (Lea, by the end of the month)",
        ),
    ],
)
def test_a_point_in_the_notes_handed_on_in_closing_brackets(
    line: str, who: list[str], task: str
) -> None:
    [found] = run(line)
    assert (owners(found), found.text) == (who, task)


def test_a_point_handed_to_a_thing_names_nobody() -> None:
    assert run("- disk to tape (→ archive)") == []
