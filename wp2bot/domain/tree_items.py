"""Candidates read from the document tree: the row of an action table, a bullet under a label,
and the fields nested under a task."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from wp2bot.domain import sentences as st
from wp2bot.domain import vocabulary as vo
from wp2bot.domain.action_items import Item, Names
from wp2bot.domain.dedupe import Mergeable
from wp2bot.domain.doctree import DocTree
from wp2bot.domain.line_prose import as_candidate
from wp2bot.domain.listed_items import parse_listed
from wp2bot.domain.models import Line, LineKind
from wp2bot.domain.status_rules import cell_status
from wp2bot.domain.tables import Role, column_role, row_action

_NEED = re.compile(r"^Needs? to\s+")


def under_label(tree: DocTree, index: int, line: Line) -> bool:
    """An imperative bullet nested under a pure owner label ("Team (Ann, Bo):")."""
    parent = tree.parent[index]
    if parent < 0 or line.kind is not LineKind.BULLET:
        return False
    label = tree.label(parent)
    text = line.text
    # "Needs to restart the caches" under the label: the labelled owner's need, an imperative
    need = _NEED.match(text)
    return (
        label is not None
        and not label.rest
        and vo.looks_imperative(text[need.end() :] if need else text)
        and not st.asks(text)
        and len(text.split()) >= 3
    )


def table_item(
    tree: DocTree, index: int, followups: dict[int, bool], names: Names
) -> list[Mergeable] | None:
    """The action of a table row, ``[]`` for a header or a row with no task, None when the
    table's header names no task column (the line rules then decide)."""
    table = tree.tables.get(index)
    if table is None or not table.roles:
        return None
    if index == table.header:
        return []
    if not table.is_action_table:
        return None
    line = tree.doc.lines[index]
    row = row_action(table, line)
    if row is None:
        return []
    owners = row.owners
    pair = _SITE_PERSON.match(owners) if owners.endswith(")") else None
    if pair and names.is_known(pair["person"]) and not names.is_known(pair["site"]):
        # "CNRS (Julien)": the partner and the person who speaks for it, as a round-table's
        # "Site (Person)" label; "Julien (CNRS)" is the person, from that partner
        owners = f"{pair['site']}, {pair['person']}"
    item = Item(row.task, [owners] if owners else [], False, row.status, 3)
    if not row.owners and (own := parse_listed(row.task, names, None)) and own.owners:
        # no owner column, or an empty cell: the task cell names its owner ("Bo to ...")
        item.text, item.owners = own.text, own.owners
    found = as_candidate(item, line, index, followups, 3, None)
    found.due_text = row.deadline
    return [found]


# an owner cell's site or partner and its person in brackets: "CNRS (Julien)"
_SITE_PERSON = re.compile(
    r"^(?P<site>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)?)\s*\((?P<person>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+)?)\)$"
)
# a form field "Owner: Bo", also as a reST field list writes it (":Owner: Bo")
_FIELD = re.compile(r"^:?(?P<label>[^\W\d_][\w ()/-]{0,24}?)\s*:\s*(?P<value>\S.{0,80})$")


def field_children(found: list[Mergeable], tree: DocTree) -> None:
    """A task whose nested bullets are a form's fields ("Owner: Bo", "Due: 10 Dec", "Status:
    done") takes its owner, deadline and status from them, as from an action table's cells; so
    does a task line whose next lines, with no blank line between, are such fields ("Action:
    renew the key" over "Owner: Bo" and "Due: 10 Dec")."""
    lines = tree.doc.lines
    taken: set[int] = set()  # the field lines read: "Responsible: Bo" is no item of its own
    for candidate in found:
        at = candidate.index
        line = lines[at]
        if line.kind is LineKind.BULLET:
            fields = [c for c in range(at + 1, min(at + 6, len(lines))) if tree.parent[c] == at]
        elif line.kind is LineKind.PARAGRAPH:
            fields = list(_field_lines(lines, at))
        else:
            continue
        for child in fields:
            field = _FIELD.match(lines[child].text)
            role = column_role(field["label"]) if field else None
            if field is None or role is None:
                continue
            value = field["value"].strip(" *_")
            taken.add(child)
            if role is Role.OWNER and not candidate.owners:
                candidate.owners = [value]
            elif role is Role.DUE and not candidate.due_text:
                candidate.due_text = value
            elif role is Role.STATUS:
                candidate.status = cell_status(value)
    if taken:
        found[:] = [c for c in found if c.index not in taken]


_FIELD_ROLES = frozenset((Role.OWNER, Role.DUE, Role.STATUS))


def task_field(lines: Sequence[Line], at: int) -> str | None:
    """The task a form's task field gives ("What: renew the keys"), an imperative with an owner,
    deadline or state field on the next line ("Item: budget review" over "Who: Ana" is an
    agenda's topic and its speaker); else None."""
    if at + 1 >= len(lines) or ":" not in lines[at + 1].text[:30]:
        return None  # most lines: no field after them
    field = _FIELD.match(lines[at].text)
    if field is None or column_role(field["label"]) is not Role.TASK:
        return None
    task = field["value"].strip(" *_")
    if not vo.looks_imperative(task) or next(_field_lines(lines, at), None) is None:
        return None
    return task


def _field_lines(lines: Sequence[Line], at: int) -> Iterator[int]:
    """The paragraph lines right after line ``at`` (the next physical lines, or lines of the
    same paragraph split at breaks) that are owner, deadline or status fields."""
    line = lines[at]
    for child in range(at + 1, min(at + 4, len(lines))):
        after = lines[child]
        if (
            after.kind is not LineKind.PARAGRAPH
            or after.section != line.section
            or after.number - lines[child - 1].number > 1
        ):
            return
        field = _FIELD.match(after.text)
        if field is None or column_role(field["label"]) not in _FIELD_ROLES:
            return
        yield child
