"""The cheap word tests in front of slow patterns never hide a match of the pattern."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from wp2bot.domain import (
    action_headings,
    action_items,
    clauses,
    groups,
    markers,
    non_action_patterns,
    prose,
    sentences,
    status_patterns,
)
from wp2bot.domain.minutes import decode_minutes

ROOT = Path(__file__).resolve().parents[2]

# Each pre-test, the pattern it guards, and texts that the pattern matches through each of its
# alternatives (the pre-test must let every one of them through).
CASES: list[tuple[Callable[[str], bool], re.Pattern[str], list[str]]] = [
    (
        status_patterns.may_say_done,
        status_patterns.DONE,
        [
            "Done",
            "completed last week",
            "Complete",
            "FINISHED",
            "ticket closed",
            "issue resolved",
            "bug fixed",
            "PR merged",
            "no longer needed",
            "not needed anymore",
            "report delivered",
            "that was easy",
            "it turned out to be quick",
            "the fix was really simple",
            "both were trivial",
            "turned out straightforward",
        ],
    ),
    (
        status_patterns.may_be_tentative,
        status_patterns.TENTATIVE,
        [
            "Paul (TBC) to check",
            "maybe Bob",
            "perhaps later",
            "possibly the team",
            "Alice might",
            "Alice may",
            "hoping for",
            "Ana hopes to",
            "Bob hope to",
            "will try to",
            "try and see",
            "Eva tries",
            "trying",
            "would like to",
            "if possible",
            "if time permits",
            "when we get some time",
            "think about it",
            "considering",
            "probably Ana",
            "tentatively",
            "Carla could",
            "offered to",
            "I think I should",
            "I guess we could",
            "we suppose we might",
            "would be good",
            "Bob proposes that",
            "Eva suggests that",
        ],
    ),
    (
        non_action_patterns.may_say_unavailable,
        non_action_patterns.AVAILABILITY,
        [
            "Bob is on call",
            "Ana on vacation",
            "on leave",
            "out of the office",
            "Eva will be out next week",
            "cannot join",
            "can not attend",
            "can't make it",
            "won't be able to join",
            "Bob will miss the call",
            "will be away",
            "will be travelling",
            "Regrets from Paul",
            "Paul will start at CERN",
            "Ana will leave in March",
            "plans to attend",
            "going to attend",
            "Bo will not be available that week",
        ],
    ),
    (
        non_action_patterns.may_answer,
        non_action_patterns.DEFERRED_ANSWER,
        ["test the tool? → not now", "expire it? -> later", "drop it? => to be discussed"],
    ),
    (
        non_action_patterns.may_invite,
        non_action_patterns.INVITATION,
        [
            "Feel free to comment",
            "don't hesitate to ask",
            "do not hesitate",
            "you are welcome to join",
            "please chime in",
            "reach out to us",
            "let me know",
        ],
    ),
]


def _corpus() -> list[str]:
    """Every line of the minutes shipped with the project and its tests."""
    files = [ROOT / "data" / "wp2-meeting-2020-03-11.txt"]
    files += sorted((ROOT / "tests" / "data" / "minutes").iterdir())
    lines: list[str] = []
    for path in files:
        if path.is_file():
            lines += decode_minutes(path.read_bytes()).splitlines()
    return lines


@pytest.mark.parametrize(("pretest", "pattern", "examples"), CASES, ids=lambda c: "")
def test_pretest_passes_every_match(
    pretest: Callable[[str], bool], pattern: re.Pattern[str], examples: list[str]
) -> None:
    for text in examples:
        assert pattern.search(text), text  # the example exercises the pattern
        assert pretest(text.lower()), text
    for text in _corpus():
        if text.isascii() and pattern.search(text):
            assert pretest(text.lower()), text


def test_pretests_reject_plain_text() -> None:
    plain = "bob presented the status of storage; throughput rose 12%."
    for pretest, _pattern, _examples in CASES:
        assert not pretest(plain)


@pytest.mark.parametrize(
    "sentence",
    [
        "Ana will do it; Bob will review",
        "Ana will write, and Bob will review",
        "Ana will write and Bob will review",
        "Ana will write but will not review",
        "Ana writes, while Bob shall review",
        "Alice will check the storage configuration by Friday.",
    ],
)
def test_clause_split_shortcut_agrees_with_the_pattern(sentence: str) -> None:
    pattern = sentences._CLAUSE_SPLIT
    expected = [p.strip() for p in pattern.split(sentence) if p and p.strip()]
    assert sentences.split_clauses(sentence)[: len(expected)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "First part. Second part",
        "Is it? Yes It is",
        "Stop! Now",
        '(He said "yes.") Then',
        "One sentence only.",
        "tab\tseparated. Sentence",
        "e.g. Alice will check",
        "Ask Dr. Smith. Then go",
        "  ",
    ],
)
def test_sentence_shortcut_agrees_with_the_pattern(text: str) -> None:
    assert sentences.split_sentences(text) == sentences.split_at_sentence_ends(text)


def test_sentence_shortcut_on_every_line_of_the_shipped_minutes() -> None:
    for text in _corpus():
        assert sentences.split_sentences(text) == sentences.split_at_sentence_ends(text), text


def test_shortcuts_in_status_and_clauses() -> None:
    assert action_items.status_of("Check the logs (TBC)", False, None).value == "tentative"
    assert action_items.status_of("May present the results", False, None).value == "tentative"
    assert action_items.status_of("May 3rd: check the logs", False, None).value == "open"
    assert action_items.status_of("Checked, done", False, None).value == "done"
    assert action_items.status_of("not done yet", False, None).value == "open"
    assert prose._rejected("Bob will miss the next call")
    assert not prose._rejected("Bob will check the storage configuration")
    assert clauses._may_close_action("Action closed")
    assert not clauses._may_close_action("Closed the ticket")


@pytest.mark.parametrize(
    "text",
    [
        "Action items",
        "ACTIONS:",
        "Next actions (team)",
        "AIs",
        "A.I.s",
        "TODOs",
        "To-do",
        "Next steps",
        "Tasks",
        "Summary of actions",
        "Follow-up action points",
        "Storage update",
        "Über Aktionen",
    ],
)
def test_action_heading_shortcut_agrees_with_the_pattern(text: str) -> None:
    assert action_headings.is_action_heading(text) == bool(
        action_headings.ACTION_HEADING.match(text)
    )


@pytest.mark.parametrize(
    "text",
    [
        "Action items:",
        "AI list",
        "a.i. review",
        "To-do:",
        "to do",
        "TODO",
        "Next steps:",
        "Tasks",
        "Follow-ups",
        "documentation to check",
        "Storage update",
        "Überblick",
    ],
)
def test_label_shortcut_agrees_with_the_pattern(text: str) -> None:
    assert clauses.may_label(text) == bool(clauses._LABEL_WORDS.search(text))


@pytest.mark.parametrize(
    ("text", "marked", "may_open"),
    [
        ("ACTION: Bob to check", True, True),
        ("**Action item:** check", True, True),
        ("AI (Mat): check", True, True),
        ("[todo: check the logs", True, True),
        ("\u2003 Outcome 2: merge", True, True),
        ("another topic: check", False, True),  # the pre-test lets it by; the pattern decides
        ("Bob to check", False, False),
        ("- check", False, False),
        ("", False, False),
    ],
)
def test_marker_shortcut_agrees_with_the_pattern(text: str, marked: bool, may_open: bool) -> None:
    assert bool(markers.MARKER.match(text)) is marked
    assert markers.may_open_marker(text) is may_open


@pytest.mark.parametrize(
    ("text", "asked"),
    [("Could we?", True), ("Could we? )", True), ("Is it done?\n", True), ("Done? No.", False)],
)
def test_question_shortcut(text: str, asked: bool) -> None:
    assert sentences.asks(text) is asked
    assert sentences.asks(text) == bool(sentences.QUESTION_END.search(text))


def test_group_request_words_are_found_as_before() -> None:
    """The grouped pre-test of group requests finds the same words as the plain list."""
    plain = re.compile(
        r"\b(?:asked|requested|required|expected|urged|reminded|should|must|"
        r"need|needs|have|has|to)\s"
    )
    words = "asked requested required expected urged reminded should must need needs have has to"
    texts = [*_corpus(), *(f"{w} x" for w in words.split()), *(f"re{w} x" for w in words.split())]
    texts += [f"The sites {w}\tnow" for w in words.split()] + ["sites needsto", "musts x"]
    for text in texts:
        assert (groups._CHEAP.search(text) is None) == (plain.search(text) is None), text


def test_topic_test_agrees_with_the_one_pattern() -> None:
    """is_topic (start matched, end searched in the last characters) = one search of both."""
    whole = re.compile(
        r"^(?:updates?|status|report|news|summary|discussion|reminder|review)\s+(?:on|of|from|"
        r"about)\b|^(?:news|summary|discussion|reminder|heads up)\b|\b(?:update|status)$|"
        r"^\W*https?://|:$",
        re.IGNORECASE,
    )
    texts = [
        *_corpus(),
        "Update on the cache",
        "Cache status",
        "Cache STATUS\n",
        "the xstatus",
        "Topics:",
        "Topics:\n",
        "- https://example.org/x",
        "Heads up: the tape",
        "News",
        "newsletter",
        "status",
        ":",
        "",
    ]
    for text in texts:
        assert clauses.is_topic(text) == (whole.search(text) is not None), text
