"""Task lines written as imperatives: "Add Horst to the list. (Paul)", "jdoe: update the table",
"Invite the speakers from outside the group"."""

from __future__ import annotations

import re

from wp2bot.domain import owner_positions as pos
from wp2bot.domain import sentences as st
from wp2bot.domain import task_patterns as tp
from wp2bot.domain import text_markup as tm
from wp2bot.domain import vocabulary as vo
from wp2bot.domain.action_items import Item, Names, all_known, names_ok
from wp2bot.domain.casefold import contains_any
from wp2bot.domain.clauses import Walk, is_topic
from wp2bot.domain.group_languages import english_group, foreign_task
from wp2bot.domain.groups import group_label
from wp2bot.domain.listed_items import leading_mention, parse_listed
from wp2bot.domain.models import Line, LineKind, Status
from wp2bot.domain.pattern_rules import PatternRule, case, pattern, ranked
from wp2bot.domain.task_fields import task_fields

# Lexical helpers, no rules: the first word of a line (a label when a colon follows it), and
# where the head of a line ends (a clause or a question opens: "Ask whether the link is up",
# "Invite the people who are on the list").
# the joins between owners a line may open with: "Ana, Bo:", "Ana/Bo:", "MK + RF:", "Ana & Bo:"
_JOINS = (",", "/", "+", "&")
_FIRST_WORD = re.compile(r"^\W*([A-Za-z]+)\b")
_TRAILING_REMARK = re.compile(r"\s*\([^()]*\)\s*$")  # "... b4 Fri (lifetime 7d?)"
# a state or a report after it: "CERN upgrade went fine", "Bo test results are in"
_REPORTED_STATE = re.compile(
    r"\b(?:is|are|was|were|went|has|had|have|done|failed|works?|worked|ok|fine)\b", re.IGNORECASE
)
_HEAD_END = re.compile(
    r"[,;:.?!()]|\b(?:that|whether|if|who|whom|whose|which|what|when|where|why|how|once|until|"
    r"unless|because|since|while|before|after|so|but)\b",
    re.IGNORECASE,
)
# the finite verbs of a report, in the task after a handle and in the head of a contact bullet
_FINITE = r"is|are|was|were|has|have|had"

RULES = ranked(
    PatternRule(
        name="label-owner",
        rank=20,
        # (the owner may be written as the one responsible: "(resp. Ola)", "(responsible: Ola)")
        pattern=re.compile(
            r"^[^():]{2,40}\((?:resp(?:\.|onsible)?\s*:?\s+)?(?P<who>[^()]{2,30})\):\s+"
            r"(?P<task>\S.*)$",
            re.IGNORECASE,
        ),
        yields="a topic with its owner in brackets, then the task",
        how="match",
        examples=(
            case("Cache site (Ola): Move the config to git", who="Ola"),
            case("Tape recall (resp. Ola): rerun the test", who="Ola"),
        ),
        counter_examples=("Cache site: move the config (Ola)",),
    ),
    PatternRule(
        name="contact-task",
        rank=10,
        # "Invite the developers of ...", "Try to get in touch with ...": an imperative that
        # contacts or asks other people. Unlike "Review the ...", "Update on ..." or "Vote on
        # ...", no title of a topic or a report opens like this, so the bullet is a task even
        # with no owner and no action list around it. "Request from Ana to ...", "Email sent to
        # ...", "Contact details are ..." open with a noun.
        pattern=re.compile(
            r"^(?P<try>(?:try|start|begin)\s+(?:to\s+)?)?(?:ask|invite|send|contact|e-?mail|"
            r"inform|notify|tell|remind|ping|circulate|request|reach\s+out|get\s+in\s+touch|"
            r"approach|obtain|forward|asking|inviting|sending|contacting|reaching\s+out|"
            r"getting\s+in\s+touch)\b(?!\s+(?:from|sent|received|of)\b)(?!:)(?=\s+\S+\s+\S)",
            re.IGNORECASE,
        ),
        yields="a bullet that asks, invites or contacts people; 'try to' makes it tentative",
        how="match",
        examples=(
            case("Invite the vendor to the next call"),
            case("Try to get in touch with the new admin", **{"try": "Try to "}),
        ),
        counter_examples=("Request from Ana to move", "Email sent to all", "Contact: Bo", "Ask Bo"),
    ),
    PatternRule(
        name="reported",
        rank=0,
        # a report, not a task: "anna: the tests are green", "tom: said he would look"
        pattern=re.compile(r"\b(?:" + _FINITE + r"|said|says|thinks?|reported|mentioned|asked)\b"),
        yields="the text after a handle reports, it is no task",
        examples=(case("the tests are green"), case("said he would look")),
        counter_examples=("update the reference table",),
    ),
    PatternRule(
        name="report-verb",
        rank=0,
        # "... speakers soon to have the programme": an infinitive is no verb of the head
        pattern=re.compile(
            r"(?<!\bto )\b(?:" + _FINITE + r"|went|came|arrived|got|remains?)\b", re.IGNORECASE
        ),
        yields="the head of a contact bullet has a finite verb: a report, not an imperative",
        examples=(case("Email to all sites went out"), case("Contact details are on the wiki")),
        counter_examples=("Ask the speakers soon to have the programme",),
    ),
)
_LABEL_OWNER = pattern(RULES, "label-owner")
_CONTACT_TASK = pattern(RULES, "contact-task")
_REPORTED = pattern(RULES, "reported")
_REPORT_VERB = pattern(RULES, "report-verb")


