"""Commitments written in the other languages of a European collaboration's minutes.

A site contact who writes the notes of their own round-table often writes them in French,
German, Spanish, Italian or Dutch: "Claire s'occupe de la mise à jour", "Uwe kümmert sich um das
Zertifikat", "Jordi revisará los logs", "Marco si occupa della configurazione", "Piet zal de
lijst sturen". Each rule names a form of commitment (a verb of taking charge, a future, a modal
of duty, an offer), its pattern and what its match gives: the subject (``who``, a name, or a
pronoun that stands for the person named before) and the state (an offer or a try is
tentative). A present tense is a commitment only before a deadline ("Uwe schickt die Liste bis
Freitag"); "il faut ..." and its kin are a task with no owner yet. ``parse_prose`` asks these
rules only of a sentence the English rules found nothing in.
"""

from __future__ import annotations

import re

from wp2bot.domain.action_items import Item, Names
from wp2bot.domain.dates_calendar import FOREIGN_WEEKDAYS
from wp2bot.domain.first_person_languages import HEDGE, first_person_commitment
from wp2bot.domain.gate_words import first_letter_alternation
from wp2bot.domain.group_languages import GROUP as FOREIGN_GROUP
from wp2bot.domain.groups import group_name
from wp2bot.domain.models import Status
from wp2bot.domain.pattern_rules import CAPITALS, PatternRule, case, ranked, rule

