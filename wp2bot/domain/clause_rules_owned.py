"""The clause rules that name who takes the task on: a person, an account, a group, the speaker.

Ranked with ``clause_rules_unowned`` into one table by ``clause_rules``; each rule's invented
examples, read with the meeting's people ``EXAMPLE_PEOPLE`` and the account ``EXAMPLE_ACCOUNT``
of ``clause_terms``, are run by ``tests/unit/test_clause_rules.py``.
"""

from __future__ import annotations

from wp2bot.domain import clause_judges as cj
from wp2bot.domain import clause_terms as ct
from wp2bot.domain import commitment_patterns as cp
from wp2bot.domain import present_tense as pt
from wp2bot.domain import request_patterns as rp
from wp2bot.domain import task_patterns as tp
from wp2bot.domain.clause_terms import ClauseRule, Example
from wp2bot.domain.models import Status

OWNED_RULES: tuple[ClauseRule, ...] = (
    ClauseRule(
        name="ownership",
        rank=190,
        yields="the person taking it over",
        pattern=cp.OWNERSHIP,
        gate=ct.holds_word("tak"),
        judge=cj.ownership,
        examples=(
            Example("Ana takes the lead on the storage survey", ("Ana",)),
            Example("[jdoe42] taking ownership of the cleanup script", ("jdoe42",)),
        ),
        counter_examples=(Example("The test takes over an hour"),),
    ),
    ClauseRule(
        name="handle",
        rank=180,
        yields="the account named",
        pattern=cp.HANDLE_COMMIT,
        gate=ct.says_to_or_will,
        judge=cj.handle,
        examples=(Example("jdoe42 to open an issue about the quota", ("jdoe42",)),),
        counter_examples=(Example("mkowal will run the script"), Example("jdoe42 will be away")),
    ),
    ClauseRule(
        name="group-request",
        rank=170,
        yields="the group asked",
        pattern=ct.JUDGE_READS,
        gate=None,
        judge=cj.group,
        examples=(
            Example("Tier-1s are asked to check the tape endpoints", ("Tier-1s",)),
            Example("Sites running dCache 9 should upgrade soon", ("Sites running dCache 9",)),
        ),
        counter_examples=(Example("Users should be able to log in"),),
    ),
    ClauseRule(
        name="speaker-offer",
        rank=160,
        yields="the speaker",
        pattern=tp.BARE_OFFER,
        gate=None,
        judge=cj.bare_offer,
        examples=(Example("Offered to review the install guide", ("Bo Berg",), speaker="Bo Berg"),),
        counter_examples=(Example("Offered to review the install guide"),),
    ),
    ClauseRule(
        name="plan-label",
        rank=155,
        yields="the speaker, or the person the report is of",
        pattern=tp.PLAN_LABEL,
        gate=ct.holds_word(":"),
        judge=cj.planned,
        examples=(
            Example("Next: send the draft to Ana for comments", ("Bo Berg",), speaker="Bo Berg"),
            Example("To do: print the poster", ("Bo Berg",), speaker="Bo Berg"),
        ),
        counter_examples=(
            Example("Next: send the draft to Ana for comments"),
            Example("Next: the call on Friday", speaker="Bo Berg"),
        ),
    ),
    ClauseRule(
        name="please-person",
        rank=150,
        yields="the person addressed",
        pattern=rp.VOCATIVE,
        gate=ct.holds_word("lease"),
        judge=cj.vocative,
        examples=(
            Example("Ana, please check the transfer logs", ("Ana",)),
            Example("@jdoe42 please rerun the failed tests", ("jdoe42",)),
        ),
        counter_examples=(Example("Zoltan, please check the logs"),),
    ),
    ClauseRule(
        name="asked-person",
        rank=145,
        yields="the person asked",
        pattern=rp.ASKED_PERSON,
        gate=ct.holds_word(" you "),
        judge=cj.asked_person,
        examples=(
            Example(
                "Carla, can you test it on the preprod instance?",
                ("Carla",),
                status=Status.TENTATIVE,
            ),
        ),
        counter_examples=(Example("Zoltan, can you test it on the preprod instance?"),),
    ),
    ClauseRule(
        name="note-for",
        rank=140,
        yields="the person the note is for",
        pattern=rp.FOR_TO,
        gate=ct.says_for_and_to,
        judge=cj.set_for,
        examples=(Example("Note for Carla to send the slides", ("Carla",)),),
        counter_examples=(Example("Note for Carla to the effect that it works"),),
    ),
    ClauseRule(
        name="asked-named",
        rank=138,
        yields="the person asked",
        pattern=rp.ASKED_NAMED,
        gate=ct.says_asked,
        judge=cj.asked_named,
        examples=(
            Example("We asked Carla to send the slides to the list", ("Carla",)),
            Example("The chair reminded Ana to book the room", ("Ana",)),
            Example("Ana asked everybody to update the site table", ("all",)),
            Example("Bo asked all sites to check the CRL updates", ("all sites",)),
        ),
        counter_examples=(
            Example("We asked Carla to the vendor meeting"),
            Example("Bo asked questions to the speakers"),
        ),
    ),
    ClauseRule(
        name="speaker-can",
        rank=130,
        yields="the speaker, tentatively",
        pattern=tp.SPOKEN_OFFER,
        gate=ct.opens_with_c,
        judge=cj.spoken_offer,
        examples=(
            Example("can review the drafts", ("Ana Lima",), "Ana Lima", status=Status.TENTATIVE),
        ),
        counter_examples=(
            Example("can review the drafts?", speaker="Ana Lima"),
            Example("can review the drafts"),
        ),
    ),
    ClauseRule(
        name="named-pronoun",
        rank=125,
        yields="the person named before",
        pattern=cp.NAMED_PRONOUN,
        gate=None,
        judge=cj.named_pronoun,
        examples=(
            Example("She will circulate the draft", ("Ana Lima",), "Ana Lima", named=True),
            Example("he'll book the room", ("Bo Berg",), "Bo Berg", later=True, named=True),
        ),
        counter_examples=(
            Example("She will circulate the draft", speaker="Ana Lima"),
            Example("She will be away next week", speaker="Ana Lima", named=True),
            Example("He will book the room", speaker="Ana Lima, Bo Berg", named=True),
        ),
    ),
    ClauseRule(
        name="commitment",
        rank=120,
        yields="the subject (the author for 'I'; nobody for 'we' and passives)",
        pattern=cp.COMMITMENT,
        gate=None,
        judge=cj.commitment,
        examples=(
            Example("Bo will renew the host certificate", ("Bo",)),
            Example("Ana and Carla to draft the FAQ", ("Ana and Carla",)),
            Example("I will circulate the notes"),
            Example("We'll rerun the deletion campaign next week (Ana)", ("Ana",)),
            Example("The Release Notes will be sent around by Ana", ("Ana",)),
            Example("Someone needs to check the quotas"),
        ),
        counter_examples=(
            Example("Bo will be happy with that"),
            Example("Ana wants to keep the old layout"),
            Example("We can do it"),
            Example("The team agreed to rewrite the cleanup daemon"),
            Example("ACME plans to retire its old tape library in Q1"),
        ),
    ),
    ClauseRule(
        name="action-for",
        rank=110,
        yields="the people the action is on",
        pattern=cp.ACTION_FOR,
        gate=cp.may_name_action,
        judge=cj.action_for,
        examples=(Example("We agreed an action for Bo to update the wiki", ("Bo",)),),
        counter_examples=(Example("An action for 2025 to plan"),),
        search=True,
    ),
    ClauseRule(
        name="volunteers",
        rank=100,
        yields="the volunteer",
        pattern=cp.VOLUNTEERS,
        gate=ct.holds_word("volunteer"),
        judge=cj.volunteers,
        examples=(Example("Carla volunteers", ("Carla",)), Example("I volunteered")),
        counter_examples=(Example("We volunteered"),),
    ),
    ClauseRule(
        name="input-from",
        rank=97,
        yields="the people the input is asked of",
        pattern=tp.INPUT_FROM,
        gate=ct.holds_word(" from "),
        judge=cj.input_from,
        examples=(
            Example("Input from the site admins is needed before Friday", ("the site admins",)),
            Example("Feedback from Carla is expected by the end of May", ("Carla",)),
        ),
        counter_examples=(Example("Input from the survey is needed for the report"),),
    ),
    ClauseRule(
        name="present-commitment",
        rank=95,
        yields="the subject, when the clause looks ahead or hands work on",
        pattern=pt.PRESENT_COMMIT,
        gate=pt.may_commit_in_present,
        judge=cj.present_commitment,
        examples=(
            Example("Bo updates the group on the migration, ETA end of the year", ("Bo",)),
            Example("Carla circulates the draft to the list", ("Carla",)),
            Example("Ana fixes the broken links by Friday", ("Ana",)),
        ),
        counter_examples=(
            Example("Bo shows the new dashboard"),
            Example("Ana presents the results next week"),
            Example("Zoltan fixes the links by Friday"),
        ),
    ),
    ClauseRule(
        name="work-under-way",
        rank=94,
        yields="the known person named as doing it",
        pattern=pt.UNDER_WAY,
        gate=pt.may_be_under_way,
        judge=cj.under_way,
        examples=(
            Example("Timeouts on large files. Under investigation by Carla", ("Carla",)),
            Example("The pool is being looked at by Bo", ("Bo",)),
        ),
        counter_examples=(
            Example("The pool is being looked at by the vendor"),
            Example("Under investigation by Friday"),
        ),
        search=True,
    ),
    ClauseRule(
        name="ongoing-work",
        rank=94,
        yields="the known person doing it",
        pattern=pt.PROGRESSIVE,
        gate=pt.may_be_ongoing,
        judge=cj.ongoing_work,
        examples=(
            Example("Carla checking the new logo", ("Carla",)),
            Example("Bo still setting up the test cluster", ("Bo",)),
            Example("One disk failed, Bo is chasing the vendor", ("Bo",)),
            Example("Carla is looking into the crashes", ("Carla",)),
        ),
        counter_examples=(
            Example("Ana presenting the results"),
            Example("Zoltan checking the logo"),
            Example("Bo being away next week"),
            Example("CERN working groups"),
            Example("Ana working to drive the staging workflow"),
            Example("Ana is looking at the slides"),
        ),
        search=True,
    ),
    ClauseRule(
        name="reporting-subject",
        rank=90,
        yields="subject",
        pattern=cp.PAST_SUBJECT,
        gate=None,
        judge=cj.past_subject,
        examples=(
            Example("Bo tested the patch on two hosts", ("Bo",)),
            Example("Bo still sees slow deletions", ("Bo",)),
        ),
        counter_examples=(Example("Nobody tested the patch"),),
    ),
    ClauseRule(
        name="subjectless-will",
        rank=80,
        yields="the subject of the sentence",
        pattern=tp.BARE_WILL,
        gate=None,
        judge=cj.bare_will,
        examples=(Example("will make a PR", ("Bo Berg",), "Bo Berg", later=True),),
        counter_examples=(
            Example("will make a PR", later=True),
            Example("will make a PR", speaker="Bo Berg"),
        ),
    ),
)
