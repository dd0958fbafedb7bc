"""Recognise one action item in a piece of minutes text: owner as written, task, status."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from wp2bot.domain import markers as mk
from wp2bot.domain.models import Status

_GROUP_WORDS = re.compile(
    r"\b(?:team|group|council|chairs?|editors?|leads?|board|members|people|committee|wg|sg|"
    r"tsc|everyone|everybody|all|folks|maintainers|authors|organi[sz]ers|conveners|admins|"
    r"staff|contacts|co\.?|others)\b",
    re.IGNORECASE,
)
_PRONOUN_SELF = re.compile(r"^(?:i|me|myself)$", re.IGNORECASE)
_PLURAL_NOUNISH = re.compile(r"^[A-Z][a-z]{3,}(?:s|ings?|tion|ment|ness|ity)$")
_ALL = frozenset(("all", "everyone", "everybody", "all sg members"))


_NOT_NAME_CHARS = re.compile(r"\d|https?:|[=<>\[\]{}]")
_THE = re.compile(r"^(?:the)\s+", re.IGNORECASE)
_HEAD_SPLIT = re.compile(r"[,;]| - ")
_MAY_START = re.compile(r"^May\s+[a-z]")  # "May present at ...", not the month
# a listed item opening with initials or a known name and a lower-case verb: "FK write ..."
_OWNER_VERB = re.compile(r"^(?P<who>[A-Z]{2,4}|[A-Z][a-z]+)\s+(?!to\b)[a-z]{3,}\b")
# "ehashman to open ...", "serathius will run ...": handles are written in lower case
_HANDLE_COMMIT = re.compile(
    r"^@?(?P<who>[a-z][a-z0-9_-]{3,})\s+(?:to|will|shall)\s+(?!be\b|have\b)[a-z]",
)
_TBC = re.compile(r"\(tbc\)|\btbc\b", re.IGNORECASE)
_QUESTION_OPEN = re.compile(
    r"(?:should|shall|can|could|do|does|would|will)\s+(?:we|i|you|they)\b", re.IGNORECASE
)
_ALT_OWNER = re.compile(r"\s*\((?:or|via|and)\s+([^)]*)\)")
_DASH_SPLIT = re.compile(r"\s[-–]\s")
_PAST_SUBJECT = re.compile(
    r"^(?P<who>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?)\s+(?:\w+ed|(?:is|are|was|has)\s+\w+ing)\b"
)
# "[dgrisonnet] taking ownership of ...", "Ana takes the lead on ...": a commitment
_OWNERSHIP = re.compile(
    r"^\[?(?P<who>@?[\w.-]+(?:\s+[A-Z][\w.-]+)?)\]?\s+(?:is\s+|are\s+)?(?:taking|takes)\s+"
    r"(?:over\b|ownership\b|the lead\b|charge\b)"
)
_NEGATED = re.compile(r"not\b|never\b")  # "Erin will not sit in ...": no task
# nouns for unnamed people: "People will use ...", "Others can ..." name nobody to act
_NOBODY = frozenset(("people", "others", "folks", "someone", "somebody", "users", "one"))
_PRONOUN = re.compile(r"(?:it|this|that|there|they|he|she)\b", re.IGNORECASE)
# an adverb between the modal and the verb: "MPU will probably be ..." is still a state
_ADVERB = re.compile("^" + mk.ADVERBS, re.IGNORECASE)
# "X to produce ... is necessary": the infinitive is the subject of a predicate, not a task
_INFINITIVE_SUBJECT = re.compile(
    r"\b(?:is|are|would be|will be)\s+(?:(?:also|very|not|more)\s+)?(?:necessary|needed|"
    r"required|important|essential|crucial|key|useful|possible|difficult|hard|easy)\b"
)
# a capital inside a word ("SunPy", "GitHub") marks a project or product, not a person; surname
# prefixes ("McClatchy", "DeLong", "O'Neil") are the exception
_BARE_OFFER = re.compile(
    r"^(?:also\s+)?(?:offered|offers|volunteered|volunteers|promised|promises)\s+to\s+[a-z]", re.I
)
_BUT = re.compile(r",?\s+but\s+")
_NAME_SHAPED = re.compile(r"^[A-Z][a-z]{2,}(?<!s)(?<!ed)(?<!ing)$")
_INNER_CAPITAL = re.compile(r"^(?!Mc|Mac|De|Di|Da|La|Le|Van|Von|O')[A-Z][a-z]+[A-Z]")


@dataclass(slots=True)
class Item:
    """An action recognised in text, before owner resolution and deduplication."""

    text: str
    owners: list[str]
    first_person: bool
    status: Status
    strength: int  # 3: action-list item, 2: explicit marker or checkbox, 1: prose commitment
    context: str = ""  # the sentence a clause came from: a deadline may be written only there


@dataclass(frozen=True, slots=True)
class Names:
    """How to tell a name from a word: the resolver's knowledge and whether a roll call exists."""

    is_known: Callable[[str], bool]
    split: Callable[[str], list[str]]
    strict: bool  # the minutes list participants: unknown capitalised words need more evidence


