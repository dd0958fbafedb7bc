"""The headings of action lists and of reviews of earlier actions, in one ranked table.

"Action items", "Next steps", "AIs from the last meeting", "Actions carried over", "Review of
the actions of 3 Nov", and their kin in the sites' languages ("Offene Punkte", "Pendientes de la
reunión anterior", "Resumen de acciones", "Da fare"). Each rule names its heading, its pattern
and invented examples that ``tests/unit/test_pattern_rules.py`` runs; the marks that open one
item are ``markers``'.
"""

from __future__ import annotations

import re

from wp2bot.domain.casefold import contains_any, lower_safe
from wp2bot.domain.pattern_rules import PatternRule, case, pattern, ranked, rule

# the day of an earlier meeting in a heading: "19 November", "Nov 19th", "15.12.", "29/01",
# "2025-11-19"
_DAY = (
    r"(?:\d{1,2}(?:st|nd|rd|th)?\.?\s*[A-Za-z]{3,9}\.?(?:\s+\d{4})?|[A-Za-z]{3,9}\.?\s+\d{1,2}"
    r"(?:st|nd|rd|th)?(?:,?\s+\d{4})?|\d{1,2}[./]\d{1,2}\.?(?:[./]?\d{2,4})?|\d{4}-\d{2}-\d{2})"
)
# "from 19 November", "of the meeting on 15.12.", "from 17 December and 14 January", "from
# meeting 46"; and the
# prepositions of a few languages minutes of one collaboration mix in ("du", "vom", "del", "van")
_FROM_DAY = (
    r"(?:from|of|since|du|vom|del|van)\s+(?:the\s+)?(?:(?:meeting|call)\s+(?:of|on)\s+)?"
    r"(?:(?:meeting|call|board)\s+(?:#|no\.?\s*)?\d{1,4}\b|"
    # ("from the March meeting", "from the 7 March call": the meeting named by its day)
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?=meeting|call)|"
    + _DAY
    + r")"
    + r"(?:\s*(?:meeting|call|telcon|session)\b)?"
    + r"(?:\s*(?:and|&|,)\s*"
    + _DAY
    + r")?"
)
# the headings of action lists in the languages of a European collaboration's scribes
_OTHER_LANGUAGES = (
    r"actiepunten|acties|aktionen|aufgaben|offene\s+punkte|acciones|tareas|pendientes|azioni|"
    r"da\s+fare|[àa]\s+faire|zu\s+erledigen|por\s+hacer|te\s+doen"
)
# the meeting before, in those languages: "de la reunión anterior", "della riunione precedente",
# "de la réunion précédente", "aus der letzten Sitzung", "van de vorige vergadering"
_EARLIER_MEETING = (
    # (or the meetings before: "dalle riunioni precedenti", "de las reuniones anteriores")
    r"(?:de\s+la|de\s+las|del(?:la|le)?|dalla|dalle|des|de|der|den|aus\s+der|aus\s+den|vom|"
    r"van\s+de|uit\s+de)\s+"
    r"(?:(?:[úu]ltimas?|letzten|vorigen?|derni[eè]res?)\s+)?"
    r"(?:reuni[oó]n(?:es)?|riunion[ei]|r[ée]unions?|sitzung(?:en)?|besprechung(?:en)?|"
    r"treffens?|vergadering(?:en)?|overleg)"
    r"(?:\s+(?:anterior(?:es)?|precedent[ei]|pr[ée]c[ée]dentes?|passat[ae]|vorige))?"
)

# "last time" in those languages: "Actiepunten vorige keer", "Aufgaben vom letzten Mal"
_LAST_TIME = (
    r"(?:(?:van\s+de\s+)?vorige\s+keer|(?:vom\s+)?letzte[ns]?\s+mal|de\s+la\s+derni[eè]re\s+fois|"
    r"de\s+la\s+[úu]ltima\s+vez|dell['’]ultima\s+volta)"
)
# the other languages' "open" or "earlier" before their word for actions: "offene Aktionen",
# "actions ouvertes" is the English order, after it
_OPEN_OTHERS = (
    r"(?:offene[nr]?|bisherige[nr]?|openstaande|lopende|vorige)\s+(?:\w+\s+)?"
    r"(?:aktion\w*|aufgaben|punkte|actiepunten|acties)\b"
)
# the word tests of both rules below: the stems of the languages' nouns for actions
_ACTION_NOUNS = ("actie", "aktion", "aufgabe", "punkte", "accion", "tareas", "pendientes", "azioni")

