"""Carry-over decides on the details: look-alike tasks at other places or dates stay apart."""

from __future__ import annotations

from datetime import date

import pytest

from wp2bot.domain.carryover import Statement, Verdict, best_match, judge
from wp2bot.domain.models import Due, ExtractedAction, Owner, OwnerKind, Status
from wp2bot.domain.reconcile import plan_ingest
from wp2bot.domain.tracking import ActionRecord, Review, fingerprint

D1, D2 = date(2031, 5, 2), date(2031, 5, 16)


def said(
    text: str, owner: str = "Ines Varga", due: date | None = None, phrase: str = ""
) -> Statement:
    return Statement(text, (owner,) if owner else (), due, phrase or None)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # the same sentence restated
        (said("Upgrade dCache at MOONBASE"), said("Upgrade dCache at MOONBASE")),
        # a status word added, a verb's form changed
        (said("Upgrade dCache at MOONBASE"), said("Still upgrading dCache at MOONBASE, ongoing")),
        # a relative deadline moves with the meeting: the phrase is the same
        (
            said("Renew the grid certificates by next meeting", due=D1, phrase="by next meeting"),
            said("Renew the grid certificates by next meeting", due=D2, phrase="by next meeting"),
        ),
        # no deadline restated: nothing conflicts
        (
            said("Renew the grid certificates", due=D1, phrase="by 2 May"),
            said("Renew the grid certificates"),
        ),
        # the owner's name in the text is not a detail of the task
        (
            said("Ines Varga to draft the tape report"),
            said("Ines Varga will draft the tape report"),
        ),
    ],
)
def test_restatements_are_the_same_task(old: Statement, new: Statement) -> None:
    assert judge(old, new).verdict is Verdict.SAME


@pytest.mark.parametrize(
    ("old", "new", "why"),
    [
        # another site, another date: the case that used to be merged
        (
            said("Upgrade dCache at MOONBASE by 2 May", due=D1, phrase="by 2 May"),
            said("Upgrade dCache at LAKESIDE by 16 May", due=D2, phrase="by 16 May"),
            "moonbase became lakeside",
        ),
        # another endpoint
        (
            said("Fix the TPC test against door1.moon.example"),
            said("Fix the TPC test against door2.moon.example"),
            "door1.moon.example became door2.moon.example",
        ),
        # another number
        (said("Drain pool 3 before the move"), said("Drain pool 4 before the move"), "3 became 4"),
        # another version
        (
            said("Deploy XRootD 5.6 on the gateways"),
            said("Deploy XRootD 5.7 on the gateways"),
            "5.6",
        ),
        # another experiment
        (said("Send the ATLAS usage numbers"), said("Send the CMS usage numbers"), "atlas"),
    ],
)
def test_other_details_make_a_new_task(old: Statement, new: Statement, why: str) -> None:
    found = judge(old, new)
    assert found.verdict is Verdict.DIFFERENT
    assert why in found.reason


@pytest.mark.parametrize(
    ("old", "new", "why"),
    [
        # an explicit deadline that differs: maybe postponed, maybe another task
        (
            said("Upgrade dCache at MOONBASE by 2 May", due=D1, phrase="by 2 May"),
            said("Upgrade dCache at MOONBASE by 16 May", due=D2, phrase="by 16 May"),
            "deadline 2031-05-02 became 2031-05-16",
        ),
        # a detail only the new statement gives
        (
            said("Upgrade dCache at MOONBASE"),
            said("Upgrade dCache at MOONBASE to 11.2"),
            "now mentions 11.2",
        ),
        # another object in lower-case words
        (said("Renew the host certificates"), said("Renew the robot certificates"), "host"),
        # somebody else
        (
            said("Draft the tape report"),
            said("Draft the tape report", owner="Oskar Lund"),
            "owners",
        ),
    ],
)
def test_near_matches_are_left_to_the_chair(old: Statement, new: Statement, why: str) -> None:
    found = judge(old, new)
    assert found.verdict is Verdict.UNSURE
    assert why in found.reason


def test_unrelated_wording_is_different() -> None:
    found = judge(said("Order new tape cartridges"), said("Write the perfSONAR how-to"))
    assert found.verdict is Verdict.DIFFERENT


def test_best_match_prefers_the_same_task_over_a_look_alike() -> None:
    new = said("Upgrade dCache at LAKESIDE")
    olds = [(1, said("Upgrade dCache at MOONBASE")), (2, said("Upgrade dCache at LAKESIDE"))]
    found = best_match(new, olds)
    assert found is not None
    assert found[0] == 2
    assert found[1].verdict is Verdict.SAME
    assert best_match(said("Upgrade dCache at RIVERTON"), olds[:1]) is None


# ------------------------------------------------------------------- the ingest plan
def owner(name: str) -> Owner:
    return Owner(name, name, OwnerKind.PERSON)


def stored(rid: int, text: str, due: date | None, phrase: str | None) -> ActionRecord:
    return ActionRecord(
        id=rid, text=text, owners=(owner("Ines Varga"),), status=Status.OPEN,
        review=Review.ACCEPTED, due=due, due_phrase=phrase, fingerprint=fingerprint(text),
    )  # fmt: skip


def extracted(text: str, due: date | None = None, phrase: str = "") -> ExtractedAction:
    return ExtractedAction(
        text=text, owners_raw=("Ines",), owners=(owner("Ines Varga"),),
        due=Due(phrase, due) if due else None, status=Status.OPEN, section="Actions", line=3,
        source_text=text,
    )  # fmt: skip


def test_plan_keeps_the_old_deadline_and_creates_the_other_site() -> None:
    old = stored(7, "Upgrade dCache at MOONBASE by 2 May", D1, "by 2 May")
    new = extracted("Upgrade dCache at LAKESIDE by 16 May", D2, "by 16 May")
    plan = plan_ingest([new], [], [old])
    assert plan.create == (new,)
    assert plan.carried == ()
    assert plan.linked == ()


def test_plan_links_an_undecided_restatement_to_the_old_item() -> None:
    old = stored(7, "Upgrade dCache at MOONBASE by 2 May", D1, "by 2 May")
    new = extracted("Upgrade dCache at MOONBASE by 16 May", D2, "by 16 May")
    plan = plan_ingest([new], [], [old])
    assert plan.carried == ()
    assert plan.create == ()
    assert [(link.similar_to, link.item) for link in plan.linked] == [(7, new)]
    assert "deadline" in plan.linked[0].reason


def test_plan_lets_the_closest_restatement_carry_the_old_item() -> None:
    old = stored(7, "Upgrade dCache at MOONBASE", None, None)
    first = extracted("Still upgrading dCache at MOONBASE, ongoing")
    second = extracted("Upgrade dCache at MOONBASE")
    plan = plan_ingest([first, second], [], [old])
    assert plan.carried == ((7, second),)
    assert [link.item for link in plan.linked] == [first]
