"""Tables of the minutes: what each column holds, read from the header words, and action rows.

An action table is recognised by its header, in any column order: a task column ("Action",
"Task", "Description", "Aufgabe") and at least one of owner ("Who", "Owner", "Responsible"),
due ("Due", "Deadline", "Target date") or status ("Status", "State"). A table of figures
("Site | Cores | HS23") has no task column and gives no actions.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from wp2bot.domain import table_patterns as tp
from wp2bot.domain.dates import DateContext, find_due
from wp2bot.domain.models import Due, Line, Status
from wp2bot.domain.pattern_rules import pattern
from wp2bot.domain.status_rules import cell_status


class Role(enum.StrEnum):
    """What a table column holds."""

    TASK = "task"
    OWNER = "owner"
    DUE = "due"
    STATUS = "status"
    CREATED = "created"
    COMMENTS = "comments"
    TIME = "time"
    TYPE = "type"
    ID = "id"
    TICKET = "ticket"


# the role of a column from its header cell, tried in the rank order of the rules
_ROLES = tuple((Role(r.name), r.pattern) for r in tp.HEADER_RULES)
# Lexical helpers, no rules: the parenthesised note a header cell may end with ("Due
# (YYYYMMDD)") and the contact an owner cell may end with ("ARGO team (argo-ops@example.org)")
_NOTE = re.compile(r"\s*[(\[][^)\]]*[)\]]\s*$")
_CONTACT_NOTE = re.compile(r"\s*\([^()]*@[^()]*\)\s*$")
# owner cells that name nobody
_NOBODY = frozenset("- – — ? n/a na tbd tba none nobody".split())
_EIGHT_DIGITS = pattern(tp.CELL_RULES, "eight-digits")
_FOUR_DIGITS = pattern(tp.CELL_RULES, "year")
_BARE_DEADLINE = pattern(tp.CELL_RULES, "bare-deadline")
_DEADLINE_WORD = pattern(tp.CELL_RULES, "deadline-word")
_ACTION_KIND = pattern(tp.CELL_RULES, "action-kind")


def column_role(cell: str) -> Role | None:
    """The role a header cell names, if any."""
    text = _NOTE.sub("", cell.strip().rstrip(":").strip()).strip(" *_")
    if not text or len(text) > 40:
        return None
    for role, header in _ROLES:
        if header.fullmatch(text):
            return role
    return None


def header_roles(cells: tuple[str, ...]) -> dict[int, Role]:
    """Column roles of a row read as a header: empty when two columns name no role."""
    roles: dict[int, Role] = {}
    by: int | None = None
    for column, cell in enumerate(cells):
        if not cell:
            continue
        if by is None and cell.strip(" :*_").lower() == "by":
            by = column
            continue
        role = column_role(cell)
        if role is None or role in roles.values():
            continue
        roles[column] = role
    if by is not None:
        # "Action | By" names who acts; "Action | Who | By", when it is due
        role = Role.DUE if Role.OWNER in roles.values() else Role.OWNER
        if role not in roles.values():
            roles[by] = role
    return roles if len(roles) >= 2 else {}


@dataclass(frozen=True, slots=True)
class Table:
    """One table: the line index of its header row (if any), its body rows, column roles."""

    header: int | None
    rows: tuple[int, ...]
    roles: Mapping[int, Role]
    # the task column's header names things to do ("Next steps", "Actions"), not "Item"
    listed: bool = False

    @property
    def is_action_table(self) -> bool:
        """A task column and something that makes it a list of things to do: an owner, due or
        status column, or a header that says so (a timetable's "Item" and "Who" are an
        agenda's topics and speakers; a tracker's tickets with no owner or due column are
        reported, not given)."""
        present = set(self.roles.values())
        if Role.TICKET in present and not present & {Role.OWNER, Role.DUE} and not self.listed:
            return False  # "Ticket | Site | State | Subject": a tracker's tickets and their state
        return (
            Role.TASK in present
            and Role.TIME not in present
            and (self.listed or bool(present & {Role.OWNER, Role.DUE, Role.STATUS}))
        )

    def column(self, role: Role) -> int | None:
        """The column that holds ``role``."""
        for column, found in self.roles.items():
            if found is role:
                return column
        return None


@dataclass(frozen=True, slots=True)
class RowAction:
    """What one body row of an action table says."""

    task: str
    owners: str  # as written; "" when the row names nobody
    status: Status
    due: str  # the due cell as written
    comments: str

    @property
    def deadline(self) -> str:
        """Where the row writes its deadline: the due cell, else a comment that sets one ("to
        be sent before Christmas"; "updated on 2 Dec" only mentions a date)."""
        if self.due or not _DEADLINE_WORD.search(self.comments):
            return self.due
        return self.comments


def _cell(line: Line, column: int | None) -> str:
    if column is None or column >= len(line.cells):
        return ""
    return line.cells[column].strip()


def row_action(table: Table, line: Line) -> RowAction | None:
    """The action of a body row, or None when its task cell is empty."""
    task_column = table.column(Role.TASK)
    task = _cell(line, task_column)
    if len(task.split()) < 2 or task_column is None:
        return None
    kind = _cell(line, table.column(Role.TYPE))
    if kind and not _ACTION_KIND.fullmatch(kind):
        return None  # a log's decision, risk or issue row: no task
    owners = _CONTACT_NOTE.sub("", _cell(line, table.column(Role.OWNER)))
    if owners.lower() in _NOBODY:
        owners = ""
    status_cell = _cell(line, table.column(Role.STATUS))
    comments = _cell(line, table.column(Role.COMMENTS))
    due = _cell(line, table.column(Role.DUE))
    struck = line.struck_cells[task_column] if task_column < len(line.struck_cells) else False
    # without a status column, a comment or the due cell gives the state: "done", "closed"
    said = cell_status(status_cell or comments or due, task)
    return RowAction(
        task=task,
        owners=owners,
        status=Status.DONE if struck else said,
        due=due,
        comments=comments,
    )


def cell_due(text: str, ctx: DateContext) -> Due | None:
    """The deadline a due cell gives, in any common form ("20240315", "15.03.", "end of May").

    A review table lists items that were due before the meeting: a date written without a year
    is the one nearest the meeting, not next year's.
    """
    text = text.strip()
    if not text or text.lower() in _NOBODY:
        return None
    text = _EIGHT_DIGITS.sub(r"\1-\2-\3", text)
    # a bare date reads as a deadline ("15.09.", "Fri" -> "by 15.09.", "by Fri"); "Q4", "end
    # of May" as written
    phrase = f"by {text}" if _BARE_DEADLINE.match(text) else text
    found = find_due(phrase, ctx)
    if found is None:
        return None
    due = Due(text, found.date, found.precision)  # the phrase as the cell writes it
    if due.date is None or ctx.meeting_date is None:
        return due
    if not _FOUR_DIGITS.search(text) and due.date - ctx.meeting_date > timedelta(days=183):
        try:
            earlier = due.date.replace(year=due.date.year - 1)
        except ValueError:  # 29 February
            earlier = date(due.date.year - 1, due.date.month, 28)
        return Due(due.phrase, earlier, due.precision)
    return due
