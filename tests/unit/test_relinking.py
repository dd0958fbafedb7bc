"""The automatic links: the first round, new actions, the hourly pass over changed actions only,
the memo of matched texts, and the matcher against the plain definition of a link."""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from prometheus_client import CollectorRegistry
from rapidfuzz import fuzz

from wp2bot.adapters.endpoints_config import load_endpoints
from wp2bot.adapters.storage import Store
from wp2bot.clock import FrozenClock
from wp2bot.domain import linking
from wp2bot.domain.health import CheckSpec, EndpointsConfig
from wp2bot.domain.linking import CheckMatcher, check_set_version
from wp2bot.domain.models import Owner, OwnerKind, Roster, RosterPerson
from wp2bot.domain.reminders import RosterIndex
from wp2bot.part_builders import build_live_status
from wp2bot.services.live_status import LiveStatus
from wp2bot.services.relinking import LOOKBACK, RELINK_ALL

ROOT = Path(__file__).resolve().parents[2]
T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
ROSTER = Roster(
    people=(
        RosterPerson("Ines Roth", username="iroth", site="GSI"),
        RosterPerson("Piet Maas", username="pmaas", site="Hamburg"),
        RosterPerson("Ola Berg", username="oberg"),
    )
)


def person(name: str) -> Owner:
    return Owner(name, name, OwnerKind.PERSON)


@pytest.fixture
def config() -> EndpointsConfig:
    return load_endpoints(ROOT / "data" / "endpoints.toml")


@pytest.fixture
def live(tmp_path: Path, config: EndpointsConfig) -> Iterator[LiveStatus]:
    store = Store.open(f"sqlite:///{tmp_path / 'relink.db'}")
    yield build_live_status(
        store, config, FrozenClock(T0), chat=None, index=RosterIndex(ROSTER),
        registry=CollectorRegistry(),
    )  # fmt: skip
    store.close()


def add(live: LiveStatus, text: str, owner: str, at: datetime = T0) -> int:
    store = live.store
    assert isinstance(store, Store)
    return store.create_action(text=text, owners=[person(owner)], at=at, who="c", via="cli").id


def edit(live: LiveStatus, action_id: int, text: str, at: datetime) -> None:
    store = live.store
    assert isinstance(store, Store)
    store.update_action(action_id, {"text": text}, at=at, who="c", via="chat")


def test_the_hourly_pass_reads_only_changed_actions_and_misses_nothing(live: LiveStatus) -> None:
    linked = add(live, "Restart the perfSONAR node", "Ines Roth")
    vague = add(live, "Circulate the agenda", "Ines Roth")
    quiet = [add(live, f"Book room {n} for the workshop", "Piet Maas") for n in range(5)]
    assert live.relinker.tick(T0) == 1  # the first round: every open action
    assert live.probes.links() == {linked: ["GSI/perfsonar"]}

    edit(live, vague, "Circulate the agenda and the perfSONAR plan", T0 + timedelta(minutes=5))
    assert live.relinker.tick(T0 + timedelta(minutes=20)) == 0  # edits wait for the hour
    new = add(
        live, "Renew the dCache tape host certificate", "Piet Maas", T0 + timedelta(minutes=30)
    )
    assert live.relinker.tick(T0 + timedelta(minutes=31)) == 1  # a new action at once
    assert live.probes.links([new]) == {new: ["DESY/dcache-tape"]}

    seen: list[str] = []
    matcher_link = live.relinker.matcher.link
    live.relinker.matcher.link = lambda text, sites: seen.append(text) or matcher_link(text, sites)  # type: ignore[method-assign]
    assert live.relinker.tick(T0 + RELINK_ALL) == 1  # the edited one: its owner's site's check
    assert "Circulate the agenda and the perfSONAR plan" in seen
    assert not any(text.startswith("Book room") for text in seen)  # unchanged: not read
    # a full pass over every open action finds nothing the incremental ones missed
    assert live.autolink() == 0
    assert set(live.probes.links()) == {linked, new, vague}
    assert all(q not in live.probes.links() for q in quiet)


def test_a_change_stamped_before_the_last_pass_is_read_again(live: LiveStatus) -> None:
    rec = add(live, "Write the minutes", "Piet Maas")
    live.relinker.tick(T0)
    live.relinker.tick(T0 + RELINK_ALL)  # the first hourly pass
    # committed after that pass, stamped just before it
    edit(
        live, rec, "Write the minutes and check the perfSONAR mesh", T0 + RELINK_ALL - LOOKBACK / 2
    )
    assert live.relinker.tick(T0 + 2 * RELINK_ALL) == 1
    assert live.probes.links([rec]) == {rec: ["DESY/perfsonar"]}


def test_a_text_and_its_owners_sites_are_matched_once(live: LiveStatus) -> None:
    for _ in range(3):
        add(live, "Look at the perfSONAR dashboards", "Ines Roth")
    add(live, "Look at the perfSONAR dashboards", "Piet Maas")  # another site: matched again
    calls: list[tuple[str, Sequence[str]]] = []
    matcher_link = live.relinker.matcher.link
    live.relinker.matcher.link = lambda text, sites: (
        calls.append((text, sites)) or matcher_link(text, sites)
    )  # type: ignore[method-assign]
    assert live.relinker.tick(T0) == 4
    assert sorted(s for _, s in calls) == [["GSI"], ["Hamburg"]]


