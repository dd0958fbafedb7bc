"""Minutes from a rich-text note editor: an "AP:" marker nested under a reminder, a round-table
table whose "Follow-up" column holds each site's task. Invented minutes."""

from __future__ import annotations

from datetime import date

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import ExtractedAction, MeetingContext, Roster

MINUTES = """<div>
<p><strong>Participants:</strong>&nbsp;Ana Rios, Bo Chen, Lea Moser, Piet Vos</p>
<h3>Introduction</h3>
<ul><li><p>Reminder: posters for the workshop are due on 15 January.</p>
<ul><li><p><strong>AP:</strong> Bo sends the poster template by 8 January.</p></li></ul>
</li></ul>
<h3>Storage reports</h3>
<table>
<thead><tr><th>Site</th><th>Contact</th><th>Report</th><th>Follow-up</th></tr></thead>
<tbody>
<tr><td>North</td><td>Bo</td><td>upgrade done</td><td>-</td></tr>
<tr><td>South</td><td>Piet</td><td>delivery delayed</td><td>Piet to report the new date</td></tr>
<tr><td>East</td><td>Lea</td><td>all fine</td><td>share the tape benchmark</td></tr>
</tbody>
</table>
</div>
"""


def run() -> list[ExtractedAction]:
    ctx = MeetingContext(meeting_date=date(2026, 12, 3))
    return extract_actions(parse_minutes(MINUTES, "html"), ctx, Roster())


def test_an_ap_marker_is_an_action_with_its_deadline() -> None:
    [marked] = [a for a in run() if "poster template" in a.text]
    assert marked.due is not None
    assert marked.due.date == date(2027, 1, 8)


def test_a_follow_up_column_holds_the_rows_tasks_and_a_dash_holds_none() -> None:
    rows = {a.text: [o.name for o in a.owners] for a in run() if "poster" not in a.text}
    assert rows == {
        "Piet to report the new date": ["Piet Vos"],
        "share the tape benchmark": ["Lea Moser"],
    }


def test_a_paragraph_whose_soft_breaks_joined_its_lines() -> None:
    # notes written in Markdown and shown as HTML: the lines of a paragraph run together
    html = (
        "<p>Date: 3 Dec 2026 · Notes: Bo Chen Participants: Bo Chen, Lea Moser, Piet Vos</p>"
        "<h3>Planning</h3><p>It was agreed to run a dry run in January. <strong>AP-4 (Piet):"
        "</strong> book the network slots.</p><p>Open: checksum errors. Lea is following up "
        "with the developers.</p>"
    )
    doc = parse_minutes(html, "html")
    assert [p.name for p in doc.participants] == ["Bo Chen", "Lea Moser", "Piet Vos"]
    found = extract_actions(doc, MeetingContext(meeting_date=date(2026, 12, 3)), Roster())
    got = {a.text: [o.name for o in a.owners] for a in found}
    assert got["book the network slots."] == ["Piet Vos"]
    assert got["Lea is following up with the developers."] == ["Lea Moser"]


def test_the_sentences_before_a_marker_in_the_paragraph_are_read_too() -> None:
    html = (
        "<p>Present: Bo Chen, Lea Moser, Piet Vos</p><h3>Planning</h3><p>It was agreed that "
        "each site nominates a contact by 12 December. <strong>AP-4 (Piet):</strong> book "
        "the network slots.</p>"
    )
    ctx = MeetingContext(meeting_date=date(2026, 12, 3))
    found = extract_actions(parse_minutes(html, "html"), ctx, Roster())
    assert [(a.text, [o.name for o in a.owners]) for a in found] == [
        ("book the network slots.", ["Piet Vos"]),
        ("each site nominates a contact by 12 December.", ["all sites"]),
    ]