_CAP = "[" + CAPITALS + "]"
_NAME = _CAP + r"[\w.'’-]+(?:\s+" + _CAP + r"[\w.'’-]+)?"
# a subject: a group ("Todos los sitios", "Alle Experimente"), or one or more names joined by a
# comma, a slash, "&", "+" or the languages' "and"
_WHO = (
    r"(?P<who>"
    + FOREIGN_GROUP
    + r"|"
    + _NAME
    + r"(?:\s*(?:,|/|&|\+|\s(?:et|und|y|e|en)\s)\s*"
    + _NAME
    + r"){0,3})"
    # (a relative clause after it: "Alle Standorte, die am Testbed teilnehmen, sollen ...")
    + r"(?:,\s+(?:die|der|welche|qui|que|che|dat|los\s+que|las\s+que|i\s+quali)\s+[^,.;]{3,60},)?"
    + r"\s+"
)
# a lead-in before the subject: "Ensuite Claire ...", "Dann Uwe ...", "Inoltre Marco ..."
_LEAD = (
    r"^(?:(?:Ensuite|Puis|Alors|Dann|Außerdem|Zudem|Luego|Además|Poi|Inoltre|Daarna|Verder)"
    r"\s*,?\s+)?"
)
# the languages' pronouns of a person: the one named before (``parse_prose``'s subject)
PRONOUNS = frozenset(
    ("il", "elle", "er", "sie", "él", "ella", "lui", "lei", "hij", "zij", "ze", "egli", "essa")
)
_LOWER = r"[a-zäöüßàâçéèêëîïôûùáíóúñò]"
_WEEKDAYS = "|".join(sorted((d for d in FOREIGN_WEEKDAYS if not d.endswith(".")), key=len)[::-1])
# the futures of French, Spanish and Italian ("enverra", "revisará", "invierà"), not those of
# being, having or being able ("sera", "habrá", "potrà"), nor words that end alike ("para")
_FUTURE = (
    r"(?!(?:se|au|pour|voud|se|esta|hab|pod|sa|av|pot|pa|aho|ot|anco|allo|fue|cont|ext|ult)"
    r"r[aàá]n?\b|(?:se|au|pour)ront\b|(?:sa|av|pot)ranno\b)"
    + _LOWER
    + r"{2,}(?:r[aàá]|rán|ront|ranno)\b"
)
_OPEN_VERBS = (
    # French: "va vérifier", "s'occupe de", "se charge de", "doit", "prend en charge", a future
    r"(?:va|vont)\s+(?!être\b|avoir\b)" + _LOWER + r"+(?:er|ir|re)\b|s['’]occupe(?:ra|nt)?\s+d|"
    r"se\s+charge(?:ra|nt)?\s+d|doit|doivent|devra|devront|prend(?:ra)?\s+en\s+charge|"
    # German: "wird ... prüfen", "kümmert sich um", "soll", "muss" ("übernimmt ab Oktober die
    # Administration" hands over a role: no task)
    r"wird|werden|kümmert\s+sich|kümmern\s+sich|soll|sollen|muss|müssen|"
    # Spanish: "va a revisar", "se encarga de", "debe", "tiene que"
    r"(?:va|van)\s+a\s+(?!estar\b|ser\b)|se\s+encarga(?:rá|n|rán)?\s+de|debe|deben|deberá|"
    r"tiene\s+que|tienen\s+que|tendrá\s+que|"
    # Italian: "si occupa di", "si incarica di", "deve", "dovrà"
    r"si\s+occup(?:a|ano|erà)\s+d|si\s+incaric(?:a|herà)\s+d|deve|devono|dovrà|"
    # Dutch: "zal", "gaat ... sturen", "zorgt voor", "neemt ... op zich", "moet"
    r"zal|zullen|gaat|gaan|zorgt\s+voor|zorgen\s+voor|moet|moeten|regelt|" + _FUTURE
)
_TENTATIVE_VERBS = (
    r"pourrait|pourraient|pourra|propose\s+de|essaiera\s+de|va\s+essayer\s+de|"
    r"könnte|könnten|versucht|würde\s+gerne|kann(?!\s+(?:nicht|kein))|"
    r"podría|podrían|podrá|intentará|se\s+ofrece\s+a|"
    r"potrebbe|potrebbero|potrà|proverà\s+a|si\s+offre\s+di|"
    r"zou\s+kunnen|zouden\s+kunnen|probeert|kan\s+eventueel"
)
# a deadline word of these languages, after which a present tense is a plan: "bis Freitag"
_DEADLINE = (
    r"\b(?:d['’]ici|avant\s+(?:le|la|les|l['’]|fin|mi|vendredi|lundi)|au\s+plus\s+tard|bis|"
    r"spätestens|antes\s+del?|para\s+el|hasta\s+el|entro|vóór|uiterlijk|tegen|"
    # ... or a time to come: "cette semaine", "heute", "mañana", "deze week", "volgende keer"
    r"cette\s+semaine|semaine\s+prochaine|demain|aujourd['’]hui|diese\s+Woche|"
    r"nächste[rn]?\s+Woche|heute|morgen|esta\s+semana|semana\s+que\s+viene|mañana|hoy|"
    r"questa\s+settimana|prossima\s+settimana|domani|oggi|deze\s+week|vandaag|"
    r"volgende\s+(?:week|keer|vergadering)|prochaine\s+(?:réunion|fois)|"
    r"nächste[nrs]?\s+(?:Sitzung|Treffen|Mal)|próxima\s+(?:reunión|vez|semana)|"
    r"prossima\s+(?:riunione|volta)|" + _WEEKDAYS + r")(?![\w])"
)
# a present tense after the subject, neither an auxiliary of a past ("a", "hat", "ha", "heeft")
# nor a past or imperfect form ("schickte", "verificava", "revisaba")
# nor being or staying ("sera absente", "ist im Urlaub", "está de vacaciones"), nor a report
# ("signale que ...", "berichtet, dass ...", "comenta", "zegt")
_PRESENT = (
    r"(?!(?:a|ont|est|sont|était|sera|seront|reste|restera|hat|haben|ist|sind|war|bleibt|ha|han|"
    r"hanno|è|sono|era|sarà|resta|es|está|están|estará|será|queda|heeft|hebben|is|was|zijn|"
    r"blijft|staat|wurde|fue|fu)\b)"
    r"(?!(?:signale|rapporte|explique|mentionne|présente|confirme|indique|dit|berichtet|meldet|"
    r"erklärt|erwähnt|sagt|bestätigt|comenta|informa|explica|menciona|presenta|confirma|dice|"
    r"riferisce|spiega|conferma|segnala|zegt|meldt|vertelt|legt|bevestigt)\b)"
    # nor an article ("Todos los sitios ..." read as a name and a verb "los")
    r"(?!(?:los|las|les|der|die|das|den|dem|des|del|gli|het|een|una|une|uno|dei|degli|delle|"
    r"della)\b)"
    r"(?P<verb>" + _LOWER + r"{3,})(?<!te)(?<!ten)(?<!va)(?<!aba)\b"
    # (a verb that reports: "... que", "..., dass", "... che", "... dat")
    r"(?!,?\s+(?:que|qu['’]|dass|che|dat)\b)"
)
_UNOWNED = (
    r"^(?:Il\s+(?:faut|faudrait|faudra)|On\s+doit|Nous\s+devons|Hay\s+que|Habría\s+que|"
    r"Tenemos\s+que|Bisogna|Occorre|Dobbiamo|Man\s+(?:muss|sollte)|Wir\s+(?:müssen|sollten)|"
    r"We\s+moeten|Er\s+moet)\s+" + _LOWER
)

