"""Commitments and deadlines in the languages the sites write their own notes in.

The minutes below are invented; the people are nobody's.
"""

from __future__ import annotations

from datetime import date

import pytest

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.commitment_languages import may_commit
from wp2bot.domain.dates import DateContext, find_due
from wp2bot.domain.groups import group_name
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import MeetingContext, Participant, Roster, Status
from wp2bot.domain.sentences import split_sentences

TUE = date(2026, 12, 1)
PEOPLE = ("Claire Martin", "Uwe Brandt", "Jordi Puig", "Marco Galli", "Piet Vos", "Sven Ohl")


def _actions(text: str) -> list[tuple[str, list[str], Status, date | None]]:
    ctx = MeetingContext(
        meeting_date=TUE,
        participants=tuple(Participant(n) for n in PEOPLE),
        next_meeting=date(2026, 12, 15),
    )
    return [
        (a.text, [o.name for o in a.owners], a.status, a.due.date if a.due else None)
        for a in extract_actions(parse_minutes(text, "text"), ctx, Roster())
    ]


ROUND_TABLE = """Site round-table

IN2P3 (Claire): tape stable. Claire s'occupe de la mise à jour dCache d'ici vendredi.
DESY (Uwe): Uwe kümmert sich um das Zertifikat bis Ende Januar. Er könnte die Doku schreiben.
PIC (Jordi): Jordi se encarga de revisar los logs antes del 15/1.
INFN (Marco): Marco verifica la configurazione entro fine mese.
SARA (Piet): Piet zal de lijst sturen voor vrijdag.
Il faudrait documenter la procédure.
"""


def test_a_round_table_in_the_sites_languages_gives_each_sites_commitment() -> None:
    found = _actions(ROUND_TABLE)
    assert found == [
        (
            "Claire s'occupe de la mise à jour dCache d'ici vendredi.",
            ["Claire Martin"],
            Status.OPEN,
            date(2026, 12, 4),
        ),
        (
            "Uwe kümmert sich um das Zertifikat bis Ende Januar.",
            ["Uwe Brandt"],
            Status.OPEN,
            date(2027, 1, 31),
        ),
        ("Er könnte die Doku schreiben.", ["DESY", "Uwe Brandt"], Status.TENTATIVE, None),
        (
            "Jordi se encarga de revisar los logs antes del 15/1.",
            ["Jordi Puig"],
            Status.OPEN,
            date(2027, 1, 15),
        ),
        (
            "Marco verifica la configurazione entro fine mese.",
            ["Marco Galli"],
            Status.OPEN,
            date(2026, 12, 31),
        ),
        ("Piet zal de lijst sturen voor vrijdag.", ["Piet Vos"], Status.OPEN, date(2026, 12, 4)),
        ("Il faudrait documenter la procédure.", [], Status.OPEN, None),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Der Server wird morgen neu gestartet.",  # a capitalised noun is no person
        "Claire sera absente la semaine prochaine.",  # availability
        "Jordi estará de vacaciones en enero.",
        "Claire a migré le stockage avant la panne.",  # a report of work done
        "Sven übernimmt ab Oktober die Administration.",  # a role handed over
        "Sven kann nicht kommen.",
    ],
)
def test_reports_and_absences_in_the_sites_languages_are_no_actions(text: str) -> None:
    assert _actions(f"Notes\n\n{text}\n") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("d'ici vendredi", date(2026, 12, 4)),
        ("bis Fr.", date(2026, 12, 4)),
        ("uiterlijk vrijdag", date(2026, 12, 4)),
        ("bis 12.1.", date(2027, 1, 12)),
        ("antes del 15/1", date(2027, 1, 15)),
        ("avant le 15 janvier", date(2027, 1, 15)),
        ("bis zum 20. Januar 2027", date(2027, 1, 20)),
        ("entro il 3 febbraio", date(2027, 2, 3)),
        ("bis Ende Januar", date(2027, 1, 31)),
        ("entro fine mese", date(2026, 12, 31)),
        ("Ende des Monats", date(2026, 12, 31)),
        ("la semaine prochaine", date(2026, 12, 8)),
        ("pour la prochaine réunion", date(2026, 12, 15)),
        ("vóór de volgende vergadering", date(2026, 12, 15)),
    ],
)
def test_deadlines_in_the_sites_languages(text: str, expected: date) -> None:
    due = find_due(f"send the list {text}", DateContext(TUE, next_meeting=date(2026, 12, 15)))
    assert due is not None
    assert due.date == expected, due


