"""The quick gate of the line walk: whether any line rule could find an action on a line."""

from __future__ import annotations

import re

from wp2bot.domain import clauses as cl
from wp2bot.domain import commitment_patterns as cp
from wp2bot.domain import owner_positions as pos
from wp2bot.domain import task_patterns as tp
from wp2bot.domain import text_markup as tm
from wp2bot.domain import vocabulary as vo
from wp2bot.domain.casefold import contains_any, lower_safe
from wp2bot.domain.commitment_languages import may_commit
from wp2bot.domain.models import Line, LineKind
from wp2bot.domain.present_tense import present_trigger

# One fused pattern of every word a rule needs, searched once in the lower-cased line: markers,
# action labels, the prose triggers (markers.PROSE_TRIGGER). A line without any of them, that does
# not open with an imperative ("Ask ...", "Renew the ..."), cannot hold an action: most lines of
# minutes end here. The opening is a separate anchored match: inside a search it would be tried at
# every position. Why the odd shape: the re engine tries alternatives one by one at each position,
# so the words are grouped by first letter behind a word boundary and a one-character look-ahead;
# this halves the cost of the search (the same lines pass, checked against the plain list of
# words). "'ll" and "’ll" (and "'d "), which need no boundary, are tested as substrings before it.
_GATE_WORDS = (
    # (the headings of action lists in other languages too: "Offene Punkte", "Acties")
    r"a(?:ctions?|greed|is?|p|\.i|sk(?:ed|s)|re to|im(?:s|ing)? to|cties|ktionen|ufgaben|zioni"
    r"|cciones)|e(?:xpects? to)"
    r"|c(?:an|ould|harge|ommit(?:ted|s)?)"
    r"|follow-ups?|going|h(?:as to|ave to|op\w+|appy to)|i(?:ntends?|s to)|let(?:'?s|’s)"
    r"|m(?:aybe|ay|ight|ust)"
    r"|n(?:eeds?|ext\s+steps?|ext(?=:))"
    r"|o(?:ffer(?:ed|s)|utcome)|p(?:lease|erhaps|lan\w*|romised|ropos(?:es|ing|ed)|unkte"
    r"|endientes)"
    r"|s(?:hall|hould|uggest(?:s|ed)|uivi)|re(?:sponsible|minds|minded|quests|quested|commended)"
    r"|t(?:ry|ak(?:ing|es?)|ask(?:s|ed)?|o-?\s?dos?|areas)|undert(?:ook|akes?|aken)|volunteer\w*"
    r"|mandated"
    r"|u(?:rge[ds]|p to)|w(?:ill|ould|ants?|illing to|as to|ere to)"
)
_GATE = re.compile(r"\b(?=[acefghilmnoprstuvw])(?:" + _GATE_WORDS + r")\b")
# The gate's words and, as "ask", the words that a request to a group (``groups``' pre-test), a
# named "X to ..." and an account's "jdoe to ..." cannot match without, lower-cased ("will",
# "shall", "should", "need(s)" and "please" are the gate's): a line with none of them needs none
# of those three patterns. One search finds both; after an "ask" word the gate's are looked for on.
_WORDS = re.compile(
    r"\b(?=[acefghilmnoprstuvw])(?:(?P<gate>" + _GATE_WORDS + r")\b"
    r"|(?P<ask>asked|re(?:quested|quired|minded)|expected|urged|must|has|have|to)\s)"
)
_VERBS = "|".join(sorted(vo.IMPERATIVES, key=len, reverse=True))
# An imperative opening ("- check the logs"): the first word after bullet marks. The verbs are
# lower-case ASCII letters, so "a verb then a word boundary" is "the first word run is a verb":
# a set look-up instead of trying 143 alternatives in turn.
_OPENING_WORD = re.compile(r"[\s*•(-]*(\w+(?:-\w+)?)")
# words a sentence opens with that name no owner of the verb after them
_NOT_OWNERS = frozenset("the this that these those there then also our all some any its".split())
# a speaker's instruction or task: "kim: also add a note ...", "rizart: to check ..." (tried only
# on lines with a colon: the
# speaker's name backtracks letter by letter before it fails)
_GATE_SPEAKER = re.compile(
    # (two owners joined by a slash or a comma too: "ana/bo: check ...", "ana, bo: check ...")
    # (or joined by "+" or "&": "mk + rf: compare ...")
    r"@?[a-z][\w.'’/,+&-]*(?:\s(?:[+&]\s)?[a-z][\w.'’-]*)?:\s+(?:(?:also|then|ok|okay|yes|sure)[,;]?\s+)*"
    r"(?:to\s+)?(?:" + _VERBS + r")\b"
)


