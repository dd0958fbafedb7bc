"""Owners found from context: brackets, initials, pairs, group plurals and site labels.

All minutes here are invented."""

from __future__ import annotations

from datetime import date

import pytest

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.groups import group_label, group_name, group_request
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import (
    ExtractedAction,
    MeetingContext,
    OwnerKind,
    Participant,
    Roster,
    RosterGroup,
    RosterPerson,
)

PEOPLE = tuple(
    Participant(n) for n in ("Rosa Bianchi", "Nils Tamm", "Jo Hart", "Tarik Oz", "Mira Lund")
)
CTX = MeetingContext(meeting_date=date(2026, 3, 11), participants=PEOPLE)  # a Wednesday


def run(text: str, fmt: str = "markdown", ctx: MeetingContext = CTX) -> list[ExtractedAction]:
    return extract_actions(parse_minutes(text, fmt), ctx, Roster())  # type: ignore[arg-type]


def owners_of(actions: list[ExtractedAction]) -> dict[str, list[str]]:
    return {a.text: [o.name for o in a.owners] for a in actions}


def test_owners_in_brackets_before_the_task() -> None:
    found = owners_of(
        run(
            "# Team call\n\n## Actions\n"
            "- [ ] [RB] Book the room for the spring sprint\n"
            "- [ ] [NT, RB] Connect the shared notes to the wiki\n"
            "- [ ] [all] Read the draft charter\n"
            "- [ ] [RB (to start)] Draft the onboarding page\n"
            "- [Tarik] Ask the vendor about the licence renewal\n"
            "- [WIP] Rework the release checklist\n"
        )
    )
    assert found["Book the room for the spring sprint"] == ["Rosa Bianchi"]
    assert found["Connect the shared notes to the wiki"] == ["Nils Tamm", "Rosa Bianchi"]
    assert found["Read the draft charter"] == ["all"]
    assert found["Draft the onboarding page"] == ["Rosa Bianchi"]
    assert found["Ask the vendor about the licence renewal"] == ["Tarik Oz"]
    assert found["[WIP] Rework the release checklist"] == []


def test_initials_that_spell_a_word_name_the_attendee() -> None:
    people = (Participant("Ari Stone"), Participant("Cleo Evans"), Participant("Dan Holt"))
    ctx = MeetingContext(meeting_date=date(2026, 3, 11), participants=people)
    found = owners_of(
        run(
            "## Actions\n"
            "- [ ] AS: look at the columnar format for the big files\n"
            "- [ ] AS/CE: add a compute section to the project page\n",
            ctx=ctx,
        )
    )
    assert found["look at the columnar format for the big files"] == ["Ari Stone"]
    assert found["add a compute section to the project page"] == ["Ari Stone", "Cleo Evans"]


@pytest.mark.parametrize(
    ("clause", "who"),
    [
        ("Tier-2s are asked to publish their storage endpoints by Friday", "Tier-2s"),
        ("The remaining sites with EL7 nodes are requested to send a date", "sites with EL7 nodes"),
        ("Sites running dCache 8 should upgrade before the summer", "Sites running dCache 8"),
        ("Sites that still use SRM are required to switch it off", "Sites that still use SRM"),
        ("each experiment to provide the list of datasets to keep", "each experiment"),
        ("Storage admins must renew the host certificates this week", "Storage admins"),
        ("To prepare the review, the NRENs are requested to collect the figures", "NRENs"),
        ("everyone to add their name to the sheet", "everyone"),
        ("Please all site admins check the new probes", "all site admins"),
        ("Please note that sites were upgraded", None),
        ("Users should be able to log in with tokens", None),  # a state, not a task
        ("Most sites should see the new dashboard", None),
        ("It seems sites should upgrade", None),
        ("the list of sites to check is long", None),
        ("Alice should send the slides", None),  # a person: the commitment rules judge it
    ],
)  # fmt: skip
def test_requests_addressed_to_a_group(clause: str, who: str | None) -> None:
    found = group_request(clause)
    assert (found.who if found else None) == who


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Tier-1s", "Tier-1 sites"),
        ("all T1s", "Tier-1 sites"),
        ("Tier-2 sites", "Tier-2 sites"),
        ("Sites", "all sites"),
        ("all sites", "all sites"),
        ("each experiment", "all experiments"),
        ("NRENs", "all NRENs"),
        ("Resource Centres still on ARC 6", "resource centres still on ARC 6"),
        ("the remaining sites with EL7 CEs", "sites with EL7 CEs"),
        ("site", None),
        ("Alice", None),
        ("These sites", None),
    ],
)
def test_group_plurals_have_one_spelling(written: str, name: str | None) -> None:
    assert group_name(written) == name


