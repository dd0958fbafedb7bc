"""Owners written as accounts and in table cells: an account over its tasks ("@jmbarros:"),
accounts built from initials ("mlchou", "jmbarros"), a mention then a dash, a remark in brackets
that names nobody, and a partner with its person in an owner cell. The minutes are invented."""

from __future__ import annotations

from datetime import date

import pytest

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import MeetingContext, Participant, Roster
from wp2bot.domain.names import handle_fits

PEOPLE = ("Joana Barros", "Mei-Ling Chou", "Sebastian Vogt", "Julien Marchand")
CTX = MeetingContext(
    meeting_date=date(2024, 4, 16), participants=tuple(Participant(n) for n in PEOPLE)
)
MINUTES = """# Weekly sync

### Docs

- @jmbarros:
  - [ ] move the tutorial pages from the wiki into the docs
  - [ ] fix the broken search on the docs site (the search key expired)
- @mlchou might try the new cache variant if she gets time after the release.

### Carried over

- [ ] @svogt — finish the #598 review (carried over)

### Partners

| # | Action | Owner | Due |
|---|---|---|---|
| A-23 | Review the interface specification | CNRS (Julien) | 22 May |
"""


def _found() -> dict[str, list[str]]:
    found = extract_actions(parse_minutes(MINUTES, "markdown"), CTX, Roster())
    return {a.text: [o.name for o in a.owners] for a in found}


def test_accounts_and_cells_name_their_owners() -> None:
    assert _found() == {
        "move the tutorial pages from the wiki into the docs": ["Joana Barros"],
        "fix the broken search on the docs site (the search key expired)": ["Joana Barros"],
        "@mlchou might try the new cache variant if she gets time after the release.": [
            "Mei-Ling Chou"
        ],
        "finish the #598 review (carried over)": ["Sebastian Vogt"],
        "Review the interface specification": ["CNRS", "Julien Marchand"],
    }


@pytest.mark.parametrize(
    ("handle", "name", "fits"),
    [
        ("mlchou", "Mei-Ling Chou", True),  # the initials of the given names, the surname
        ("jmbarros", "Joana Barros", True),  # an initial, a middle initial, the surname
        ("jbarros", "Joana Barros", True),
        ("mbarros", "Joana Barros", False),
        ("jmbarro", "Joana Barros", False),
    ],
)
def test_an_account_built_from_initials_fits_its_name(handle: str, name: str, fits: bool) -> None:
    assert handle_fits(handle, name) is fits


def test_a_trackers_tickets_are_no_actions_unless_someone_is_given_them() -> None:
    tickets = (
        "# Ops\n\n### Open tickets\n\n| Ticket | Site | Opened | State | Subject |\n"
        "|---|---|---|---|---|\n| 159211 | PSNC | 12 Sep | solved | door unreachable during power "
        "work |\n| 159340 | CNAF | 14 Sep | in progress | frontend restart loop |\n\n"
        "### Assigned tickets\n\n| Ticket | Owner | Task |\n|---|---|---|\n"
        "| 159502 | Julien | renew the expired host certificate |\n"
    )
    found = extract_actions(parse_minutes(tickets, "markdown"), CTX, Roster())
    assert [(a.text, [o.name for o in a.owners]) for a in found] == [
        ("renew the expired host certificate", ["Julien Marchand"])
    ]
