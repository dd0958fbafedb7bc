"""Parsing minutes: encodings, formats, Indico note HTML, structure and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wp2bot.domain.minutes import (
    NotePart,
    compose_document,
    decode_minutes,
    guess_format,
    parse_minutes,
)
from wp2bot.domain.models import LineKind, Participant

DATA = Path(__file__).resolve().parents[1] / "data" / "minutes"
INDICO = Path(__file__).resolve().parents[1] / "fixtures" / "indico" / "v3.2.9"


def _event(name: str) -> dict[str, object]:
    return json.loads((INDICO / name).read_text())["results"][0]  # type: ignore[no-any-return]


def test_decode_utf8_bom_and_cp1252() -> None:
    assert decode_minutes("\ufeffCafé".encode()) == "Café"
    text = decode_minutes((DATA / "twiki-cp1252.txt").read_bytes())
    assert "Café budget" in text
    assert "résumé" in text


@pytest.mark.parametrize(
    "raw", [b"", b"\x00\xff\xfe\x00\x81\x8d" * 1000, bytes(range(256)) * 50, b"\xc3\x28abc"]
)
def test_decode_never_raises_on_junk(raw: bytes) -> None:
    text = decode_minutes(raw)
    assert isinstance(text, str)
    assert "\x00" not in text


def test_guess_format() -> None:
    assert guess_format("notes.md", "plain") == "markdown"
    assert guess_format("minutes.html", "x") == "html"
    assert guess_format("note", "<p>a</p><ul><li>b</li></ul>") == "html"
    assert guess_format("minutes.txt", "   * bullet\n---+++ Title") == "text"
    assert guess_format("x", "# Title\n\n- [ ] task\n") == "markdown"


def test_markdown_structure_checkboxes_strike_tables() -> None:
    doc = parse_minutes((DATA / "edge-markdown.md").read_text(), "markdown")
    assert [p.name for p in doc.participants] == ["Alice Martin", "Bob Chen", "Carla Rossi"]
    assert str(doc.meeting_date) == "2026-06-03"
    struck = [line for line in doc.lines if line.struck]
    assert [line.text for line in struck] == [
        "Renew the host certificate of the test endpoint (Bob)"
    ]
    checked = {line.text: line.checked for line in doc.lines if line.checked is not None}
    assert checked == {
        "Publish the transfer dashboard (Alice)": True,
        "Upload the slides to the agenda - Bob": False,
    }
    nested = next(line for line in doc.lines if line.text.startswith("not done yet"))
    assert nested.kind is LineKind.BULLET
    assert nested.depth == 1
    rows = [line.cells for line in doc.lines if line.kind is LineKind.ROW]
    assert rows == [("Task", "Owner"), ("Review the QoS proposal", "Alice")]


def test_markdown_br_and_paragraph_joining() -> None:
    text = (
        "Intro line one\ncontinues here.\nNext Sentence stands alone<BR>\n– item after break<BR>\n"
    )
    doc = parse_minutes(text, "markdown")
    assert [line.text for line in doc.lines] == [
        "Intro line one continues here.",
        "Next Sentence stands alone",
        "item after break",
    ]


def test_scribe_html_drops_scripts_and_carries_speaker() -> None:
    doc = parse_minutes((DATA / "scribe.html").read_text(), "html")
    texts = [line.text for line in doc.lines]
    assert not any("alert" in t or "color:red" in t for t in texts)
    assert "Alice: I will fix it tomorrow" in texts
    assert doc.title.startswith("Team call")
    assert [p.name for p in doc.participants] == ["Alice Martin", "Bob Chen"]


@pytest.mark.parametrize("label", ["Present", "Present/remote", "Attendees / guests"])
def test_a_roll_call_label_may_carry_a_qualifier_after_a_slash(label: str) -> None:
    doc = parse_minutes(f"# Ops call\n\n{label}: Ana Lima, Bo Berg\n\n- Bo to fix it\n", "markdown")
    assert [p.name for p in doc.participants] == ["Ana Lima", "Bo Berg"]


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("Present: Ana Lima, Bo Berg\nExcused: Cy Dunn, Di Eck\n\n- notes\n", "markdown"),
        ("Present: Ana Lima, Bo Berg. Apologies: Cy Dunn, Di Eck\n\nnotes\n", "text"),
        ("<p>Present: Ana Lima, Bo Berg</p><p>Regrets - Cy Dunn, Di Eck</p>", "html"),
    ],
)
def test_the_absent_are_listed_apart_from_the_participants(text: str, fmt: str) -> None:
    doc = parse_minutes(text, fmt)
    assert [p.name for p in doc.participants] == ["Ana Lima", "Bo Berg"]
    assert [p.name for p in doc.absent] == ["Cy Dunn", "Di Eck"]


def test_indico_event_notes_compose_into_sections() -> None:
    event = _event("export-event-1-subcontributions.anon.json")
    parts = [NotePart(title="", html=event["note"]["html"], level=1)]  # type: ignore[index]
    for contribution in event["contributions"]:  # type: ignore[attr-defined]
        note = contribution["note"] or {}
        speakers = tuple(
            Participant(f"{s['first_name']} {s['last_name']}", s["affiliation"] or None)
            for s in contribution["speakers"]
        )
        if note.get("html"):
            parts.append(NotePart(contribution["title"], note["html"], speakers, note["url"], 2))
    doc = compose_document(str(event["title"]), parts)
    titles = [s.title for s in doc.sections]
    assert "Action list" in titles
    assert "Status of the ingestion pipeline" in titles
    pipeline = doc.sections[titles.index("Status of the ingestion pipeline")]
    assert pipeline.owner_raw == "Bob Chen"
    assert pipeline.url
    assert pipeline.url.endswith("/note/")
    assert {"Alice Martin", "Bob Chen", "Jürgen Müller"} <= {p.name for p in doc.participants}
    bullets = [line.text for line in doc.lines if line.kind is LineKind.BULLET]
    assert "Book the room for the December workshop (Jürgen Müller)" in bullets


@pytest.mark.parametrize("fmt", ["html", "markdown", "text"])
def test_bad_input_gives_best_effort(fmt: str) -> None:
    for text in ["", "\n\n\n", "<<<>>><p><ul><li>unclosed <b>bold", "~~" * 1000, "|" * 500]:
        doc = parse_minutes(text, fmt)  # type: ignore[arg-type]
        assert doc.sections[0].level == 0


def test_ten_megabytes_parse() -> None:
    chunk = "- Alice will check the storage endpoint by Friday.\n  - Bob presented results.\n"
    text = chunk * (10_000_000 // len(chunk))
    doc = parse_minutes(text, "markdown")
    assert len(doc.lines) >= 200_000


def test_a_megabyte_without_line_breaks_is_extracted_in_one_pass() -> None:
    from wp2bot.domain.actions import extract_actions
    from wp2bot.domain.models import MeetingContext, Roster

    # one "line" of 100,000 date-like phrases: every step must stay linear in its length
    words = "Paul will check it by Friday next week , maybe 12/05 ; and the 3rd of June".split()
    text = " ".join(words[i % len(words)] for i in range(100_000))
    actions = extract_actions(parse_minutes(text, "markdown"), MeetingContext(), Roster())
    assert len(actions) == 1
    assert actions[0].due is not None


def test_html_nested_thousands_deep_keeps_its_lines() -> None:
    html = "<ul><li>Paul will check it " * 5000 + "</li></ul>" * 5000
    doc = parse_minutes(html, "html")
    assert len(doc.lines) == 5000
    assert {line.text for line in doc.lines} == {"Paul will check it"}


def test_html_nested_a_few_hundred_deep_keeps_its_nesting_up_to_the_limit() -> None:
    html = "<ul><li>item " * 200 + "</li></ul>" * 200
    doc = parse_minutes(html, "html")
    assert doc.lines[0].depth == 0
    assert max(line.depth for line in doc.lines) >= 60
    assert " ".join(line.text for line in doc.lines).split() == ["item"] * 200


def test_decode_short_windows_1252() -> None:
    raw = "Action list:\n- Ask Jürgen Müller to book the room (Paul Millar)\n".encode("cp1252")
    assert "Jürgen Müller" in decode_minutes(raw)
    assert decode_minutes("“Quoted” – naïve café…".encode("cp1252")) == "“Quoted” – naïve café…"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Протокол собрания: Иван подготовит отчёт к пятнице.", "cp1251"),
        ("Ο Γιάννης θα ετοιμάσει την αναφορά μέχρι την Παρασκευή.", "cp1253"),
        ("会議の議事録：田中さんが報告書を準備します。", "shift_jis"),
    ],
)
def test_decode_other_code_pages(text: str, encoding: str) -> None:
    assert decode_minutes(text.encode(encoding)) == text


def test_bare_brackets_are_not_a_checkbox() -> None:
    """GitHub-flavoured Markdown needs "[ ]" or "[x]"; "[]" is plain text."""
    doc = parse_minutes("- [] - tidying the wiki\n- [ ] open item\n", "markdown")
    bullets = [ln for ln in doc.lines if ln.kind is LineKind.BULLET]
    assert [ln.checked for ln in bullets] == [None, False]


RST_MINUTES = """\
=====================
Storage group meeting
=====================

Attendees
---------

- Ana Lima
- Ben Ortiz

Agenda:

- Tape recall tests

Notes
-----

Tape recall
~~~~~~~~~~~

- Ben will repeat the recall test next week.

Summary:

- ACTION: Ana to file the ticket.
"""


def test_rest_titles_are_sections_nested_by_adornment_order() -> None:
    doc = parse_minutes(RST_MINUTES, "text")
    titles = {s.title: s for s in doc.sections}
    assert {"Storage group meeting", "Attendees", "Notes", "Tape recall"} <= set(titles)
    # a lone line ending in ':' is no title in reST: only adorned lines are
    assert "Agenda" not in titles
    assert "Summary" not in titles
    notes = doc.sections.index(titles["Notes"])
    assert titles["Tape recall"].parent == notes
    assert doc.sections[notes].parent == doc.sections.index(titles["Storage group meeting"])
    action = next(line for line in doc.lines if line.text.startswith("ACTION"))
    assert doc.sections[action.section].title == "Tape recall"
    assert not any(set(line.text) <= set("=-~") for line in doc.lines)
