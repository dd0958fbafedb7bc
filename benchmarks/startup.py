"""Start-up cost of the CLI, as multiples of ``python -c pass`` (median of several runs).

Usage: python -m benchmarks.startup [--runs N]
Prints, side by side, the wall time of ``wp2bot --help``, ``wp2bot probe --help``, commands that
open an up-to-date SQLite database (``actions``, ``db status``), and ``wp2bot probe URL`` against
a local nginx WebDAV server (scripts/servers/nginx-dav-start.sh) next to curl doing the same
stages (one curl per stage, as a shell smoke test does). Targets: --help <= 10x, a command that
opens the database <= 35x, the probe within 3x of curl. Printed, not asserted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from tests.integration.servers import parse_env

ROOT = Path(__file__).resolve().parents[1]
SERVERS = ROOT / "scripts" / "servers"


def wp2bot_argv() -> list[str]:
    """How a user runs wp2bot: the console script beside this interpreter, else ``-m wp2bot``."""
    script = Path(sys.executable).with_name("wp2bot")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "wp2bot"]


def wall(argv: Sequence[str], env: dict[str, str]) -> float:
    """Seconds one run of ``argv`` takes, output discarded; fails loudly when it fails."""
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - start


def median_of(runs: int, once: Callable[[], float]) -> float:
    """The median of ``runs`` measurements, after one warm-up run (page cache, .pyc files)."""
    once()
    return statistics.median(once() for _ in range(runs))


def medians_in_turns(
    runs: int, first: Callable[[], float], second: Callable[[], float]
) -> tuple[float, float, float]:
    """Medians of ``first`` and ``second`` run in turns, after one warm-up each, and the median
    of the ratio second/first of each turn: the drift of a shared machine falls on both runs of
    a turn alike and cancels out of that ratio."""
    first()
    second()
    pairs = [(first(), second()) for _ in range(runs)]
    return (
        statistics.median(a for a, _ in pairs),
        statistics.median(b for _, b in pairs),
        statistics.median(b / a for a, b in pairs),
    )


def curl_stages(curl: str, base: str) -> Callable[[], float]:
    """The probe's stages with one curl each: stat, cleanup, mkdir, upload, download, digest, rm."""
    payload = os.urandom(1024)

    def once() -> float:
        name = f"curl-bench-{time.monotonic_ns()}"
        with tempfile.NamedTemporaryFile() as f:
            f.write(payload)
            f.flush()
            steps = [
                ["-X", "PROPFIND", "-H", "Depth: 0", base],
                ["-X", "PROPFIND", "-H", "Depth: 1", base],
                ["-X", "MKCOL", f"{base}{name}/"],
                ["-T", f.name, f"{base}{name}/file"],
                ["-o", os.devnull, f"{base}{name}/file"],
                ["-I", "-H", "Want-Digest: adler32", f"{base}{name}/file"],
                ["-X", "DELETE", f"{base}{name}/file"],
                ["-X", "DELETE", f"{base}{name}/"],
            ]
            start = time.perf_counter()
            for step in steps:
                subprocess.run([curl, "-sS", "-o", os.devnull, *step], check=True)
            return time.perf_counter() - start

    return once


def start_nginx(state: Path) -> str | None:
    """Base URL of a fresh nginx WebDAV server, or None (with the reason printed)."""
    if shutil.which("nginx") is None or shutil.which("curl") is None:
        print("probe vs curl: skipped (nginx or curl not installed: scripts/servers/install.sh)")
        return None
    env = {**os.environ, "WP2BOT_SERVERS_DIR": str(state)}
    up = subprocess.run(
        ["bash", str(SERVERS / "nginx-dav-start.sh")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if up.returncode != 0:
        print(f"probe vs curl: skipped (nginx did not start: {up.stderr.strip()})")
        return None
    return parse_env((state / "nginx-dav.env").read_text())["NGINX_DAV_URL"] + "/"


def row(label: str, seconds: float, base: float, target: str) -> None:
    """One printed line: the time, the ratio and the target."""
    print(f"{label:34} {seconds * 1000:8.1f} ms  {seconds / base:6.1f}x   target {target}")


def main() -> int:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7, help="runs per measurement (median)")
    runs = parser.parse_args().runs
    wp2bot = wp2bot_argv()
    with tempfile.TemporaryDirectory() as tmp:
        state = Path(tmp)
        state.chmod(0o755)
        # As a user runs wp2bot: no WP2BOT_ settings of this shell, and bytecode caches written
        # (a PYTHONDONTWRITEBYTECODE of a CI shell would recompile every module on every run).
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("WP2BOT_") and k != "PYTHONDONTWRITEBYTECODE"
        }
        env["WP2BOT_DATABASE_URL"] = f"sqlite:///{tmp}/bench.db"
        subprocess.run([*wp2bot, "db", "upgrade"], env=env, check=True, capture_output=True)

        base = median_of(runs, lambda: wall([sys.executable, "-c", "pass"], env))
        print(f"{'python -c pass':34} {base * 1000:8.1f} ms     1.0x   (median of {runs})")
        for label, args, target in [
            ("wp2bot --help", ["--help"], "<= 10x"),
            ("wp2bot probe --help", ["probe", "--help"], "<= 10x"),
            ("wp2bot actions (opens the db)", ["actions"], "<= 35x"),
            ("wp2bot db status (opens the db)", ["db", "status"], "<= 35x"),
        ]:
            row(label, median_of(runs, lambda a=args: wall([*wp2bot, *a], env)), base, target)

        url = start_nginx(state)
        if url is None:
            return 0
        try:
            dav = url + "bench/"
            subprocess.run(["curl", "-sS", "-X", "MKCOL", dav], check=True, capture_output=True)
            curl_once = curl_stages("curl", dav)
            curl, probe, ratio = medians_in_turns(
                runs, curl_once, lambda: wall([*wp2bot, "probe", dav], env)
            )
            print(f"{'curl, 8 calls for the same stages':34} {curl * 1000:8.1f} ms")
            print(
                f"{'wp2bot probe URL (nginx WebDAV)':34} {probe * 1000:8.1f} ms  "
                f"{ratio:6.1f}x curl   target <= 3x curl   (median ratio of {runs} turns)"
            )
        finally:
            subprocess.run(
                ["bash", str(SERVERS / "nginx-dav-stop.sh")],
                env={**os.environ, "WP2BOT_SERVERS_DIR": str(state)},
                capture_output=True,
                check=False,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
