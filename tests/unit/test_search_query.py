"""The search query people type, its index forms, and hits rendered inert for chat."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from wp2bot.domain.search import (
    Hit,
    HitKind,
    SearchDoc,
    SearchError,
    fts5_match,
    inert,
    minutes_docs,
    parse_query,
    render_hits,
    snippet,
    tsquery,
)


def test_words_then_filters_in_any_order() -> None:
    q = parse_query("perfSONAR packet-loss owner @Ana site GSI since 2026-01-31")
    assert q.words == ("perfSONAR", "packet-loss")
    assert q.terms() == ("perfsonar", "packet", "loss")
    assert (q.site, q.owner, q.since) == ("GSI", "ana", date(2026, 1, 31))


def test_a_filter_word_first_is_a_word() -> None:
    # "site" alone or first is what the person looks for, not a filter
    assert parse_query("site survey").words == ("site", "survey")
    assert parse_query("since").terms() == ("since",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Say what to look for"),
        ("!!! ???", "Say what to look for"),
        ("tape site", "needs a value"),
        ("tape since 31/01/2026", "YYYY-MM-DD"),
        ("tape since 2026-02-30", "not a calendar date"),
        ("tape site A site B", "given twice"),
    ],
)
def test_bad_queries_say_why(text: str, message: str) -> None:
    with pytest.raises(SearchError, match=message):
        parse_query(text)


def test_limit_is_bounded() -> None:
    assert parse_query("tape", limit=10_000).limit == 50
    assert parse_query("tape", limit=0).limit == 1


def test_index_queries_quote_terms_and_prefix_the_last() -> None:
    q = parse_query('tape "OR" recall')
    # words never reach the index as operators: each term is quoted (FTS5) or a plain lexeme
    assert fts5_match(q) == '"tape" AND "or" AND "recall"*'
    assert tsquery(q) == "tape & or & recall:*"


def test_minutes_docs_skip_blank_lines_and_carry_the_section() -> None:
    docs = minutes_docs(
        7, [(1, "Round-table", ""), (2, "  ", "Site A"), (3, "disk full", "Site A")],
        at=None, url=None,
    )  # fmt: skip
    assert [(d.key, d.line, d.entities) for d in docs] == [("7:1", 1, ""), ("7:3", 3, "site a")]


def test_minutes_docs_of_several_notes_numbered_from_one_have_their_own_keys() -> None:
    # an Indico event's note and a contribution's note both start at line 1
    docs = minutes_docs(
        7, [(1, "Agenda", ""), (2, "tape drive swap", ""), (1, "Contribution notes", "")],
        at=None, url=None,
    )  # fmt: skip
    assert [(d.key, d.line) for d in docs] == [("7:1", 1), ("7:2", 2), ("7:1.2", 1)]


def test_snippet_centres_on_the_first_term() -> None:
    text = "x " * 200 + "the perfSONAR node " + "y " * 200
    out = snippet(text, ("perfsonar",), width=60)
    assert "perfSONAR" in out
    assert out.startswith("…")
    assert out.endswith("…")
    assert len(out) <= 62


def test_inert_defuses_mentions_links_images_and_markup() -> None:
    out = inert("@channel see ![x](http://t/p.png) and [y](javascript:alert(1)) <!here> **b**")
    assert "@channel" not in out
    assert "![" not in out
    assert "](javascript" not in out.replace("\\]", "")
    assert "<!here>" not in out
    assert "**b**" not in out


def test_render_links_only_web_urls() -> None:
    at = datetime(2026, 3, 4, tzinfo=UTC)
    good = SearchDoc(HitKind.MINUTES, "1:4", "tape", at=at, line=4, url="https://i.example/e/1/")
    bad = SearchDoc(HitKind.MINUTES, "1:5", "tape", at=at, line=5, url="javascript:alert(1)")
    q = parse_query("tape")
    text = render_hits(q, [Hit(good, "tape", 1.0, "WG"), Hit(bad, "tape", 0.5, "WG")])
    assert "[minutes](https://i.example/e/1/)" in text
    assert "javascript" not in text
    assert "minutes line 4" in text
    assert "nothing found" in render_hits(q, [])


def test_site_and_owner_become_column_matches() -> None:
    q = parse_query("tape site Lumen-Lab owner @Ida")
    assert fts5_match(q, columns=True) == (
        '"tape"* AND entities : "lumen" AND entities : "lab" AND owners : "ida"'
    )
