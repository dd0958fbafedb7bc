"""The status rules in one ranked table: which wording makes an item done, tentative or open.

Each rule names a category of language, the pattern that finds it, the status it yields, the
cheap word test run before the pattern, and invented example sentences (``tests/unit/
test_status_rules.py`` runs every example and counter-example). The first rule by rank that fires
decides; an item no rule fires on is open.
"""

from __future__ import annotations

import re

from wp2bot.domain import status_patterns as sp
from wp2bot.domain.casefold import lower_safe
from wp2bot.domain.models import Status
from wp2bot.domain.pattern_rules import TICKS
from wp2bot.domain.status_languages import LANGUAGE_RULES
from wp2bot.domain.status_rule import StatusRule
from wp2bot.domain.verb_forms import says_done

_TBC = re.compile(r"\(tbc\)|\btbc\b", re.IGNORECASE)
# a task made conditional on time or on something not yet settled, after the task
_CONDITIONAL = re.compile(
    r"\bif\s+time\s+(?:allows|permits)\b|\btime\s+permitting\b|"
    # "if possible", "if there is time", "if she gets time": on a condition of time or means
    r"(?:,|\()\s*if\s+(?:at\s+all\s+)?possible\b|\bif\s+there\s+is\s+time\b|"
    r"\bif\s+(?:s?he|they|we|I)\s+(?:gets?|finds?|has|have)\s+(?:the\s+)?time\b|"
    r"(?:,|\s[-–]|\bTBC)\s*(?:and\s+)?depend(?:s|ing|ent)\s+(?:up)?on\b|"
    r"\bif\s+(?:the|our|their|its)\s+[\w\s.-]{1,40}?\s+(?:allows?|permits?)\b|"
    # no promise made: "Kim will look into it but could not promise anything"
    r"\b(?:can(?:not|['’]t)|could(?:\s+not|n['’]t))\s+promise\b|\bno\s+promises\b|"
    # a fallback: "If not, Bo will ask for more space", "Otherwise, Ana to ..."
    r"^(?:if\s+(?:not|needed|necessary|required)|otherwise|failing\s+that)\s*,",
    re.IGNORECASE,
)
# "Likely action item is to ...": the action itself is not settled yet
_HEDGED_ACTION = re.compile(
    r"^(?:(?:the|an?|one)\s+)?(?:likely|possible|probable)\s+action\b", re.IGNORECASE
)
# where a closing note after the task opens: a dash, a bracket, a colon or a semicolon
_NOTE_OPENS = r"(?:\s[-–—]+\s*|[(\[:;]\s*|(?:->|=>|→|⇒|←|<-)\s*)"
_CALLED_OFF = re.compile(
    _NOTE_OPENS + r"(?:cancell?ed|withdrawn|dropped|superseded|obsolete)\b"
    # the last sentence, one word: "... builds the image now. Dropped."
    r"|\.\s+(?:cancell?ed|withdrawn|dropped|superseded|obsolete)\W*$"
    # a sentence of its own too: "Ask the vendor. No longer needed."
    r"|(?:" + _NOTE_OPENS + r"|\.\s+|,\s+)"
    r"(?:no\s+longer\s+(?:relevant|needed|required)|not\s+(?:needed|required)\s+any\s?more|"
    r"removed\s+from\s+(?:the|our)\s+(?:action\s+)?list)\b",
    re.IGNORECASE,
)
# a closing note that reports the item over: "– done", "(completed)", ": fixed ✔"
DONE_NOTE = re.compile(
    _NOTE_OPENS + r"(?:done|completed?|finished|closed|resolved|fixed|merged)\b"
    r"[^()\[\]]{0,40}[)\]]?\W*$|[" + TICKS + r"]\W*$",
    re.IGNORECASE,
)
_MAY_START = re.compile(r"^May\s+[a-z]")  # the modal opening an item, not the month
# Status of an item from its own wording (marks such as [x] and strike-through come first).
ITEM_RULES: tuple[StatusRule, ...] = tuple(
    sorted(
        (
            *LANGUAGE_RULES,
            StatusRule(
                name="reported-done",
                pattern=sp.DONE,
                yields=Status.DONE,
                rank=30,
                words=sp.DONE_WORDS,
                scope="text",
                unless=sp.NOT_DONE,
                examples=(
                    "Rotate the keys - done",
                    "Upload the slides (completed)",
                    "Draft the FAQ: no longer needed",
                    "Fix the cron job; it turned out to be trivial",
                    "Renew the certificate ✔",
                ),
                counter_examples=(
                    "Rotate the keys - not done yet",
                    "Once done, tell the sites",
                    "Get the release notes done before Friday",
                    "This should be easy to fix",
                    "Ask whether the proxy bug is fixed on the test cluster",
                    "Check with the vendor if the replacement disks were delivered",
                ),
            ),
            StatusRule(
                name="closed-tag",
                pattern=sp.CLOSED_TAG,
                yields=Status.DONE,
                rank=31,  # anchored and cheap: before the searches
                words=(),
                scope="text",
                unless=None,
                examples=("DONE Bo: rotate the keys", "[Cancelled] Ana to book the room"),
                counter_examples=("Done with the review, Bo to send it", "[open] Bo: fix it"),
            ),
            StatusRule(
                name="called-off",
                # a closing note that the item will not be done: over, as far as the list goes
                pattern=_CALLED_OFF,
                yields=Status.DONE,
                rank=30,
                words=(
                    "cancel",
                    "withdrawn",
                    "dropped",
                    "supersed",
                    "obsolete",
                    "longer",
                    "more",
                    "removed",
                ),
                scope="text",
                unless=None,
                examples=(
                    "Rotate the keys -- cancelled",
                    "Migrate the database (superseded by the new plan)",
                    "Book the room: dropped",
                    "Write the FAQ – no longer relevant",
                    "Ask the vendor. Not required any more.",
                    "Upgrade the image. Ops builds it now. Dropped.",
                    "Port the plugin → dropped, 1.9 is out",
                    "Move the tests to the Upgrade group, removed from our list",
                ),
                counter_examples=(
                    "Investigate the cancelled jobs",
                    "Check why packets are dropped",
                    "Check the logs. Dropped packets were seen on two links.",
                ),
            ),
            StatusRule(
                name="to-be-confirmed",
                pattern=_TBC,
                yields=Status.TENTATIVE,
                rank=20,
                words=("tbc",),
                scope="text",
                unless=None,
                examples=("Ines (TBC) to host the next session", "Book the room, TBC"),
                counter_examples=("Book the room in the TBCD building",),
            ),
            StatusRule(
                name="hedged",
                pattern=sp.TENTATIVE,
                yields=Status.TENTATIVE,
                rank=20,
                words=sp.TENTATIVE_WORDS,
                scope="head",
                unless=None,
                examples=(
                    "Maybe ask the vendor for a quote",
                    "Bob might look at the staging errors",
                    "Carla will try to reproduce it",
                    "I guess we could run a second test",
                    "should try and see whether the old flag helps",
                ),
                counter_examples=("Bob to look at the staging errors",),
            ),
            StatusRule(
                name="conditional",
                pattern=_CONDITIONAL,
                yields=Status.TENTATIVE,
                rank=15,
                words=(
                    "time",
                    "depend",
                    "allow",
                    "permit",
                    "if ",
                    "otherwise",
                    "failing",
                    "promise",
                ),
                scope="text",
                unless=None,
                examples=(
                    "Omar to rerun the transfer tests, if time allows.",
                    "Ines will order the disks, depending on the budget decision",
                    "Migrate the head node – depends on the vendor",
                    "Lea to publish the numbers if the new monitoring allows it",
                    "Rebuild the images next week, time permitting",
                    "If not, Bo will ask for more staging space",
                    "Kim will look into it but could not promise anything before January",
                    "shared Grafana folder for the WG, if possible still this week",
                    "Bo will ask in their channel, if there is time before the sync",
                    "Ana will review the cache design if she gets time after the release",
                ),
                counter_examples=(
                    "List the services still depending on the old OS",
                    "Omar to rerun the transfer tests when time allows a full day",
                    "Bo will ask for more space if not done by Friday",
                    "Reply as soon as possible",
                ),
            ),
            StatusRule(
                name="hedged-action",
                pattern=_HEDGED_ACTION,
                yields=Status.TENTATIVE,
                rank=10,
                words=("likely", "possible", "probable"),
                scope="head",
                unless=None,
                examples=(
                    "Likely action item is to split the review work",
                    "A possible action is to ask the vendor for a loan unit",
                ),
                counter_examples=("The action is to split the review work",),
            ),
            StatusRule(
                name="modal-may-opens",
                pattern=_MAY_START,
                yields=Status.TENTATIVE,
                rank=10,
                words=(),
                scope="text",
                unless=None,
                examples=("May present the results at the workshop",),
                counter_examples=("May 5: send the agenda",),
            ),
        ),
        key=lambda r: -r.rank,
    )
)


