"""Markdown minutes through markdown-it (markdown-it-pyrs): each structural form becomes sections
and logical lines with their source line numbers. All minutes here are invented for the tests."""

from __future__ import annotations

from datetime import date

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.doctree import build_tree
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import Document, Line, LineKind, MeetingContext, Participant, Roster


def parse(text: str) -> Document:
    return parse_minutes(text, "markdown")


def lines(doc: Document) -> list[tuple[int, str, int, str]]:
    """(line number, kind, depth, text) of every logical line."""
    return [(ln.number, ln.kind.value, ln.depth, ln.text) for ln in doc.lines]


def find(doc: Document, start: str) -> Line:
    return next(ln for ln in doc.lines if ln.text.startswith(start))


def test_atx_and_setext_headings_open_sections_with_owners_in_their_titles() -> None:
    doc = parse(
        "Ops meeting\n===========\n\n## 1. Tape migration (Hana Ito)\n\n- copy done\n\n"
        "Disk pools - Kofi\n-----------------\n\n- two pools drained\n"
    )
    sections = [(s.title, s.level, s.owner_raw) for s in doc.sections[1:]]
    assert sections == [
        ("Ops meeting", 1, None),
        ("1. Tape migration", 2, "Hana Ito"),
        ("Disk pools", 2, "Kofi"),
    ]
    assert doc.title == "Ops meeting"
    assert doc.sections[3].parent == 1  # a level-2 section nests in the level-1 one
    assert lines(doc)[1] == (4, "heading", 2, "1. Tape migration (Hana Ito)")
    assert find(doc, "two pools").section == 3


def test_a_paragraph_over_several_lines_before_a_rule_is_no_heading() -> None:
    doc = parse("Kofi will send the plan.\nHana to book the room.\n---\n\n- next item\n")
    assert [s.title for s in doc.sections[1:]] == []
    assert lines(doc) == [
        (1, "paragraph", 0, "Kofi will send the plan."),
        (2, "paragraph", 0, "Hana to book the room."),
        (5, "bullet", 0, "next item"),
    ]


def test_nested_lists_keep_their_depth_and_source_lines() -> None:
    doc = parse(
        "# Call\n\n- Site North (Hana):\n  - drain the old pool\n    - before the upgrade\n"
        "- Site South:\n    1. renew the certificate\n    2. update the docs\n"
    )
    assert lines(doc)[1:] == [
        (3, "bullet", 0, "Site North (Hana):"),
        (4, "bullet", 1, "drain the old pool"),
        (5, "bullet", 2, "before the upgrade"),
        (6, "bullet", 0, "Site South:"),
        (7, "bullet", 1, "renew the certificate"),
        (8, "bullet", 1, "update the docs"),
    ]
    tree = build_tree(doc, lambda name: name == "Hana")
    before = doc.lines.index(find(doc, "before the upgrade"))
    assert [doc.lines[i].text for i in tree.ancestors(before)] == [
        "drain the old pool",
        "Site North (Hana):",
    ]


def test_bullets_nest_by_the_writers_indentation_where_commonmark_would_not() -> None:
    # one space deeper than the parent marker: CommonMark makes a sibling, the writer a child
    doc = parse("## Round table\n\n * _Hana_\n  * retire the test cluster\n * _Kofi_\n")
    assert [(ln.depth, ln.text) for ln in doc.lines[1:]] == [
        (0, "Hana"),  # the italic marks are read as the text
        (1, "retire the test cluster"),
        (0, "Kofi"),
    ]


def test_a_list_indented_deep_under_an_item_is_a_list_not_a_paragraph() -> None:
    doc = parse("1. Open items\n        - Kofi to rotate the keys\n            - by Friday\n")
    assert lines(doc) == [
        (1, "bullet", 0, "Open items"),
        (2, "bullet", 1, "Kofi to rotate the keys"),
        (3, "bullet", 2, "by Friday"),
    ]


def test_the_second_paragraph_of_an_item_is_under_it() -> None:
    doc = parse("- Storage review\n\n  Hana will compare the two offers.\n- Network\n")
    assert lines(doc) == [
        (1, "bullet", 0, "Storage review"),
        (3, "bullet", 1, "Hana will compare the two offers."),
        (4, "bullet", 0, "Network"),
    ]


def test_lines_of_a_paragraph_split_where_a_new_statement_starts() -> None:
    doc = parse(
        "Kofi reported on the\nnew tape library.\nHana will order spares<br>\n"
        "• Ama to check the\n  invoice\n"
    )
    assert lines(doc) == [
        (1, "paragraph", 0, "Kofi reported on the new tape library."),
        (3, "paragraph", 0, "Hana will order spares"),
        (4, "bullet", 0, "Ama to check the invoice"),
    ]


def test_indented_text_is_read_as_text_and_fenced_code_is_skipped() -> None:
    doc = parse(
        "Notes from the call:\n\n    TODO Kofi: file the ticket\n\n"
        "```\nAma will not run this\n```\n"
    )
    assert [ln.text for ln in doc.lines] == ["Notes from the call:", "TODO Kofi: file the ticket"]


