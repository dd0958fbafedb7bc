"""Plain-text minutes as busy scribes mail them: numbered titles underlined with dashes, an
action list of "initials: task" lines with no bullets, a review headed by the day of the meeting
it reviews, headings in the languages of the collaboration's sites. Invented minutes."""

from __future__ import annotations

from datetime import date

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import MeetingContext, Participant, Roster, Status

PEOPLE = tuple(Participant(n) for n in ("Ilse Kramer", "Tobias Wendt", "Marta Ruiz"))
CTX = MeetingContext(meeting_date=date(2026, 12, 2), participants=PEOPLE)


def run(text: str) -> list[tuple[str, list[str], Status]]:
    found = extract_actions(parse_minutes(text, "text"), CTX, Roster())
    return [(a.text, [o.name for o in a.owners], a.status) for a in found]


MAILED = """Storage meeting, 2 December 2026

Present: Ilse Kramer (IK), Tobias Wendt (TW), Marta Ruiz (MR)

1. Actions from 18 November
---------------------------

 - Pool rebalancing script (TW): done, it runs nightly.
 - Tape recall test (Marta): still open, next time.

2. Tape
-------

The recall rate is fine since the firmware update.

Actions:
IK: renew the host certificate of se01 by Friday
MR: new cert for se02
Tobias: check the pool logs

The next meeting is on 16 December.
"""


def test_numbered_titles_underlined_with_dashes_open_their_sections() -> None:
    doc = parse_minutes(MAILED, "text")
    titles = [s.title for s in doc.sections]
    assert "1. Actions from 18 November" in titles
    assert "2. Tape" in titles


def test_a_review_headed_by_the_day_it_reviews_carries_the_old_actions() -> None:
    found = {text: (owners, status) for text, owners, status in run(MAILED)}
    done = [k for k, (_, status) in found.items() if status is Status.DONE]
    assert any("rebalancing" in k for k in done)
    assert any("recall test" in k and v[1] is Status.OPEN for k, v in found.items())


def test_initials_and_names_with_a_colon_each_open_an_item_of_an_unbulleted_list() -> None:
    found = {text: owners for text, owners, _ in run(MAILED)}
    assert found["renew the host certificate of se01 by Friday"] == ["Ilse Kramer"]
    assert found["new cert for se02"] == ["Marta Ruiz"]
    assert found["check the pool logs"] == ["Tobias Wendt"]
    assert not any("next meeting" in text for text in found)


def test_a_roll_call_is_nobody_s_turn() -> None:
    # "Present: ..." with "Tobias: ..." under it is no discussion: the line labels his task
    text = "Site report\n\nPresent: Ilse Kramer, Tobias Wendt\n\n- Tobias: renew the pool key\n"
    assert run(text) == [("renew the pool key", ["Tobias Wendt"], Status.OPEN)]


def test_headings_of_action_lists_in_the_sites_languages() -> None:
    for heading in ("ACTIES", "Offene Punkte vom 18.11.", "-- suivi des actions du 18/11 --"):
        text = f"Ops\n\nStorage is fine.\n\n{heading}\n- Tobias: renew the pool key\n"
        assert run(text) == [("renew the pool key", ["Tobias Wendt"], Status.OPEN)], heading


def test_a_review_of_a_numbered_meeting_with_dotted_item_numbers() -> None:
    text = """### 1. Actions from meeting 46

- **A46.1 — Tobias:** profile the loader on the new nodes. Results are on the wiki. *Done.*
- **A46.2 — Ilse, Marta:** upgrade the base image. Another team builds it now. *Dropped.*
- **A46.3 — Marta:** update the interface document. *Open*, new date 18 December.
"""
    found = extract_actions(parse_minutes(text, "markdown"), CTX, Roster())
    got = [(a.text.split(".")[0], [o.name for o in a.owners], a.status) for a in found]
    assert got == [
        ("profile the loader on the new nodes", ["Tobias Wendt"], Status.DONE),
        ("upgrade the base image", ["Ilse Kramer", "Marta Ruiz"], Status.DONE),
        ("update the interface document", ["Marta Ruiz"], Status.OPEN),
    ]
    assert all(a.carried_over for a in found)
    assert found[2].due is not None
    assert found[2].due.date == date(2026, 12, 18)


