"""Clean: boilerplate removal that keeps every paragraph, site templates, attribution,
titles, ids, language, and the HTML main-text path."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from storyline.clean import NO_TEXT, article_id, clean_documents, content_hash
from storyline.clean.attribution import find_attribution, without_dateline
from storyline.clean.boilerplate import (
    EXTRA_RULES_ENV,
    default_rules,
    learn_site_boilerplate,
    remove_boilerplate,
)
from storyline.clean.html import extract_main_text, extract_page
from storyline.ingest import read_sources
from storyline.records import Article, Problem, RawDocument

FIXTURES = Path(__file__).parent / "fixtures" / "clean"
SEEDS = Path(__file__).parents[1].parent / "shared" / "seeds"
NAVIGATION = {"Previous Article", "Next Article"}
UI_PROMPTS = {"No time to read?", "Get a summary", *NAVIGATION}
PROSE_WORDS = 20  # a line this long is article prose, never boilerplate


def clean_files(*paths: Path) -> tuple[list[Article], list[Problem]]:
    raws = list(read_sources([str(p) for p in paths]))
    assert all(isinstance(r, RawDocument) for r in raws), raws
    return clean_documents(raws)


def clean_one(path: Path) -> Article:
    (article,), problems = clean_files(path)
    assert problems == []
    return article


def prose_lines(text: str) -> list[str]:
    return [
        " ".join(line.split()) for line in text.splitlines() if len(line.split()) >= PROSE_WORDS
    ]


def navigation_headlines(text: str) -> list[str]:
    """The lines that follow "Previous Article" / "Next Article" in a raw file."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return [after for before, after in pairwise(lines) if before in NAVIGATION]


# --- boilerplate ----------------------------------------------------------------------------


def test_seed_shaped_article_loses_its_boilerplate_and_keeps_every_paragraph():
    raw_text = (FIXTURES / "seed-shaped.txt").read_text()
    article = clean_one(FIXTURES / "seed-shaped.txt")
    body = article.text.split("\n\n")
    assert body == prose_lines(raw_text)  # every paragraph, in order, nothing else
    assert article.title == "Harbour pilots seek a bigger tug fleet for the winter season"
    assert article.removed == [
        "No time to read?",
        "Get a summary",
        "No time to read?",
        "Get a summary",
        "Previous Article",
        "Town choir celebrates fifty years with a harbour concert",
        "Next Article",
        "Cyclists demand a safer lane on the coast road",
    ]


def test_paragraph_per_line_text_is_kept_whole():
    raw_text = (FIXTURES / "one-line-paragraphs.txt").read_text()
    article = clean_one(FIXTURES / "one-line-paragraphs.txt")
    assert article.text.split("\n\n") == prose_lines(raw_text)
    assert article.title is None  # the first line is prose, not a headline
    assert article.removed == []


def test_navigation_takes_headlines_but_stops_at_prose():
    parts = [
        "The ferry left on time despite the wind and arrived at the island shortly after noon.",
        "Related",
        "Ferry fares rise again",
        "Islanders protest at the new timetable",
        "The captain said the crossing had been rough but that no passenger had been hurt, "
        "and that the crew had kept the outer deck closed for most of the journey.",
        "Short closing line.",
    ]
    result = remove_boilerplate(parts)
    assert result.removed == parts[1:4]
    assert result.kept == [parts[0], parts[4], parts[5]]


def test_long_paragraph_is_never_boilerplate():
    long_line = "Read more " + "about the harbour works and the dredging of the channel " * 4
    assert remove_boilerplate([long_line]).kept == [long_line]


def test_sharing_buttons_and_alert_prompts_go_but_sentences_about_them_stay():
    parts = ["Share on Facebook Share on Twitter", "Share Tweet Email Print",
             "Breaking News Emails Get breaking news alerts and special reports.",
             "Twitter users shared the harbour video widely on Sunday.", "Email the harbour master",
             "Residents did not get breaking news alerts during the flood."]
    result = remove_boilerplate(parts)
    assert result.kept == parts[3:]
    assert result.removed == parts[:3]


def test_closing_block_goes_whole_after_an_article_navigation_marker():
    parts = [
        "The harbour festival drew more visitors than ever before, the organisers said on Sunday.",
        "Next Article",
        "Lighthouse tours sell out.",  # a teaser that ends like a sentence
        "Weekend weather: sun and a light breeze",
    ]
    assert remove_boilerplate(parts).kept == parts[:1]


def test_users_can_add_their_own_patterns(tmp_path, monkeypatch):
    extra = tmp_path / "my-boilerplate.txt"
    extra.write_text("[lines]\nharbour herald morning briefing\n")
    line = "Harbour Herald morning briefing!"
    assert remove_boilerplate([line]).kept == [line]
    monkeypatch.setenv(EXTRA_RULES_ENV, str(extra))
    default_rules.cache_clear()
    try:
        assert remove_boilerplate([line]).removed == [line]
    finally:
        monkeypatch.delenv(EXTRA_RULES_ENV)
        default_rules.cache_clear()


