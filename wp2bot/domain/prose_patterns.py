"""The ranked table of sentence rules ``prose`` applies before the clause rules: a question to
the group, a commitment in reported speech, work suggested for someone, an action reviewed, a
decision label; each with invented examples that ``tests/unit/test_pattern_rules.py`` runs."""

from __future__ import annotations

import re

from wp2bot.domain.pattern_rules import CAPITALS, PatternRule, case, pattern, ranked

RULES = ranked(
    PatternRule(
        name="question",
        rank=30,
        pattern=re.compile(
            r"(?:should|shall|can|could|do|does|would|will)\s+(?:we|i|you|they)\b", re.IGNORECASE
        ),
        yields="a question put to the group: no action",
        how="match",
        examples=(case("Should we move the call to Tuesday"), case("can you share the slides?")),
        counter_examples=("We should move the call", "Will Bo share the slides"),
    ),
    PatternRule(
        name="reported-will",
        rank=20,
        # "Ana said that she'll ...", "Bo mentioned ... and that he will ...": reported speech
        # commits the speaker (the sentence is short: the lazy scan ends at its end)
        pattern=re.compile(
            # ("Matteo B. mentioned ...": an initial tells two Matteos apart)
            r"^(?P<who>["
            + CAPITALS
            + r"][\w'’-]+(?:\s+["
            + CAPITALS
            + r"][\w'’-]+|\s+["
            + CAPITALS
            + r"]\.)?)\s+"
            r"(?:also\s+)?(?:said|mentioned|noted|indicated|confirmed|explained|added|replied|"
            # ("... that it is ready and she will ...": no other name between, who could be "she")
            r"announced)\s+(?:that\s+)?(?:[^.;?]*?\band\s+that\s+|(?:(?![A-Z])[^.;?])*?\band\s+)?"
            r"(?:s?he|they)\s*"
            r"(?:'ll|’ll|\s+will|\s+can|(?P<would>['’]d|\s+(?:would|might|may|could))"
            r"(?:\s+like\s+to)?)\s+"
            r"(?!not\b|be\b(?!\s+able\s+to\b)|have\b)"
            r"(?P<task>[a-z].*)$"
        ),
        yields="the speaker who reported their own commitment, and the task",
        how="match",
        examples=(
            case("Ana said that she'll post the link", who="Ana", task="post the link"),
            case("Bo Li noted it broke once and that he will file a bug", who="Bo Li"),
            case("Ana said the pool is ready and she will announce it", who="Ana"),
            # a wish or a conditional, reported: a tentative commitment
            case("Ana indicated that she would like to move it to the archive", would=" would"),
            case("Bo mentioned he might rerun the tests", would=" might"),
            case("Bo said he'd look into the timeouts", would="'d"),
            case("Ana said she can send the numbers by Friday", would=None),
        ),
        counter_examples=(
            "Ana said that she will be away",
            "Ana said Bo will post it",
            "Ana said Bo is back and he will post it",
            "Ana said she would not post it",
        ),
    ),
    PatternRule(
        name="work-for",
        rank=15,
        # work suggested for a named person, theirs until they take it up: "Ana suggested that
        # Bo contacts the vendor", "It was proposed that Bo should rerun it"; or asked of a
        # person or group in the subjunctive: "The meeting requested that Bo prepare a note",
        # "It was requested that the sites update their entries" (the caller takes a group only
        # when asked)
        pattern=re.compile(
            r"^(?:(?:[" + CAPITALS + r"][\w'’-]+|[Tt]he)(?:\s+[" + CAPITALS + r"a-z][\w'’-]+)?"
            r"|[Ii]t\s+was|[Ww]e)\s+(?:also\s+)?"
            r"(?P<how>suggested|proposed|recommended|requested|asked)\s+(?:that\s+)?"
            r"(?P<who>[" + CAPITALS + r"][\w'’-]+(?:\s+[" + CAPITALS + r"][\w'’-]+)?"
            r"|(?:the\s+|all\s+)?[a-z][\w-]+s)\s+"
            r"(?:should\s+|could\s+|might\s+|would\s+)?(?P<verb>[a-z]{3,})\s+(?P<task>\S.*)$"
        ),
        yields="how the work was put (how), for whom (who), its verb (verb) and the rest (task)",
        how="match",
        examples=(
            case("Ana suggested that Bo contacts the vendor", who="Bo", verb="contacts"),
            case("It was proposed that Bo Li should rerun the tests", who="Bo Li", verb="rerun"),
            case("The meeting requested that Bo prepare a note", who="Bo", how="requested"),
            case("It was requested that the sites update their entries", who="the sites"),
        ),
        counter_examples=(
            "Ana suggested a new layout",
            "Ana requested a new layout",
            "Ana asked whether Bo can",
        ),
    ),
    PatternRule(
        name="action-review",
        rank=14,
        # "Bo's action on the logs is still open", "The pending action on the budget (B. Li)
        # remains open": an earlier action reviewed in running text, with its owner and state
        pattern=re.compile(
            r"^(?:(?P<poss>[" + CAPITALS + r"][\w'’-]+(?:\s+[" + CAPITALS + r"][\w'’-]+)?)['’]s\s+|"
            r"[Tt]he\s+)(?:(?:pending|open|outstanding|remaining)\s+)?action(?:\s+item)?\s+"
            r"(?:on|about|for|regarding)\s+(?P<topic>[^()]{3,80}?)(?:\s*\((?P<paren>[^()]{2,40})\))?"
            r"\s+(?:is|remains|stays)\s+(?:still\s+)?(?P<state>open|pending|ongoing|in\s+progress|"
            r"done|closed|completed)\b"
        ),
        yields="an action reviewed: its owner (poss or paren), topic and state",
        how="match",
        examples=(
            case("Bo's action on the logs is still open", poss="Bo", state="open"),
            case(
                "The pending action on the budget (B. Li) remains open",
                paren="B. Li",
                topic="the budget",
            ),
        ),
        counter_examples=("The actions are listed", "Bo's action plan is ready"),
    ),
    PatternRule(
        name="was-to-review",
        rank=14,
        # an earlier action told in the past, as a review reads it out: "Hélène was to check the
        # quota: done", "Bo and Ana were supposed to draft the FAQ - still open"
        pattern=re.compile(
            # (no condition: "If Bo were to leave, ...")
            r"^(?!(?:If|When|Unless|Once|Even|Although|Though|Whether|As)\s)"
            r"(?P<who>[" + CAPITALS + r"][\w'’-]+(?:\s+[" + CAPITALS + r"][\w'’-]+)?"
            r"(?:\s*(?:,|and|&)\s*[" + CAPITALS + r"][\w'’-]+(?:\s+[" + CAPITALS + r"][\w'’-]+)?)*)"
            r"\s+(?:was|were)\s+(?:(?:supposed|meant|asked|going)\s+)?to\s+(?P<verb>[a-z]+)\b"
        ),
        yields="an earlier action reviewed: its owners (who) and the verb of its task",
        how="match",
        examples=(
            case("Hélène was to check the quota: done", who="Hélène", verb="check"),
            case("Bo and Ana were supposed to draft the FAQ", who="Bo and Ana", verb="draft"),
        ),
        counter_examples=("If Bo were to leave, ...", "the plan was to wait"),
    ),
    PatternRule(
        name="numbered-review",
        rank=14,
        # an action reviewed by its number, as a chair reads the list out: "action 14, Bernhard,
        # ordinal examples in the proposal", "action 17 is on me, ask the team contact ..."
        pattern=re.compile(
            r"^[Aa]ction\s+#?\d[\w.-]*\s*(?:,\s*(?P<who>[" + CAPITALS + r"a-z][\w.'’-]*"
            r"(?:\s+[" + CAPITALS + r"][\w.'’-]*)?)\s*,|\s+is\s+on\s+(?P<me>me|him|her)\s*,)"
            r"\s*(?P<task>\S.*)$"
        ),
        yields="an action read out by its number: its owner (who, or me) and the task",
        how="match",
        examples=(
            case("action 14, Bernhard, ordinal examples in the proposal", who="Bernhard"),
            case("action 17 is on me, ask the team contact", me="me"),
        ),
        counter_examples=("action 14 was discussed at length", "Action items, see below"),
    ),
    PatternRule(
        name="decision-label",
        rank=10,
        # also a decision told as one: "It was agreed that Bo will ...", "We decided that ..."
        pattern=re.compile(
            r"^\W*(?:(?:decisions?|agreement|conclusions?)\W*:\s*|(?:agreement|consensus)\s+that\s+|"
            r"(?:(?:it\s+(?:was|is|has\s+been)|we(?:\s+have)?|the\s+"
            r"(?:group|meeting|team)(?:\s+has)?)\s+)?(?:agreed|decided|concluded)"
            r"(?:\s+that\s+|\W*:\s*)"
            # the work left to someone: "It is up to Kim to decide ..."
            r"|it\s+(?:is|was|will\s+be)\s+up\s+to\s+(?=\S+(?:\s+\S+)?\s+to\s))"
            r"(?P<rest>\S.*)$",
            re.IGNORECASE,
        ),
        yields="a sentence labelled or told as a decision: what was decided",
        how="match",
        examples=(
            case("- Decision: the editors will merge it", rest="the editors will merge it"),
            case("It was agreed that Bo will book the room", rest="Bo will book the room"),
            case("Agreed that Ana takes the minutes", rest="Ana takes the minutes"),
            case("Agreed: Bo to book the room", rest="Bo to book the room"),
            case("Agreement that Kim will draft it", rest="Kim will draft it"),
            case("Conclusion: the editors to merge it", rest="the editors to merge it"),
            case("It is up to Kim to pick the version", rest="Kim to pick the version"),
        ),
        counter_examples=(
            "Decisions were deferred",
            "Bo agreed to book the room",
            "It is up to you",
        ),
    ),
)
QUESTION_OPEN = pattern(RULES, "question")
REPORTED_WILL = pattern(RULES, "reported-will")
NUMBERED_REVIEW = pattern(RULES, "numbered-review")
WAS_TO_REVIEW = pattern(RULES, "was-to-review")
# the reported hedges and "can", as the pattern writes them (with "'ll" and "would", the words
# it needs)
HEDGES = ("might ", " may ", "could ", " can ", "'d ", "’d ")
DECIDED = pattern(RULES, "decision-label")
WORK_FOR = pattern(RULES, "work-for")
SUGGESTING = frozenset(("suggested", "proposed", "recommended"))  # the rest ask for the work
ACTION_REVIEW = pattern(RULES, "action-review")
# the verbs after a decision's subject that hand the subject work ("Bo will", "Bo to")
ASSIGNING = frozenset(("will", "shall", "should", "would", "to"))
