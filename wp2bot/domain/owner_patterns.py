"""The patterns that find who an item is for, written before, in or after its task.

``listed_items`` reads an item's owner in several shapes: owners in brackets before the task,
an @-mention or initials opening it, a group written in lower case, an alternative in
parentheses, a helper added in a later clause; it asks of a written owner whether it can be one
(a group's word, characters no name holds, a capitalised noun, initials); and ``owners`` reads
a reference's parts (an account with the name, "& co.", a noun for a group's people). These
patterns are one ranked table of ``PatternRule`` with invented examples that
``tests/unit/test_pattern_rules.py`` runs. The shapes of a listed item are tried by
``parse_listed`` in its own order, among the marker and commitment patterns, so the rules share
a rank. The word lists of owners and the patterns that cut or trim a written owner are kept
apart below.
"""

from __future__ import annotations

import re

from wp2bot.domain.pattern_rules import CAPITALS, DASHES, PatternRule, case, pattern, ranked

# An item's shape that names its owner.

# one owner as a task list opens an item with it: initials, a capitalised name, an account
_OWNER_WORD = r"(?:[A-Z]{2,4}|[A-Z][a-z][\w'’-]*(?:\s+[A-Z][a-z][\w'’-]*)?|[a-z][a-z0-9_-]+)"

_SHAPE_RULES = (
    PatternRule(
        name="bracket-owner",
        rank=0,
        pattern=re.compile(
            r"^(?:\[(?P<sq>[^\[\]]{1,60})\]|\((?P<rd>[^()]{1,40})\))\s*[:" + DASHES + r"]?\s+"
            r"(?P<rest>\S.*)$"
        ),
        yields="owners in brackets before the task ('[RB] Book the room', '(JH) will ask ...')",
        how="match",
        examples=(
            case("[RB] Book the room", sq="RB", rd=None, rest="Book the room"),
            case("[NT, RB]: Move the notes", sq="NT, RB"),
            case("(JH) will ask the vendor", sq=None, rd="JH", rest="will ask the vendor"),
        ),
        counter_examples=("[RB]Book the room", "Book the room [RB]"),
    ),
    PatternRule(
        name="name-then-task",
        rank=0,
        # an exported task list writes the assignee's full name, then the task: "Ana Lima Book
        # the room" (the caller wants a known name and an imperative)
        pattern=re.compile(
            r"^(?P<who>[" + CAPITALS + r"][a-z][\w'’-]*\s+[" + CAPITALS + r"][a-z][\w'’-]*)\s+"
            r"(?P<task>[A-Z][a-z]+\s+\S.*)$"
        ),
        yields="a full name opening an item (who) and the capitalised task after it (task)",
        how="match",
        examples=(case("Ana Lima Book the room", who="Ana Lima", task="Book the room"),),
        counter_examples=("Ana Lima book the room", "Ana Book the room"),
    ),
    PatternRule(
        name="group-commit",
        rank=0,
        pattern=re.compile(
            r"^(?P<who>all(?:\s+(?:the\s+)?[a-z][\w-]*){0,2}?|everyone|everybody|"
            # "site contacts to ...", "ops list to ...": a word and a noun for a group's people
            r"(?P<word>[a-z][\w.@-]*)\s+(?:contacts|people|team|list|mailing list|admins|members))"
            r"\s+(?:to|will|shall|should|must)\s+(?!be\b|have\b)[a-z]"
        ),
        yields="a group written in lower case that commits ('all sites to upgrade ...')",
        how="match",
        examples=(
            case("all sites to upgrade the client", who="all sites", word=None),
            case("everyone to fill in the table", who="everyone"),
            case("site contacts should check the queue", who="site contacts", word="site"),
            case("ops-team list will send the notice", who="ops-team list"),
        ),
        counter_examples=("all sites to be upgraded", "All sites to upgrade", "site to upgrade"),
    ),
    PatternRule(
        name="owner-verb",
        rank=0,
        # a task list's item opened by a mention, written as the full name: "Ana Lima rerun it";
        # a chat's nicks, several of them ("#action ana, bo review the draft")
        pattern=re.compile(
            r"^(?P<who>" + _OWNER_WORD + r"(?:\s*(?:[,&/+]|\band\b)\s*" + _OWNER_WORD + r"){0,3})"
            r"\s+(?!to\b)[A-Za-z][a-z]{2,}\b"
        ),
        yields="initials, names or accounts opening an item before a lower-case verb ('JD write')",
        how="match",
        examples=(
            case("JD write a note on the cache", who="JD"),
            case("Ana rerun it", who="Ana"),
            case("Ana Lima rerun it", who="Ana Lima"),
            case("ana, bo review the draft", who="ana, bo"),
            case("Ana and Bo check the logs", who="Ana and Bo"),
            case("AS/CE Consider other CI systems", who="AS/CE"),
        ),
        counter_examples=("JD to write a note", "JD: write a note", "Jd. write a note"),
    ),
    PatternRule(
        name="alt-owner",
        rank=0,
        pattern=re.compile(r"\s*\((?:or|via|and)\s+([^)]*)\)"),
        yields="an alternative owner in parentheses ('Ines (or Marco)'): both own",
        examples=(case("Ines (or Marco)", "Marco"), case("Bo (via Kim) will ask", "Kim")),
        counter_examples=("Ines (RAL)", "Ines or Marco"),
    ),
    PatternRule(
        name="helps",
        rank=0,
        pattern=re.compile(r"^(?:help|assist|support)\b"),
        yields="a later clause's task of helping ('Bo to help as needed'): Bo owns too",
        how="match",
        examples=(case("help as needed"), case("support the migration")),
        counter_examples=("helpdesk tickets", "ask for help"),
    ),
)

