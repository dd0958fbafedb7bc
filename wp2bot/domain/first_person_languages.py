"""Commitments in the first person, in the other languages the minutes mix in.

A site contact who writes their own report writes "Je m'engage à envoyer le plan", "Ich werde
die Doors prüfen", "Ik stuur de lijst vóór 1 juli", "preparerò io la documentazione", "Nous
allons tester le recall", "contiamo di finire entro fine giugno". The singular is the writer's
task (``Item.first_person``: the speaker or the section's owner, as "I will" is); the plural is
the group's the report is for (a site's, under "Site (Name):", as "We will" is). An offer ("je
peux", "ich könnte", "potrei") is tentative. ``commitment_languages`` asks these rules after its
own found no subject.
"""

from __future__ import annotations

import re

from wp2bot.domain.action_items import Item
from wp2bot.domain.models import Status
from wp2bot.domain.pattern_rules import PatternRule, case, ranked

_LOWER = r"[a-zäöüßàâçéèêëîïôûùáíóúñò]"
# a deadline word or a time to come, after which a present tense commits its writer
_AHEAD = (
    r"(?:d['’]ici|avant|bis|vor|antes|para\s+el|entro|vóór|voor|uiterlijk|"
    r"cette\s+semaine|diese\s+Woche|esta\s+semana|questa\s+settimana|deze\s+week|"
    r"demain|morgen|mañana|domani|heute|vandaag|volgende|"
    # ... or once something is there: "zodra de offerte goedgekeurd is", "sobald", "dès que"
    r"zodra|sobald|dès\s+que|non\s+appena|en\s+cuanto|cuando)\b"
)
_SINGULAR = (
    # (Spanish and Italian leave the pronoun out: "Me encargo yo de ...", "Mi occupo io di ...")
    r"^(?:(?:Me\s+(?:encargo|ocupo)|Mi\s+occupo)\b|"
    r"(?:(?:[Jj]e|[Ii]ch|[Ii]k|[Yy]o|[Ii]o)\s+|[Jj]['’])"
    # (a wish is an offer too: "je voudrais", "ich würde gerne", "vorrei", "ik zou graag")
    r"(?:(?P<offer>peux|pourrais|pourrai|kann|könnte|kan|puedo|podría|posso|potrei|voudrais|"
    r"aimerais|möchte|würde|quisiera|vorrei|zou)\b|"
    r"vais\b|m['’](?:en\s+)?(?:engage|occupe|charge)\b|me\s+charge\b|dois\b|werde\b|"
    r"kümmere\b|muss\b|"
    r"ga\b|zal\b|moet\b|voy\s+a\b|me\s+encargo\b|debo\b|mi\s+occupo\b|devo\b|"
    + _LOWER
    + r"{2,}(?:rai|ré|rò)\b|"
    # a present tense before a deadline: "Ik stuur de lijst vóór 1 juli"
    + _LOWER
    + r"{2,}\b[^.;]*?\b"
    + _AHEAD
    + r")"
    + r")"
)
# Italian and Spanish leave the pronoun out: "Preparerò io ...", "Enviaré el plan"
_BARE_SINGULAR = (
    r"^(?!(?:[Pp]erò|[Ss]arò|[Aa]vrò|[Ss]eré|[Ee]staré|[Hh]abré)\b)[A-Za-zÀ-ÿ]\w+(?:rò|ré)\b"
)
_PLURAL = (
    r"^(?:(?:Nous|Wir|We|Noi|Nosotros)\s+"
    r"(?:(?P<offer>pouvons|pourrions|können|könnten|kunnen|podemos|possiamo|potremmo|voudrions|"
    r"aimerions|möchten|würden|zouden|quisiéramos)\b|"
    r"allons|devons|werden|müssen|wollen|gaan|zullen|moeten|vamos\s+a|debemos|dobbiamo)\b|"
    # a present tense before a deadline: "Wir schauen uns bis nächste Woche die Timeouts an"
    r"(?:Nous|Wir|Noi|Nosotros)\s+" + _LOWER + r"{2,}\b[^.;]*?\b" + _AHEAD + "|"
    r"Nos\s+comprometemos\b|Nous\s+" + _LOWER + r"{2,}rons\b|"
    r"On\s+va\b|"
    # ... or the verb alone: "contiamo di finire", "faremo", "prepararemos", "vamos a"
    r"(?!(?:[Ss]aremo|[Aa]vremo|[Ss]eremos|[Ee]staremos|[Qq]ueremos)\b)[A-Za-zÀ-ÿ]\w+(?:remo|remos)\b|"
    r"(?:[Cc]ontiamo|[Pp]ensiamo|[Pp]revediamo|[Vv]ogliamo)\s+di\b|[Vv]amos\s+a\b|"
    # a wish or an offer with the pronoun left out: "Vorremmo provare ...", "Potremmo ..."
    r"(?P<wish>[Vv]orremmo|[Pp]otremmo|[Nn]os\s+gustar[íi]a|[Cc]i\s+piacerebbe)\b)"
)

