"""The commitment rules of one clause in one ranked table: who takes on which task.

Each rule names a category of language, the pattern that finds it, a cheap test run before the
pattern, the judge that reads the match (``clause_judges``) and invented example clauses, with
the owners each gives, that ``tests/unit/test_clause_rules.py`` runs. Rules are tried by rank; the
first whose judge gives a verdict decides, and a rejecting verdict ends the search. The examples
are read with the meeting's people ``EXAMPLE_PEOPLE`` and the account ``EXAMPLE_ACCOUNT``.
"""

from __future__ import annotations

from wp2bot.domain import clause_agreements as ca
from wp2bot.domain import clause_judges as cj
from wp2bot.domain import clause_terms as ct
from wp2bot.domain import commitment_patterns as cp
from wp2bot.domain.clause_terms import Clause, ClauseRule, Example, Verdict
from wp2bot.domain.models import Status
from wp2bot.domain.regex_openers import may_open

EXAMPLE_PEOPLE = ("Ana Lima", "Bo Berg", "Carla Rossi")
EXAMPLE_ACCOUNT = ("Jane Doe", "jdoe42")


_RULES = (
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
        pattern=cp.BARE_OFFER,
        gate=None,
        judge=cj.bare_offer,
        examples=(Example("Offered to review the install guide", ("Bo Berg",), speaker="Bo Berg"),),
        counter_examples=(Example("Offered to review the install guide"),),
    ),
    ClauseRule(
        name="please-person",
        rank=150,
        yields="the person addressed",
        pattern=cp.VOCATIVE,
        gate=ct.holds_word("lease"),
        judge=cj.vocative,
        examples=(
            Example("Ana, please check the transfer logs", ("Ana",)),
            Example("@jdoe42 please rerun the failed tests", ("jdoe42",)),
        ),
        counter_examples=(Example("Zoltan, please check the logs"),),
    ),
    ClauseRule(
        name="note-for",
        rank=140,
        yields="the person the note is for",
        pattern=cp.FOR_TO,
        gate=ct.says_for_and_to,
        judge=cj.set_for,
        examples=(Example("Note for Carla to send the slides", ("Carla",)),),
        counter_examples=(Example("Note for Carla to the effect that it works"),),
    ),
    ClauseRule(
        name="speaker-can",
        rank=130,
        yields="the speaker, tentatively",
        pattern=cp.SPOKEN_OFFER,
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
            Example("The Release Notes will be sent around by Ana", ("Ana",)),
            Example("Someone needs to check the quotas"),
        ),
        counter_examples=(
            Example("Bo will be happy with that"),
            Example("Ana wants to keep the old layout"),
            Example("We can do it"),
        ),
    ),
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
        ),
        counter_examples=(
            Example("They agreed to keep the old name for the flag"),
            Example("It was agreed to use the same layout as the other sites"),
        ),
        search=True,
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
        pattern=cp.BARE_WILL,
        gate=None,
        judge=cj.bare_will,
        examples=(Example("will make a PR", ("Bo Berg",), "Bo Berg", later=True),),
        counter_examples=(
            Example("will make a PR", later=True),
            Example("will make a PR", speaker="Bo Berg"),
        ),
    ),
    ClauseRule(
        name="subjectless-modal",
        rank=70,
        yields="the speaker, else nobody",
        pattern=ct.JUDGE_READS,
        gate=None,
        judge=cj.bare_modal,
        examples=(
            Example("Will draft the test plan after Easter"),
            Example("will send the numbers tomorrow", ("Ana Lima",), "Ana Lima"),
        ),
        counter_examples=(Example("Will it be ready in time?"), Example("Should have been done")),
    ),
    ClauseRule(
        name="also-imperative",
        rank=60,
        yields="nobody",
        pattern=cp.ALSO_TASK,
        gate=None,
        judge=cj.also_task,
        examples=(Example("Also plan a training module on tokens"),),
        counter_examples=(Example("Also noted the outage last week"),),
    ),
    ClauseRule(
        name="proposal",
        rank=50,
        yields="nobody, tentatively",
        pattern=cp.PROPOSAL,
        gate=ct.holds_word("proposes", "suggests"),
        judge=cj.proposal,
        examples=(
            Example("Bo proposes that we move the call to Thursday", status=Status.TENTATIVE),
        ),
        counter_examples=(Example("Bo proposes that we discuss it later"),),
    ),
    ClauseRule(
        name="hedged-imperative",
        rank=40,
        yields="nobody, tentatively",
        pattern=cp.HEDGED,
        gate=None,
        judge=cj.hedged,
        examples=(Example("Maybe write a short FAQ for the new sites", status=Status.TENTATIVE),),
        counter_examples=(Example("Maybe write a short FAQ?"),),
    ),
    ClauseRule(
        name="unowned-need",
        rank=30,
        yields="nobody",
        pattern=cp.UNOWNED_NEED,
        gate=None,
        judge=cj.unowned_need,
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
        pattern=cp.PASSIVE_FUTURE,
        gate=cp.may_be_passive,
        judge=cj.passive_future,
        examples=(
            Example("The new endpoint should be tested by Carla", ("Carla",)),
            Example("The minutes will be circulated"),
        ),
        counter_examples=(Example("It will be available soon"),),
    ),
    ClauseRule(
        name="subjectless-passive",
        rank=10,
        yields="nobody",
        pattern=cp.BARE_PASSIVE,
        gate=None,
        judge=cj.bare_passive,
        examples=(Example("Should be released by the end of May"),),
        counter_examples=(Example("Will be there"),),
    ),
)
RULES: tuple[ClauseRule, ...] = tuple(sorted(_RULES, key=lambda r: -r.rank))


# The rules, by rank, that can match a clause opening with a character (``regex_openers``; a
# rule that searches anywhere can match after any): most rules read the clause's first words,
# so a clause opening with a lower-case verb or a digit skips most of them.
_BY_OPENING: dict[str, tuple[ClauseRule, ...]] = {}


def _rules_opening_with(ch: str) -> tuple[ClauseRule, ...]:
    rules = _BY_OPENING.get(ch)
    if rules is None:
        rules = tuple(r for r in RULES if r.search or may_open(r.pattern, ch))
        if len(_BY_OPENING) < 1024:  # the characters clauses open with: a few dozen
            _BY_OPENING[ch] = rules
    return rules


def judge_clause(clause: Clause) -> tuple[str, Verdict] | None:
    """The first rule by rank that gives a verdict on the clause, and the verdict; or None."""
    text = clause.text
    for rule in _rules_opening_with(text[:1]):
        if rule.gate is not None and not rule.gate(text):
            continue
        found = rule.pattern.search(text) if rule.search else rule.pattern.match(text)
        if found is None:
            continue
        verdict = rule.judge(clause, found)
        if verdict is not None:
            return rule.name, verdict
    return None