# What a written owner can be.
_OWNER_RULES = (
    PatternRule(
        name="group-words",
        rank=0,
        pattern=re.compile(
            r"\b(?:team|group|council|chairs?|editors?|leads?|board|members|people|committee|wg|"
            r"sg|tsc|everyone|everybody|all|folks|maintainers|authors|organi[sz]ers|conveners|"
            r"admins|staff|contacts|co\.?|others)\b",
            re.IGNORECASE,
        ),
        yields="a word for a group's people in an owner ('the storage team', 'WP3 leads')",
        examples=(case("the storage team"), case("WP3 leads"), case("Ana & co.")),
        counter_examples=("Ana Lopez", "teamwork"),
    ),
    PatternRule(
        name="not-name-chars",
        rank=0,
        pattern=re.compile(r"\d|https?:|[=<>\[\]{}]"),
        yields="digits, a link or markup: no name, unless a known group has them ('IN2P3')",
        examples=(case("version 2"), case("see https://example.org"), case("a => b")),
        counter_examples=("Ana Lopez", "the ops team"),
    ),
    PatternRule(
        name="digit-acronym",
        rank=0,
        # a letter after a digit inside capitals: an organisation's name ("IN2P3", "KM3NeT"),
        # not a version, a quarter or a challenge ("EL9", "Q3", "DC24")
        pattern=re.compile(r"^(?=.{4})[A-Z][A-Z0-9-]*\d[A-Z][A-Za-z0-9-]*$"),
        yields="an acronym with digits inside: a site or an experiment may own work",
        how="match",
        examples=(case("IN2P3"), case("CC-IN2P3"), case("KM3NeT")),
        counter_examples=("DC24", "EL9", "Q3", "F2F", "RAL-LCG2"),
    ),
    PatternRule(
        name="plural-nounish",
        rank=0,
        pattern=re.compile(r"^[A-Z][a-z]{3,}(?:s|ings?|tion|ment|ness|ity)$"),
        yields="a capitalised plural or noun ('Updates', 'Testing'): no name without a roster",
        how="match",
        examples=(case("Updates"), case("Testing"), case("Migration"), case("Deployment")),
        counter_examples=("Omar", "Ines", "updates"),
    ),
    PatternRule(
        name="initialism",
        rank=0,
        pattern=re.compile(r"^[A-Z](?:[A-Z]|[a-z]{1,2}[A-Z]){1,3}$"),
        yields="initials ('AS', 'JDK', 'PvD'): an attendee, though they may spell a word",
        how="match",
        examples=(case("AS"), case("JDK"), case("PvD")),
        counter_examples=("A", "ABCDE", "As", "iOS"),
    ),
)

