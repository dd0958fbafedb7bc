"""Chat latency of every command of the table at 1k, 10k and 100k actions, SQLite and PostgreSQL.

Usage: python -m benchmarks.chat [--sizes 1000,10000,100000] [--rounds 15] [--sweeps 12]
                                 [--databases sqlite,postgresql] [--only actions,show] [--echo]
Runs the real bot (websocket, REST through the driver, worker threads) against the loopback
fake Mattermost. Each size is seeded once in bulk (``benchmarks/chat_seed.py``: actions, owners,
history, notes, people, 50 per 1,000 actions; checks of 40 sites with links and results; an open
round-table that asked alice) and reused by every command; commands that change an item take a
fresh item each round, and the round-table's live mode is started, moved, noted and ended in
each round. A round trip is from the request's post to the last post of the reply (replies with
several posts, like ``review``, are waited for in full). PostgreSQL is started the way the tests
start it (``scripts/servers/postgres-start.sh``) and skipped with a reason when its binaries are
missing. Prints p50/p99 per command and size, the dispatch's CPU, and the ratio of the CPU p50
at the largest size to the smallest. Targets (printed, not asserted): p99 < 100 ms at 100k and
a ratio <= 1.5, except where the answer itself grows. ``search`` is timed with ``--search``
(the index is built first, which takes minutes at 100k; ``benchmarks/search.py`` times it alone).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # the fake server lives in tests/, beside the package
    sys.path.insert(0, str(REPO))

from benchmarks.chat_seed import (  # noqa: E402
    LINKED,
    SITES,
    SWEEPS,
    Seeded,
    dispatcher,
    seed,
)
from benchmarks.cli_args import add_sizes, sizes_of  # noqa: E402
from tests.fakes.mattermost.dispatcher import RecordingDispatcher  # noqa: E402
from tests.fakes.mattermost.fixtures import running_world, start_bot  # noqa: E402
from tests.support.postgres import benchmark_cluster  # noqa: E402
from wp2bot.adapters.storage import Store  # noqa: E402
from wp2bot.adapters.storage.search_store import SearchStore  # noqa: E402
from wp2bot.chat import Dispatcher, Reply, Request  # noqa: E402
from wp2bot.runtime import freeze_startup_heap  # noqa: E402
from wp2bot.services.search import SearchService  # noqa: E402

CPU = " (cpu)"  # the label suffix of a command's CPU times


def pick(items: list[int], slot: int, n: int, slots: int = 11) -> int:
    """Round ``n``'s item of ``slot``: slots take disjoint items while there are enough."""
    return items[(slot + slots * n) % len(items)]


def command_makers(made: Seeded) -> dict[str, Callable[[int], str]]:
    """Each command of the table (and the filters of ``actions``), for round ``n``."""
    a, o, d, p = made.alice, made.other, made.done, made.proposed
    unknown = f"@nobody{made.people + 1}"
    linked = [i for i in o if i % 10 == 5]  # those ``seed`` linked to a check
    return {
        "help": lambda n: "help",
        "help done": lambda n: "help done",
        "actions": lambda n: "actions",
        "actions mine": lambda n: "actions mine",
        "actions @user": lambda n: f"actions @person{1 + n % (made.people - 1):04d}",
        "actions site": lambda n: f"actions site SITE{n % SITES:02d}",
        "actions overdue": lambda n: "actions overdue",
        "actions due-soon": lambda n: "actions due-soon",
        "actions all": lambda n: "actions all",
        "show": lambda n: f"show {pick(o, 0, n)}",
        "history": lambda n: f"history {pick(o, 1, n)}",
        "done": lambda n: f"done {pick(o, 2, n)} finished",
        "reopen": lambda n: f"reopen {pick(d, 0, n, 1)}",
        "assign": lambda n: f"assign {pick(o, 3, n)} @person{1 + n:04d}",
        "assign @unknown": lambda n: f"assign {pick(o, 4, n)} {unknown}",
        "due": lambda n: f"due {pick(o, 5, n)} next friday",
        "snooze": lambda n: f"snooze {pick(o, 6, n)} 1w",
        "note": lambda n: f"note {pick(o, 7, n)} waiting for the vendor",
        "add": lambda n: f"add Update the storage report {n} @alice due end of month",
        "notmine": lambda n: f"notmine {pick(a, 0, n, 2)}",
        "search": lambda n: f"search transfers site SITE{n % SITES:02d}",
        "board": lambda n: "board",
        "review": lambda n: "review",
        "accept": lambda n: f"accept {pick(p, 0, n, 3)}",
        "edit": lambda n: f"edit {pick(o, 8, n)} text Renew the host certificates",
        "reject": lambda n: f"reject {pick(p, 1, n, 3)} just a remark",
        "merge": lambda n: f"merge {pick(p, 2, n, 3)} {pick(o, 9, n)}",
        "link": lambda n: f"link {pick(o, 10, n)} SITE01/{LINKED}",
        "unlink": lambda n: f"unlink {pick(o, 10, n)} SITE01/{LINKED}",
        "status": lambda n: "status",
        "status site": lambda n: f"status SITE{n % SITES:02d}",
        "status check": lambda n: f"status SITE{n % SITES:02d}/dcache-davs",
        "status N": lambda n: f"status {pick(linked, 0, n)}",
        "reminders": lambda n: "reminders",
        "mute": lambda n: f"mute {pick(a, 1, n, 2)}",
        "unmute": lambda n: f"unmute {pick(a, 1, n, 2)}",
        "away": lambda n: "away 2025-04-01..2025-04-10",
        "timezone": lambda n: "timezone Europe/Berlin",
        "downtime": lambda n: "downtime",
        "roundtable start": lambda n: "roundtable start",
        "roundtable next": lambda n: "roundtable next",
        "roundtable note": lambda n: "roundtable note upgrade done",
        "roundtable end": lambda n: "roundtable end",
        "answer": lambda n: "answer all pools upgraded",
    }


