"""The command-line arguments the size-sweeping benchmarks share: ``--sizes`` and ``--runs``."""

from __future__ import annotations

import argparse

DEFAULT_SIZES = "1000,10000,100000"


def add_sizes(parser: argparse.ArgumentParser, default: str = DEFAULT_SIZES) -> None:
    """``--sizes 1000,10000,100000``: the numbers of actions to seed, comma-separated."""
    parser.add_argument("--sizes", default=default, help=f"actions per run (default {default})")


def add_runs(parser: argparse.ArgumentParser, default: int = 3) -> None:
    """``--runs N``: measurements per size (the median is printed)."""
    parser.add_argument("--runs", type=int, default=default, help=f"runs per size ({default})")


def sizes_of(args: argparse.Namespace) -> list[int]:
    """The ``--sizes`` given, as numbers."""
    return [int(x) for x in str(args.sizes).split(",") if x.strip()]


def runs_of(args: argparse.Namespace) -> int:
    """The ``--runs`` given, at least one."""
    return max(1, int(args.runs))
