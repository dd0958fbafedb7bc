"""Name normalisation and the ways minutes write people: nicknames, initials, handles."""

from __future__ import annotations

import re
import unicodedata

# Titles carry no identity: "Mr Yan Grange" is Yan Grange.
_TITLES = frozenset({"mr", "mrs", "ms", "dr", "prof", "professor", "sir", "dame"})

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


def fold(text: str) -> str:
    """Lower case, no accents, separators ("_", ".", "-") as spaces: "Jürgen" -> "jurgen"."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = re.sub(r"[_.\-]+", " ", plain.casefold())
    return " ".join(re.sub(r"[^\w\s']", " ", plain).split())


def name_parts(full: str) -> list[str]:
    """The folded words of a person's name, titles dropped."""
    parts = fold(full).split()
    while len(parts) > 1 and parts[0] in _TITLES:
        parts.pop(0)
    return parts


def display_name(full: str) -> str:
    """The name as written, without a leading title or affiliation in brackets."""
    words = re.sub(r"\s*\(.*?\)\s*", " ", full).split()
    while len(words) > 1 and words[0].rstrip(".").lower() in _TITLES:
        words.pop(0)
    return " ".join(words)


def first_name_forms(written: str) -> frozenset[str]:
    """A written first name with the formal names it may stand for ("Xavi" -> xavi, xavier)."""
    low = fold(written)
    formal = {low, *NICKNAMES.get(low, ())}
    # Every short form of those formal names too: "Bob" and "Rob" both stand for Robert.
    short = {nick for nick, names in NICKNAMES.items() if formal & set(names)}
    return frozenset(formal | short)


def initials(full: str) -> frozenset[str]:
    """Initials a name may be written as: every word ("rdm") and first + last ("rm")."""
    parts = name_parts(full)
    if len(parts) < 2:
        return frozenset()
    return frozenset({"".join(p[0] for p in parts), parts[0][0] + parts[-1][0]})


def handle_fits(handle: str, full: str) -> bool:
    """A chat handle built from a name: "rossbar" ~ Ross Barnowski, "jjerphan", "pmillar"."""
    parts = name_parts(full)
    wanted = re.sub(r"[^a-z0-9]", "", fold(handle))
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
    return False
