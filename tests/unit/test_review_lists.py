"""Reviews of earlier actions written tersely: a numbered section's title over a list of other
marks, a tick in the box before initials, "prev. actions", owners joined by "+" with an account,
and a site's open question that is no task. The minutes are invented."""

from __future__ import annotations

from datetime import date

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import LineKind, MeetingContext, Participant, Roster, Status

PEOPLE = ("Sara Kohl", "Jon Pérez", "Uma Berg", "Mia Dekker", "Sem Bakker", "Rob Kapoor")
PEOPLE_CTX = tuple(Participant(n) for n in PEOPLE)
CTX = MeetingContext(meeting_date=date(2026, 2, 10), participants=PEOPLE_CTX)
MINUTES = """Minutes

Participants: Sara Kohl (SK), Jon Pérez (JP), Uma Berg (UB), Mia Dekker (MD), Sem Bakker, Rob Kapoor

2. Follow-up (AIs of 27/01)
* [✔] SK – add the tape RSE to the Rucio instance
* JP – transfer dashboard for the Tier-1 → ongoing

* prev. actions
  * UB chk FTS cfg for the new VO -> done
  * MD + sbakker: dCache upgrade plan for the grid storage -> ongoing
* Nikhef (Rob)
  * rkapoor + sbakker to set up the new RSE, in two weeks
  * open q: does the experiment need tokens before the summer? nobody knows yet.
"""


def _found() -> dict[str, tuple[list[str], Status]]:
    found = extract_actions(parse_minutes(MINUTES, "text"), CTX, Roster())
    return {a.text: ([o.name for o in a.owners], a.status) for a in found}


def test_a_numbered_title_over_a_list_of_other_marks_is_a_section() -> None:
    doc = parse_minutes(MINUTES, "text")
    assert [line.text for line in doc.lines if line.kind is LineKind.HEADING] == [
        "Minutes",
        "Follow-up (AIs of 27/01)",
    ]


def test_terse_reviews_give_each_entry_its_owners_and_state() -> None:
    found = _found()
    assert found["add the tape RSE to the Rucio instance"] == (["Sara Kohl"], Status.DONE)
    assert found["transfer dashboard for the Tier-1 → ongoing"] == (["Jon Pérez"], Status.OPEN)
    assert found["UB chk FTS cfg for the new VO -> done"] == (["Uma Berg"], Status.DONE)
    assert found["dCache upgrade plan for the grid storage -> ongoing"] == (
        ["Mia Dekker", "Sem Bakker"],
        Status.OPEN,
    )
    assert found["rkapoor + sbakker to set up the new RSE, in two weeks"][0] == [
        "Rob Kapoor",
        "Sem Bakker",
    ]
    assert not any(text.startswith("open q") for text in found)


EARLIER = """# WG

### Azioni dalle riunioni precedenti

1. **etamburini** — release notes for site admins → *FATTO* (pubblicate il 5/11)

### 2. Actions

2.2 ACTION UB (from 23 Jan): move the squids to the new RPMs – ongoing, two of five done.
2.4 ACTION SK (from 9 Jan): draft a replication schedule – withdrawn, superseded by 3.3.
"""


def test_reviews_of_the_meetings_before_with_accounts_and_their_origin() -> None:
    ctx = MeetingContext(
        meeting_date=date(2026, 2, 10),
        participants=(*PEOPLE_CTX, Participant("Enza Tamburini")),
    )
    found = extract_actions(parse_minutes(EARLIER, "markdown"), ctx, Roster())
    assert [(a.text, [o.name for o in a.owners], a.status, a.due) for a in found] == [
        (
            "release notes for site admins → FATTO (pubblicate il 5/11)",
            ["Enza Tamburini"],
            Status.DONE,
            None,
        ),
        (
            "move the squids to the new RPMs – ongoing, two of five done.",
            ["Uma Berg"],
            Status.OPEN,
            None,
        ),
        (
            "draft a replication schedule – withdrawn, superseded by 3.3.",
            ["Sara Kohl"],
            Status.DONE,
            None,
        ),
    ]
