"""The clause rules whose task nobody (or only the speaker) takes on by name.

Agreed work, bare modals and imperatives, proposals, hedges, needs and passives. Ranked with
``clause_rules_owned`` into one table by ``clause_rules``; each rule's invented examples, read
with ``EXAMPLE_PEOPLE`` of ``clause_terms``, are run by ``tests/unit/test_clause_rules.py``.
"""

from __future__ import annotations

from wp2bot.domain import clause_agreements as ca
from wp2bot.domain import clause_judges_unowned as cu
from wp2bot.domain import clause_passives as cpv
from wp2bot.domain import clause_terms as ct
from wp2bot.domain import commitment_patterns as cp
from wp2bot.domain import task_patterns as tp
from wp2bot.domain.clause_terms import ClauseRule, Example
from wp2bot.domain.models import Status

UNOWNED_RULES: tuple[ClauseRule, ...] = (
    ClauseRule(
        name="agreed-work",
        rank=115,
        yields="nobody: the work the meeting agreed on",
        pattern=ca.AGREED_WORK,
        gate=ca.says_agreed,
        judge=ca.agreed_work,
        examples=(
            Example("It was agreed to fix the ordering for the next release"),
            Example("Bo showed the example, and the group agreed to open a PR for the cleanup"),
            Example("The team agreed to rewrite the cleanup daemon"),
            Example("The board agreed to hire two engineers for the tape migration"),
        ),
        counter_examples=(
            Example("They agreed to keep the old name for the flag"),
            Example("It was agreed to use the same layout as the other sites"),
            Example("The board agreed to the plan Bo presented"),
            Example("The team agreed to meet again in January"),
        ),
        search=True,
    ),
    ClauseRule(
        name="subjectless-modal",
        rank=70,
        yields="the speaker, else nobody",
        pattern=ct.JUDGE_READS,
        gate=None,
        judge=cu.bare_modal,
        opens=tp.BARE_MODAL,
        examples=(
            Example("Will draft the test plan after Easter"),
            Example("will send the numbers tomorrow", ("Ana Lima",), "Ana Lima"),
        ),
        counter_examples=(Example("Will it be ready in time?"), Example("Should have been done")),
    ),
    ClauseRule(
        name="subjectless-intention",
        rank=65,
        yields="the speaker or section owner, else nobody; tentative for a hope",
        pattern=tp.INTENTION,
        gate=None,
        judge=cu.intention,
        examples=(
            Example("Planning to migrate the pool in May", ("Ana Lima",), "Ana Lima"),
            Example("Hoping to start the tape tests in January", status=Status.TENTATIVE),
        ),
        counter_examples=(Example("Planning to be there in May"), Example("Trying to fix it?")),
    ),
    ClauseRule(
        name="also-imperative",
        rank=60,
        yields="nobody",
        pattern=tp.ALSO_TASK,
        gate=None,
        judge=cu.also_task,
        examples=(Example("Also plan a training module on tokens"),),
        counter_examples=(Example("Also noted the outage last week"),),
    ),
    ClauseRule(
        name="proposal",
        rank=50,
        yields="nobody, tentatively",
        pattern=cp.PROPOSAL,
        gate=ct.holds_word("proposes", "suggests"),
        judge=cu.proposal,
        examples=(
            Example("Bo proposes that we move the call to Thursday", status=Status.TENTATIVE),
        ),
        counter_examples=(Example("Bo proposes that we discuss it later"),),
    ),
    ClauseRule(
        name="hedged-imperative",
        rank=40,
        yields="nobody, tentatively",
        pattern=tp.HEDGED,
        gate=None,
        judge=cu.hedged,
        examples=(Example("Maybe write a short FAQ for the new sites", status=Status.TENTATIVE),),
        counter_examples=(Example("Maybe write a short FAQ?"),),
    ),
    ClauseRule(
        name="unowned-need",
        rank=30,
        yields="nobody",
        pattern=tp.UNOWNED_NEED,
        gate=None,
        judge=cu.unowned_need,
        examples=(
            Example("Let's collect the site answers first"),
            Example("Please send the slides to the list"),
            Example("Needs to renew the host certificate", ("Bo Berg",), "Bo Berg"),
        ),
        counter_examples=(
            Example("Let's get started"),
            Example("We need to do it"),
            Example("Needs to renew the host certificate"),
        ),
    ),
    ClauseRule(
        name="passive-future",
        rank=20,
        yields="the agent named, else nobody",
        pattern=tp.PASSIVE_FUTURE,
        gate=tp.may_be_passive,
        judge=cpv.passive_future,
        examples=(
            Example("The new endpoint should be tested by Carla", ("Carla",)),
            Example("The minutes will be circulated"),
            Example("The constitution needs reviewing before the AGM"),
        ),
        counter_examples=(
            Example("It will be available soon"),
            Example("The pool needs more disks"),
            Example("The site needs something new"),
        ),
    ),
    ClauseRule(
        name="passive-infinitive",
        rank=15,
        yields="the agent named, else nobody",
        pattern=tp.PASSIVE_INFINITIVE,
        gate=ct.holds_word("to be "),
        judge=cpv.passive_infinitive,
        examples=(
            Example("Talks to be finalised"),
            Example("Session booked for Tuesday, slides to be uploaded by Carla", ("Carla",)),
            Example("to be followed up by Carla", ("Carla",)),
        ),
        counter_examples=(
            Example("The fix seems to be merged"),
            Example("Nothing to be done for the old hosts"),
            Example("to be confirmed"),
        ),
        search=True,
    ),
    ClauseRule(
        name="subjectless-passive",
        rank=10,
        yields="nobody",
        pattern=tp.BARE_PASSIVE,
        gate=None,
        judge=cpv.bare_passive,
        examples=(Example("Should be released by the end of May"),),
        counter_examples=(Example("Will be there"),),
    ),
)
