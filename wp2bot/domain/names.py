"""Name normalisation and the ways minutes write people: nicknames, initials, handles."""

from __future__ import annotations

import functools
import re
import unicodedata

# Titles carry no identity: "Mr Yan Grange" is Yan Grange.
# (a council's and a church's too: "Cllr Whitfield", "Revd Amos", "Sister Agnes")
_TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "cllr"}
    | {"councillor", "revd", "rev", "sister", "brother", "father"}
)

# Short forms seen in minutes, mapped to the formal first names they stand for (normalised).
NICKNAMES: dict[str, tuple[str, ...]] = {
    "xavi": ("xavier",),
    "bob": ("robert",),
    "bobby": ("robert",),
    "rob": ("robert", "roberto"),
    "robbie": ("robert",),
    "alex": ("alexander", "alexandra", "alexandre", "alessandro", "alejandro", "alexis"),
    "sandy": ("alexander", "sandra"),
    "mike": ("michael", "michele", "mikhail"),
    "mick": ("michael",),
    "chris": ("christopher", "christian", "christina", "christine", "christoph", "christophe"),
    "dan": ("daniel", "daniele", "daniela"),
    "danny": ("daniel",),
    "jim": ("james",),
    "jimmy": ("james",),
    "jamie": ("james",),
    "tom": ("thomas", "tommaso"),
    "tommy": ("thomas",),
    "rick": ("richard", "ricardo", "riccardo", "frederick"),
    "rich": ("richard",),
    "richie": ("richard",),
    "dick": ("richard",),
    "bill": ("william",),
    "will": ("william",),
    "steve": ("steven", "stephen", "stefan", "stephane", "stefano"),
    "matt": ("matthew", "matthias", "matteo", "mattia", "mathieu", "matthieu"),
    "andy": ("andrew", "andreas", "andrea"),
    "drew": ("andrew",),
    "ben": ("benjamin", "benedikt", "benedict"),
    "dave": ("david",),
    "ed": ("edward", "eduardo", "edoardo"),
    "eddie": ("edward", "eduardo"),
    "ted": ("edward", "theodore"),
    "fred": ("frederick", "frederic", "federico"),
    "joe": ("joseph", "giuseppe", "josef"),
    "jon": ("jonathan",),
    "kate": ("katherine", "catherine", "kathryn", "katharina"),
    "katie": ("katherine", "catherine"),
    "cathy": ("catherine",),
    "liz": ("elizabeth",),
    "beth": ("elizabeth",),
    "nick": ("nicholas", "nicolas", "nicola", "nicolo"),
    "pat": ("patrick", "patricia"),
    "pete": ("peter",),
    "sam": ("samuel", "samantha"),
    "tim": ("timothy",),
    "tony": ("anthony", "antonio"),
    "vince": ("vincent", "vincenzo"),
    "greg": ("gregory",),
    "jeff": ("jeffrey",),
    "ken": ("kenneth",),
    "larry": ("lawrence",),
    "max": ("maximilian", "massimo", "maxime"),
    "nate": ("nathan", "nathaniel"),
    "phil": ("philip", "phillip", "philippe"),
    "ron": ("ronald",),
    "aris": ("aristeidis", "aristides"),
    "gigi": ("luigi",),
    "beppe": ("giuseppe",),
    "sasha": ("alexander", "alexandra"),
}
# Formal first name -> every short form of it: "robert" -> bob, bobby, rob, robbie.
_SHORT_FORMS: dict[str, frozenset[str]] = {}
for _nick, _formal in NICKNAMES.items():
    for _name in _formal:
        _SHORT_FORMS[_name] = _SHORT_FORMS.get(_name, frozenset()) | {_nick}

_SEPARATORS = re.compile(r"[_.\-]+")
_NOT_WORD = re.compile(r"[^\w\s']")
_BRACKETED = re.compile(r"\s*\(.*?\)\s*")
_NOT_ALNUM = re.compile(r"[^a-z0-9]")
# The helpers below are pure functions of short strings that minutes repeat many times; the
# caches are bounded so a long-running bot does not grow without limit.
_CACHE = 4096


@functools.lru_cache(maxsize=_CACHE)
def fold(text: str) -> str:
    """Lower case, no accents, separators ("_", ".", "-") as spaces: "Jürgen" -> "jurgen"."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = _SEPARATORS.sub(" ", plain.casefold())
    return " ".join(_NOT_WORD.sub(" ", plain).split())


def handle_key(text: str) -> str:
    """A handle or username reduced to its letters and digits: "h-sandvold" -> hsandvold."""
    return _NOT_ALNUM.sub("", fold(text))


def name_parts(full: str) -> list[str]:
    """The folded words of a person's name, titles dropped."""
    return list(_name_parts(full))


