"""Look-alikes that are no action, in one ranked table: deferrals, decisions, announcements...

A sentence can read like a commitment ("ACTION: revisit in a month", "Agreed to adopt the new
scope", "Bob will be on leave") and still give nobody a task. Each rule names a category of
such language, the pattern that finds it, where it applies (running text, list items), a cheap
pre-test for the slow searches, and invented examples and counter-examples that
``tests/unit/test_non_action_rules.py`` runs. The anchored rules come first: they are cheap and
settle most sentences.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from wp2bot.domain import non_action_patterns as nap
from wp2bot.domain.casefold import lower_safe

Where = Literal["prose", "listed"]


@dataclass(frozen=True, slots=True)
class NonActionRule:
    """One category of language that looks like a task and is none."""

    name: str
    pattern: re.Pattern[str]
    anchored: bool  # the pattern matches at the start of the text (else: anywhere)
    where: frozenset[Where]  # running text, and/or items of an action list
    rank: int  # higher first
    gate: Callable[[str], bool] | None  # on lower-cased ASCII text: False means no match
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...] = ()

    def fires(self, text: str, lower: str | None) -> bool:
        """The rule holds for ``text`` (``lower``: the text lower-cased, or None: no word test)."""
        if lower is not None and self.gate is not None and not self.gate(lower):
            return False
        found = self.pattern.match(text) if self.anchored else self.pattern.search(text)
        return found is not None


_BOTH: frozenset[Where] = frozenset(("prose", "listed"))
_PROSE: frozenset[Where] = frozenset(("prose",))

RULES: tuple[NonActionRule, ...] = tuple(
    sorted(
        (
            NonActionRule(
                name="deferral",
                pattern=nap.DEFERRAL,
                anchored=True,
                where=_BOTH,
                rank=30,
                gate=None,
                examples=(
                    "Revisit in two weeks.",
                    "Postponed to the autumn meeting",
                    "To be discussed at the next call",
                    "See above.",
                    "Close the ticket, no further action.",
                    "Keep it as a standing item on the agenda",
                    "We should discuss the quota model",
                    "let's come back to flaky-test marking when Priya is back",
                    "we'll take it under AOB if time allows",
                ),
                counter_examples=(
                    "Revise the quota model by Friday",
                    "Bo will come back with the numbers",
                ),
            ),
            NonActionRule(
                name="announcement",
                pattern=nap.ANNOUNCEMENT,
                anchored=True,
                where=_BOTH,
                rank=30,
                gate=None,
                examples=(
                    "Next meeting on 4 March",
                    "The call is moved to Thursday",
                    "Extra meeting set for next week",
                    "Reminder: the survey closes soon",
                    "please find below the minutes of today's call",
                    "Please see the slides attached.",
                ),
                counter_examples=(
                    "Please see that the sites get the new config",
                    "Move the call to Thursday and tell everyone",
                    "Triage the new tickets before Friday",
                    "Next week: Bo to send the report to the sites",
                ),
            ),
            NonActionRule(
                name="decision",
                pattern=nap.DECISION,
                anchored=True,
                where=_PROSE,  # in an action list a decision line may still assign work
                rank=30,
                gate=None,
                examples=(
                    "Agreed to keep the old endpoint until June.",
                    "The board approved the budget.",
                    "Decision: stay on the current release",
                    "The steering committee agreed to drop the old format.",
                    "Forum decided to close the ticket.",
                    "Agreement that the flag will be removed in 8.0.",
                ),
                counter_examples=("Ana to draft the agreement",),
            ),
            NonActionRule(
                name="availability",
                pattern=nap.AVAILABILITY,
                anchored=False,
                where=_PROSE,
                rank=20,
                gate=nap.may_say_unavailable,
                examples=(
                    "Bob will be on leave in August.",
                    "Carla cannot join next week.",
                    "Alice is on call this weekend",
                    "Bo is teaching that week and will not be available.",
                ),
                counter_examples=(
                    "Bob will call the vendor",
                    "Rafael to confirm whether the red arm will be back by 1 August",
                ),
            ),
            NonActionRule(
                name="event-schedule",
                pattern=nap.SCHEDULED,
                anchored=True,
                where=_PROSE,
                rank=20,
                gate=None,
                examples=(
                    "Participant registration will be opened in March",
                    "The second week (6-10 May) will be held in Lyon",
                    "The call for abstracts will be announced on the list",
                    "Registration for the autumn user forum will be opened in May",
                    "Half-day tutorial to be organised in the spring",
                ),
                counter_examples=(
                    "The minutes will be circulated",
                    "The workshop will be organised by Carla",
                    "The registration form will be set up next week",
                    "Hackathon to be organised by Ana",
                ),
            ),
            NonActionRule(
                name="meeting-role",
                pattern=nap.MEETING_ROLE,
                anchored=False,
                where=_PROSE,
                rank=20,
                gate=None,
                examples=(
                    "Carla will chair the 12 March meeting",
                    "Bo to moderate the panel session",
                ),
                counter_examples=("Carla will ask the chair to book the meeting room",),
            ),
            NonActionRule(
                name="deferred-answer",
                pattern=nap.DEFERRED_ANSWER,
                anchored=False,
                where=_BOTH,
                rank=20,
                gate=nap.may_answer,
                examples=(
                    "maybe try the new transfer tool? → not now, revisit in spring",
                    "should the cache expire? -> will be discussed next time",
                ),
                counter_examples=(
                    "KEK needs a client → Bo to register it",
                    "Ana: ask the vendor for a quote → postponed to January",
                ),
            ),
            NonActionRule(
                name="manner",
                pattern=nap.MANNER,
                anchored=False,
                where=_BOTH,
                rank=20,
                gate=nap.may_describe_manner,
                examples=(
                    "The new boards will work much like the old ones.",
                    "The pool would run the same way as the test one",
                    "The new nodes will behave similarly to the old ones",
                    "The upgrade would go as before",
                ),
                counter_examples=(
                    "Bo will set up the new nodes like the old ones",
                    "Ana will ask as soon as possible",
                ),
            ),
            NonActionRule(
                name="open-invitation",
                pattern=nap.INVITATION,
                anchored=False,
                where=_PROSE,
                rank=20,
                gate=nap.may_invite,
                examples=(
                    "Feel free to add your site to the table.",
                    "Let us know if the new page breaks anything",
                    "Ines offered to answer any questions.",
                    "Bob is happy to take questions after the talk",
                    "Please add items that you would like us to discuss.",
                    "Please highlight any, as we go on with the review.",
                ),
                counter_examples=(
                    "Let Bob add the site to the table",
                    "Ines offered to collect the questions for the FAQ",
                    "Please add any missing sites to the table",
                ),
            ),
        ),
        key=lambda r: -r.rank,
    )
)


# The rules that apply in each place, in rank order, chosen once rather than on every call; and
# whether a rule's pattern is all ASCII: its word test then also holds for non-ASCII text that
# lower() folds as IGNORECASE does (a pattern with a non-ASCII alternative may match without the
# ASCII words, so text outside ASCII goes to it directly).
_BY_PLACE: dict[Where, tuple[tuple[NonActionRule, bool], ...]] = {
    place: tuple((r, r.pattern.pattern.isascii()) for r in RULES if place in r.where)
    for place in ("prose", "listed")
}


def non_action(text: str, where: Where) -> str | None:
    """The name of the first rule that says ``text`` is no action here, or None."""
    lower: str | None = None
    lowered = False  # lower-case the text only once a pre-test needs it
    ascii_text = True
    for rule, ascii_pattern in _BY_PLACE[where]:
        if rule.gate is not None and not lowered:
            ascii_text = text.isascii()
            lower = text.lower() if ascii_text or lower_safe(text) else None  # None: search
            lowered = True
        if rule.fires(text, lower if ascii_text or ascii_pattern else None):
            return rule.name
    return None