class CountingDispatcher:
    """The real dispatcher, remembering how many posts its last reply makes."""

    def __init__(self, inner: Dispatcher) -> None:
        self.inner = inner
        self.posts = 0
        self.cpu = 0.0  # ms of CPU the last dispatch took on its thread (the database's aside)

    def dispatch(self, request: Request) -> Reply:
        """Dispatch and count the reply's posts (itself and every extra, recursively)."""
        started = time.thread_time()
        reply = self.inner.dispatch(request)
        self.cpu = (time.thread_time() - started) * 1000
        self.posts = _posts(reply)
        return reply


def _posts(reply: Reply) -> int:
    return 1 + sum(_posts(r) for r in reply.extra)


async def measure(
    dispatcher: CountingDispatcher, commands: list[tuple[str, str]]
) -> dict[str, list[float]]:
    """Round-trip times in ms per label, one command at a time (post, then every reply post)."""
    timings: dict[str, list[float]] = {}
    async with running_world() as world:
        running = await start_bot(world, dispatcher)
        channel = world.channel["id"]
        world.fake.allow_ephemeral(world.bot["id"])  # private answers stay in the channel
        state = world.fake.state
        for label, command in commands:
            before = len(state.posts) + len(state.ephemerals)
            dispatcher.posts = -1
            started = time.perf_counter()
            world.fake.post_as(world.alice["id"], channel, f"@wp2bot {command}")
            # The request adds one post; the reply adds as many as the dispatcher made.
            while dispatcher.posts < 0 or (
                len(state.posts) + len(state.ephemerals) < before + 1 + dispatcher.posts
            ):
                await asyncio.sleep(0.0005)
            wall = (time.perf_counter() - started) * 1000
            timings.setdefault(label, []).append(wall)
            timings.setdefault(label + CPU, []).append(dispatcher.cpu)
        await running.stop()
    return timings


def percentile(values: list[float], q: int) -> float:
    """The q-th percentile (the largest value for small samples at q=99)."""
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(sorted(values), n=100, method="inclusive")[q - 1]


def postgres() -> AbstractContextManager[str | None]:
    """A throw-away PostgreSQL server (as the tests start one); None when it cannot run."""
    return benchmark_cluster("wp2bot-pg-bench-")


def fresh_url(database: str, tmp: Path, server: str | None) -> str | None:
    """A new empty database of kind ``database``."""
    if database == "sqlite":
        return f"sqlite:///{tmp / f'chat-{uuid.uuid4().hex[:8]}.db'}"
    if server is None:
        return None
    import psycopg  # noqa: PLC0415 - only a PostgreSQL run needs the driver

    name = "bench_" + uuid.uuid4().hex[:10]
    admin = server.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return server.rsplit("/", 1)[0] + "/" + name


