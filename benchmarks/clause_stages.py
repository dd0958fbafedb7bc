"""CPU time of each stage of the clause pipeline, replayed on the calls of the real minutes.

Usage: python benchmarks/clause_stages.py [--eval-dir PATH] [--passes N]
One extraction of every labelled document under ``../shared/eval`` records the calls of the
line gate (``line_gate.quiet``), of ``line_prose.line_commitments``, of ``prose.parse_prose`` and
of the clause rules (``judge_clause``); each stage is then replayed alone, and the least CPU time
of ``--passes`` passes is printed beside the whole decode+parse+extract pass. On a shared machine
a whole pass varies by 20 % between runs; a replayed stage by a few per cent, so two trees can be
compared stage by stage (run each tree's copy of this script in turn, several times).
"""

from __future__ import annotations

import argparse
import copy
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: make the benchmarks package importable
    sys.path.insert(0, str(REPO))

from benchmarks.scoring import default_eval_dir, score_all  # noqa: E402
from wp2bot.domain import actions, line_gate, line_prose, prose  # noqa: E402
from wp2bot.domain.clause_terms import Clause  # noqa: E402
from wp2bot.domain.minutes import decode_minutes, guess_format, parse_minutes  # noqa: E402
from wp2bot.domain.models import MeetingContext, Roster  # noqa: E402

Batch = list[tuple[bytes, str, MeetingContext]]


def documents(eval_dir: Path) -> Batch:
    """Every labelled document's bytes, file name and meeting context (as the scorer reads)."""
    return [
        (d.path.read_bytes(), d.path.name, d.context) for r in score_all(eval_dir) for d in r.docs
    ]


def extract_all(batch: Batch) -> None:
    """Decode, parse and extract every document, as ``benchmarks/scoring.cpu_speed`` does."""
    for raw, name, ctx in batch:
        text = decode_minutes(raw)
        actions.extract_actions(parse_minutes(text, guess_format(name, text)), ctx, Roster())


def record(batch: Batch) -> dict[str, list[Any]]:
    """The arguments of every call of each stage during one extraction of the documents."""
    calls: dict[str, list[Any]] = {"gate": [], "line": [], "sentence": [], "clause": []}
    quiet, commitments = line_gate.quiet, actions.line_commitments
    parse, judge = line_prose.parse_prose, prose.judge_clause

    def gate(line: Any, walk: Any) -> bool:
        calls["gate"].append((line, copy.copy(walk)))
        return quiet(line, walk)

    def line(*args: Any) -> Any:
        calls["line"].append(args)
        return commitments(*args)

    def sentence(*args: Any, **kwargs: Any) -> Any:
        calls["sentence"].append((args, kwargs))
        return parse(*args, **kwargs)

    def clause(c: Clause) -> Any:
        calls["clause"].append((c.text, c.sentence, c.names, c.subject, c.line_start))
        return judge(c)

    actions.lg.quiet, actions.line_commitments = gate, line  # type: ignore[assignment]
    line_prose.parse_prose, prose.judge_clause = sentence, clause  # type: ignore[assignment]
    try:
        extract_all(batch)
    finally:
        actions.lg.quiet, actions.line_commitments = quiet, commitments  # type: ignore[assignment]
        line_prose.parse_prose, prose.judge_clause = parse, judge  # type: ignore[assignment]
    return calls


def least(run: Callable[[], None], passes: int, prepare: Callable[[], None] | None = None) -> float:
    """The least CPU milliseconds of ``passes`` runs (``prepare`` runs untimed before each)."""
    best = float("inf")
    for _ in range(passes):
        if prepare is not None:
            prepare()
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best * 1000


def main(argv: list[str] | None = None) -> int:
    """Record the calls, replay each stage and print the times."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--eval-dir", type=Path, default=default_eval_dir())
    parser.add_argument("--passes", type=int, default=15)
    args = parser.parse_args(argv)
    if not args.eval_dir.is_dir():
        print(f"labelled sets not found: {args.eval_dir}", file=sys.stderr)
        return 2
    batch = documents(args.eval_dir)
    calls = record(batch)
    walks: list[Any] = []

    def fresh_walks() -> None:  # the gate moves a walk's task depth: each pass starts afresh
        walks[:] = [copy.copy(walk) for _, walk in calls["gate"]]

    def gate() -> None:
        for (line, _), walk in zip(calls["gate"], walks, strict=True):
            line_gate.quiet(line, walk)

    def lines() -> None:
        for call in calls["line"]:
            line_prose.line_commitments(*call)

    def sentences() -> None:
        for call, kwargs in calls["sentence"]:
            prose.parse_prose(*call, **kwargs)

    def clauses() -> None:
        for call in calls["clause"]:
            prose.judge_clause(Clause(*call))

    gc.collect()
    gc.disable()  # a collection landing in one pass and not another is noise here
    try:
        whole = least(lambda: extract_all(batch), max(3, args.passes // 3))
        figures = [
            ("line gate", len(calls["gate"]), least(gate, args.passes, fresh_walks)),
            ("line commitments", len(calls["line"]), least(lines, args.passes)),
            ("  sentences (parse_prose)", len(calls["sentence"]), least(sentences, args.passes)),
            ("    clauses (judge_clause)", len(calls["clause"]), least(clauses, args.passes)),
        ]
    finally:
        gc.enable()
    size_kb = sum(len(raw) for raw, _, _ in batch) / 1024
    print(f"{len(batch)} documents, {size_kb:.0f} KB: whole pass {whole:.1f} ms CPU")
    for name, count, ms in figures:
        print(f"{name:28} {count:6} calls {ms:7.1f} ms  {ms / whole * 100:5.1f} %")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
