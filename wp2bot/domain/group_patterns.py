"""Groups of people and the requests addressed to them, in one ranked table.

Each rule names what it finds (a request to a group, a polite one, an item labelled with its
group, and the parts ``groups.group_name`` spells a group with), its pattern, what it yields and
invented examples with their groups, that ``tests/unit/test_pattern_rules.py`` runs. The
requests rank above the pre-test and the spelling rules, which never compete.
"""

from __future__ import annotations

import re

from wp2bot.domain.pattern_rules import DASHES, PatternRule, case, ranked

# Nouns for the members of a collaboration that a request can address as a group.
GROUP_NOUNS = (
    r"sites?|tier-?[0-3]s?(?:\s+sites?)?|t[0-3]s|experiments?|users|admins|administrators|"
    r"sysadmins|centres|centers|(?:resource|data)\s+cent(?:re|er)s?|representatives|reps|contacts|"
    r"members|partners|institutes|institutions|groups|teams|collaborations|vos|developers|devs|"
    r"operators|managers|coordinators|providers|owners|maintainers|communities|"
    # the people of a document or a project: "Section authors to ...", "all project leads"
    r"authors|leads|leaders|directors|trustees|officers|"
    # ("each director", "every partner": one of them, in the singular)
    r"(?:(?<=each\s)|(?<=every\s))(?:member|partner|director|trustee|officer|author|leader)"
)
# an acronym in the plural: "NGIs", "DCs", "SRCs", "RCs", "T2s"
ACRONYM_PLURAL = r"[A-Z][A-Z0-9-]*[A-Z0-9]s"
# a count of the members a request names: "all three sites", "both experiments"
COUNTS = r"two|three|four|five|six|seven|eight|nine|ten"
# who of them the meeting has: "all sites present today" (all the sites, of this meeting)
PRESENCE = r"present|attending"
# "each" and "every" take the singular: "each experiment", "every site"
_DETERMINERS = (
    r"(?:(?:the|all|all\s+the|each|every|any|remaining|other|those|both|" + COUNTS + r")\s+)*"
)
# words that qualify the group after its noun: "running StoRM", "still on DPM", "with EL7 CEs"
_QUALIFIER = (
    r"(?:still\s+)?(?:running|using|on|with|without|in|at|of|supporting|providing|"
    r"hosting|behind|that|which|who|not|where|concerned|involved|" + PRESENCE + r")\b"
)
# words before the noun: names and acronyms ("UK", "RSE", "Tier-2") or a few adjectives
_PRE_WORD = (
    r"(?:[A-Z][\w.-]*|[a-z]+-?[0-9]+|(?:affected|participating|interested|relevant|unpatched|"
    r"local|national|regional|storage|site|cloud|grid|data|compute|batch|remaining|other|"
    r"board|committee|steering|project|working|group|team|task|security|network|service|"
    r"operations|ops|core|[a-z]{4,}(?:al|ive|ary)))\s+"  # (and "divisional", "executive")
)
# a body named by what it does, in the singular: "Controls group", "Detector group", "Beamline
# staff", "Insulin Safety Group" (one word before it at least: "group" alone is no owner)
COLLECTIVE = "group|team|staff|committee|office|unit|desk|panel|crew"
_HEAD = (
    r"(?:(?:" + _PRE_WORD + r"){0,2}(?:(?i:" + GROUP_NOUNS + r")|" + ACRONYM_PLURAL + r")"
    r"|(?:" + _PRE_WORD + r"){1,2}(?i:" + COLLECTIVE + r")(?![\w-]))"
)
# the phrase that names the group, with what qualifies it, up to the verb of the request
GROUP_PHRASE = (
    r"(?P<who>(?i:" + _DETERMINERS + r")" + _HEAD + r"(?:\s+" + _QUALIFIER + r"[^,;:()]{0,60}?)?)"
)
_REQUEST_VERBS = (
    r"(?P<verb>(?:are|were|is|have\s+been|has\s+been)\s+(?:(?:kindly|also|again)\s+)?"
    r"(?:asked|requested|required|expected|urged|reminded)\s+to|"
    r"should|must|need\s+to|needs\s+to|have\s+to|has\s+to|to|will\s+need\s+to)"
)