COMMITTEE = """COMMITTEE MEETING

2. REVIEW OF ACTIONS FROM PREVIOUS MEETINGS

2.1 Tobias to book the lecture hall for the school.

3. SCHOOL

3.1 Marta presented the draft programme: twelve courses, four sessions and
a poster session. Marta said she would write to the missing lecturers this week.
"""


def test_numbered_minutes_hold_their_actions_and_a_wrapped_first_line_is_no_title() -> None:
    doc = parse_minutes(COMMITTEE, "text")
    assert [s.title for s in doc.sections if s.title] == [
        "COMMITTEE MEETING",
        "REVIEW OF ACTIONS FROM PREVIOUS MEETINGS",
        "SCHOOL",
    ]
    found = {text: owners for text, owners, _ in run(COMMITTEE)}
    assert found["Tobias to book the lecture hall for the school."] == ["Tobias Wendt"]
    assert found["Marta said she would write to the missing lecturers this week."] == ["Marta Ruiz"]


def test_a_paragraph_ending_by_opening_the_review_of_actions_labels_the_bullets() -> None:
    text = """## 1. Minutes and open actions

The minutes of 4 November were approved. On the open actions:

- *Ilse — circulate the revised mandate.* Sent on 10 November. **Done.**
- *Marta — compile the inventory of tape formats.* Two lists are in. **Open.**
"""
    found = extract_actions(parse_minutes(text, "markdown"), CTX, Roster())
    got = [([o.name for o in a.owners], a.status, a.carried_over) for a in found]
    assert got == [(["Ilse Kramer"], Status.DONE, True), (["Marta Ruiz"], Status.OPEN, True)]


def test_a_review_s_topic_with_its_owner_in_brackets_and_the_day_it_was_done() -> None:
    text = """## Actions from the last meeting

- SRM token-only submission on the test instance (Tobias) – done on 27/11, two links left.
- Tape dataset details (Marta): not discussed. Keep open.
"""
    found = extract_actions(parse_minutes(text, "markdown"), CTX, Roster())
    got = [([o.name for o in a.owners], a.status, a.due) for a in found]
    assert got == [(["Tobias Wendt"], Status.DONE, None), (["Marta Ruiz"], Status.OPEN, None)]


SITE_MEETING = """Ops-Mtg Standort Nord -- Mo 30.11.2026

Anwesend: IK (Ilse Kramer, chair), TW (Tobias Wendt), MvR (Marta van Rijn)
Entschuldigt: Ola Berg

2) Offene Punkte from 16.11.
 - IK: new host cert se01 -> erledigt 27.11.
 - TW: scheduler upgrade on the test CEs -> in Arbeit, one CE done, one still hangs
 - MvR: pool drain -> fait (25/11)
 - TW: old VM -> pendiente
"""


def test_initials_before_names_in_a_roll_call_and_arrow_states_in_the_sites_languages() -> None:
    found = extract_actions(parse_minutes(SITE_MEETING, "text"), MeetingContext(), Roster())
    got = [([o.name for o in a.owners], a.status, a.due, a.carried_over) for a in found]
    assert got == [
        (["Ilse Kramer"], Status.DONE, None, True),
        (["Tobias Wendt"], Status.OPEN, None, True),  # the first state after the arrow decides
        (["Marta van Rijn"], Status.DONE, None, True),  # "fait (25/11)": when, no deadline
        (["Tobias Wendt"], Status.OPEN, None, True),
    ]