RULES = ranked(
    PatternRule(
        name="takes-on",
        rank=30,
        pattern=re.compile(_LEAD + _WHO + r"(?P<verb>(?:" + _OPEN_VERBS + r"))", re.UNICODE),
        yields="the subject (who) that takes the work on: an open task",
        how="match",
        examples=(
            case("Claire s'occupe de la mise à jour dCache", who="Claire"),
            case("Uwe kümmert sich um das neue Zertifikat", who="Uwe"),
            case("Jordi revisará los logs antes del 15/1", who="Jordi"),
            case("Marco si occupa della configurazione", who="Marco"),
            case("Piet zal de lijst sturen", who="Piet"),
            case("Claire et Paul vont vérifier les quotas", who="Claire et Paul"),
            case("Lukas und Eva werden die Tests wiederholen", who="Lukas und Eva"),
            case("Ensuite Nadia enverra le rapport", who="Nadia"),
            case("Il va contacter le fournisseur", who="Il"),
            case(
                "Alle Standorte, die am Test teilnehmen, sollen bis 17.3. melden",
                who="Alle Standorte",
            ),
        ),
        counter_examples=(
            "Claire sera absente la semaine prochaine",
            "Jordi estará de vacaciones",
            "Claire a migré le stockage",
            "Marco sarà in ferie",
            "Claire va être absente",
        ),
    ),
    PatternRule(
        name="offers",
        rank=30,
        pattern=re.compile(_LEAD + _WHO + r"(?P<verb>(?:" + _TENTATIVE_VERBS + r"))\b"),
        yields="the subject (who) that offers or tries: a tentative task",
        how="match",
        examples=(
            case("Claire pourrait regarder les logs", who="Claire"),
            case("Er könnte auch die Doku schreiben", who="Er"),
            case("Marco potrebbe aggiornare la wiki", who="Marco"),
            case("Jordi se ofrece a preparar el tutorial", who="Jordi"),
            case("Piet zou kunnen helpen", who="Piet"),
            case("Sven kann die Regeln selbst anlegen, sobald das RSE existiert", who="Sven"),
        ),
        counter_examples=("Les logs pourraient aider", "Sven kann nicht kommen"),
    ),
    PatternRule(
        name="plans-by",
        rank=20,
        pattern=re.compile(_LEAD + _WHO + _PRESENT + r"[^.;]*?" + _DEADLINE),
        yields="the subject (who) of a present tense before a deadline: an open task",
        how="match",
        examples=(
            case("Marco verifica la configurazione entro fine mese", who="Marco", verb="verifica"),
            case("Uwe schickt die Liste bis Freitag", who="Uwe", verb="schickt"),
            case("Claire prépare le planning d'ici vendredi", who="Claire", verb="prépare"),
            case("Piet stuurt de lijst uiterlijk vrijdag", who="Piet", verb="stuurt"),
            case("Élodie envoie le compte rendu cette semaine", who="Élodie", verb="envoie"),
            case("Maarten zet de downtime vandaag nog in GOCDB", who="Maarten", verb="zet"),
        ),
        counter_examples=(
            "Marco ha verificato la configurazione entro ieri",
            "Uwe schickte die Liste bis Freitag",
            "Uwe hat die Liste bis Freitag geschickt",
            "Claire sera absente la semaine prochaine",
            "Amandine signale que le test échoue depuis lundi",
        ),
    ),
    PatternRule(
        name="needed",
        rank=10,
        pattern=re.compile(_UNOWNED),
        yields="a task the meeting needs done, with no owner yet",
        how="match",
        examples=(
            case("Il faudrait documenter la procédure"),
            case("Hay que actualizar el calendario"),
            case("Bisogna aggiornare la documentazione"),
            case("Man muss die Zertifikate erneuern"),
            case("We moeten de tape-tests herhalen"),
        ),
        counter_examples=("Il fait beau", "Man sieht keine Fehler"),
    ),
)
_AND = re.compile(r"\s(?:et|und|y|e|en)\s")
# the verb before its subject, after a condition: "(Falls Zeit bleibt,) prüft Bernd ..."
_INVERTED = re.compile(_LOWER + r"{2,}\s+(?P<who>" + _NAME + r")\s")
_STATUS = {"takes-on": Status.OPEN, "offers": Status.TENTATIVE, "plans-by": Status.OPEN}
_NEEDED = rule(RULES, "needed")
_OWNED = tuple(r for r in RULES if r.name in _STATUS)  # by rank

