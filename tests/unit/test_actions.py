"""Extraction rules on small minutes: markers, commitments, owners, status, dedupe, negatives."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import NotePart, compose_document, decode_minutes, parse_minutes
from wp2bot.domain.models import ExtractedAction, MeetingContext, Participant, Roster, Status

DATA = Path(__file__).resolve().parents[1] / "data" / "minutes"
INDICO = Path(__file__).resolve().parents[1] / "fixtures" / "indico" / "v3.2.9"
PEOPLE = tuple(Participant(n) for n in ("Alice Martin", "Bob Chen", "Carla Rossi"))
CTX = MeetingContext(meeting_date=date(2026, 6, 3), participants=PEOPLE)  # a Wednesday


def run(text: str, fmt: str = "markdown", ctx: MeetingContext = CTX) -> list[ExtractedAction]:
    return extract_actions(parse_minutes(text, fmt), ctx, Roster())  # type: ignore[arg-type]


def one(text: str, fmt: str = "markdown") -> dict[str, object]:
    actions = run(text, fmt)
    assert len(actions) == 1, [a.text for a in actions]
    return actions[0].as_json()


def test_edge_minutes_end_to_end() -> None:
    text = (DATA / "edge-markdown.md").read_text()
    got = {a.text: a for a in run(text)}
    assert got["Renew the host certificate of the test endpoint"].status is Status.DONE
    assert got["Renew the host certificate of the test endpoint"].carried_over
    assert got["Publish the transfer dashboard"].status is Status.DONE
    assert got["Write the token how-to"].status is Status.OPEN
    assert got["Bob will maybe look at the staging errors."].status is Status.TENTATIVE
    ticket = got["open a ticket for the cache misses by Friday"]
    assert [o.name for o in ticket.owners] == ["Carla Rossi"]
    assert ticket.due is not None
    assert ticket.due.date == date(2026, 6, 5)
    assert [o.name for o in got["rotate the service keys"].owners] == ["Bob Chen"]
    assert got["We need to document the restore procedure for tape."].owners == ()
    assert [o.name for o in got["Review the QoS proposal"].owners] == ["Alice Martin"]
    assert [o.name for o in got["Upload the slides to the agenda"].owners] == ["Bob Chen"]
    # the report, decision, ongoing work, availability, deferral and question are not actions
    assert len(got) == 9


def test_inline_markers() -> None:
    assert one("ACTION: Bob to restart the FTS server.")["owners"] == ["Bob Chen"]
    assert one("- AI: Carla - Build the EL9 packages.")["owners"] == ["Carla Rossi"]
    assert one("**Action Item:** Alice will email the site admins.")["owners"] == ["Alice Martin"]
    assert one("ACTION for all: please update your entries.")["owners"] == ["all"]
    found = one("Still waiting on the machines (ACTION: Bob to check up on this)")
    assert found["text"] == "Bob to check up on this"


def test_deferrals_under_action_label_are_not_actions() -> None:
    assert run("ACTION: Revisit next week.\n\nACTION: Punt for two weeks.\n") == []


def test_commitments_and_first_person() -> None:
    assert one("Carla will circulate the agenda by Friday.")["due"] == "2026-06-05"
    note = NotePart(title="Tokens", html="<p>I will write the how-to.</p>", speakers=PEOPLE[:1])
    doc = compose_document("Meeting", [note])
    found = extract_actions(doc, CTX, Roster())
    assert [o.name for o in found[0].owners] == ["Alice Martin"]
    assert one("We will try to schedule a hackathon.")["status"] == "tentative"
    assert one("Let's publish the findings asap.")["owners"] == []


def test_parent_bullet_names_owner_for_first_person() -> None:
    found = one("- [name=Bob] Release plan\n    - I will tag the release candidate\n")
    assert found["owners"] == ["Bob Chen"]


def test_owner_parenthesis_and_tentative_tbc() -> None:
    text = "## Action list\n\n- (TBC) Present the data status (Alice/Bob)\n"
    found = one(text)
    assert found["owners"] == ["Alice Martin", "Bob Chen"]
    assert found["status"] == "tentative"
    assert found["text"] == "(TBC) Present the data status"


def test_not_actions() -> None:
    text = "\n".join(
        [
            "Bob presented the new tape results.",
            "It was agreed to keep the retention policy.",
            "Carla is working on the caching benchmark.",
            "Alice will be on vacation next week.",
            "Next meeting will be held on 17 June.",
            "Should we move the meeting to Thursdays?",
            "Feel free to reach out on chat.",
        ]
    )
    assert run(text.replace("\n", "\n\n")) == []


def test_duplicate_in_body_and_list_is_one_action() -> None:
    text = (
        "## Notes\n\nBob will update the endpoint list by Friday.\n\n"
        "## Action items\n\n- Update the endpoint list\n"
    )
    found = one(text)
    assert found["text"] == "Update the endpoint list"
    assert found["owners"] == ["Bob Chen"]
    assert found["due"] == "2026-06-05"


def test_indico_fixture_action_list_and_followups() -> None:
    event = json.loads((INDICO / "export-event-3-sessions.anon.json").read_text())["results"][0]
    doc = compose_document(event["title"], [NotePart("", event["note"]["html"])])
    found = {a.text: a for a in extract_actions(doc, MeetingContext(date(2026, 11, 19)), Roster())}
    schema = found["JSON schema for the ingestion API: done"]
    assert schema.carried_over
    assert schema.status is Status.DONE
    review = found["Review the ingestion pull request #42"]
    assert [o.name for o in review.owners] == ["Alice Martin"]
    assert not review.carried_over
    assert len(found) == 6


def test_binary_and_huge_input_do_not_raise() -> None:
    junk = decode_minutes(bytes(range(256)) * 100)
    for fmt in ("html", "markdown", "text"):
        assert isinstance(run(junk, fmt), list)
    assert run("") == []


def test_trailing_owner_list_wins_over_imperative_subject() -> None:
    ctx = MeetingContext(
        meeting_date=date(2026, 6, 3), participants=(*PEOPLE, Participant("Paul Millar"))
    )
    text = "Action list:\n- Ask Jürgen Müller to book the room (Paul Millar)\n"
    (action,) = run(text, ctx=ctx)
    assert action.text == "Ask Jürgen Müller to book the room"
    assert [o.name for o in action.owners] == ["Paul Millar"]


def test_imperative_verb_is_never_an_owner() -> None:
    for verb in ("Ask", "Tell", "Contact", "Invite", "Remind", "Help"):
        (action,) = run(f"Action items:\n- {verb} Dana Scully to review the plan\n")
        assert all(not o.written.startswith(verb) for o in action.owners), action.owners


def test_imperative_task_lines_with_owner_lists() -> None:
    text = (
        "## Storage\n\n"
        "- Renew the grid certificate of the test door. (Bob)\n"
        "- Rotate the service keys on both gateways.\n"
        "- Throughput rose by ten percent last week.\n\n"
        "## Tokens\n\n"
        "Next step is a call with the token issuers about lifetimes.\n"
    )
    got = {a.text: a for a in run(text)}
    assert [o.name for o in got["Renew the grid certificate of the test door."].owners] == [
        "Bob Chen"
    ]
    assert got["Rotate the service keys on both gateways."].owners == ()
    assert "Next step is a call with the token issuers about lifetimes." in got
    assert len(got) == 3


def test_clauses_with_different_owners_are_separate_actions() -> None:
    got = run("The board asked for a talk (2 June), Alice will prepare slides, Bob will present.")
    assert [(a.text, [o.name for o in a.owners]) for a in got] == [
        ("Alice will prepare slides", ["Alice Martin"]),
        ("Bob will present", ["Bob Chen"]),
    ]
    assert all(a.due is not None and a.due.date == date(2026, 6, 2) for a in got)


def test_same_outcome_under_two_topics_is_two_actions() -> None:
    text = (
        "## Issue 12: token lifetime\n\nDiscussion of lifetimes.\n\n"
        "Outcome: Carla to draft a short reply before the workshop\n\n"
        "## Issue 14: token scopes\n\nDiscussion of scopes.\n\n"
        "Outcome: Carla to draft a short reply before the workshop\n"
    )
    assert [a.section for a in run(text)] == ["Issue 12: token lifetime", "Issue 14: token scopes"]


def test_lower_case_handle_owns_a_marked_action() -> None:
    action = one("**Action:** cmartin will run the cleanup script to prune old tokens")
    assert action["owners"] == ["cmartin"]


def test_suggestion_questions_are_tentative_tasks() -> None:
    text = (
        "# Notes\n\nCould we raise the point with the portal developers?\n\n"
        "We have a demo, who would like to try it out?\n\n"
        "Should we discuss the naming?\n\nWhat is the plan for the release?\n"
    )
    got = run(text)
    assert [a.text for a in got] == [
        "Could we raise the point with the portal developers?",
        "We have a demo, who would like to try it out?",
    ]
    assert {a.status for a in got} == {Status.TENTATIVE}
    assert all(not a.owners for a in got)


def test_hedged_first_person_turn_belongs_to_the_speaker() -> None:
    got = one("# Notes\n\nAlice: I think I should take a look at this.\n")
    assert got["owners"] == ["Alice Martin"]
    assert got["status"] == "tentative"


def test_closed_action_child_and_list_ending_label() -> None:
    text = (
        "# Action items\n\n"
        "- Find where the council is mentioned in the documents:\n"
        "    - Action Closed.\n"
        "- Bob to renew the host certificate\n\n"
        "Associated projects are:\n\n"
        "- Visualization project at the lab\n"
        "- A data-intensive computing system\n"
    )
    got = {a.text: a for a in run(text)}
    assert set(got) == {
        "Find where the council is mentioned in the documents",
        "Bob to renew the host certificate",
    }
    assert got["Find where the council is mentioned in the documents"].status is Status.DONE


def test_negated_commitment_and_unnamed_people_are_not_actions() -> None:
    text = "# Notes\n\n- Carla will not attend every meeting.\n- People will use the new events.\n"
    assert run(text) == []


@pytest.mark.parametrize(
    "label", ["Action item(s)/Assignee(s)", "Action/Owner", "Action items/Who"]
)
def test_marker_that_also_names_the_owner_column(label: str) -> None:
    got = one(f"# Notes\n\n- {label}: Carla: Write the blog post.\n")
    assert got["owners"] == ["Carla Rossi"]
    assert got["text"] == "Write the blog post."


def test_topic_with_owner_in_parentheses_and_imperative_task() -> None:
    text = "# Support\n\n- Cache site (Bob): Move the config to git\n- Lab (Bob): missing GPUs\n"
    got = one(text)
    assert got["owners"] == ["Bob Chen"]


def test_lower_case_action_owner_markers() -> None:
    got = run(
        "- budget plan (open discussion) action Carla: to set up a funding workstream\n"
        "- reimbursement form not sent yet, action Bob\n"
    )
    owners = {a.text: [o.name for o in a.owners] for a in got}
    assert owners == {
        "to set up a funding workstream": ["Carla Rossi"],
        "reimbursement form not sent yet": ["Bob Chen"],
    }


def test_passive_tasks_without_a_person_are_unowned() -> None:
    got = run(
        "- The chairs will merge the small fixes. This will be announced on the mailing list.\n"
        "- Release notes\n    - Should be merged by June 20\n"
    )
    texts = {a.text: a for a in got}
    assert texts["This will be announced on the mailing list."].owners == ()
    merged = texts["Should be merged by June 20"]
    assert merged.status is Status.OPEN  # "be merged" is a task, not a done mark
    assert merged.due is not None
    assert merged.due.date == date(2026, 6, 20)


def test_states_waiting_attendance_and_project_names_are_not_tasks() -> None:
    assert run("Alice: I will wait a bit for feedback on the draft.\n") == []
    assert run("Bob will attend the review meeting in his place.\n") == []
    assert run("Widgets will probably be more common in the coming years.\n") == []
    assert run("GridPy will participate to spread the word about the new format.\n") == []
    assert run("Carla to produce the full trace is necessary for adoption.\n") == []
    assert run("Please read this short summary of the work so far.\n") == []


def test_commitment_in_parenthesis_and_two_subjects_joined_by_and() -> None:
    got = run(
        "We talked about tokens (resolution: Omar to open a PR to put the answer in the docs).\n\n"
        "Alice will connect Bob with the vendor and Carla will draft a reporting form.\n"
    )
    owners = sorted(o.name for a in got for o in a.owners)
    assert owners == ["Alice Martin", "Carla Rossi", "Omar"]
    assert len(got) == 3


def test_speaker_offer_and_taking_ownership() -> None:
    offer = one("- Bob Chen: Offered to look at the retry extension but noted it is hard.\n")
    assert offer["owners"] == ["Bob Chen"]
    assert offer["status"] == "tentative"
    assert "noted" not in str(offer["text"])
    owned = one("* [bchen] taking ownership of the events migration\n")
    assert owned["owners_raw"] == ["bchen"]
    later = one("- Carla is writing the probe and will also send the patch soon.\n")
    assert later["owners"] == ["Carla Rossi"]


def test_outcome_takes_the_clause_that_commits() -> None:
    got = one("Outcome: logging the retries seems useful; @bchen will prepare a PR for that.\n")
    assert str(got["text"]).startswith("@bchen will prepare a PR")
    assert got["owners_raw"] == ["@bchen"]


def test_agenda_outline_under_actions_heading_and_group_action_label() -> None:
    text = (
        "## Actions\n\n"
        "1. Help needed; items for the monthly meeting\n"
        "    2. Open PRs\n"
        "        - the spawner PR was broken into three\n"
        "3. Next actions (team)\n"
        "    - Release the spawner and the chart before the conference\n"
        "    - We should discuss the budget\n"
    )
    assert [a.text for a in run(text)] == [
        "Release the spawner and the chart before the conference"
    ]


def test_follow_ups_label_and_imperative_question() -> None:
    text = (
        "- Tracing news\n"
        "    - Follow-ups for the store:\n"
        "        - Ask for a newer client library in 3.5?\n"
        "        - Ask to lower the default sampling rate.\n"
    )
    got = {a.text: a.status for a in run(text)}
    assert got == {
        "Ask for a newer client library in 3.5?": Status.TENTATIVE,
        "Ask to lower the default sampling rate.": Status.OPEN,
    }


def test_hedged_imperative_and_we_should_outside_a_discussion() -> None:
    found = one("Maybe write a migration guide for the old exporter.")
    assert found["status"] == "tentative"
    assert found["owners"] == []
    assert one("We should put together a flyer about the project vision.")["owners"] == []
    assert run("Omar: We should mark the issue as pending.\n") == []
    assert run("We should have told the sites earlier, which we did not.\n") == []


def test_speaker_instruction_is_an_unowned_task() -> None:
    found = one("Kim: also add a note that makes it clear that limits are useful")
    assert found["owners"] == []
    assert run("Bob: Think I've seen this behaviour somewhere before\n") == []
    assert run("Computing: Have a list of questions from the sites\n") == []


def test_pronoun_only_tasks_and_announcements_are_not_actions() -> None:
    assert run("If there are enough takers, we will hold it; if not, we won't.\n") == []
    assert run("Alice: love that suggestion; let's do it like that\n") == []
    assert run("**Action**: Extra meeting set for next week, same time\n") == []


def test_similar_entries_of_one_action_list_stay_apart() -> None:
    text = (
        "## Action Items\n\n"
        "- [ ] Add a note on disk quotas to the storage page\n"
        "- [ ] Add a note on tape quotas to the storage page\n"
    )
    assert len(run(text)) == 2


def test_also_with_an_imperative_after_a_report() -> None:
    text = "- Supporting the new team on the grid. Also plan a module on the grid in the tutorial\n"
    assert [a.text for a in run(text)] == ["Also plan a module on the grid in the tutorial"]


def test_lower_case_role_and_decision_that_assigns_work() -> None:
    found = one(
        "- Decision: The editors will merge small, finished PRs even if it stretches the scope."
    )
    assert found["owners"] == ["The editors"]
    assert one("The team also may set up a monthly review call.")["status"] == "tentative"
    assert run("Decision: adopt the new scope for the next release.\n") == []


def test_status_note_saying_this_is_done_closes_the_item() -> None:
    text = (
        "- action: domain emails - track\n"
        "    - should talk to the host, so this is done, but track the contact\n"
    )
    found = one(text)
    assert found["status"] == "done"


def test_once_done_is_a_condition_not_a_status() -> None:
    assert one("Bob will clean up the owners files once done with the move.")["status"] == "open"


def test_link_text_is_read_and_a_concrete_do_question_is_a_suggestion() -> None:
    found = one("- [I will fix the auto-labelling](https://example.org/pull/1)")
    assert found["text"] == "I will fix the auto-labelling"
    asked = one("- Once public, we can do a walk-through of the code at a meeting?")
    assert asked["status"] == "tentative"
    assert run("- Is there anything we can do about it?\n") == []


def test_passive_task_after_but_takes_its_agent_as_owner() -> None:
    found = one(
        "- The site has tried it, but this point will need to be followed up by ATLAS people"
    )
    assert found["owners"] == ["ATLAS people"]
    late = one("Slides will be sent around by Bob tomorrow.")
    assert late["owners"] == ["Bob Chen"]


def test_alternative_owner_in_parentheses_in_a_listed_item() -> None:
    found = one("ACTION: Carla (or Bob) can report on the storage kick-off.")
    assert sorted(found["owners"]) == ["Bob Chen", "Carla Rossi"]


def test_a_proposal_that_we_act_is_a_tentative_unowned_task() -> None:
    found = one("Alice proposes that we have a chat with the new director of computing.")
    assert (found["owners"], found["status"]) == ([], "tentative")
    assert run("Alice proposes that we discuss this again later.\n") == []


def test_owner_forms_of_working_group_minutes() -> None:
    from wp2bot.domain.models import RosterGroup, RosterPerson

    roster = Roster(
        people=(RosterPerson("Rizart", username="rizart"),),
        groups=(
            RosterGroup("CC-IN2P3", "site", aliases=("IN2P3",)),
            RosterGroup("All sites", "list", aliases=("sites",)),
        ),
    )
    people = (*PEOPLE, Participant("Rizart Dona"), Participant("Xavier Espinal"))
    ctx = MeetingContext(meeting_date=date(2026, 6, 3), participants=people)
    text = (
        "## QoS (Alice)\n\n"
        "- Xavi & co. to check the RSE configuration for the new QoS classes.\n"
        "- Alice and Bob will look into the token issue.\n"
        "- Rizart: to check up on this next week\n\n"
        "## Action list\n\n"
        "- all sites to upgrade to XRootD 5 by end of June\n"
        "- IN2P3 to provide a test endpoint\n"
        "- [ ] @rizart deploy the new dashboard\n"
    )
    got = {
        a.text: [o.name for o in a.owners]
        for a in extract_actions(parse_minutes(text, "markdown"), ctx, roster)
    }
    assert got == {
        "Xavi & co. to check the RSE configuration for the new QoS classes.": ["Xavier Espinal"],
        "Alice and Bob will look into the token issue.": ["Alice Martin", "Bob Chen"],
        "to check up on this next week": ["Rizart Dona"],
        "all sites to upgrade to XRootD 5 by end of June": ["All sites"],
        "IN2P3 to provide a test endpoint": ["CC-IN2P3"],
        "deploy the new dashboard": ["Rizart Dona"],
    }


def test_a_speakers_fragment_after_a_question_is_no_task() -> None:
    text = "Alice: Shall we look at other storage layouts?\nAlice: to compare the two designs\n"
    assert run(text) == []
    assert one("Bob: to check the FTS server logs\n")["owners"] == ["Bob Chen"]
    assert run("Decision: to adopt the new schema\n") == []


def test_requests_groups_and_unowned_needs() -> None:
    from wp2bot.domain.models import RosterGroup

    roster = Roster(
        groups=(RosterGroup("SKA", "experiment"), RosterGroup("CERN IT", "team", aliases=("IT",)))
    )
    text = (
        "## Round table\n\n"
        "- Alice, please check the dCache logs.\n"
        "- @bob please check the cache hit rates\n"
        "- SKA contacts to reply to the survey\n"
        "- Someone needs to check the tape recall numbers.\n"
        "- Carla will present the QoS work at the GDB.\n"
        "- The GDB is on 17 June.\n"
        "- Invited people to come to the hackathon.\n"
    )
    got = {
        a.text: ([o.name for o in a.owners], a.due.date if a.due else None)
        for a in extract_actions(parse_minutes(text, "markdown"), CTX, roster)
    }
    assert got == {
        "Alice, please check the dCache logs.": (["Alice Martin"], None),
        "@bob please check the cache hit rates": (["Bob Chen"], None),
        "SKA contacts to reply to the survey": (["SKA"], None),
        "Someone needs to check the tape recall numbers.": ([], None),
        "Carla will present the QoS work at the GDB.": (["Carla Rossi"], date(2026, 6, 17)),
    }


def test_a_speakers_lower_case_will_is_their_commitment() -> None:
    got = one("- Bob: will send the numbers after the meeting\n")
    assert (got["owners"], got["text"]) == (["Bob Chen"], "will send the numbers after the meeting")
    assert run("- Bob: will that work for everyone?\n") == []


def test_reports_plans_and_remarks_are_not_actions() -> None:
    text = (DATA / "negatives.md").read_text(encoding="utf-8")
    people = tuple(Participant(n) for n in ("Paul Millar", "Aleem Riaz", "Rizart Dona"))
    ctx = MeetingContext(meeting_date=date(2020, 5, 6), participants=people)
    assert [a.text for a in run(text, ctx=ctx)] == []


def test_to_do_written_as_two_words_is_a_marker() -> None:
    assert one("- To do: write the migration guide\n")["text"] == "write the migration guide"


def test_lower_case_groups_and_lists_in_an_action_list() -> None:
    from wp2bot.domain.models import RosterGroup

    roster = Roster(groups=(RosterGroup("All sites", "list", aliases=("site contacts",)),))
    text = (
        "## Actions\n\n"
        "- escape-wp2 list to vote on the date\n"
        "- site contacts to reply to the survey\n"
        "- the people to contact are Paul and Bob\n"
    )
    got = {
        a.text: [o.name for o in a.owners]
        for a in extract_actions(parse_minutes(text, "markdown"), CTX, roster)
    }
    assert got["escape-wp2 list to vote on the date"] == ["escape-wp2 list"]
    assert got["site contacts to reply to the survey"] == ["All sites"]
    assert got["the people to contact are Paul and Bob"] == []
