"""Plain-text minutes written as an outline: numbered agenda points with their notes indented
under them, ticket numbers opening a line. Invented minutes."""

from __future__ import annotations

from datetime import date

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import LineKind, MeetingContext, Participant, Roster, Status

PEOPLE = tuple(Participant(n) for n in ("Greta Holm", "Ivo Petrov", "Nadia Kaya", "Omar Haddad"))
CTX = MeetingContext(meeting_date=date(2026, 3, 11), participants=PEOPLE)

OUTLINE = """Tools meeting, 11 March 2026
Present: Greta Holm, Ivo Petrov, Nadia Kaya, Omar Haddad

1. Release
   The build is late again.
   Action: Ivo - tag the candidate once the tests pass.

2. Review of action items
   #7 Nadia - move the runners: done
   #8 Omar - fix the docs build: ongoing
"""


def test_the_indented_lines_of_a_numbered_point_are_all_under_it() -> None:
    doc = parse_minutes(OUTLINE, "text")
    under = [(line.kind, line.depth) for line in doc.lines if line.text.startswith(("Action", "#"))]
    assert under == [(LineKind.BULLET, 1)] * 3


def test_a_number_sign_before_a_digit_opens_no_heading() -> None:
    doc = parse_minutes(OUTLINE, "text")
    assert [s.title for s in doc.sections if s.title] == []
    got = {a.text: a for a in extract_actions(doc, CTX, Roster())}
    moved = got["move the runners: done"]
    assert ([o.name for o in moved.owners], moved.status) == (["Nadia Kaya"], Status.DONE)
    docs = got["fix the docs build: ongoing"]
    assert ([o.name for o in docs.owners], docs.status) == (["Omar Haddad"], Status.OPEN)
    tag = got["tag the candidate once the tests pass"]
    assert [o.name for o in tag.owners] == ["Ivo Petrov"]


WIKI = """= Network notes, 11 March 2026 =

== Action items ==
|===
| ID | Description | Owner | Due
| N-1 | Measure the new link | Ivo | 2026-03-20
|===

h2. Follow-up
||Owner||Action||Deadline||
|Nadia|Renew the host certificates|KW 12|

h2. Discussion
* The queue was drained. [~omar.haddad] will announce the next drain.
"""


def test_wiki_headings_and_tables_of_mediawiki_asciidoc_and_jira_markup() -> None:
    doc = parse_minutes(WIKI, "text")
    titles = [(s.title, s.level) for s in doc.sections if s.title]
    assert titles == [
        ("Network notes, 11 March 2026", 1),
        ("Action items", 2),
        ("Follow-up", 2),
        ("Discussion", 2),
    ]
    assert not [line for line in doc.lines if line.text.startswith("|")]
    got = {a.text: a for a in extract_actions(doc, CTX, Roster())}
    link = got["Measure the new link"]
    assert ([o.name for o in link.owners], link.due and link.due.date) == (
        ["Ivo Petrov"],
        date(2026, 3, 20),
    )
    renew = got["Renew the host certificates"]
    assert ([o.name for o in renew.owners], renew.due and renew.due.date) == (
        ["Nadia Kaya"],
        date(2026, 3, 20),  # the Friday of calendar week 12
    )
    # a Jira user mention is the account's @-mention
    drain = got["@omar.haddad will announce the next drain."]
    assert [o.name for o in drain.owners] == ["Omar Haddad"]


FORM = """Notes

Action: set up the test instance
Owner: Nadia
Due: 20 March

:Action: renew the keys
:Responsible: Omar
:Status: done

Ivo will check the logs.

Status: the cluster is up again.

What: rotate the service keys
Who: Greta
When: 27 March

Item: budget review
Who: Ivo
"""


def test_field_lines_right_after_a_task_give_its_owner_deadline_and_state() -> None:
    got = {a.text: a for a in extract_actions(parse_minutes(FORM, "text"), CTX, Roster())}
    test = got["set up the test instance"]
    assert ([o.name for o in test.owners], test.due and test.due.date) == (
        ["Nadia Kaya"],
        date(2026, 3, 20),
    )
    keys = got["renew the keys"]  # a reST field list
    assert ([o.name for o in keys.owners], keys.status) == (["Omar Haddad"], Status.DONE)
    # a field after a blank line is a note of its own, not the task's
    assert got["Ivo will check the logs."].status is Status.OPEN
    # a form's task field, an imperative, over its owner and deadline; a topic is none
    rotate = got["rotate the service keys"]
    assert ([o.name for o in rotate.owners], rotate.due and rotate.due.date) == (
        ["Greta Holm"],
        date(2026, 3, 27),
    )
    assert "budget review" not in got


