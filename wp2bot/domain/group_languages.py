"""Groups written in the other languages of a European collaboration's minutes.

A site contact who writes in Spanish, French, German, Italian or Dutch addresses the same groups
as the English minutes do: "Todos los sitios deben ...", "Tous les sites : ...", "Alle
Experimente sollen ...", "Ogni esperimento ...", "Elke site zal ...". ``english_group`` spells such
a group as ``groups.group_name`` spells its English form ("all sites", "all experiments",
"Tier-1 sites"), so the owner is the same whichever language the line was written in. Only the
words for "all" or "each" before a noun for the members of a collaboration make a group: "los
sitios" alone, like "sites" alone, may be a topic.
"""

from __future__ import annotations

import re

# "all" and "each" before the noun, with the article the language puts between
EVERY = (
    r"(?:todos\s+los|todas\s+las|cada|tous\s+les|toutes\s+les|chaque|alle|jede[rsn]?|"
    r"tutti\s+(?:i|gli)|tutte\s+le|ogni|elke|iedere)"
)
# the letters those words open with, in either case: a text opening with another letter names
# no such group (the callers' cheap test before the patterns)
OPENINGS = frozenset("tcajoei" + "tcajoei".upper())
# each noun of the members of a collaboration, singular or plural, and its English plural
_NOUNS = (
    (
        r"sitios?|centros?|sedes?|sites?|centres?|standorte?|(?:rechen)?zentr(?:um|en)|sit[oi]|"
        r"centr[oi]|sed[ei]|locaties?|centr(?:um|a)",
        "sites",
    ),
    (r"experimentos?|expériences?|experimente?|esperiment[oi]|experimenten", "experiments"),
    (r"grupos?|groupes?|gruppen?|grupp[oi]|groep(?:en)?", "groups"),
    (
        r"usuari[oa]s?|utilisat(?:eur|rice)s?|(?:be)?nutzer(?:innen)?|utent[ei]|gebruikers?",
        "users",
    ),
    (
        r"administrador(?:es)?|administrat(?:eur|rice)s?|administrator(?:en|innen)?|"
        r"amministrator[ei]|beheerders?",
        "admins",
    ),
    (r"miembros?|membres?|mitglieder|membri|leden", "members"),
    (r"socios|partenaires?|partner|partners", "partners"),
)
_TIER = r"t(?:ier)?-?(?P<tier>[0-3])s?(?:[-\s](?:" + _NOUNS[0][0] + r"))?"
NOUN = (
    r"(?:"
    + _TIER
    + r"|"
    + r"|".join(f"(?P<n{at}>{words})" for at, (words, _) in enumerate(_NOUNS))
    + r")"
)
# the group as a subject or a label opens with it: "Todos los sitios", "Alle Experimente"
GROUP = r"(?i:" + EVERY + r"\s+" + NOUN + r")(?![\w-])"
_WHOLE = re.compile(GROUP)
# an item opened by the group it is for: "Todos los sitios: revisar ...", "Alle Standorte - ..."
# (its English name may follow: "Todos los nodos / all nodes: ...")
LABEL = re.compile(
    r"^(?P<who>" + GROUP + r")(?:\s*/\s*[^:/]{2,40}?)?(?:\s*:|\s+[-–—]|\s+(?:->|→|=>))\s+"
    r"(?P<rest>\S.*)$"
)


def english_group(text: str) -> str | None:
    """The English spelling of a group written in another language, or None.

    >>> english_group("Todos los sitios"), english_group("Alle Experimente")
    ('all sites', 'all experiments')
    >>> english_group("tous les Tier-1"), english_group("los sitios") is None
    ('Tier-1 sites', True)
    """
    found = _WHOLE.fullmatch(text)
    if found is None:
        return None
    if found["tier"]:
        return f"Tier-{found['tier']} sites"
    return next(f"all {english}" for at, (_, english) in enumerate(_NOUNS) if found[f"n{at}"])


# the task of a group label written in these languages opens with an infinitive ("revisar",
# "vérifier", "aggiornare") or, in German and Dutch, ends with one ("die Zertifikate bis Freitag
# erneuern", "de certificaten vernieuwen"): German capitalises its nouns, so a lower-case word
# in "-en", "-ern" or "-eln" there is a verb, unless a participle ("keine Fehler gefunden")
_OPENING_INFINITIVE = re.compile(r"[a-zàâçéèêîôûáíóúñ]{2,}(?:ar|er|ir|re)\b")
_CLOSING_INFINITIVE = re.compile(r"\s(?!ge[a-zäöüß]{4,}en\b)[a-zäöüß]{2,}(?:en|rn|ln)(?:[.!]?$|,)")
# ... or a "please" ("bitte die Attribute prüfen, bis Ende Juni", "por favor revisar ...")
_PLEASE = re.compile(
    r"(?:bitte|please|s['’]il\s+vous\s+pla[iî]t|por\s+favor|per\s+favore|graag)\b", re.IGNORECASE
)


def foreign_task(text: str) -> bool:
    """Whether the text after a group label reads as a task in one of these languages.

    >>> foreign_task("revisar los certificados"), foreign_task("die Zertifikate erneuern")
    (True, True)
    >>> foreign_task("keine Probleme"), foreign_task("OK")
    (False, False)
    """
    if _PLEASE.match(text):
        return True
    return _OPENING_INFINITIVE.match(text) is not None or (
        _CLOSING_INFINITIVE.search(text) is not None and len(text.split()) >= 2
    )