RULES = ranked(
    PatternRule(
        name="singular",
        rank=20,
        pattern=re.compile(_SINGULAR),
        yields="the writer's own commitment (an offer, tentative)",
        how="match",
        examples=(
            case("Je m'engage à envoyer le plan de test d'ici vendredi", offer=None),
            case("Ich werde bis zum 7. Februar die Doors prüfen"),
            case("Ik stuur de lijst vóór 1 juli naar Andrés"),
            case("Je peux regarder les logs", offer="peux"),
            case("Io preparerò la documentazione"),
        ),
        counter_examples=("Je pense que c'est bon", "Ich finde das gut", "Ik stuur hem door"),
    ),
    PatternRule(
        name="bare-singular",
        rank=20,
        pattern=re.compile(_BARE_SINGULAR),
        yields="an Italian or Spanish future of the writer, the pronoun left out",
        how="match",
        examples=(case("Preparerò io una breve documentazione"), case("Enviaré el plan")),
        counter_examples=("Però non è pronto", "Sarò in ferie"),
    ),
    PatternRule(
        name="plural",
        rank=20,
        pattern=re.compile(_PLURAL),
        yields="the commitment of the group the writer speaks for (an offer, tentative)",
        how="match",
        examples=(
            case("Nous allons tester le recall en masse avant la fin du mois"),
            case("contiamo di finire entro fine giugno"),
            case("Wir können die Tests wiederholen", offer="können"),
            case("Faremo il test a gennaio"),
            case("Vorremmo provare la classe QoS su Ceph", wish="Vorremmo"),
            case("Nous aimerions tester le cache", offer="aimerions"),
        ),
        counter_examples=(
            "Nous avons testé le recall",
            "Saremo in ferie",
            "Wir sind fertig",
            "Queremos probar nodos ARM",
        ),
    ),
)


# a condition of time or possibility a plan opens with: "Se c'è tempo ...", "Falls Zeit bleibt,
# ...", "Indien mogelijk ...", "Si possible, ..."
HEDGE = re.compile(
    r"^(?:Se\s+c['’]è\s+tempo|Se\s+possibile|Si\s+(?:le\s+|nos\s+)?da\s+tiempo|Si\s+hay\s+tiempo|"
    r"Si\s+es\s+posible|Si\s+possible|Si\s+le\s+temps\s+le\s+permet|"
    r"(?:Falls|Wenn)\s+(?:noch\s+)?(?:Zeit\s+(?:bleibt|ist)|möglich)|Indien\s+mogelijk|"
    r"Als\s+er\s+tijd\s+(?:is|over\s+is))\s*,?\s+"
)
# what follows such a condition: the verb before its pronoun ("schauen wir", "zetten we"), or an
# Italian or Spanish first person plural ("prepariamo", "probamos")
_AFTER_HEDGE = re.compile(
    r"^(?:" + _LOWER + r"{2,}\s+(?P<we>wir|we|nous)\b|" + _LOWER + r"{2,}\s+(?:ich|ik|je)\b|"
    r"(?P<plural>" + _LOWER + r"{2,}(?:iamo|amos|emos|imos))\b)"
)


def first_person_commitment(sentence: str) -> Item | None:
    """The writer's or their group's commitment a sentence in one of these languages writes."""
    hedge = HEDGE.match(sentence)
    if hedge is not None:
        # "Falls Zeit bleibt, schauen wir uns ... an": a plan on a condition, tentative
        rest = sentence[hedge.end() :]
        inner = first_person_commitment(rest[:1].upper() + rest[1:])
        after = _AFTER_HEDGE.match(rest) if inner is None else None
        if inner is None and after is None:
            return None
        group = (
            inner.first_person is False
            if inner
            else bool(after and (after["we"] or after["plural"]))
        )
        return Item(sentence, [], not group, Status.TENTATIVE, 1)
    for rule in RULES:
        found = rule.finds(sentence)
        if found is None:
            continue
        offer = found.groupdict().get("offer") or found.groupdict().get("wish")
        status = Status.TENTATIVE if offer else Status.OPEN
        # the singular is the writer's, as "I will" is; the plural the group's, as "We will"
        return Item(sentence, [], rule.name != "plural", status, 1)
    return None
