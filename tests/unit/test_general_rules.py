"""General rules that replaced phrases of single documents: each on invented sentences."""

from __future__ import annotations

from datetime import date

import pytest

from wp2bot.domain import action_headings, non_action_patterns, status_patterns, vocabulary
from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import MeetingContext, Participant, Roster, Status

PEOPLE = tuple(Participant(n) for n in ("Alice Martin", "Bob Chen", "Carla Rossi"))
CTX = MeetingContext(meeting_date=date(2026, 6, 3), participants=PEOPLE)


def run(text: str) -> list[tuple[str, list[str], Status]]:
    found = extract_actions(parse_minutes(text, "markdown"), CTX, Roster())
    return [(a.text, [o.name for o in a.owners], a.status) for a in found]


@pytest.mark.parametrize(
    "text",
    [
        # a pointer to another part of the minutes
        "As recorded above.",
        "See above.",
        "As discussed earlier.",
        "Same as above",
        # closing the topic without further work
        "Close it with no action.",
        "Suggest closing, no further action",
        "Closed, nothing further to do.",
        "Close the ticket, no further action.",
        # keeping the topic on the agenda
        "Keep it as a standing item on the agenda",
        "Keep it as a recurring agenda item.",
        "Keep this on the agenda.",
        "Continue the discussion next time.",
    ],
)
def test_non_tasks_under_an_action_label(text: str) -> None:
    assert non_action_patterns.DEFERRAL.match(text), text
    assert run(f"# Notes\n\nACTION: {text}\n") == []


@pytest.mark.parametrize(
    "note",
    ["Done, it was easy.", "turned out to be trivial", "It was quick.", "was very simple"],
)
def test_a_past_judgement_of_the_effort_means_done(note: str) -> None:
    assert status_patterns.may_say_done(note.lower())
    assert status_patterns.DONE.search(note), note
    got = run(f"# Earlier actions\n\n- Bob to rotate the keys\n    - {note}\n")
    assert got == [("Bob to rotate the keys", ["Bob Chen"], Status.DONE)]


def test_an_easy_task_still_to_do_is_not_done() -> None:
    assert not status_patterns.DONE.search("this should be easy to fix")


@pytest.mark.parametrize(
    "sentence",
    [
        "Alice: I think I should look into the log rotation.",
        "Alice: I guess I could write the first draft.",
        "Alice: I suppose I can ask the vendor.",
    ],
)
def test_a_self_assignment_hedged_by_the_speaker_is_tentative(sentence: str) -> None:
    assert status_patterns.may_be_tentative(sentence.lower())
    assert status_patterns.TENTATIVE.search(sentence), sentence
    [(_, owners, status)] = run(f"# Notes\n\n{sentence}\n")
    assert owners == ["Alice Martin"]
    assert status is Status.TENTATIVE


@pytest.mark.parametrize(
    "sentence",
    [
        "The exact venue will be the subject of a short survey.",
        "The dates will be subject of an online poll.",
    ],
)
def test_a_question_put_to_a_poll_is_an_unowned_task(sentence: str) -> None:
    assert run(f"# Notes\n\nThe venue is still open. {sentence}\n") == [(sentence, [], Status.OPEN)]


@pytest.mark.parametrize(
    "sentence",
    ["Bob will continue work on the handbook.", "Bob will continue testing the release."],
)
def test_continuing_work_is_a_commitment(sentence: str) -> None:
    assert run(f"# Notes\n\n{sentence}\n") == [(sentence, ["Bob Chen"], Status.OPEN)]


@pytest.mark.parametrize(
    "sentence",
    ["Bob will continue to receive the monthly report.", "The cache will continue to be slow."],
)
def test_continuing_a_state_is_no_commitment(sentence: str) -> None:
    assert run(f"# Notes\n\n{sentence}\n") == []