def test_an_item_opened_by_its_group() -> None:
    label = group_label("all T2s: publish the new benchmark values")
    assert label is not None
    assert (label.who, label.task) == ("all T2s", "publish the new benchmark values")
    assert group_label("Alice: publish the values") is None


def test_group_requests_in_minutes_become_group_actions() -> None:
    text = (
        "# Operations meeting\n\n## Storage\n\n"
        "- Storage admins are asked to renew the host certificates before the summer.\n"
        "- Tier-1s are asked to check by the end of the month that the tape endpoints work.\n"
        "- Tarik: all sites to fill in the readiness survey by Friday.\n\n"
        "The plan was shown. To prepare the review, the NRENs are requested to collect the "
        "figures of their sites by the end of March.\n"
    )
    roster = Roster(groups=(RosterGroup("Storage admins", kind="team"),))
    actions = extract_actions(parse_minutes(text, "markdown"), CTX, roster)
    owners = {a.text.split()[0]: a.owners for a in actions}
    assert [o.name for o in owners["Storage"]] == ["Storage admins"]  # the roster's group
    assert [(o.name, o.kind) for o in owners["Tier-1s"]] == [("Tier-1 sites", OwnerKind.GROUP)]
    assert [o.name for o in owners["all"]] == ["all sites"]
    assert [o.name for o in owners["To"]] == ["all NRENs"]


def test_names_with_accented_capitals_and_account_names() -> None:
    people = tuple(
        Participant(n)
        for n in ("Łucja Wrona", "Élise Marin", "Órla Brady", "Kasia Nowik", "Pete Lang")
    )
    ctx = MeetingContext(meeting_date=date(2026, 3, 11), participants=people)
    text = (
        "# Storage meeting\n\n## Round table\n\n"
        "- AI: Łucja to contact the two sites still on the old protocol by Friday\n"
        "- Élise and Órla to document the storage classes on the wiki\n"
        "- knowik: update the reference table with the new results\n"
        "- knowik: summary slide for the board on 14 March\n"
        "- pete: not sure this is the right time for it\n"
        "- knowik to send the poll for the autumn workshop\n"
        "- runners are overloaded → TODO knowik: move the runners to the new cluster\n"
    )
    found = owners_of(run(text, ctx=ctx))
    assert found == {
        "Łucja to contact the two sites still on the old protocol by Friday": ["Łucja Wrona"],
        "Élise and Órla to document the storage classes on the wiki": ["Élise Marin", "Órla Brady"],
        "update the reference table with the new results": ["Kasia Nowik"],
        "summary slide for the board on 14 March": ["Kasia Nowik"],
        "knowik to send the poll for the autumn workshop": ["Kasia Nowik"],
        "move the runners to the new cluster": ["Kasia Nowik"],
    }


def test_deadlines_tied_to_events_dated_elsewhere_in_the_minutes() -> None:
    text = (
        "# Storage group, 11 March 2026\n\n## News\n\n"
        "- Progress review on 20–21 April: the group has a short slot.\n"
        "- Storage admins are asked to upgrade before the end of S14 (24 March).\n"
        "- Ada and Tarik will prepare the group talk for the Lakeside spring workshop "
        "(Bergen, 4–8 May).\n\n"
        "## Actions\n\n"
        "- Nils to demo the new workflow at the progress review\n"
        "- Mira to write the release notes before the end of S14\n"
        "- Jo will switch on the new network before the Lakeside workshop\n"
    )
    due = {a.text: a.due.date if a.due else None for a in run(text)}
    assert due["Nils to demo the new workflow at the progress review"] == date(2026, 4, 20)
    assert due["Mira to write the release notes before the end of S14"] == date(2026, 3, 24)
    assert due["Jo will switch on the new network before the Lakeside workshop"] == date(2026, 5, 4)