# --- site-level learning ------------------------------------------------------------------------


def test_lines_repeated_on_three_pages_of_one_site_are_removed():
    articles, problems = clean_files(FIXTURES / "site")
    assert problems == [] and len(articles) == 3
    template = [
        "Tide tables and weather, every morning at seven",
        "Our coastal desk reports from every harbour town",
    ]
    for article in articles:
        assert article.removed == template
        assert all(line not in article.text for line in template)
        assert len(article.text.split("\n\n")) == 2


def test_two_pages_are_not_enough_to_call_a_line_a_template():
    articles, _ = clean_files(*sorted((FIXTURES / "site").glob("*.txt"))[:2])
    assert all("Tide tables and weather" in a.text for a in articles)


def test_the_same_page_three_times_teaches_nothing():
    page = ["Shared short line", "Another short line"]
    assert learn_site_boilerplate([("a.example", page)] * 3) == {"a.example": frozenset()}


def test_site_learning_groups_by_site():
    pages = [
        ("a.example", ["Shared line", "First story."]),
        ("a.example", ["Shared line", "Second story."]),
        ("b.example", ["Shared line", "Third story."]),
    ]
    assert learn_site_boilerplate(pages, min_pages=2) == {
        "a.example": frozenset({"shared line"}),  # line keys: lower case, no final stop
        "b.example": frozenset(),
    }


# --- attribution ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The port closed. [Source: TASS report; more from local media]", "TASS"),
        ("WASHINGTON (AP) — The Senate voted on Tuesday.", "AP"),
        ("LONDON, June 3 (Reuters) - Shares fell.", "Reuters"),
        ("a claim reported by a television channel cited by CNN.", "CNN"),
        ("The talks failed, according to Reuters.", "Reuters"),
        (
            "The meeting was set for noon, according to harbourwatch.example.",
            "harbourwatch.example",
        ),
        ("A statement was quoted by Coastal Radio Nine on Monday.", "Coastal Radio Nine"),
        ("BERGEN (Fjord Wire) — Ferries were cancelled.", "Fjord Wire"),
        ("According to Mayor Jensen, the quay will reopen.", None),  # a person, not a medium
        ("The minister told Harbour Herald staff nothing.", None),
        ("Nothing here names a source at all.", None),
    ],
)
def test_attribution_patterns(text, expected):
    assert find_attribution(text) == expected


@pytest.mark.parametrize(("text", "rest"), [
    ("WASHINGTON (AP) — The Senate voted on Tuesday.", "The Senate voted on Tuesday."),
    ("LONDON, June 3 (Reuters) - Shares fell.", "Shares fell."),
    ("(CNN) -- Police searched the port.", "Police searched the port."),
    ("The port (north) - closed.", "The port (north) - closed."),  # no dateline
])
def test_without_dateline(text, rest):
    assert without_dateline(text) == rest


def test_explicit_source_note_wins_and_stays_in_the_text():
    article = clean_one(FIXTURES / "one-line-paragraphs.txt")
    assert article.attribution == "Interfax"
    assert "[Source: Interfax report" in article.text


def test_cited_medium_becomes_the_attribution():
    assert clean_one(FIXTURES / "seed-shaped.txt").attribution == "Reuters"


# --- article fields ---------------------------------------------------------------------------


def raw(text: str, **fields) -> RawDocument:
    return RawDocument(origin=fields.pop("origin", "test"), text=text, **fields)


BODY = (
    "The harbour authority said on Monday that the northern quay would reopen next week, "
    "after engineers finished replacing the damaged section of the breakwater."
)


def test_ids_and_hashes_are_stable_and_defined():
    first, _ = clean_documents(
        [raw(BODY, source="Gazette", url="https://g.example/q", title="Quay")]
    )
    again, _ = clean_documents(
        [raw(BODY, source="Gazette", url="https://g.example/q", title="Quay")]
    )
    article = first[0]
    assert article.content_hash == content_hash("  " + BODY.upper() + " \n")
    assert article.id == article_id("Gazette", "https://g.example/q", "Quay", article.content_hash)
    assert len(article.id) == 16 and again[0].id == article.id


def test_front_matter_title_is_not_repeated_in_the_body():
    article = clean_one(Path(__file__).parent / "fixtures" / "ingest" / "notes.md")
    assert article.title == "Ferry operators agree on a shared timetable"
    assert not article.text.startswith("Ferry operators agree")
    assert "By our transport correspondent" in article.removed  # a byline


def test_text_normalization():
    text = "Cafe\u0301 owners   on the\u00a0quay said the season began well.\r\n\r\n" + BODY
    (article,), _ = clean_documents([raw(text)])
    first = article.text.split("\n\n")[0]
    assert first == "Café owners on the quay said the season began well."
    assert "\r" not in article.text


