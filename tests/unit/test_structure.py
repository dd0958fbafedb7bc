"""The document tree: tables read by their header words, owners inherited from parent nodes,
status and due from columns, in every input form. All minutes here are invented."""

from __future__ import annotations

from datetime import date

import pytest

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.doctree import build_tree, label_of
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import (
    ExtractedAction,
    LineKind,
    MeetingContext,
    Participant,
    Roster,
    Status,
)
from wp2bot.domain.tables import Role, cell_status, column_role, header_roles

PEOPLE = tuple(
    Participant(n)
    for n in ("Greta Holm", "Ivo Petrov", "Nadia Kaya", "Omar Haddad", "Lotte Brink", "Ravi Sen")
)
CTX = MeetingContext(meeting_date=date(2026, 3, 11), participants=PEOPLE)  # a Wednesday


def run(text: str, fmt: str) -> dict[str, ExtractedAction]:
    doc = parse_minutes(text, fmt)  # type: ignore[arg-type]
    return {a.text: a for a in extract_actions(doc, CTX, Roster())}


def names(action: ExtractedAction) -> list[str]:
    return [o.name for o in action.owners]


def due(action: ExtractedAction) -> date | None:
    return action.due.date if action.due else None


@pytest.mark.parametrize(
    ("cell", "role"),
    [
        ("Owner", Role.OWNER),
        ("Who", Role.OWNER),
        ("Responsible:", Role.OWNER),
        ("Assignee(s)", Role.OWNER),
        ("Wer", Role.OWNER),
        ("Action", Role.TASK),
        ("Description", Role.TASK),
        ("Aufgabe", Role.TASK),
        ("Due", Role.DUE),
        ("Due (YYYYMMDD)", Role.DUE),
        ("Deadline", Role.DUE),
        ("Status", Role.STATUS),
        ("Creation date", Role.CREATED),
        ("Comments", Role.COMMENTS),
        ("#", Role.ID),
        ("Nr.", Role.ID),
        ("Cores", None),
        ("Site", None),
    ],
)
def test_header_words_give_column_roles(cell: str, role: Role | None) -> None:
    assert column_role(cell) is role


def test_a_header_needs_two_roles_and_a_figures_table_has_no_task() -> None:
    assert header_roles(("Owner", "Task", "Due")) == {0: Role.OWNER, 1: Role.TASK, 2: Role.DUE}
    assert header_roles(("Cluster", "Nodes", "Load")) == {}


@pytest.mark.parametrize(
    ("cell", "status"),
    [
        ("done", Status.DONE),
        ("Closed, no longer relevant", Status.DONE),
        ("erledigt", Status.DONE),
        ("✔", Status.DONE),
        ("ongoing", Status.OPEN),
        ("in progress, half of it", Status.OPEN),
        ("new", Status.OPEN),
        ("", Status.OPEN),
        ("TBC", Status.TENTATIVE),
    ],
)
def test_status_cells(cell: str, status: Status) -> None:
    assert cell_status(cell) is status


MD_TABLE = """# Storage call

## Open actions

| Owner | Task | Due | Status |
|---|---|---|---|
| Greta | Move the archive pool to the new disks | 20260320 | ongoing |
| Ivo | Write the restore checklist | 25.03. | done |
| – | Pick a date for the next drill | | new |

## Figures

| Cluster | Nodes | Load |
|---|---|---|
| North | 12 | high |
"""


def test_markdown_table_columns_in_any_order() -> None:
    got = run(MD_TABLE, "markdown")
    assert set(got) == {
        "Move the archive pool to the new disks",
        "Write the restore checklist",
        "Pick a date for the next drill",
    }
    archive = got["Move the archive pool to the new disks"]
    assert names(archive) == ["Greta Holm"]
    assert due(archive) == date(2026, 3, 20)  # YYYYMMDD in the due column
    assert archive.status is Status.OPEN
    checklist = got["Write the restore checklist"]
    assert checklist.status is Status.DONE
    assert due(checklist) == date(2026, 3, 25)
    assert got["Pick a date for the next drill"].owners == ()


def test_a_log_of_actions_decisions_and_risks_gives_only_its_action_rows() -> None:
    got = run(
        "| ID | Type | Description | Owner | Due |\n|---|---|---|---|---|\n"
        "| 4 | Risk | Support for the old library ends next year | Ivo Petrov | |\n"
        "| 5 | Action | Get a quote for a new library | Ivo Petrov | 2026-04-15 |\n"
        "| 6 | Decision | Keep the old library until the quote is in | Board | |\n"
        "| 7 | AI | Replace the two failing drives | Nadia Kaya | |\n",
        "markdown",
    )
    assert set(got) == {"Get a quote for a new library", "Replace the two failing drives"}
    assert due(got["Get a quote for a new library"]) == date(2026, 4, 15)


