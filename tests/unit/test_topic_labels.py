"""Owners written over nested bullets without a colon, and tasks handed on inside a report.

The minutes are invented for these tests.
"""

from __future__ import annotations

from datetime import date

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import MeetingContext, Participant, Roster

PEOPLE = ("Marek Zielinski", "Ines Carvalho", "Roel Smit", "Kirsty McLeod", "Tobias Frank")
MINUTES = """# Notes

### Work items

* Collector & pipeline (Marek)
    * move the collector from the VM to the cluster
    * TODO: add a dead-letter queue to the consumer
* Dashboards — Ines & Roel
    * rebuild the transfers panel with the new attributes
* **Sites**
    * AARNet (Kirsty): EOS 5 is in. -> Kirsty: open the firewall for the collector.
    * GSI (Tobias): nothing new.
"""


def _owners() -> dict[str, list[str]]:
    ctx = MeetingContext(
        meeting_date=date(2026, 12, 1), participants=tuple(Participant(n) for n in PEOPLE)
    )
    found = extract_actions(parse_minutes(MINUTES, "markdown"), ctx, Roster())
    return {a.text: [o.name for o in a.owners] for a in found}


def test_a_topic_over_nested_tasks_gives_them_its_person_and_a_marker_under_it_too() -> None:
    owners = _owners()
    assert owners["move the collector from the VM to the cluster"] == ["Marek Zielinski"]
    assert owners["add a dead-letter queue to the consumer"] == ["Marek Zielinski"]


def test_a_topic_and_its_people_after_a_dash_own_the_tasks_under_it() -> None:
    owners = _owners()
    assert owners["rebuild the transfers panel with the new attributes"] == [
        "Ines Carvalho",
        "Roel Smit",
    ]


def test_an_arrow_inside_a_report_hands_the_task_to_the_one_named() -> None:
    assert _owners()["open the firewall for the collector."] == ["Kirsty McLeod"]


REVIEW = """# Notes

### Status of the last AIs

* ✔ Marek: enable token auth on the test endpoint
* Ines: token refresh with IAM – still failing after 6h, ongoing
* RS – ask AARNet for the mesh results: ✅ got them
* KM – switch the RSE to WebDAV only: **done**
"""


def test_follow_ups_with_a_tick_first_a_still_failing_state_and_a_dash_owner() -> None:
    ctx = MeetingContext(
        meeting_date=date(2026, 12, 1), participants=tuple(Participant(n) for n in PEOPLE)
    )
    found = extract_actions(parse_minutes(REVIEW, "markdown"), ctx, Roster())
    assert [(a.text, [o.name for o in a.owners], a.status.value) for a in found] == [
        ("enable token auth on the test endpoint", ["Marek Zielinski"], "done"),
        ("token refresh with IAM – still failing after 6h, ongoing", ["Ines Carvalho"], "open"),
        ("ask AARNet for the mesh results", ["Roel Smit"], "done"),
        ("switch the RSE to WebDAV only", ["Kirsty McLeod"], "done"),
    ]


TAIL_LABELS = """# Notes

* Storage migration at the Tier-1, coordinated by Roel:
    * move the tape buffer to the new pool
    * update the GOCDB entry by Friday
* Next steps for the FTS upgrade, Ines & Tobias:
    * test the new version on the preprod instance
* Results of the last campaign, as reported by Kirsty:
    * throughput was 20 % lower than in May
* Open points, Unknown Person:
    * decide on the retention policy
"""


def test_people_at_the_end_of_a_parent_line_own_the_tasks_under_it() -> None:
    ctx = MeetingContext(
        meeting_date=date(2026, 12, 1), participants=tuple(Participant(n) for n in PEOPLE)
    )
    found = extract_actions(parse_minutes(TAIL_LABELS, "markdown"), ctx, Roster())
    owners = {a.text: [o.name for o in a.owners] for a in found}
    assert owners["move the tape buffer to the new pool"] == ["Roel Smit"]
    assert owners["update the GOCDB entry by Friday"] == ["Roel Smit"]
    assert owners["test the new version on the preprod instance"] == [
        "Ines Carvalho",
        "Tobias Frank",
    ]
    # a report's line is no task, and a name nobody at the meeting has owns nothing
    assert "throughput was 20 % lower than in May" not in owners
    assert owners.get("decide on the retention policy", []) == []