def _reports(text: str) -> bool:
    """Whether the head of the line has a finite verb of its own: a report, not an imperative."""
    end = _HEAD_END.search(text)
    return _REPORT_VERB.search(text[: end.start()] if end else text) is not None


def _handle_task(who: str, task: str, names: Names) -> bool:
    """Whether "who: task" is a task for the person with that account (not a speaker's turn)."""
    if who in vo.NOT_NAMES or who in vo.IMPERATIVES or not all_known(who, names):
        return False
    if vo.looks_imperative(task):
        return True
    if names.is_known(who.capitalize()):
        return False  # "mark: not sure ...": a first name in lower case, a speaker's turn
    return len(task.split()) >= 3 and not st.asks(task) and not _REPORTED.search(task)


def _mentioned_task(text: str, names: Names) -> Item | None:
    """ "@bo draft the FAQ", "@Ana Lima check the logs": the task of the accounts it opens with
    (``leading_mention``), when it is an imperative."""
    mention = leading_mention(text, names)
    if mention is None or not vo.looks_imperative(mention[1]) or st.asks(mention[1]):
        return None
    item = parse_listed(mention[1], names, None)
    if item is not None and not item.owners:
        item.owners = [mention[0]]
    return item


def contact_task(line: Line, walk: Walk, names: Names, hint: str | None) -> Item | None:
    """A bullet that asks, invites or contacts people ("Send the reminder to the missing sites"),
    or an urgent imperative ("Renew the host certificate ASAP"): a task outside an agenda, of the
    owner the section's title names; "Try to ..." is tentative."""
    if line.kind is not LineKind.BULLET or walk.agenda:
        return None
    contact = _CONTACT_TASK.match(line.text)
    # "Release the client as soon as possible": an imperative that cannot wait
    urgent = contact is None and vo.URGENT.search(line.text) and vo.looks_imperative(line.text)
    if (contact is None and not urgent) or st.asks(line.text) or _reports(line.text):
        return None
    item = parse_listed(line.text, names, hint)
    if item is not None and not item.owners and walk.owner:
        item.owners = [walk.owner]  # under "2.3 Compute (Yan)": the section's owner sends it
    if item is not None and contact and contact["try"] and contact["try"].lower().startswith("try"):
        item.status = Status.TENTATIVE
    return item


# a point handed to someone in closing brackets: "(→ Bo)", "(-> Ana, Kim)"
_HANDED = re.compile(r"\s*\((?:→|->|=>)\s*(?P<who>[^()]{1,40}?)\s*\)\W*$")
# ... or after it, at the line's end, maybe with the deadline: "Announce it on the list -> Hamid",
# "Agreed to move it to tape first. -> Bo", "announcement -> Kim by 10/2"
_HANDED_AFTER = re.compile(
    r"\s(?:→|->|=>)\s*(?P<who>[^\s,;.()\d][^,;.()\d]{0,40}?)"
    r"(?:,?\s+(?P<due>(?:by|before|until|due)\s+[^,;()]{1,25}?))?\W*$"
)
# a line opened by its owner's label: "Rui: migration plan -> Giulia" hands the plan to Giulia
_OPENING_LABEL = re.compile(r"^@?[^\W\d_][\w.'’-]*(?:\s[^\W\d_][\w.'’-]*)?:\s")
# the length of an agenda's talk beside its speaker: "(Bo, 15 min)", "(Ana - 10')"
_TALK_LENGTH = re.compile(r"\b\d+\s*(?:min(?:ute)?s?|'|h|hrs?|hours?)(?!\w)", re.IGNORECASE)
# a part of a closing bracket that gives the deadline: "(Bo, by the end of the month)"
_DEADLINE_PART = re.compile(
    r"(?:by|due|until|till|before|deadline|eta|end|mid|early|late|next|this|asap|eo[dwmq])\b|\d",
    re.IGNORECASE,
)


