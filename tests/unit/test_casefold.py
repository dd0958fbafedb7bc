"""lower() stands in for IGNORECASE exactly when ``casefold.lower_safe`` says so."""

from __future__ import annotations

import random
import re
from datetime import date

import pytest

from wp2bot.domain import casefold, dates, dates_events, non_action_rules, status_rules
from wp2bot.domain.dates import DateContext, find_due

# patterns of the kind the pre-tests guard: ASCII words, classes and word boundaries
PATTERNS = [
    r"\bend\s",
    r"\b(?:in|within)\s",
    r"mon|tue|wed|thu|fri|sat|sun",
    r"\d{4}[-/]\d",
    r"\baction\s+(?:for|on)\b",
    r"kick|sis|\bis\b",
]
# letters IGNORECASE folds in unusual ways, accents, dashes, quotes, digits of other scripts
ALPHABET = "aeiksnodtwAEIKSNODTW  -–’'é€Éß٣K\u00a0"


def test_the_three_letters_lower_does_not_fold_are_unsafe() -> None:
    assert casefold.lower_safe("plain ascii")
    assert casefold.lower_safe("Künstler – „ok“ K")  # the Kelvin sign lower-cases to k
    for letter in ("ı", "ſ", "İ"):
        assert not casefold.lower_safe(f"ok {letter}")


@pytest.mark.parametrize("pattern", PATTERNS)
def test_search_on_lowered_text_equals_ignorecase_when_safe(pattern: str) -> None:
    folded, plain = re.compile(pattern, re.IGNORECASE), re.compile(pattern)
    rng = random.Random(pattern)
    tried = 0
    for _ in range(4000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 12)))
        if not casefold.lower_safe(text):
            continue
        tried += 1
        assert (folded.search(text) is None) == (plain.search(text.lower()) is None), text
    assert tried > 3000


def test_date_rules_agree_on_both_paths() -> None:
    ctx = DateContext(meeting_date=date(2026, 3, 4))  # a Wednesday
    # the long s matches "s" under IGNORECASE: that text keeps the IGNORECASE pre-test
    assert not casefold.lower_safe("ſoon")
    assert dates._precheck("ſoon", None)
    # non-ASCII text that lower() folds safely takes the lower-cased path and finds the day
    for text in ("send it by Friday – ok", "send it by FRIDAY – ok", "send it by friday"):
        due = find_due(text, ctx)
        assert due is not None, text
        assert due.date == date(2026, 3, 6), text


def test_event_dates_in_non_ascii_text_match_the_ignorecase_search(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Named events in text with an en dash, a no-break space or other digits are found the same
    on the lower-cased path as on the IGNORECASE one."""
    pieces = [
        "the GDB",
        " on ",
        "\u00a0on\u00a0",
        "12",
        "٣",
        " – ",
        "–",
        " May",
        " june",
        " (",
        "Orsay, ",
        "3–5 June",
        ") ",
        ", ",
        " at the ",
        "F2F meeting",
        "\n",
        " Sept 4",
        " 2026",
    ]
    rng = random.Random(5)
    meeting = date(2026, 3, 4)
    for _ in range(400):
        text = "Notes – " + "".join(rng.choice(pieces) for _ in range(rng.randint(3, 14)))
        fast = dates.find_named_events(text, meeting)
        with monkeypatch.context() as m:
            m.setattr(dates_events, "lower_safe", lambda _text: False)
            slow = dates.find_named_events(text, meeting)
        assert fast == slow, text


def _variants(text: str) -> list[str]:
    """The text made non-ASCII in the ways minutes are: a dash, curly quotes, an accent."""
    return [f"{text} – ok", f"– {text}", text.replace("'", "’"), f"{text} (café)"]


def test_status_and_non_action_rules_agree_on_both_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every example of the status and non-action tables, made non-ASCII, gets the same answer
    with the word tests on the lower-cased text as with the patterns alone."""
    texts = [
        v
        for rule in (*status_rules.ITEM_RULES, *non_action_rules.RULES)
        for example in (*rule.examples, *rule.counter_examples)
        for v in _variants(example)
    ]
    texts += ["Done ✔ – merged", "✔ deployed – ok", "ok ✔"]
    fast = [(status_rules.item_status(t), non_action_rules.non_action(t, "prose")) for t in texts]
    with monkeypatch.context() as m:
        m.setattr(status_rules, "lower_safe", lambda _text: False)
        m.setattr(non_action_rules, "lower_safe", lambda _text: False)
        slow = [
            (status_rules.item_status(t), non_action_rules.non_action(t, "prose")) for t in texts
        ]
    assert fast == slow
    assert len(texts) > 100


@pytest.mark.parametrize(
    ("pattern", "stands_in"),
    [
        (r"\bend\s", True),
        (r"(?:fatto|erledigt|terminad[oa]|entf[äa]llt|klaar)\b", True),  # accented, lower-case
        (r"-> (?:done|finished)", True),
        (r"(?-i:May)", True),  # the case-sensitive word: written lower-case, its ``unless``
        (r"[A-Z]\w+ will|Zeit", True),  # capitals are their small letters under IGNORECASE
        (r"[A-z]", False),  # a range from a capital to what is no letter
        (r"[à-ÿ]+ra\b", False),  # a range outside ASCII: IGNORECASE tests both cases of it
        (r"stra(?:ß|ss)e", False),  # "ß" upper-cases to two letters
        (r"\bµs\b", False),  # the micro sign's capital lower-cases to the Greek mu
    ],
)
def test_lowered_pattern_stands_in_only_where_lower_folds_as_ignorecase(
    pattern: str, stands_in: bool
) -> None:
    lowered, unless = casefold.lowered_pattern(re.compile(pattern, re.IGNORECASE))
    assert (lowered is not None) == stands_in
    if pattern.startswith("(?-i"):
        assert unless == ("may",)
    assert casefold.lowered_pattern(re.compile(r"\bend\s"))[0] is None  # case-sensitive already


def test_lowered_patterns_of_accented_words_find_what_ignorecase_finds() -> None:
    source = r"(?:->|\s[-–—]+|[(:;])\s*(?:fatto|erledigt|entf[äa]llt|terminé|hecho)\b"
    folded = re.compile(source, re.IGNORECASE)
    lowered, _ = casefold.lowered_pattern(folded)
    assert lowered is not None
    rng = random.Random(11)
    pieces = ["fatto", "FATTO", "Erledigt", "ENTFÄLLT", "entfällt", "TERMINÉ", "terminÉ", "hecho"]
    pieces += [" -> ", " – ", "(", ": ", "x", "ok ", "é", "K", "\u00a0"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 6)))
        if not casefold.lower_safe(text):
            continue
        found, fast = folded.search(text), lowered.search(text.lower())
        assert (found and found.span()) == (fast and fast.span()), text
