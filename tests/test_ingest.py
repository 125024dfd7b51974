"""Ingest: every reader, stdin, bad input as Problems, and where dates come from."""

from __future__ import annotations

import io
import json
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from storyline.ingest import read_sources
from storyline.records import Problem, RawDocument

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def read(*paths, **options) -> list[RawDocument | Problem]:
    return list(read_sources([str(p) for p in paths], **options))


def documents(items) -> list[RawDocument]:
    return [i for i in items if isinstance(i, RawDocument)]


def problems(items) -> list[Problem]:
    return [i for i in items if isinstance(i, Problem)]


def only(items) -> RawDocument:
    (doc,) = items
    assert isinstance(doc, RawDocument), doc
    return doc


def zone(hours: int) -> timezone:
    return timezone(timedelta(hours=hours))


# --- text and front matter -------------------------------------------------------------


def test_front_matter_fields_and_body():
    doc = only(read(FIXTURES / "article.txt"))
    assert doc.title == "Harbour authority reopens the northern quay after repairs"
    assert doc.url == "https://coastal.example/2023/06/02/northern-quay-reopens"
    assert doc.source == "Coastal Gazette"
    assert doc.published == datetime(2023, 6, 2, 9, 15, tzinfo=zone(2))
    assert doc.published_from == "metadata"
    assert doc.metadata == {"author": "Mira Holm"}  # unknown keys are kept, not dropped
    assert doc.text.startswith("The harbour authority reopened")
    assert "---" not in doc.text and "title:" not in doc.text


def test_date_without_zone_is_utc_and_noted():
    doc = only(read(FIXTURES / "naive-date.txt"))
    assert doc.title == "Council votes to extend the night bus trial"  # quotes taken off
    assert doc.published == datetime(2023, 6, 3, 18, 30, tzinfo=UTC)
    assert doc.metadata["published_zone"] == "assumed UTC"


def test_front_matter_with_windows_line_ends(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"---\r\ntitle: Written on Windows\r\n---\r\nBody line.\r\n")
    doc = only(read(path))
    assert doc.title == "Written on Windows" and doc.text.strip() == "Body line."


def test_text_without_front_matter_has_no_metadata(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("A plain note about the tide tables.\n---\nnot: front matter\n")
    doc = only(read(path))
    assert doc.title is None and doc.published is None and doc.published_from is None
    assert "not: front matter" in doc.text


def test_markdown_loses_its_markup_but_not_its_words():
    doc = only(read(FIXTURES / "notes.md"))
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0] == "Ferry operators agree on a shared timetable"
    assert "By our transport correspondent" in paragraphs
    assert any(p.startswith('"Passengers should not need three apps') for p in paragraphs)
    assert "single timetable" in doc.text and "confusing schedules" in doc.text
    for markup in ("**", "](", "# ", "> ", "*By"):
        assert markup not in doc.text
    assert "Departures are spaced at least twenty minutes apart." in paragraphs


# --- HTML ------------------------------------------------------------------------------


def test_html_page_metadata_from_the_page():
    doc = only(read(FIXTURES / "page.html"))
    assert doc.html and "<article>" in doc.html  # the raw page is kept for cleaning
    assert doc.title == "Lighthouse keepers return to Skarv Point"
    assert doc.source == "Northern Ledger"
    assert doc.url == "https://ledger.example/coast/2023/06/05/lighthouse-keepers-return"
    assert doc.published == datetime(2023, 6, 5, 7, 45, tzinfo=zone(1))
    assert doc.published_from == "page"


def test_page_without_a_date_stays_undated():
    doc = only(read(FIXTURES / "undated-page.html"))
    assert doc.published is None and doc.published_from is None


def test_declared_charset_is_honoured_for_html(tmp_path):
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Caf\xe9 owners on the quay.</p>'
    path = tmp_path / "latin.html"
    path.write_bytes(page.encode("latin-1"))
    doc = only(read(path))
    assert "Café owners" in doc.html