def test_an_emphasised_parent_name_and_either_of_two_owners() -> None:
    text = (
        "# Sprint notes\n\n## Updates\n\n"
        " * _Rosa_\n"
        "   * TODO:\n"
        "     * set up the shared calendar\n"
        "     * send a reminder the day before\n"
        " * Please all board members update their entries in the roles table.\n\n"
        "## Action items\n\n"
        " * Nils or Jo: Send the summary to the steering board\n"
    )
    found = owners_of(run(text))
    assert found["set up the shared calendar"] == ["Rosa Bianchi"]
    assert found["send a reminder the day before"] == ["Rosa Bianchi"]
    assert found["Send the summary to the steering board"] == ["Nils Tamm", "Jo Hart"]
    assert found["Please all board members update their entries in the roles table."] == [
        "board members"
    ]


def test_a_bracketed_todo_in_a_report_is_no_task_of_the_reporter() -> None:
    text = (
        "# Hackathon notes\n\n## Reports\n\n"
        " * _Tarik_\n"
        "  * the two build scripts are almost identical, lots of duplication (TODO: open issue)\n"
        "  * the wiki needs its own repository (TODO: Mira to set it up)\n"
    )
    found = owners_of(run(text))
    assert found["open issue"] == []
    assert found["Mira to set it up"] == ["Mira Lund"]


def test_a_two_word_first_name_run_together() -> None:
    people = (Participant("Anne-Marie Vos"), Participant("Femke Dijk"), Participant("Ole Berg"))
    ctx = MeetingContext(meeting_date=date(2026, 3, 11), participants=people)
    text = "# Sync\n\n## Notes\n\n- AnneMarie + Femke to set up the production in two weeks\n"
    found = owners_of(run(text, ctx=ctx))
    assert found["AnneMarie + Femke to set up the production in two weeks"] == [
        "Anne-Marie Vos",
        "Femke Dijk",
    ]


def test_a_helper_named_in_a_later_clause_is_an_owner_too() -> None:
    text = (
        "# Sync\n\n## Notes\n\n"
        "The probe box is not registered (ACTION: Tarik to chase the network team, Mira to help "
        "as needed).\n\n"
        "## Actions\n\n"
        "- Nils to book the room, Jo to help with the catering\n"
        "- Rosa to draft the plan, the vendor to help later\n"
    )
    found = owners_of(run(text))
    assert found["Tarik to chase the network team, Mira to help as needed"] == [
        "Tarik Oz",
        "Mira Lund",
    ]
    assert found["Nils to book the room, Jo to help with the catering"] == ["Nils Tamm", "Jo Hart"]
    assert found["Rosa to draft the plan, the vendor to help later"] == ["Rosa Bianchi"]


SITE_MINUTES = (
    "# Site reports\n\n"
    "- PIC (Dan): Dan to renew the host certificates.\n"
    "- Lyon (Dan):\n  - Dan will drain the old disk servers.\n"
    "- Dan to book the room.\n"
)