def test_a_german_ordinal_day_does_not_end_the_sentence() -> None:
    assert split_sentences("Bis zum 20. Januar prüfen. Dann testen.") == [
        "Bis zum 20. Januar prüfen.",
        "Dann testen.",
    ]


def test_the_gate_passes_the_languages_commitments_and_not_english_reports() -> None:
    assert may_commit("claire s'occupe de la mise à jour")
    assert may_commit("uwe kümmert sich um das zertifikat")
    assert not may_commit("the tape system was stable all week")


FIRST_PERSON = """Site round-table

GSI (Felix): tapes ready. Nous allons tester le recall avec 200 TB avant la fin du mois.
Felix: Je m'engage à envoyer le plan de test d'ici vendredi.
SARA (Piet): Ik stuur de lijst met endpoints vóór 1 juli naar Claire.
INFN (Marco): contiamo di finire entro fine mese. Queremos probar ARM el año que viene.
"""


def test_the_first_person_in_the_sites_languages_is_the_writer_or_the_writers_site() -> None:
    text = FIRST_PERSON.replace("Felix", "Sven")
    found = _actions(text)
    assert found == [
        (
            "Nous allons tester le recall avec 200 TB avant la fin du mois.",
            ["GSI", "Sven Ohl"],
            Status.OPEN,
            date(2026, 12, 31),
        ),
        (
            "Je m'engage à envoyer le plan de test d'ici vendredi.",
            ["Sven Ohl"],
            Status.OPEN,
            date(2026, 12, 4),
        ),
        (
            "Ik stuur de lijst met endpoints vóór 1 juli naar Claire.",
            ["Piet Vos"],  # "I" is the one who speaks, the plural ("we") the site
            Status.OPEN,
            date(2027, 7, 1),
        ),
        (
            "contiamo di finire entro fine mese.",
            ["INFN", "Marco Galli"],
            Status.OPEN,
            date(2026, 12, 31),
        ),
    ]


GROUPS = """Round-table

Todos los sitios deben actualizar FTS antes del 15/12.
Alle Experimente sollen ihre Quoten bis Freitag melden.
Tutti i siti devono aggiornare dCache entro il 15/12.
Todos los sitios: revisar los certificados antes de la próxima reunión.
Alle Standorte: keine Probleme gefunden.
"""


def test_groups_in_the_sites_languages_are_the_groups_english_names() -> None:
    found = _actions(GROUPS)
    assert [(text, owners) for text, owners, _, _ in found] == [
        ("Todos los sitios deben actualizar FTS antes del 15/12.", ["all sites"]),
        ("Alle Experimente sollen ihre Quoten bis Freitag melden.", ["all experiments"]),
        ("Tutti i siti devono aggiornare dCache entro il 15/12.", ["all sites"]),
        ("revisar los certificados antes de la próxima reunión.", ["all sites"]),
    ]
    assert [due for _, _, _, due in found] == [
        date(2026, 12, 15),
        date(2026, 12, 4),
        date(2026, 12, 15),
        date(2026, 12, 15),
    ]


@pytest.mark.parametrize(
    ("written", "group"),
    [
        ("Todos los sitios", "all sites"),
        ("tous les Tier-1", "Tier-1 sites"),
        ("Chaque expérience", "all experiments"),
        ("Ogni esperimento", "all experiments"),
        ("Elke site", "all sites"),
        ("Alle Administratoren", "all admins"),
        # (one for each letter the languages' words for "all" and "each" open with)
        ("Cada sitio", "all sites"),
        ("Jede Gruppe", "all groups"),
        ("Iedere site", "all sites"),
        ("Toutes les expériences", "all experiments"),
        ("los sitios", None),  # no "all" or "each": perhaps a topic
        ("Todos", None),  # everyone, not a group of a kind
    ],
)
def test_a_group_in_another_language_is_spelled_in_english(written: str, group: str | None) -> None:
    assert group_name(written) == group