def test_declared_encoding_is_honoured_for_feeds(tmp_path):
    feed = (
        '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel>'
        "<title>Caf\xe9 News</title><item><title>Quay caf\xe9 reopens</title>"
        "<description>The caf\xe9 on the quay reopened.</description></item></channel></rss>"
    )
    path = tmp_path / "latin.rss"
    path.write_bytes(feed.encode("latin-1"))
    item = only(read(path))
    assert item.source == "Café News" and item.title == "Quay café reopens"


# --- JSON Lines, JSON, CSV ---------------------------------------------------------------


def test_jsonl_reads_every_good_line_and_reports_the_bad_ones():
    items = read(FIXTURES / "articles.jsonl")
    docs = documents(items)
    assert [d.title for d in docs] == [
        "Pilots vote to accept new contract",
        "Shipyard wins order",
        "Body field",
        "Fish market moves indoors",
    ]
    assert docs[0].metadata["id"] == "gz-1"
    assert docs[1].text.startswith("The old shipyard")  # "content" field
    assert docs[2].text.startswith("A third record")  # "body" field
    reasons = {p.origin.rsplit(":", 1)[1]: p.reason for p in problems(items)}
    assert set(reasons) == {"line 3", "line 5", "line 6"}
    assert reasons["line 3"].startswith("malformed JSON")
    assert "text" in reasons["line 6"]
    assert all(p.stage == "ingest" for p in problems(items))


def test_jsonl_html_field_dates_from_the_page():
    html_doc = documents(read(FIXTURES / "articles.jsonl"))[-1]
    assert html_doc.text == "" and "customs hall" in html_doc.html
    assert html_doc.published == datetime(2023, 6, 7, 6, 30, tzinfo=zone(1))
    assert html_doc.published_from == "page"


def test_json_array(tmp_path):
    path = tmp_path / "batch.json"
    path.write_text('[{"title": "One", "text": "First."}, {"title": "Two", "body": "Second."}]')
    docs = read(path)
    assert [d.title for d in docs] == ["One", "Two"]
    assert docs[1].origin.endswith("batch.json:item 2")


def test_csv_rows_use_the_same_fields():
    items = read(FIXTURES / "articles.csv")
    docs = documents(items)
    assert [d.title for d in docs] == ["Tugboat crew rescues kayakers", "Museum opens boat hall"]
    assert docs[0].published == datetime(2023, 6, 8, 16, 20, tzinfo=zone(2))
    assert docs[1].url is None and docs[1].metadata["published_zone"] == "assumed UTC"
    (problem,) = problems(items)
    assert problem.origin.endswith("articles.csv:line 4")


# --- feeds -----------------------------------------------------------------------------


def test_rss_items_prefer_full_content_over_summary():
    first, second = read(FIXTURES / "feed.rss")
    assert first.origin.endswith("feed.rss:item 1")
    assert first.source == "Harbour News"
    assert first.title == "Dredging of the inner channel begins"
    assert first.url == "https://harbour.example/dredging"
    assert "six weeks" in first.html and "teaser" not in first.html
    assert first.published == datetime(2023, 6, 12, 8, 0, tzinfo=zone(2))
    assert first.published_from == "metadata"
    assert first.metadata["id"] == "harbour-dredging-2023"
    assert "regatta" in second.html  # no content:encoded: the summary
    assert second.published == datetime(2023, 6, 13, 12, 30, tzinfo=UTC)


def test_atom_entry_uses_published_not_updated():
    entry = only(read(FIXTURES / "feed.atom"))
    assert entry.source == "Island Courier"
    assert "no structural damage" in entry.html
    assert entry.published == datetime(2023, 6, 14, 9, 0, tzinfo=zone(3))


def test_xml_that_is_not_a_feed(tmp_path):
    path = tmp_path / "config.xml"
    path.write_text('<?xml version="1.0"?><settings><tide>high</tide></settings>')
    (problem,) = read(path)
    assert problem.reason == "XML file is not an RSS or Atom feed"


# --- directories and stdin -----------------------------------------------------------------


def test_directory_is_walked_sorted_without_hidden_entries():
    docs = read(FIXTURES / "tree")
    assert [Path(d.origin).relative_to(FIXTURES / "tree").as_posix() for d in docs] == [
        "a.txt",
        "sub/b.txt",
    ]


