"""The hourly relink: every open action looked at again for the checks its text points at.

Usage: python -m benchmarks.relink [--sizes 1000,10000,100000] [--extra-sites N] [--runs N]
       [--edited FRACTION]
Loads the example endpoints file (``data/endpoints.toml``; ``--extra-sites`` adds copies of its
checks under invented sites, for a larger collaboration), seeds open actions on SQLite whose
texts mix everyday minutes words with site names, aliases and check words (about one in five
points at a check, some with plurals and spelling variants), owned by people of those sites,
and times with ``time.process_time`` (CPU, what a busy shared machine does not distort):

- ``match``: one ``CheckMatcher`` over every text (no database),
- ``first``: the first round of ``Relinker.tick`` (every open action, links made),
- ``full``: every open action looked at again (``LiveStatus.autolink()``, what the hourly pass
  cost before it read only the changed actions),
- ``hourly``: the hourly round of ``Relinker.tick`` after ``--edited`` of the actions (1 % by
  default) had their text changed within the hour.

Prints medians per size, the links the first pass made and those the hourly passes made
(the edited texts name a check). Printed, not asserted.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from prometheus_client import CollectorRegistry
from sqlalchemy import update

from benchmarks.cli_args import add_runs, add_sizes, runs_of, sizes_of
from benchmarks.reminders import NOW, seed
from wp2bot.adapters.endpoints_config import load_endpoints
from wp2bot.adapters.storage import Store
from wp2bot.adapters.storage.tables import ActionRow
from wp2bot.clock import FrozenClock
from wp2bot.domain.health import EndpointsConfig
from wp2bot.domain.linking import CheckMatcher
from wp2bot.domain.models import Roster, RosterPerson
from wp2bot.domain.reminders import RosterIndex
from wp2bot.part_builders import build_live_status
from wp2bot.services.relinking import RELINK_ALL

ROOT = Path(__file__).resolve().parents[1]
OWNERS = 500
FILLER = (
    "update the documentation follow up with admins about migration plan token configuration "
    "renewal deployment upgrade review draft send minutes agenda workshop slides report "
    "numbers accounting pledges tickets downtime announce contact experiment operations "
    "procedure test campaign results summary circulate proposal schedule meeting next week "
    "before end of month investigate failures reproduce issue share logs ask vendor"
).split()
VARIANTS = ("perfsonars", "dcache's", "storm-webdav", "xrootd", "webdav", "third-party",
            "transfers", "dashboards", "endpoint", "alerts", "monitoring")  # fmt: skip


def with_extra_sites(config: EndpointsConfig, extra: int) -> EndpointsConfig:
    """The example checks, and a copy of them under each of ``extra`` invented sites."""
    checks = list(config.checks)
    aliases = dict(config.site_aliases)
    for n in range(extra):
        site = f"SITE{n:02d}"
        aliases[site] = (f"Town{n:02d}", f"{site}-T2")
        checks += [replace(c, id=f"{site}/{c.name}", site=site) for c in config.checks]
    return replace(config, checks=tuple(checks), site_aliases=aliases)


def texts(config: EndpointsConfig, size: int, rng: random.Random) -> list[str]:
    """Action texts: filler words, and for about one in five a site and a check word."""
    sites = sorted({c.site for c in config.checks})
    site_words = sites + [a for s in sites for a in config.site_aliases.get(s, ())]
    check_words = [w for c in config.checks for w in (c.name, *c.aliases)] + list(VARIANTS)
    out = []
    for _ in range(size):
        words = rng.sample(FILLER, rng.randint(5, 12))
        if rng.random() < 0.2:
            words.insert(rng.randrange(len(words)), rng.choice(check_words))
            if rng.random() < 0.6:
                words.insert(rng.randrange(len(words)), rng.choice(site_words))
        out.append(" ".join(words).capitalize())
    return out


def seeded(url: str, config: EndpointsConfig, size: int) -> tuple[Store, list[str], Roster]:
    """A database of ``size`` open actions with the generated texts, and the roster."""
    rng = random.Random(11)
    store = Store.open(url)
    seed(store, size, OWNERS, rng)
    written = texts(config, size, rng)
    with store.session() as s:
        s.execute(update(ActionRow), [{"id": i + 1, "text": t} for i, t in enumerate(written)])
    homes = [*sorted({c.site for c in config.checks}), "Hamburg", "CNAF", "GridKa"]
    people = tuple(
        RosterPerson(f"Person {i:03d}", username=f"user{i:03d}", site=homes[i % len(homes)])
        for i in range(OWNERS)
    )
    return store, written, Roster(people=people)


def edit_some(
    store: Store, written: list[str], fraction: float, rng: random.Random, at: int
) -> None:
    """Change the text of ``fraction`` of the actions, stamped ``at`` minutes after NOW."""
    ids = rng.sample(range(1, len(written) + 1), max(1, int(len(written) * fraction)))
    stamp = NOW + timedelta(minutes=at)
    with store.session() as s:
        s.execute(
            update(ActionRow),
            [{"id": i, "text": written[i - 1] + " and the perfSONAR mesh", "updated_at": stamp}
             for i in ids],
        )  # fmt: skip


def run_size(
    config: EndpointsConfig, size: int, runs: int, edited: float
) -> tuple[dict[str, float], list[int]]:
    """Median CPU seconds of matching, the first, a full and an hourly pass; the links the
    first pass and the hourly passes made."""
    with tempfile.TemporaryDirectory() as tmp:
        store, written, roster = seeded(f"sqlite:///{Path(tmp) / 'relink.db'}", config, size)
        try:
            index = RosterIndex(roster)
            homes = [[p.site or ""] for p in roster.people]
            match = []
            for _ in range(runs):
                matcher = CheckMatcher(config.checks, config.site_aliases)
                started = time.process_time()
                for i, text in enumerate(written):
                    matcher.link(text, homes[i % OWNERS])
                match.append(time.process_time() - started)
            live = build_live_status(
                store, config, FrozenClock(NOW), chat=None, index=index,
                registry=CollectorRegistry(),
            )  # fmt: skip
            started = time.process_time()
            made = [live.relinker.tick(NOW), 0]
            first = time.process_time() - started
            full, hourly = [], []
            rng = random.Random(5)
            for n in range(1, runs + 1):
                started = time.process_time()
                live.autolink()
                full.append(time.process_time() - started)
                edit_some(store, written, edited, rng, at=n * 60 - 30)
                started = time.process_time()
                made[1] += live.relinker.tick(NOW + n * RELINK_ALL)
                hourly.append(time.process_time() - started)
        finally:
            store.close()
    medians = {"match": statistics.median(match), "first": first}
    return medians | {"full": statistics.median(full), "hourly": statistics.median(hourly)}, made


def main(argv: Sequence[str] | None = None) -> int:
    """Run the sizes and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_sizes(parser)
    parser.add_argument("--extra-sites", type=int, default=0)
    add_runs(parser)
    parser.add_argument("--edited", type=float, default=0.01, help="share edited per hour")
    args = parser.parse_args(argv)
    config = with_extra_sites(load_endpoints(ROOT / "data" / "endpoints.toml"), args.extra_sites)
    sizes = sizes_of(args)
    print(f"{len(config.checks)} checks over {len({c.site for c in config.checks})} sites")
    names = ("match", "first", "full", "hourly")
    head = " ".join(f"{n + ' cpu':>11}" for n in names)
    print(f"{'actions':>8} {head} {'links':>7} {'relinked':>9}")
    for size in sizes:
        found, made = run_size(config, size, runs_of(args), args.edited)
        cells = " ".join(f"{found[n]:>10.2f}s" for n in names)
        print(f"{size:>8} {cells} {made[0]:>7} {made[1]:>9}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
