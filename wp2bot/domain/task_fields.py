"""The fields a task manager writes after a task's text, read apart from the task.

Note-taking tools that keep tasks in Markdown write each task's properties after its words:
Obsidian's Tasks plugin as signs ("📅 2026-12-10" due, "✅ 2026-12-01" done on, "⏫" priority),
Dataview as inline fields ("[due:: 2026-12-15]"), exports of Notion or a tracker as labelled
fields ("Assignee: Bo Chen  Due: December 10, 2026"). The task is the text before them; the
owner and the due date are the fields' (the date it was done, started or created is no
deadline).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wp2bot.domain.pattern_rules import PatternRule as Rule
from wp2bot.domain.pattern_rules import case, pattern, ranked
from wp2bot.domain.tables import Role, column_role

_SIGNS = "📅🗓⏳🛫✅➕🔁❌⏫🔼🔽🔺⏬"
_DUE_SIGNS = "📅🗓"
# the labels of the fields after a task (any case)
_KEYS = (
    r"assignees?|assigned(?:\s+to)?|owners?|responsible|due(?:\s+date)?|deadline|status|"
    r"priority|tags?"
)

RULES = ranked(
    Rule(
        name="task-sign",
        rank=20,
        # a sign and its value: a date, or a recurrence up to the next sign; a priority alone
        pattern=re.compile(
            r"\s*(?P<sign>[" + _SIGNS + r"])\ufe0f?"
            r"(?:\s*(?P<value>\d{4}-\d{2}-\d{2}|every\s[^" + _SIGNS + r"]*?))?(?=\s|$)"
        ),
        yields="a task manager's sign (sign) and its value (value), to strip",
        examples=(
            case("Renew the keys 📅 2026-12-10", sign="📅", value="2026-12-10"),
            case("Renew the keys ⏫", sign="⏫", value=None),
            case("Rotate the logs 🔁 every week 📅 2026-12-10", sign="🔁", value="every week"),
        ),
        counter_examples=("Renew the keys by 2026-12-10",),
    ),
    Rule(
        name="inline-field",
        rank=20,
        pattern=re.compile(r"\s*\[(?P<key>[A-Za-z][\w -]{0,24}?)::\s*(?P<value>[^\]]*)\]"),
        yields="a Dataview field in brackets: its key and value, to strip",
        examples=(case("Check the route [due:: 2026-12-15]", key="due", value="2026-12-15"),),
        counter_examples=("Check the route [due 15 Dec]", "see [[Route notes]]"),
    ),
    Rule(
        name="bracketed-fields",
        rank=15,
        # "(owner: Bo, due: 10 Dec)" closing the task: the fields in brackets
        pattern=re.compile(
            r"\s*\((?P<fields>(?i:(?:" + _KEYS + r")\s*[:=]|assigned\s+to\s)\s*[^()]+)\)\s*\.?\s*$"
        ),
        yields="the fields (fields) in a closing bracket, each 'key: value', to strip",
        examples=(
            case("Ask the vendor (owner: Bo, due: 10 Dec)", fields="owner: Bo, due: 10 Dec"),
            case("Docs for users (owner: Bo, due 10 Dec)", fields="owner: Bo, due 10 Dec"),
            case("Fix the runners (assigned to Bo)", fields="assigned to Bo"),
        ),
        counter_examples=("Ask the vendor (see the owner list)", "Ask the vendor (Bo)"),
    ),
    Rule(
        name="labelled-field",
        rank=10,
        # after the task's words: "Assignee: Bo Chen", "Due: 10 Dec"; the value runs on to the
        # next field's label
        pattern=re.compile(r"(?<=\S)\s+(?P<key>(?i:" + _KEYS + r"))\s*:\s+(?=\S)"),
        yields="the label (key) of a field written after the task; its value follows",
        examples=(
            case("Update the runbook Assignee: Bo Chen Due: 10 Dec", key="Assignee"),
            case("Update the runbook  Due date: 10 Dec", key="Due date"),
        ),
        counter_examples=("Owner: Bo Chen", "Update the runbook (due 10 Dec)"),
    ),
)
_SIGN = pattern(RULES, "task-sign")
_INLINE = pattern(RULES, "inline-field")
_LABELLED = pattern(RULES, "labelled-field")
_BRACKETED = pattern(RULES, "bracketed-fields")
_FIELD = re.compile(r"\s*(?P<key>[^:=]+?)\s*[:=]\s*(?P<value>.*?)[\s.]*$")
_DATED = re.compile(r"\s*(?:due|by|deadline|until)\s+(?P<value>\S.*?)[\s.]*$", re.IGNORECASE)
_ASSIGNED = re.compile(r"\s*assigned\s+to\s+(?P<value>\S.*?)[\s.]*$", re.IGNORECASE)
_ANY_SIGN = re.compile(r"[" + _SIGNS + r"]")


@dataclass(frozen=True, slots=True)
class TaskFields:
    """A task's text without its fields, and the owner and deadline they name."""

    text: str
    owner: str = ""
    due: str = ""


def task_fields(text: str) -> TaskFields | None:
    """The fields written after a task, or None when the text has none."""
    signs = _ANY_SIGN.search(text) is not None
    inline = "::" in text
    labelled = _LABELLED.search(text) if ": " in text else None
    # the bracket closes the task, or the task before its labelled fields: "Finalise the tables
    # (owner: Bo). Deadline: before the review"
    head = text[: labelled.start()] if labelled else text
    if head.rstrip(" .")[-1:] != ")":
        head = text
    bracketed = _BRACKETED.search(head) if head.rstrip(" .")[-1:] == ")" else None
    if not (signs or inline or labelled or bracketed):
        return None
    pairs: list[tuple[str, str]] = []  # (key, value) of each field, in the order written
    if bracketed:
        for part in re.split(r"[,;]", bracketed["fields"]):
            if field := _FIELD.match(part):
                pairs.append((field["key"], field["value"]))
            elif dated := _DATED.match(part):
                pairs.append(("due", dated["value"]))  # "(owner: Bo, due 10 Dec)"
            elif assigned := _ASSIGNED.match(part):
                pairs.append(("assigned", assigned["value"]))  # "(assigned to Bo)"
        text = text[: bracketed.start()] + text[len(head) :]
    if inline:
        pairs += [(f["key"], f["value"]) for f in _INLINE.finditer(text)]
        text = _INLINE.sub("", text)
    if signs:
        pairs += [
            ("due", m["value"])
            for m in _SIGN.finditer(text)
            if m["sign"] in _DUE_SIGNS and m["value"]
        ]
        text = _SIGN.sub("", text)
    fields = list(_LABELLED.finditer(text)) if labelled else []
    for at, field in enumerate(fields):
        end = fields[at + 1].start() if at + 1 < len(fields) else len(text)
        value, _, rest = text[field.end() : end].partition(";")
        pairs.append((field["key"], value))
        if rest and (dated := _DATED.match(rest)):
            pairs.append(("due", dated["value"]))  # "owner: Bo; due 30/09"
    if fields:
        text = text[: fields[0].start()]
    return TaskFields(text.strip(" ;,"), _first(pairs, Role.OWNER), _first(pairs, Role.DUE))


def _first(pairs: list[tuple[str, str]], role: Role) -> str:
    """The value of the first field whose label a table header of ``role`` would have
    (``tables.column_role``: "Assignee", "Due date"), trimmed; "" when none has one."""
    for key, value in pairs:
        if column_role(" ".join(key.split())) is role:
            return value.strip(" ,;.")
    return ""
