"""Tables in plain-text minutes: columns lined up with spaces, tab-separated cells, and the
"By" header that is the owner or the deadline by the columns beside it. Invented minutes."""

from __future__ import annotations

from datetime import date

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import LineKind, MeetingContext, Participant, Roster
from wp2bot.domain.tables import Role, header_roles
from wp2bot.domain.text_tables import aligned_rows

PEOPLE = tuple(Participant(n) for n in ("Alice Martin", "Bob Chen", "Karin Berg"))
CTX = MeetingContext(meeting_date=date(2026, 12, 2), participants=PEOPLE)  # a Wednesday

TYPED = """Board meeting

Present: Alice Martin (AM), Bob Chen (BC), Karin Berg (KB)

ACTIONS ARISING
No.  Action                                         Who     By
1    Circulate the draft agreement to the partners  AM      11 Dec
2    Check the transfer settings on the test pool   BC      Fri
3    Update the quota dashboard                     KB
"""


def test_a_typed_table_of_actions_gives_owners_and_deadlines() -> None:
    found = extract_actions(parse_minutes(TYPED, "text"), CTX, Roster())
    got = {f.text: ([o.name for o in f.owners], f.due.date if f.due else None) for f in found}
    assert got == {
        "Circulate the draft agreement to the partners": (["Alice Martin"], date(2026, 12, 11)),
        "Check the transfer settings on the test pool": (["Bob Chen"], date(2026, 12, 4)),
        "Update the quota dashboard": (["Karin Berg"], None),
    }


def test_aligned_rows_keep_empty_cells_in_their_column() -> None:
    lines = TYPED.split("\n")
    rows = aligned_rows(lines, {})
    assert sorted(rows) == [5, 6, 7, 8]
    assert rows[8] == ["3", "Update the quota dashboard", "KB", ""]
    doc = parse_minutes(TYPED, "text")
    assert [ln.kind for ln in doc.lines].count(LineKind.ROW) == 4


def test_prose_with_wide_spaces_or_a_wrapped_cell_is_no_table() -> None:
    prose = [
        "The pool is full.  We agreed to wait.  Bob will ask.",
        "Karin reported the figures.  They look fine.",
        "No objections.  The minutes were approved.",
    ]
    assert aligned_rows(prose, {}) == {}
    wrapped = [
        "Action                 Who    By",
        "Check the settings     BC     Fri",
        "  on the test pool",
        "Update the dashboard   KB     Mon",
    ]
    assert aligned_rows(wrapped, {}) == {}  # one row under the header is no table


def test_by_is_the_deadline_beside_an_owner_column_and_the_owner_alone() -> None:
    assert header_roles(("Action", "Who", "By")) == {0: Role.TASK, 1: Role.OWNER, 2: Role.DUE}
    assert header_roles(("Action", "By")) == {0: Role.TASK, 1: Role.OWNER}
    assert header_roles(("Action", "By", "Due")) == {0: Role.TASK, 1: Role.OWNER, 2: Role.DUE}
