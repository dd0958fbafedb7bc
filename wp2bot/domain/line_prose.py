"""The commitments written in one line of running text, as candidates for merging."""

from __future__ import annotations

import re

from wp2bot.domain import clauses as cl
from wp2bot.domain import commitment_patterns as cp
from wp2bot.domain import owner_positions as pos
from wp2bot.domain import sentences as st
from wp2bot.domain import turns as tu
from wp2bot.domain import vocabulary as vo
from wp2bot.domain.action_items import Item, Names, status_of
from wp2bot.domain.calls import answered_after_dash, answered_call
from wp2bot.domain.dedupe import Mergeable
from wp2bot.domain.doctree import Label
from wp2bot.domain.first_person_languages import HEDGE
from wp2bot.domain.models import Line, LineKind, Status
from wp2bot.domain.prose import parse_prose

_LINK = re.compile(r"\[([^\]]+)\]\([^)\s]+\)")
# "we", also in the sites' languages ("Nous allons ...", "contiamo di ...", "prepararemos")
_WE = re.compile(
    r"(?:[Ww]e|Nous|Wir|Noi|Nosotros)\b|[Ww]e['’]ll\b|On\s+va\b|[Vv]amos\b|"
    r"[A-Za-zÀ-ÿ]\w+(?:iamo|remo|remos)\b"
)
# a sentence that opens with its verb in the past, no subject: "Agreed to go ahead with it."
_NO_SUBJECT = re.compile(r"[A-Z][a-z]+ed\s+(?:to|that|on|with|upon)\b")
# "...; she will chase the rest", "..., and he will ...": a pronoun that opens a later clause
_LATER_HE_OR_SHE = re.compile(r"(?:[;,]\s+|\band\s+)s?he\s+(?:will|['’]ll|is\s+going\s+to)\b")
_HE_OR_SHE = ("He ", "She ", "He'", "She'", "He’", "She’")
# a verb before its plural pronoun, as German and Dutch put it after a condition: "schauen wir"
_VERB_WE = re.compile(r"[a-zäöüß]{2,}\s+(?:wir|we|nous)\b")
# the first person of a speaker's own words
_FIRST_PERSON = re.compile(r"\b(?:I|I['’](?:m|ve|ll|d)|[Mm]y|[Ww]e|[Oo]ur|[Uu]s)\b")
# a later sentence that hands a task on by an arrow: "-> Kirsty: open the firewall"
_HANDED_INSIDE = re.compile(r"[.!]\s+(?:->|→|=>)\s*[A-Z][\w'’-]+\s*:\s")
_HANDED_LABEL = re.compile(r"^(?:->|→|=>)\s*(?P<who>[A-Z][\w'’-]+)\s*:\s+(?P<task>\S.*)$")


