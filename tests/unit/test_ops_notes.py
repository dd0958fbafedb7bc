"""An operations team's weekly notes: "Outcome:" after the discussion it closes, a nested
"Name: verb ..." task, an open-items table whose notes column says what is done. Invented
minutes."""

from __future__ import annotations

from datetime import date

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import ExtractedAction, MeetingContext, Participant, Roster, Status

PEOPLE = tuple(Participant(n) for n in ("Ana Rios", "Lea Moser", "Piet Vos", "Sam Ortiz"))
CTX = MeetingContext(meeting_date=date(2026, 12, 3), participants=PEOPLE)

NOTES = """# Ops weekly

## Notes
- Discussion on the retention model. Outcome: Lea drafts a proposal for the next call.
- Perf tests between the two sites show 40 Gb/s.
  - Piet: repeat with jumbo frames

## Open items
| # | Item | Owner | Notes |
|---|------|-------|-------|
| 31 | Retention policy page | Ana | draft circulated |
| 33 | On-call rota for the holidays | Sam | done |
"""


def found() -> dict[str, ExtractedAction]:
    actions = extract_actions(parse_minutes(NOTES, "markdown"), CTX, Roster())
    return {a.text: a for a in actions}


def test_an_outcome_after_the_discussion_in_the_present_is_the_named_task() -> None:
    item = found()["Lea drafts a proposal for the next call."]
    assert [o.name for o in item.owners] == ["Lea Moser"]


def test_a_nested_name_and_verb_is_that_persons_task() -> None:
    assert [o.name for o in found()["repeat with jumbo frames"].owners] == ["Piet Vos"]


def test_a_notes_column_gives_the_state_when_the_table_has_no_status_column() -> None:
    rows = found()
    assert rows["On-call rota for the holidays"].status is Status.DONE
    assert rows["Retention policy page"].status is Status.OPEN


def test_an_outcome_told_in_the_past_is_no_task() -> None:
    text = "# Ops\n\n- Outcome: nobody objected to the plan.\n- Outcome: make a PR for it.\n"
    actions = extract_actions(parse_minutes(text, "markdown"), CTX, Roster())
    assert [a.text for a in actions] == ["make a PR for it."]


def run(text: str) -> list[tuple[str, list[str], Status]]:
    actions = extract_actions(parse_minutes(f"# Ops\n\n{text}\n", "markdown"), CTX, Roster())
    return [(a.text, [o.name for o in a.owners], a.status) for a in actions]


def test_work_under_way_by_a_known_person_is_their_open_task() -> None:
    assert run("- South: timeouts on large files. Under investigation by Piet.") == [
        ("Under investigation by Piet.", ["Piet Vos"], Status.OPEN)
    ]
    assert run("- The pool is being looked at by the vendor.") == []


def test_a_second_subject_after_a_comma_gets_its_own_task() -> None:
    assert run("- Lea offered to draft the report, Ana to review.") == [
        ("Lea offered to draft the report", ["Lea Moser"], Status.TENTATIVE),
        ("Ana to review", ["Ana Rios"], Status.OPEN),
    ]
    # names joined by "and" stay one subject
    assert run("- Lea and Ana to review the report.") == [
        ("Lea and Ana to review the report.", ["Lea Moser", "Ana Rios"], Status.OPEN)
    ]


def test_a_need_with_its_owner_in_brackets_and_a_group_asked_to_please() -> None:
    assert run("- Need to follow up on the checksum errors (Piet).") == [
        ("Need to follow up on the checksum errors (Piet).", ["Piet Vos"], Status.OPEN)
    ]
    assert run("- Need to follow up on the checksum errors.") == []  # a note, no task
    assert run("- Sites: please check your endpoint entries.") == [
        ("please check your endpoint entries.", ["all sites"], Status.OPEN)
    ]


def test_a_second_speakers_turn_in_the_line_and_an_assent_before_the_commitment() -> None:
    assert run("- Piet: section 4 is unclear. Lea: agreed, will rewrite it by Friday.") == [
        ("will rewrite it by Friday.", ["Lea Moser"], Status.OPEN)
    ]
    assert run("- Lea: yes, I'll send the plots.") == [
        ("I'll send the plots.", ["Lea Moser"], Status.OPEN)
    ]


def test_work_packages_reported_under_their_leaders_titles() -> None:
    text = (
        "### WP1 — Archive (Piet)\n- Piet is following up with the storage developers.\n"
        "- Plan for the next period: enable tape copies at the second site.\n\n"
        "### WP3 — Monitoring (Sam)\n"
        "- To do: alerting on failed transfers (Sam), documentation (Ana).\n"
    )
    assert run(text) == [
        ("Piet is following up with the storage developers.", ["Piet Vos"], Status.OPEN),
        (
            "Plan for the next period: enable tape copies at the second site.",
            ["Piet Vos"],
            Status.OPEN,
        ),
        ("alerting on failed transfers", ["Sam Ortiz"], Status.OPEN),
        ("documentation", ["Ana Rios"], Status.OPEN),
    ]