def test_a_due_cell_that_writes_only_the_day_is_that_deadline() -> None:
    text = (
        "## Actions\n\n| What | Who | When |\n|---|---|---|\n"
        "| Write the restore checklist | Ivo | Fri |\n"
        "| Move the archive pool | Greta | EOW |\n"
        "| Renew the tape quota | Ivo | wk 13 |\n"
        "| Plan the next drill | Greta | Q2 |\n"
    )
    got = run(text, "markdown")
    assert due(got["Write the restore checklist"]) == date(2026, 3, 13)  # the Friday after
    assert due(got["Move the archive pool"]) == date(2026, 3, 13)
    assert due(got["Renew the tape quota"]) == date(2026, 3, 27)  # Friday of ISO week 13
    assert due(got["Plan the next drill"]) is None  # a quarter alone is a horizon, no deadline


def test_a_next_step_column_holds_the_tasks_of_a_status_table() -> None:
    text = (
        "## Sites\n\n| Site | Contact | Status | Next step |\n|---|---|---|---|\n"
        "| North | Greta Holm | green | run the full test matrix |\n"
        "| South | Ivo Petrov | red | upgrade the storage before the 20th |\n"
    )
    got = run(text, "markdown")
    assert names(got["run the full test matrix"]) == ["Greta Holm"]
    assert due(got["upgrade the storage before the 20th"]) == date(2026, 3, 20)


def test_a_next_steps_column_with_no_owner_column_names_the_owners_in_its_cells() -> None:
    text = (
        "## Sync\n\n| Topic | Notes | Next steps |\n|---|---|---|\n"
        "| Tape | recall still slow | Greta: rerun with 500 files |\n"
        "| Tokens | timeline shown | Ivo to circulate the timeline by Friday |\n"
        "| Network | no news | - |\n"
    )
    got = run(text, "markdown")
    assert {t: names(a) for t, a in got.items()} == {
        "rerun with 500 files": ["Greta Holm"],
        "Ivo to circulate the timeline by Friday": ["Ivo Petrov"],
    }
    # a table of items and notes lists topics, not things to do
    assert (
        run("## Sync\n\n| Item | Notes |\n|---|---|\n| Tape | Greta: rerun |\n", "markdown") == {}
    )


def test_a_topic_with_the_one_responsible_in_brackets_then_the_task() -> None:
    got = run("Sync\n\nTape recall (resp. Greta): rerun the test with 500 files.\n", "text")
    assert [names(a) for a in got.values()] == [["Greta Holm"]]


def test_markdown_table_whose_first_row_is_empty_keeps_its_header() -> None:
    text = (
        "## Actions\n\n|  |  |  |  |\n|---|---|---|---|\n"
        "| # | Action | Who | Status |\n| 1 | Renew the signing key | Nadia | open |\n"
    )
    got = run(text, "markdown")
    assert list(got) == ["Renew the signing key"]
    assert names(got["Renew the signing key"]) == ["Nadia Kaya"]


HTML_TABLE = (
    "<h2>Review of actions</h2><figure class='table'><table><tbody>"
    "<tr><td>Created</td><td>Description</td><td>Responsible</td><td>Status</td>"
    "<td>Comments</td></tr>"
    "<tr><td>2026-02-11</td><td><s>Order the spare controller</s></td><td>Omar</td>"
    "<td>closed</td><td>superseded</td></tr>"
    "<tr><td>2026-02-25</td><td>Draft the outage notice</td><td>Lotte + Ravi</td>"
    "<td>open</td><td>to be sent before 20 March</td></tr>"
    "<tr><td>2026-02-25</td><td>Update the contact page</td><td>Ivo</td><td>DONE</td>"
    "<td>updated on 2 March</td></tr>"
    "</tbody></table></figure>"
)


def test_html_table_task_owner_status_and_a_deadline_in_the_comments() -> None:
    got = run(HTML_TABLE, "html")
    assert set(got) == {
        "Order the spare controller",
        "Draft the outage notice",
        "Update the contact page",
    }  # never the creation date as the task
    assert got["Order the spare controller"].status is Status.DONE  # struck through
    notice = got["Draft the outage notice"]
    assert names(notice) == ["Lotte Brink", "Ravi Sen"]
    assert due(notice) == date(2026, 3, 20)
    page = got["Update the contact page"]
    assert page.status is Status.DONE
    assert page.due is None  # a date the comment mentions is no deadline


PAGE_TEXT = (
    "Storage call\nWednesday 11 Mar 2026\n\nMinutes\n\n"
    "1. Review of open actions\n\n"
    "ID\tAction\tOwner\tStatus\n"
    "26-01\tMigrate the catalogue to the new host\tNadia\tin progress\n"
    "26-02\t~~Retire the old proxy~~\tOmar\tdone\n\n"
    "2. Site reports\n\n"
    "  • North (Greta): disks replaced last week. Will rerun the tape test by Friday.\n"
    "  • South (Ivo): nothing to report.\n"
)