ORG = """#+TITLE: Tools meeting, 11 March 2026

* Review of open actions
** DONE Ivo: rotate the host certificates
** TODO [#A] Nadia to publish the recall numbers for Q1 :tape:
   DEADLINE: <2026-03-20 Fri>
** CANCELLED Omar: benchmark the old gateway
* Site reports
** North (Greta)
   - Pool extension delivered.
"""


def test_an_org_outline_has_headlines_for_sections_and_its_states_for_tasks() -> None:
    doc = parse_minutes(ORG, "text")
    assert doc.title == "Tools meeting, 11 March 2026"
    assert [s.title for s in doc.sections if s.title] == [
        "Review of open actions",
        "Site reports",
        "North",
    ]
    found = extract_actions(doc, CTX, Roster())
    got = [(a.text, [o.name for o in a.owners], a.status.value) for a in found]
    assert got == [
        ("rotate the host certificates", ["Ivo Petrov"], "done"),
        ("Nadia to publish the recall numbers for Q1", ["Nadia Kaya"], "open"),
        ("benchmark the old gateway", ["Omar Haddad"], "done"),
    ]
    # the planning line's deadline is the task's, over the quarter its words name
    assert found[1].due is not None
    assert found[1].due.date == date(2026, 3, 20)


HEADERLESS = """Ops meeting

ACTIONS
=======
A1  Ivo      Check the transfer logs             20/03
A2  Nadia    Renew the host keys                 ASAP
A3  Omar     Update the wiki page                done
"""


def test_a_table_without_a_header_under_an_action_title_gives_one_task_a_row() -> None:
    found = extract_actions(parse_minutes(HEADERLESS, "text"), CTX, Roster())
    got = [
        (a.text, [o.name for o in a.owners], a.due and a.due.date, a.status.value) for a in found
    ]
    assert got == [
        ("Check the transfer logs", ["Ivo Petrov"], date(2026, 3, 20), "open"),
        ("Renew the host keys", ["Nadia Kaya"], None, "open"),
        ("Update the wiki page", ["Omar Haddad"], None, "done"),
    ]


SUMMARY = """Review meeting

Item 4 - AOB
Omar to be contacted about the test nodes (action: Greta).

Summary of new actions:
  1. Nadia Kaya   - cleanup proposal for the pools   - 20 March
"""


def test_a_summary_of_new_actions_and_an_action_field_in_closing_brackets() -> None:
    found = extract_actions(parse_minutes(SUMMARY, "text"), CTX, Roster())
    got = [(a.text, [o.name for o in a.owners], a.due and a.due.date) for a in found]
    assert got == [
        ("Omar to be contacted about the test nodes (action: Greta).", ["Greta Holm"], None),
        ("cleanup proposal for the pools - 20 March", ["Nadia Kaya"], date(2026, 3, 20)),
    ]


def test_items_enumerated_by_letters_and_roman_numbers_are_each_an_item() -> None:
    text = (
        "Tools meeting\n\nActions\n\na) Ivo to tag the release.\nb) Nadia: move the runners.\n"
        "(i) Omar to fix the docs build.\n(ii) Greta to book the room.\n"
    )
    doc = parse_minutes(text, "text")
    assert [line.kind for line in doc.lines[2:]] == [LineKind.BULLET] * 4
    found = extract_actions(doc, CTX, Roster())
    assert [[o.name for o in a.owners] for a in found] == [
        ["Ivo Petrov"],
        ["Nadia Kaya"],
        ["Omar Haddad"],
        ["Greta Holm"],
    ]


def test_a_word_processors_o_bullets_nest_under_their_speaker_field() -> None:
    from wp2bot.domain.minutes import parse_minutes

    doc = parse_minutes(
        "Tape REST\nSpeaker: Bo Chen\n  * Status of the deployment\n"
        "     o Sites please add their endpoints to the table.\n"
        "     o Lea will repeat the tests once RC3 is out.\n",
        "text",
    )
    assert [(line.kind.value, line.depth, line.text) for line in doc.lines[1:]] == [
        ("bullet", 0, "Status of the deployment"),
        ("bullet", 1, "Sites please add their endpoints to the table."),
        ("bullet", 1, "Lea will repeat the tests once RC3 is out."),
    ]
