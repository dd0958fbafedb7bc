"""Which sites and checks an action's text is about: fuzzy matching of sites and check names.

``CheckMatcher`` holds one check set with what every text is compared against worked out once
(each check's words, the sites' names, which configured word a text's word matches, remembered
per word); ``link_checks`` and ``mentioned_sites`` are its answers for one text.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence

from rapidfuzz import fuzz

from wp2bot.domain.health import CheckKind, CheckSpec

_WORD = re.compile(r"[a-z0-9]+")
# words too common in check names to say which check is meant on their own
_STOP = frozenset({"the", "at", "of", "and", "for", "to", "in", "on", "a", "an", "test", "check"})
# words people use for a kind of check besides its configured name
_KIND_WORDS: Mapping[CheckKind, tuple[str, ...]] = {
    CheckKind.STORAGE: ("storage", "endpoint", "se"),
    CheckKind.TPC: ("tpc", "transfer", "transfers", "copy"),
    CheckKind.HTTP: ("web", "portal"),
    CheckKind.TCP: ("network", "port"),
    CheckKind.PROMETHEUS_QUERY: ("prometheus", "monitoring", "metric"),
    CheckKind.PROMETHEUS_ALERTS: ("prometheus", "alert", "alerts", "alarm"),
    CheckKind.GRAFANA: ("grafana", "dashboard"),
}
FUZZY_MIN_LEN = 5  # shorter words (GSI, EOS, DESY) must match exactly: fuzz finds them anywhere
FUZZY_SCORE = 85.0


def _words(text: str) -> list[str]:
    """Lower-case alphanumeric words."""
    return _WORD.findall(text.casefold())


WORDS_REMEMBERED = 20_000  # text words whose matching terms a matcher keeps (then starts over)
_NOTHING: frozenset[str] = frozenset()


def _pair_matches(term: str, word: str) -> bool:
    """True when ``word`` is ``term``, or close to it when the term is long enough."""
    if term == word:
        return True
    if len(term) < FUZZY_MIN_LEN:
        return False
    # plurals and spelling variants: "perfsonars", "dcache's", "storm-webdav"
    return (len(word) >= FUZZY_MIN_LEN - 1 and fuzz.ratio(term, word) >= FUZZY_SCORE) or (
        word.startswith(term)
    )


def _check_terms(check: CheckSpec) -> frozenset[str]:
    """The words that identify a check: its name, aliases, protocol and kind words."""
    terms = set(_words(check.name))
    for alias in check.aliases:
        terms.update(_words(alias))
    if check.protocol:
        terms.add(check.protocol.casefold())
    terms.update(_KIND_WORDS.get(check.kind, ()))
    return frozenset(terms - _STOP)


def check_set_version(
    checks: Sequence[CheckSpec], site_aliases: Mapping[str, Sequence[str]]
) -> str:
    """A digest of what linking reads of a check set: the same digest, the same links."""
    linked = [(c.id, c.site, c.name, c.kind.value, c.protocol, list(c.aliases)) for c in checks]
    aliases = [(site, list(names)) for site, names in site_aliases.items()]
    return hashlib.sha256(repr((linked, aliases)).encode()).hexdigest()[:16]


class CheckMatcher:
    """One check set, ready to be matched against many texts (see ``link``)."""

    def __init__(
        self, checks: Sequence[CheckSpec], site_aliases: Mapping[str, Sequence[str]]
    ) -> None:
        self.version = check_set_version(checks, site_aliases)
        self.sites = list(dict.fromkeys([c.site for c in checks] + list(site_aliases)))
        self._names = {s: [_words(n) for n in (s, *site_aliases.get(s, ()))] for s in self.sites}
        self._canonical: dict[str, str] = {}
        for site in self.sites:
            self._canonical.setdefault(site.casefold(), site)
            for alias in site_aliases.get(site, ()):
                self._canonical.setdefault(alias.casefold(), site)
        self._checks = [(c, c.site.casefold(), _check_terms(c)) for c in checks]
        single = {parts[0] for names in self._names.values() for parts in names if len(parts) == 1}
        self._terms = sorted(single.union(*(terms for *_, terms in self._checks)))
        self._hits: dict[str, frozenset[str]] = {}

    def _terms_of(self, word: str) -> frozenset[str]:
        """The configured terms (check words, one-word site names) that ``word`` matches."""
        found = self._hits.get(word)
        if found is None:
            if len(self._hits) >= WORDS_REMEMBERED:
                self._hits.clear()
            found = frozenset(t for t in self._terms if _pair_matches(t, word)) or _NOTHING
            self._hits[word] = found
        return found

    @staticmethod
    def _named(parts: Sequence[str], present: frozenset[str], joined: str) -> bool:
        """True when every word of a (possibly multi-word) name occurs in the text, in order
        (``present``: the one-word terms its words match; ``joined``: its words)."""
        if not parts:
            return False
        if len(parts) == 1:
            return parts[0] in present
        name = " ".join(parts)
        return name in joined or fuzz.partial_ratio(name, joined, score_cutoff=95.0) >= 95.0

    def mentioned_sites(self, text: str) -> list[str]:
        """The sites (canonical names) that the text names, directly or by an alias."""
        words = _words(text)
        present = _NOTHING.union(*(self._terms_of(w) for w in set(words)))
        joined = " ".join(words)
        names = self._names
        return [s for s in self.sites if any(self._named(p, present, joined) for p in names[s])]

    def link(self, text: str, owner_sites: Sequence[str]) -> list[str]:
        """The ids of the checks an action is about (see ``link_checks``)."""
        named = self.mentioned_sites(text)
        scope = named or [self._canonical.get(s.casefold(), s) for s in owner_sites]
        scope_keys = {s.casefold() for s in scope}
        # the text's words that match some term, each with the terms it matches
        found = [(w, t) for w in set(_words(text)) - _STOP if (t := self._terms_of(w))]
        hits: dict[str, frozenset[str]] = {}
        for check, site_key, terms in self._checks if found else ():
            if scope_keys and site_key not in scope_keys:
                continue
            matched = frozenset(w for w, t in found if not t.isdisjoint(terms))
            if matched and check.id not in hits:
                hits[check.id] = matched
        # "dCache tape" names the tape endpoint, not every dCache one: drop a check whose
        # matched words are a strict subset of another's
        return [cid for cid, m in hits.items() if not any(m < other for other in hits.values())]


def mentioned_sites(
    text: str, sites: Sequence[str], site_aliases: Mapping[str, Sequence[str]]
) -> list[str]:
    """The sites (canonical names) that the text names, directly or by an alias."""
    found = CheckMatcher((), {s: site_aliases.get(s, ()) for s in sites}).mentioned_sites(text)
    return found


def link_checks(
    text: str,
    owner_sites: Sequence[str],
    checks: Sequence[CheckSpec],
    site_aliases: Mapping[str, Sequence[str]],
) -> list[str]:
    """The ids of the checks an action is about.

    Sites named in the text win; otherwise the owners' sites are assumed. Among those sites'
    checks, the ones whose name, alias, protocol or kind word occurs in the text are linked
    ("PerfSONAR machines at GSI" -> GSI's perfSONAR check). A text naming a site but no
    check links nothing: guessing would attach every endpoint of the site to vague actions.
    A check whose matched words are a strict subset of another's is dropped ("dCache tape"
    links the tape endpoint, not every dCache one). Many texts against one check set: use a
    ``CheckMatcher``.
    """
    return CheckMatcher(checks, site_aliases).link(text, owner_sites)