# every verb the rules need, lower-cased: a line without any of them (nor a future, below) holds
# none of these commitments; a word English shares ("van", "man", "kan", "hay") only with the
# word after it; the deadline words and weekday names, before which a present tense commits
_GATE_WORDS = (
    *(r"antes\s+de", r"au\s+plus\s+tard", "avant", "aujourd", "bis", "bisogna", "doit"),
    *("doivent", r"devr\w+", "deve", "devono", "dovrà", r"debe\w*", "d['’]ici", "dobbiamo"),
    *("demain", "domani", r"deze\s+week", "entro", "essaiera", r"esta\s+semana", "faut"),
    *(r"faudr\w+", "gaat", "gaan", r"hay\s+que", "habría", r"hasta\s+el", "heute", "hoy"),
    *("intentará", r"kümmer\w+", "kann", r"könnte\w*", r"kan\s+eventueel", "muss", "müssen"),
    *(r"man\s+(?:muss|sollte)", r"moet\w*", "morgen", "mañana", r"nous\s+devons"),
    *(r"nächste\w*", "occorre", r"on\s+doit", "oggi", r"prend\w*", r"pourr\w+"),
    *(r"propose\s+d", r"podr\w+", r"potr\w+", "proverà", "probeert", r"para\s+el"),
    *("prochaine", "próxima", "prossima", r"per\s+il", r"questa\s+settimana", "regelt"),
    *(r"s['’]occupe\w*", r"se\s+charge", r"se\s+encarga\w*", r"se\s+ofrece", r"si\s+occup\w+"),
    *(r"si\s+incaric\w+", r"si\s+offre", "soll", "sollen", "spätestens", "semaine"),
    *(r"tienen?\s+que", "tendrá", "tenemos", "tegen", "uiterlijk", "va", "vont", r"van\s+a"),
    *("versucht", "volgende", "vóór", "voor", "vandaag", "wird", "werden", "würde", "zal"),
    *("zullen", r"zorg\w+", r"zou\w*"),
    # the first person ("Je m'engage", "Ich werde", "Ik stuur", "Nous allons", "contiamo di")
    *("je", "j['’]", "ich", "ik", "yo", "io", "nous", "wir", "noi", "nosotros", r"on\s+va"),
    *(r"contiamo\s+di", r"pensiamo\s+di", r"prevediamo\s+di", r"vogliamo\s+di", "vamos"),
    *(r"me\s+encargo", r"me\s+ocupo", r"mi\s+occupo", r"nos\s+comprometemos", "zodra", "sobald"),
    # a plan on a condition: "Se c'è tempo ...", "Falls Zeit bleibt, ...", "Indien mogelijk ..."
    *(r"se\s+c['’]è", r"se\s+possibile", r"si\s+(?:le\s+|nos\s+)?da\s+tiempo", r"si\s+hay"),
    *(r"si\s+es\s+posible", r"si\s+possible", r"si\s+le\s+temps", "falls", "wenn", "indien"),
    *(r"als\s+er\s+tijd",),
    # a wish: "Vorremmo provare ...", "Nos gustaría ...", "Ci piacerebbe ..."
    *("vorremmo", "potremmo", "vorrei", r"gustar[íi]a", "piacerebbe"),
    *(d for d in FOREIGN_WEEKDAYS if not d.endswith(".")),
)