def test_tables_keep_cells_header_and_source_lines() -> None:
    doc = parse(
        "## Actions\n\n| Who | Task | Due |\n|:---|---|--:|\n| Hana | Book the room | 20260320 |\n"
        "| Kofi | ~~Order spares~~ | |\n"
    )
    rows = [ln for ln in doc.lines if ln.kind is LineKind.ROW]
    assert [(r.number, r.cells) for r in rows] == [
        (3, ("Who", "Task", "Due")),
        (5, ("Hana", "Book the room", "20260320")),
        (6, ("Kofi", "Order spares", "")),
    ]
    assert rows[2].struck_cells == (False, True, False)
    tree = build_tree(doc, lambda _: False)
    table = tree.tables[doc.lines.index(rows[1])]
    assert table.header == doc.lines.index(rows[0])
    assert table.is_action_table


def test_a_table_whose_first_row_is_empty_takes_its_header_from_the_next() -> None:
    doc = parse("|   |   |\n|---|---|\n| Action | Owner |\n| Renew the key | Kofi |\n")
    rows = [ln for ln in doc.lines if ln.kind is LineKind.ROW]
    assert [r.number for r in rows] == [3, 4]
    table = build_tree(doc, lambda _: False).tables[doc.lines.index(rows[1])]
    assert table.header == doc.lines.index(rows[0])


def test_boxes_block_quotes_and_bold_titles() -> None:
    doc = parse(
        "# Review\n\n**Follow-up**\n\n- [x] Hana sent the report\n- [ ] Kofi to fix the link\n\n"
        "> - [ ] Ama to reply to the vendor\n"
    )
    assert [s.title for s in doc.sections[1:]] == ["Review", "Follow-up"]
    assert doc.sections[2].level == 2
    boxes = [
        (ln.number, ln.checked, ln.quoted, ln.text) for ln in doc.lines if ln.checked is not None
    ]
    assert boxes == [
        (5, True, False, "Hana sent the report"),
        (6, False, False, "Kofi to fix the link"),
        (8, False, True, "Ama to reply to the vendor"),
    ]
    # a block quote holds quoted text (a mail, a template's example): kept, but no action
    actions = {a.text for a in extract_actions(doc, MeetingContext(), Roster())}
    assert "Kofi to fix the link" in actions
    assert not any("vendor" in text for text in actions)


def test_front_matter_comments_and_html_blocks() -> None:
    doc = parse(
        '---\ntitle: "Storage ops, weekly"\ndate: 11 March 2026\ntags: ops\n---\n\n# Ops call\n\n'
        "<!--\nKofi will not see this\n-->\n\n<div>\nHana will check the logs\n</div>\n"
    )
    assert [(ln.number, ln.text) for ln in doc.lines] == [
        (7, "Ops call"),
        (14, "Hana will check the logs"),
    ]
    assert doc.metadata == {"title": "Storage ops, weekly", "date": "11 March 2026", "tags": "ops"}
    assert doc.title == "Storage ops, weekly"
    assert doc.meeting_date == date(2026, 3, 11)


def test_roll_call_and_speakers_lines_fill_the_people_lists() -> None:
    doc = parse("# Call\n\n**Present:** Hana Ito, Kofi Mensah\n\nSpeakers: Ama Owusu\n")
    assert [p.name for p in doc.participants] == ["Hana Ito", "Kofi Mensah"]
    assert [p.name for p in doc.speakers] == ["Ama Owusu"]


def test_lists_nested_past_the_limit_keep_every_line() -> None:
    deep = "\n".join("  " * i + f"- step {i}" for i in range(200)) + "\n\nKofi will tidy up.\n"
    doc = parse(deep)
    assert [ln.text for ln in doc.lines] == [f"step {i}" for i in range(200)] + [
        "Kofi will tidy up."
    ]
    same_line = parse("- " * 300 + "x\n\nafter\n")
    assert [ln.text for ln in same_line.lines] == ["x", "after"]


def test_a_nested_task_takes_its_owner_from_the_site_bullet_above_it() -> None:
    people = (Participant("Hana Ito"), Participant("Kofi Mensah"))
    ctx = MeetingContext(meeting_date=date(2026, 3, 11), participants=people)
    doc = parse("## Sites\n\n- North (Hana):\n  - Hana to update the firmware\n")
    got = {a.text: [o.name for o in a.owners] for a in extract_actions(doc, ctx, Roster())}
    assert got["Hana to update the firmware"] == ["Hana Ito"]


def test_line_numbers_hold_after_text_outside_ascii() -> None:
    # markdown-it maps nodes to UTF-8 bytes: accented letters and symbols must not shift lines
    doc = parse(
        "# Réunion – café ☕\n\nÉric will send the budget.\n\n- Zoë to book the room\n"
        "  - für Dienstag\n\n| Wer | Aufgabe |\n|---|---|\n| Jürgen | Räume buchen |\n"
    )
    assert [(ln.number, ln.depth, ln.text) for ln in doc.lines] == [
        (1, 1, "Réunion – café ☕"),
        (3, 0, "Éric will send the budget."),
        (5, 0, "Zoë to book the room"),
        (6, 1, "für Dienstag"),
        (8, 0, "Wer | Aufgabe"),
        (10, 0, "Jürgen | Räume buchen"),
    ]


def test_a_line_ending_in_a_relative_pronoun_runs_on_into_the_capitalised_next() -> None:
    doc = parse_minutes(
        "Ana offered to share the shaping config used at her node, which\nBo might reuse.\n",
        "markdown",
    )
    assert [line.text for line in doc.lines] == [
        "Ana offered to share the shaping config used at her node, which Bo might reuse."
    ]
