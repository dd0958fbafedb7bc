"""Pages exported from wiki editors: task lists marked by attributes rather than checkboxes,
items opened by a mention written as the full name, timetables whose "Item" and "Who" columns are
an agenda's topics and speakers, and tasks whose nested bullets are a form's fields. Invented
pages."""

from __future__ import annotations

from datetime import date

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.html_exports import task_item_state
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import (
    ExtractedAction,
    LineKind,
    MeetingContext,
    Participant,
    Roster,
    Status,
)
from wp2bot.domain.tables import Role, header_roles

PEOPLE = tuple(Participant(n) for n in ("Alice Martin", "Bob Chen", "Ines Duarte"))
CTX = MeetingContext(meeting_date=date(2026, 12, 2), participants=PEOPLE)

PAGE = """<html><body><h1>Coordination 2026-12-02</h1>
<h2>Discussion items</h2>
<table><tbody>
<tr><th>Time</th><th>Item</th><th>Who</th><th>Notes</th></tr>
<tr><td>10 min</td><td>Tape recalls</td><td>Bob Chen</td>
<td><ul><li>Rates improved after the update.</li>
<li>Bob will repeat the test with the production load next week.</li></ul></td></tr>
<tr><td>15 min</td><td>Token rollout</td><td>Ines Duarte</td><td>Three sites left.</td></tr>
</tbody></table>
<h2>Action items</h2>
<ul class="inline-task-list">
<li data-inline-task-id="1"><span><a class="user-mention">Ines Duarte</a> follow up with the
three sites on the client upgrade</span></li>
<li data-inline-task-id="2" class="checked"><span><a>Bob Chen</a> send the quota table</span></li>
<li data-inline-task-id="3"><span>Book the room for the workshop</span></li>
</ul></body></html>"""


def found() -> dict[str, ExtractedAction]:
    actions = extract_actions(parse_minutes(PAGE, "html"), CTX, Roster())
    return {a.text.split(" with ")[0].split(" the quota")[0]: a for a in actions}


def test_a_timetable_gives_the_tasks_in_its_notes_not_its_topics() -> None:
    got = found()
    assert "Tape recalls" not in got
    assert "Token rollout" not in got
    bob = got["Bob will repeat the test"]
    assert [o.name for o in bob.owners] == ["Bob Chen"]
    assert header_roles(("Time", "Item", "Who"))[0] is Role.TIME


def test_an_editor_s_task_list_gives_owners_and_ticks() -> None:
    got = found()
    ines = got["Ines Duarte follow up"]
    assert [o.name for o in ines.owners] == ["Ines Duarte"]
    assert ines.status is Status.OPEN
    bob = got["Bob Chen send"]
    assert [o.name for o in bob.owners] == ["Bob Chen"]
    assert bob.status is Status.DONE
    assert got["Book the room for the workshop"].owners == ()


def test_task_item_states_of_several_editors() -> None:
    assert task_item_state({"data-inline-task-id": "7", "class": "checked"}) is True
    assert task_item_state({"data-inline-task-id": "7"}) is False
    assert task_item_state({"data-type": "taskItem", "data-checked": "true"}) is True
    assert task_item_state({"class": "task-list-item", "aria-checked": "false"}) is False
    assert task_item_state({"data-task-status": "complete"}) is True
    assert task_item_state({"class": "agenda"}) is None
    assert task_item_state({}) is None


FIELDS = """# Sync

## Action items
- Prepare the address survey
  - Owner: Bob Chen
  - Due: 10 Dec
- Review the draft policy
  - Assignee: Alice
  - Status: done
- Ines (due 11 Dec): check the recall numbers
"""


def test_a_task_s_nested_fields_give_its_owner_deadline_and_status() -> None:
    got = {a.text: a for a in extract_actions(parse_minutes(FIELDS, "markdown"), CTX, Roster())}
    survey = got["Prepare the address survey"]
    assert [o.name for o in survey.owners] == ["Bob Chen"]
    assert survey.due is not None
    assert survey.due.date == date(2026, 12, 10)
    policy = got["Review the draft policy"]
    assert [o.name for o in policy.owners] == ["Alice Martin"]
    assert policy.status is Status.DONE
    recall = got["check the recall numbers"]
    assert [o.name for o in recall.owners] == ["Ines Duarte"]
    assert recall.due is not None
    assert recall.due.date == date(2026, 12, 11)
    assert len(got) == 3  # the fields are no tasks of their own


def test_a_flat_list_export_nests_by_its_level_class() -> None:
    page = (
        "<p>Site updates</p>"
        '<ul class="lst-kix_ab12-0 start"><li>North (Ines):</li></ul>'
        '<ul class="lst-kix_ab12-1 start"><li>upgrade the pool nodes to the new kernel</li></ul>'
        '<ul class="lst-kix_ab12-0"><li>South (Bob): nothing new</li></ul>'
    )
    doc = parse_minutes(page, "html")
    assert [(ln.depth, ln.text) for ln in doc.lines[1:]] == [
        (0, "North (Ines):"),
        (1, "upgrade the pool nodes to the new kernel"),
        (0, "South (Bob): nothing new"),
    ]
    [found] = extract_actions(doc, CTX, Roster())
    assert "Ines Duarte" in [o.name for o in found.owners]