@pytest.mark.parametrize("title", ["3. Next steps:", "2.3 Action items", "4) Actions"])
def test_a_numbered_action_heading_heads_an_action_list(title: str) -> None:
    assert action_headings.is_action_heading(title)
    text = f"## {title}\n\n* Integrate with the object store.\n* Work on the ingest queue\n"
    assert [t for t, _, _ in run(text)] == [
        "Integrate with the object store.",
        "Work on the ingest queue",
    ]


def test_a_numbered_title_of_another_kind_is_no_action_heading() -> None:
    assert not action_headings.is_action_heading("5. Storage report")
    assert not action_headings.is_action_heading("2024 actions budget")


@pytest.mark.parametrize(
    ("sentence", "body"),
    [
        # (a body named by what it does is the group of that name, its article aside)
        ("The storage working group will pick this up.", "storage working group"),
        ("The docs WG will draft the new page.", "The docs WG"),
    ],
)
def test_a_named_body_in_lower_case_commits(sentence: str, body: str) -> None:
    [(text, owners, status)] = run(f"# Notes\n\n{sentence}\n")
    assert text == sentence
    assert owners == [body]
    assert status is Status.OPEN


def test_a_wish_to_keep_things_as_they_are_is_no_task() -> None:
    assert run("# Notes\n\nBob wants to keep the old layout for now.\n") == []
    assert run("# Notes\n\nCarla wants to avoid a second migration.\n") == []
    [(_, owners, _)] = run("# Notes\n\nBob wants to write a short guide for the sites.\n")
    assert owners == ["Bob Chen"]


@pytest.mark.parametrize(
    "text",
    ["Revisit next week.", "revisit it in May", "Revisit later", "Revisit the topic as it evolves"],
)
def test_revisiting_the_topic_later_is_a_deferral(text: str) -> None:
    assert non_action_patterns.DEFERRAL.match(text), text
    assert run(f"# Notes\n\nACTION: {text}\n") == []


def test_revisiting_a_named_thing_is_a_task() -> None:
    assert not non_action_patterns.DEFERRAL.match("Revisit the draft to check the prefix rules")
    got = run("# Action items\n\n* Carla: Revisit the draft to check the prefix rules\n")
    assert got == [("Revisit the draft to check the prefix rules", ["Carla Rossi"], Status.OPEN)]


@pytest.mark.parametrize(
    "verb", ["Troubleshoot", "Debug", "Assess", "Audit", "Renew", "Triage", "Reproduce"]
)
def test_task_verbs_open_a_labelled_task(verb: str) -> None:
    assert vocabulary.looks_imperative(f"{verb} crashing nodes")
    got = run(f"# Site reports\n\n- Storage site (Bob): {verb} crashing nodes\n")
    assert got == [(f"Storage site (Bob): {verb} crashing nodes", ["Bob Chen"], Status.OPEN)]


def test_a_ticked_topic_under_discussion_items_is_no_task() -> None:
    minutes = (
        "# Weekly\n\n## Discussion items\n\n"
        "- [x] 2026-02: Budget for the spring school and next steps\n"
        "- [ ] 2026-03: Future of the help desk\n"
        "- [ ] Ask the venue for a quote on the larger room\n"
        "- [x] Bob: Book the flights for the speakers\n"
    )
    got = run(minutes)
    assert got == [
        ("Ask the venue for a quote on the larger room", [], Status.OPEN),
        ("Book the flights for the speakers", ["Bob Chen"], Status.DONE),
    ]


def test_a_ticked_topic_elsewhere_is_still_a_task() -> None:
    got = run("# Weekly\n\n## Notes\n\n- [ ] Budget for the spring school and next steps\n")
    assert got == [("Budget for the spring school and next steps", [], Status.OPEN)]


@pytest.mark.parametrize(
    "text",
    [
        "Moved to Tuesday - Friday to avoid the holiday.",
        "Shifted to March because of the workshop.",
        "Helpful to list the sheet name in the error message.",
        "Advisable to keep a copy of the old configuration.",
    ],
)
def test_a_word_before_to_that_is_no_owner(text: str) -> None:
    assert run(f"# Notes\n\nThe plenary:\n\n- {text}\n") == []
    # without a roll call every capitalised word could be a name: the words after "to" decide
    alone = MeetingContext(meeting_date=date(2026, 6, 3))
    doc = parse_minutes(f"# Notes\n\nThe plenary:\n\n- {text}\n", "markdown")
    assert extract_actions(doc, alone, Roster()) == []


