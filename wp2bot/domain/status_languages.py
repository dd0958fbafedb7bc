"""The state words of the other languages the minutes mix in, as status rules.

A European collaboration's scribes write the state of an item in their own language after an
arrow, a dash, a colon or a bracket: "-> erledigt 8.1.", "— hecho (12/11)", ": in corso",
"(afgerond)", "– entfällt". The first state word after such an opener decides: "-> in Arbeit,
one host done" is under way. ``status_rules`` ranks these with its English rules.
"""

from __future__ import annotations

import re

from wp2bot.domain.models import Status
from wp2bot.domain.status_rule import StatusRule

# the state an English word after an arrow gives: "-> in progress, one host done" is under way,
# "-> done 8.1." is over; the first state word decides (the other languages' words after an
# arrow are the state rules' below, whose openers include the arrows)
_ARROW = r"(?:->|=>|→|⇒)\s*"
_ARROW_OPEN = re.compile(
    _ARROW + r"(?:open|ongoing|pending|in\s+progress|wip|not\s+(?:yet\s+)?done|still\s+open)\b"
    # (a marker after the arrow opens a task: "→ TODO kim: move the runners")
    r"(?!\s*:)",
    re.IGNORECASE,
)
_ARROW_DONE = re.compile(
    _ARROW + r"(?:done|completed?|closed|finished|fixed|resolved)\b",
    re.IGNORECASE,
)

# where a state note opens: an arrow, a dash, a bracket, a colon or a semicolon (and bold marks)
_OPENS = r"(?:->|=>|→|⇒|\s[-–—]+|[(\[:;])\s*\**\s*"
_OPEN_STATE = re.compile(
    _OPENS
    + r"(?:in\s+(?:arbeit|bearbeitung|corso|sospeso|attesa)|en\s+(?:cours|curso|attente|espera)|"
    r"pendiente|offen|noch\s+offen|ausstehend|(?:mee\s+)?bezig|lopend|"
    r"(?:non|pas|no|nicht|niet)\s+(?:iniziat[oa]|commenc[ée]e?|iniciad[oa]|begonnen)|"
    r"report[ée]e?|rimandat[oa]|aplazad[oa]|verschoben|uitgesteld)\b(?!\s*:)",
    re.IGNORECASE,
)
_DONE_STATE = re.compile(
    _OPENS + r"(?:hecho|fatto|fait|terminad[oa]|completad[oa]|erledigt|fertig|abgeschlossen|klaar|"
    r"gedaan|afgerond|termin[ée]e?|chius[oa]|conclus[oa]|conclu[ií]d[oa]|"
    # closed without being done: dropped, obsolete
    r"entf[äa]llt|hinf[äa]llig|vervalt|vervallen|obsolet[aeo]?|abandonn[ée]e?|abandonad[oa]|"
    r"abbandonat[oa]|annullat[oa]|cancelad[oa]|annul[ée]e?|gestrichen|geschrapt|descartad[oa])\b"
    # "is done" as a sentence says it: "hat sich erledigt", "est fait", "è fatto", "is klaar"
    r"|\b(?:(?:hat\s+sich|ist|sind|wurden?)\s+erledigt|(?:est|sont)\s+(?:fait|termin[ée])e?s?|"
    r"(?:è|sono)\s+(?:fatt|terminat|chius)[oaie]|(?:está|están)\s+(?:hech|terminad)[oa]s?|"
    r"(?:is|zijn)\s+(?:klaar|afgerond|gedaan))\b"
    # "no longer needed", anywhere in the note
    r"|\b(?:ya\s+no\s+(?:hace\s+falta|es\s+necesari[oa])|non\s+serve\s+più|"
    r"non\s+(?:è\s+)?più\s+necessari[oa]|plus\s+n[ée]cessaire|"
    r"nicht\s+mehr\s+(?:nötig|notwendig|benötigt|erforderlich)|niet\s+meer\s+nodig)\b",
    re.IGNORECASE,
)

