"""Groups written as plurals ("Tier-1s", "all sites", "each experiment") and the requests
addressed to them ("Sites running X should ...", "NGIs are asked to ...")."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# Nouns for the members of a collaboration that a request can address as a group.
_GROUP_NOUNS = (
    r"sites?|tier-?[0-3]s?(?:\s+sites?)?|t[0-3]s|experiments?|users|admins|administrators|"
    r"sysadmins|centres|centers|(?:resource|data)\s+cent(?:re|er)s|representatives|reps|contacts|"
    r"members|partners|institutes|institutions|groups|teams|collaborations|vos|developers|devs|"
    r"operators|managers|coordinators|providers|owners|maintainers|communities"
)
# an acronym in the plural: "NGIs", "DCs", "SRCs", "RCs", "T2s"
_ACRONYM_PLURAL = r"[A-Z][A-Z0-9-]*[A-Z0-9]s"
# "each" and "every" take the singular: "each experiment", "every site"
_DETERMINERS = r"(?:(?:the|all|all\s+the|each|every|any|remaining|other|those)\s+)*"
# words that qualify the group after its noun: "running StoRM", "still on DPM", "with EL7 CEs"
_QUALIFIER = (
    r"(?:still\s+)?(?:running|using|on|with|without|in|at|of|supporting|providing|"
    r"hosting|behind|that|which|who|not|where)\b"
)
# words before the noun: names and acronyms ("UK", "RSE", "Tier-2") or a few adjectives
_PRE_WORD = (
    r"(?:[A-Z][\w.-]*|[a-z]+-?[0-9]+|(?:affected|participating|interested|relevant|unpatched|"
    r"local|national|regional|storage|site|cloud|grid|data|compute|batch|remaining|other|"
    r"board|committee|steering|project|working|group|team|task|security|network|service|"
    r"operations|ops|core))\s+"
)
_HEAD = (
    r"(?:" + _PRE_WORD + r"){0,2}"
    r"(?:(?i:" + _GROUP_NOUNS + r")|" + _ACRONYM_PLURAL + r")"
)
# the phrase that names the group, with what qualifies it, up to the verb of the request
GROUP_PHRASE = (
    r"(?P<who>(?i:" + _DETERMINERS + r")" + _HEAD + r"(?:\s+" + _QUALIFIER + r"[^,;:()]{0,60}?)?)"
)
_REQUEST_VERBS = (
    r"(?P<verb>(?:are|were|is|have\s+been|has\s+been)\s+(?:(?:kindly|also|again)\s+)?"
    r"(?:asked|requested|required|expected|urged|reminded)\s+to|"
    r"should|must|need\s+to|needs\s+to|have\s+to|has\s+to|to|will\s+need\s+to)"
)
# a request to a group: "Tier-2s are asked to renew ...", "each experiment to send ..."
GROUP_REQUEST = re.compile(
    # a lead-in before the group: "Before the upgrade, the sites are requested to ..."
    r"^(?:(?i:to|for|in|as|after|before|until|once|meanwhile|therefore|so|then)\b[^,;]{0,40},\s+)?"
    r"(?:[Pp]lease\s+)?(?:(?P<every>(?i:everyone|everybody))|"
    + GROUP_PHRASE
    + r")\s+"
    + _REQUEST_VERBS
    + r"\s+"
    r"(?P<task>(?!(?:also\s+)?(?:be|not|see|notice|observe|experience|benefit|receive|feel|know|"
    r"appear|remain|become|get)\b)[a-z][\w-]*\b.*)$"
)
# "Please all site admins check ...": a polite imperative addressed to a group
_PLEASE_GROUP = re.compile(
    r"^[Pp]lease\s+" + GROUP_PHRASE + r"\s+(?P<task>(?!be\b|note\b)[a-z]{3,}\b.*)$"
)
# The words a request needs, grouped by first letter: the engine tries the alternatives one by one
# at every word, so grouping them finds the same words in a little more than half the time
# (asked, requested, required, reminded, expected, urged, should, must, need(s), have, has, to).
_CHEAP = re.compile(
    r"\b(?:a(?:sked)|r(?:equested|equired|eminded)|e(?:xpected)|u(?:rged)|s(?:hould)|m(?:ust)"
    r"|n(?:eeds?)|h(?:ave|as)|to)\s",
)
_LEADING = re.compile(r"^(?i:(?:the|remaining|other|those|any)\s+)+")
_ALL_OF = re.compile(r"^(?i:all\s+(?:the\s+)?|each\s+|every\s+)")
_TIER = re.compile(r"^(?i:t(?:ier)?-?([0-3])s?(?:\s+sites?)?)$")
_BARE_WORDS = frozenset({"site", "experiment", "user", "admin", "member", "partner", "group"})
# Plural nouns that a sentence may open with and that do not name the people to act
_NOT_GROUPS = frozenset(
    "these those other some many most few both it we they this that there our their its"
    " i you he she what which".split()
)


@dataclass(frozen=True, slots=True)
class GroupRequest:
    """A request to a group: the group as written (no leading article) and the task."""

    who: str
    task: str


def group_request(clause: str) -> GroupRequest | None:
    """The group and the task of a request addressed to a group of people, if the clause is one.

    >>> group_request("Tier-1s are asked to check the tape endpoints by Friday")
    GroupRequest(who='Tier-1s', task='check the tape endpoints by Friday')
    >>> group_request("Sites running dCache 8 should upgrade before the summer").who
    'Sites running dCache 8'
    >>> group_request("Users should be able to log in") is None
    True
    """
    if clause.startswith(("Please ", "please ")):
        polite = _PLEASE_GROUP.match(clause)
        if polite and (who := polite["who"].strip()) and group_name(who):
            return GroupRequest(who=who, task=polite["task"].rstrip())
    if not _CHEAP.search(clause):
        return None
    match = GROUP_REQUEST.match(clause)
    if match is None:
        return None
    if match["every"]:
        return GroupRequest(who=match["every"], task=match["task"].rstrip())
    who = _LEADING.sub("", match["who"]).strip()
    if not who or who.split()[0].lower() in _NOT_GROUPS:
        return None
    if match["verb"] == "to" and " " not in who and not who[:1].isupper():
        return None  # "... the list of sites to check": a noun phrase, not a request
    return GroupRequest(who=who, task=match["task"].rstrip())


@functools.lru_cache(maxsize=1024)
def group_name(written: str) -> str | None:
    """The group a plural names, in one spelling, or None when the words name no group.

    "Tier-1s", "all T1s" and "Tier-1 sites" are "Tier-1 sites"; a bare plural is everyone of
    that kind ("Sites", "all sites" -> "all sites"; "each experiment" -> "all experiments"); a
    qualified plural keeps its qualifier ("Sites running X" -> "sites running X").
    """
    text = " ".join(written.split()).strip(" .:,;")
    if not text or not re.fullmatch(GROUP_PHRASE, text):
        return None
    text = _LEADING.sub("", text)
    every = _ALL_OF.match(text)
    body = text[every.end() :] if every else text
    tier = _TIER.match(body)
    if tier:
        return f"Tier-{tier.group(1)} sites"
    words = body.split()
    if not words or words[0].lower() in _NOT_GROUPS:
        return None
    if len(words) == 1:
        noun = words[0]
        if noun.lower() in _BARE_WORDS:
            if not every:
                return None  # "site" alone is no group; "each site" is
            noun += "s"
        if noun.lower() in _BARE_WORDS or not re.fullmatch(
            r"(?i:" + _GROUP_NOUNS + r")|" + _ACRONYM_PLURAL, noun
        ):
            return None
        shown = noun if noun[:2].isupper() else noun.lower()
        return f"all {shown}"
    return " ".join(_common_lower(words))


_NOUN = re.compile(r"(?i:" + _GROUP_NOUNS + r")")
_ACRONYM_NOUN = re.compile(_ACRONYM_PLURAL)


def _common_lower(words: list[str]) -> list[str]:
    """Lower-case the common words of a group phrase up to its noun ("Resource Centres still
    on EL7" -> "resource centres still on EL7"); names and acronyms keep their case."""
    out: list[str] = []
    for at, word in enumerate(words):
        tier = _TIER.match(word)
        noun = bool(_NOUN.fullmatch(word)) or bool(_ACRONYM_NOUN.fullmatch(word))
        if tier:
            out.append(f"Tier-{tier.group(1)}")
        elif word[1:].islower() and (noun or at == 0):
            out.append(word.lower())
        else:
            out.append(word)
        if noun:
            return out + words[at + 1 :]
    return out


_GROUP_LABEL = re.compile(
    r"^(?:(?P<every>(?i:all|everyone|everybody))|" + GROUP_PHRASE + r")\s*:\s+(?P<rest>\S.*)$"
)


def group_label(text: str) -> GroupRequest | None:
    """An item opened by the group it is for: "all DCs: fill in the table", "all: send ...".

    >>> group_label("all T2s: publish the new benchmark values")
    GroupRequest(who='all T2s', task='publish the new benchmark values')
    """
    if ":" not in text[:80]:
        return None
    match = _GROUP_LABEL.match(text)
    if match is None:
        return None
    who = match["every"] or match["who"]
    if not match["every"] and group_name(who) is None:
        return None
    return GroupRequest(who=who.strip(), task=match["rest"].rstrip())