def test_a_name_before_to_still_commits() -> None:
    got = run("# Notes\n\n- Carla to move the plenary to Tuesday.\n")
    assert got == [("Carla to move the plenary to Tuesday.", ["Carla Rossi"], Status.OPEN)]


@pytest.mark.parametrize(
    ("sentence", "owners", "status"),
    [
        ("Bob planned to review the whole chapter and open a pull request.", ["Bob Chen"], "open"),
        (
            "Carla proposing to rework the intro so that it covers the bindings.",
            ["Carla Rossi"],
            "open",
        ),
        (
            "Alice mentioned this came up before and that she'll post to the issue.",
            ["Alice Martin"],
            "open",
        ),
        ("Bob said that he will send the numbers to the list.", ["Bob Chen"], "open"),
        ("The action is to collect the survey answers before the retreat.", [], "open"),
        ("Likely action item is to split the review work among the maintainers.", [], "tentative"),
    ],
)
def test_reported_plans_and_stated_actions(sentence: str, owners: list[str], status: str) -> None:
    got = run(f"# Notes\n\n* Release\n  * {sentence}\n")
    assert got == [(sentence, owners, Status(status))]


@pytest.mark.parametrize(
    "sentence",
    [
        "Bob said that he will not be at the next meeting.",
        "The action was to be discussed at the retreat.",
    ],
)
def test_reported_states_are_no_plans(sentence: str) -> None:
    assert run(f"# Notes\n\n* Release\n  * {sentence}\n") == []


@pytest.mark.parametrize(
    ("sentence", "owner"),
    [
        ("NFDI to collect the feedback on the proposed call frequency.", "NFDI"),
        ("CB to send the draft agenda to the list.", "CB"),
    ],
)
def test_an_acronym_or_initials_before_to_commit(sentence: str, owner: str) -> None:
    got = run(f"# Notes\n\n- Plans\n  - {sentence}\n")
    assert [(text, status) for text, _, status in got] == [(sentence, Status.OPEN)]
    found = extract_actions(parse_minutes(f"# Notes\n\n- {sentence}\n", "markdown"), CTX, Roster())
    assert [a.owners_raw for a in found] == [(owner,)]


def test_a_commitment_after_a_topic_and_a_dash() -> None:
    got = run("# Notes\n\n* Budget\n * Travel fund - BC to follow up\n")
    assert [(owners, status) for _, owners, status in got] == [(["Bob Chen"], Status.OPEN)]


@pytest.mark.parametrize(
    "text",
    [
        "**NB:** all times CET - Due to the holiday, Monday is a short day for most sites",
        "Thanks to the new runners, the tests now pass in ten minutes.",
        "Prior to the release, the branch was frozen for a week.",
    ],
)
def test_a_preposition_before_to_is_no_owner(text: str) -> None:
    assert run(f"# Notes\n\n{text}\n") == []


def test_a_report_then_a_dash_and_will_commits_the_reporter() -> None:
    got = run(
        "# Notes\n\n- Demos\n  - Carla – porting the parser: most tests pass - will open a PR next"
        " week\n  - Bob - no news - will ask the vendor again\n"
    )
    assert [(owners, status) for _, owners, status in got] == [
        (["Carla Rossi"], Status.OPEN),
        (["Bob Chen"], Status.OPEN),
    ]


@pytest.mark.parametrize(
    ("text", "owners", "status"),
    [
        ("Note here for Carla to write up the feedback.", ["Carla Rossi"], Status.OPEN),
        ("A reminder for Bob to renew the certificate.", ["Bob Chen"], Status.OPEN),
        ("CR: can review the drafts (or one draft)", ["Carla Rossi"], Status.TENTATIVE),
    ],
)
def test_a_note_for_someone_and_a_speakers_offer(
    text: str, owners: list[str], status: Status
) -> None:
    got = run(f"# Notes\n\n- Reviews\n  - {text}\n")
    assert [(o, s) for _, o, s in got] == [(owners, status)]


