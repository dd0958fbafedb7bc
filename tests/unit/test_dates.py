"""Due-date location and resolution against the meeting's date, on phrases taken from minutes."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from wp2bot.domain import dates
from wp2bot.domain.dates import DateContext, find_due, find_named_events
from wp2bot.domain.dates_phrase import parse_due
from wp2bot.domain.dates_rules import build_rules
from wp2bot.domain.models import Precision

WED = date(2020, 3, 11)  # the sample WP2 meeting, a Wednesday
DAY, WEEK, MONTH, QUARTER, VAGUE = (
    Precision.DAY,
    Precision.WEEK,
    Precision.MONTH,
    Precision.QUARTER,
    Precision.VAGUE,
)


def ctx(meeting: date | None = WED, **kw: object) -> DateContext:
    return DateContext(meeting, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "meeting", "expected", "precision", "phrase"),
    [
        # explicit forms, the meeting's year when none is written
        ("Present the dashboard on the 25th of Mar", WED, date(2020, 3, 25), DAY, "25th of Mar"),
        ("send the report by 15/04", WED, date(2020, 4, 15), DAY, "by 15/04"),
        ("circulate the draft by 2.2.", WED, date(2020, 2, 2), DAY, "by 2.2."),
        ("deploy it April 3rd", WED, date(2020, 4, 3), DAY, "April 3rd"),
        ("file the report by July the 9th", WED, date(2020, 7, 9), DAY, "by July the 9th"),
        ("release planned 2024-05-01", WED, date(2024, 5, 1), DAY, "2024-05-01"),
        ("Deadline of May 6th for comments", WED, date(2020, 5, 6), DAY, "May 6th"),
        ("we will present on Oct. 7", WED, date(2020, 10, 7), DAY, "on Oct. 7"),
        ("merge it by Mar. 1", date(2022, 3, 3), date(2022, 3, 1), DAY, "by Mar. 1"),
        ("due 09/03/2020 at the latest", WED, date(2020, 3, 9), DAY, "due 09/03/2020"),
        ("send it by 09/04/20", WED, date(2020, 4, 9), DAY, "by 09/04/20"),
        # a year-less date long before a December meeting is next year's; a close one is overdue
        ("check the endpoint by 15/01", date(2020, 12, 15), date(2021, 1, 15), DAY, "by 15/01"),
        (
            "check the tape by January 20th",
            date(2020, 12, 15),
            date(2021, 1, 20),
            DAY,
            "January 20th",
        ),
        ("write it by 1 December", date(2020, 12, 15), date(2020, 12, 1), DAY, "1 December"),
        ("migrate by end of Q1", date(2020, 12, 15), date(2021, 3, 31), QUARTER, "end of Q1"),
        ("migrate by end of Q1 2020", date(2020, 12, 15), date(2020, 3, 31), QUARTER, "Q1 2020"),
        ("update the wiki (2 June)", WED, date(2020, 6, 2), DAY, "2 June"),
        ("renew it by 15-Dec-2020", WED, date(2020, 12, 15), DAY, "15-Dec-2020"),
        # a weekday with the day of the month: that day, not the next such weekday
        ("send it by Monday 16th", date(2020, 3, 4), date(2020, 3, 16), DAY, "Monday 16th"),
        ("review it on Fri, the 20th", date(2020, 3, 4), date(2020, 3, 20), DAY, "Fri, the 20th"),
        ("test it on Monday 10:00", date(2020, 3, 4), date(2020, 3, 9), DAY, "on Monday"),
        ("follow up by April 1st", date(2012, 4, 10), date(2012, 4, 1), DAY, "by April 1st"),
        (
            "poster for the RRB meeting (2 June)",
            date(2026, 4, 30),
            date(2026, 6, 2),
            DAY,
            "2 June",
        ),
        ("talk on 7 October 2021", WED, date(2021, 10, 7), DAY, "7 October 2021"),
        ("by 15.04.2021 please", WED, date(2021, 4, 15), DAY, "15.04.2021"),
        # relative to the meeting
        ("Renew the host certificates today.", date(2020, 8, 10), date(2020, 8, 10), DAY, "today"),
        (
            "roll out the patch as soon as possible today",
            date(2020, 8, 10),
            date(2020, 8, 10),
            DAY,
            "today",
        ),
        (
            "will go over the plots tomorrow with the group",
            date(2025, 10, 15),
            date(2025, 10, 16),
            DAY,
            "tomorrow",
        ),
        (
            "discuss tomorrow afternoon",
            date(2012, 4, 10),
            date(2012, 4, 11),
            DAY,
            "tomorrow afternoon",
        ),
        ("send the list by Friday", WED, date(2020, 3, 13), DAY, "by Friday"),
        (
            "label the issues for this Friday's cleanup sprint",
            date(2024, 8, 13),
            date(2024, 8, 16),
            DAY,
            "this Friday",
        ),
        ("start working on Thursday", date(2020, 5, 13), date(2020, 5, 14), DAY, "on Thursday"),
        ("decide on Wednesday", WED, date(2020, 3, 18), DAY, "on Wednesday"),
        ("this Wednesday", WED, WED, DAY, "this Wednesday"),
        ("Will be announced this week", date(2020, 8, 10), date(2020, 8, 14), WEEK, "this week"),
        (
            "a first mock-up by next week",
            date(2016, 3, 24),
            date(2016, 3, 31),
            WEEK,
            "by next week",
        ),
        (
            "Beginning of next week at the earliest.",
            date(2018, 3, 20),
            date(2018, 3, 26),
            WEEK,
            "Beginning of next week",
        ),
        ("by the end of the week", WED, date(2020, 3, 13), DAY, "end of the week"),
        ("in two weeks", WED, date(2020, 3, 25), WEEK, "in two weeks"),
        ("within 3 days", WED, date(2020, 3, 14), DAY, "within 3 days"),
        ("in a couple of weeks", WED, date(2020, 3, 25), WEEK, "couple of weeks"),
        ("in 2 months", date(2020, 12, 31), date(2021, 2, 28), MONTH, "in 2 months"),
        (
            "the review is a week from today (2 October)",
            date(2025, 10, 2),
            date(2025, 10, 9),
            DAY,
            "a week from today",
        ),
        ("by end of month", WED, date(2020, 3, 31), MONTH, "end of month"),
        ("end of next month", date(2020, 1, 31), date(2020, 2, 29), MONTH, "end of next month"),
        ("by the end of April", WED, date(2020, 4, 30), MONTH, "end of April"),
        (
            "ETA end of year for the installer",
            date(2025, 10, 14),
            date(2025, 12, 31),
            MONTH,
            "end of year",
        ),
        (
            "ideally by end of year, or January at latest",
            date(2022, 6, 1),
            date(2022, 12, 31),
            MONTH,
            "end of year",
        ),
        ("by the end of Q1", date(2021, 1, 20), date(2021, 3, 31), QUARTER, "end of Q1"),
        ("in Q3 2021", WED, date(2021, 9, 30), QUARTER, "Q3 2021"),
        ("mid-December", WED, date(2020, 12, 15), MONTH, "mid-December"),
        (
            "first week of January",
            date(2020, 11, 4),
            date(2021, 1, 8),
            WEEK,
            "first week of January",
        ),
        ("first week of April", WED, date(2020, 4, 3), WEEK, "first week of April"),
        (
            "Abstracts due next Wednesday May 6th.",
            date(2026, 4, 30),
            date(2026, 5, 6),
            DAY,
            "next Wednesday May 6th",
        ),
        # meeting-relative
        ("at the next meeting", WED, date(2020, 3, 25), WEEK, "next meeting"),
        ("at the next WP2 meeting", WED, date(2020, 3, 25), WEEK, "next WP2 meeting"),
        ("report at the next telcon", WED, date(2020, 3, 25), WEEK, "next telcon"),
        ("compare both before the next telecon", WED, date(2020, 3, 25), WEEK, "next telecon"),
        ("Bo to bring the numbers next time", WED, date(2020, 3, 25), WEEK, "next time"),
        (
            "at the next WP2 meeting on the 25th of Mar",
            WED,
            date(2020, 3, 25),
            DAY,
            "next WP2 meeting on the 25th of Mar",
        ),
    ],
)
def test_find_due_resolves(
    text: str, meeting: date, expected: date, precision: Precision, phrase: str
) -> None:
    due = find_due(text, ctx(meeting))
    assert due is not None
    assert (due.date, due.precision) == (expected, precision)
    assert phrase.lower() in due.phrase.lower()
    assert due.phrase.lower() in text.lower()


def test_next_meeting_uses_the_series_when_known() -> None:
    due = find_due("at the next telcon", ctx(next_meeting=date(2020, 3, 18)))
    assert due is not None
    assert (due.date, due.precision) == (date(2020, 3, 18), DAY)


def test_named_event_resolves_through_the_document() -> None:
    events = {"GDB": date(2020, 5, 12)}
    due = find_due("Prepare the slides before the GDB", ctx(named_events=events))
    assert due is not None
    assert (due.phrase, due.date, due.precision) == ("before the GDB", date(2020, 5, 12), DAY)
    other = find_due("report at the next GDB meeting", ctx(named_events=events))
    assert other is not None
    assert other.date == date(2020, 5, 12)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("let's just circulate the Summary asap.", "asap"),
        ("he'll reply on the mailing list soon.", "soon"),
        ("ready to use by the summer", "by the summer"),
        ("Will contact the testers after Easter", "after Easter"),
        ("Report due in October, Ingrid will prepare an outline.", "in October"),
        ("Feedback by next Board meeting.", "by next Board meeting"),
        ("Kim to write the summary before Lisbon", "before Lisbon"),
        ("check the numbers before the F2F.", "before the F2F"),
        ("will send a patch at some point", "at some point"),
        ("ping the authors in few weeks", "in few weeks"),
        ("Must book the room urgently", "urgently"),
        ("report to the board at Oct teleconf", "at Oct teleconf"),
        ("visit the sites over the next few months", "over the next few months"),
        ("archive the old tickets once done", "once done"),
        ("review the stale patches when I get some time", "when I get some time"),
        ("migrate the pool next month", "next month"),
    ],
)
def test_vague_phrases_keep_the_phrase_without_a_date(text: str, phrase: str) -> None:
    due = find_due(text, ctx())
    assert due is not None
    assert (due.date, due.precision) == (None, VAGUE)
    assert due.phrase == phrase


@pytest.mark.parametrize(
    "text",
    [
        "HTTP-TPC enabled on EOS instance for the Datalake",
        "For now only in EOSPPS",
        "upgrade to 2.1x when available",
        "Python 3.11 support",
        "install version 1.2.3 on the test node",
        "2.2 QoS and orchestration",
        "11:00 AM 11:10 AM News 10m",
        "see issue #1504 and PR 12/3x",
        "ESCAPE 2020 workshop report",
        "May present at storage meeting",
        "Marit will prepare the slides",
        "Setup a Twiki page about the different RIs needs",
        "Sites: CERN, INFN, DESY, GSI, Nikhef, RUG",
        "reviewed by the SKA team",
        "reduce the load by 50%",
        "the ratio is 3/4 on average",
        "proposed talking to Soon Hee about beam tests",  # a name, not "soon"
        "a workshop in Porto during the week of (May 9-12)",  # when it happens, not a deadline
        "the workshop runs 9-12 May",
        # where something was said, not when it is due
        "As announced at the collaboration meeting, I will organise a tutorial",
        "as we discussed on 3 March, the mirror stays read-only",
        "As was agreed during the spring workshop, Lea takes the tape tests",
        # when the work was over, not when it is due
        "Circulate the draft (done 2 March)",
        "Rotate the keys - completed on 2020-03-02",
        "Book the room. Closed: 4 March",
    ],
)
def test_lures_are_not_dates(text: str) -> None:
    assert find_due(text, ctx()) is None


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Get the keys done by 20 March", 20),
        ("Get it done on Friday", 13),
        ("Send it by end of day Friday", 13),  # the end of that day, not of the meeting's
        ("Send it by EOD", 11),
    ],
)
def test_a_deadline_for_the_work_to_be_done_is_still_one(text: str, day: int) -> None:
    due = find_due(text, ctx())
    assert due is not None
    assert due.date == date(2020, 3, day)


def test_a_deadline_after_a_reported_occasion_is_still_found() -> None:
    # the occasion after "as agreed at" is passed over, not the deadline written later
    due = find_due("As agreed at the kick-off, Tom will send the plan by Friday", ctx())
    assert due is not None
    assert (due.phrase, due.date) == ("by Friday", date(2020, 3, 13))
    later = find_due("Tom will send the plan by 20 March, as agreed", ctx())
    assert later is not None
    assert later.date == date(2020, 3, 20)


def test_a_date_in_a_purpose_clause_is_the_purpose_s_not_the_task_s() -> None:
    text = "Draft the plan by 20/03, so that it can go into the report for the board (27 Mar)"
    due = find_due(text, ctx())
    assert due is not None
    assert (due.phrase, due.date) == ("by 20/03", date(2020, 3, 20))
    # with no other date, the one in the purpose clause is still the only deadline written
    only = find_due("Send the slides so that we can review them by Friday", ctx())
    assert only is not None
    assert only.date == date(2020, 3, 13)


def test_a_past_deadline_is_kept_as_written() -> None:
    due = find_due("The fix lands by Mar. 1", ctx(date(2022, 3, 3)))
    assert due is not None
    assert due.date == date(2022, 3, 1)


def test_invalid_calendar_dates_are_not_dates() -> None:
    assert find_due("by 31/02", ctx()) is None
    assert find_due("on 45 May", ctx()) is None


def test_without_a_meeting_date_only_complete_dates_resolve() -> None:
    none = ctx(None)
    full = find_due("submit on 7 October 2021", none)
    assert full is not None
    assert full.date == date(2021, 10, 7)
    for text in ("by Friday", "next week", "by 15/04", "April 3rd", "end of month"):
        due = find_due(text, none)
        assert due is not None, text
        assert (due.date, due.precision) == (None, VAGUE), text


def test_explicit_date_beats_a_vague_phrase_in_the_same_line() -> None:
    due = find_due("send it soon, by 15/04 at the latest", ctx())
    assert due is not None
    assert due.date == date(2020, 4, 15)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("next friday", date(2020, 3, 13)),
        ("tomorrow", date(2020, 3, 12)),
        ("15/04", date(2020, 4, 15)),
        ("2020-06-30", date(2020, 6, 30)),
        ("3rd of next month", date(2020, 4, 3)),
        ("June 3", date(2020, 6, 3)),
    ],
)
def test_parse_due_reads_a_phrase_on_its_own(phrase: str, expected: date) -> None:
    due = parse_due(phrase, ctx())
    assert due is not None
    assert (due.phrase, due.date) == (phrase, expected)


def test_parse_due_rejects_nonsense_and_keeps_vague_phrases() -> None:
    assert parse_due("purple elephants", ctx()) is None
    assert parse_due("   ", ctx()) is None
    vague = parse_due("asap", ctx())
    assert vague is not None
    assert (vague.date, vague.precision) == (None, VAGUE)


@pytest.mark.parametrize("phrase", ["2026-13-01", "2026/13/01", "13/13", "32.1.", "2026-02-30"])
def test_parse_due_refuses_a_date_in_figures_that_is_no_date(phrase: str) -> None:
    """dateparser read "2026-13-01" as 13 January and "13/13" as 13 December 2113."""
    assert parse_due(phrase, ctx()) is None


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [("2026-1-5", date(2026, 1, 5)), ("2.2.", date(2021, 2, 2)), ("15.04.26", date(2026, 4, 15)),
     ("31/12/2020", date(2020, 12, 31))],
)  # fmt: skip
def test_parse_due_reads_dates_in_figures_as_written(phrase: str, expected: date) -> None:
    due = parse_due(phrase, ctx())
    assert due is not None
    assert due.date == expected


def test_parse_due_without_a_meeting_date_never_reads_the_clock() -> None:
    assert parse_due("next friday", ctx(None)) == parse_due("next friday", ctx(None))
    relative = parse_due("next friday", ctx(None))
    assert relative is not None
    assert relative.date is None
    absolute = parse_due("15 April 2021", ctx(None))
    assert absolute is not None
    assert absolute.date == date(2021, 4, 15)


def test_find_named_events_reads_dates_the_document_gives() -> None:
    text = (
        "The GDB on 12 May will discuss the Datalake. "
        "Next F2F meeting (June 3-5) at CERN. RRB meeting (2 June)."
    )
    assert find_named_events(text, WED) == {
        "GDB": date(2020, 5, 12),
        "F2F": date(2020, 6, 3),
        "RRB": date(2020, 6, 2),
    }


def test_an_event_dated_after_the_place_it_is_held_in() -> None:
    text = (
        "- plenary meeting Lisbon 13–17 june: one session for us\n"
        "- Tape workshop Hamburg, 3-5 May\n"
        "- the next meeting Monday 6 April\n"  # the series' own meeting, no name
        "- the storage review 3 June\n"  # no place: not this form
    )
    assert find_named_events(text, WED) == {
        "plenary meeting": date(2020, 6, 13),
        "Tape workshop": date(2020, 5, 3),
    }
    due = find_due(
        "Ana to deliver the reader before the plenary meeting",
        ctx(named_events=find_named_events(text, WED)),
    )
    assert due is not None
    assert due.date == date(2020, 6, 13)


def test_an_event_said_to_be_held_on_its_dates() -> None:
    text = (
        "The F2F meeting will be held 9-11 June in Lyon.\n"
        "The Tape workshop takes place in Hamburg, 3 May.\n"
        "The storage session was held online.\n"  # no date
    )
    assert find_named_events(text, WED) == {"F2F": date(2020, 6, 9), "Tape": date(2020, 5, 3)}


def test_an_event_months_before_the_meeting_without_a_year_is_next_years() -> None:
    assert find_named_events("The GDB on 2 January", WED) == {"GDB": date(2021, 1, 2)}
    assert find_named_events("The GDB on 12 January 2020", WED) == {"GDB": date(2020, 1, 12)}


def test_find_named_events_needs_a_year_from_somewhere() -> None:
    assert find_named_events("the GDB on 12 May", None) == {}
    assert find_named_events("the GDB on 12 May 2021", None) == {"GDB": date(2021, 5, 12)}
    assert find_named_events("nothing dated here", WED) == {}


def _sample_lines() -> list[str]:
    """The sample WP2 minutes, line by line, as ASCII (the fast path of the keyword gates)."""
    path = Path(__file__).resolve().parents[2] / "data" / "wp2-meeting-2020-03-11.txt"
    text = path.read_text(encoding="utf-8").encode("ascii", "ignore").decode("ascii")
    extra = [
        "report by the day after tomorrow",
        "Deadline of May 6th; the F2F meeting (Oct. 7) and the GDB on 12 May",
        "in two weeks, by end of Q3, before the summer, asap",
    ]
    return [line for line in text.splitlines() if line.strip()] + extra


def test_ascii_fast_path_finds_what_the_unicode_path_finds() -> None:
    # A non-ASCII letter on a line of its own sends the same text down the IGNORECASE path.
    found = 0
    for line in _sample_lines():
        for context in (ctx(), ctx(None)):
            fast = find_due(line, context)
            assert fast == find_due("é\n" + line, context)
            found += fast is not None
    assert found > 20


def test_named_events_ascii_fast_path_matches_the_unicode_path() -> None:
    text = "\n".join(_sample_lines())
    events = find_named_events(text, WED)
    assert events == find_named_events("é\n" + text, WED)
    assert events["F2F"] == date(2020, 10, 7)
    no_connector = "The GDB, 12 May. Storage review 3 June."
    assert find_named_events(no_connector, WED) == find_named_events("é\n" + no_connector, WED)


# the pre-check's words as one plain alternation: the grouped pattern must find the same
PLAIN_PRECHECK_WORDS = (
    "jan feb mar apr may jun jul aug sep oct nov dec mon tue wed thu fri sat sun today tonight "
    "tomorrow eod eoy week month year fortnight asap soon urgent meeting telcon teleconf call "
    "session videocon mid early late beginning start end summer winter spring autumn fall "
    "christmas easter xmas holiday advance ahead point deadline due eta before until till prior "
    "later when once day hour by next following upcoming coming few within nxt wk"
).split()


def test_grouped_precheck_finds_the_plain_words() -> None:
    plain = r"\d|\b(?:" + "|".join([*PLAIN_PRECHECK_WORDS, r"q[1-4]", r"a\.s\.a\.p"]) + ")"
    words = [*PLAIN_PRECHECK_WORDS, "q3", "a.s.a.p"]
    samples = [*_sample_lines(), *words, *(f"x {w}" for w in words), *(f"x{w}" for w in words)]
    samples += [w.upper() for w in words] + ["\u017funday", "Fr\u0131day", "no date here", "ok"]
    for text in samples:
        for flags, grouped in ((0, dates._PRECHECK_LOWER), (re.IGNORECASE, dates._PRECHECK)):
            expected = re.search(plain, text, flags) is not None
            assert (grouped.search(text) is not None) == expected, text


def test_keyword_gates_without_ignorecase_agree_on_lowered_ascii() -> None:
    words = {w for line in _sample_lines() for w in line.split()}
    samples = [*_sample_lines(), *words, "EOD", "Q3", "A.S.A.P", "Next Meeting", "END of"]
    for rule in build_rules():
        for text in samples:
            fast = rule.gate_lower.search(text.lower()) is not None
            assert fast == (rule.gate.search(text) is not None), (rule.name, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Send the report by \u017funday", date(2026, 11, 8)),  # long s: Unicode case rules
        ("Send the report by fr\u0131day", date(2026, 11, 6)),  # dotless i
        ("Release on 3 \u017fep 2027", date(2027, 9, 3)),
    ],
)
def test_unicode_case_variants_of_names_resolve_instead_of_failing(
    text: str, expected: date
) -> None:
    due = find_due(text, DateContext(date(2026, 11, 5)))
    assert due is not None
    assert due.date == expected


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("Ines to do it in two days", date(2026, 11, 7), Precision.DAY),
        ("Oskar to send it two days from now", date(2026, 11, 7), Precision.DAY),
        ("report by the GDB", date(2026, 11, 12), Precision.DAY),
        ("fix it in a few days", None, Precision.VAGUE),
        ("do it a.s.a.p", None, Precision.VAGUE),
    ],
)
def test_deadlines_with_no_other_date_word_pass_the_precheck(
    text: str, expected: date | None, precision: Precision
) -> None:
    ctx = DateContext(
        meeting_date=date(2026, 11, 5),
        next_meeting=date(2026, 11, 19),
        named_events={"GDB": date(2026, 11, 12)},
    )
    due = find_due(text, ctx)
    assert due is not None
    assert (due.date, due.precision) == (expected, precision)


def test_a_text_that_opens_no_rule_gate_skips_the_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    # "by" passes the pre-check, but no rule's gate opens on "approved by Kim": no rule runs
    def no_rules(*args: object) -> list[object]:
        raise AssertionError("the rules ran")

    monkeypatch.setattr(dates, "_hits", no_rules)
    ctx = DateContext(meeting_date=date(2026, 11, 5))
    assert dates._precheck("approved by kim", "approved by kim")
    assert find_due("Approved by Kim", ctx) is None


def test_event_names_taken_whole_match_as_the_backtracking_pattern() -> None:
    # the possessive name words find what the same pattern with backtracking words finds
    from wp2bot.domain import dates_events

    pattern = dates_events._EVENT_DATE
    backtracking = re.compile(pattern.pattern.replace("*+", "*"), pattern.flags)
    lines = [
        "The Storage Workshop (Lyon, 3-5 June) sets the plan; the GDB on 12 May follows.",
        "Pre-GDB & Tape-Day at 4 March, and the F2F meeting (June 3-6) as usual",
        "Title: Weekly Meeting #50, Mar 24 2016",
        "ACME autumn workshop is on 2nd of October 2026; XRootD-Fest, 5 May",
        "nothing named here on 3 May, (and nothing here)",
    ]
    for line in lines:
        found = [(m.span(), m.groupdict()) for m in pattern.finditer(line)]
        assert found == [(m.span(), m.groupdict()) for m in backtracking.finditer(line)], line
    assert find_named_events(lines[0], date(2026, 1, 1)) == {
        "Storage Workshop": date(2026, 6, 3),
        "GDB": date(2026, 5, 12),
    }


THU = date(2026, 11, 12)  # an invented meeting on a Thursday


@pytest.mark.parametrize(
    ("text", "expected", "precision", "phrase"),
    [
        # a weekday before a numeric date does not hide the date
        ("send the list by Fri 20/11", date(2026, 11, 20), DAY, "by Fri 20/11"),
        ("send the list by Friday, 20.11.", date(2026, 11, 20), DAY, "by Friday, 20.11."),
        # the ends of periods, spelled out or abbreviated
        ("close the tickets by EOW", date(2026, 11, 13), DAY, "by EOW"),
        ("close the tickets by EOM", date(2026, 11, 30), MONTH, "by EOM"),
        ("renew the quota by the end of the quarter", date(2026, 12, 31), QUARTER, "end of"),
        ("renew the quota by the end of next quarter", date(2027, 3, 31), QUARTER, "next"),
        # calendar weeks: the Friday of that ISO week, next year's when this year's has passed
        ("move the pool in KW 50", date(2026, 12, 11), WEEK, "KW 50"),
        ("move the pool by week 50", date(2026, 12, 11), WEEK, "by week 50"),
        ("move the pool in KW2", date(2027, 1, 15), WEEK, "KW2"),
        ("move the pool in CW 12/2027", date(2027, 3, 26), WEEK, "CW 12/2027"),
        ("move the pool by 2026-W50", date(2026, 12, 11), WEEK, "2026-W50"),
        ("close the tickets, ETA end of week", date(2026, 11, 13), DAY, "end of week"),
        # a month written first, as only it can be (no 15th month)
        ("send the list by 12/15/2026", date(2026, 12, 15), DAY, "by 12/15/2026"),
        # a day of the month alone: the next such day
        ("book the room by the 3rd.", date(2026, 12, 3), DAY, "by the 3rd"),
        ("book the room by the 30th", date(2026, 11, 30), DAY, "by the 30th"),
        # the end of a month without "of"
        ("renew the quota by end Dec", date(2026, 12, 31), MONTH, "end Dec"),
        ("renew the quota by end-Jan 2027", date(2027, 1, 31), MONTH, "end-Jan 2027"),
        # an estimate counted from the meeting
        ("the fix is in review, ETA: 2 weeks", date(2026, 11, 26), WEEK, "ETA: 2 weeks"),
    ],
)
def test_more_written_forms_of_a_deadline(
    text: str, expected: date, precision: Precision, phrase: str
) -> None:
    due = find_due(text, ctx(THU))
    assert due is not None
    assert (due.date, due.precision) == (expected, precision)
    assert phrase.lower() in due.phrase.lower()


@pytest.mark.parametrize(
    "text",
    [
        "book the room by the 3rd release",
        "report on week 2 of the challenge",
        "the 3rd of the candidates withdrew",
    ],
)
def test_ordinals_and_weeks_of_something_else_are_no_deadline(text: str) -> None:
    assert find_due(text, ctx(THU)) is None


@pytest.mark.parametrize(
    "text",
    ["renew the key (done last week)", "the patch went in last Friday", "since the past Monday"],
)
def test_days_and_weeks_behind_the_meeting_are_no_deadline(text: str) -> None:
    assert find_due(text, ctx(THU)) is None


def test_a_deadline_written_as_passed_is_kept() -> None:
    due = find_due("the box should be ready (due last week)", ctx(THU))
    assert due is not None
    assert due.date == date(2026, 11, 5)  # the meeting's weekday a week before


def test_a_version_number_before_the_sentences_stop_is_no_date() -> None:
    assert find_due("Bo to backport the fix for 7.2.", ctx()) is None
    due = find_due("Bo to backport the fix by 7.4.", ctx())
    assert due is not None
    assert due.date == date(2020, 4, 7)


@pytest.mark.parametrize(
    "text",
    [
        "he can produce one, but not before early October",
        "Kim to send it, no earlier than 12 October",
        "Bo to ask about a joint test in the week of 7 December",
    ],
)
def test_a_lower_bound_or_the_week_something_happens_is_no_deadline(text: str) -> None:
    assert find_due(text, ctx()) is None


def test_by_the_week_of_a_day_is_that_deadline() -> None:
    due = find_due("Bo to finish it by the week of 7 April", ctx())
    assert due is not None
    assert due.date == date(2020, 4, 7)


def test_the_day_something_was_sent_out_is_no_deadline() -> None:
    assert find_due("submit the proposal. Submitted on 9 April. DONE.", ctx()) is None
    due = find_due("The slides will be circulated on Friday.", ctx())
    assert due is not None
    assert due.date == date(2020, 3, 13)