def names_ok(who: str, names: Names, lenient: bool) -> bool:
    """Whether ``who`` reads as one or more owners (people, groups, "all")."""
    who = who.strip(" *_:,.")
    if not who or len(who) > 80 or _NOT_NAME_CHARS.search(who) or "n't" in who or "n’t" in who:
        return False
    if who.lower() in _NOBODY:
        return False
    if who.lower() in _ALL or (_GROUP_WORDS.search(who) and len(who.split()) <= 5):
        return True
    parts = names.split(who) or [who]
    for part in parts:
        part = _THE.sub("", part.strip())
        words = part.split()
        if not words or len(words) > 4:
            return False
        first = words[0].lstrip("@")
        if first.lower() in mk.NOT_NAMES and part.lower() not in _ALL:
            return False
        if first.lower() in mk.IMPERATIVES and not names.is_known(part):
            return False
        if names.is_known(part) or part.startswith("@"):
            continue
        if not first[:1].isupper():
            return False
        if not lenient and names.strict and _PLURAL_NOUNISH.match(first) and len(words) == 1:
            return False
    return True


def status_of(text: str, struck: bool, checked: bool | None) -> Status:
    """Done, tentative or open from the marks and wording of an item."""
    if struck or checked:
        return Status.DONE
    if mk.DONE.search(text) and not mk.NOT_DONE.search(text):
        return Status.DONE
    head = " ".join(_HEAD_SPLIT.split(text, maxsplit=1)[0].split()[:6])
    if mk.TENTATIVE.search(head) or _TBC.search(text) or _MAY_START.match(text):
        return Status.TENTATIVE
    return Status.OPEN


def _known_or_group(who: str, names: Names) -> bool:
    """Every part of ``who`` is a known name or a group word."""
    parts = names.split(who) or [who]
    return all(names.is_known(p) or bool(_GROUP_WORDS.search(p)) for p in parts)


def _strip_owner_suffix(text: str, names: Names) -> tuple[str, list[str]]:
    """Remove a trailing "(PaulMillar/Aleem)" or " - Timo" that names the owners."""
    match = mk.TRAILING_PAREN.match(text)
    if match and names_ok(match["who"], names, lenient=True) and match["who"].lower() != "done":
        return match["rest"].rstrip(" ,;:"), [match["who"].strip()]
    dash = mk.TRAILING_DASH.match(text)
    if dash and names_ok(dash["who"], names, lenient=True):
        return dash["rest"], [dash["who"]]
    return text, []


def parse_listed(text: str, names: Names, hint: str | None) -> Item | None:
    """An item known to be an action (action list, marker, checkbox): find owner and task."""
    text = mk.CHECKBOX_TEXT.sub("", text).strip()
    owners: list[str] = []
    hackmd = mk.HACKMD_NAME.search(text)
    if hackmd:
        owners.append(hackmd.group(1).strip())
        text = mk.HACKMD_NAME.sub("", text).strip()
    if not text or mk.DEFERRAL.match(text):
        return None
    first_person = False
    stripped, suffix = _strip_owner_suffix(text, names)
    if suffix and _known_or_group(suffix[0], names) and not owners:
        # "Ask Jürgen to book the room (Paul)": the trailing owner list names who acts
        return Item(stripped, suffix, False, Status.OPEN, 2)
    lead = mk.LEADING_OWNER.match(text)
    commit = mk.COMMITMENT.match(text)
    action_for = mk.ACTION_FOR.search(text)
    if commit and commit["who"] in ("I", "We", "we"):
        first_person = commit["who"] == "I"
    elif commit and names_ok(commit["who"], names, lenient=True):
        owners.append(commit["who"])
    elif lead and names_ok(lead["who"], names, lenient=True):
        owners.append(lead["who"].lstrip("@") if lead["who"].startswith("@") else lead["who"])
        text = lead["rest"]
        if mk.DEFERRAL.match(text):
            return None
    elif action_for and names_ok(action_for["who"], names, lenient=True):
        owners.append(action_for["who"])
    elif (
        (handle := _HANDLE_COMMIT.match(text))
        and handle["who"] not in mk.NOT_NAMES
        and handle["who"] not in mk.IMPERATIVES
    ):
        owners.append(handle["who"])  # "ehashman to open issue ...": a lower-case account name
    elif (initials := _OWNER_VERB.match(text)) and (
        names.is_known(initials["who"])
        or (initials["who"].isupper() and initials["who"].lower() not in mk.NOT_NAMES)
    ):
        owners.append(initials["who"])  # "FK write message re ...": owner, then the task
    text, suffix = _strip_owner_suffix(text, names)
    if not owners:
        owners = suffix
    if not owners:
        later = _later_commitment(text, names)
        if later:
            owners = later
    if not owners and hint and not first_person:
        owners = [hint]
    return Item(text, owners, first_person, Status.OPEN, 2)