@pytest.mark.parametrize(
    "text",
    [
        "Alice opened a pull request for Bob to merge.",
        "CR: can we keep the old name for now?",
        "BC: can be slow on the first run",
    ],
)
def test_a_purpose_a_question_or_a_state_is_no_task(text: str) -> None:
    assert run(f"# Notes\n\n- Reviews\n  - {text}\n") == []


@pytest.mark.parametrize(
    ("sentence", "owners"),
    [
        (
            "Carla/Bob + others from the UK planning to put in a small proposal.",
            ["Carla Rossi", "Bob Chen", "others from the UK"],
        ),
        ("Alice and colleagues will prepare a joint session.", ["Alice Martin"]),
    ],
)
def test_named_people_with_others_commit(sentence: str, owners: list[str]) -> None:
    assert run(f"# Notes\n\n- Funding\n  - {sentence}\n") == [(sentence, owners, Status.OPEN)]


def test_a_later_clause_after_a_semicolon_is_the_item_text() -> None:
    found = run("Carla said the tape tests were slow; Bob will rerun them next week.\n")
    assert found == [("Bob will rerun them next week", ["Bob Chen"], Status.OPEN)]


@pytest.mark.parametrize(
    ("line", "task"),
    [
        # a report, a dash, then a commitment: the commitment is the task
        (
            "Alice showed the new dashboard - it is a prototype, but Bob will write a how-to.",
            "Bob will write a how-to",
        ),
        (
            "The mirror is slow - Bob will move it to SSD by Friday.",
            "Bob will move it to SSD by Friday",
        ),
    ],
)
def test_a_commitment_after_a_report_is_the_item_text(line: str, task: str) -> None:
    assert run(f"{line}\n") == [(task, ["Bob Chen"], Status.OPEN)]


def test_a_condition_before_the_commitment_stays_in_the_item_text() -> None:
    line = "Once the tests pass - Bob will tag the release."
    assert run(f"{line}\n") == [(line, ["Bob Chen"], Status.OPEN)]


def test_a_deadline_in_the_report_before_the_commitment_still_counts() -> None:
    found = extract_actions(
        parse_minutes("Slides are due on 12 June - Bob will send his draft.\n", "markdown"),
        CTX,
        Roster(),
    )
    assert [(a.text, a.due.date if a.due else None) for a in found] == [
        ("Bob will send his draft", date(2026, 6, 12))
    ]


def test_a_report_s_state_before_a_marker_is_not_the_task_s() -> None:
    line = "- DESY (Bob): the transfer test completed, no failures. AI: Bob to publish the setup.\n"
    assert run(f"## Round table\n\n{line}") == [
        ("Bob to publish the setup.", ["Bob Chen"], Status.OPEN)
    ]
    done = "- AI: Bob to publish the setup. Done.\n"
    assert [s for _, _, s in run(f"## Actions\n\n{done}")] == [Status.DONE]


def test_an_excused_member_still_owns_their_action() -> None:
    text = (
        "Present: Alice Martin, Bob Chen\nExcused: Yuna Sato\n\n"
        "## Actions from last time\n\n- Yuna: check the tape buffer at the site\n"
    )
    found = extract_actions(
        parse_minutes(text, "markdown"), MeetingContext(date(2026, 6, 3)), Roster()
    )
    assert [(a.text, [o.name for o in a.owners]) for a in found] == [
        ("check the tape buffer at the site", ["Yuna Sato"])
    ]


