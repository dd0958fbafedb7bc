"""What a column of an action table holds, read from its header cell, in one ranked table.

Each rule is named for the role of the column (``tables.Role``) and matched against a whole
header cell (lower case, without a trailing colon or a parenthesised note such as "Due
(YYYYMMDD)"); the first rule by rank that matches gives the role. English words first, then the
German, French, Spanish and Italian ones minutes in those languages use. The cells of a body row
(a deadline in a comment, a date written as eight digits, a year) are rules of their own, that
never compete with the header's. ``tests/unit/test_pattern_rules.py`` runs the examples.
"""

from __future__ import annotations

import re

from wp2bot.domain.pattern_rules import PatternRule, case, ranked


def _header(words: str) -> re.Pattern[str]:
    return re.compile(f"(?:{words})", re.IGNORECASE)


HEADER_RULES = ranked(
    PatternRule(
        name="task",
        rank=70,
        pattern=_header(
            r"actions?(?: items?)?|ais?|tasks?|descriptions?|items?|what|to ?-?dos?|subject|"
            r"next steps?|next actions?|follow[ -]?ups?|activity|aufgaben?|ma(?:ß|ss)nahmen?|"
            r"beschreibung|t[âa]ches?|"
            r"acci[oó]n(?:es)?|tarea|azion[ei]|compito|attivit[àa]|aktion(?:en)?|"
            r"actie(?:punt)?(?:en)?|taak|taken|"
            # "Wer | Was | Bis wann", "Qui | Quoi | Quand": the question words of a plan
            r"was|quoi|qu[ée]|cosa|wat"
        ),
        yields="the column of the task",
        how="match",
        examples=(
            case("Action items"),
            case("To-do"),
            case("Follow-up"),
            case("Maßnahme"),
            case("Tâche"),
        ),
        counter_examples=("Cores",),
    ),
    PatternRule(
        name="owner",
        rank=60,
        pattern=_header(
            r"owners?|who|responsibles?|responsibility|assignees?(?: ?\(s\))?|assigned(?: to)?|"
            r"persons?|people|contacts?|actionees?|by whom|lead|wer|verantwortlich(?:e|er)?|"
            r"zust[äa]ndig|responsables?|responsabile|qui|qui[eé]n|chi|owner ?\(s\)|"
            r"eigenaar|verantwoordelijke|wie|door wie|actiehouder"
        ),
        yields="the column of the owners",
        how="match",
        examples=(
            case("Assignee(s)"),
            case("Who"),
            case("Zuständig"),
            case("Quién"),
            case("Eigenaar"),
        ),
        counter_examples=("Site",),
    ),
    PatternRule(
        name="due",
        rank=50,
        pattern=_header(
            r"due(?: date| by| on)?|deadlines?|target(?: date)?|by when|when|until|eta|"
            r"bis(?: wann)?|wann|termin|frist|f[äa]llig(?:keit)?|[ée]ch[ée]ance|plazo|scadenza|"
            r"fecha l[íi]mite|quand|cu[áa]ndo|quando|wanneer"
        ),
        yields="the column of the due date",
        how="match",
        examples=(
            case("Due by"),
            case("Target date"),
            case("Échéance"),
            case("ETA"),
            case("Bis wann"),
            case("Quand"),
        ),
        counter_examples=("Date",),
    ),
    PatternRule(
        name="status",
        rank=40,
        pattern=_header(
            r"status|state|progress|done\??|resolution|outcome|stand|zustand|[ée]tat|statut|"
            r"estado|stato|voortgang|stand van zaken"
        ),
        yields="the column of the status",
        how="match",
        examples=(case("Done?"), case("Progress"), case("État")),
        counter_examples=("Stakeholder",),
    ),
    PatternRule(
        name="created",
        rank=30,
        pattern=_header(
            r"created(?: on)?|creation(?: date)?|date(?: (?:created|added|opened|raised))?|opened|"
            r"raised|added|since|meeting|datum|erstellt|cr[ée]{2}e?|fecha|data"
        ),
        yields="the column of the date the action was raised",
        how="match",
        examples=(case("Date raised"), case("Created on"), case("Créée")),
        counter_examples=("Due date",),
    ),
    PatternRule(
        name="comments",
        rank=20,
        pattern=_header(
            r"comments?|notes?|remarks?|details|updates?|notes? ?/ ?comments?|bemerkung(?:en)?|"
            r"kommentare?|anmerkung(?:en)?|commentaires?|remarques?|comentarios?|commenti|note"
        ),
        yields="the column of comments (where a deadline may be written)",
        how="match",
        examples=(case("Notes / comments"), case("Bemerkungen"), case("Update")),
        counter_examples=("Owner",),
    ),
    PatternRule(
        name="time",
        rank=15,
        pattern=_header(r"time|duration|slot|start|length|mins?\.?|minutes|dauer|zeit|dur[ée]e"),
        yields="the column of a timetable's times: the table is an agenda, not a list of tasks",
        how="match",
        examples=(case("Time"), case("Duration"), case("Min.")),
        counter_examples=("Topic",),
    ),
    PatternRule(
        name="type",
        rank=12,
        pattern=_header(r"types?|kind|category|art|typ|cat[ée]gorie|tipo|a/d/i|raid"),
        yields="the column of each row's kind (a log of actions, decisions, risks and issues)",
        how="match",
        examples=(case("Type"), case("Kind"), case("Catégorie")),
        counter_examples=("Task",),
    ),
    PatternRule(
        name="id",
        rank=10,
        pattern=_header(r"#|n[or]\.?|n°|num(?:ber)?|id|ref(?:erence)?|item ?#|lfd\.? ?nr\.?"),
        yields="the column of the action's number",
        how="match",
        examples=(case("#"), case("No."), case("Lfd. Nr.")),
        counter_examples=("Name",),
    ),
    PatternRule(
        name="ticket",
        rank=11,
        pattern=_header(r"tickets?|incidents?|ggus|jira|issues?|bugs?|tickets? ?#"),
        yields="the column of a tracker's ticket: its rows are the tracker's, not the meeting's",
        how="match",
        examples=(case("Ticket"), case("GGUS"), case("Incident")),
        counter_examples=("Task",),
    ),
)