def test_indico_page_text_tab_separated_rows_and_numbered_titles() -> None:
    doc = parse_minutes(PAGE_TEXT, "text")
    rows = [line for line in doc.lines if line.kind is LineKind.ROW]
    assert [r.cells[1] for r in rows] == [
        "Action",
        "Migrate the catalogue to the new host",
        "Retire the old proxy",
    ]
    assert rows[2].struck_cells == (False, True, False, False)
    titles = [s.title for s in doc.sections]
    assert "Review of open actions" in titles
    assert "Site reports" in titles
    got = run(PAGE_TEXT, "text")
    assert names(got["Migrate the catalogue to the new host"]) == ["Nadia Kaya"]
    assert got["Retire the old proxy"].status is Status.DONE
    # a subjectless commitment in a site's report: the site and its speaker own it
    tape = got["Will rerun the tape test by Friday."]
    assert tape.owners_raw == ("North", "Greta")
    assert names(tape) == ["North", "Greta Holm"]
    assert due(tape) == date(2026, 3, 13)


NESTED = """## Services

- Backup service (Omar):
  - nightly run moved to 02:00, no issues
  - enable compression on the offsite copy next week
  - retention policy: postponed
- Dashboards – Team Kite (Lotte, Ravi):
  - add the queue length panel to the overview
- Portal (Ivo):
  - Nadia to review the login flow
"""


def test_nested_tasks_inherit_the_owner_label_of_their_parent() -> None:
    got = run(NESTED, "markdown")
    compression = got["enable compression on the offsite copy next week"]
    assert compression.owners_raw == ("Backup service", "Omar")
    assert names(got["add the queue length panel to the overview"]) == [
        "Lotte Brink",
        "Ravi Sen",
    ]  # several people in the parentheses are the team
    assert names(got["Nadia to review the login flow"]) == ["Nadia Kaya"]  # its own subject wins
    assert "nightly run moved to 02:00, no issues" not in got  # a report is no task
    assert not any("retention" in t for t in got)


def test_label_of_lines() -> None:
    def known(name: str) -> bool:
        return name in {"Greta", "Omar"}

    north = label_of("North (Greta): all green", known)
    assert north is not None
    assert (north.owners, north.rest) == ("North, Greta", "all green")
    team = label_of("Ops – Team Kite (Lotte, Ravi):", known)
    assert team is not None
    assert (team.owners, team.rest) == ("Lotte, Ravi", "")
    bare = label_of("Omar:", known)
    assert bare is not None
    assert bare.owners == "Omar"
    assert label_of("AI (Greta): check the fans", known) is None  # a marker, not a label
    assert label_of("Run 12 (2025): results", known) is None  # digits name nobody
    assert label_of("Update (see the slides): nothing", known) is None


def test_tree_parents_follow_nesting_and_label_paragraphs() -> None:
    doc = parse_minutes("Todo:\n\n- first task here\n  - a detail of it\n- second task\n", "text")
    tree = build_tree(doc, lambda _name: False)
    texts = [line.text for line in doc.lines]
    parents = {
        texts[i]: (texts[p] if p >= 0 else None)
        for i, p in enumerate(tree.parent)
        if i < len(texts)
    }
    assert parents["a detail of it"] == "first task here"
    assert parents["second task"] == parents["first task here"]


FOLLOW_UPS = """## Review

- Greta: ✔ swap the failed controller
- Ivo + Nadia: restore drill notes for the wiki – ongoing, first draft next week
- Omar: quota report for the archive – not needed, the new tool does it
- Lotte: the cooling looked fine this week
- Someone: ✔ this names nobody the meeting knows
"""


def test_follow_up_entries_give_owner_and_state() -> None:
    got = run(FOLLOW_UPS, "markdown")
    # the task is what follows the owner and the tick
    controller = got["swap the failed controller"]
    assert (names(controller), controller.status) == (["Greta Holm"], Status.DONE)
    drill = got["restore drill notes for the wiki – ongoing, first draft next week"]
    assert (names(drill), drill.status) == (["Ivo Petrov", "Nadia Kaya"], Status.OPEN)
    quota = got["quota report for the archive – not needed, the new tool does it"]
    assert quota.status is Status.DONE
    assert not any("cooling" in t or "names nobody" in t for t in got)  # no state, no owner


def test_a_table_without_an_owner_column_reads_the_owner_in_its_task_cell() -> None:
    text = (
        "## Round table\n\n| Site | Status | Actions |\n|---|---|---|\n"
        "| North | ok | Ivo to upgrade the gateway |\n"
        "| South | degraded | check the tape drives (Nadia) |\n"
    )
    got = run(text, "markdown")
    assert names(got["Ivo to upgrade the gateway"]) == ["Ivo Petrov"]
    assert names(got["check the tape drives"]) == ["Nadia Kaya"]
