"""A "she" or "he" who commits is the one person the text before named, never a guess."""

from __future__ import annotations

from datetime import date

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import MeetingContext, Participant, Roster

PEOPLE = tuple(Participant(n) for n in ("Alice Martin", "Bob Chen", "Carla Rossi"))
CTX = MeetingContext(meeting_date=date(2026, 6, 3), participants=PEOPLE)


def run(text: str) -> list[tuple[str, list[str]]]:
    found = extract_actions(
        parse_minutes(f"# Ops\n\n## Round table\n\n{text}\n", "markdown"), CTX, Roster()
    )
    return [(a.text, [o.name for o in a.owners]) for a in found]


def test_she_after_a_sentence_that_names_her_is_her() -> None:
    assert run("Carla said the new pool is almost full. She will order more disks.") == [
        ("She will order more disks.", ["Carla Rossi"])
    ]


def test_he_in_a_later_clause_is_the_clause_s_subject_before() -> None:
    [(_, owners)] = run("Bob presented the migration plan; he'll circulate the draft by Friday.")
    assert owners == ["Bob Chen"]


def test_with_nobody_named_before_the_pronoun_owns_nothing() -> None:
    assert run("The pool is almost full. She will order more disks.") == []


def test_a_speakers_turn_told_in_the_third_person_is_theirs() -> None:
    # the secretary's account of Bob's report: "he" is Bob
    assert run("Bob: the fix is ready. He will deploy it tomorrow.") == [
        ("He will deploy it tomorrow.", ["Bob Chen"])
    ]


def test_in_a_speakers_own_words_a_she_is_someone_else() -> None:
    # Bob speaks for himself ("I"), so "she" is neither Bob nor the "I": nobody the text names
    assert run("Bob: I have the fix ready. She will deploy it tomorrow.") == []
    assert run("Bob: I talked to Marc. He will send the logs.") == []


def test_two_people_named_before_leave_the_pronoun_unresolved() -> None:
    assert run("Alice and Bob presented the plan. She will circulate it.") == []


def test_a_state_is_no_commitment_of_the_person_named() -> None:
    assert run("Bob presented the plan. He will be away next week.") == []


def test_a_he_or_she_in_a_sites_report_is_the_one_who_reports() -> None:
    text = (
        "* RAL (Alice): quota raised. She will report back with the numbers.\n"
        "* CNAF (Bob)\n"
        "    * EL9 on the workers: 40% done.\n"
        "    * He will write up the experiences for the wiki.\n"
    )
    assert run(text) == [
        ("She will report back with the numbers.", ["Alice Martin"]),
        ("He will write up the experiences for the wiki.", ["Bob Chen"]),
    ]


def test_a_sentence_with_no_subject_of_its_own_keeps_the_one_named_before() -> None:
    text = (
        "### Rucio (Carla)\n\nCarla presented the new scheme. Agreed to go ahead with it. "
        "She will put it into the production rules."
    )
    found = extract_actions(parse_minutes(f"# Ops\n\n{text}\n", "markdown"), CTX, Roster())
    assert [(a.text, [o.name for o in a.owners]) for a in found] == [
        ("She will put it into the production rules.", ["Carla Rossi"])
    ]


def test_a_later_clauses_she_and_a_titled_sections_she_are_the_reporters() -> None:
    text = (
        "### 1. Storage (Alice)\n\nThe new pools are ready on the site side. She will register "
        "them as RSEs next week.\n\n### 2. Experiments\n\n"
        "* CMS (Carla): all sites use tokens except three; she will chase the remaining three.\n"
    )
    found = extract_actions(parse_minutes(f"# Ops\n\n{text}\n", "markdown"), CTX, Roster())
    assert [(a.text, [o.name for o in a.owners]) for a in found] == [
        ("She will register them as RSEs next week.", ["Alice Martin"]),
        ("she will chase the remaining three", ["Carla Rossi"]),
    ]


def test_the_writers_i_and_another_persons_will_in_one_sentence_are_two_tasks() -> None:
    text = "### Tokens (Bob)\n\n* I will write the guide by Friday; Carla will review it later.\n"
    found = extract_actions(parse_minutes(f"# Ops\n\n{text}\n", "markdown"), CTX, Roster())
    assert [(a.text, [o.name for o in a.owners]) for a in found] == [
        ("I will write the guide by Friday", ["Bob Chen"]),
        ("Carla will review it later", ["Carla Rossi"]),
    ]