def test_a_word_processor_s_list_paragraphs_are_bullets_without_their_glyphs() -> None:
    item = (
        "<p class=MsoListParagraph style='mso-list:l0 level{level} lfo1'><span "
        "style='mso-list:Ignore'>{glyph}<span>&nbsp;&nbsp;&nbsp; </span></span>{text}</p>"
    )
    page = "<p class=MsoNormal><b>Actions</b></p>" + "".join(
        item.format(level=level, glyph=glyph, text=text)
        for level, glyph, text in (
            (1, "·", "Bob to circulate the quota table"),
            (1, "2.", "North (Ines):"),
            (2, "o", "upgrade the pool nodes to the new kernel"),
        )
    )
    doc = parse_minutes(page, "html")
    assert [(ln.kind, ln.depth, ln.text) for ln in doc.lines[1:]] == [
        (LineKind.BULLET, 0, "Bob to circulate the quota table"),
        (LineKind.BULLET, 0, "North (Ines):"),
        (LineKind.BULLET, 1, "upgrade the pool nodes to the new kernel"),
    ]
    found = extract_actions(doc, CTX, Roster())
    assert [o.name for o in found[0].owners] == ["Bob Chen"]
    assert "Ines Duarte" in [o.name for o in found[1].owners]


PASTED = """<html><body><h1>Storage 2026-12-02</h1>
<dl><dt>North (Bob)</dt><dd>Will upgrade the gateway next week.</dd>
<dt>South</dt><dd>Ines to send the new pool layout to the list.</dd></dl>
<h3>East – Alice</h3>
<p>Will test the new release on the pre-production instance.</p>
<h2>New actions</h2>
<p>&#8226; Bob to circulate the benchmark results<br>&#8226; Ines to review the draft</p>
</body></html>"""


def test_pasted_bullets_a_definition_list_and_a_title_with_a_dash_owner() -> None:
    found = extract_actions(parse_minutes(PASTED, "html"), CTX, Roster())
    got = {a.text: [o.name for o in a.owners] for a in found}
    assert got == {
        # a term over its description: the site and its speaker own what it says
        "Will upgrade the gateway next week.": ["North", "Bob Chen"],
        "Ines to send the new pool layout to the list.": ["Ines Duarte"],
        # "Title – Name" names the section's owner, as in text minutes
        "Will test the new release on the pre-production instance.": ["Alice Martin"],
        # "<p>• ...": bullets drawn in a paragraph
        "Bob to circulate the benchmark results": ["Bob Chen"],
        "Ines to review the draft": ["Ines Duarte"],
    }


WIKI_PAGE = """# Board notes

| Time | Item | Presenter | Notes |
|------|------|-----------|-------|
| 10 min | Tape plan | @Ines Duarte | Ines will send the plan to the board by 11 Dec. |

## Action items

- [ ] @Alice Martin schedule the follow-up with the agency
- [x] @Bob Chen circulate the minutes
"""


def test_a_wiki_page_s_full_name_mentions_and_a_timetable_s_notes_cells() -> None:
    found = extract_actions(parse_minutes(WIKI_PAGE, "markdown"), CTX, Roster())
    got = {a.text: ([o.name for o in a.owners], a.status) for a in found}
    assert got == {
        "Ines will send the plan to the board by 11 Dec.": (["Ines Duarte"], Status.OPEN),
        "schedule the follow-up with the agency": (["Alice Martin"], Status.OPEN),
        "circulate the minutes": (["Bob Chen"], Status.DONE),
    }


def test_an_exported_task_list_writes_the_assignees_full_name_before_the_task() -> None:
    text = "## Action items\n\n- [ ] Bob Chen Prepare the slides\n- [ ] Ines Duarte Book the room\n"
    found = extract_actions(parse_minutes(text, "markdown"), CTX, Roster())
    assert [(a.text, [o.name for o in a.owners]) for a in found] == [
        ("Prepare the slides", ["Bob Chen"]),
        ("Book the room", ["Ines Duarte"]),
    ]


def test_a_div_styled_bold_alone_is_a_title() -> None:
    doc = parse_minutes(
        '<div><span style="font-weight:bold">1. Tape</span></div><div>Staging is slow.</div>'
        '<div><span style="font-weight: 700">2. Tokens</span></div><div>Plan shown.</div>'
        "<div><b>Note:</b> the plan is out</div>",
        "html",
    )
    assert [s.title for s in doc.sections if s.title] == ["1. Tape", "2. Tokens"]