def _later_commitment(text: str, names: Names) -> list[str]:
    """Owners named by a commitment in a later clause of the same item."""
    clauses = [c for s in mk.split_sentences(text) for c in mk.split_clauses(s)]
    for sentence in clauses[1:]:
        commit = mk.COMMITMENT.match(sentence)
        if (
            commit
            and commit["who"] not in ("I", "We", "we")
            and names_ok(commit["who"], names, lenient=False)
        ):
            return [commit["who"]]
    return []


def _rejected(text: str) -> bool:
    """Sentences that look like commitments but are not actions."""
    return bool(  # anchored matches first: they are cheap and settle most sentences
        mk.DECISION.match(text)
        or mk.DEFERRAL.match(text)
        or mk.ANNOUNCEMENT.match(text)
        or mk.AVAILABILITY.search(text)
        or mk.INVITATION.search(text)
    )


_STRONG_VERBS = frozenset(("will", "'ll", "’ll", "shall", "to", "agreed to", "agree to"))
_LEAD_JOIN = re.compile(r"^(?:and|but|while|whereas)\s+", re.IGNORECASE)
_LABEL_PREFIX = re.compile(r"^[^:]{1,40}:\s+(?=\S)")
_AFTER_COMMA = re.compile(
    r"(?:,|\s[-–]\s|\bbut\b|\bso\b)\s+(?=(?:I|[Ww]e|@?[A-Z][\w.'’-]*)\s+(?:will|'ll|’ll|shall)\b)"
)


def parse_prose(
    sentence: str, names: Names, subject: str | None, line_start: bool = True
) -> tuple[list[Item], str | None]:
    """Commitments in running text; also the subject to carry to the next sentence.

    One item per sentence, unless its clauses commit different people ("Stefan will prepare
    slides, Eduardo will do the presentation"): then one item per clause, with the clause text.
    """
    if _rejected(sentence) or _QUESTION_OPEN.match(sentence):
        return [], subject
    found: list[tuple[int, Item, str]] = []
    for clause in mk.split_clauses(sentence):
        variants = [clause]
        label = _LABEL_PREFIX.match(clause)
        if label:
            variants.append(clause[label.end() :])
        commas = list(_AFTER_COMMA.finditer(clause))
        if commas:
            variants.append(clause[commas[-1].end() :])
        for variant in variants:
            item, subject, verb = _clause(variant, sentence, names, subject, line_start)
            if item is not None:
                found.append((2 if verb in _STRONG_VERBS else 1, item, variant))
                break
    if not found:
        return [], subject
    owners = {tuple(item.owners) for _, item, _ in found if item.owners}
    if len(found) > 1 and len(owners) > 1:
        for _, item, variant in found:
            item.text = _LEAD_JOIN.sub("", variant).rstrip(" ,;.")
            item.context = sentence
        return [item for _, item, _ in found], subject
    return [max(found, key=lambda f: (f[0], bool(f[1].owners)))[1]], subject