CELL_RULES = ranked(
    PatternRule(
        name="action-kind",
        rank=0,
        pattern=re.compile(
            r"\W*(?:actions?(?: items?)?|ais?|aps?|tasks?|to ?-?dos?|follow[ -]?ups?|aufgaben?|"
            r"t[âa]ches?|acci[oó]n|azione)\W*",
            re.IGNORECASE,
        ),
        yields="a kind cell that makes the row an action ('Decision', 'Risk', 'Info' do not)",
        how="fullmatch",
        examples=(case("Action"), case("AI"), case("To-do"), case("Tâche")),
        counter_examples=("Decision", "Risk", "Issue", "Info"),
    ),
    PatternRule(
        name="deadline-word",
        rank=0,
        pattern=re.compile(r"\b(?:by|before|until|till|due|deadline|latest)\b", re.I),
        yields="a comment cell that sets a deadline ('to be sent before Christmas')",
        examples=(case("to be sent before Christmas"), case("Deadline moved to May")),
        counter_examples=("updated on 2 Dec", "Bypass the proxy"),
    ),
    PatternRule(
        name="eight-digits",
        rank=0,
        pattern=re.compile(r"(?<!\d)(20\d\d)(\d\d)(\d\d)(?!\d)"),
        yields="a date written as eight digits: its year, month and day",
        examples=(case("20240315", "2024", "03", "15"), case("by 20311201 latest", "2031")),
        counter_examples=("120240315", "19991231"),
    ),
    PatternRule(
        name="bare-deadline",
        rank=0,
        # a cell that writes only the day: a number, a short weekday, a period end or a week
        pattern=re.compile(
            r"^(?:\d|(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\b\.?|eo[dwmq]\b|"
            r"(?:kw|cw|wk|week)\.?\s*\d)",
            re.IGNORECASE,
        ),
        yields="a due cell that is the deadline itself, read as 'by ...'",
        how="match",
        examples=(case("15.09."), case("Fri"), case("EOW"), case("wk 50"), case("Thu 10/12")),
        counter_examples=("Q4", "next meeting", "Monday's call"),
    ),
    PatternRule(
        name="year",
        rank=0,
        pattern=re.compile(r"\d{4}"),
        yields="a due cell that writes its year (no guess of the nearest one)",
        examples=(case("15 March 2025"), case("2025-03-15")),
        counter_examples=("15.03.", "end of May"),
    ),
)
