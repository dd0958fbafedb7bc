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

from wp2bot.domain.casefold import contains_any, lower_safe

Where = Literal["prose", "listed"]


DEFERRAL = re.compile(
    r"^(?:\W*)(?:(?:proposed?|suggest(?:ed|s)?)(?:\s+(?:to|that\s+we|we))?\s+(?=clos))?"
    # "Revisit next week", "revisit the topic as it evolves": a deferral (the topic itself, at a
    # later time); "Revisit the draft to ..." names work on a thing and is a task
    r"(?:revisit(?=\s*(?:$|[.,;]|(?:(?:it|this|that|later|the\s+(?:topic|question|issue|matter|"
    r"point|item|discussion|idea))\s*)?(?:$|[.,;]|(?:in|next|at|after|later|when|once|on|"
    r"during|before|by|as|if)\b)))|punt|bump(?:ed)?|defer(?:red)?|postpone[ds]?|park(?:ed)?|"
    r"table[ds]?|"
    r"push(?:ed)? to|discuss(?:ed)?\s+(?:it\s+|this\s+|again\s+)?(?:during|at|in|on|next|after|"
    r"when|later|offline)|to (?:be )?(?:discuss|revisit|talk)|no (?:further )?action|carry over|"
    # a pointer to another part of the minutes, not a task: "see above", "as recorded earlier"
    r"(?:as\s+)?(?:noted|discussed|mentioned|described|stated|recorded|said)\s+"
    r"(?:above|below|earlier|before)|see\s+(?:above|below)|same as (?:above|before)|"
    # closing the topic without work: "closed, nothing further to do", "close, no action needed"
    r"clos(?:e|ed|ing)\b[^.]{0,30}?\b(?:no (?:further )?action|nothing (?:further|more) to do)|"
    # keeping the topic on the agenda: "keep it as a recurring agenda item"
    r"keep\s+(?:\w+\s+){0,4}?(?:standing|recurring|on the agenda|agenda item)|"
    r"continue (?:the )?discussion (?:next|at|in|on)|"
    r"we\s+should\s+(?:discuss|talk about)\b)",
    re.IGNORECASE,
)
DECISION = re.compile(
    # a deliberative body as the subject: "The committee agreed ...", "Forum decided ..."
    r"^(?:\W*)(?:(?:it was|we|all|everyone|(?:the\s+)?(?:whole\s+)?(?:group|board|council|forum|"
    r"committee|assembly|plenary|meeting|wg|sg|tsc|steering (?:group|committee)))\s+)?"
    r"(?:agreed|decided|decision|"
    r"resolved|approved|voted?|consensus|accepted|rejected|unanimous|motion)\b",
    re.IGNORECASE,
)
AVAILABILITY = re.compile(
    r"\b(?:on call|on vacation|on leave|out of (?:the )?office|(?:is|are|am|be|will be) out\b|"
    r"(?:can ?not|can't|cannot|won't be able to)\s+(?:join|attend|make)|will miss|"
    r"will be (?:away|absent|travell?ing|unavailable|back)|regrets?\b|"
    r"will (?:start|join|arrive|leave)\s+(?:at|in)\s+(?-i:[A-Z])|"
    r"(?:will|plan(?:s|ning)? to|going to)\s+attend\b)",
    re.IGNORECASE,
)
ANNOUNCEMENT = re.compile(
    r"^(?:\W*)(?:next\s+(?:meeting|telcon|call|monthly|weekly)|(?:the\s+)?(?:meeting|call|"
    r"telcon)s?\s+(?:is|are|was|will be)\s+(?:scheduled|held|moved|on)|(?:deadline|freeze)\b|"
    r"(?:[\w-]+\s+){0,2}(?:meeting|call|telcon)s?\s+(?:(?:is|was)\s+)?(?:set|scheduled)\s+for\b|"
    r"reminder:|fyi\b)",
    re.IGNORECASE,
)


_UNAVAILABLE_WORDS = (
    "on call",
    "on vacation",
    "on leave",
    "out of",
    "is out",
    "are out",
    "am out",
    "be out",
    "will miss",
    "will be ",
    "regret",
    "will start",
    "will join",
    "will arrive",
    "will leave",
    "attend",
)
# "cannot join", "can't make it": a negation and a verb of attending
_NOT_ATTENDING = (("not", "n't"), ("join", "make"))


def may_say_unavailable(lower: str) -> bool:
    """False when lower-cased ASCII text holds none of the words AVAILABILITY needs."""
    negations, verbs = _NOT_ATTENDING
    return contains_any(lower, _UNAVAILABLE_WORDS) or (
        contains_any(lower, negations) and contains_any(lower, verbs)
    )


_INVITATION_WORDS = ("free", "hesitate", "welcome", "chime", "reach out", "know", "questions")


def may_invite(lower: str) -> bool:
    """False when lower-cased ASCII text holds none of the words INVITATION needs."""
    return contains_any(lower, _INVITATION_WORDS)


INVITATION = re.compile(
    r"\b(?:feel free|don'?t hesitate|do not hesitate|you are welcome|please chime in|"
    r"reach out to (?:me|us)|let (?:me|us) know|"
    # an offer to answer whatever comes up is no task: "happy to take any questions"
    r"(?:offer(?:ed|s)?|happy|glad|available|willing)\s+to\s+(?:answer|take|field)\s+"
    r"(?:any\s+|all\s+|further\s+|the\s+)?questions)\b",
    re.IGNORECASE,
)


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
                pattern=DEFERRAL,
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
                ),
                counter_examples=("Revise the quota model by Friday",),
            ),
            NonActionRule(
                name="announcement",
                pattern=ANNOUNCEMENT,
                anchored=True,
                where=_BOTH,
                rank=30,
                gate=None,
                examples=(
                    "Next meeting on 4 March",
                    "The call is moved to Thursday",
                    "Extra meeting set for next week",
                    "Reminder: the survey closes soon",
                ),
                counter_examples=(
                    "Move the call to Thursday and tell everyone",
                    "Triage the new tickets before Friday",
                    "Next week: Bo to send the report to the sites",
                ),
            ),
            NonActionRule(
                name="decision",
                pattern=DECISION,
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
                ),
                counter_examples=("Ana to draft the agreement",),
            ),
            NonActionRule(
                name="availability",
                pattern=AVAILABILITY,
                anchored=False,
                where=_PROSE,
                rank=20,
                gate=may_say_unavailable,
                examples=(
                    "Bob will be on leave in August.",
                    "Carla cannot join next week.",
                    "Alice is on call this weekend",
                ),
                counter_examples=("Bob will call the vendor",),
            ),
            NonActionRule(
                name="open-invitation",
                pattern=INVITATION,
                anchored=False,
                where=_PROSE,
                rank=20,
                gate=may_invite,
                examples=(
                    "Feel free to add your site to the table.",
                    "Let us know if the new page breaks anything",
                    "Ines offered to answer any questions.",
                    "Bob is happy to take questions after the talk",
                ),
                counter_examples=(
                    "Let Bob add the site to the table",
                    "Ines offered to collect the questions for the FAQ",
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
