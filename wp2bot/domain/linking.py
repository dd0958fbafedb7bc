"""Which sites and checks an action's text is about: fuzzy matching of sites and check names."""

from __future__ import annotations

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


def _word_matches(term: str, words: Sequence[str]) -> bool:
    """True when ``term`` is one of ``words``, or close to one when it is long enough."""
    if term in words:
        return True
    if len(term) < FUZZY_MIN_LEN:
        return False
    # plurals and spelling variants: "perfsonars", "dcache's", "storm-webdav"
    return any(
        len(w) >= FUZZY_MIN_LEN - 1 and fuzz.ratio(term, w) >= FUZZY_SCORE for w in words
    ) or any(w.startswith(term) for w in words)


def _name_matches(name: str, words: Sequence[str]) -> bool:
    """True when every word of a (possibly multi-word) name occurs in ``words``, in order."""
    parts = _words(name)
    if not parts:
        return False
    if len(parts) == 1:
        return _word_matches(parts[0], words)
    joined = " ".join(words)
    return " ".join(parts) in joined or fuzz.partial_ratio(" ".join(parts), joined) >= 95.0


def mentioned_sites(
    text: str, sites: Sequence[str], site_aliases: Mapping[str, Sequence[str]]
) -> list[str]:
    """The sites (canonical names) that the text names, directly or by an alias."""
    words = _words(text)
    found: list[str] = []
    for site in sites:
        names = [site, *site_aliases.get(site, ())]
        if any(_name_matches(n, words) for n in names) and site not in found:
            found.append(site)
    return found


def _check_terms(check: CheckSpec) -> set[str]:
    """The words that identify a check: its name, aliases, protocol and kind words."""
    terms = set(_words(check.name))
    for alias in check.aliases:
        terms.update(_words(alias))
    if check.protocol:
        terms.add(check.protocol.casefold())
    terms.update(_KIND_WORDS.get(check.kind, ()))
    return terms - _STOP


def _canonical(site: str, sites: Sequence[str], site_aliases: Mapping[str, Sequence[str]]) -> str:
    """The configured site an owner's affiliation or site name refers to, or itself."""
    key = site.casefold()
    for s in sites:
        if s.casefold() == key or any(a.casefold() == key for a in site_aliases.get(s, ())):
            return s
    return site


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
    links the tape endpoint, not every dCache one).
    """
    sites = list(dict.fromkeys([c.site for c in checks] + list(site_aliases)))
    named = mentioned_sites(text, sites, site_aliases)
    scope = named or [_canonical(s, sites, site_aliases) for s in owner_sites]
    scope_keys = {s.casefold() for s in scope}
    words = [w for w in _words(text) if w not in _STOP]
    hits: dict[str, frozenset[str]] = {}
    for check in checks:
        if scope_keys and check.site.casefold() not in scope_keys:
            continue
        terms = _check_terms(check)
        matched = frozenset(w for w in words if any(_word_matches(t, [w]) for t in terms))
        if matched and check.id not in hits:
            hits[check.id] = matched
    # "dCache tape" names the tape endpoint, not every dCache one: drop a check whose matched
    # words are a strict subset of another's
    return [cid for cid, m in hits.items() if not any(m < other for other in hits.values())]
