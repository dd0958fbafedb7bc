"""Minutes in a committee's style: numbered minutes, owners written in the margin after the
minute ("ACTION: KB"), initials of the members present, a register of numbered actions
("A-0412  Action on Bo: ..."). Invented minutes."""

from __future__ import annotations

from datetime import date

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import ExtractedAction, LineKind, MeetingContext, Participant, Roster

PEOPLE = tuple(Participant(n) for n in ("Ana Lima", "Bo Chen", "Karin Berg", "Hiro Sato"))
CTX = MeetingContext(meeting_date=date(2026, 11, 19), participants=PEOPLE)  # a Thursday


def run(text: str) -> list[ExtractedAction]:
    return extract_actions(parse_minutes(text, "text"), CTX, Roster())


def owners(found: ExtractedAction) -> list[str]:
    return [o.name for o in found.owners]


def test_an_action_in_the_margin_on_the_next_line_names_the_owners_of_the_minute() -> None:
    [item] = run(
        "STEERING GROUP\n\n3. Storage\n"
        "3.1 The group noted the report on the object store.\n\n"
        "3.2 It was agreed that the quotas would be reviewed before the next meeting.\n"
        "                                                              ACTION: KB\n"
    )
    assert owners(item) == ["Karin Berg"]
    assert "quotas would be reviewed" in item.text


def test_an_action_in_the_margin_of_the_same_line_names_several_owners() -> None:
    [item] = run(
        "STEERING GROUP\n\n3. Storage\n"
        "3.3 The draft SLA to be circulated to members by 26 November.      ACTION: KB, HS\n"
    )
    assert owners(item) == ["Karin Berg", "Hiro Sato"]
    assert item.text.endswith("circulated to members by 26 November.")
    assert item.due is not None
    assert item.due.date == date(2026, 11, 26)


def test_a_margin_action_after_a_minute_that_names_its_owner_keeps_that_one_item() -> None:
    [item] = run("STEERING GROUP\n\n3. Storage\nHS to renew the host keys.\n    ACTION: HS\n")
    assert owners(item) == ["Hiro Sato"]
    assert item.text == "HS to renew the host keys."


def test_a_margin_action_under_a_title_names_no_task() -> None:
    assert run("STEERING GROUP\n\n3. Storage\n\nACTION: KB\n") == []


def test_a_numbered_minute_of_sentences_is_no_title() -> None:
    doc = parse_minutes(
        "STEERING GROUP\n\n2. Matters arising\n"
        "2.1 Item 4.2 (tape recall): the tests were rerun. Completed.\n"
        "2.2 Item 5.1 (quota review): outstanding; carried forward.     KB\n"
        "2.3 Tape carousel\n",
        "text",
    )
    kinds = [(line.kind, line.text[:12]) for line in doc.lines][-3:]
    assert kinds == [
        (LineKind.PARAGRAPH, "2.1 Item 4.2"),
        (LineKind.PARAGRAPH, "2.2 Item 5.1"),
        (LineKind.HEADING, "Tape carouse"),
    ]


def test_a_margin_action_between_blank_lines_is_no_title() -> None:
    [item] = run(
        "STEERING GROUP\n\n3. Storage\n\nThe quotas will be reviewed in spring.\n\n"
        "                    ACTION: KB\n\n4. Any other business\n"
    )
    assert (owners(item), item.text) == (["Karin Berg"], "The quotas will be reviewed in spring.")


def test_a_register_of_numbered_actions_in_plain_lines() -> None:
    found = run(
        "STEERING GROUP\n\nAction register\n\n"
        "A-0412  Action on Bo: benchmark the erasure-coding pool.\n"
        "A-0413  Action on Karin and Hiro: draft the data plan template.\n"
        "A-0414  Ana to report on the token timeline.\n"
        "#15 Bo: renew the host keys\n"
    )
    assert [(owners(f), f.text[:20]) for f in found] == [
        (["Bo Chen"], "benchmark the erasur"),
        (["Karin Berg", "Hiro Sato"], "draft the data plan "),
        (["Ana Lima"], "Ana to report on the"),
        (["Bo Chen"], "renew the host keys"),
    ]


def test_a_deadline_in_brackets_after_the_owner_of_a_marker() -> None:
    [item] = run("STEERING GROUP\n\nAction for Bo (by Friday): renew the host keys\n")
    assert owners(item) == ["Bo Chen"]
    assert item.due is not None
    assert item.due.date == date(2026, 11, 20)