@functools.lru_cache(maxsize=_CACHE)
def _name_parts(full: str) -> tuple[str, ...]:
    parts = fold(full).split()
    while len(parts) > 1 and parts[0] in _TITLES:
        parts.pop(0)
    return tuple(parts)


# a family name written first in capitals ("ITO Hana", as many lists write it)
_FAMILY_FIRST = re.compile(r"^(?P<family>[A-Z][A-Z'’-]{2,})\s+(?P<given>[A-Z][a-z][\w'’-]*)$")


# a family name before the initial of the given name ("Ito H.", as author lists write it)
_INITIAL_LAST = re.compile(r"^(?P<family>[A-Z][a-z][\w'’-]+)\s+(?P<given>(?:[A-Z]\.?-?){1,2})$")


def initial_last(name: str) -> str | None:
    """ "Ito H." as "H. Ito"; None for a name not written so ("Bo C." may be either: the caller
    tries the name as written first)."""
    initial = _INITIAL_LAST.match(name) if name[-2:-1] in (" ", ".") or name[-1:] == "." else None
    return f"{initial['given']} {initial['family']}" if initial else None


def given_first(name: str) -> str:
    """ "ITO Hana" as "Hana Ito"; any other name as written."""
    family = _FAMILY_FIRST.match(name) if name[1:2].isupper() else None
    return f"{family['given']} {family['family'].title()}" if family else name


@functools.lru_cache(maxsize=_CACHE)
def display_name(full: str) -> str:
    """The name as written, without a leading title or affiliation in brackets."""
    words = _BRACKETED.sub(" ", full).split()
    while len(words) > 1 and words[0].rstrip(".").lower() in _TITLES:
        words.pop(0)
    return " ".join(words)


@functools.lru_cache(maxsize=_CACHE)
def first_name_forms(written: str) -> frozenset[str]:
    """A written first name with the formal names it may stand for ("Xavi" -> xavi, xavier)."""
    low = fold(written)
    formal = {low, *NICKNAMES.get(low, ())}
    # Every short form of those formal names too: "Bob" and "Rob" both stand for Robert.
    short = frozenset().union(*(_SHORT_FORMS.get(name, frozenset()) for name in formal))
    return frozenset(formal | short)


@functools.lru_cache(maxsize=_CACHE)
def initials(full: str) -> frozenset[str]:
    """Initials a name may be written as: every word ("rdm"), first + last ("rm") and, for
    two family names, first + the first of them ("Carmen Ruiz Ortega": "cr"; not a particle's
    "Jan van der Berg": "jv")."""
    parts = _name_parts(full)
    if len(parts) < 2:
        return frozenset()
    found = {"".join(p[0] for p in parts), parts[0][0] + parts[-1][0]}
    words = full.split()
    if (
        len(parts) >= 3
        and len(words) >= len(parts)
        and words[len(words) - len(parts) + 1][:1].isupper()
    ):
        found.add(parts[0][0] + parts[1][0])
    return frozenset(found)


@functools.lru_cache(maxsize=_CACHE)
def handle_fits(handle: str, full: str) -> bool:
    """A chat handle built from a name: "lenaber" ~ Lena Berger, "jnovak", "pmillar"."""
    parts = _name_parts(full)
    wanted = handle_key(handle)
    if len(parts) < 2 or len(wanted) < 3:
        return False
    first, last = parts[0], "".join(parts[1:])
    if wanted in (first + last, last + first):
        return True
    for i in range(1, len(first) + 1):
        head, tail = first[:i], wanted[i:]
        if not wanted.startswith(head) or not tail or not last.startswith(tail):
            continue
        # One piece must be whole (or an initial before 4+ letters of the surname), else
        # "ro" + "ba" would fit too many people.
        if i == len(first) or tail == last or (i == 1 and len(tail) >= 4):
            return True
    # the initials of the given names, the whole surname: "mlchou" ~ Mei-Ling Chou; or an
    # initial, a middle initial and the surname: "jmbarros" ~ Joana (M.) Barros
    if len(parts) > 2 and wanted == "".join(p[0] for p in parts[:-1]) + parts[-1]:
        return True
    return len(wanted) >= len(last) + 2 and wanted[0] == first[0] and wanted[2:] == last