def test_a_point_handed_on_by_an_arrow_at_the_line_s_end() -> None:
    text = """Ops

Tape:
- volume grows fast. Agreed to move old runs to tape first. -> Tobias
- Announce the downtime on the list -> Ilse
- announcement -> Marta by 10 December
- Ilse: tape migration plan with dates -> Marta, by 17 December
- the dashboard was fixed -> thanks Tobias
- Any news on the tender? -> Marta
"""
    found = extract_actions(parse_minutes(text, "text"), CTX, Roster())
    got = [([o.name for o in a.owners], a.due.date if a.due else None) for a in found]
    assert got == [
        (["Tobias Wendt"], None),
        (["Ilse Kramer"], None),
        (["Marta Ruiz"], date(2026, 12, 10)),
        (["Ilse Kramer"], date(2026, 12, 17)),  # her plan, handed to Marta when it is done
    ]


PROJECT_MEETING = """WP leaders meeting

D3.2 "Sensor data report" (Lead: North, due 30/12/2026)
The draft is about 80 % complete.

  Action AP-14-01: Circulate the full draft of D3.2 to the internal reviewers.
  Responsible: Ilse Kramer (North)
  Deadline: 9 December 2026

WP4 side meeting (notes copied as agreed):

    Wer  | Was                                         | Bis wann
    -----+---------------------------------------------+----------
    TW   | Kalibrierdaten der Sensoren ins Projektlaufwerk | 11.12.
         | hochladen                                   |
    MR   | Angebot für den zweiten Datenlogger einholen | offen
"""


def test_a_register_action_with_its_responsible_and_deadline_fields_below() -> None:
    found = extract_actions(parse_minutes(PROJECT_MEETING, "text"), CTX, Roster())
    got = [(a.text, [o.name for o in a.owners], a.due.date if a.due else None) for a in found]
    assert got[0] == (
        "Circulate the full draft of D3.2 to the internal reviewers.",
        ["Ilse Kramer"],  # not the action's number, nor the field line as an item of its own
        date(2026, 12, 9),
    )
    # a table drawn with bars, a wrapped cell joined to its row, the header read in German
    assert got[1:] == [
        (
            "Kalibrierdaten der Sensoren ins Projektlaufwerk hochladen",
            ["Tobias Wendt"],
            date(2026, 12, 11),
        ),
        ("Angebot für den zweiten Datenlogger einholen", ["Marta Ruiz"], None),
    ]


SPANISH_NOTES = """Reunión de operaciones, 2 de diciembre de 2026

Asistentes: Paloma Sáenz Iturbe, Wiebe van der Oosterhuis, Tobias Wendt

Estado del almacenamiento: sin incidencias.

--- pendientes ---
Paloma: enviar el informe de transferencias antes del viernes
PS to renew the host certificate of the gateway
WV: check the tape pool
"""


def test_a_title_between_dashes_and_owner_labelled_lines_under_it() -> None:
    people = tuple(Participant(n) for n in ("Paloma Sáenz Iturbe", "Wiebe van der Oosterhuis"))
    ctx = MeetingContext(meeting_date=date(2026, 12, 2), participants=people)
    doc = parse_minutes(SPANISH_NOTES, "text")
    assert "pendientes" in [s.title for s in doc.sections]
    found = [(a.text, [o.name for o in a.owners]) for a in extract_actions(doc, ctx, Roster())]
    assert found[:2] == [
        # a line labelled by its owner is an item of the list with no bullet, in any language
        ("enviar el informe de transferencias antes del viernes", ["Paloma Sáenz Iturbe"]),
        # two family names: her initials are the given name's and the first family name's
        ("PS to renew the host certificate of the gateway", ["Paloma Sáenz Iturbe"]),
    ]
    # a particle is no family name: "WV" is not Wiebe van der Oosterhuis's initials
    assert found[2][0] == "check the tape pool"
    assert found[2][1] != ["Wiebe van der Oosterhuis"]


WEEKLY = """Réunion hebdo, 2 décembre 2026

Présents : Mirela Baudin, Hugo Quintero, Tobias Wendt

SUIVI
Hugo : ticket GGUS pour le disque -> fait
Tobias: rates stable since the firmware update.

PRODUCTION STATUS
Mirela: the pool share dropped to 30% last week.

ACTIONS
  [Hugo]   mise à jour du pilote HBA avant vendredi
  [Mirela] plan de test pour le nouveau pool
  [tous]   relire le compte rendu
"""


