"""Score the action-item extractor on the labelled sets under ``../shared/eval``.

Used by ``benchmarks/extraction.py`` (the printed measures) and by the regression gate in
``tests/unit/test_extraction_scores.py``, so both read the same figures.

A labelled set is a folder with an ``index.json`` (one record per document: ``slug``, ``file``,
``gold``, ``community``, optionally ``html`` and ``meta``), the minutes and the gold labels. A set
whose records also name an ``html`` rendering is scored twice, once per form (``domain.txt`` and
``domain.html``).

Matching is greedy and one-to-one on the Dice overlap of content words. *Strict* counts every
unmatched prediction as a false alarm. *Lenient* applies the sets' merging rule: when a task is
stated twice and labelled once, a prediction that matches the other occurrence (a restatement
quoted in the action's note) is correct rather than a false alarm; if the labelled occurrence
itself was missed, it matches. Owner, due and status accuracy are over the matched pairs.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from wp2bot.adapters.minutes_files import load_meeting, read_meta
from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import decode_minutes, guess_format, parse_minutes
from wp2bot.domain.models import ExtractedAction, MeetingContext, Roster

REPO = Path(__file__).resolve().parents[1]
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    "a an the to of and or in on for with by at is are be will action ai todo item".split()
)
# a restatement quoted in a gold note: 'same as '...'' (dev) or 'merged with "..."' (domain)
_QUOTED = re.compile(r"(?<![A-Za-z])'(.{12,}?)'(?![A-Za-z])|merged with \"([^\"]{12,})\"")

Gold = dict[str, object]


def default_eval_dir() -> Path:
    """The labelled sets: $WP2BOT_EVAL_DIR or the shared folder beside the repository."""
    env = os.environ.get("WP2BOT_EVAL_DIR")
    return Path(env) if env else REPO / ".." / "shared" / "eval"


def words(text: str) -> set[str]:
    """Content words used to match a prediction with a gold action."""
    text = re.sub(r"\]\([^)]*\)", "]", text.lower())  # link targets are markup, not wording
    return {w for w in _WORD.findall(text) if w not in _STOP}


def match_score(pred: str, gold: str) -> float:
    """0 when the texts are different actions; else the Dice overlap plus the containment."""
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


def owners_ok(pred: ExtractedAction, gold: Gold) -> bool:
    """Predicted resolved owners equal gold's resolved owners (or gold's owners as written)."""
    predicted = {norm_name(o.name) for o in pred.owners}
    resolved = {norm_name(str(o)) for o in gold["owners_resolved"]}  # type: ignore[attr-defined]
    written = {norm_name(str(o)) for o in gold["owners"]}  # type: ignore[attr-defined]
    raw = {norm_name(o) for o in pred.owners_raw}
    return predicted in (resolved, written) or (bool(raw) and raw == written)


def due_of(pred: ExtractedAction) -> str | None:
    """The predicted due date as ISO text, or None."""
    return pred.due.date.isoformat() if pred.due and pred.due.date else None


def other_occurrences(gold: Gold) -> list[str]:
    """Restatements of a gold action quoted in its note."""
    note = str(gold.get("note") or "")
    return [(a or b).replace("...", " ") for a, b in _QUOTED.findall(note)]


def match(
    preds: list[ExtractedAction], gold: list[Gold]
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Greedy one-to-one matching by score; returns pairs, unmatched preds, unmatched gold."""
    scored = sorted(
        (
            (pred_score(p, str(g["text"])), i, j)
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


def lenient_pairs(
    preds: list[ExtractedAction], gold: list[Gold], extra: list[int], missed: list[int]
) -> tuple[list[tuple[int, int]], list[int]]:
    """Leftover predictions that match another occurrence of a gold action.

    Returns new pairs (the labelled occurrence was missed, the restatement was found) and the
    predictions that only repeat an already matched action (not counted as false alarms).
    """
    pairs: list[tuple[int, int]] = []
    repeats: list[int] = []
    open_gold = set(missed)
    for i in extra:
        scores = [
            (max(pred_score(preds[i], alt) for alt in [str(g["text"]), *other_occurrences(g)]), j)
            for j, g in enumerate(gold)
        ]
        fresh = max(((sc, j) for sc, j in scores if j in open_gold and sc > 0), default=None)
        if fresh is not None:
            open_gold.discard(fresh[1])
            pairs.append((i, fresh[1]))
        elif any(sc > 0 for sc, _ in scores):
            repeats.append(i)
    return pairs, repeats


@dataclass
class Counts:
    """Gold, predicted and matched actions and the fields right on the matched pairs."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    owners: int = 0
    due: int = 0
    status: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(getattr(self, f) + getattr(other, f) for f in _FIELDS))

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def share(self, name: str) -> float:
        """Accuracy of one field (owners, due, status) over the matched pairs."""
        return getattr(self, name) / self.matched if self.matched else 0.0


_FIELDS = ("gold", "predicted", "matched", "owners", "due", "status")


def counts(
    preds: list[ExtractedAction], gold: list[Gold], pairs: list[tuple[int, int]], predicted: int
) -> Counts:
    """Matched pairs and field accuracy for one document."""
    return Counts(
        gold=len(gold),
        predicted=predicted,
        matched=len(pairs),
        owners=sum(owners_ok(preds[i], gold[j]) for i, j in pairs),
        due=sum(due_of(preds[i]) == gold[j]["due"] for i, j in pairs),
        status=sum(preds[i].status.value == gold[j]["status"] for i, j in pairs),
    )


@dataclass
class DocResult:
    """One scored document: its predictions, the matching and both counts."""

    slug: str
    community: str
    path: Path
    context: MeetingContext
    preds: list[ExtractedAction]
    gold: list[Gold]
    pairs: list[tuple[int, int]]
    extra: list[int]
    missed: list[int]
    more: list[tuple[int, int]]  # lenient pairs through a restatement
    repeats: list[int]  # predictions that repeat a matched action
    strict: Counts
    lenient: Counts


@dataclass
class SetResult:
    """A labelled set in one input form, scored."""

    name: str
    docs: list[DocResult] = field(default_factory=list)

    def total(self, kind: str = "lenient", community: str | None = None) -> Counts:
        """Summed counts, over the whole set or one community."""
        total = Counts()
        for d in self.docs:
            if community is None or d.community == community:
                total = total + getattr(d, kind)
        return total

    def communities(self) -> list[str]:
        """The communities of the set, in index order."""
        return list(dict.fromkeys(d.community for d in self.docs))


@dataclass(frozen=True)
class EvalSet:
    """Where a labelled set lives and which rendering of its documents to read."""

    name: str
    root: Path
    key: str  # the index field that names the minutes file: "file" or "html"

    def records(self) -> list[dict[str, str]]:
        return list(json.loads((self.root / "index.json").read_text(encoding="utf-8")))


def discover(eval_dir: Path) -> list[EvalSet]:
    """Every labelled set under ``eval_dir``; a set with HTML renderings gives a second set."""
    sets: list[EvalSet] = []
    for root in sorted(p for p in eval_dir.iterdir() if (p / "index.json").is_file()):
        records = json.loads((root / "index.json").read_text(encoding="utf-8"))
        if records and all("html" in r for r in records):
            ext = Path(records[0]["file"]).suffix.lstrip(".") or "file"
            sets += [
                EvalSet(f"{root.name}.{ext}", root, "file"),
                EvalSet(f"{root.name}.html", root, "html"),
            ]
        else:
            sets.append(EvalSet(root.name, root, "file"))
    return sets


def meta_path(root: Path, record: dict[str, str], path: Path) -> Path | None:
    """The document's META.json: named in the index, or beside the minutes."""
    if record.get("meta"):
        return root / record["meta"]
    candidate = path.with_name(path.name.rsplit(".", 1)[0] + ".meta.json")
    return candidate if candidate.is_file() else None


def score_document(
    path: Path, meta: Path | None, gold: list[Gold], slug: str, community: str
) -> DocResult:
    """Extract one document the way ``wp2bot extract`` does and score it against its gold."""
    meeting = load_meeting(path, meta=read_meta(meta) if meta else None)
    preds = extract_actions(meeting.document, meeting.context, Roster())
    pairs, extra, missed = match(preds, gold)
    more, repeats = lenient_pairs(preds, gold, extra, missed)
    return DocResult(
        slug=slug,
        community=community,
        path=path,
        context=meeting.context,
        preds=preds,
        gold=gold,
        pairs=pairs,
        extra=extra,
        missed=missed,
        more=more,
        repeats=repeats,
        strict=counts(preds, gold, pairs, len(preds)),
        lenient=counts(preds, gold, pairs + more, len(preds) - len(repeats)),
    )


def score_set(spec: EvalSet) -> SetResult:
    """Score every document of one set in one input form."""
    result = SetResult(spec.name)
    for record in spec.records():
        path = spec.root / record[spec.key]
        gold_doc = json.loads((spec.root / record["gold"]).read_text(encoding="utf-8"))
        result.docs.append(
            score_document(
                path,
                meta_path(spec.root, record, spec.root / record["file"]),
                list(gold_doc["actions"]),
                record["slug"],
                str(record.get("community") or "?"),
            )
        )
    return result


def score_all(eval_dir: Path) -> list[SetResult]:
    """Score every labelled set under ``eval_dir``."""
    return [score_set(spec) for spec in discover(eval_dir)]


def cpu_speed(
    docs: Iterable[DocResult], passes: int = 3, roster: Roster | None = None
) -> tuple[float, float]:
    """KB/s and documents of 10 KB per second for decode, parse and extract of the real minutes.

    CPU time of this process (one core); the best of ``passes`` passes after a warm-up, since
    the machine is shared and the best pass is the one least disturbed by other work. With a
    ``roster``, every document is extracted with it (as the bot does), else with none.
    """
    roster = roster or Roster()
    batch = [(d.path.read_bytes(), d.path.name, d.context) for d in docs]
    size_kb = sum(len(raw) for raw, _, _ in batch) / 1024

    def one_pass() -> float:
        start = time.process_time()
        for raw, name, ctx in batch:
            text = decode_minutes(raw)
            extract_actions(parse_minutes(text, guess_format(name, text)), ctx, roster)
        return time.process_time() - start

    one_pass()
    best = min(one_pass() for _ in range(passes)) or 1e-9
    return size_kb / best, size_kb / best / 10
