"""Work told in running text: a decision that gives a named person work, a volunteer's answer to a
question for one, a request to a group in a later sentence, the agent of a passive task; and a
decision that settles a fact, which is no action. Invented sentences."""

from __future__ import annotations

from datetime import date

import pytest

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import MeetingContext, Participant, Roster

PEOPLE = tuple(Participant(n) for n in ("Alice Martin", "Bob Chen", "Carla Rossi"))
CTX = MeetingContext(meeting_date=date(2026, 6, 3), participants=PEOPLE)


def run(sentence: str) -> list[tuple[str, list[str]]]:
    text = f"# Ops\n\n## Discussion\n\n{sentence}\n"
    found = extract_actions(parse_minutes(text, "markdown"), CTX, Roster())
    return [(a.text, [o.name for o in a.owners]) for a in found]


@pytest.mark.parametrize(
    ("sentence", "task", "owner"),
    [
        (
            "It was agreed that Carla will book the room.",
            "Carla will book the room.",
            "Carla Rossi",
        ),
        ("We decided that Bob will draft the plan.", "Bob will draft the plan.", "Bob Chen"),
        ("Decision: Alice will merge the branch.", "Alice will merge the branch.", "Alice Martin"),
        # a decision label before a named infinitive: "Agreed: Bob to ..."
        ("Agreed: Bob to draft the plan.", "Bob to draft the plan.", "Bob Chen"),
        ("Decision: Carla to book the room.", "Carla to book the room.", "Carla Rossi"),
        ("It was agreed: Alice to merge the branch.", "Alice to merge the branch.", "Alice Martin"),
    ],
)
def test_a_decision_that_someone_will_act_is_their_action(
    sentence: str, task: str, owner: str
) -> None:
    assert run(sentence) == [(task, [owner])]


@pytest.mark.parametrize(
    "sentence",
    [
        "It was agreed that the target date is the end of the year.",
        "We decided that the old endpoint stays read-only.",
        "Agreed: we keep the old endpoint.",
        "Decided: the old endpoint stays read-only.",
    ],
)
def test_a_decision_that_settles_a_fact_is_no_action(sentence: str) -> None:
    assert run(sentence) == []


def test_a_volunteer_for_the_task_a_question_named_takes_that_task() -> None:
    assert run("Carla asked who would prepare the changelog; Alice volunteered.") == [
        ("prepare the changelog", ["Alice Martin"])
    ]


def test_a_request_to_a_group_in_a_later_sentence_of_the_line_is_found() -> None:
    assert run("The new release fixes the staging bug. Sites are asked to upgrade soon.") == [
        ("Sites are asked to upgrade soon.", ["all sites"])
    ]


def test_the_known_agent_of_a_passive_task_is_its_owner_however_far_on() -> None:
    assert run("The list will be sent to the sites by Bob before the holidays.") == [
        ("The list will be sent to the sites by Bob before the holidays.", ["Bob Chen"])
    ]
    [(_, owners)] = run("The list will be sent to the sites by Friday.")
    assert owners == []


@pytest.mark.parametrize(
    ("sentence", "task", "owner"),
    [
        ("Can someone check the pool? Carla: will do.", "check the pool", "Carla Rossi"),
        ("Who could update the wiki? Bob volunteered.", "update the wiki", "Bob Chen"),
        (
            "Could anyone rerun the tests? Alice: yes, I'll do it.",
            "rerun the tests",
            "Alice Martin",
        ),
        # the name alone answers, also after an arrow; a label may open the question
        ("Who will present the results? Bob.", "present the results", "Bob Chen"),
        (
            "Open point: who will present the results? -> Alice",
            "present the results",
            "Alice Martin",
        ),
        # a question to the one named, answered by them
        ("Could Carla share the config? Carla: yes, will do.", "share the config", "Carla Rossi"),
        # a need stated, then taken up: after a dash or in the next sentence
        (
            "Someone should update the site table — Bob volunteered.",
            "update the site table",
            "Bob Chen",
        ),
        ("We need someone to chase the vendor. Carla will.", "chase the vendor", "Carla Rossi"),
    ],
)
def test_a_call_for_a_volunteer_is_the_task_of_who_takes_it_up(
    sentence: str, task: str, owner: str
) -> None:
    assert run(sentence) == [(task, [owner])]


def test_a_call_taken_up_on_the_next_line_and_a_call_refused() -> None:
    assert run("- Can someone check the pool?\n- Carla: will do.") == [
        ("check the pool", ["Carla Rossi"])
    ]
    assert run("Can someone check the pool? Carla: no, not this week.") == []
    assert run("Why is the pool slow? -> Bob to check the logs") == [
        ("Bob to check the logs", ["Bob Chen"])
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Alice suggested that Bob contacts the vendor.",
        "Alice suggested that Bob contact the vendor.",
        "It was proposed that Bob should rerun the tests.",
    ],
)
def test_work_suggested_for_a_named_person_is_theirs_and_tentative(sentence: str) -> None:
    found = extract_actions(parse_minutes(f"## Notes\n\n{sentence}\n", "markdown"), CTX, Roster())
    assert [([o.name for o in a.owners], a.status.value) for a in found] == [
        (["Bob Chen"], "tentative")
    ]


