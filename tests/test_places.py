"""Toponyms: finding them in a parse and resolving them against the gazetteer."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from spacy.tokens import Span as SpacySpan

from storyline.annotate import gazetteer as gz
from storyline.annotate.places import detect_places, find_places, resolve_toponyms
from storyline.records import Article

FIXTURES = Path(__file__).parent / "fixtures" / "places"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp():
    from storyline.models import nlp

    return nlp()


def article(text: str) -> Article:
    return Article(id="t", origin="test", title=None, text=text, content_hash="h")


def places_of(nlp, text: str, relabel: dict[str, str | None] | None = None):
    """The places of ``text``; ``relabel`` forces the tagger's reading of some names (a label,
    or None for no entity) to test what happens when it gets them wrong."""
    doc = nlp(text)
    if relabel:
        doc.ents = _relabelled(doc, relabel)
    return find_places(doc, article(text))


def _relabelled(doc, relabel: dict[str, str | None]) -> list:
    forced = []
    for name, label in relabel.items():
        start = doc.text.index(name)
        span = doc.char_span(start, start + len(name))
        forced.append((span, label))
    kept = [e for e in doc.ents
            if not any(e.start < s.end and s.start < e.end for s, _ in forced)]
    added = [SpacySpan(doc, s.start, s.end, label=label) for s, label in forced if label]
    return sorted(kept + added, key=lambda e: e.start)


def spans_of(text: str, *names: str) -> list[tuple[int, int]]:
    return [(text.index(n), text.index(n) + len(n)) for n in names]


def near(place, lat: float, lon: float, km: float) -> bool:
    return place.lat is not None and gz.distance_km(place.lat, place.lon, lat, lon) <= km


# --- what is and is not a place ------------------------------------------------------------


def test_kosovo_and_serbia_are_countries_not_towns(nlp):
    text = ("Serbia said on Monday that Kosovo must withdraw its police from the north. "
            "Officials in Kosovo rejected the demand.")
    found = places_of(nlp, text)
    kosovo = [p for p in found if p.text == "Kosovo"]
    serbia = [p for p in found if p.text == "Serbia"]
    assert kosovo and serbia
    assert all(p.kind == "country" and p.country == "XK" for p in kosovo)
    assert all(p.kind == "country" and p.country == "RS" for p in serbia)


def test_alliances_and_missions_are_never_places(nlp):
    text = "NATO said KFOR troops and EU monitors would stay in Pristina."
    found = places_of(nlp, text, relabel={"NATO": "GPE", "KFOR": "GPE", "EU": "GPE"})
    assert {p.text for p in found} == {"Pristina"}
    resolved = resolve_toponyms(text, spans_of(text, "NATO", "KFOR", "EU"))
    assert all(p.geonameid is None and p.lat is None for p in resolved)


def test_demonyms_are_not_places(nlp):
    text = "Serbian police and Russian diplomats met Kosovar officials in Belgrade."
    assert {p.text for p in places_of(nlp, text)} == {"Belgrade"}


def test_a_mislabelled_small_town_is_recovered(nlp):
    text = "Special forces took control of a facility in Zubin Potok on Sunday."
    found = places_of(nlp, text, relabel={"Zubin Potok": "ORG"})
    (zubin,) = [p for p in found if p.text == "Zubin Potok"]
    assert zubin.country == "XK" and near(zubin, 42.9144, 20.6897, 10)


def test_a_missed_dam_is_recovered_from_the_gazetteer(nlp):
    text = "Police secured the Gazivode dam after the protest."
    found = places_of(nlp, text, relabel={"Gazivode dam": None})
    (dam,) = [p for p in found if "Gazivode" in p.text]
    assert dam.kind == "feature" and near(dam, 42.94, 20.62, 15)
    assert 0 < dam.confidence < 1  # recovered, so less sure than a tagged place


def test_common_capitalized_words_are_not_recovered(nlp):
    text = "In May the Federal court said Hope remained. Police arrived at ten."
    assert places_of(nlp, text, relabel={"May": None, "Hope": None, "Police": None}) == []


# --- resolving ------------------------------------------------------------------------------


def test_diacritics_do_not_matter():
    with_marks = resolve_toponyms("Protests in Zvečan.", [(12, 18)])[0]
    without = resolve_toponyms("Protests in Zvecan.", [(12, 18)])[0]
    shouting = resolve_toponyms("PROTESTS IN ZVECAN.", [(12, 18)])[0]
    assert with_marks.geonameid == without.geonameid == shouting.geonameid is not None
    assert with_marks.name == "Zvečan" and near(with_marks, 42.9075, 20.84, 5)


def test_context_picks_the_right_paris():
    texas = "A tornado hit Paris on Tuesday, and the governor of Texas sent help."
    france = "Leaders met in Paris on Tuesday, and Lyon and Marseille sent delegations."
    in_texas = resolve_toponyms(texas, spans_of(texas, "Paris", "Texas"))[0]
    in_france = resolve_toponyms(france, spans_of(france, "Paris", "Lyon", "Marseille"))[0]
    assert (in_texas.country, in_texas.admin1) == ("US", "Texas")
    assert in_france.country == "FR"


def test_a_place_followed_by_its_state_is_read_in_that_state():
    text = "ALEXANDRIA, La. - A woman was charged on Monday."
    alexandria = resolve_toponyms(text, spans_of(text, "ALEXANDRIA", "La."))[0]
    assert (alexandria.country, alexandria.admin1) == ("US", "Louisiana")


def test_a_demonym_span_given_for_evaluation_reads_as_its_country():
    text = "Russian officials said so."
    (place,) = resolve_toponyms(text, spans_of(text, "Russian"))
    assert (place.kind, place.country) == ("country", "RU")


def test_candidates_and_confidence_are_reported():
    text = "Springfield officials met on Monday."
    (place,) = resolve_toponyms(text, spans_of(text, "Springfield"))
    scores = [c["score"] for c in place.candidates]
    assert 1 < len(place.candidates) <= 5
    assert scores == sorted(scores, reverse=True) and 0 <= place.confidence <= 1
    assert place.confidence == scores[0]
    assert {"geonameid", "name", "country", "lat", "lon", "population", "score"} <= set(
        place.candidates[0])


def test_an_unknown_name_stays_unresolved():
    text = "They met in Qwxzvillebergstadt."
    (place,) = resolve_toponyms(text, spans_of(text, "Qwxzvillebergstadt"))
    assert place.name is None and place.confidence == 0.0 and place.candidates == []


def test_detect_places_parses_and_resolves():
    found = detect_places("Protesters gathered in Belgrade and Moscow on Friday.")
    assert {p.text for p in found} == {"Belgrade", "Moscow"}
    assert {p.country for p in found} == {"RS", "RU"}


# --- the seed articles ----------------------------------------------------------------------

SEED_PLACES = {  # name as written -> true location
    "Zvečan": (42.9075, 20.8400),
    "Zubin Potok": (42.9144, 20.6897),
    "North Mitrovica": (42.8914, 20.8660),
    "Gazivode": (42.94, 20.62),
    "Belgrade": (44.8040, 20.4651),
    "Pristina": (42.6727, 21.1669),
    "Moscow": (55.7522, 37.6156),
}


def test_every_place_of_the_seeds_resolves_within_25_km(nlp, seeds_dir):
    checked = 0
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found = find_places(nlp(text), article(text))
        for name, (lat, lon) in SEED_PLACES.items():
            if name not in text:
                continue
            checked += 1
            matching = [p for p in found if name in p.text]
            assert matching, f"{name} not found in {path.name}"
            assert all(near(p, lat, lon, 25) for p in matching), (name, path.name)
    assert checked >= len(SEED_PLACES)


# --- the index and its cache ----------------------------------------------------------------


def test_the_index_is_built_once_then_loaded_from_disk(tmp_path, monkeypatch):
    builds = []

    def tiny_build(supplements=()):
        builds.append(1)
        index = gz.Gazetteer()
        index.entries[1] = gz.Entry(1, "Testville", "city", "XK", 42.9, 20.8, 600)
        index.add_name("Testville", 1, gz.PRIMARY)
        return index

    monkeypatch.setattr(gz, "build_gazetteer", tiny_build)
    stale = tmp_path / "gazetteer-0000.pickle"
    stale.write_bytes(b"built from older packages")
    path = tmp_path / "gazetteer-1111.pickle"
    first = gz.load_or_build(path)
    second = gz.load_or_build(path)
    assert len(builds) == 1 and path.exists() and not stale.exists()
    assert second.lookup("TESTVILLE")[0].entry == first.entries[1]


def test_the_cache_file_changes_with_the_places_files(tmp_path, monkeypatch):
    monkeypatch.setenv(gz.CACHE_ENV, str(tmp_path))
    monkeypatch.delenv(gz.PLACES_ENV, raising=False)
    plain = gz.cache_path()
    extra = tmp_path / "mine.tsv"
    extra.write_text("Old Mill\tfeature\tXK\t42.9\t20.8\t\t\t\n", encoding="utf-8")
    monkeypatch.setenv(gz.PLACES_ENV, str(extra))
    with_extra = gz.cache_path()
    extra.write_text("Old Mill\tfeature\tXK\t42.8\t20.8\t\t\t\n", encoding="utf-8")
    assert plain.parent == tmp_path
    assert len({plain, with_extra, gz.cache_path()}) == 3


# --- the supplement -------------------------------------------------------------------------


def test_a_places_file_adds_and_corrects_places_and_reports_bad_rows(caplog):
    index = gz.Gazetteer()
    index.entries[9000001] = gz.Entry(9000001, "Testville", "city", "XK", 42.9, 20.8, 600,
                                      admin1=77)
    index.add_name("Testville", 9000001, gz.PRIMARY)
    with caplog.at_level(logging.WARNING):
        gz.apply_supplement(index, gz.read_supplement(FIXTURES / "extra_places.tsv"))
    (crossing,) = index.lookup("mill crossing")
    assert crossing.entry.name == "Old Mill Crossing" and crossing.entry.geonameid < 0
    assert crossing.entry.admin1 == 77  # placed in the areas of the nearest city
    (town,) = index.lookup("Test Town")
    assert town.entry.geonameid == 9000001 and town.entry.population == 1234
    assert index.lookup("Half Point") == [] and index.lookup("Nowhere") == []
    messages = " ".join(r.getMessage() for r in caplog.records)
    assert "extra_places.tsv:5" in messages and "extra_places.tsv:6" in messages


def test_the_shipped_supplement_reads_cleanly(caplog):
    with caplog.at_level(logging.WARNING):
        rows = gz.read_supplement(gz.supplement_files()[0])
    assert not caplog.records
    assert {"North Mitrovica", "Gazivode Lake", "Camp Bondsteel"} <= {r.name for r in rows}