# a note under an item that only gives its state: "- ongoing", "- not done, to do"
# a note's label before its state: "Update: done on 1 Dec", "Status (3 Dec): ongoing"
_NOTE_LABEL = (
    r"(?:(?:update|status|state|progress|news|comment)\s*(?:\([^()]{1,20}\))?\s*[:–-]\s*)?"
)
STATUS_NOTE = re.compile(
    r"^\W*" + _NOTE_LABEL + r"(?:done|not (?:yet )?done|completed?|closed|ongoing|in progress|"
    r"pending|track|no longer needed|still to do|to do|open|(?:still\s+)?waiting\s+for|blocked|"
    r"(?:it\s+)?" + sp.EFFORT_PAST + r")\b",
    re.IGNORECASE,
)
_CLOSED = re.compile(
    r"^\W*"
    + _NOTE_LABEL
    + r"(?:done|completed?|closed|finished|no longer needed|(?:it\s+)?"
    + sp.EFFORT_PAST
    + r")\b|"
    r"\baction closed\b|"
    r"\bclose (?:the )?action\b|\b(?:this|that|it)\s+(?:is|was|has been)\s+(?:done|completed)\b",
    re.IGNORECASE,
)

# Status of an item from a note written under it (a child bullet); the note is no action itself.
NOTE_RULES: tuple[StatusRule, ...] = (
    StatusRule(
        name="closed-note",
        pattern=_CLOSED,
        yields=Status.DONE,
        rank=20,
        words=(),
        scope="text",
        unless=sp.NOT_DONE,
        examples=(
            "Done, the page is live",
            "Action closed.",
            "It was quick.",
            "Close the action, the vendor fixed it",
            "this has been completed",
            "Update: done on 1 Dec",
        ),
        counter_examples=("Done in part, still in progress", "The job is not finished"),
    ),
    StatusRule(
        name="state-note",
        pattern=STATUS_NOTE,
        yields=Status.OPEN,
        rank=10,
        words=(),
        scope="text",
        unless=None,
        examples=(
            "ongoing",
            "- not done, to do",
            "In progress since May",
            "pending review",
            "Status (3 Dec): in progress",
            "still waiting for the vendor",
        ),
        counter_examples=("Ask the vendor for an update", "Update the status page"),
    ),
)


