"""Extraction speed of this checkout beside another one, on the same real minutes, in turns.

A shared machine's speed drifts by half within minutes, so an absolute KB/s says little about a
change. ``side_by_side`` runs each checkout's extractor in its own child process, alternating,
several rounds, and prints each one's best KB/s and the ratio to the other. The other checkout
is any earlier revision, e.g. ``git worktree add /tmp/base <rev>``. Both get the same minutes
and the same meeting context (date, time zone, participant names: what every revision reads),
so the ratio is the code's, not the inputs'.

Child: ``python benchmarks/extraction_side.py ROOT < documents.json`` prints ROOT's KB/s.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the child imports no wp2bot before it has put its checkout first
    from benchmarks.scoring import DocResult

HERE = Path(__file__).resolve()


def documents(docs: Sequence[DocResult]) -> str:
    """The documents as the child reads them: path and the context every revision has."""
    return json.dumps(
        [
            {
                "path": str(d.path),
                "date": d.context.meeting_date.isoformat() if d.context.meeting_date else None,
                "timezone": d.context.timezone,
                "participants": [p.name for p in d.context.participants],
            }
            for d in docs
        ]
    )


def child_speed(root: Path, docs: str) -> float:
    """KB/s of ``root``'s extractor on ``docs``, timed in a fresh process."""
    out = subprocess.run(
        [sys.executable, str(HERE), str(root)],
        input=docs,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout)


def side_by_side(docs: Sequence[DocResult], other: Path, rounds: int = 3) -> None:
    """Time this checkout and ``other`` in turns and print both and the ratio."""
    payload = documents(docs)
    roots = {"this checkout": HERE.parents[1], f"{other}": other}
    speeds: dict[str, list[float]] = {name: [] for name in roots}
    for _ in range(rounds):
        for name, root in roots.items():
            speeds[name].append(child_speed(root, payload))
    this, that = (max(v) for v in speeds.values())
    print(f"\nside by side, {rounds} rounds in turns, best KB/s (median) on one core:")
    for name, values in speeds.items():
        print(f"  {name:40} {max(values):7.0f} KB/s ({statistics.median(values):.0f})")
    print(f"  this checkout / {other}: {this / that:.2f}x")


def _time(root: Path, entries: list[dict[str, Any]]) -> float:
    """Best KB/s of three passes after a warm-up, with ``root``'s wp2bot."""
    sys.path.insert(0, str(root))  # before any import of wp2bot: ``root``'s, not the installed
    package = import_module("wp2bot")
    if not Path(package.__file__ or "").resolve().is_relative_to(root.resolve()):
        raise SystemExit(f"wp2bot was imported from {package.__file__}, not from {root}")
    extract_actions = import_module("wp2bot.domain.actions").extract_actions
    minutes = import_module("wp2bot.domain.minutes")
    models = import_module("wp2bot.domain.models")
    decode_minutes, guess_format, parse_minutes = (
        minutes.decode_minutes,
        minutes.guess_format,
        minutes.parse_minutes,
    )
    batch = [
        (
            Path(e["path"]).read_bytes(),
            Path(e["path"]).name,
            models.MeetingContext(
                meeting_date=dt.date.fromisoformat(e["date"]) if e["date"] else None,
                timezone=e["timezone"],
                participants=tuple(models.Participant(n) for n in e["participants"]),
            ),
        )
        for e in entries
    ]
    size_kb = sum(len(raw) for raw, _, _ in batch) / 1024

    def one_pass() -> float:
        start = time.process_time()
        for raw, name, ctx in batch:
            text = decode_minutes(raw)
            extract_actions(parse_minutes(text, guess_format(name, text)), ctx, models.Roster())
        return time.process_time() - start

    one_pass()
    return size_kb / (min(one_pass() for _ in range(3)) or 1e-9)


if __name__ == "__main__":
    print(_time(Path(sys.argv[1]), json.load(sys.stdin)))
