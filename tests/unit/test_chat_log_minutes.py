"""Minutes kept in a chat channel and its logs: a meeting bot's "#action" lines and the summary
it writes after them, chat nicks in lower case as owners, and a teleconference's text minutes
whose fields stand over their values ("Present" over "    kim, bo"). Invented minutes."""

from __future__ import annotations

from datetime import date

from wp2bot.domain.actions import extract_actions
from wp2bot.domain.minutes import parse_minutes
from wp2bot.domain.models import ExtractedAction, MeetingContext, Roster

CTX = MeetingContext(meeting_date=date(2026, 12, 2))  # a Wednesday

BOT_LOG = """#startmeeting cache-ops
#topic Cache endpoints
<kim> the new endpoint answers at two sites
#action kim to publish the endpoint list on the wiki
#action bo, lea review the cache how-to by Friday
#endmeeting

Meeting summary
---------------
* Cache endpoints  (kim, 14:00:20)
  * ACTION: kim to publish the endpoint list on the wiki  (kim, 14:05:33)
  * ACTION: bo, lea review the cache how-to by Friday  (kim, 14:08:12)

People present (lines said)
---------------------------
* kim (4)
* bo (3)
* lea (1)
"""

TELECON = """Cache WG teleconference

Present
    Kim_Lee, Bo_Chen, Lea_Moser
Regrets
    Ana_Rios

Cache endpoints

Kim: the endpoint answers at two sites now

ACTION: Kim to publish the endpoint list on the wiki

Summary of action items
    1. Kim to publish the endpoint list on the wiki
    2. Bo to rerun the cache probes
"""


def run(text: str, form: str = "text") -> list[ExtractedAction]:
    return extract_actions(parse_minutes(text, form), CTX, Roster())


def owners(item: ExtractedAction) -> list[str]:
    return [o.name for o in item.owners]


def test_a_meeting_bots_action_lines_are_owned_by_the_nicks_it_lists_as_present() -> None:
    found = {a.text: owners(a) for a in run(BOT_LOG)}
    assert found == {
        "kim to publish the endpoint list on the wiki": ["kim"],
        "bo, lea review the cache how-to by Friday": ["bo", "lea"],
    }


def test_the_bots_summary_restating_each_action_adds_none() -> None:
    assert len(run(BOT_LOG)) == 2


def test_a_two_letter_nick_listed_as_present_owns_its_task() -> None:
    [item] = run("Attendees: kim, bo, lea\n\nACTION: bo to fix the probe\n")
    assert owners(item) == ["bo"]


def test_nicks_or_names_opening_a_listed_item_before_its_verb_own_it() -> None:
    found = {
        a.text: owners(a)
        for a in run(
            "Attendees: kim, bo, lea\n\nAction items:\n- Bo, Lea check the logs\n"
            "- lea rotate the keys\n- bo said it works\n"
        )
    }
    assert found["Bo, Lea check the logs"] == ["bo", "lea"]
    assert found["lea rotate the keys"] == ["lea"]
    assert found["bo said it works"] == []  # a report opens with the nick, no task of bo's


def test_a_field_over_its_indented_value_lists_the_people() -> None:
    doc = parse_minutes(TELECON, "text")
    assert [p.name for p in doc.participants] == ["Kim Lee", "Bo Chen", "Lea Moser"]
    assert [p.name for p in doc.absent] == ["Ana Rios"]


def test_a_title_over_an_indented_list_opens_its_section() -> None:
    doc = parse_minutes(TELECON, "text")
    assert "Summary of action items" in [s.title for s in doc.sections]


def test_a_summary_of_action_items_restating_the_notes_adds_only_its_new_task() -> None:
    found = {a.text: owners(a) for a in run(TELECON)}
    assert found == {
        "Kim to publish the endpoint list on the wiki": ["Kim Lee"],
        "Bo to rerun the cache probes": ["Bo Chen"],
    }


def test_a_commitment_over_its_indented_details_stays_a_task_not_a_title() -> None:
    found = run(
        "Present: Kim Lee, Bo Chen, Lea Moser\n\nKim will check the tape speeds\n"
        "   - at two sites\n\nTape tests at RAL\n   - Bo to rerun them\n"
    )
    assert [(a.text, owners(a)) for a in found] == [
        ("Kim will check the tape speeds", ["Kim Lee"]),
        ("Bo to rerun them", ["Bo Chen"]),
    ]
    assert found[1].section == "Tape tests at RAL"


def test_accounts_written_with_at_signs_in_the_attendees_are_the_owners() -> None:
    found = run(
        "**Attendees:** @kimlee, @bochen, @leamoser\n\n## Action items\n"
        "- [ ] @leamoser to ping the runner admins\n- [x] @bochen merged the fix\n",
        "markdown",
    )
    assert [(owners(a), a.status.value) for a in found] == [
        (["leamoser"], "open"),
        (["bochen"], "done"),
    ]


def test_an_attendees_account_in_brackets_names_them_and_fields_below_stay_apart() -> None:
    text = (
        "Attendees\n  Present: Sung-min Park (smpark), Helene Marchetti (helene),\n"
        "           Olu Adeyemi (olu)\n  Regrets: Bea Leal\n\n"
        "ACTION: smpark to update the spec text by Friday\n"
    )
    doc = parse_minutes(text, "text")
    assert "Helene Marchetti" in [p.name for p in doc.participants]
    [found] = run(text)
    assert owners(found) == ["Sung-min Park"]


def test_an_account_before_the_name_it_stands_for_in_the_attendees() -> None:
    text = (
        "**Attendees:** @tkarvonen (Tuuli Karvonen), @wen.lu (Wen Lu), @nadia-r (Nadia Rahimova)"
        "\n\n## Notes\n\n- @nadia-r can help with the test setup if Wen needs a hand\n"
    )
    doc = parse_minutes(text, "markdown")
    assert [p.name for p in doc.participants] == ["Tuuli Karvonen", "Wen Lu", "Nadia Rahimova"]
    [found] = run(text, "markdown")
    assert (owners(found), found.status.value) == (["Nadia Rahimova"], "tentative")


def test_a_field_over_one_name_a_line() -> None:
    doc = parse_minutes(
        "Participants:\n  Ana Rios (North node, chair)\n  Kim Lee (South node)\n"
        "  Bo Chen (index team, notes)\n\n1. Node status\n\nNorth: stable.\n",
        "text",
    )
    assert [p.name for p in doc.participants] == ["Ana Rios", "Kim Lee", "Bo Chen"]


def test_a_numbered_marker_typed_in_a_chat_with_its_owner_in_brackets() -> None:
    [found] = run(
        "Present: Priya Rao (priya), Kwab Asante (kwab)\n\n"
        "<priya> ACTION-43 (kwab) ping the guidelines group about alternatives\n"
    )
    assert (owners(found), found.text) == (
        ["Kwab Asante"],
        "ping the guidelines group about alternatives",
    )
