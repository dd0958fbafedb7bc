"""Groups written as plurals ("Tier-1s", "all sites", "each experiment") and the requests
addressed to them ("Sites running X should ...", "NGIs are asked to ...")."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from wp2bot.domain import group_patterns as gp
from wp2bot.domain.casefold import contains_any
from wp2bot.domain.group_languages import LABEL as FOREIGN_LABEL
from wp2bot.domain.group_languages import OPENINGS as FOREIGN_OPENINGS
from wp2bot.domain.group_languages import english_group
from wp2bot.domain.pattern_rules import pattern

_RULES = gp.RULES
GROUP_REQUEST = pattern(_RULES, "group-request")
_PLEASE_GROUP = pattern(_RULES, "please-group")
_GROUP_LABEL = pattern(_RULES, "group-label")
_CHEAP = pattern(_RULES, "request-word")
_PHRASE = pattern(_RULES, "group-phrase")
_LEADING = pattern(_RULES, "leading-article")
_ALL_OF = pattern(_RULES, "every")
_TIER = pattern(_RULES, "tier")
_NOUN = pattern(_RULES, "group-noun")
_ACRONYM_NOUN = pattern(_RULES, "acronym-plural")
_COLLECTIVES = frozenset(gp.COLLECTIVE.split("|"))
# a count before the noun, and who of them is here, which name no other group than the noun
_COUNTED = re.compile(r"(?i:both|" + gp.COUNTS + r")\s+")
_PRESENT = re.compile(r"\s+(?:" + gp.PRESENCE + r")(?:\s+today)?$")
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


def may_request(text: str) -> bool:
    """Whether the text holds a word a group request needs (False: no part of it is one)."""
    return _CHEAP.search(text) is not None


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
    if text[:1] in FOREIGN_OPENINGS and (foreign := english_group(text)) is not None:
        return foreign  # "Todos los sitios", "Alle Experimente": as "all sites" is spelled
    if not text or not _PHRASE.fullmatch(text):
        return None
    text = _LEADING.sub("", text)
    every = _ALL_OF.match(text)
    body = text[every.end() :] if every else text
    if every is None and (counted := _COUNTED.match(body)):
        body = body[counted.end() :]  # "both experiments", "three sites": all that are meant
        every = counted
    body = _PRESENT.sub("", body)  # "sites present today": all the sites, of this meeting
    tier = _TIER.match(body)
    if tier:
        return f"Tier-{tier.group(1)} sites"
    words = body.split()
    if not words or words[0].lower() in _NOT_GROUPS:
        return None
    if len(words) > 1 and words[-1].lower() in _COLLECTIVES:
        return " ".join(words)  # "Controls group", "Security Team": a body, named as written
    if len(words) == 1:
        noun = words[0]
        if noun.lower() in _BARE_WORDS or (every and noun.islower() and noun[-1:] != "s"):
            if not every:
                return None  # "site" alone is no group; "each site" is
            noun += "s"  # ("each director": all directors)
        if noun.lower() in _BARE_WORDS or not (
            _NOUN.fullmatch(noun) or _ACRONYM_NOUN.fullmatch(noun)
        ):
            return None
        shown = noun if noun[:2].isupper() else noun.lower()
        return f"all {shown}"
    return " ".join(_common_lower(words))


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


def group_label(text: str) -> GroupRequest | None:
    """An item opened by the group it is for: "all DCs: fill in the table", "all: send ...",
    "All sites - report ...".

    >>> group_label("all T2s: publish the new benchmark values")
    GroupRequest(who='all T2s', task='publish the new benchmark values')
    """
    head = text[:80]
    if not contains_any(head, (":", " - ", " – ", " — ", "->", "→", "=>")):
        return None
    match = _GROUP_LABEL.match(text)
    if match is None:
        foreign = FOREIGN_LABEL.match(text) if text[:1] in FOREIGN_OPENINGS else None
        if foreign is None:
            return None
        return GroupRequest(who=foreign["who"], task=foreign["rest"].rstrip())
    who = match["every"] or match["who"]
    if not match["every"] and group_name(who) is None:
        return None
    return GroupRequest(who=who.strip(), task=match["rest"].rstrip())