FOLLOW_UPS = (
    "- Alice: ✔ gateways upgraded to 5.3 (done 2 June)\n"
    "- Bob: tape migration – ongoing, 1.1 of 1.8 PB\n"
    "- Bob: maybe look into the checksum timeout – no time yet\n"
)


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        (f"## Follow-ups\n\n{FOLLOW_UPS}", "markdown"),
        (f"**Follow-ups**\n\n{FOLLOW_UPS}", "markdown"),
        (
            "<p><strong>Follow-ups</strong></p><ul>"
            + "".join(f"<li>{line[2:]}</li>" for line in FOLLOW_UPS.splitlines())
            + "</ul>",
            "html",
        ),
    ],
)
def test_a_follow_ups_list_labels_each_item_with_its_owner(text: str, fmt: str) -> None:
    found = extract_actions(parse_minutes(text, fmt), CTX, Roster())
    hedged = [a for a in found if "checksum" in a.text]
    assert [([o.name for o in a.owners], a.status) for a in hedged] == [
        (["Bob Chen"], Status.TENTATIVE)
    ]


def test_a_hedged_instruction_is_the_speaker_s_tentative_task_outside_a_discussion() -> None:
    assert run("## Notes\n\n- Bob: perhaps rerun the checksum test on the pool\n") == [
        ("perhaps rerun the checksum test on the pool", ["Bob Chen"], Status.TENTATIVE)
    ]
    # in a discussion it is advice: no owner
    discussion = "## Discussion\n\n- Bob: the tests are slow\n- Alice: maybe check the logs first\n"
    assert [owners for _, owners, _ in run(discussion)] == [[]]


def test_by_then_takes_the_deadline_of_the_line_before() -> None:
    text = (
        "## Release outlook\n\n"
        "- strict deadline: end of June (before the summer school)\n"
        "- Bob will merge the tape support by then\n"
    )
    found = extract_actions(parse_minutes(text, "markdown"), CTX, Roster())
    assert [(a.text, a.due.date if a.due else None) for a in found] == [
        ("Bob will merge the tape support by then", date(2026, 6, 30))
    ]


def test_a_gerund_opening_a_line_is_no_owner_but_an_intention() -> None:
    text = (
        "## DESY (Bob)\n\n"
        "Planning to migrate the pool in May.\n\n"
        "## Outlook\n\n"
        "- Hoping to start the tape tests in January.\n"
        "- Trying to put together a proposal.\n"
    )
    found = extract_actions(parse_minutes(text, "markdown"), CTX, Roster())
    assert [(a.text, [o.name for o in a.owners], a.status) for a in found] == [
        # (a site's title with its speaker: theirs both, as in a round-table)
        ("Planning to migrate the pool in May.", ["DESY", "Bob Chen"], Status.OPEN),
        ("Hoping to start the tape tests in January.", [], Status.TENTATIVE),
    ]


@pytest.mark.parametrize(
    ("word", "gerund"),
    [
        ("Planning", True),
        ("Setting", True),
        ("Running", True),
        ("Ming", False),
        ("Xiaoming", False),
    ],
)
def test_only_the_ing_form_of_a_task_verb_is_a_gerund(word: str, gerund: bool) -> None:
    assert vocabulary.is_gerund(word) is gerund


def test_a_reported_wish_is_the_speaker_s_tentative_task() -> None:
    line = "Carla indicated that she would like to retire the old mirror after the summer."
    assert run(f"## Notes\n\n- {line}\n") == [(line, ["Carla Rossi"], Status.TENTATIVE)]
    assert run("## Notes\n\n- Carla said she would not retire the mirror.\n") == []