def test_hard_wrapped_paragraphs_are_joined():
    wrapped = (
        "The harbour authority said on Monday that the northern quay would\n"
        "reopen next week, after engineers finished replacing the damaged\n"
        "section of the breakwater and testing the new mooring rings.\n"
        "\n"
        "Ferries will use the quay again from Tuesday."
    )
    (article,), _ = clean_documents([raw(wrapped)])
    assert article.text.split("\n\n")[0].endswith(
        "damaged section of the breakwater and testing the new mooring rings."
    )


def test_too_little_text_is_a_problem():
    articles, problems = clean_documents(
        [raw("No time to read?\nGet a summary\nShort.", origin="x.txt")]
    )
    assert articles == []
    assert problems == [Problem("x.txt", NO_TEXT, "clean")]


def test_text_without_spaces_is_measured_by_characters():
    japanese = (
        "港の北側の岸壁は、修理が終わったため来週から再び使えるようになると港湾局が発表した。"
    )
    (article,), problems = clean_documents([raw(japanese)])
    assert problems == [] and article.language == "und"


def test_the_same_article_twice_in_a_batch_is_reported_once():
    articles, problems = clean_documents([raw(BODY, origin="a.txt"), raw(BODY, origin="b.txt")])
    assert [a.origin for a in articles] == ["a.txt"]
    assert problems == [Problem("b.txt", "same article as a.txt", "clean")]


def test_non_english_text_is_kept_and_marked():
    italian = (
        "Il consiglio comunale ha deciso di riaprire il porto vecchio entro la fine "
        "dell'estate, dopo i lavori di restauro del molo e della banchina principale."
    )
    (article,), problems = clean_documents([raw(italian)])
    assert problems == [] and article.language == "it"
    assert clean_documents([raw(BODY)])[0][0].language == "en"


def test_dates_and_source_pass_through():
    article = clean_one(Path(__file__).parent / "fixtures" / "ingest" / "article.txt")
    assert article.published is not None and article.published.utcoffset() is not None
    assert article.published_from == "metadata" and article.source == "Coastal Gazette"


# --- HTML ------------------------------------------------------------------------------------


def test_extract_main_text_keeps_the_article_and_drops_the_page_around_it():
    html = (FIXTURES / "page.html").read_text()
    text = extract_main_text(html)
    parts = text.split("\n\n")
    assert parts[0].startswith("A storm surge pushed sea water")
    assert parts[-1].startswith('"We cannot keep cleaning up')
    assert len(parts) == 4
    for gone in (
        "Storm surge floods the old town quay",
        "Advertisement",
        "Read more",
        "Share this",
        "Home",
        "Copyright",
    ):
        assert gone not in text


def test_html_article_records_standfirst_and_boilerplate_as_removed():
    article = clean_one(FIXTURES / "page.html")
    assert article.title == "Storm surge floods the old town quay"
    assert article.removed == [
        "Shops on the quay were flooded for the second time this year.",
        "Advertisement",
        "Read more: Council delays decision on the flood wall",
        "Share this article",
    ]
    assert article.published_from == "page"


def test_feed_item_html_goes_through_the_html_path():
    articles, problems = clean_files(Path(__file__).parent / "fixtures" / "ingest" / "feed.rss")
    (article,) = articles
    assert article.title == "Dredging of the inner channel begins"
    assert article.text.split("\n\n") == [
        "Dredging of the inner channel began on Monday and is expected to last six weeks, "
        "the port said.",
        "Larger cruise ships will be able to berth at the town quay once the work is finished.",
    ]
    # The second item is a one-sentence summary: too short to be an article.
    assert problems == [Problem(f"{FIXTURES.parent}/ingest/feed.rss:item 2", NO_TEXT, "clean")]


def test_fragment_without_article_markup_falls_back_to_block_text():
    page = extract_page("<div>First block of words.</div><div>Second block of words.</div>")
    assert [p for p in page.paragraphs if p] == ["First block of words.", "Second block of words."]


# --- the real seeds (read at test time, never copied) ---------------------------------------------


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds not present")
def test_seeds_lose_boilerplate_and_keep_every_paragraph():
    seeds = sorted(SEEDS.glob("*.txt"))
    articles, problems = clean_files(*seeds)
    assert problems == [] and len(articles) == len(seeds)
    for seed, article in zip(seeds, articles, strict=True):
        raw_text = seed.read_text(encoding="utf-8")
        kept = article.text.split("\n\n")
        for line in prose_lines(raw_text):
            assert line in kept, (seed.name, line[:60])
        assert not UI_PROMPTS & set(kept)
        for headline in navigation_headlines(raw_text):
            assert headline not in article.text and headline in article.removed
        assert article.removed == [
            line.strip()
            for line in raw_text.splitlines()
            if line.strip() and line.strip() not in article.text and line.strip() != article.title
        ]
    assert any(navigation_headlines(s.read_text(encoding="utf-8")) for s in seeds)