def _clause(
    clause: str, sentence: str, names: Names, subject: str | None, line_start: bool = True
) -> tuple[Item | None, str | None, str]:
    """One clause: "X will ...", "X to ...", "I will ...", "will ..." after a subject, "need to"."""
    owning = _OWNERSHIP.match(clause) if "tak" in clause else None
    if owning and (names_ok(owning["who"], names, lenient=True) or clause.startswith("[")):
        return Item(sentence, [owning["who"]], False, Status.OPEN, 1), subject, "will"
    if subject and _BARE_OFFER.match(clause):
        # "Christian Huitema: Offered to work on ...": the speaker offers
        offer = _BUT.split(clause, maxsplit=1)[0]  # "..., but noted that ...": a remark
        return Item(offer, [subject], False, Status.OPEN, 1, sentence), subject, "to"
    commit = mk.COMMITMENT.match(clause)
    verb = "will"
    if commit:
        who, verb, task = commit["who"], commit["verb"], commit["task"]
        who = _ALT_OWNER.sub(r", \1", who) if "(" in who else who
        if (
            verb in ("will", "shall")
            and mk.PASSIVE_TASK.match(task)
            and not names.is_known(who)
            and (not _PRONOUN.match(who) or who.lower() in ("this", "that"))
            and who not in ("I", "We", "we")
        ):
            # "Slides will be sent around": a task with no owner
            return Item(sentence, [], False, Status.OPEN, 1), subject, verb
        core = _ADVERB.sub("", task)
        if mk.DEFERRAL.match(core) or mk.STATIVE_TASK.match(core) or _NEGATED.match(core):
            return None, subject, ""
        if verb == "to" and _INFINITIVE_SUBJECT.search(task):
            return None, subject, ""
        if _INNER_CAPITAL.match(who) and not names.is_known(who):
            return None, subject, ""
        if who == "I":
            return Item(sentence, [], True, Status.OPEN, 1), subject, verb
        if who in ("We", "we"):
            if verb in ("to", "can", "could", "should", "may", "might", "takes", "take") or (
                mk.VAGUE_TASK.match(task)
            ):
                return None, subject, ""
            return Item(sentence, [], False, Status.OPEN, 1), subject, verb
        weak = ("to", "can", "could", "may", "might", "should", "needs to", "need to")
        if (
            verb in weak
            and names.strict
            and not _known_or_group(who, names)
            # "Ralf to open a PR": one name-shaped word and an imperative task need no roster
            and not (
                verb == "to"
                and _NAME_SHAPED.match(who)
                and who.lower() not in mk.NOT_NAMES
                and mk.looks_imperative(task)
            )
        ):
            return None, subject, ""
        if names_ok(who, names, lenient=False):
            return Item(sentence, [who], False, Status.OPEN, 1), who, verb
        if who.split()[0].lower() not in mk.NOT_NAMES:
            return None, subject, ""
        # "Also need to clean up ...": the capitalised word was no subject; try the other rules
    for_match = mk.ACTION_FOR.search(clause)
    if for_match and names_ok(for_match["who"], names, lenient=True):
        # the part of the sentence that states the action, not the report before it
        part = next((p for p in _DASH_SPLIT.split(sentence) if "action" in p.lower()), sentence)
        return Item(part, [for_match["who"]], False, Status.OPEN, 1), subject, verb
    volunteer = mk.VOLUNTEERS.match(clause)
    if volunteer and volunteer["who"] not in ("We", "we"):
        if volunteer["who"] == "I":
            return Item(sentence, [], True, Status.OPEN, 1), subject, verb
        if names_ok(volunteer["who"], names, lenient=False):
            return Item(sentence, [volunteer["who"]], False, Status.OPEN, 1), subject, verb
    lead = _PAST_SUBJECT.match(clause)
    if lead and names_ok(lead["who"], names, lenient=False):
        subject = lead["who"]  # "Edgar tested ...; will make a PR" keeps Edgar for the next clause
    bare = mk.BARE_WILL.match(clause)
    if bare and subject and clause is not sentence:
        return Item(sentence, [subject], False, Status.OPEN, 1), subject, verb
    modal = mk.BARE_MODAL.match(clause)
    if (
        modal
        and clause[:1].isupper()
        and (subject or line_start or not mk.ROLE_TASK.match(modal["task"]))
        and not mk.QUESTION_END.search(clause)
    ):
        # "Pere - ... Will draft guinea pigs after Easter": the subject is the speaker; with no
        # speaker the line is an unowned task of the minutes' author
        return Item(sentence, [subject] if subject else [], False, Status.OPEN, 1), subject, verb
    need = mk.UNOWNED_NEED.match(clause)
    if need and not mk.QUESTION_END.search(clause) and len(need["task"].split()) >= 3:
        return Item(sentence, [], False, Status.OPEN, 1), subject, verb
    passive = mk.PASSIVE_FUTURE.match(clause)
    if passive and (
        not _PRONOUN.match(passive["subj"])
        # "This will be confirmed on the list": a demonstrative names the decision just taken
        or (passive["subj"].lower() in ("this", "that") and not passive["pp"].startswith("av"))
    ):
        return Item(sentence, [], False, Status.OPEN, 1), subject, verb
    if mk.BARE_PASSIVE.match(clause) and (line_start or clause is not sentence):
        return Item(sentence, [], False, Status.OPEN, 1), subject, verb
    return None, subject, ""