# How ``owners`` reads one written owner reference before it looks the name up.
_REFERENCE_RULES = (
    PatternRule(
        name="groupish",
        rank=0,
        pattern=re.compile(
            r"\s*(?:(?:&|\+|and)\s*co\b\.?|et\s+al\b\.?|and\s+(?:others|colleagues|team)\b)\s*$",
            re.IGNORECASE,
        ),
        yields="'Ana & co.', 'Bo et al': the first person stands for a small group",
        examples=(case("Ana & co."), case("Bo et al"), case("Kim and colleagues")),
        counter_examples=("Ana & Cora", "Bo and the team lead"),
    ),
    PatternRule(
        name="name-tag",
        rank=0,
        pattern=re.compile(r"\[\s*name\s*=\s*([^\]]+)\]"),
        yields="a wiki's name tag ('[name=kim.lee]'): the account named",
        examples=(case("[name=kim.lee]", "kim.lee"), case("[ name = Bo ]", "Bo ")),
        counter_examples=("[kim.lee]", "name=kim.lee"),
    ),
    PatternRule(
        name="handle-in-brackets",
        rank=0,
        pattern=re.compile(r"\(\s*@?([\w.-]+)\s*\)\s*$"),
        yields="an account in brackets after a name ('Kim Lee (@klee)'): the account",
        examples=(case("Kim Lee (@klee)", "klee"), case("Bo ( b.ng )", "b.ng")),
        counter_examples=("Kim Lee (storage team)", "(@klee) Kim Lee"),
    ),
    PatternRule(
        name="group-noun",
        rank=0,
        pattern=re.compile(
            r"(?:the\s+)?(?P<group>\S.*?)\s+(?:team|contacts?|people|colleagues|folks|admins|"
            r"experts|members|group|site|(?:mailing\s+)?list)",
            re.IGNORECASE,
        ),
        yields="a group written with a noun for its people ('the tape team'): the group's name",
        how="fullmatch",
        examples=(
            case("the tape team", group="tape"),
            case("Archive site contacts", group="Archive site"),
        ),
        counter_examples=("team", "the tape team lead"),
    ),
)

RULES = ranked(*_SHAPE_RULES, *_OWNER_RULES, *_REFERENCE_RULES)
BRACKET_OWNER = pattern(RULES, "bracket-owner")
NAME_THEN_TASK = pattern(RULES, "name-then-task")
GROUP_COMMIT = pattern(RULES, "group-commit")
OWNER_VERB = pattern(RULES, "owner-verb")
ALT_OWNER = pattern(RULES, "alt-owner")
HELPS = pattern(RULES, "helps")
GROUP_WORDS = pattern(RULES, "group-words")
NOT_NAME_CHARS = pattern(RULES, "not-name-chars")
DIGIT_ACRONYM = pattern(RULES, "digit-acronym")
PLURAL_NOUNISH = pattern(RULES, "plural-nounish")
INITIALISM = pattern(RULES, "initialism")
GROUPISH = pattern(RULES, "groupish")
NAME_TAG = pattern(RULES, "name-tag")
HANDLE_IN_BRACKETS = pattern(RULES, "handle-in-brackets")
GROUP_NOUN = pattern(RULES, "group-noun")

# Lexical helpers, no rules: the article before an owner ("the ops team"), a remark in brackets
# inside bracketed owners ("[RB (to start)]"), the breaks between an item's clauses, the joins
# between owners ("Ana/Bo", "Ana and Bo") and a reference wrapped whole in brackets ("(Ana/Bo)").
THE = re.compile(r"^(?:the)\s+", re.IGNORECASE)
REMARK = re.compile(r"\s*\([^()]*\)\s*")
CLAUSE_BREAK = re.compile(r"\s*[,;]\s+|\.\s+")
OWNER_JOINS = re.compile(r"\s*(?:/|,|;|\+|\s&\s|\band\b|\bor\b)\s*", re.IGNORECASE)
WRAPPED = re.compile(r"\(([^()]*)\)|\[([^\[\]=]*)\]")

# The words for everyone ("all", "everyone", and as the sites write it: "tous", "alle",
# "todos", "tutti", "iedereen"); ``owners`` adds its longer forms to them.
EVERYONE = frozenset(
    "all everyone everybody tous toutes alle allen jeder todos todas tutti tutte iedereen".split()
)
# nouns for unnamed people: "People will use ...", "Others can ..." name nobody to act
NOBODY = frozenset(("people", "others", "folks", "someone", "somebody", "users", "one"))
# upper-case words a bracket opens an item with that are labels, not initials
BRACKET_LABELS = frozenset(
    "wip tbd tbc tba done open new fyi info todo draft urgent closed na n/a hold"
    " optional ongoing low high med prio".split()
)
