"""Past forms of a task's verb, to read a status note that says the task was done.

"Contact the vendor" with the note "vendor contacted", "Review the proposals" with
"[reviewed, both accepted]": the note names the task's own verb in the past, so the task is
done. The regular forms are built by the spelling rules of English ("invite" -> "invited",
"notify" -> "notified", "plan" -> "planned"); the irregular ones of the verbs that open tasks are
listed. Making a few forms that are not English does no harm: they are only looked for.
"""

from __future__ import annotations

import re

_IRREGULAR: dict[str, tuple[str, ...]] = {
    "bring": ("brought",),
    "build": ("built",),
    "buy": ("bought",),
    "choose": ("chosen", "chose"),
    "do": ("done", "did"),
    "draw": ("drawn", "drew"),
    "find": ("found",),
    "get": ("got", "gotten"),
    "give": ("given", "gave"),
    "go": ("gone", "went"),
    "hold": ("held",),
    "keep": ("kept",),
    "lead": ("led",),
    "make": ("made",),
    "meet": ("met",),
    "rebuild": ("rebuilt",),
    "rerun": ("rerun", "reran"),
    "rewrite": ("rewritten", "rewrote"),
    "run": ("ran",),
    "send": ("sent",),
    "speak": ("spoken", "spoke"),
    "take": ("taken", "took"),
    "teach": ("taught",),
    "tell": ("told",),
    "think": ("thought",),
    "write": ("written", "wrote"),
}
_VOWELS = "aeiou"


def past_forms(verb: str) -> tuple[str, ...]:
    """The simple past and past participle spellings of ``verb`` (lower-case)."""
    verb = verb.lower()
    if verb in _IRREGULAR:
        return _IRREGULAR[verb]
    if verb.endswith("e"):
        return (verb + "d",)
    if len(verb) > 2 and verb[-1] == "y" and verb[-2] not in _VOWELS:
        return (verb[:-1] + "ied",)
    if len(verb) > 2 and verb[-1] not in _VOWELS + "wxy" and verb[-2] in _VOWELS:
        # "plan" -> "planned", "submit" -> "submitted", but "open" -> "opened": both spellings
        return (verb + "ed", verb + verb[-1] + "ed")
    return (verb + "ed",)


_NEGATION = re.compile(r"\b(?:not|never|nor|yet to be|n't)\b", re.IGNORECASE)
_FIRST_WORD = re.compile(r"[\W_]*([A-Za-z]+)")
# "Make an issue to ...", "Open a ticket for ...": any way of making one is making it, so
# "Issue #12 raised" closes the task
_TICKET_TASK = re.compile(
    r"[\W_]*(?:make|create|open|file|raise|submit|write)\s+(?:an?\s+|the\s+|new\s+)*"
    r"(?:issues?|tickets?|bug\s+reports?|pull\s+requests?|PRs?|merge\s+requests?)\b",
    re.IGNORECASE,
)
_TICKET_MADE = ("raised", "opened", "created", "filed", "submitted", "made", "written")


def done_forms(task: str) -> tuple[str, ...]:
    """The words that say ``task`` was done: the past of its verb, and for a task to make a
    ticket every way of making one; () when the task opens with no word."""
    first = _FIRST_WORD.match(task)
    if first is None:
        return ()
    forms = past_forms(first[1])
    return (*forms, *_TICKET_MADE) if _TICKET_TASK.match(task) else forms


def says_done(note: str, task: str) -> bool:
    """Whether ``note`` says ``task`` was done: the past of the verb the task opens with, not
    negated in its clause ("vendor contacted" for "Contact the vendor"; "not contacted
    yet" and "to be contacted" say it was not). The state words ("done") are ``status_rules``'.
    """
    lower = note.lower()
    for form in done_forms(task):
        for m in re.finditer(rf"\b{re.escape(form)}\b", lower):
            clause = re.split(r"[.;,]", lower[max(0, m.start() - 30) : m.start()])[-1]
            if not _NEGATION.search(clause) and not clause.rstrip().endswith(("to be", "will be")):
                return True
    return False


# "... [reviewed, both accepted]", "... (contacted 3 May)": a note closing the item that opens
# with a past form
_LABEL = re.compile(r"[^:\[\]()]{1,40}:\s+")
_CLOSING_NOTE = re.compile(r"[\[(]\s*([A-Za-z]+)[^\[\]()]{0,60}[\])]\W*$")


def closed_by_note(item: str) -> bool:
    """Whether the item ends with a bracketed note that opens with its verb's past."""
    note = _CLOSING_NOTE.search(item) if item.endswith((")", "]", ").", "].")) else None
    if note is None:
        return False
    label = _LABEL.match(item)  # "Bob: review the proposals [reviewed]": the task after it
    return note[1].lower() in done_forms(item[label.end() :] if label else item)