def test_a_site_with_digits_in_its_name_owns_its_commitment() -> None:
    line = "- CC-IN2P3 (Bob): all nodes dual-stack. IN2P3 will open the partition to test jobs.\n"
    assert [owners for _, owners, _ in run(f"## Site round-table\n\n{line}")] == [["IN2P3"]]
    # a challenge or a version with digits is no owner
    assert run("## Notes\n\n- DC24 will start in February.\n- EL9 will be the default.\n") == []


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("Bob will have a look at the pool config.", "Bob Chen"),
        ("Carla to have a quick look at the logs.", "Carla Rossi"),
        ("Alice will have a chat with the vendor.", "Alice Martin"),
        ("Carla is looking into the crashes.", "Carla Rossi"),
        ("One disk failed, Bob is chasing the vendor.", "Bob Chen"),
        ("The pool filled up; Alice is chasing the users.", "Alice Martin"),
        ("Alice asked for help with the config - Carla agreed to have a look.", "Carla Rossi"),
        ("Bob had questions on the quotas, Alice offered to check them.", "Alice Martin"),
        ("Carla will have the new pools in place by the review.", "Carla Rossi"),
        ("Bob aims to have the report ready before the break.", "Bob Chen"),
        ("Alice expects to have a first draft by then.", "Alice Martin"),
    ],
)
def test_work_taken_on_or_under_way_in_everyday_wording(text: str, owner: str) -> None:
    [(_, owners, _)] = run(text)
    assert owners == [owner]


@pytest.mark.parametrize(
    "text",
    [
        "We will have a meeting in January.",
        "Bob will have the results next week.",
        "Carla is looking at the slides.",
        "After the break, Alice presenting the results.",
    ],
)
def test_plans_and_narration_in_the_same_words_are_no_tasks(text: str) -> None:
    assert run(text) == []


def test_a_group_qualified_by_what_it_cannot_do_is_still_asked() -> None:
    [(_, owners, _)] = run("Sites that cannot make the date should tell the chair by 15 June.")
    assert owners == ["sites that cannot make the date"]
    assert run("Carla cannot make the next meeting.") == []


@pytest.mark.parametrize(
    "text",
    [
        "@Carla: pursue a roll call for the committee",
        "Bob to liaise with the vendor on the quote",
        "Alice to proofread the report",
        "Carla will reopen the ticket",
    ],
)
def test_verbs_of_work_beyond_the_everyday_ones(text: str) -> None:
    [(_, owners, _)] = run(text)
    assert len(owners) == 1


@pytest.mark.parametrize(
    "text",
    ["Potential to promote the event with partners", "Chance to update the docs before June"],
)
def test_a_noun_that_a_to_follows_names_nobody(text: str) -> None:
    assert [owners for _, owners, _ in run(text)] in ([], [[]])


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("IPv6: Carla: five sites lack it. Will send reminders to them.", "Carla Rossi"),
        ("Tokens: Bob: the timeline is fixed. Will present it in June.", "Bob Chen"),
        ("LHCb: Would like T1s to confirm their tape plans by Friday.", "Tier-1 sites"),
        ("Alice would like the T2s to send their figures.", "Tier-2 sites"),
    ],
)
def test_a_turn_under_a_topic_and_wishes_for_a_groups_work(text: str, owner: str) -> None:
    [(_, owners, _)] = run(text)
    assert owners == [owner]


@pytest.mark.parametrize(
    ("text", "owners"),
    [
        ("Bob, supported by Carla, will run the stress test.", ["Bob Chen", "Carla Rossi"]),
        ("Alice (with Bob) to organise the workshop.", ["Alice Martin", "Bob Chen"]),
        (
            "Carla, together with Alice, will write the tape report.",
            ["Carla Rossi", "Alice Martin"],
        ),
        ("Bob, as the site contact, will open the ticket.", ["Bob Chen"]),
        ("- Alice (lead), Bob: write the migration plan", ["Alice Martin", "Bob Chen"]),
    ],
)
def test_a_helper_or_a_role_beside_the_owner(text: str, owners: list[str]) -> None:
    [(found, who, _)] = run(text)
    assert who == owners
    assert found in (text, text.removeprefix("- "), "write the migration plan")


def test_a_remark_between_subject_and_verb_is_no_helper() -> None:
    assert run("Bob, who was late, said hello.") == []


def test_an_ability_offered_is_a_tentative_task_of_the_one_offering() -> None:
    [(_, owners, status)] = run("Carla may be able to provide a test endpoint in May.")
    assert (owners, status) == (["Carla Rossi"], Status.TENTATIVE)
    assert run("We may be able to make use of that.") == []


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Carla would be happy to pilot the service once it is ready.", Status.TENTATIVE),
        ("Bob is happy to review the text.", Status.TENTATIVE),
        ("Alice committed to releasing the patched client before June.", Status.OPEN),
    ],
)
def test_willing_offers_and_promises(text: str, status: Status) -> None:
    [(_, owners, found)] = run(text)
    assert len(owners) == 1
    assert found is status