def line_commitments(
    line: Line,
    index: int,
    followups: dict[int, bool],
    names: Names,
    hint: str | None,
    previous: Line | None = None,
    label: Label | None = None,
    assigned: bool = False,
    owner: str | None = None,
    site: Label | None = None,
) -> list[Mergeable]:
    """The commitments in a line of running text: speaker turns, sentences, suggestions.

    ``owner``: whose a sentence without a subject is (a title's, a site label's over the line);
    ``site``: the "Site (Person)" label over the line, whose person a "he" or "she" is.
    """
    found: list[Mergeable] = []
    text = line.text
    if label is not None and label.rest:
        # "Site (Person): report. Will add ...": a sentence without a subject is the label's
        text = label.rest
    if "](" in text:
        text = _LINK.sub(r"\1", text)  # "[I need to fix the labels](https://...)": the words
    if previous is not None and previous.section == line.section and "?" in previous.text:
        # "Can someone check the pool?" then "Ana: will do": the call's task is hers
        taken = answered_call(st.split_sentences(previous.text)[-1], text, names)
        if taken is not None:
            return [as_candidate(taken, line, index, followups, 1, hint)]
    if not cp.prose_trigger(text) and not _hands_on(text):
        told = tu.told(text, names, assigned)
        if told is not None and not (told.owners and _continues(previous, line)):
            found.append(as_candidate(told, line, index, followups, 1, hint))
        return found
    speaker: str | None = None
    turn = tu.SPEAKER_TURN.match(text) if tu.may_turn(text) else None
    if turn and tu.names_like(turn["who"], names):
        speaker, text = turn["who"], tu.without_assent(text[turn.end() :])
        told = tu.told(line.text, names, assigned)
        if told is not None:
            return [as_candidate(told, line, index, followups, 1, hint)]
    if (
        speaker is not None
        and tu.may_turn(text)
        and (inner := tu.SPEAKER_TURN.match(text))
        and names.is_known(inner["who"])
        and (not names.is_known(speaker) or (turn is not None and turn["irc"] is not None))
    ):
        # "IPv6: Lea: five sites lack it. Will remind them": a topic, then the turn of someone
        # the meeting knows; "<oskar> chau: sure, will add it": the scribe's nick, then whose
        # words they type
        speaker, text = inner["who"], tu.without_assent(text[inner.end() :])
    # under "DESY (Jonas)" a sentence with no subject ("Will share the snippet") is the owner's
    subject = speaker or owner
    if line.kind is LineKind.ROW and line.cells and text is line.text:
        # a row of a table that lists no actions (a timetable, a status table): each cell says
        # its own sentences ("10 min | Tapes | Ana | Ana will send the plan by Friday.")
        sentences = [s for cell in line.cells if cell for s in st.split_sentences(cell)]
    else:
        sentences = st.split_sentences(text)
    answered = -1  # the sentence that took up the call before it
    for position, sentence in enumerate(sentences):
        if position == answered:
            continue
        if label is not None and label.rest:
            subject = label.owners  # each sentence of a labelled report starts afresh
        reporter = label if label is not None and label.rest else site
        if (
            reporter is not None
            and reporter.place
            and (sentence.startswith(_HE_OR_SHE) or _LATER_HE_OR_SHE.search(sentence))
        ):
            # "PIC (Marisol): token TPC works. She will send the notes", or under "Nikhef
            # (JvD)" a nested "He will write it up": the one who reports for the site
            subject = reporter.owners.removeprefix(f"{reporter.place}, ")
        elif (
            subject is None
            and owner
            and speaker is None
            and sentence.startswith(_HE_OR_SHE)
            and len(names.split(owner)) == 1
        ):
            # under "1. SKA (Harini)": "The storages are ready. She will register them": a
            # thing's sentence between names no other person; she is the one the title names
            subject = owner
        if (
            sentence[:1] in "-=→"
            and (handed := _HANDED_LABEL.match(sentence))
            and names.is_known(handed["who"])
            and vo.looks_imperative(handed["task"])
        ):
            # "... any time. -> Kirsty: open the firewall": the task handed to the one named
            item = Item(handed["task"], [handed["who"]], False, Status.OPEN, 1)
            item.status = status_of(item.text, line.struck, line.checked)
            found.append(as_candidate(item, line, index, followups, 1, hint))
            continue
        if taken := answered_after_dash(sentence, names):
            found.append(as_candidate(taken, line, index, followups, 1, hint))
            continue
        if (
            position + 1 < len(sentences)
            and sentence.endswith(("?", "."))
            and (taken := answered_call(sentence, sentences[position + 1], names))
        ):
            found.append(as_candidate(taken, line, index, followups, 1, hint))
            answered = position + 1
            continue
        if st.asks(sentence) and (task := cl.suggested_task(sentence)):
            # "Could we raise this with ...?": a suggestion phrased as a question
            item = Item(task, [], False, Status.TENTATIVE, 1)
            found.append(as_candidate(item, line, index, followups, 1, hint))
            continue
        opens = position == 0  # the sentence opens the line or a turn of its own
        if (
            position
            and ":" in sentence[:40]
            and (later := tu.SPEAKER_TURN.match(sentence) if tu.may_turn(sentence) else None)
            and tu.names_like(later["who"], names)
        ):
            # "Piet: section 4 is unclear. Lea: agreed, will rewrite it": the next speaker's turn
            speaker = subject = later["who"]
            sentence = tu.without_assent(sentence[later.end() :])
            opens = True
        # a "she" or "he" may be the one named before; the speaker too, once their turn reads as
        # the secretary's account of it ("JvD: buffer reconfigured. He will rebuild the index"),
        # not as their own words ("Bo: I asked Ana. He will ..." is someone else)
        named = subject is not None and (
            subject != speaker or (position > 0 and not _FIRST_PERSON.search(text))
        )
        items, subject = parse_prose(sentence, names, subject, opens, named)
        if (
            subject is not None
            and subject == owner != speaker
            and owner != hint
            and not items
            # ("Ifeoma presented the scheme. Agreed to go ahead. She will ...": a sentence that
            # named her itself, or that has no subject of its own, keeps her)
            and not sentence.startswith(owner)
            and not _NO_SUBJECT.match(sentence)
        ):
            # "The coordinator was appointed. Will take care of ...": the title's owner was
            # the subject of the first sentence only if it was theirs to commit to (under
            # "North (Bo):" the whole report is the site's: "Tape moved. Will ...")
            subject = None
        for item in items:
            if not item.owners and (
                st.asks(sentence) or (speaker and tu.WE_SHOULD.match(sentence))
            ):
                continue  # "Omar: We should mark it as pending": an opinion in a discussion
            if speaker and item.owners == [speaker] and sentence.startswith("Need"):
                continue  # "NN: Need to manage the risk": a view in a discussion, not a task
            written = status_of(item.text, line.struck, line.checked)
            # a rule's own tentative reading (an offer, a proposal) stands unless marked otherwise
            if written is not Status.OPEN or item.status is not Status.TENTATIVE:
                item.status = written
            if item.first_person and speaker:
                item.owners, item.first_person = [speaker], False
            if not item.owners and not item.first_person:
                item.owners = _handed_to(sentence, names)
            if not item.owners and label is not None and label.rest and _ours(sentence):
                # "DESY (Ulrich): tape fine. We will provide logs": the site's report, its task
                item.owners = [label.owners]
            if item.first_person and label is not None and label.place:
                # "Torino (Davide): ... I'll renew the certificate": the one who speaks, not the
                # site he speaks for
                person = label.owners.removeprefix(f"{label.place}, ")
                if person != label.owners:
                    item.owners, item.first_person = [person], False
            found.append(as_candidate(item, line, index, followups, 1, hint))
    return found