def run_size(
    url: str, size: int, rounds: int, only: set[str], search: bool, sweeps: int
) -> dict[str, list[float]]:
    """Seed one database of ``size`` actions and time every command ``rounds`` times."""
    store = Store.open(url)
    try:
        started = time.perf_counter()
        made = seed(store, size, max(50, size // 20), sweeps)
        index = SearchStore(store.engine)
        if search:
            index.sync()  # the search index catches up once, as the running bot's does
        took = time.perf_counter() - started
        print(f"  seeded {size} actions, {made.people} people, indexed in {took:.1f} s")
        inner = dispatcher(store, made, SearchService(index) if search else None)
        makers = {
            k: v
            for k, v in command_makers(made).items()
            if (not only or k in only) and (search or k != "search")
        }
        # one warm-up round, then the rounds, the commands interleaved
        plan = [(k, make(0)) for k, make in makers.items()]
        plan += [(k, make(n)) for n in range(1, rounds + 1) for k, make in makers.items()]
        freeze_startup_heap()  # as ``wp2bot run`` does once everything is wired
        timings = asyncio.run(measure(CountingDispatcher(inner), plan))
        return {k: v[1:] for k, v in timings.items()}
    finally:
        gc.unfreeze()  # the next size's world is frozen afresh; this one may be collected
        store.close()


def report(results: dict[int, dict[str, list[float]]], database: str) -> None:
    """One row per command: p50/p99 per size and the ratio largest/smallest (p50)."""
    sizes = sorted(results)
    labels = [k for k in results[sizes[0]] if not k.endswith(CPU)]
    head = "".join(f" {f'{s // 1000}k p50':>9} {'p99':>7} {'cpu':>6}" for s in sizes)
    print(
        f"\n{database}: round trips in ms (p50, p99) and the dispatch's CPU on its thread (p50);"
        f" ratio = CPU p50 at {sizes[-1] // 1000}k / {sizes[0] // 1000}k"
        f"\n{'command':<18}{head} {'ratio':>6}  target"
    )
    misses = 0
    for label in labels:
        cells, cpus, p99 = "", [], 0.0
        for s in sizes:
            values = results[s][label]
            cpus.append(percentile(results[s][label + CPU], 50))
            p99 = percentile(values, 99)
            cells += f" {percentile(values, 50):>9.1f} {p99:>7.1f} {cpus[-1]:>6.1f}"
        ratio = cpus[-1] / max(cpus[0], 0.5)
        met = p99 < 100 and (len(sizes) == 1 or ratio <= 1.5)
        misses += not met
        print(f"{label:<18}{cells} {ratio:>6.2f}  {'met' if met else 'NOT met'}")
    print(f"{len(labels) - misses} of {len(labels)} commands meet p99 < 100 ms and ratio <= 1.5")


def main() -> int:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_sizes(parser)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--only", default="", help="comma-separated command labels")
    parser.add_argument(
        "--search",
        action="store_true",
        help="time `search` too (indexing 100k actions first takes minutes; benchmarks/search.py "
        "times search at that size on its own)",
    )
    parser.add_argument(
        "--sweeps",
        type=int,
        default=SWEEPS,
        help=f"probe results kept per check, 5 minutes apart ({SWEEPS}: the last hour; the "
        "bot keeps 30 days, 8,640 at the default interval)",
    )
    parser.add_argument("--echo", action="store_true", help="trivial dispatcher: transport only")
    args = parser.parse_args()
    if args.echo:
        plan = [("echo", f"card {n}") for n in range(args.rounds * 20)]
        timings = asyncio.run(measure(CountingDispatcher(RecordingDispatcher()), plan))["echo"]
        print(f"echo: p50 {percentile(timings, 50):.1f} ms  p99 {percentile(timings, 99):.1f} ms")
        return 0
    sizes = sizes_of(args)
    only = {x.strip() for x in args.only.split(",") if x.strip()}
    databases = [x.strip() for x in args.databases.split(",") if x.strip()]
    pg = postgres() if "postgresql" in databases else nullcontext(None)
    with tempfile.TemporaryDirectory() as tmp, pg as server:
        for database in databases:
            results: dict[int, dict[str, list[float]]] = {}
            for size in sizes:
                url = fresh_url(database, Path(tmp), server)
                if url is None:
                    break
                print(f"{database} {size}:")
                results[size] = run_size(url, size, args.rounds, only, args.search, args.sweeps)
            if results:
                report(results, database)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