HEDGED_PLANS = """Site round-table

  • Bari (Marco): pool in produzione. Se c'è tempo prepariamo anche un endpoint di test.
  • DESY (Uwe): Routing umgestellt. Falls Zeit bleibt, prüft Uwe noch die BGP-Communities.
  • SARA (Piet): doors fixed. Indien mogelijk zetten we volgende week de nieuwe doors live.
  • PIC (Jordi): pools llegan en noviembre. Me encargo yo de configurar los nuevos pools.
  • IN2P3 (Claire): ticket ouvert. Je m'en occupe avec les développeurs.
  • KIT (Sven): Tape-REST läuft. Wir schauen uns bis nächste Woche die Timeouts an.
"""


def test_plans_on_a_condition_and_the_first_person_in_the_sites_languages() -> None:
    found = {text: (owners, status) for text, owners, status, _ in _actions(HEDGED_PLANS)}
    assert found == {
        "Se c'è tempo prepariamo anche un endpoint di test.": (
            ["Bari", "Marco Galli"],
            Status.TENTATIVE,
        ),
        "Falls Zeit bleibt, prüft Uwe noch die BGP-Communities.": (
            ["Uwe Brandt"],
            Status.TENTATIVE,
        ),
        "Indien mogelijk zetten we volgende week de nieuwe doors live.": (
            ["SARA", "Piet Vos"],
            Status.TENTATIVE,
        ),
        # "I" is the one who speaks, not the site he speaks for
        "Me encargo yo de configurar los nuevos pools.": (["Jordi Puig"], Status.OPEN),
        "Je m'en occupe avec les développeurs.": (["Claire Martin"], Status.OPEN),
        "Wir schauen uns bis nächste Woche die Timeouts an.": (["KIT", "Sven Ohl"], Status.OPEN),
    }


EARLIER_ACTIONS = """1. Actiepunten vorige keer

  • Piet: dCache 11.1 op de testomgeving – klaar
  • Piet: offerte opvragen – loopt nog

2. Protokoll und offene Aktionen

  • Uwe: Kontakt zu DFN wegen 400G hat sich erledigt, läuft über die Netzgruppe
"""


def test_reviews_of_earlier_actions_and_their_states_in_the_sites_languages() -> None:
    found = [(text, status) for text, _, status, _ in _actions(EARLIER_ACTIONS)]
    assert found == [
        ("dCache 11.1 op de testomgeving – klaar", Status.DONE),
        ("offerte opvragen – loopt nog", Status.OPEN),
        ("Kontakt zu DFN wegen 400G hat sich erledigt, läuft über die Netzgruppe", Status.DONE),
    ]


def test_a_future_with_no_subject_in_a_sites_report_is_the_reporters() -> None:
    text = (
        "Round-table\n\n  • IN2P3 (Claire): nouveau nœud livré. Installera perfSONAR sur le "
        "nouveau nœud avant vendredi.\n  • INFN (Marco): Chiara ha scritto ieri.\n"
    )
    assert _actions(text) == [
        (
            "Installera perfSONAR sur le nouveau nœud avant vendredi.",
            ["IN2P3", "Claire Martin"],
            Status.OPEN,
            date(2026, 12, 4),
        )
    ]


def test_a_group_with_a_relative_clause_before_its_verb() -> None:
    text = (
        "Notizen\n\n"
        "Alle Standorte, die am Testbed teilnehmen, sollen bis 17.3. ihre Endpunkte melden.\n"
    )
    found = _actions(text)
    assert [(owners, status) for _, owners, status, _ in found] == [(["all sites"], Status.OPEN)]
    assert found[0][3] is not None
    assert (found[0][3].month, found[0][3].day) == (3, 17)


@pytest.mark.parametrize(
    "sentence",
    [
        "Vorremmo provare la classe QoS su Ceph, se il CNAF ci passa la configurazione.",
        "Nous aimerions tester le cache avant Noël.",
        "Wir würden gerne den Test wiederholen.",
        "Ich möchte die Logs prüfen.",
    ],
)
def test_a_wish_in_the_first_person_is_a_tentative_plan(sentence: str) -> None:
    found = _actions(f"Notizen\n\n{sentence}\n")
    assert [(text, status) for text, _, status, _ in found] == [(sentence, Status.TENTATIVE)]
