"""The sample WP2 meeting page against its hand-checked expectation file."""

from __future__ import annotations

import json
import tomllib
from datetime import date
from pathlib import Path

import pytest

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import decode_minutes, guess_format, parse_minutes
from wp2bot.domain.models import ExtractedAction, MeetingContext
from wp2bot.domain.roster import parse_community

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "wp2-meeting-2020-03-11.txt"
EXPECTED = json.loads(
    (Path(__file__).parent / "expected" / "wp2-meeting-2020-03-11.json").read_text()
)


def _words(text: str) -> set[str]:
    return {w.strip(".,;:()\"'").lower() for w in text.split()} - {""}


def _matches(expected: str, found: str) -> bool:
    """The expected wording is contained (as words) in the extracted text or vice versa."""
    want, got = _words(expected), _words(found)
    return len(want & got) >= 0.9 * min(len(want), len(got))


@pytest.fixture(scope="module")
def actions() -> list[ExtractedAction]:
    roster = parse_community(tomllib.loads((ROOT / "data" / "community.toml").read_text()))
    text = decode_minutes(SAMPLE.read_bytes())
    doc = parse_minutes(text, guess_format(SAMPLE.name, text))
    meeting = EXPECTED["meeting"]
    ctx = MeetingContext(
        meeting_date=date.fromisoformat(meeting["date"]),
        timezone=meeting["timezone"],
        next_meeting=date.fromisoformat(meeting["next_meeting"]),
        participants=tuple(doc.participants),
    )
    return extract_actions(doc, ctx, roster)


def test_every_expected_action_is_found_once_with_owner_due_and_status(
    actions: list[ExtractedAction],
) -> None:
    for want in EXPECTED["actions"]:
        hits = [a for a in actions if _matches(want["text"], a.text)]
        assert len(hits) == 1, (want["text"], [a.text for a in hits])
        got = hits[0].as_json()
        if "owners" in want:
            assert sorted(got["owners"]) == sorted(want["owners"]), want["text"]
        if "owners_raw" in want:
            assert got["owners_raw"] == want["owners_raw"], want["text"]
        assert got["due"] == want["due"], want["text"]
        assert got["status"] == want["status"], want["text"]


def test_nothing_beyond_the_expected_actions(actions: list[ExtractedAction]) -> None:
    expected = [w["text"] for w in EXPECTED["actions"]]
    extra = [a.text for a in actions if not any(_matches(t, a.text) for t in expected)]
    assert extra == []


def test_page_structure_sections_owners_and_speakers() -> None:
    doc = parse_minutes(decode_minutes(SAMPLE.read_bytes()), "text")
    titles = {s.title: s for s in doc.sections}
    assert titles["QoS and orchestration"].owner_raw == "Paul"
    assert titles["AAI"].owner_raw == "Andrea"
    assert titles["Action list"].level == 1
    updates = titles["Task updates: current activities and short-term plans"]
    assert "Andrea Ceccanti" in {p.name for p in updates.speakers}
    assert doc.sections[titles["AAI"].parent or 0] is updates
    assert {"Paul Millar", "Rizart", "Zheng"} <= {p.name for p in doc.participants}
    affiliations = {p.name: p.affiliation for p in doc.speakers}
    assert affiliations["Paul Millar"] == "DESY"