RULES = ranked(
    PatternRule(
        name="action-heading",
        rank=30,
        # "Action list", "Action items", "AIs", "Next steps"
        pattern=re.compile(
            r"^\W*(?:[0-9]+(?:\.[0-9]+)*[.)]?\s+)?"  # a section number: "5. Next steps"
            r"(?:(?:summary|list|review)\s+of\s+(?:the\s+)?)?"
            # (and in the sites' languages: "Resumen de acciones", "Liste des actions",
            # "Nouvelles actions", "Neue Aufgaben", "Nuove azioni")
            r"(?:(?:resumen|lista|revisi[oó]n|r[ée]sum[ée]|liste|zusammenfassung|riepilogo|elenco|"
            r"overzicht|samenvatting)\s+(?:de\s+(?:las\s+|los\s+)?|des\s+|der\s+|delle\s+|"
            r"degli\s+|dei\s+|van\s+de\s+)?)?"
            r"(?:(?:new|open|next|agreed|key|follow[- ]?up|pending|outstanding|ongoing|previous|"
            r"prev\.?|old|remaining|carried[- ]over|nouvelles|neue|nuevas|nuove|nieuwe)\s+)?"
            r"(?:action(?:s|\s+items?(?:\s*\(s\))?|\s+list|\s+points?|\s+summary)?|ais|a\.i\.s?|"
            r"to[- ]?dos?|next\s+steps|tasks|(?:things|items|work|points)\s+to\s+do|"
            r"(?:suivi\s+des\s+actions)|" + _OTHER_LANGUAGES + r")\b"
            r"(?:\s+(?:and|&)\s+next\s+steps)?"
            r"(?:\s+(?:nuevas|pendientes|abiertas|ouvertes|en\s+cours|aperte|nuove|offen))?"
            # "Actions carried over", "Actions from previous meetings", "Actions from 19 Nov":
            # the earlier ones
            r"(?:\s+(?:carried\s+(?:over|forward)|from\s+(?:the\s+)?(?:previous|last)\s+"
            r"(?:meetings?|calls?|weeks?)|in\s+progress|"
            # "New actions arising from this meeting", "Actions from today's call"
            r"(?:arising\s+)?(?:from|at)\s+(?:this|today['’]s)\s+(?:meeting|call|session)|arising|"
            + _FROM_DAY
            + "|"
            + _EARLIER_MEETING
            + "|"
            + _LAST_TIME
            + r"))?"
            # "Next actions (team)": who the list is for; "Things to do (please correct me if
            # I forgot one):" a remark
            r"(?:\s*\([\w\s&,/]{1,30}\)|\s*\([^()]{1,60}\)(?=\W*$))?[\W]*$",
            re.IGNORECASE,
        ),
        yields="a title or label whose items are actions",
        how="match",
        words=(
            "action",
            "ais",
            "a.i.",
            "todo",
            "to-do",
            "to do",
            "steps",
            "tasks",
            *_ACTION_NOUNS,
            "fare",
            "faire",
            "erledigen",
            "hacer",
            "doen",
        ),
        examples=(
            case("5. Next steps"),
            case("Pendientes de la reunión anterior"),
            case("Da fare:"),
            case("Resumen de acciones"),
            case("Nouvelles actions"),
            case("Acciones pendientes"),
            case("1. Actions from 19 November"),
            case("Actions from 17 Dec and 14 Jan"),
            case("2) Offene Punkte vom 15.12."),
            case("ACTIES"),
            case("-- suivi des actions du 29/01 --"),
            case("Action items (storage)"),
            case("Actiepunten vorige keer"),
            case("Summary of actions"),
            case("Summary of new actions:"),
            case("Outstanding action items"),
            case("To do:"),
            case("Actions carried over:"),
            case("Actions from previous meetings"),
            case("NEW ACTIONS ARISING FROM THIS MEETING"),
        ),
        counter_examples=("Storage report", "2024 actions budget", "Actions from the board"),
    ),
    PatternRule(
        name="follow-ups",
        rank=30,
        pattern=re.compile(
            # (a section number before, a remark in brackets after: "2. Follow-up (AIs of 27/01)")
            r"^\W*(?:[0-9]+(?:\.[0-9]+)*[.)]?\s+)?follow[- ]?ups?"
            r"(?:\s+(?:for|on|with|from)\s+.{1,40})?(?:\s*\([^()]{1,40}\))?\W*$",
            re.IGNORECASE,
        ),
        yields="a label whose items follow up on earlier work",
        how="match",
        examples=(
            case("Follow-ups for the storage team"),
            case("followup"),
            case("2. Follow-up (AIs of 27/01)"),
        ),
        counter_examples=("Follow the install guide",),
    ),
    PatternRule(
        name="followup-heading",
        rank=20,
        # sections that review items of an earlier meeting: the items are carried over
        pattern=re.compile(
            r"(?:follow[- ]?up|review|status|previous|prev\.?|last|outstanding|open|pending|old|"
            r"earlier)(?:\b|(?<=\.))"
            r".{0,40}\bactions?\b|\bactions?\b.{0,30}\b(?:follow[- ]?up|from (?:the )?(?:last|"
            r"previous)|review|status)|carried|matters arising|"
            # "Actions from 19 November", "Offene Punkte vom 15.12.", "suivi des actions du 29/01"
            r"(?:\bactions?|\baps|\bactiepunten|\bacties?|aktionen|aufgaben|punkte|acciones|tareas|"
            r"pendientes|azioni)\s+(?:"
            + _FROM_DAY
            + "|"
            + _EARLIER_MEETING
            + "|"
            + _LAST_TIME
            + r")|"
            r"suivi\s+des\s+actions|" + _OPEN_OTHERS,
            re.IGNORECASE,
        ),
        yields="a title that reviews earlier actions",
        words=(
            "action",
            "carried",
            "arising",
            "aps ",
            *_ACTION_NOUNS,
        ),
        examples=(
            case("Actions from 19 November"),
            case("1 Actions from the March meeting"),
            case("Actions from the 7 March call"),
            case("0) APs from 07/03 + earlier"),
            case("Actions from meeting 46"),
            case("Offene Punkte vom 15.12."),
            case("Review of previous actions"),
            case("Actions from the last meeting"),
            case("Matters arising"),
            case("Actiepunten vorige keer"),
            case("1. Protokoll und offene Aktionen"),
        ),
        counter_examples=("New actions", "Actions for 2027", "Neue Aktionen"),
    ),
)