def test_the_check_set_version_follows_what_linking_reads(config: EndpointsConfig) -> None:
    same = load_endpoints(ROOT / "data" / "endpoints.toml")
    assert check_set_version(config.checks, config.site_aliases) == check_set_version(
        same.checks, same.site_aliases
    )
    first = config.checks[0]
    renamed = (replace(first, aliases=(*first.aliases, "rucio")), *config.checks[1:])
    assert check_set_version(renamed, config.site_aliases) != check_set_version(
        config.checks, config.site_aliases
    )
    aliases = {**config.site_aliases, "GSI": ("Wixhausen",)}
    assert check_set_version(config.checks, aliases) != check_set_version(
        config.checks, config.site_aliases
    )
    # the probe's own settings do not change what a text links to
    slower = (replace(first, interval_s=first.interval_s * 2), *config.checks[1:])
    assert check_set_version(slower, config.site_aliases) == check_set_version(
        config.checks, config.site_aliases
    )


# ------------------------------------------------------- the plain definition, for comparison
def _words(text: str) -> list[str]:
    return linking._WORD.findall(text.casefold())


def _word_matches(term: str, words: Sequence[str]) -> bool:
    if term in words:
        return True
    if len(term) < linking.FUZZY_MIN_LEN:
        return False
    return any(
        len(w) >= linking.FUZZY_MIN_LEN - 1 and fuzz.ratio(term, w) >= linking.FUZZY_SCORE
        for w in words
    ) or any(w.startswith(term) for w in words)


def _name_matches(name: str, words: Sequence[str]) -> bool:
    parts = _words(name)
    if len(parts) <= 1:
        return bool(parts) and _word_matches(parts[0], words)
    joined = " ".join(words)
    return " ".join(parts) in joined or fuzz.partial_ratio(" ".join(parts), joined) >= 95.0


def plain_link(
    text: str,
    owners: Sequence[str],
    checks: Sequence[CheckSpec],
    aliases: Mapping[str, Sequence[str]],
) -> list[str]:
    """Every word of the text against every term of every check, nothing remembered."""
    sites = list(dict.fromkeys([c.site for c in checks] + list(aliases)))
    words = _words(text)
    named = [s for s in sites if any(_name_matches(n, words) for n in (s, *aliases.get(s, ())))]

    def canonical(site: str) -> str:
        key = site.casefold()
        for s in sites:
            if s.casefold() == key or any(a.casefold() == key for a in aliases.get(s, ())):
                return s
        return site

    scope = {s.casefold() for s in (named or [canonical(o) for o in owners])}
    kept = [w for w in words if w not in linking._STOP]
    hits: dict[str, frozenset[str]] = {}
    for check in checks:
        if scope and check.site.casefold() not in scope:
            continue
        terms = linking._check_terms(check)
        matched = frozenset(w for w in kept if any(_word_matches(t, [w]) for t in terms))
        if matched and check.id not in hits:
            hits[check.id] = matched
    return [cid for cid, m in hits.items() if not any(m < other for other in hits.values())]


VOCABULARY = (
    (
        "order spare disks for the pool, rerun the transfer tests, storm webdavs tokens, "
        "perfsonars mesh, dcache's tape, status page, grafana dashboards, alerts firing at "
        "night, gsi darmstadt, desy-hh, hamburg, cnaf, cern, gridka, kit, fzk-lcg2, eos quota, "
        "xrootd door, lustre, prometheus metric, network port, third-party copy, fts, endpoint "
        "certificates, geneva"
    )
    .replace(",", "")
    .split()
)


def test_the_matcher_links_exactly_what_the_plain_definition_links(config: EndpointsConfig) -> None:
    rng = random.Random(3)
    matcher = CheckMatcher(config.checks, config.site_aliases)
    owners = ["GSI", "Hamburg", "INFN-CNAF", "nowhere", ""]
    for n in range(600):
        text = " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(1, 9)))
        home = [owners[n % len(owners)]] if n % 7 else []
        expected = plain_link(text, home, config.checks, config.site_aliases)
        assert matcher.link(text, home) == expected, text


def test_automatic_links_in_one_go_keep_tombstones_and_existing_links(live: LiveStatus) -> None:
    a = add(live, "Write the minutes", "Ola Berg")
    b = add(live, "Order the coffee", "Ola Berg")
    live.probes.link(a, "GSI/web", manual=True)
    live.probes.link(b, "GSI/perfsonar", manual=False)
    live.probes.unlink(b, "GSI/perfsonar")  # by hand: never made again automatically
    pairs = [(a, "GSI/web"), (a, "DESY/perfsonar"), (b, "GSI/perfsonar"), (b, "GSI/web")]
    assert live.probes.link_automatic([*pairs, (b, "GSI/web")]) == 2
    assert live.probes.links([a, b]) == {a: ["GSI/web", "DESY/perfsonar"], b: ["GSI/web"]}
    assert live.probes.link_automatic(pairs) == 0
    assert live.probes.link_automatic([]) == 0
