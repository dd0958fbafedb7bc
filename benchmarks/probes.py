"""Probe sweep benchmark: 200 storage endpoints on loopback, 50 of which never answer.

150 local servers speak a minimal WebDAV dialect and answer at once; 50 accept connections
and never reply. One concurrent sweep should take about one probe timeout, not fifty.
Prints the wall time as a multiple of the timeout (target <= 1.3); asserts nothing.
The timeout must exceed the client-side CPU time of the answering probes (about 25 ms of
httpx work each here, so about 4 s for 150 on one core), or those time out as well.

    .venv/bin/python benchmarks/probes.py [--timeout S] [--answering N] [--holes N]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.integration.servers import BlackHole, MiniDav
from wp2bot.adapters.probes.registry import ProbeRunner, storage_spec
from wp2bot.clock import SystemClock
from wp2bot.domain.health import ProbeResult
from wp2bot.services.monitoring import Monitor


class _Store:
    def __init__(self) -> None:
        self.rows: list[ProbeResult] = []

    def add(self, results: Sequence[ProbeResult], messages: Sequence[object] = ()) -> None:
        assert not messages, "the benchmark passes no announce"
        self.rows.extend(results)

    def history(self, check_id: str, since: dt.datetime) -> list[ProbeResult]:
        return [r for r in self.rows if r.check_id == check_id and r.at >= since]


async def serve(answering: int, holes: int) -> None:
    """Child process: start the servers, print their URLs as one JSON line, run until stdin closes.

    The servers live in their own process, as real endpoints do: sharing the prober's event
    loop would charge their work to the sweep.
    """
    davs = [await MiniDav().start() for _ in range(answering)]
    black = [await BlackHole().start() for _ in range(holes)]
    print(json.dumps({"answering": [d.url for d in davs], "holes": [h.url for h in black]}))
    sys.stdout.flush()
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)


async def sweep(timeout: float, answering: int, holes: int) -> None:
    """Start the servers in a child process, sweep them once, print the figures."""
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        __file__,
        "--serve",
        f"--answering={answering}",
        f"--holes={holes}",
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
    )
    assert child.stdout is not None
    assert child.stdin is not None
    urls = json.loads(await child.stdout.readline())
    checks = [storage_spec(u, None, timeout, f"dav{i}") for i, u in enumerate(urls["answering"])]
    checks += [storage_spec(u, None, timeout, f"hole{i}") for i, u in enumerate(urls["holes"])]
    clock = SystemClock()
    monitor = Monitor(ProbeRunner(clock), _Store(), clock)
    try:
        t0 = time.perf_counter()
        report = await monitor.sweep(checks)
        wall = time.perf_counter() - t0
    finally:
        child.stdin.close()
        await child.wait()
    passed = sum(r.ok for r in report.results)
    timed_out = sum(1 for r in report.results if "timed out" in (r.error or ""))
    other = len(checks) - passed - timed_out
    print(f"endpoints: {len(checks)} ({answering} answering, {holes} never answering)")
    print(f"passed: {passed}, timed out: {timed_out}, other failures: {other}")
    print(f"probe timeout: {timeout:g} s, sweep wall time: {wall:.2f} s")
    print(f"wall time / timeout: {wall / timeout:.2f} (target <= 1.3; sequential would be {holes})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--answering", type=int, default=150)
    parser.add_argument("--holes", type=int, default=50)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        asyncio.run(serve(args.answering, args.holes))
    else:
        asyncio.run(sweep(args.timeout, args.answering, args.holes))


if __name__ == "__main__":
    main()