def _owner_beside_deadline(who: str, names: Names) -> bool:
    """Whether a closing bracket names the owners, with a deadline beside them or not: "(Bo)",
    "(Kim, by Friday)", "(Piet, end of next week)"; an agenda's "(Bo, 15 min)" names a talk's
    speaker and its length."""
    if _TALK_LENGTH.search(who):
        return False
    if names_ok(who, names, lenient=True):
        return True
    first, *rest = (p.strip() for p in re.split(r"[,;]", who))
    dated = all(_DEADLINE_PART.match(p) for p in rest)
    return bool(rest) and dated and names_ok(first, names, lenient=True)


def task_line(
    line: Line, names: Names, hint: str | None, walk: Walk, titled: str | None = None
) -> Item | None:
    """A task written as an imperative: "Add Horst to the list. (Paul)", "Next step is ...";
    ``titled``: the owner the section's title names, whose plans the section lists.

    An imperative line that ends with an owner list is a task anywhere; once one is seen, its
    imperative siblings in the same bullet list are tasks too, even without an owner.
    """
    text = line.text
    is_bullet = line.kind is LineKind.BULLET
    if line.kind is LineKind.PARAGRAPH or (
        walk.task_depth is not None and line.depth < walk.task_depth
    ):
        walk.task_depth = None
    if tp.NEXT_STEP.match(text):
        return parse_listed(text, names, hint)
    group = group_label(text) if ":" in text[:40] else None
    asked = group.task.removeprefix("please ").removeprefix("Please ") if group else ""
    if (
        group is not None
        and (
            vo.looks_imperative(asked)
            # "Todos los sitios: revisar los certificados": a group and its task in their language
            or (english_group(group.who) is not None and foreign_task(group.task))
        )
        and not st.asks(group.task)
    ):
        # "All sites: upgrade the firmware", "Sites: please check your entries": the group's
        return parse_listed(text, names, None)
    plan = tp.PLAN_LABEL.match(text) if ":" in text[:30] else None
    if plan and vo.looks_imperative(plan["task"]) and not st.asks(text):
        # "Next week: run the reconstruction" under "## Ana": her plan, due when the label says
        planner = hint or titled
        return Item(text, [planner] if planner else [], False, Status.OPEN, 2)
    labelled = _LABEL_OWNER.match(text) if "):" in text else None
    if labelled and names.is_known(labelled["who"]) and vo.looks_imperative(labelled["task"]):
        # "Cache site (Ola): Move the config to git": a topic, its owner in brackets, an imperative
        return Item(text, [labelled["who"]], False, Status.OPEN, 2)
    handle = pos.HANDLE_LABEL.match(text) if ":" in text[:40] else None
    if handle and _handle_task(handle["who"], handle["task"], names):
        # "jdoe: update the reference table": a task labelled with the account of its owner
        return Item(handle["task"], [handle["who"]], False, Status.OPEN, 2)
    head = text[:40]
    pair = pos.LEADING_OWNER.match(text) if contains_any(head, _JOINS) else None
    if (
        pair
        and len(names.split(pair["who"])) > 1
        and names_ok(pair["who"], names, lenient=False)
        and vo.looks_imperative(pair["rest"])
    ):
        # "Ana, Bo: review the draft", "MK + RF: compare the numbers": the task of the people it
        # opens with (one name alone
        # opens a speaker's turn, which ``turns`` reads)
        return Item(pair["rest"], [pair["who"]], False, Status.OPEN, 2)
    if text[:1] in "[(" and not text.startswith("[name=") and tm.TAGGED.match(text):
        # "[Ana] Book the room", "(Bo) Ask the vendor": a known person's tag over a task (a
        # HackMD "[name=Ana]" tag names who wrote the agenda point, a topic or a question)
        tagged = parse_listed(text, names, None)
        if (
            tagged is not None
            and tagged.owners
            and all(names.is_known(o) for o in tagged.owners)
            and vo.looks_imperative(tagged.text)
            and (
                vo.VERB_THEN_DETERMINER.match(tagged.text.lower())
                # "[Teodor] check truvari params + re-run": a known verb, and no report's verb
                # ("[Bo] test results are fine")
                or (
                    # (in lower case: "[Ivo] Order form changes" is a topic's title)
                    tagged.text[:1].islower()
                    and vo.is_task_verb(tagged.text.split(None, 1)[0])
                    and len(tagged.text.split()) >= 3
                    and not _REPORT_VERB.search(tagged.text)
                )
            )
            and not st.asks(tagged.text)
        ):
            return tagged
    if text[:1] == "@" and (mention := _mentioned_task(text, names)):
        return mention
    if text.rstrip(" .")[-1:] == ")" and (fields := task_fields(text)) and fields.owner:
        # "Documentation for users (owner: Kim, due 18/12)": a field names who does it
        return parse_listed(text, names, hint) if names_ok(fields.owner, names, True) else None
    if ")" in text[-2:] and (handed := _HANDED.search(text)) and all_known(handed["who"], names):
        # "memory leak in the reader (→ Bo)": the point is handed to Bo to act on
        return Item(text[: handed.start()].rstrip(" ,;"), [handed["who"]], False, Status.OPEN, 2)
    if (arrowed := _handed_after(text, names)) is not None:
        return arrowed
    bare = (
        pos.OWNER_THEN_VERB.match(text)
        if text[:1].isupper() or text.startswith(("everyone ", "everybody "))
        else None
    )
    if (
        bare is not None
        and vo.is_task_verb(bare["verb"])
        and not _REPORTED_STATE.search(text, bare.end())
        and names.is_known(bare["who"])
        and not st.asks(_TRAILING_REMARK.sub("", text))
    ):
        # "FB chk FTS DB cfg b4 Tue", "Ana check the pool": a note-taker's shorthand for "FB to
        # check ..." (one who names a person, a verb of work without its "-s")
        return Item(text, [bare["who"]], False, Status.OPEN, 2)
    first = _FIRST_WORD.match(text)
    if first is None or not vo.looks_imperative(text) or st.asks(text):
        return None
    owner = pos.TRAILING_PAREN.match(text)
    owned = owner is not None and _owner_beside_deadline(owner["who"], names)
    if not owned and text.rstrip(" .")[-1:] == "]" and (square := pos.TRAILING_BRACKET.match(text)):
        owned = all_known(square["who"], names)  # "Open an issue on the refresh [Lea]"
    if (
        not owned
        and pos.may_end_with_owner(text)
        and (closing := pos.TRAILING_DASH.match(pos.before_deadline_tail(text)))
    ):
        # "Update the guide → Lea": a known name (a question's "? -> Ana" answers a call)
        owned = "?" not in closing["rest"] and all_known(closing["who"], names)
    if not owned and (fields := task_fields(text)) and fields.owner:
        # "Upgrade the cluster. Responsible: Bo. Deadline: ...": a task's fields name its owner
        owned = names_ok(fields.owner, names, lenient=True)
    # "Review of the risk plan. (Board)" among "Task. (Owner)" bullets: a task, not a topic
    if is_topic(text) and not (owned and is_bullet and walk.task_depth == line.depth):
        return None
    if text[first.end() : first.end() + 1] == ":":
        return None  # "Present: ...", "Update: ...": a label, not an imperative
    if owned:
        if is_bullet:
            walk.task_depth = line.depth
        return parse_listed(text, names, hint)
    if is_bullet and walk.task_depth == line.depth and len(text.split()) >= 4:
        return parse_listed(text, names, hint)
    if (
        titled
        and is_bullet
        and len(text.split()) >= 4
        and vo.is_task_verb(first[1].lower())
        and (text[:1].islower() or vo.VERB_THEN_DETERMINER.match(text.lower()))
    ):
        # "follow up with that Tier-2 in GGUS:162733" under "1. FTS status (Agata)": the plans
        # of the one the section's title names
        return Item(text, [titled], False, Status.OPEN, 2)
    return contact_task(line, walk, names, hint)


def _handed_after(text: str, names: Names) -> Item | None:
    """A point handed on by an arrow to a known person at the line's end ("Announce it on the
    list -> Hamid"); not when the line opens with its owner's label (the arrow names whom the
    owner hands the work to) or asks a question."""
    if "->" not in text and "→" not in text and "=>" not in text:
        return None
    handed = _HANDED_AFTER.search(text)
    if handed is None or not all_known(handed["who"], names) or "?" in text:
        return None
    label = _OPENING_LABEL.match(text)
    if label is not None and names.is_known(who := label[0].rstrip(": ").lstrip("@")):
        # "Rui: migration plan -> Giulia, by 17/2": with a deadline, Rui's task
        return Item(text[label.end() :], [who], False, Status.OPEN, 2) if handed["due"] else None
    task = text[: handed.start()].rstrip(" .;,")
    if not task or task.endswith("?"):
        return None
    if handed["due"]:
        task = f"{task}, {handed['due']}"  # the deadline stays the task's
    return Item(task, [handed["who"]], False, Status.OPEN, 2)
