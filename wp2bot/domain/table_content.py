"""Column roles read from the cells of a table that has no header row ("AI 11.2  Kim  Collect
the site feedback  OPEN"): the column of known names holds the owners, the one of state words
the status, the one of dates the deadline, and the column of the longest texts the task."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from wp2bot.domain.dates import DateContext, find_due
from wp2bot.domain.models import Status
from wp2bot.domain.status_rules import cell_status
from wp2bot.domain.tables import Role

# states a status cell writes that leave the item open (the closed ones ``cell_status`` reads)
_OPEN_STATES = frozenset(
    (
        *"open new ongoing pending todo to-do planned started blocked waiting".split(),
        "in progress",
        "on hold",
        "not started",
    )
)
_NO_YEAR = DateContext(meeting_date=None)


_SAMPLE = 8  # the cells of a column read: a column of names or dates shows it in its first rows


def _most(cells: Sequence[str], test: Callable[[str], bool]) -> bool:
    """Whether more than half of the first non-empty cells pass ``test``."""
    filled = [c for c in cells if c][:_SAMPLE]
    return bool(filled) and sum(1 for c in filled if test(c)) * 2 > len(filled)


def _a_state(cell: str) -> bool:
    return cell.lower() in _OPEN_STATES or cell_status(cell) is not Status.OPEN


def _a_date(cell: str) -> bool:
    return len(cell) <= 20 and find_due(f"by {cell}", _NO_YEAR) is not None


def content_roles(
    columns: Sequence[Sequence[str]], is_known: Callable[[str], bool]
) -> dict[int, Role]:
    """The roles of a header-less table's columns, or {} unless it has a task and an owner
    column: an action table written without its header."""

    def a_name(cell: str) -> bool:
        # (a capital first, no digit, a few words: the look of a name, before the costly look-up)
        return (
            len(cell) <= 40
            and cell[:1].isupper()
            and cell.count(" ") < 4
            and not any(ch.isdigit() for ch in cell)
            and is_known(cell)
        )

    owner = next((at for at, cells in enumerate(columns) if _most(cells, a_name)), None)
    if owner is None:
        return {}  # a table of figures or a timetable: no column of people
    roles = {owner: Role.OWNER}
    for at, cells in enumerate(columns):
        if at == owner:
            continue
        if Role.STATUS not in roles.values() and _most(cells, _a_state):
            roles[at] = Role.STATUS
        elif Role.DUE not in roles.values() and _most(cells, _a_date):
            roles[at] = Role.DUE
    rest = [at for at in range(len(columns)) if at not in roles]
    words = {at: sum(len(c.split()) for c in columns[at]) / max(1, len(columns[at])) for at in rest}
    task = max(rest, key=lambda at: words[at], default=None)
    if task is None or words[task] < 3:
        return {}
    roles[task] = Role.TASK
    return roles
