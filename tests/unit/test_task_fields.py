"""Fields a task manager writes after a task: Obsidian Tasks' signs ("📅 2026-12-10"), Dataview
fields ("[due:: ...]"), an export's labelled fields ("Assignee: ... Due: ..."), mentions after
the task ("... @bo"). Invented notes."""

from __future__ import annotations

from datetime import date

import pytest

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import ExtractedAction, MeetingContext, Participant, Roster, Status
from wp2bot.domain.task_fields import TaskFields, task_fields

PEOPLE = tuple(Participant(n) for n in ("Alice Martin", "Bob Chen", "Karin Berg"))
CTX = MeetingContext(meeting_date=date(2026, 12, 2), participants=PEOPLE)  # a Wednesday


def run(text: str) -> list[ExtractedAction]:
    return extract_actions(parse_minutes(text, "markdown"), CTX, Roster())


def summary(found: ExtractedAction) -> tuple[str, list[str], str, Status]:
    due = found.due.date.isoformat() if found.due and found.due.date else ""
    return found.text, [o.name for o in found.owners], due, found.status


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        ("Renew the keys", None),
        ("Renew the keys 📅 2026-12-10 ⏫", TaskFields("Renew the keys", due="2026-12-10")),
        ("Publish the page ✅ 2026-12-01", TaskFields("Publish the page")),
        (
            "Rotate the logs 🔁 every week 🛫 2026-12-03 📅 2026-12-10",
            TaskFields("Rotate the logs", due="2026-12-10"),
        ),
        (
            "Check the route [owner:: Bo] [due:: 2026-12-15]",
            TaskFields("Check the route", owner="Bo", due="2026-12-15"),
        ),
        (
            "Update the runbook Assignee: Bo Chen Due: December 10, 2026",
            TaskFields("Update the runbook", owner="Bo Chen", due="December 10, 2026"),
        ),
        ("Owner: Bo - renew the key", None),
        (
            "Ask the vendor (owner: Bo, due: 10 Dec)",
            TaskFields("Ask the vendor", owner="Bo", due="10 Dec"),
        ),
        (
            "Upgrade the cluster. Responsible: Bo. Deadline: 12 December.",
            TaskFields("Upgrade the cluster.", owner="Bo", due="12 December"),
        ),
        ("Ask the vendor (see the owner list)", None),
    ],
)
def test_the_fields_after_a_task(text: str, fields: TaskFields | None) -> None:
    assert task_fields(text) == fields


def test_an_obsidian_task_list_reads_the_signs_and_the_mention_after_the_task() -> None:
    found = run(
        "# Sync 2026-12-02\n\n## Storage\n"
        "- Recall tests are slow.\n"
        "- [ ] Re-run the recall test with 500 files @Bob 📅 2026-12-10\n"
        "- [x] Publish the monitoring dashboard ✅ 2026-12-01 (Alice)\n"
        "- [ ] Check packet loss on the backup route [due:: 2026-12-15] @karin ⏫\n"
        "- [ ] Send the logs to @bob\n"
    )
    assert [summary(f) for f in found] == [
        ("Re-run the recall test with 500 files", ["Bob Chen"], "2026-12-10", Status.OPEN),
        ("Publish the monitoring dashboard", ["Alice Martin"], "", Status.DONE),
        ("Check packet loss on the backup route", ["Karin Berg"], "2026-12-15", Status.OPEN),
        ("Send the logs to @bob", [], "", Status.OPEN),
    ]


def test_an_exported_task_with_labelled_fields_after_it() -> None:
    [item] = run(
        "# Ops 2026-12-02\n\n## Action items\n"
        "- [ ] Update the runbook for the failover  Assignee: Bob Chen  Due: December 10, 2026\n"
    )
    assert summary(item) == (
        "Update the runbook for the failover",
        ["Bob Chen"],
        "2026-12-10",
        Status.OPEN,
    )


def test_mentions_after_a_task_name_every_owner() -> None:
    [item] = run("# Ops\n\n## Action items\n- Draft the FAQ @alice, @karin\n")
    assert summary(item)[:2] == ("Draft the FAQ", ["Alice Martin", "Karin Berg"])


def test_mentions_before_a_task_name_every_owner() -> None:
    found = run(
        "# Ops\n\n## Todo\n- [ ] @bob-c and @karin: benchmark the two stores\n"
        "- [ ] @alice, @bob-c: draft the FAQ\n"
    )
    assert [summary(f)[:2] for f in found] == [
        ("benchmark the two stores", ["Bob Chen", "Karin Berg"]),
        ("draft the FAQ", ["Alice Martin", "Bob Chen"]),
    ]


def test_an_imperative_whose_fields_name_an_owner_is_a_task_outside_an_action_list() -> None:
    found = run(
        "# Ops 2026-12-02\n\n## Notes\n- The vendor has not answered yet.\n"
        "- Follow up with the vendor (owner: Karin, due: 10 Dec)\n"
        "## Network\n- Upgrade the switch firmware. Responsible: Bob. Deadline: 12 December.\n"
    )
    assert [summary(f) for f in found] == [
        ("Follow up with the vendor", ["Karin Berg"], "2026-12-10", Status.OPEN),
        ("Upgrade the switch firmware.", ["Bob Chen"], "2026-12-12", Status.OPEN),
    ]


def test_fields_after_the_task_set_apart_by_semicolons() -> None:
    fields = task_fields("Write the runbook for the new pool; owner: Ewan Hill; due 30/09")
    assert fields is not None
    assert (fields.text, fields.owner, fields.due) == (
        "Write the runbook for the new pool",
        "Ewan Hill",
        "30/09",
    )