def _ours(sentence: str) -> bool:
    """Whether a sentence speaks for a group in the first person plural ("We will ...", "Nous
    allons ...", "Falls Zeit bleibt, schauen wir ...", "Se c'è tempo prepariamo ...")."""
    if _WE.match(sentence):
        return True
    hedge = HEDGE.match(sentence)
    return hedge is not None and (
        _WE.match(rest := sentence[hedge.end() :]) is not None or _VERB_WE.match(rest) is not None
    )


def _hands_on(text: str) -> bool:
    """Whether a later sentence of the text hands a task on by an arrow ("... -> Kirsty: ...")."""
    return (">" in text or "→" in text) and _HANDED_INSIDE.search(text) is not None


def _handed_to(sentence: str, names: Names) -> list[str]:
    """The known person an ownerless task is handed to at its end ("Someone needs to check
    the probe. → Ana", "... - Ana Lima", "... (action: Ana)", "... by Friday (Ana)"), else
    nobody."""
    bare = sentence.rstrip(" .")
    end = pos.TRAILING_DASH.match(bare) if pos.may_end_with_owner(sentence) else None
    if end is None and bare[-1:] in ")]":
        end = pos.TRAILING_FIELD.search(sentence) or pos.TRAILING_PAREN.match(bare)
    return [end["who"].strip()] if end and names.is_known(end["who"].strip()) else []


def _continues(previous: Line | None, line: Line) -> bool:
    """The line goes on with what the same speaker said on the line before ("AB: Shall we look at
    other layouts?" then "AB: to compare the two designs"): a fragment, not a turn of its own."""
    if previous is None or previous.section != line.section:
        return False
    speaker = line.text.split(":", 1)[0]
    before = previous.text.rstrip()
    return before.startswith(f"{speaker}:") and not before.endswith((".", "!"))


def as_candidate(
    item: Item,
    line: Line,
    index: int,
    followups: dict[int, bool],
    strength: int,
    hint: str | None,
) -> Mergeable:
    """The item as a candidate for merging, at its line; a first-person item is the hint's."""
    owners = list(item.owners)
    first_person = item.first_person
    if first_person and hint:
        owners, first_person = [hint], False
    return Mergeable(
        text=item.text.strip(),
        owners=owners,
        status=item.status,
        strength=strength,
        index=index,
        section=line.section,
        line=line.number,
        source=line.text,
        first_person=first_person,
        carried=followups.get(line.section, False),
        other_texts=item.context,
        due_text=item.deadline,
    )