@pytest.mark.parametrize(
    ("content", "expect"),
    [
        ('{"title": "From a pipe", "text": "Piped JSON line."}\n', "jsonl"),
        ("<html><head><title>Piped page</title></head><body><p>Piped.</p></body></html>", "html"),
        ("Just a few words of plain text from a pipe.\n", "text"),
        (FIXTURES.joinpath("feed.atom").read_text(), "feed"),
    ],
)
def test_stdin_kind_is_detected_from_content(monkeypatch, content, expect):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(content.encode())))
    doc = documents(read_sources(["-"]))[0]
    assert doc.origin.startswith("stdin")
    if expect == "jsonl":
        assert doc.title == "From a pipe" and doc.text == "Piped JSON line."
    elif expect == "html":
        assert doc.html.startswith("<html>") and doc.title == "Piped page"
    elif expect == "feed":
        assert doc.source == "Island Courier"
    else:
        assert doc.html is None and doc.text.startswith("Just a few words")


def test_stdin_over_the_limit(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 2000)))
    (problem,) = read_sources(["-"], max_bytes=1000)
    assert problem.origin == "stdin" and "larger than" in problem.reason


# --- bad input: a Problem each, and the batch goes on --------------------------------------


def bad_inputs(folder: Path) -> dict[str, str]:
    """Each kind of bad file, and the message the user should get."""
    files = {
        "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, "binary file"),
        "empty.txt": (b"   \n\n", "empty file"),
        "latin1.txt": (
            "Caf\xe9 on the quay".encode("latin-1"),
            "not valid UTF-8 (byte 0xe9 at offset 3)",
        ),
        "broken.html": (b"<html><body><div><p>", "HTML page has no readable text"),
        "report.pdf": (b"%PDF-1.4 ...", "skipped: unsupported file type .pdf"),
        "huge.txt": (b"word " * 2_500_000, "larger than the 5 MB limit (12.5 MB)"),
    }
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data)
    return {name: message for name, (_, message) in files.items()}


def test_each_bad_input_gives_a_clear_problem_and_the_batch_goes_on(tmp_path):
    expected = bad_inputs(tmp_path)
    (tmp_path / "zz-good.txt").write_text("A good article after all the bad ones.")
    items = read(tmp_path, tmp_path / "missing.txt")
    found = {Path(p.origin).name: p.reason for p in problems(items)}
    for name, message in expected.items():
        assert message in found[name], (name, found[name])
    assert found["missing.txt"] == "no such file or directory"
    assert [Path(d.origin).name for d in documents(items)] == ["zz-good.txt"]


def test_size_limit_is_configurable(tmp_path):
    path = tmp_path / "small.txt"
    path.write_text("x" * 3000)
    (problem,) = read(path, max_bytes=1000)
    assert problem.reason == "larger than the 0.001 MB limit (0.0 MB)"


def test_utf8_bom_is_not_part_of_the_text(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf---\ntitle: With a BOM\n---\nBody text.")
    doc = only(read(path))
    assert doc.title == "With a BOM" and doc.text.strip() == "Body text."


# --- where the publication date comes from ----------------------------------------------------


def test_date_precedence_metadata_then_page_then_none(tmp_path):
    page = (
        "<html><head><title>Quay</title>"
        '<meta property="article:published_time" content="2023-06-20T10:00:00+02:00">'
        "</head><body><article><p>Text of the article on the quay.</p></article></body></html>"
    )
    lines = [
        {"html": page, "published": "2023-01-05T08:00:00+00:00"},  # metadata wins
        {"html": page},  # the page's own date
        {"text": "No date anywhere in this record."},  # none, never "now"
    ]
    path = tmp_path / "dates.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines))
    first, second, third = read(path)
    assert first.published == datetime(2023, 1, 5, 8, tzinfo=UTC)
    assert first.published_from == "metadata"
    assert second.published == datetime(2023, 6, 20, 10, tzinfo=zone(2))
    assert second.published_from == "page"
    assert (third.published, third.published_from) == (None, None)


def test_unreadable_date_is_not_guessed(tmp_path):
    path = tmp_path / "vague.txt"
    path.write_text("---\npublished: yesterday\n---\nSomething happened.")
    doc = only(read(path))
    assert doc.published is None
    assert doc.metadata["published_unreadable"] == "yesterday"
