"""HTML minutes typed in a word processor or a rich-text editor: titles written as bold or
underlined paragraphs, a site's report whose later lines follow a line break. Invented
minutes."""

from __future__ import annotations

from datetime import date

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import ExtractedAction, LineKind, MeetingContext, Participant, Roster

PEOPLE = tuple(Participant(n) for n in ("Alice Martin", "Bob Chen", "Karin Berg"))
CTX = MeetingContext(meeting_date=date(2026, 12, 2), participants=PEOPLE)

PAGE = """<div>
<p><strong>Storage meeting, 2 December 2026</strong></p>
<p>&nbsp;</p>
<p><u>1. Site reports</u></p>
<p><b>North</b> (Karin): the new pool is in production.<br>Will share the upgrade notes.</p>
<p>Alice: the other sites follow in January, questions go to the list.</p>
<p><span><b><u>2. Tokens</u></b></span></p>
<p>Bob: rerun the token tests on the preprod cluster</p>
<p><b>Note:</b> the tests take a day.</p>
<p><strong>Bob will send the slides.</strong></p>
</div>"""


def run(html: str) -> list[ExtractedAction]:
    return extract_actions(parse_minutes(html, "html"), CTX, Roster())


def test_a_bold_or_underlined_paragraph_alone_is_a_title() -> None:
    doc = parse_minutes(PAGE, "html")
    assert [s.title for s in doc.sections if s.title] == [
        "Storage meeting, 2 December 2026",
        "1. Site reports",
        "2. Tokens",
    ]
    kinds = {line.text: line.kind for line in doc.lines}
    assert kinds["Note: the tests take a day."] is LineKind.PARAGRAPH  # a label, then words
    assert kinds["Bob will send the slides."] is LineKind.PARAGRAPH  # a sentence in bold


def test_the_titles_keep_a_sections_turns_apart_and_a_report_goes_on_after_a_break() -> None:
    found = {f.text: [o.name for o in f.owners] for f in run(PAGE)}
    assert found["Will share the upgrade notes."][-1] == "Karin Berg"
    # Alice's turn makes the site reports a discussion, not the next section: there "Bob:
    # rerun ..." labels Bob's task
    assert found["rerun the token tests on the preprod cluster"] == ["Bob Chen"]
    assert found["Bob will send the slides."] == ["Bob Chen"]


def test_a_bold_title_with_its_speakers_in_brackets_after_it_is_still_a_title() -> None:
    page = (
        "<p><strong>1. Review</strong></p><p>Alice: the review is done.</p>"
        "<p><strong>2. Transfers</strong> (Karin, Bob)</p>"
        "<ul><li>Checksums fail on the new pool.</li><li>Will rerun the transfer tests.</li></ul>"
        "<p><strong>3. Notes</strong> (draft)</p><p>Dates were agreed.</p>"
    )
    doc = parse_minutes(page, "html")
    assert [s.title for s in doc.sections if s.title] == [
        "1. Review",
        "2. Transfers",
        "3. Notes (draft)",
    ]
    [found] = run(page)
    assert found.text == "Will rerun the transfer tests."
    assert [o.name for o in found.owners] == ["Karin Berg", "Bob Chen"]
    # a sentence in bold with words after it stays a paragraph
    assert parse_minutes("<p><b>Bob</b> (Karin) will send it.</p>", "html").lines[0].kind is (
        LineKind.PARAGRAPH
    )


REVIEW_FIRST = """<p><strong>Open actions (from 18.11.)</strong></p>
<ul><li>Karin: new pool in production &ndash; done</li></ul>
<h3>1. Tokens (Bob)</h3>
<ul><li>Token tests passed on the preprod cluster.</li>
<li>IAM 1.10 installed on 25.11.</li></ul>"""


def test_a_bold_title_before_the_page_s_headings_does_not_hold_them() -> None:
    doc = parse_minutes(REVIEW_FIRST, "html")
    levels = {s.title: s.level for s in doc.sections}
    # the review's bold title is no parent of "1. Tokens": its reports are no actions
    assert levels["Open actions (from 18.11.)"] >= levels["1. Tokens"]
    assert [(a.text, a.status.value) for a in run(REVIEW_FIRST)] == [
        ("new pool in production – done", "done")
    ]