# a hedge or a condition of time in these languages: "misschien", "si le temps le permet",
# "wenn Zeit ist", "si le da tiempo", "tempo permettendo", "à confirmer"
_TENTATIVE = re.compile(
    r"\b(?:misschien|vielleicht|eventuell|peut[-\s][eê]tre|éventuellement|quizás?|tal\s+vez|"
    r"a\s+lo\s+mejor|forse|eventualmente|si\s+(?:le\s+)?temps\s+(?:le\s+)?permet|"
    r"wenn\s+(?:noch\s+)?(?:Zeit|Luft)\s+(?:ist|bleibt)|falls\s+(?:noch\s+)?Zeit|"
    r"(?:si|cuando)\s+(?:le\s+|les\s+|nos\s+)?(?:da|hay|queda|sobra)\s+tiempo|"
    r"se\s+(?:c['’]è|avanza|resta)\s+tempo|tempo\s+permettendo|als\s+er\s+tijd\s+(?:is|over\s+is)|"
    r"als\s+het\s+lukt|à\s+confirmer|a\s+confirmar|por\s+confirmar|da\s+confermare|"
    r"zu\s+bestätigen|nog\s+te\s+bevestigen|"
    # "if possible": "si possible", "se possibile", "si es posible", "falls möglich", "indien
    # mogelijk"
    r"si\s+possible|se\s+possibile|si\s+es\s+posible|(?:falls|wenn)\s+möglich|"
    r"indien\s+mogelijk|zo\s+mogelijk|"
    # "depending on": "afhankelijk van", "abhängig von", "en fonction de", "dependiendo de"
    r"afhankelijk\s+van|abhängig\s+von|je\s+nachdem|en\s+fonction\s+de|dependiendo\s+de|"
    r"a\s+seconda\s+d)(?![\w])",
    re.IGNORECASE,
)

LANGUAGE_RULES: tuple[StatusRule, ...] = (
    StatusRule(
        name="arrow-open",
        pattern=_ARROW_OPEN,
        yields=Status.OPEN,
        rank=33,  # before the done words later in the note
        words=(),
        scope="text",
        unless=None,
        examples=(
            "KO: new host cert -> in progress, one host done",
            "PF: dashboards -> pending",
        ),
        counter_examples=(
            "KO: new host cert -> done",
            "runners overloaded → TODO kim: move them, if time allows",
        ),
    ),
    StatusRule(
        name="arrow-done",
        pattern=_ARROW_DONE,
        yields=Status.DONE,
        rank=32,
        words=(),
        scope="text",
        unless=None,
        examples=(
            "KO: new host cert se01 -> done 8.1.",
            "move raw data -> completed (2 Mar)",
        ),
        counter_examples=("KO: new host cert -> open",),
    ),
    StatusRule(
        name="state-open",
        pattern=_OPEN_STATE,
        yields=Status.OPEN,
        rank=33,  # before the done words later in the note
        words=(),
        scope="text",
        unless=None,
        examples=(
            "revisar el firmware UUB: en curso, 11 de 20 hechas",
            "documentazione del nuovo storage — non iniziata",
            "Pool-Migration (offen)",
            "KO: new host cert -> in Arbeit, one host done",
            "PF: dashboards -> pendiente",
        ),
        counter_examples=("Pool-Migration: erledigt", "Offen für alle: the new wiki"),
    ),
    StatusRule(
        name="state-done",
        pattern=_DONE_STATE,
        yields=Status.DONE,
        rank=32,
        words=(),
        scope="text",
        unless=None,
        examples=(
            "reemplazar las baterías: hecho (12/11)",
            "aggiornamento di HTCondor (fatto il 30/01)",
            "Skript für die Bereinigung – entfällt",
            "script de purge -> abandonné, remplacé par la politique du CC",
            "preparar el tutorial (ya no hace falta)",
            "DP3 benchmark: afgerond",
            "KO: new host cert se01 -> erledigt 8.1.",
            "staging tests -> klaar, 410 MB/s",
            "Kontakt zu DFN hat sich erledigt, läuft über KIT",
            "la migration est faite",
        ),
        counter_examples=(
            "il fatto è che manca il disco",
            "revisar el firmware: en curso",
        ),
    ),
    StatusRule(
        name="state-tentative",
        pattern=_TENTATIVE,
        yields=Status.TENTATIVE,
        rank=15,  # after the states: "— fait" closes a hedged item
        words=(),
        scope="text",
        unless=None,
        examples=(
            "Sophie regarde le cache si le temps le permet",
            "Jonas schaut sich das an, wenn Zeit ist",
            "Rut revisa el script si le da tiempo",
            "Pim geeft misschien een demo",
            "Ilaria prepara le slide, tempo permettendo",
            "Anaïs aidera pour la validation, si possible",
            "Iris zal indien mogelijk de dashboards delen",
            "Femke gaat kijken of het kan, afhankelijk van de FTS-versie",
        ),
        counter_examples=("Sophie regarde le cache d'ici vendredi", "Pim geeft een demo"),
    ),
)
