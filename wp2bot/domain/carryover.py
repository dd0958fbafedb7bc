"""Whether an action in new minutes is an older open item restated, a new task, or unclear.

The wording of a restated action is often nearly the same as that of a *different* task: the
same owner upgrading the same software at another site, by another date. Only the details tell
them apart, so the decision compares what each statement singles out — sites, endpoints,
numbers, versions (the *specifics*) — and its deadline, not just how alike the sentences are:

- a specific replaced by another ("at SITE-A" → "at SITE-B", "pool 3" → "pool 4") is a new task;
- a detail only one side mentions, another explicit deadline, a different key word or other
  owners cannot be decided here: it becomes a new proposal linked to the old item, and the chair
  merges the two when they are the same (never a silent overwrite);
- otherwise (the same task, perhaps with a status word added) it is carried over.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz

from wp2bot.domain.tracking import fingerprint, same_action

# Words a restatement adds or drops without changing the task.
_STATUS_WORDS = frozenset(
    "still ongoing progress pending open closed continue continues continued continuing "
    "finished complete completed started start wip postponed delayed carried over again "
    "remains remaining not yet now also follow up followup status update news".split()
)
# Capitalised or upper-case, yet no detail of the task: markers and status words.
_NOT_SPECIFIC = _STATUS_WORDS | frozenset(
    "done tbc tbd todo action actions ai ais asap fyi ok n/a na i we".split()
)
_TOKEN = re.compile(r"[\w][\w.\-/:]*[\w]|\w", re.UNICODE)
_INNER_UPPER = re.compile(r".[A-Z]")
_SUFFIXES = ("ings", "ing", "ed", "es", "s", "e")


class Verdict(enum.StrEnum):
    """How a new statement relates to an older item."""

    SAME = "same"  # carried over: the old item is updated
    UNSURE = "unsure"  # a new proposal linked to the old item, for the chair to merge
    DIFFERENT = "different"  # a new action


@dataclass(frozen=True, slots=True)
class Statement:
    """What the decision looks at in one statement of an action."""

    text: str
    owners: tuple[str, ...] = ()  # resolved names (or as written)
    due: date | None = None
    due_phrase: str | None = None


@dataclass(frozen=True, slots=True)
class Judgement:
    """The verdict and, when it is not SAME, the reason in a few words for the chair."""

    verdict: Verdict
    reason: str = ""
    score: float = 0.0  # how alike the wordings are (0-100), to rank candidates


def judge(old: Statement, new: Statement) -> Judgement:
    """Decide whether ``new`` restates ``old`` (see the module's rules)."""
    old_words, new_words = _words(old), _words(new)
    ignore = _owner_words(old) | _owner_words(new)
    old_spec, new_spec = _specifics(old) - ignore, _specifics(new) - ignore
    # Alike once the specifics are blanked out: the wording of the task, not its details.
    old_fp, new_fp = _core(old_words, old_spec), _core(new_words, new_spec)
    if not same_action(old_fp, new_fp):
        return Judgement(Verdict.DIFFERENT, "other wording")
    score = _score(" ".join(old_words), " ".join(new_words))
    dropped, added = sorted(old_spec - new_spec), sorted(new_spec - old_spec)
    if dropped and added:
        reason = f"{', '.join(dropped)} became {', '.join(added)}"
        return Judgement(Verdict.DIFFERENT, reason, score)
    if _other_deadline(old, new):
        reason = f"deadline {_day(old.due)} became {_day(new.due)}"
        return Judgement(Verdict.UNSURE, reason, score)
    if dropped or added:
        side = "no longer mentions" if dropped else "now mentions"
        return Judgement(Verdict.UNSURE, f"{side} {', '.join(dropped or added)}", score)
    old_keys, new_keys = _keywords(old_words, old_spec), _keywords(new_words, new_spec)
    if old_keys - new_keys and new_keys - old_keys:
        gone, came = sorted(old_keys - new_keys), sorted(new_keys - old_keys)
        reason = f"“{' '.join(gone)}” became “{' '.join(came)}”"
        return Judgement(Verdict.UNSURE, reason, score)
    if _other_owners(old, new):
        reason = f"owners {', '.join(old.owners)} became {', '.join(new.owners)}"
        return Judgement(Verdict.UNSURE, reason, score)
    return Judgement(Verdict.SAME, "", score)


def best_match(
    new: Statement, candidates: Sequence[tuple[int, Statement]]
) -> tuple[int, Judgement] | None:
    """The candidate ``new`` restates (SAME) or else the closest UNSURE one; None: a new task.

    A SAME candidate beats any UNSURE one; among equals the wording most alike wins, then the
    oldest (lowest id).
    """
    best: tuple[int, Judgement] | None = None
    for cid, old in candidates:
        found = judge(old, new)
        if found.verdict is Verdict.DIFFERENT:
            continue
        if best is None or _rank(found) > _rank(best[1]):
            best = (cid, found)
    return best


def _rank(j: Judgement) -> tuple[bool, float]:
    return (j.verdict is Verdict.SAME, j.score)


def _score(a: str, b: str) -> float:
    """How alike two wordings are as written (ranks restatements: the most literal first)."""
    return float(fuzz.ratio(a, b))


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _without_deadline(s: Statement) -> str:
    """The text without its deadline phrase: the deadline is compared as a date instead."""
    text = s.text
    if s.due_phrase:
        text = re.sub(re.escape(s.due_phrase), " ", text, flags=re.IGNORECASE)
    return text


def _words(s: Statement) -> list[str]:
    return fingerprint(_without_deadline(s)).split()


def _core(words: Sequence[str], specifics: set[str]) -> str:
    """The wording compared for likeness: stemmed, without the words restatements add, and
    every specific as the same placeholder."""
    plain = {w for spec in specifics for w in fingerprint(spec).split()}
    return " ".join("_" if w in plain else _stem(w) for w in words if w not in _STATUS_WORDS)


def _specifics(s: Statement) -> set[str]:
    """Tokens that single something out: numbers, versions, host names, paths, acronyms, names.

    A capitalised word counts unless it opens the text (where every word is capitalised).
    """
    found: set[str] = set()
    for pos, m in enumerate(_TOKEN.finditer(_plain(_without_deadline(s)))):
        tok = m.group().strip(".-/:")
        if not tok or tok.lower() in _NOT_SPECIFIC:
            continue
        specific = (
            any(c.isdigit() for c in tok)
            or any(c in tok for c in "./:")
            or bool(_INNER_UPPER.search(tok))
            or (pos > 0 and tok[0].isupper())
        )
        if specific:
            found.add(tok.lower())
    return found


def _owner_words(s: Statement) -> set[str]:
    return {w for name in s.owners for w in _plain(name).lower().split()}


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _keywords(words: Sequence[str], specifics: set[str]) -> set[str]:
    """The plain content words (stemmed), without status words and the specifics."""
    return {
        _stem(w)
        for w in words
        if w not in _STATUS_WORDS and w not in specifics and not any(c.isdigit() for c in w)
    }


def _other_deadline(old: Statement, new: Statement) -> bool:
    """Both give a date, the dates differ and so do the phrases.

    The same relative phrase ("by the next meeting") restated later moves with the meeting; that
    is the same task with its deadline carried forward.
    """
    if old.due is None or new.due is None or old.due == new.due:
        return False
    return _norm(old.due_phrase) != _norm(new.due_phrase)


def _other_owners(old: Statement, new: Statement) -> bool:
    a = {_norm(o) for o in old.owners if o}
    b = {_norm(o) for o in new.owners if o}
    return bool(a and b) and not a & b


def _norm(text: str | None) -> str:
    return " ".join(_plain(text or "").lower().split())


def _day(d: date | None) -> str:
    return d.isoformat() if d else "none"