def test_titles_in_capitals_and_owner_tags_under_an_action_title() -> None:
    people = tuple(Participant(n) for n in ("Mirela Baudin", "Hugo Quintero", "Tobias Wendt"))
    ctx = MeetingContext(meeting_date=date(2026, 12, 2), participants=people)
    doc = parse_minutes(WEEKLY, "text")
    # a line in capitals after a blank line titles the text right below it
    assert {"SUIVI", "PRODUCTION STATUS", "ACTIONS"} <= {s.title for s in doc.sections}
    found = [(a.text, [o.name for o in a.owners]) for a in extract_actions(doc, ctx, Roster())]
    # a report under its own title is no action; the tags open one item a line, "tous" is all
    assert [f for f in found if "pool share" in f[0]] == []
    assert found[-3:] == [
        ("mise à jour du pilote HBA avant vendredi", ["Hugo Quintero"]),
        ("plan de test pour le nouveau pool", ["Mirela Baudin"]),
        ("relire le compte rendu", ["all"]),
    ]


MAILED_SUMMARY = """Dear all, a short summary of today's meeting.

- Tape: the recall test is fine.

Things to do (please correct me if I forgot one):
  1) Tobias -> prepare the storage section of the review (due 10 December)
  2) Ilse/Marta -> decide where the scratch pool lives
  3) everyone -> fill in the availability poll
"""


def test_a_list_of_things_to_do_with_owners_handed_the_point_by_an_arrow() -> None:
    assert run(MAILED_SUMMARY) == [
        (
            "prepare the storage section of the review (due 10 December)",
            ["Tobias Wendt"],
            Status.OPEN,
        ),
        ("decide where the scratch pool lives", ["Ilse Kramer", "Marta Ruiz"], Status.OPEN),
        ("fill in the availability poll", ["all"], Status.OPEN),
    ]


REVIEW_IN_SPANISH = """Acta de la reunión de operaciones

Pendientes de la reunión anterior

1. Tobias — reemplazar las baterías de la estación 14: hecho (25/11)
2. Marta — revisar el firmware en las 20 estaciones: en curso, 11 de 20 hechas
3. Ilse — preparar el tutorial (ya no hace falta)
"""


def test_a_review_of_the_meeting_before_with_its_states_in_another_language() -> None:
    assert run(REVIEW_IN_SPANISH) == [
        ("reemplazar las baterías de la estación 14: hecho (25/11)", ["Tobias Wendt"], Status.DONE),
        (
            "revisar el firmware en las 20 estaciones: en curso, 11 de 20 hechas",
            ["Marta Ruiz"],
            Status.OPEN,
        ),
        ("preparar el tutorial (ya no hace falta)", ["Ilse Kramer"], Status.DONE),
    ]


MAILED_NOTES = """Analysis call, notes by Ilse

 - QC status
   - Tobias summarised the QC status: 212 of 230 samples pass.
     >> [Tobias] post the list of the failing samples by Friday
   - Marta: the parameters differ from the other group's.
     >> [Marta] harmonise params + re-run
 - Old items
   [Ilse]  upload the QC tables -- DONE
   [Marta] check the sample sheet -- still open
"""


def test_arrow_set_points_and_tagged_items_under_a_short_title() -> None:
    assert run(MAILED_NOTES) == [
        # ">>" sets off the point as a bullet does; a tag and a known verb make it a task
        ("post the list of the failing samples by Friday", ["Tobias Wendt"], Status.OPEN),
        ("harmonise params + re-run", ["Marta Ruiz"], Status.OPEN),
        # the tagged lines under "Old items" are items each, not the title's run-on text
        ("upload the QC tables – DONE", ["Ilse Kramer"], Status.DONE),
        ("check the sample sheet – still open", ["Marta Ruiz"], Status.OPEN),
    ]