def owner_by_task(actions: list[ExtractedAction]) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Each task's last words -> its one owner's name and the candidates kept when ambiguous."""
    found = {}
    for a in actions:
        assert len(a.owners) == 1
        found[" ".join(a.text.split()[-3:])] = (a.owners[0].name, a.owners[0].candidates)
    return found


def test_a_site_label_picks_the_person_at_that_site() -> None:
    people = (
        Participant("Daniel Ruiz", affiliation="PIC"),
        Participant("Daniela Greco", affiliation="Lyon"),
        Participant("Rosa Bianchi"),
    )
    got = owner_by_task(
        run(SITE_MINUTES, ctx=MeetingContext(meeting_date=date(2026, 3, 11), participants=people))
    )
    assert got["the host certificates."] == ("Daniel Ruiz", ())
    assert got["old disk servers."] == ("Daniela Greco", ())
    # outside a label the first name fits both: kept ambiguous, never guessed
    assert got["book the room."] == ("Dan", ("Daniel Ruiz", "Daniela Greco"))


def test_a_site_label_picks_the_roster_member_of_that_site() -> None:
    roster = Roster(
        people=(RosterPerson("Daniel Ruiz", site="PIC"), RosterPerson("Daniela Greco")),
        groups=(RosterGroup("IN2P3-CC", "site", aliases=("Lyon",), members=("Daniela Greco",)),),
    )
    ctx = MeetingContext(meeting_date=date(2026, 3, 11))
    got = owner_by_task(extract_actions(parse_minutes(SITE_MINUTES, "markdown"), ctx, roster))
    assert got["the host certificates."] == ("Daniel Ruiz", ())
    assert got["old disk servers."] == ("Daniela Greco", ())
    assert got["book the room."] == ("Dan", ("Daniel Ruiz", "Daniela Greco"))


ATTENDANCE = (
    "# Storage call\n\n## Attendance\n\n"
    "| Initials | Name | Site |\n|---|---|---|\n"
    "| JvE | Jan van Eck | NIKHEF |\n| KWA | Kim Walters | RAL |\n| KWI | Kim Wiley | PIC |\n\n"
    "## Notes\n\n"
    "- JvE to upgrade the dCache pool nodes.\n"
    "- KWA will send the accounting numbers.\n"
    "- RAL (Kim): Kim to renew the host certificate.\n"
)


def test_people_initials_and_sites_from_an_attendance_table() -> None:
    got = owner_by_task(run(ATTENDANCE, ctx=MeetingContext(meeting_date=date(2026, 3, 11))))
    assert got["dCache pool nodes."] == ("Jan van Eck", ())
    assert got["the accounting numbers."] == ("Kim Walters", ())
    assert got["the host certificate."] == ("Kim Walters", ())


def test_a_table_of_tasks_or_figures_lists_nobody() -> None:
    minutes = (
        "# Call\n\n| Name | Task |\n|---|---|\n| Jan van Eck | upgrade the pools |\n\n"
        "| Site | Name | Used TB |\n|---|---|---|\n| RAL | Echo | 120 |\n"
        "\n## Present\n\n| Name | Site |\n|---|---|\n| Kim Walters | RAL |\n"
    )
    from wp2bot.domain.attendance import attendance_people

    people = attendance_people(parse_minutes(minutes, "markdown"))
    # a task table, and a "Name" column of storage endpoints, list nobody; a roll call does
    assert [(p.name, p.site) for p in people] == [("Kim Walters", "RAL")]
    assert attendance_people(parse_minutes("# Call\n\n- Jan to upgrade\n", "markdown")) == []


NEEDS_UNDER_OWNERS = """\
# Storage call

## Site reports

### PIC (Nils Tamm)

- Needs to rotate the pool certificates.
- The tape drive upgrade went fine.

### Cache ops

- Cache team (Mira Lund):
    - Need to clean the stale cache entries.

## Discussion

- RB: Need to keep an eye on the ingest rate.
- Need to think about the migration in general.
"""


def test_a_need_without_subject_is_the_owner_it_is_written_under() -> None:
    found = owners_of(run(NEEDS_UNDER_OWNERS))
    # (under the site's title with its speaker: theirs both, as under such a bullet)
    assert found["Needs to rotate the pool certificates."] == ["PIC", "Nils Tamm"]
    assert "Mira Lund" in found["Need to clean the stale cache entries."]
    # a speaker's "Need to ..." in a discussion is a view, and a need owned by nobody in a
    # discussion is no task either
    assert not any("ingest rate" in text or "migration" in text for text in found)


@pytest.mark.parametrize("label", ["DESY (Nils):", "DESY (Nils)", "**DESY** (Nils)"])
def test_a_site_label_over_nested_bullets_owns_their_subjectless_commitments(label: str) -> None:
    text = (
        f"# Ops\n\n## Round table\n\n- {label}\n"
        "  - Upgraded the pool nodes last week.\n"
        "  - Will repeat the load test once the new disks arrive.\n"
    )
    assert owners_of(run(text)) == {
        "Will repeat the load test once the new disks arrive.": ["DESY", "Nils Tamm"]
    }


def test_a_name_tag_over_a_question_owns_no_nested_remark() -> None:
    text = (
        "# Ops\n\n## Topics\n\n- [name=Jo] Do we join the documentation sprint?\n"
        "  - the old tutorials will need a review first\n"
    )
    assert all(owners != ["Jo Hart"] for owners in owners_of(run(text)).values())


def test_a_task_with_its_owner_in_brackets_is_no_label_for_what_is_nested() -> None:
    text = "# Ops\n\n## Actions\n\n- Review the plan (Jo)\n  - check the numbers for the pools\n"
    found = owners_of(run(text))
    assert found["Review the plan"] == ["Jo Hart"]
