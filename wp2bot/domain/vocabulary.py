"""Word lists of minutes: words that name nobody, imperative verbs that open a task."""

from __future__ import annotations

import re

from wp2bot.domain.pattern_rules import PatternRule, case, pattern, ranked

# words that begin sentences but never name an owner (also the nouns a "to" follows:
# "Potential to promote the event", "Chance to review it")
NOT_NAMES = frozenset(
    """this that these those it its there here the a an he she they you it's what which who whom
    whose when where why how if once after before while since because although though however
    also then still now each every both some most many any no none next last first finally
    meeting minutes agenda notes update updates status news summary discussion question answer
    action actions outcome decision proposal idea plan result results issue issues pr prs
    documentation docs slides release everything nothing something anything people group
    one someone somebody anyone anybody nobody other others another such same all everyone
    yes ok okay sure thanks thank please note maybe perhaps probably hopefully currently
    monday tuesday wednesday thursday friday saturday sunday today tomorrow tonight week month
    january february march april june july august september october november december
    in on at for from with by of to as up out over under about into onto upon per via
    so but and or nor yet not only just our my your their his her new old more less
    need needs agreed agree difficult goal comments should would could will can may might must
    shall let lets let's let’s approaching possible important hard easy good better best related
    due prior according owing thanks close similar equivalent subject contrary
    hoping aiming intending wanting waiting willing keen happy glad able unable
    asap soon later urgent eod eow eom eoy
    potential chance opportunity possibility option aim suggestion request attempt effort
    ability willingness desire wish intention motion agreement consensus recommendation""".split()
)

# imperative verbs that open a task ("Ask Jürgen to ...", "Add Horst to ..."); never part of a
# name. Verbs that are also common first names (Will, Mark, Rob, Bill) are left out.
IMPERATIVES = frozenset(
    """ask tell contact invite remind help ping email mail notify inform write send check add
    update create follow make review prepare draft discuss find get set fix open close move remove
    keep continue modify obtain try understand attach approach consider organize organise schedule
    circulate share post confirm coordinate investigate look provide propose reach release respond
    reply submit test clarify collect compile document explore identify include merge push put
    raise read record register request run start talk verify announce arrange book build cancel
    change clean give go reply revise rewrite setup sign think work plan publish upload edit
    bring call collect comment compare define deploy design develop enable ensure evaluate
    file finalize finalise finish gather implement improve install integrate join list mention
    migrate nominate outline pick poll present reconcile reorganize replace reserve resolve reuse
    rename select split summarize summarise support survey sync tag transfer upgrade
    validate revisit troubleshoot debug assess audit chase configure reconfigure renew rerun
    rebuild restart rotate reproduce triage prioritise prioritize estimate automate adapt
    adjust archive backport decommission distribute drain extend refine simplify tidy
    cut bisect patch tune benchmark measure monitor port package restore recover repair retire
    convert translate handle fetch download deliver freeze assign track escalate negotiate apply
    order buy purchase procure uninstall reinstall delete purge wipe reboot fill print phone pay
    approve downgrade correct disable replicate forward analyse analyze simulate optimise optimize
    copy rebase repeat redo retry inspect examine prototype produce contribute provision
    allocate reset refresh expand host pursue nudge liaise advertise publicise publicize promote
    recruit hire onboard interview canvass solicit diagnose quantify describe specify sketch
    proofread endorse ratify revoke reissue prune deprecate reassign consolidate showcase reopen
    aggregate recreate bump pin unpin quarantine relabel rerun rollback roll
    chk upd""".split()  # (and a note-taker's "chk" and "upd")
)


