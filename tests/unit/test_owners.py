"""Owner resolution on the sample WP2 minutes' people, the roster and look-alike name sets."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from wp2bot.domain.models import Owner, OwnerKind, Participant, Roster, RosterPerson, Section
from wp2bot.domain.names import NICKNAMES, first_name_forms
from wp2bot.domain.owners import OwnerResolver, split_owners
from wp2bot.domain.roster import parse_community

DATA = Path(__file__).resolve().parents[2] / "data"


def _sample_people() -> tuple[list[Participant], list[Participant]]:
    """Participants and speakers as the 2020-03-11 minutes list them."""
    text = (DATA / "wp2-meeting-2020-03-11.txt").read_text(encoding="utf-8")
    listed = re.search(r"^Participants:(.*)$", text, re.MULTILINE)
    assert listed is not None
    participants = [Participant(n.strip()) for n in listed.group(1).split(",") if n.strip()]
    speakers: dict[str, Participant] = {}
    for line in re.findall(r"Speakers:(.*)$", text, re.MULTILINE):
        for name, affiliation in re.findall(r"([^,(]+?)\s*\(([^)]*)\)", line):
            speakers.setdefault(name.strip(), Participant(name.strip(), affiliation))
    return participants, list(speakers.values())


@pytest.fixture(scope="module")
def roster() -> Roster:
    with (DATA / "community.toml").open("rb") as handle:
        return parse_community(tomllib.load(handle))


@pytest.fixture(scope="module")
def wp2(roster: Roster) -> OwnerResolver:
    participants, speakers = _sample_people()
    return OwnerResolver(roster, participants, speakers)


def names(owners: tuple[Owner, ...]) -> list[str]:
    return [o.name for o in owners]


@pytest.mark.parametrize(
    ("written", "parts"),
    [
        ("PaulMillar/Aleem", ["PaulMillar", "Aleem"]),
        ("(Paul/Rizart)", ["Paul", "Rizart"]),
        ("Jimmy, Rosie, and Ron", ["Jimmy", "Rosie", "Ron"]),
        ("Rosie & Simone", ["Rosie", "Simone"]),
        ("Xavi + Yan", ["Xavi", "Yan"]),
        ("Rosie/Paul/Rizart", ["Rosie", "Paul", "Rizart"]),
        ("Aleem & co.", ["Aleem & co."]),
        ("Gideon et al", ["Gideon et al"]),
        ("Orion Power&Cooling WG", ["Orion Power&Cooling WG"]),
        ("[name=tovador]", ["[name=tovador]"]),
        ("Oriane Faubert (@ofaubert)", ["Oriane Faubert (@ofaubert)"]),
        ("  ", []),
    ],
)
def test_split_owners(written: str, parts: list[str]) -> None:
    assert split_owners(written) == parts


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Yan", ["Yan Grange"]),  # listed by first name, speaker by full name
        ("Rizart", ["Rizart"]),
        ("Xavi", ["Xavier Espinal"]),  # roster alias
        ("Xavier", ["Xavier Espinal"]),
        ("Rosie", ["Rosie Bolton"]),
        ("Aris", ["Aristeidis Fkiaras"]),
        ("Ron", ["Ron Trompert"]),
        ("PaulMillar/Aleem", ["Paul Millar", "Aleem"]),  # run together
        ("paulmillar", ["Paul Millar"]),
        ("pmillar", ["Paul Millar"]),  # Mattermost username
        ("@pmillar", ["Paul Millar"]),
        ("Paul Musset", ["Paul Musset"]),
        ("Simone, Andrea and Xavier", ["Simone Campana", "Andrea Ceccanti", "Xavier Espinal"]),
        ("Jimmy", ["Jimmy Cullen"]),  # roster only, named in the prose
        ("Riccardo di Maria", ["Riccardo Di Maria"]),
    ],
)
def test_people_of_the_sample_meeting(
    wp2: OwnerResolver, written: str, expected: list[str]
) -> None:
    owners = wp2.resolve(written)
    assert names(owners) == expected
    assert all(o.kind is OwnerKind.PERSON and not o.ambiguous for o in owners)


def test_roster_people_carry_their_username(wp2: OwnerResolver) -> None:
    (owner,) = wp2.resolve("Xavi")
    assert (owner.written, owner.username) == ("Xavi", "xespinal")


def test_and_co_keeps_the_named_person(wp2: OwnerResolver) -> None:
    (owner,) = wp2.resolve("Aleem & co.")
    assert (owner.written, owner.name, owner.kind) == ("Aleem & co.", "Aleem", OwnerKind.PERSON)


def test_two_pauls_stay_ambiguous_without_context(wp2: OwnerResolver) -> None:
    (owner,) = wp2.resolve("Paul")
    assert owner.name == "Paul"
    assert owner.candidates == ("Paul Millar", "Paul Musset")
    assert owner.ambiguous
    (initials,) = wp2.resolve("PM")
    assert initials.candidates == ("Paul Millar", "Paul Musset")


def test_section_context_picks_the_section_owner(wp2: OwnerResolver) -> None:
    section = Section(
        "2.2 QoS and orchestration",
        level=2,
        owner_raw="Paul",
        speakers=(Participant("Paul Millar", "DESY"),),
    )
    (owner,) = wp2.resolve("Paul", section)
    assert (owner.name, owner.username, owner.candidates) == ("Paul Millar", "pmillar", ())
    other = Section("2.4 Network", level=2, owner_raw="Rosie Bolton")
    assert wp2.resolve("Paul", other)[0].ambiguous


@pytest.mark.parametrize(
    ("written", "group"),
    [
        ("SKA", "SKA"),
        ("Square Kilometre Array", "SKA"),
        ("IN2P3", "CC-IN2P3"),
        ("PIC", "IFAE-PIC"),
        ("SURFSara", "SURFsara"),
        ("AARENT", "AARNet"),  # typo, fuzzy
        ("CERN IT", "CERN IT"),
        ("all sites", "All sites"),
        ("Chairs", "WP2 chairs"),
        ("KM3Net", "KM3NeT"),
    ],
)
def test_groups(wp2: OwnerResolver, written: str, group: str) -> None:
    (owner,) = wp2.resolve(written)
    assert (owner.name, owner.kind) == (group, OwnerKind.GROUP)
    # Groups with contacts are reached through the primary one; lists have none.
    assert bool(owner.username) == (owner.name != "All sites")


@pytest.mark.parametrize("written", ["ALL", "all", "everyone", "Everybody"])
def test_everyone(wp2: OwnerResolver, written: str) -> None:
    assert wp2.resolve(written) == (Owner(written, "all", OwnerKind.ALL),)


@pytest.mark.parametrize("written", ["we", "We", "let's", "someone", "I", "they", "TBD"])
def test_impersonal_words_are_not_owners(wp2: OwnerResolver, written: str) -> None:
    assert wp2.resolve(written) == ()
    assert not wp2.is_known(written)


@pytest.mark.parametrize("written", ["KATRIN people", "The PMB", "others from Japan", "Zorro"])
def test_unknown_owners_stay_as_written(wp2: OwnerResolver, written: str) -> None:
    (owner,) = wp2.resolve(written)
    assert (owner.name, owner.kind, owner.candidates) == (written, OwnerKind.UNKNOWN, ())
    assert not wp2.is_known(written)


def test_unknown_name_with_a_handle_drops_the_handle(wp2: OwnerResolver) -> None:
    (owner,) = wp2.resolve("Oriane Faubert (@ofaubert)")
    assert (owner.name, owner.kind) == ("Oriane Faubert", OwnerKind.UNKNOWN)
    assert owner.written == "Oriane Faubert (@ofaubert)"


def test_is_known(wp2: OwnerResolver) -> None:
    assert wp2.is_known("Rizart")
    assert wp2.is_known("Paul")  # ambiguous, but a person
    assert wp2.is_known("SKA")
    assert wp2.is_known("all")
    assert not wp2.is_known("Setup")
    assert not wp2.is_known("")


@pytest.fixture(scope="module")
def lookalikes() -> OwnerResolver:
    listed = [
        "Uli", "Ulli", "HilkeR", "Tova Dorwinkel", "Jörg Müller", "Leander Voskuil",
        "Rob Pendry", "Ilse_Brandt", "Nathaniel Orsbourne", "Ottilie Brandsma",
        "Ottilie Aranda Lindqvist", "Oriane Faubert", "Henrik Sandvold", "Bob Whitcombe",
    ]  # fmt: skip
    roster = Roster(people=(RosterPerson("Anselm Kofler", aliases=("Anselm",)),))
    return OwnerResolver(roster, [Participant(n) for n in listed])


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Uli", "Uli"),  # exact beats the fuzzy "Ulli"
        ("Ulli", "Ulli"),
        ("Hilke", "HilkeR"),  # prefix of a listed handle-like name
        ("tovador", "Tova Dorwinkel"),  # handle that fits a name
        ("@tovador", "Tova Dorwinkel"),
        ("[name=tovador]", "Tova Dorwinkel"),
        ("Oriane Faubert (@ofaubert)", "Oriane Faubert"),
        ("@henrik-sandvold", "Henrik Sandvold"),
        ("Jorg", "Jörg Müller"),  # accents
        ("Jörg", "Jörg Müller"),
        ("Leandar", "Leander Voskuil"),  # typo, fuzzy
        ("Rob P", "Rob Pendry"),
        ("Bob", "Bob Whitcombe"),
        ("Bob P", "Rob Pendry"),  # nickname table, both ways
        ("IB", "Ilse_Brandt"),  # initials
        ("AK", "Anselm Kofler"),  # initials from the roster
        ("Nate", "Nathaniel Orsbourne"),  # nickname
        ("Gideon et al", "Gideon et al"),  # nobody called Gideon: kept as written
    ],
)
def test_written_forms(lookalikes: OwnerResolver, written: str, expected: str) -> None:
    (owner,) = lookalikes.resolve(written)
    assert owner.name == expected
    assert owner.written == written


def test_formal_name_fits_every_short_form(lookalikes: OwnerResolver) -> None:
    (owner,) = lookalikes.resolve("Robert")
    assert owner.candidates == ("Bob Whitcombe", "Rob Pendry")


def test_namesakes_keep_every_candidate(lookalikes: OwnerResolver) -> None:
    (owner,) = lookalikes.resolve("Ottilie")
    assert owner.candidates == ("Ottilie Aranda Lindqvist", "Ottilie Brandsma")
    assert (owner.name, owner.kind) == ("Ottilie", OwnerKind.PERSON)


def test_short_names_are_never_fuzzy_matched() -> None:
    resolver = OwnerResolver(Roster(), [Participant("Ulli Brackmann")])
    (owner,) = resolver.resolve("Uli")
    assert owner.kind is OwnerKind.UNKNOWN


def test_meeting_people_win_over_roster_namesakes() -> None:
    roster = Roster(people=(RosterPerson("Paul Ashdown", username="pashdown"),))
    resolver = OwnerResolver(roster, [Participant("Paul Brightwell")])
    assert names(resolver.resolve("Paul")) == ["Paul Brightwell"]
    alone = OwnerResolver(roster)
    assert alone.resolve("Paul")[0].username == "pashdown"


def test_duplicates_in_one_reference_collapse(wp2: OwnerResolver) -> None:
    assert names(wp2.resolve("Xavi/Xavier")) == ["Xavier Espinal"]


_CACHE_FORMS = ["Paul", "PM", "Xavi", "Xavi/Xavier", "SKA", "AARENT", "we", "Zorro", "pmillar"]


def _sections() -> list[Section | None]:
    return [
        None,
        Section("2.2 QoS", level=2, owner_raw="Paul", speakers=(Participant("Paul Millar"),)),
        Section("2.3 Tokens", level=2, owner_raw="Paul Musset"),
        Section("2.4 Network", level=2, owner_raw="Rosie Bolton"),
        Section("2.5 Other", level=2),
    ]


def test_repeated_references_resolve_as_a_fresh_resolver_does(roster: Roster) -> None:
    participants, speakers = _sample_people()
    shared = OwnerResolver(roster, participants, speakers)
    for _ in range(2):  # the second round is answered from the resolver's memory
        for section in _sections():
            for written in _CACHE_FORMS:
                fresh = OwnerResolver(roster, participants, speakers)
                assert shared.resolve(written, section) == fresh.resolve(written, section)
                assert shared.is_known(written) == fresh.is_known(written)


def test_remembered_resolution_still_depends_on_the_section(wp2: OwnerResolver) -> None:
    millar, musset, network, untitled = _sections()[1:]
    for _ in range(2):
        assert wp2.resolve("Paul", millar)[0].name == "Paul Millar"
        assert wp2.resolve("Paul", musset)[0].name == "Paul Musset"
        assert wp2.resolve("Paul", network)[0].candidates == ("Paul Millar", "Paul Musset")
        assert wp2.resolve("Paul", untitled)[0].ambiguous
        assert wp2.resolve("Paul")[0].ambiguous
        assert wp2.resolve("PM", millar)[0].username == "pmillar"


def test_first_name_forms_agree_with_a_scan_of_the_nickname_table() -> None:
    formal_names = {name for names in NICKNAMES.values() for name in names}
    for written in sorted({*NICKNAMES, *formal_names, "zorro"}):
        formal = {written, *NICKNAMES.get(written, ())}
        short = {nick for nick, names in NICKNAMES.items() if formal & set(names)}
        assert first_name_forms(written.title()) == formal | short


def test_roster_first_name_entry_is_the_attendee_of_that_first_name() -> None:
    roster = Roster(people=(RosterPerson("Aleem", username="aleem"), RosterPerson("Rizart")))
    resolver = OwnerResolver(
        roster, participants=[Participant("Aleem Riaz"), Participant("Paul Millar")]
    )
    (aleem,) = resolver.resolve("Aleem")
    assert (aleem.name, aleem.username) == ("Aleem Riaz", "aleem")
    assert [o.name for o in resolver.resolve("@aleem")] == ["Aleem Riaz"]
    # nobody attending is called Rizart: the roster entry stays as it is
    assert [o.name for o in resolver.resolve("Rizart")] == ["Rizart"]


def test_roster_first_name_entry_with_two_attendees_of_that_name_stays_apart() -> None:
    roster = Roster(people=(RosterPerson("Paul", username="paul"),))
    resolver = OwnerResolver(
        roster, participants=[Participant("Paul Millar"), Participant("Paul Tennant")]
    )
    assert [o.name for o in resolver.resolve("Paul")] == ["Paul"]


INVENTED = tuple(Participant(n) for n in ("Hiro Sato", "Alice Martin", "Anna Martin", "Karin Berg"))


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("K. Berg", "Karin Berg"),
        ("H Sato", "Hiro Sato"),
        ("K.B.", "Karin Berg"),
        ("H. S.", "Hiro Sato"),
        ("hsato@example.org", "Hiro Sato"),
        ("karin.berg@example.org", "Karin Berg"),
        ("Karin Berg <kberg@example.org>", "Karin Berg"),
    ],
)
def test_an_initial_with_the_surname_dotted_initials_and_addresses_name_the_person(
    written: str, name: str
) -> None:
    [owner] = OwnerResolver(Roster(), participants=INVENTED).resolve(written)
    assert (owner.name, owner.kind) == (name, OwnerKind.PERSON)


@pytest.mark.parametrize("written", ["A. Martin", "A.M.", "a.martin@example.org"])
def test_an_initial_two_people_share_is_kept_ambiguous(written: str) -> None:
    [owner] = OwnerResolver(Roster(), participants=INVENTED).resolve(written)
    assert owner.candidates == ("Alice Martin", "Anna Martin")


@pytest.mark.parametrize("written", ["B. Sato", "ops@example.org"])
def test_an_initial_or_an_address_that_fits_nobody_stays_as_written(written: str) -> None:
    [owner] = OwnerResolver(Roster(), participants=INVENTED).resolve(written)
    assert (owner.name, owner.kind) == (written, OwnerKind.UNKNOWN)


@pytest.mark.parametrize("written", ["Piet Vos", "@Piet Vos", "Anna Ross"])
def test_a_full_name_ending_like_a_plural_is_the_attendee(written: str) -> None:
    people = [Participant("Piet Vos"), Participant("Anna Ross"), Participant("Kim Lee")]
    (owner,) = OwnerResolver(Roster(), participants=people).resolve(written)
    assert (owner.name, owner.kind) == (written.lstrip("@"), OwnerKind.PERSON)


@pytest.mark.parametrize(
    ("written", "who"),
    [
        ("Dr Obi-Hartmann", "Nkechi Obi-Hartmann"),
        ("Obi-Hartmann", "Nkechi Obi-Hartmann"),
        ("de la Cruz", "Ana de la Cruz"),
        ("Ms de la Cruz", "Ana de la Cruz"),
    ],
)
def test_a_surname_of_several_words_names_its_attendee(written: str, who: str) -> None:
    people = tuple(Participant(n) for n in ("Nkechi Obi-Hartmann", "Ana de la Cruz", "Kim Lee"))
    resolver = OwnerResolver(Roster(), participants=people)
    assert names(resolver.resolve(written, None)) == [who]


def test_a_titled_roll_call_with_commas_in_its_notes_adds_to_an_attendance_line() -> None:
    from wp2bot.domain.actions import extract_actions
    from wp2bot.domain.minutes import parse_minutes
    from wp2bot.domain.models import MeetingContext

    doc = parse_minutes(
        "<h2>Present</h2><ul><li>Dr Sam Berg (Library, Data Services)</li>"
        "<li>Ms Lorna Feeney (Governance)</li></ul><p>In attendance: Pia Okoro</p>"
        "<h2>Minutes</h2><p>Dr Berg will circulate the revised draft by 10 July.</p>",
        "html",
    )
    [found] = extract_actions(doc, MeetingContext(), Roster())
    assert names(found.owners) == ["Sam Berg"]


def test_an_attendance_table_without_a_header_row_gives_initials_and_sites() -> None:
    from wp2bot.domain.actions import extract_actions
    from wp2bot.domain.minutes import parse_minutes
    from wp2bot.domain.models import MeetingContext

    doc = parse_minutes(
        "Attendance:\n MO  Mira Olsen         SURF    (chair)\n GF  Greta Fenn         CNAF\n"
        " TR  Tom Rein           DESY\n\nNotes\n\n- GF to create the RSE at CNAF by 15/12\n",
        "text",
    )
    [found] = extract_actions(doc, MeetingContext(), Roster())
    assert names(found.owners) == ["Greta Fenn"]