RULES = ranked(
    PatternRule(
        name="please-group",
        rank=20,
        pattern=re.compile(
            r"^[Pp]lease\s+" + GROUP_PHRASE + r"\s+(?P<task>(?!be\b|note\b)[a-z]{3,}\b.*)$"
        ),
        yields="a polite imperative addressed to a group: the group and the task",
        how="match",
        examples=(
            case("Please all site admins check the new firewall rules", who="all site admins"),
            case("please the remaining NGIs send their figures", task="send their figures"),
        ),
        counter_examples=("Please all sites be patient", "Please send the figures"),
    ),
    PatternRule(
        name="group-request",
        rank=10,
        pattern=re.compile(
            # a lead-in before the group: "Before the upgrade, the sites are requested to ..."
            r"^(?:(?i:to|for|in|as|after|before|until|once|meanwhile|therefore|so|then)\b"
            r"[^,;]{0,40},\s+)?(?:[Pp]lease\s+)?(?:(?P<every>(?i:everyone|everybody))|"
            + GROUP_PHRASE
            + r")\s+"
            + _REQUEST_VERBS
            + r"\s+(?P<task>(?!(?:(?:also|really|still|always|ideally)\s+)?"
            r"(?:be|not|see|notice|note(?!\s+down)|observe|experience|"
            r"benefit|receive|feel|know|appear|remain|become|get)\b)[a-z][\w-]*\b.*)$"
        ),
        yields="a request to a group: the group (or everyone), the verb of the request, the task",
        how="match",
        examples=(
            case("Tier-2s are kindly asked to renew their certificates", who="Tier-2s"),
            case("After the upgrade, sites running Ceph should rerun the tests", verb="should"),
            case("Everybody to fill in the poll by Monday", every="Everybody"),
            case("each experiment to nominate a contact", task="nominate a contact"),
            case("All three sites are asked to confirm their quota", who="All three sites"),
            case("All sites present today are asked to send input", who="All sites present today"),
            case("each director is asked to make five calls", who="each director"),
        ),
        counter_examples=(
            "Users should be able to log in",
            "Sites must not see the outage",
            "Every member should really be doing one of these",
        ),
    ),
    PatternRule(
        name="group-label",
        rank=10,
        pattern=re.compile(
            r"^(?:(?P<every>(?i:all|everyone|everybody))|" + GROUP_PHRASE + r")"
            r"(?:\s*:|\s+[" + DASHES + r"]|\s+(?:->|→|=>))\s+(?P<rest>\S.*)$"
        ),
        yields="an item opened by the group it is for: the group (or all) and the rest",
        how="match",
        examples=(
            case("all DCs: fill in the table", who="all DCs", rest="fill in the table"),
            case("everyone: send your slides", every="everyone"),
            case("everyone -> fill in the poll", every="everyone", rest="fill in the poll"),
            case("All sites - report the throughput", who="All sites"),
        ),
        counter_examples=("Note: the sites are fine",),
    ),
    PatternRule(
        name="request-word",
        rank=0,
        # The words grouped by first letter: the engine tries the alternatives one by one at every
        # word, so grouping them finds the same words in a little more than half the time
        # (asked, requested, required, reminded, expected, urged, should, must, need(s), have,
        # has, to).
        pattern=re.compile(
            r"\b(?:a(?:sked)|r(?:equested|equired|eminded)|e(?:xpected)|u(?:rged)|s(?:hould)|"
            r"m(?:ust)|n(?:eeds?)|h(?:ave|as)|to)\s",
        ),
        yields="a word a group request needs (the pre-test of group-request)",
        examples=(case("the sites should upgrade"), case("NGIs are asked to reply")),
        counter_examples=("The sites upgraded", "musts only"),
    ),
    PatternRule(
        name="group-phrase",
        rank=0,
        pattern=re.compile(GROUP_PHRASE),
        yields="the words name a group (applied to the whole phrase)",
        how="match",
        # what follows the qualifier is lazy: a match alone stops at it, a full match takes all
        examples=(
            case("all the storage sites", who="all the storage sites"),
            case("Resource Centres still on EL7", who="Resource Centres still on"),
        ),
        counter_examples=("the minutes",),
    ),
    PatternRule(
        name="leading-article",
        rank=0,
        pattern=re.compile(r"^(?i:(?:the|remaining|other|those|any)\s+)+"),
        yields="the articles before a group, dropped from its spelling",
        how="match",
        examples=(case("the remaining sites"),),
        counter_examples=("all sites",),
    ),
    PatternRule(
        name="every",
        rank=0,
        # (a count after it names them all too: "all three sites")
        pattern=re.compile(
            r"^(?i:(?:all\s+(?:the\s+)?|each\s+|every\s+)"
            r"(?:(?:" + COUNTS + r")\s+)?)"
        ),
        yields="the group is every one of its kind ('all', 'each', 'every')",
        how="match",
        examples=(case("each experiment"), case("All the partners"), case("all three sites")),
        counter_examples=("some sites",),
    ),
    PatternRule(
        name="tier",
        rank=0,
        pattern=re.compile(r"^(?i:t(?:ier)?-?([0-3])s?(?:\s+sites?)?)$"),
        yields="a tier of sites: its number",
        how="match",
        examples=(case("Tier-1s", "1"), case("T2 sites", "2"), case("tier0", "0")),
        counter_examples=("Tier-4s", "Tier-1 centres"),
    ),
    PatternRule(
        name="group-noun",
        rank=0,
        pattern=re.compile(r"(?i:" + GROUP_NOUNS + r")"),
        yields="a noun for members of a collaboration (applied to the whole word)",
        how="match",
        examples=(case("Operators"), case("sites")),
        counter_examples=("pizzas",),
    ),
    PatternRule(
        name="acronym-plural",
        rank=0,
        pattern=re.compile(ACRONYM_PLURAL),
        yields="an acronym in the plural (applied to the whole word)",
        how="match",
        examples=(case("NGIs"), case("T2s")),
        counter_examples=("Ngis", "NGI"),
    ),
)