def test_a_group_committed_to_a_plan_and_where_a_talk_goes_on_are_no_tasks() -> None:
    assert run("The board committed to the plan.") == []
    assert run("Let's take that to the issue.") == []


def test_everyone_asked_in_lower_case_in_a_chat() -> None:
    [(_, owners, _)] = run("everyone please review the draft charter before June")
    assert owners == ["all"]


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("Feedback forms to be collated by CR and shared in two weeks.", "Carla Rossi"),
        ("The results will be validated by Bob.", "Bob Chen"),
        ("Ask the vendor whether they can help -- Alice", "Alice Martin"),
    ],
)
def test_work_in_the_passive_and_an_owner_after_a_typed_dash(text: str, owner: str) -> None:
    [(_, owners, _)] = run(text)
    assert owners == [owner]


def test_an_agreement_that_names_nobody_is_no_task_one_that_names_someone_is_theirs() -> None:
    assert run("Agreement that the flag will be removed in 8.0 with warnings in 7.2.") == []
    [(_, owners, _)] = run("Agreement that Bob will draft the text.")
    assert owners == ["Bob Chen"]


@pytest.mark.parametrize(
    "text",
    [
        "2. Check of the scheduler upgrade (Bob, 15 min)",
        "The Committee to note the survey results.",
        "Members to note the survey results.",
    ],
)
def test_an_agenda_talk_and_taking_note_are_no_tasks(text: str) -> None:
    assert run(text) == []


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        (
            "It was agreed that the request needs an estimate first: Bob will send one in May.",
            "Bob Chen",
        ),
        (
            "Decision: names to be aligned with the TF; Alice to circulate a table by 3 April.",
            "Alice Martin",
        ),
        (
            "The endpoints are read-only, and it was agreed that Carla will send the list.",
            "Carla Rossi",
        ),
        ("The dashboard lacks a breakdown, which Bob will add before 2 November.", "Bob Chen"),
        ("Alice expects to finish the data copy by 19 June.", "Alice Martin"),
    ],
)
def test_a_commitment_after_a_decision_or_a_report_in_the_same_sentence(
    text: str, owner: str
) -> None:
    [(_, owners, _)] = run(text)
    assert owners == [owner]


def test_a_decision_that_hands_nobody_work_is_still_no_task() -> None:
    assert run("It was agreed that the plan is fine.") == []
    assert run("The group met, and it was agreed that the plan is fine.") == []


def test_a_release_that_is_out_is_no_absence_and_an_owner_in_square_brackets() -> None:
    [(_, owners, _)] = run("Carla will repeat the tests once RC3 is out.")
    assert owners == ["Carla Rossi"]
    [(_, owners, _)] = run("- Open a GitHub issue on the token refresh [Bob]")
    assert owners == ["Bob Chen"]


@pytest.mark.parametrize(
    "line",
    [
        "Bob reported the trigger rates are stable, will talk with the DAQ people tomorrow.",
        "- Bob: the new disks arrived, will install them next week",
        "Bob presented the plots; will circulate them to the list.",
    ],
)
def test_a_commitment_after_a_report_in_the_same_sentence(line: str) -> None:
    [(text, owners, status)] = run(f"# Round table\n\n{line}\n")
    assert owners == ["Bob Chen"]
    assert status is Status.OPEN
    assert text.startswith(("will", "Bob", "the new disks"))


@pytest.mark.parametrize(
    "line",
    [
        "- Carla: not ready yet, will report at the next sync.",
        "Carla tested the tokens on one host; will report back next time.",
    ],
)
def test_a_report_put_off_to_the_next_meeting_is_no_task(line: str) -> None:
    assert run(f"# Round table\n\n{line}\n") == []