def test_a_suggestion_of_a_thing_is_no_action() -> None:
    assert run("Alice suggested a new layout for the page.") == []
    assert run("Alice suggested that Bob's talk be moved to the afternoon.") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Everyone please fill in the poll.",
        "Please everyone fill in the poll.",
        "All: please fill in the poll.",
    ],
)
def test_a_polite_request_to_everyone_is_everyones(sentence: str) -> None:
    found = extract_actions(parse_minutes(f"## Notes\n\n{sentence}\n", "markdown"), CTX, Roster())
    assert [[o.name for o in a.owners] for a in found] == [["all"]]


def test_an_inline_list_of_numbered_steps_is_one_task_each() -> None:
    assert run("Next steps: (1) Bob to draft the plan; (2) Carla to book the room.") == [
        ("Bob to draft the plan", ["Bob Chen"]),
        ("Carla to book the room", ["Carla Rossi"]),
    ]


@pytest.mark.parametrize(
    ("sentence", "owner"),
    [
        ("Carla asks Bob to update the table.", "Bob Chen"),
        ("The board urges sites to enable tokens.", "all sites"),
        ("Alice requests all sites to rerun the test.", "all sites"),
    ],
)
def test_a_request_in_the_present_is_a_task_for_the_one_asked(sentence: str, owner: str) -> None:
    found = extract_actions(parse_minutes(f"## Notes\n\n{sentence}\n", "markdown"), CTX, Roster())
    assert [[o.name for o in a.owners] for a in found] == [[owner]]


def test_a_request_after_a_speakers_label_names_who_is_asked() -> None:
    text = "## Round table\n\n- North (Carla): asks sites to enable tokens.\n"
    found = extract_actions(parse_minutes(text, "markdown"), CTX, Roster())
    assert [[o.name for o in a.owners] for a in found] == [["all sites"]]


def round_table(line: str) -> list[tuple[str, list[str], str]]:
    text = f"Round table\n- {line}\n"
    found = extract_actions(parse_minutes(text, "text"), CTX, Roster())
    return [(a.text, [o.name for o in a.owners], a.status.value) for a in found]


def test_a_sites_plan_after_its_label_is_the_sites() -> None:
    assert round_table("North: plans to upgrade the pool in May.") == [
        ("plans to upgrade the pool in May.", ["North"], "open")
    ]
    # with nobody to plan it, "Plan to ..." states a policy
    assert run("- Plan to keep the old layout for now.") == []


def test_work_still_needed_after_work_done_is_open() -> None:
    assert round_table("North: upgrade done; still need to migrate the config.") == [
        ("still need to migrate the config", [], "open")
    ]
    assert round_table("North: upgrade done, Carla still needs to migrate the config.") == [
        ("Carla still needs to migrate the config", ["Carla Rossi"], "open")
    ]
    assert round_table("North: upgrade done.") == []
    assert round_table("North: upgrade done, Bob will present the results next time.") == [
        ("Bob will present the results next time", ["Bob Chen"], "open")
    ]


@pytest.mark.parametrize(
    ("sentence", "owner", "status"),
    [
        ("Bob's action on the transfer logs is still open.", "Bob Chen", "open"),
        ("The pending action on the budget (C. Rossi) remains open.", "Carla Rossi", "open"),
        ("Alice's action on the room booking is done.", "Alice Martin", "done"),
    ],
)
def test_an_action_reviewed_in_running_text_keeps_its_owner_and_state(
    sentence: str, owner: str, status: str
) -> None:
    found = extract_actions(parse_minutes(f"## Notes\n\n{sentence}\n", "markdown"), CTX, Roster())
    assert [([o.name for o in a.owners], a.status.value) for a in found] == [([owner], status)]


@pytest.mark.parametrize(
    ("sentence", "owner"),
    [
        ("Bob will have to check the transfer logs.", "Bob Chen"),
        ("Carla undertook to circulate the draft.", "Carla Rossi"),
        ("Alice is to send the report to the board.", "Alice Martin"),
    ],
)
def test_an_obligation_or_an_undertaking_is_a_commitment(sentence: str, owner: str) -> None:
    found = extract_actions(parse_minutes(f"## Notes\n\n{sentence}\n", "markdown"), CTX, Roster())
    assert [[o.name for o in a.owners] for a in found] == [[owner]]


def test_an_obligation_without_work_or_of_the_whole_group_is_no_task() -> None:
    assert run("Bob will have to leave early.") == []
    assert run("We will need to make new images.") == []


@pytest.mark.parametrize(
    ("line", "owner"),
    [
        ("- All sites: upgrade the firmware by March.", "all sites"),
        ("- Everyone: check your entries in the table.", "all"),
    ],
)
def test_a_group_label_over_an_imperative_outside_an_action_list(line: str, owner: str) -> None:
    found = extract_actions(parse_minutes(f"## Notes\n\n{line}\n", "markdown"), CTX, Roster())
    assert [[o.name for o in a.owners] for a in found] == [[owner]]
    assert run("- All sites: the tests are green.") == []