_WORDS = re.compile(first_letter_alternation(_GATE_WORDS))
# a future's ending ("enverra", "revisará", "invierà", "enverront", "invieranno"): the word is
# checked in Python, since the pattern starts with one letter and skips fast to it
_FUTURE_END = re.compile(r"r(?:[aàá]n?|ont|anno|ò|é|emo|emos)\b")
_NOT_FUTURES = frozenset(
    "extra infra camera opera aura sierra ultra cobra zebra agora tiara mantra tundra hydra "
    "algebra umbra terra front affront confront era para ahora otra ora ancora allora fuera "
    "contra sera seront aura auront será serán sarà saranno però sarò avrò seré estaré habré "
    "saremo avremo seremos estaremos".split()
)


# a future in the third person opening a sentence, no subject written: "Installera ...",
# "Enviará ...", "Invierà ..."
# (French by its infinitive's "-era"/"-ira", Spanish and Italian by the accent: "Chiara" and
# "Barbara" are names)
_BARE_FUTURE = re.compile(r"([A-ZÀ-Ý][a-zà-ÿ]{3,}(?:era|ira|eront|iront|rá|rà|rán))\s")


def may_commit(lower: str) -> bool:
    """Whether a lower-cased line may hold one of these commitments (the gates' cheap test)."""
    if _WORDS.search(lower) is not None:
        return True
    for end in _FUTURE_END.finditer(lower):
        start = end.start()
        while start and lower[start - 1].isalpha():
            start -= 1
        word = lower[start : end.end()]
        if end.start() - start >= 2 and word not in _NOT_FUTURES:
            return True
    return False


def language_commitment(sentence: str, names: Names, subject: str | None) -> Item | None:
    """The commitment a sentence in one of these languages writes, or None.

    ``subject``: the person named before, whom a pronoun ("il", "er", "lei") stands for.
    """
    if _NEEDED.finds(sentence) is not None:
        return Item(sentence, [], False, Status.OPEN, 1)
    hedge = HEDGE.match(sentence)
    inverted = _INVERTED.match(sentence, hedge.end()) if hedge is not None else None
    if inverted is not None and names.is_known(inverted["who"]):
        # "Falls Zeit bleibt, prüft Bernd noch die BGP-Communities": a plan of the one named
        # after the verb, on a condition
        return Item(sentence, [inverted["who"]], False, Status.TENTATIVE, 1)
    for each in _OWNED:
        found = each.finds(sentence)
        if found is None:
            continue
        who = found["who"]
        if who.lower() in PRONOUNS:
            if subject is None:
                return None
            who = subject
            owners = [who]
        else:
            # (nouns are capitalised in German: "Der Server wird ..." names nobody; so only the
            # people and groups the meeting knows are subjects here)
            owners = names.split(_AND.sub(", ", who)) or [who]
            if not all(names.is_known(o) or group_name(o) is not None for o in owners):
                continue
        return Item(sentence, owners, False, _STATUS[each.name], 1)
    bare = _BARE_FUTURE.match(sentence) if subject is not None else None
    if (
        bare is not None
        and subject is not None
        and subject != bare[1]  # (the future word itself read as the sentence's subject)
        and bare[1].lower() not in _NOT_FUTURES
        and not names.is_known(bare[1])
    ):
        # "DESY (Ulrich): ... Installera perfSONAR avant l'arrêt": a future with no subject in
        # a report is the reporter's, as "Will install ..." is
        return Item(sentence, [subject], False, Status.OPEN, 1)
    return first_person_commitment(sentence)  # "Je m'engage à ...", "Nous allons ..."