# Work that cannot wait, and a line that opens with a verb the lists above do not know, in one
# table; the rules serve different callers and never compete.
RULES = ranked(
    PatternRule(
        name="urgent",
        rank=0,
        pattern=re.compile(
            r"\b(?:asap|as soon as possible|urgently|without delay)\b", re.IGNORECASE
        ),
        yields="work that cannot wait: an imperative with it is a task",
        examples=(case("Need to find a speaker urgently"), case("Renew the key ASAP")),
        counter_examples=("Renew the key when possible",),
    ),
    PatternRule(
        name="verb-then-object",
        rank=0,
        # "Renew the ...", "Rotate our ...": an unknown verb followed by a determiner or particle
        pattern=re.compile(
            r"^\W*(?P<verb>[A-Z][a-z]{2,})\s+(?:the|a|an|our|their|your|its|all|any|some|this|"
            r"these|that|those|each|every|up|out|back|down|over|off|on|with|to)\s",
        ),
        yields="the verb that may open an imperative (unless not-verb-end says otherwise)",
        how="match",
        examples=(case("Reindex the catalogue", verb="Reindex"), case("- Wipe out the cache")),
        counter_examples=("reindex the catalogue", "Reindex catalogue"),
    ),
    PatternRule(
        name="not-verb-end",
        rank=0,
        pattern=re.compile(r"(?:s|ed|ing|ly|tion|sion|ment|ness|ity|ance|ence|ure|al|ic)$"),
        yields="a first word whose ending makes it no imperative (a noun, a past, an adverb)",
        examples=(case("Installation"), case("Finally"), case("Reported")),
        counter_examples=("Reindex", "Wipe"),
    ),
)
URGENT = pattern(RULES, "urgent")
_VERB_THEN_OBJECT = pattern(RULES, "verb-then-object")
_NOT_VERB_END = pattern(RULES, "not-verb-end")


# a word, then a determiner or a particle, in lower-cased text: "renew the key", "sort out a
# date", the opening of an imperative with its object ("order form changes" is none)
VERB_THEN_DETERMINER = re.compile(
    r"\W*[a-z]{3,}(?:-[a-z]{3,})?\s+(?:the|an?|our|their|your|its|all|any|some|this|these|that|those|"
    r"each|every|up|out|back|down|over|off|on|with|to)\s"
)


# verbs by their ending ("harmonise", "standardize", "quantify"), and the nouns that share it
_VERB_SUFFIXES = ("ise", "ize", "ify")
_SUFFIX_NOUNS = frozenset("expertise enterprise premise promise compromise merchandise".split())
_VERB_PREFIXES = frozenset(("re", "cross", "double", "pre", "co", "fine"))


def is_task_verb(word: str) -> bool:
    """Whether a lower-case word is a verb of work: one of IMPERATIVES, or a verb by its form
    ("harmonise", "standardize", "quantify")."""
    if word in IMPERATIVES:
        return True
    if "-" in word:
        # "cross-check", "double-check", "re-run": a work verb after a prefix
        prefix, _, verb = word.partition("-")
        return prefix in _VERB_PREFIXES and verb in IMPERATIVES
    return word.endswith(_VERB_SUFFIXES) and len(word) >= 7 and word not in _SUFFIX_NOUNS


def looks_imperative(text: str) -> bool:
    """Whether a line opens with an imperative verb ("Add Horst ...", "Renew the ...")."""
    first = text.lstrip(" -*•(").split(maxsplit=1)
    if not first:
        return False
    word = first[0].strip(",.:;").lower()
    if is_task_verb(word):
        return True
    match = _VERB_THEN_OBJECT.match(text)
    return bool(
        match and match["verb"].lower() not in NOT_NAMES and not _NOT_VERB_END.search(match["verb"])
    )


def is_gerund(word: str) -> bool:
    """Whether a word is the "-ing" form of a task verb ("Planning", "Trying", "Setting"): a
    participle opening a line ("Planning to migrate in May"), never its owner."""
    word = word.lower()
    if len(word) < 5 or not word.endswith("ing"):
        return False
    stem = word[:-3]
    return (
        stem in IMPERATIVES
        or stem + "e" in IMPERATIVES
        or (len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in IMPERATIVES)
    )
