"""Score the action-item extractor on the development set of labelled public minutes.

Usage: python benchmarks/extraction.py [--dev-dir PATH] [--verbose]
The dev set defaults to <repo>/../shared/eval/dev (override with WP2BOT_DEV_SET).
Prints precision, recall, F1, owner/due/status accuracy on matched pairs, a per-document table,
documents per second on the dev set and on synthetic 10 KB minutes.

Two figures are printed. *Strict* counts every unmatched prediction as a false alarm. *Lenient*
applies the dev set's merging rule: when a task is stated twice and labelled once, a prediction
that matches the other occurrence (the gold text, or a restatement quoted in the action's note)
is correct rather than a false alarm; if the labelled occurrence itself was missed, it matches.
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
_QUOTED = re.compile(r"(?<![A-Za-z])'(.{12,}?)'(?![A-Za-z])")


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


def pred_score(pred: ExtractedAction, gold_text: str) -> float:
    """Match score of a prediction; a short one may also match through its whole source line."""
    own = match_score(pred.text, gold_text)
    if len(pred.text) >= 25:
        return own
    return max(own, match_score(f"{pred.text} {pred.source_text}", gold_text))


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
class DocCounts:
    """Lenient counts for one document."""

    predicted: int
    matched: int
    owners: int
    due: int
    status: int


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
    lenient: DocCounts | None = None  # the same counts under the merging rule
    size: int = 0  # bytes of the minutes file


def score_document(
    preds: list[ExtractedAction], gold: list[dict[str, object]]
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Greedy one-to-one matching by score; returns pairs, unmatched preds, unmatched gold."""
    scored = sorted(
        (
            (
                pred_score(p, str(g["text"])),
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


def other_occurrences(gold: dict[str, object]) -> list[str]:
    """Restatements of a gold action quoted in its note ("same as '...'", "also '...'")."""
    note = str(gold.get("note") or "")
    return [m.replace("...", " ") for m in _QUOTED.findall(note)]


def lenient_pairs(
    preds: list[ExtractedAction],
    gold: list[dict[str, object]],
    extra: list[int],
    missed: list[int],
) -> tuple[list[tuple[int, int]], list[int]]:
    """Leftover predictions that match another occurrence of a gold action.

    Returns new pairs (the labelled occurrence was missed, the restatement was found) and the
    predictions that only repeat an already matched action (not counted as false alarms).
    """
    pairs: list[tuple[int, int]] = []
    repeats: list[int] = []
    open_gold = set(missed)
    for i in extra:
        pred = preds[i]
        scores = [
            (max(pred_score(pred, alt) for alt in [str(g["text"]), *other_occurrences(g)]), j)
            for j, g in enumerate(gold)
        ]
        fresh = max(((sc, j) for sc, j in scores if j in open_gold and sc > 0), default=None)
        if fresh is not None:
            open_gold.discard(fresh[1])
            pairs.append((i, fresh[1]))
        elif any(sc > 0 for sc, _ in scores):
            repeats.append(i)
    return pairs, repeats


def counts(
    preds: list[ExtractedAction],
    gold: list[dict[str, object]],
    pairs: list[tuple[int, int]],
    predicted: int,
) -> DocCounts:
    """Matched pairs and field accuracy for one document."""

    def due_of(p: ExtractedAction) -> str | None:
        return p.due.date.isoformat() if p.due and p.due.date else None

    return DocCounts(
        predicted=predicted,
        matched=len(pairs),
        owners=sum(owners_ok(preds[i], gold[j]) for i, j in pairs),
        due=sum(due_of(preds[i]) == gold[j]["due"] for i, j in pairs),
        status=sum(preds[i].status.value == gold[j]["status"] for i, j in pairs),
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


def synthetic_speed(count: int = 300, runs: int = 5) -> tuple[float, float]:
    """Documents per second on synthetic 10 KB minutes (decode, parse, extract): best and median.

    CPU time of this process (one core), over ``runs`` passes after a warm-up pass: the machine
    is shared, and the best pass is the one least disturbed by other work.
    """
    rng = random.Random(7)
    docs = [synthetic_document(rng).encode() for _ in range(count)]
    ctx = MeetingContext(meeting_date=date(2026, 11, 5), timezone="Europe/Zurich")

    def one_pass(batch: list[bytes]) -> float:
        start = time.process_time()
        for raw in batch:
            text = decode_minutes(raw)
            extract_actions(parse_minutes(text, "markdown"), ctx, Roster())
        return time.process_time() - start

    one_pass(docs[:30])  # first use compiles the date rules and fills the name caches
    rates = sorted(count / one_pass(docs) for _ in range(runs))
    return rates[-1], rates[len(rates) // 2]


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
        more, repeats = lenient_pairs(preds, gold, extra, missed)
        strict = counts(preds, gold, pairs, len(preds))
        lenient = counts(preds, gold, pairs + more, len(preds) - len(repeats))
        scores.append(
            DocScore(
                record["slug"],
                len(gold),
                strict.predicted,
                strict.matched,
                strict.owners,
                strict.due,
                strict.status,
                seconds,
                lenient,
                size=path.stat().st_size,
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
            lenient_preds = {i for i, _ in more} | set(repeats)
            lenient_gold = {j for _, j in more}
            for i in extra:
                mark = "~ REPEAT" if i in lenient_preds else "+ FALSE"
                print(f"  {mark} {preds[i].text[:110]!r} {[o.name for o in preds[i].owners]}")
            for j in missed:
                mark = "~ OTHER" if j in lenient_gold else "- MISSED"
                print(f"  {mark} {gold[j]['text'][:110]!r}")
    report(scores)
    if not args.no_speed:
        best, median = synthetic_speed()
        print(
            f"synthetic 10 KB documents on one core: {best:.0f} docs/s "
            f"(median of 5 passes {median:.0f}; target >= 200)"
        )
    return 0


_FIELDS = ("predicted", "matched", "owners", "due", "status")


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
    totals = {
        "strict": DocCounts(
            sum(s.predicted for s in scores),
            sum(s.matched for s in scores),
            sum(s.owners for s in scores),
            sum(s.due for s in scores),
            sum(s.status for s in scores),
        ),
        "lenient": DocCounts(
            *(sum(getattr(s.lenient, f) for s in scores if s.lenient) for f in _FIELDS)
        ),
    }
    print()
    for name, t in totals.items():
        precision = t.matched / t.predicted if t.predicted else 0.0
        recall = t.matched / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        matched = t.matched or 1
        print(
            f"{name:8} precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}  "
            f"owners {t.owners / matched:.3f}  due {t.due / matched:.3f}  "
            f"status {t.status / matched:.3f}  "
            f"(gold {gold}, predicted {t.predicted}, matched {t.matched})"
        )
    seconds = sum(s.seconds for s in scores)
    size = sum(s.size for s in scores)
    print(
        f"dev set: {len(scores) / seconds:.0f} docs/s, {size / 1024 / seconds:.0f} KB/s "
        f"(documents of {size / 1024 / len(scores):.1f} KB on average; one pass, wall clock)"
        if seconds
        else "dev set: n/a"
    )


if __name__ == "__main__":
    raise SystemExit(main())
