"""Score the action-item extractor on the development set of labelled public minutes.

Usage: python benchmarks/extraction.py [--dev-dir PATH] [--verbose]
The dev set defaults to <repo>/../shared/eval/dev (override with WP2BOT_DEV_SET).
Prints precision, recall, F1, owner/due/status accuracy on matched pairs, a per-document table,
documents per second on the dev set and on synthetic 10 KB minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import decode_minutes, guess_format, parse_minutes
from wp2bot.domain.models import ExtractedAction, MeetingContext, Participant, Roster

REPO = Path(__file__).resolve().parents[1]
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    "a an the to of and or in on for with by at is are be will action ai todo item".split()
)


def default_dev_dir() -> Path:
    """The dev set: $WP2BOT_DEV_SET or the shared folder beside the repository."""
    env = os.environ.get("WP2BOT_DEV_SET")
    return Path(env) if env else REPO / ".." / "shared" / "eval" / "dev"


def words(text: str) -> set[str]:
    """Content words used to match a prediction with a gold action."""
    text = re.sub(r"\]\([^)]*\)", "]", text.lower())  # link targets are markup, not wording
    return {w for w in _WORD.findall(text) if w not in _STOP}


def match_score(pred: str, gold: str) -> float:
    """0 when the texts are different actions; else the Dice overlap of their content words."""
    p, g = words(pred), words(gold)
    if not p or not g:
        return 0.0
    shared = len(p & g)
    containment = shared / min(len(p), len(g))
    dice = 2 * shared / (len(p) + len(g))
    if (containment >= 0.7 and dice >= 0.35) or dice >= 0.6:
        return dice + containment
    return 0.0


def norm_name(name: str) -> str:
    """Compare names case- and punctuation-insensitively."""
    return " ".join(_WORD.findall(name.lower().replace("_", " ")))


def owners_ok(pred: ExtractedAction, gold: dict[str, object]) -> bool:
    """Predicted resolved owners equal gold's resolved owners (or gold's owners as written)."""
    predicted = {norm_name(o.name) for o in pred.owners}
    resolved = {norm_name(str(o)) for o in gold["owners_resolved"]}  # type: ignore[attr-defined]
    written = {norm_name(str(o)) for o in gold["owners"]}  # type: ignore[attr-defined]
    raw = {norm_name(o) for o in pred.owners_raw}
    return predicted in (resolved, written) or (bool(raw) and raw == written)


@dataclass
class DocScore:
    """Counts for one document."""

    slug: str
    gold: int
    predicted: int
    matched: int
    owners: int
    due: int
    status: int
    seconds: float


def score_document(
    preds: list[ExtractedAction], gold: list[dict[str, object]]
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Greedy one-to-one matching by score; returns pairs, unmatched preds, unmatched gold."""
    scored = sorted(
        (
            (
                match_score(
                    p.text + " " + p.source_text if len(p.text) < 25 else p.text, str(g["text"])
                ),
                i,
                j,
            )
            for i, p in enumerate(preds)
            for j, g in enumerate(gold)
        ),
        reverse=True,
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for score, i, j in scored:
        if score <= 0 or i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        pairs.append((i, j))
    return (
        pairs,
        [i for i in range(len(preds)) if i not in used_p],
        [j for j in range(len(gold)) if j not in used_g],
    )


def run_document(path: Path, meta: dict[str, object]) -> tuple[list[ExtractedAction], float]:
    """Decode, parse and extract one document; also the time it took."""
    raw = path.read_bytes()
    start = time.perf_counter()
    text = decode_minutes(raw)
    doc = parse_minutes(text, guess_format(path.name, text))
    meeting = meta.get("meeting_date")
    ctx = MeetingContext(
        meeting_date=date.fromisoformat(str(meeting)) if meeting else None,
        timezone=str(meta.get("timezone") or "UTC"),
        participants=tuple(Participant(str(n)) for n in meta.get("participants") or []),  # type: ignore[attr-defined]
    )
    actions = extract_actions(doc, ctx, Roster())
    return actions, time.perf_counter() - start


def synthetic_document(rng: random.Random, size: int = 10_000) -> str:
    """Markdown minutes of about ``size`` bytes built from generic sentences."""
    people = ["Alice Martin", "Bob Chen", "Carla Rossi", "David Okafor", "Eva Novak"]
    firsts = [p.split()[0] for p in people]
    parts = ["# Weekly meeting, 5 November 2026", "", "Present: " + ", ".join(people), ""]
    topics = ["storage", "transfers", "tokens", "caching", "monitoring", "the dashboard"]
    n = 0
    while sum(len(p) + 1 for p in parts) < size:
        n += 1
        topic = rng.choice(topics)
        who = rng.choice(firsts)
        action = rng.choice(
            [
                f"- {rng.choice(firsts)} will check the {topic} configuration by Friday.",
                f"  - ACTION: {rng.choice(firsts)} to update the {topic} documentation.",
                f"- [ ] Review the {topic} pull request ({rng.choice(firsts)})",
            ]
        )
        parts += [
            f"## {n}. Update on {topic} ({who})",
            "",
            f"- {who} presented the status of {topic}; throughput rose {rng.randint(2, 40)}%.",
            f"- The {topic} tests ran at {rng.randint(2, 9)} sites over the last two weeks.",
            "  - Most failures came from expired certificates and were fixed quickly.",
            action,
            f"- It was agreed to keep the current {topic} setup until the next release.",
            "",
            f"The discussion on {topic} showed good progress. Questions are welcome.",
            "",
        ]
    return "\n".join(parts)


def synthetic_speed(count: int = 300) -> float:
    """Documents per second on synthetic 10 KB minutes (decode, parse, extract)."""
    rng = random.Random(7)
    docs = [synthetic_document(rng).encode() for _ in range(count)]
    ctx = MeetingContext(meeting_date=date(2026, 11, 5), timezone="Europe/Zurich")
    start = time.perf_counter()
    for raw in docs:
        text = decode_minutes(raw)
        extract_actions(parse_minutes(text, "markdown"), ctx, Roster())
    return count / (time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--dev-dir", type=Path, default=default_dev_dir())
    parser.add_argument("--verbose", action="store_true", help="list misses and false alarms")
    parser.add_argument("--no-speed", action="store_true", help="skip the synthetic speed run")
    args = parser.parse_args(argv)
    dev: Path = args.dev_dir
    index_file = dev / "index.json"
    if not index_file.exists():
        print(f"dev set not found: {index_file}", file=sys.stderr)
        return 2
    index = json.loads(index_file.read_text(encoding="utf-8"))
    scores: list[DocScore] = []
    for record in index:
        path = dev / record["file"]
        gold_doc = json.loads((dev / record["gold"]).read_text(encoding="utf-8"))
        meta_path = path.with_name(path.name.rsplit(".", 1)[0] + ".meta.json")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        preds, seconds = run_document(path, meta)
        gold = gold_doc["actions"]
        pairs, extra, missed = score_document(preds, gold)
        owners = sum(owners_ok(preds[i], gold[j]) for i, j in pairs)
        due = sum(
            (preds[i].due.date.isoformat() if preds[i].due and preds[i].due.date else None)
            == gold[j]["due"]
            for i, j in pairs
        )
        status = sum(preds[i].status.value == gold[j]["status"] for i, j in pairs)
        scores.append(
            DocScore(
                record["slug"], len(gold), len(preds), len(pairs), owners, due, status, seconds
            )
        )
        if args.verbose:
            print(f"\n=== {record['slug']}")
            for i, j in pairs:
                p, g = preds[i], gold[j]
                flags = []
                if not owners_ok(p, g):
                    flags.append(f"OWNER {[o.name for o in p.owners]} != {g['owners_resolved']}")
                pd = p.due.date.isoformat() if p.due and p.due.date else None
                if pd != g["due"]:
                    flags.append(f"DUE {pd} != {g['due']} ({p.due.phrase if p.due else None!r})")
                if p.status.value != g["status"]:
                    flags.append(f"STATUS {p.status.value} != {g['status']}")
                if flags:
                    print(f"  ~ {p.text[:90]!r}: " + "; ".join(flags))
            for i in extra:
                print(f"  + FALSE {preds[i].text[:110]!r} {[o.name for o in preds[i].owners]}")
            for j in missed:
                print(f"  - MISSED {gold[j]['text'][:110]!r}")
    report(scores)
    if not args.no_speed:
        print(f"synthetic 10 KB documents: {synthetic_speed():.0f} docs/s (target >= 200)")
    return 0


def report(scores: list[DocScore]) -> None:
    """Print the per-document table and the totals."""
    print(
        f"\n{'document':34} {'gold':>4} {'pred':>4} {'match':>5} {'own':>4} {'due':>4} {'stat':>4}"
    )
    for s in scores:
        print(
            f"{s.slug:34} {s.gold:4} {s.predicted:4} {s.matched:5} "
            f"{s.owners:4} {s.due:4} {s.status:4}"
        )
    gold = sum(s.gold for s in scores)
    pred = sum(s.predicted for s in scores)
    matched = sum(s.matched for s in scores)
    precision = matched / pred if pred else 0.0
    recall = matched / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    seconds = sum(s.seconds for s in scores)

    def share(n: int) -> float:
        return n / matched if matched else 0.0

    print(
        f"\nprecision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}  "
        f"(gold {gold}, predicted {pred}, matched {matched})"
    )
    print(
        f"owner accuracy {share(sum(s.owners for s in scores)):.3f}  "
        f"due accuracy {share(sum(s.due for s in scores)):.3f}  "
        f"status accuracy {share(sum(s.status for s in scores)):.3f}  (on matched pairs)"
    )
    print(f"dev set: {len(scores) / seconds:.0f} docs/s" if seconds else "dev set: n/a")


if __name__ == "__main__":
    raise SystemExit(main())