def note_status(text: str) -> Status | None:
    """The status a note under an item gives it, or None when the line is no status note."""
    return next((r.yields for r in NOTE_RULES if r.fires(text, None)), None)


_CELL_DONE = re.compile(
    r"\b(?:done|closed|completed?|finished|resolved|fixed|delivered|superseded|obsolete|"
    r"cancell?ed|withdrawn|dropped|no longer (?:needed|relevant)|not needed|erledigt|fertig|"
    r"abgeschlossen|termin[ée]e?|fait|hecho|completad[oa]|fatto|chius[oa])\b|[" + TICKS + "]",
    re.IGNORECASE,
)
_CELL_TENTATIVE = re.compile(r"\b(?:tbc|tentative|maybe|proposed|if time allows)\b", re.I)
_CELL_OPEN = re.compile(r"\b(?:not (?:yet )?done|reopened|still open)\b", re.I)

# Status of a table row from its status cell: a state word anywhere in the cell, in the common
# languages of the minutes; an empty or other cell is open.
CELL_RULES: tuple[StatusRule, ...] = (
    StatusRule(
        name="cell-done",
        pattern=_CELL_DONE,
        yields=Status.DONE,
        rank=20,
        words=(),
        scope="text",
        unless=_CELL_OPEN,
        examples=("DONE", "Completed (see ticket)", "erledigt", "closed, not relevant now", "✔"),
        counter_examples=("not done yet", "reopened after the closed ticket", "ongoing"),
    ),
    StatusRule(
        name="cell-tentative",
        pattern=_CELL_TENTATIVE,
        yields=Status.TENTATIVE,
        rank=10,
        words=(),
        scope="text",
        unless=None,
        examples=("TBC", "proposed", "if time allows"),
        counter_examples=("in progress",),
    ),
)


def cell_status(text: str, task: str = "") -> Status:
    """The state a status cell gives: a done word anywhere in it closes the item, and so does
    the past of the task's own verb ("vendor contacted" for "Contact the vendor")."""
    if not text:
        return Status.OPEN
    state = next((r.yields for r in CELL_RULES if r.fires(text, None)), None)
    if state is None and task and not _CELL_OPEN.search(text) and says_done(text, task):
        return Status.DONE
    return state or Status.OPEN


def head(text: str) -> str:
    """The first words of an item, up to its first comma, semicolon or " - " (at most six)."""
    cut = len(text)
    for separator in (",", ";", " - "):
        at = text.find(separator, 0, cut)
        if at != -1:
            cut = at
    return " ".join(text[:cut].split()[:6])


def item_status(text: str) -> tuple[Status, str | None]:
    """The status the wording of an item gives, and the name of the rule that gave it."""
    # Text that lower() folds exactly as the patterns' IGNORECASE does (casefold.lower_safe) gets
    # a word test that tells when a (slow) pattern cannot match. Outside ASCII only the rules
    # whose pattern is all ASCII take it: another pattern may match a non-ASCII alternative ("✔")
    # that its ASCII words do not name.
    ascii_text = text.isascii()
    lower = text.lower() if ascii_text or lower_safe(text) else None
    first: tuple[str, str | None] | None = None
    for rule, ascii_pattern in _ITEM_RULES_ASCII:
        if rule.scope == "head":
            if first is None:
                cut = head(text)
                first = (cut, cut.lower() if lower is not None else None)
            scoped, scoped_lower = first
        else:
            scoped, scoped_lower = text, lower
        if rule.fires(scoped, scoped_lower if ascii_text or ascii_pattern else None, scoped_lower):
            return rule.yields, rule.name
    return Status.OPEN, None


# each item rule and whether its pattern is all ASCII (see item_status)
_ITEM_RULES_ASCII = tuple((r, r.pattern.pattern.isascii()) for r in ITEM_RULES)