# (also a point handed on in brackets: "... (→ Bo)", "... (assigned to Lea)")
_OWNER_FIELDS = ("(owner", "(responsible", "(assignee", ", owner:", "(assigned", "(→", "(->", "(=>")
# an enum member read through its class goes through the metaclass's __getattr__ hook
_BULLET, _PARAGRAPH = LineKind.BULLET, LineKind.PARAGRAPH


def quiet(line: Line, walk: cl.Walk) -> bool:
    """True when no rule can find an action on the line (keeps the walk's task depth current)."""
    if walk.list_block or walk.label_depth is not None or line.checked is not None:
        return False
    if line.kind is _BULLET:
        if walk.task_depth is not None and line.depth < walk.task_depth:
            walk.task_depth = None
        if walk.task_depth == line.depth:
            return False  # an imperative sibling of a task line is a task without trigger words
    elif line.kind is _PARAGRAPH:
        walk.task_depth = None
    text = line.text
    lower = text.lower()
    if "):" in text or "'ll" in lower or "’ll" in lower or "'d " in lower or "’d " in lower:
        return False
    if text[:1] == "@":
        return False  # "@bo draft the FAQ": a mention over a task
    if "->" in text or "→" in text or "=>" in text:
        return False  # "Announce it on the list -> Hamid": handed on by an arrow
    if ")" in text and contains_any(lower, _OWNER_FIELDS):
        # "Documentation for users (owner: Kim)", "... (owner: Kim). Due: 10 Dec": a field
        # names the owner
        return False
    if pos.may_label_owner(text) and pos.OWNER_LABEL.match(text):
        return False  # "Owner: Bo - renew the key"
    word = _WORDS.search(lower)
    if word is not None and (word["gate"] or _GATE.search(lower, word.start())):
        return False
    # the "ask" words found in the lower-cased text are in the text itself when lower() keeps
    # its length and classes (``casefold``)
    asks = word is not None or not lower_safe(text)
    if " to be " in lower:  # "the RSE is to be added by PM", "talks to be finalised"
        return False
    opening = _OPENING_WORD.match(lower)
    # "FB chk FTS cfg b4 Tue": initials or a name, then a verb of work
    second = (
        pos.OWNER_THEN_VERB.match(text)
        if text[:1].isupper() or text.startswith(("everyone ", "everybody "))
        else None
    )
    if (
        (opening and vo.is_task_verb(opening[1]))
        or (
            second is not None
            and second["who"].lower() not in _NOT_OWNERS
            and vo.is_task_verb(second["verb"])
        )
        or vo.VERB_THEN_DETERMINER.match(lower)
        or (":" in lower and _GATE_SPEAKER.match(lower))
    ):
        return False
    if asks and " to " in text and cp.NAMED_TO.search(text):
        return False
    if "(with " in text[:40] and pos.aided_subject(text) is not None:
        return False  # "Lea (with Kim) to organise ...": a helper between subject and verb
    if text[:1].islower() and (
        pos.HANDLE_LABEL.match(text) or (asks and cp.HANDLE_COMMIT.match(text))
    ):
        return False  # "jdoe: update ...", "jdoe to send ...": an account name and its task
    if tp.input_asked(text):
        return False  # "Input from the site admins is needed before May": no gate word
    if ":" in text[:30] and tp.PLAN_LABEL.match(text):
        return False  # "Next week: run the reconstruction": a plan under its label
    if (
        text[:1] in "[("
        and (tag := tm.TAGGED.match(text))
        and (
            vo.VERB_THEN_DETERMINER.match(lower, tag.end() - 1)
            or ((word := _OPENING_WORD.match(text, tag.end() - 1)) and vo.is_task_verb(word[1]))
        )
    ):
        return False  # "[Ana] Book the room", "[Bo] check params": a tag, then an imperative
    if may_commit(lower):
        return False  # "Claire s'occupe de ...", "Uwe kümmert sich um ...": another language
    return not (asks and cp.group_asked(text)) and not present_trigger(text)
