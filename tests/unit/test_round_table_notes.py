"""Round-table notes: the owner a section title names, "Name: task" labels, a report followed
by a commitment, a marker opening a later sentence.

All minutes here are invented."""

from __future__ import annotations

from datetime import date

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import ExtractedAction, MeetingContext, Participant, Roster

PEOPLE = tuple(Participant(n) for n in ("Hanna Olsen", "Ravi Menon", "Ines Dubois", "Kim Park"))
CTX = MeetingContext(meeting_date=date(2026, 5, 6), participants=PEOPLE)  # a Wednesday


def owners_of(text: str) -> dict[str, list[str]]:
    found: list[ExtractedAction] = extract_actions(parse_minutes(text, "markdown"), CTX, Roster())
    return {a.text: [o.name for o in a.owners] for a in found}


def test_a_sentence_without_subject_under_a_titled_owner_is_theirs() -> None:
    found = owners_of(
        "# Storage round-table\n\n"
        "## Lund (Hanna)\n"
        "- The new tape library is in production.\n"
        "- Will send the pool layout to the list by Friday.\n\n"
        "## Pune\n"
        "- Will move the gateway to the new subnet.\n\n"
        "## News (Kim)\n"
        "- A release manager was hired for the autumn. Will take care of the release notes.\n"
    )
    # (a site's title with its speaker: the site's and the speaker's, as a round-table bullet)
    assert found["Will send the pool layout to the list by Friday."] == ["Lund", "Hanna Olsen"]
    assert found["Will move the gateway to the new subnet."] == []  # no one is named
    # the second sentence continues the first one's subject, not the title's owner
    assert not any("release notes" in text and owners for text, owners in found.items())


def test_name_labels_in_a_list_of_tasks_name_the_owner() -> None:
    found = owners_of(
        "# Storage round-table\n\n"
        "## Sites\n"
        "- Ravi: upgrade the cache nodes to the new release\n"
        "- Ines: check the checksum errors on the export pool\n"
    )
    assert found["upgrade the cache nodes to the new release"] == ["Ravi Menon"]
    assert found["check the checksum errors on the export pool"] == ["Ines Dubois"]


def test_an_instruction_inside_a_discussion_stays_unowned() -> None:
    found = owners_of(
        "# Design call\n\n"
        "## Token scopes\n"
        "Kim: do we still need the legacy scope at all?\n"
        "Ravi: the old clients still send it, so yes for now\n"
        "Kim: then add a sentence on the legacy scope to the draft\n"
    )
    assert found["then add a sentence on the legacy scope to the draft"] == []


def test_a_report_then_a_commitment_of_the_same_person() -> None:
    found = owners_of(
        "# Storage round-table\n\n## Sites\n"
        "- Ravi still sees slow deletions and will open a ticket with the vendor.\n"
        "- Hanna reports green transfers; Ines now runs the old client and will upgrade it.\n"
        "- The pools were rebalanced and will be monitored for a week.\n"
    )
    assert [o for t, o in found.items() if "open a ticket" in t] == [["Ravi Menon"]]
    assert [o for t, o in found.items() if "upgrade it" in t] == [["Ines Dubois"]]


def test_a_marker_that_opens_a_later_sentence() -> None:
    found = owners_of(
        "# Storage round-table\n\n## Tokens\n"
        "- Kim asked whether the old scope can stay. Action on Ravi: ask the VO about it.\n"
        "- The plots look fine. Action Hanna: publish them on the wiki.\n"
        "- No Action needed. Everything else is on track.\n"
    )
    assert found["ask the VO about it."] == ["Ravi Menon"]
    assert found["publish them on the wiki."] == ["Hanna Olsen"]
    assert len(found) == 2


def test_a_site_title_with_the_full_name_after_a_long_dash_owns_its_reports() -> None:
    doc = parse_minutes(
        "Present: Greta Holm, Ivo Petrov\n\n## Round table\n\n### North — Greta Holm\n"
        "- Disk pool rolled out\n- Will enable the tape API next week\n",
        "markdown",
    )
    [found] = extract_actions(doc, MeetingContext(meeting_date=date(2026, 3, 11)), Roster())
    assert [o.name for o in found.owners] == ["Greta Holm"]


def test_we_in_a_sites_labelled_report_is_the_site() -> None:
    doc = parse_minutes(
        "Present: Greta Holm, Ivo Petrov\n\n## Round table\n\n"
        "North (Greta): tape fine. We will send the logs to the developers.\n",
        "markdown",
    )
    [found] = extract_actions(doc, MeetingContext(meeting_date=date(2026, 3, 11)), Roster())
    assert [o.name for o in found.owners] == ["North", "Greta Holm"]


def test_could_opening_a_later_sentence_of_a_labelled_report_is_its_owners_offer() -> None:
    doc = parse_minutes(
        "Present: Greta Holm, Ivo Petrov\n\n## Updates\n\n"
        "**Greta** — Ran the workshop. Could run a second one in July if there is demand.\n\n"
        "- Could push the analysis back to the collection\n",
        "markdown",
    )
    [found] = extract_actions(doc, MeetingContext(meeting_date=date(2026, 3, 11)), Roster())
    assert ([o.name for o in found.owners], found.status.value) == (["Greta Holm"], "tentative")