ACTION_HEADING = pattern(RULES, "action-heading")
FOLLOWUP_HEADING = pattern(RULES, "followup-heading")
FOLLOW_UPS = pattern(RULES, "follow-ups")

_HEADING_WORDS = rule(RULES, "action-heading").words
_FOLLOWUP_WORDS = rule(RULES, "followup-heading").words


def is_action_heading(text: str) -> bool:
    """A title or label that heads a list of actions (ACTION_HEADING), tested cheaply first;
    in two languages too ("Actions / Acciones"), or for one team ("Actiepunten NL")."""
    if lower_safe(text):
        lower = text.lower()
        if not contains_any(lower, _HEADING_WORDS):
            return False
    if ACTION_HEADING.match(text) is not None:
        return True
    if " / " in text:
        return any(ACTION_HEADING.match(part) for part in text.split(" / "))
    team = _TEAM_AFTER.search(text)
    head = text[: team.start()] if team is not None else ""
    # ("action FK: reply ..." is a marker and its owner's initials, no heading)
    return bool(head) and not _MARKER_WORD.match(head) and ACTION_HEADING.match(head) is not None


# a team or country code after a heading: "Actiepunten NL", "Actions (UK)"
_TEAM_AFTER = re.compile(r"\s+\(?[A-Z]{2,5}\)?\W*$")
_MARKER_WORD = re.compile(r"^\W*(?:action|ai|todo|to-?do|ap)\W*$", re.IGNORECASE)


def is_followup(title: str) -> bool:
    """A title that reviews earlier actions; the word test spares the costly pattern."""
    if not contains_any(title.lower(), _FOLLOWUP_WORDS):
        return False
    return bool(FOLLOWUP_HEADING.search(title))
