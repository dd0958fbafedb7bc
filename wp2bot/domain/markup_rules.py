"""The markup of text minutes in one ranked table: titles, rules, tables, items, inline marks.

Each rule names a layout, its pattern, what a match gives the line reader (``minutes_text``,
``minutes_lines``, ``text_markup``) and invented examples with the groups they capture, that
``tests/unit/test_pattern_rules.py`` runs. The rank is the order in which the readers try the
layouts: the kinds of title first, then rules and table rows, list items and speaker turns,
then the inline marks stripped from the text.
"""

from __future__ import annotations

import re

from wp2bot.domain.pattern_rules import TICKS, PatternRule, case, ranked

BULLET_MARKS = "-*+•–·▪◦‣●○"  # the characters that open a bullet (a leading "-" is literal)

RULES = ranked(
    PatternRule(
        name="md-heading",
        rank=100,
        # the marks end at a space or the line's end: "#12 Bo - fix it" is a ticket's number
        pattern=re.compile(r"^(#{1,6})(?!\S)\s*(.*?)\s*#*\s*$"),
        yields="the level marks (1) and the title (2) of a Markdown heading",
        how="match",
        examples=(case("## Storage report ##", "##", "Storage report"), case("##", "##", "")),
        counter_examples=("Storage #1", "#12 Bo - fix the build", "#Storage"),
    ),
    PatternRule(
        name="twiki-heading",
        rank=95,
        pattern=re.compile(r"^---(\++)(?:!!)?\s*(.*)$"),
        yields="the level marks (1) and the title (2) of a TWiki heading",
        how="match",
        examples=(case("---++ Tape news", "++", "Tape news"),),
        counter_examples=("--- a rule",),
    ),
    PatternRule(
        name="wiki-heading",
        rank=90,
        # MediaWiki "== Notes ==", AsciiDoc "== Notes": as many "=" as the level
        pattern=re.compile(r"^(={1,6})\s+([^=\s].*?)(?:\s+=+)?\s*$"),
        yields="the level marks (1) and the title (2) of a MediaWiki or AsciiDoc heading",
        how="match",
        examples=(
            case("== Action items ==", "==", "Action items"),
            case("=== Tape news", "===", "Tape news"),
        ),
        counter_examples=("=> Bo to check it", "==========", "= = ="),
    ),
    PatternRule(
        name="jira-heading",
        rank=89,
        # Jira and Confluence wiki markup: "h2. Actions"
        pattern=re.compile(r"^h([1-6])\.\s+(\S.*?)\s*$"),
        yields="the level (1) and the title (2) of a Jira or Confluence wiki heading",
        how="match",
        examples=(case("h2. Action items", "2", "Action items"),),
        counter_examples=("h2.Action", "h7. Notes"),
    ),
    PatternRule(
        name="org-keyword",
        rank=88,
        pattern=re.compile(r"^#\+([A-Za-z_]+):\s*(.*?)\s*$", re.MULTILINE),
        yields="an Org document keyword (1) and its value (2): the text is an Org outline",
        how="search",
        examples=(case("#+TITLE: Ops call", "TITLE", "Ops call"),),
        counter_examples=("# Ops call", "#+ a list"),
    ),
    PatternRule(
        name="org-headline",
        rank=87,
        # the stars give the level; a priority cookie and the tags at the end are dropped
        pattern=re.compile(
            r"^(\*+)\s+(?:(?P<state>TODO|NEXT|STARTED|WAITING|HOLD|DONE|CANCELL?ED)\s+)?(?:\[#[A-Z0-9]\]\s*)?(?P<title>.*?)"
            r"(?:\s+:(?:[\w@#%]+:)+)?\s*$"
        ),
        yields="the level marks (1), the state keyword and the title of an Org headline",
        how="match",
        examples=(
            case(
                "** TODO [#A] Bo to renew the key :ops:",
                "**",
                state="TODO",
                title="Bo to renew the key",
            ),
            case("* Site reports", "*", state=None, title="Site reports"),
            case("* CERN report", "*", state=None, title="CERN report"),
        ),
        counter_examples=("*bold* text",),
    ),
    PatternRule(
        name="rst-adornment",
        rank=85,
        # one punctuation character repeated, at least as long as the title
        pattern=re.compile(r"^([=\-~^\"'`#*+:.<>_])\1{2,}$"),
        yields="the character (1) of a reST section adornment",
        how="match",
        examples=(case("~~~~~", "~"),),
        counter_examples=("~~a~~", "=="),
    ),
    PatternRule(
        name="dashed-title",
        rank=82,
        # a plain-text title set between runs of the same mark: "--- Actions ---",
        # "*** Site reports ***", "~~ pendientes ~~" (a few words, no sentence)
        pattern=re.compile(
            r"^(?P<mark>-{2,}|={2,}|\*{3,}|~{2,}|#{3,}|\+{3,})\s+"
            # (numbered too: "--- 2. Recall campaign (ORCA) ---")
            r"(?P<title>(?:\d{1,2}(?:\.\d{1,2})*[.)]?\s+)?[^\W_](?:[^.!?;]{0,58}[^\W_])?[):]?)"
            r"\s+(?P=mark)$"
        ),
        yields="the title of a line set between runs of one mark",
        how="match",
        examples=(
            case("--- pendientes ---", mark="---", title="pendientes"),
            case("*** Site reports ***", mark="***", title="Site reports"),
            case("== Actions (new) ==", mark="==", title="Actions (new)"),
            case("--- 2. Recall campaign (ORCA) ---", title="2. Recall campaign (ORCA)"),
        ),
        counter_examples=("-- Bo will check it. --", "---- ----", "--- a rule", "~~struck~~"),
    ),
    PatternRule(
        name="rule",
        rank=80,
        pattern=re.compile(r"^\s*(?:\*\s*\*\s*\*[\s*]*|-{3,}|_{3,}|={3,})\s*$"),
        yields="a horizontal rule, which ends the block above",
        how="match",
        examples=(case("* * *"), case("-----")),
        counter_examples=("-- two",),
    ),
    PatternRule(
        name="table-sep",
        rank=75,
        pattern=re.compile(r"^\|?[\s:|-]+\|[\s:|-]*$"),
        yields="the separator row under a table's header",
        how="match",
        examples=(case("|---|:--:|"),),
        counter_examples=("| Owner | Task |",),
    ),
    PatternRule(
        name="bold-line",
        rank=70,
        pattern=re.compile(r"^(?:\*\*|__)([^*_]{1,100}?)(?:\*\*|__)\s*:?\s*(?:\*\*)?:?\s*$"),
        yields="the title (1) of a line written in bold alone",
        how="match",
        examples=(case("**Storage:**", "Storage:"), case("__Tapes__ :", "Tapes")),
        counter_examples=("**Bold** and more",),
    ),
    PatternRule(
        name="numbered-title",
        rank=65,
        # a title is no sentences: "2.2 Quota review: carried forward. KB" is a minute
        pattern=re.compile(r"^(\d+(?:\.\d+)+)\.?\s+(?!.*[a-z]{2}[.;]\s)(\S.{1,90})$"),
        yields="the section number (1) and the title (2)",
        how="match",
        examples=(case("2.3 Tape carousel", "2.3", "Tape carousel"),),
        counter_examples=(
            "2. Tape carousel",
            "2.2 Quota review: carried forward. KB",
            "3.1 Bo to renew the keys. ACTION: BO",
        ),
    ),
    PatternRule(
        name="numbered-lone",
        rank=60,
        pattern=re.compile(r"^\d{1,2}[.)]\s+(\S.{1,80})$"),
        yields="the title (1) of a numbered line alone between blank lines",
        how="match",
        examples=(case("4) Any other business", "Any other business"),),
        counter_examples=("2024. Budget",),
    ),
    PatternRule(
        name="time-slot",
        rank=55,
        pattern=re.compile(
            r"^(?:[•*-]\s*)?\d{1,2}:\d{2}\s*(?:[AP]M)?\s*(?:[-–]\s*)?\d{1,2}:\d{2}\s*(?:[AP]M)?\s*$",
            re.I,
        ),
        yields="a time slot of an agenda, no title",
        how="match",
        examples=(case("10:00 - 10:30"), case("• 9:30AM–10:00AM")),
        counter_examples=("10:00 Storage",),
    ),
    PatternRule(
        name="duration",
        rank=50,
        pattern=re.compile(r"\s+\d+\s*(?:h|m|min|mins|')(?:\s*\d+\s*m)?\s*$"),
        yields="the length of a talk closing its title, to strip",
        examples=(case("Storage report 20'"), case("Tapes 1h 30m")),
        counter_examples=("Room 20 on floor 2",),
    ),
    PatternRule(
        name="owner-paren",
        rank=45,
        pattern=re.compile(r"^(.*?\S)\s*\(([^()]{1,60})\)\s*:?\s*$"),
        yields="a title (1) and the owner or speaker in its closing bracket (2)",
        how="match",
        examples=(case("3.1 Tape and caching (Ines)", "3.1 Tape and caching", "Ines"),),
        counter_examples=("Tapes (Ines) and disks",),
    ),
    PatternRule(
        name="not-owner",
        rank=44,
        pattern=re.compile(r"\d{2}|https?:"),
        yields="a bracket that names no owner (a number, a link)",
        examples=(case("room 31"), case("see https://example.org")),
        counter_examples=("Ines",),
    ),
    PatternRule(
        name="dash-owner",
        rank=43,
        pattern=re.compile(
            r"^(.*?\S)\s+[-–—]\s+([A-Z][\w.]*(?:\s+[A-Z][\w.'’-]*)?"
            r"(?:\s*(?:[,/&]|\band\b)\s*[A-Z][\w.]*(?:\s+[A-Z][\w.'’-]*)?){0,5})$"
        ),
        yields="a title (1) and the owners after a closing dash (2)",
        how="match",
        examples=(
            case("Tape news - Ines/Bo", "Tape news", "Ines/Bo"),
            case("CERN — Ana Rios", "CERN", "Ana Rios"),
        ),
        counter_examples=("Tape news - today",),
    ),
    PatternRule(
        name="state-sign",
        rank=15,
        # a sign a task board or chat writes before an item: in progress, blocked, a priority
        # (a tick stays, for the status rules to read)
        pattern=re.compile(
            r"^(?![" + TICKS + r"])[\u2190-\u2bff\U0001F300-\U0001FAFF]\ufe0f?\s*(?=\w)"
        ),
        yields="a sign opening the item ('🔄 ', '⏳ ', '🚧 '), to strip",
        how="match",
        examples=(
            case("🔄 Bo: migrate the dashboards"),
            case("⏳ Ana to check the logs"),
            case("🔴 Bo: fix the probe"),
        ),
        counter_examples=("✅ Bo: rotate the keys", "Bo: fix ⏳"),
    ),
    PatternRule(
        name="bullet",
        rank=40,
        pattern=re.compile(
            r"^(["
            + BULLET_MARKS
            + r"]|\d{1,3}[.)]|[a-z][.)]|\((?:[ivx]{1,4}|[a-z]|\d{1,2})\))\s+(.*)$"
        ),
        yields="the bullet or number (1) and the item's text (2)",
        how="match",
        examples=(
            case("- check quotas", "-", "check quotas"),
            case("b) send the form", "b)", "send the form"),
            case("(ii) send the form", "(ii)", "send the form"),
        ),
        counter_examples=("-check", "Bo. check"),
    ),
    PatternRule(
        name="checkbox",
        rank=35,
        # GFM's "[ ]" and "[x]" ("[]" is no checkbox), and the box characters of word
        # processors' exports
        pattern=re.compile(r"^(\[[ xX✓]\]|[☐☑☒])\s*(.*)$"),
        yields="the box (1) and the item's text (2)",
        how="match",
        examples=(
            case("[x] send the form", "[x]", "send the form"),
            case("☐ book the room", "☐", "book the room"),
        ),
        counter_examples=("[] send the form",),
    ),
    PatternRule(
        name="turn",
        rank=30,
        pattern=re.compile(r"^[A-Z][\w.\- ]{0,30}:\s"),
        yields="a speaker's turn opening the line, which starts a new paragraph",
        how="match",
        examples=(case("Ana Lima: the tests pass"),),
        counter_examples=("note: the tests pass",),
    ),
    PatternRule(
        name="tagged-line",
        rank=30,
        pattern=re.compile(r"^[\[(][^\[\]()]{1,30}[\])]\s*[:–-]?\s+\S"),
        yields="a short bracketed tag opening the line, an owner's or a topic's",
        how="match",
        examples=(case("[Ana] book the room"), case("(Bo, Cy) will ask the vendor")),
        counter_examples=("(see the wiki)", "[link]"),
    ),
    PatternRule(
        name="join-end",
        rank=25,
        pattern=re.compile(
            r"(?:[,;(&/+–-]|\b(?:and|or|the|to|of|with|a|an|for|in|on|by|at|that|which|who|whom|"
            r"whose|where|but|from|into|than|as|is|are|was|were|will|would|can|could|should|"
            r"shall|has|have|had|be|been|their|our|its|his|her|these|those|if|because|while|via|"
            r"about|between|per))$"
        ),
        yields="a line that stops mid-sentence, so the next line continues it",
        examples=(case("tapes, disks and"), case("the list of"), case("the node config, which")),
        counter_examples=("the tests pass",),
    ),
    PatternRule(
        name="caps-word",
        rank=20,
        pattern=re.compile(r"^[A-Z0-9(\[]"),
        yields="a word written as in a title",
        how="match",
        examples=(case("Storage"), case("(Draft)")),
        counter_examples=("storage",),
    ),
    PatternRule(
        name="special",
        rank=15,
        pattern=re.compile(r"[<%\[*_&]"),
        yields="a character that some inline mark needs (none: nothing to strip)",
        examples=(case("**bold**"), case("a &amp; b")),
        counter_examples=("plain words",),
    ),
    PatternRule(
        name="html-comment",
        rank=14,
        pattern=re.compile(r"<!--.*?-->"),
        yields="an HTML comment, to strip",
        examples=(case("text <!-- hidden --> more"),),
        counter_examples=("text <! not a comment >",),
    ),
    PatternRule(
        name="twiki-macro",
        rank=13,
        pattern=re.compile(r"%[A-Z][A-Z0-9_]*(?:\{[^}]*\})?%"),
        yields="a TWiki macro, to strip",
        examples=(case("%TOC%"), case('%ICON{"tip"}% note')),
        counter_examples=("50% done",),
    ),
    PatternRule(
        name="twiki-link",
        rank=12,
        pattern=re.compile(r"\[\[([^\]]*)\](?:\[([^\]]*)\])?\]"),
        yields="a TWiki link's target (1) and text (2), read as its text",
        examples=(
            case("[[Main.Page][the page]]", "Main.Page", "the page"),
            case("[[Main.Page]]", "Main.Page", None),
        ),
        counter_examples=("[the page]",),
    ),
    PatternRule(
        name="jira-mention",
        rank=12,
        pattern=re.compile(r"\[~(?:accountid:)?([\w.@-]{2,64})\]"),
        yields="a Jira or Confluence user mention's account (1), read as an @-mention",
        examples=(case("[~ana.lima] will check", "ana.lima"),),
        counter_examples=("[~]", "[approx. 5]"),
    ),
    PatternRule(
        name="inline-tags",
        rank=11,
        pattern=re.compile(
            r"</?(?:u|b|i|em|strong|span|font|sup|sub|small|big|center)\b[^>]*>", re.I
        ),
        yields="an inline HTML tag, to strip",
        examples=(case("<b>bold</b>"), case('<span class="x">note')),
        counter_examples=("<div>", "a < b"),
    ),
    PatternRule(
        name="emphasis",
        rank=10,
        pattern=re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"),
        yields="the marks (1) and the text (2) of bold emphasis, read as the text",
        examples=(case("a **bold** word", "**", "bold"),),
        counter_examples=("a ** loose ** star",),
    ),
    PatternRule(
        name="single-emphasis",
        rank=10,
        # as CommonMark reads it: the marks hug the text and sit outside a word, so the "_" of
        # "my_var_name" and the "*" of "2 * 3" or "*.txt" stay
        pattern=re.compile(r"(?<![\w*])([*_])(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![\w*])"),
        yields="the marks (1) and the text (2) of italic emphasis, read as the text",
        examples=(case("_AI Ana_: book it", "_", "AI Ana"), case("an *open* item", "*", "open")),
        counter_examples=("my_var_name", "2 * 3 * 4", "*.txt and *.py", "a _ loose _ mark"),
    ),
    PatternRule(
        name="strike",
        rank=9,
        pattern=re.compile(r"~~(.+?)~~"),
        yields="struck-through text (1)",
        examples=(case("~~open~~ done", "open"),),
        counter_examples=("~ about ~",),
    ),
    PatternRule(
        name="br",
        rank=8,
        pattern=re.compile(r"<br\s*/?>", re.I),
        yields="a line break inside a line, where the line is split",
        examples=(case("one<br/>two"), case("one<BR>two")),
        counter_examples=("one<bar>two",),
    ),
)
