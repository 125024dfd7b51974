"""Toponyms: found in the one parse, resolved against GeoNames with the article as context.

Finding: spaCy's GPE, LOC and FAC entities, plus gazetteer names the tagger missed or
mislabelled ("Zubin Potok" as ORG, "Gazivode" as nothing). Demonyms (NORP) are not places.
Resolving: every place a name can be is scored by its own weight (population, kind, how
well the name matches) and by the article around it (the countries and areas it names,
"Paris, Texas", nearness to the other places); one name keeps one sense in an article.
docs/places.md explains the scores for users.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from storyline.annotate.gazetteer import (
    ALIAS,
    ALTERNATE,
    AREA_KINDS,
    PRIMARY,
    Entry,
    Gazetteer,
    Match,
    distance_km,
    gazetteer,
    name_key,
)
from storyline.records import Article, Place

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Never places, whatever the tagger or the gazetteer says: alliances, missions, bodies, and
# words that name a side rather than a place.
NOT_PLACES = frozenset(name_key(n) for n in (
    "NATO", "KFOR", "EU", "EULEX", "UN", "UNMIK", "OSCE", "European Union", "United Nations",
    "West", "the West", "East", "the East", "North", "South", "Western", "Eastern", "Northern",
    "Southern", "Central", "Earth", "Internet", "Metro", "Downtown", "Police", "Mission",
    "Union", "Republic", "President", "Government", "Parliament", "Army", "Congress",
    # capitalized common words that are also the names of some town somewhere
    "Federal", "Town", "City", "Centre", "Center", "Lakes", "University", "Court", "Act",
    "Olympic", "Gulf", "Forest", "Atlantic", "Pacific", "Time", "Hope", "Liberty", "Victory",
    "Progress", "Unity", "Justice", "Security", "Independence", "Freedom", "Commerce",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday",
))
# Entity labels that rule a name out as a place (dates, numbers, laws, demonyms...).
NOT_PLACE_LABELS = frozenset({
    "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "LAW", "NORP",
    "LANGUAGE",
})
# Lower-case words a curated name may contain ("Gazivode dam", "Isle of Man").
FEATURE_WORDS = frozenset({
    "dam", "lake", "river", "crossing", "checkpoint", "hospital", "border", "bridge", "camp",
    "base", "airport", "reservoir", "county", "province", "region", "district", "municipality",
})
# Words that make a capitalized name next to them a place: "in Zvečan", "Huntsville police".
LOCATIVE_PREPOSITIONS = frozenset({
    "in", "at", "near", "from", "outside", "across", "around", "toward", "towards", "into",
    "through", "throughout", "inside", "downtown",
})
PLACE_NOUNS = frozenset({
    "woman", "man", "men", "women", "resident", "residents", "native", "natives", "police",
    "mayor", "city", "town", "village", "council", "county", "area", "officials", "schools",
    "fire", "teen", "couple", "family", "hospital", "airport", "neighborhood", "community",
    "municipality", "district", "region", "province", "border",
})
CONNECTORS = frozenset({"of", "and", "de", "la", "del", "upon", "on", "the", "-", "du", "al"})
MAX_NAME_TOKENS = 6
MAX_CANDIDATES = 30
TOP_CANDIDATES = 5
EVIDENCE_READINGS = 5  # the likeliest readings of a name that count as context for others
NEAR_KM = 100.0
RECOVERED_CONFIDENCE = 0.8  # a gazetteer match the tagger did not call a place is less sure
_LEADING_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING_JUNK = re.compile(r"(?:['’]s|[,;:!?)\]])+$")
_CONTAINER_GAP = re.compile(r"\s*,\s*")  # "Paris, Texas": the second names the first's area


@dataclass(frozen=True)
class Weights:
    """How much each clue counts in a candidate's score (log-odds-like units); see
    docs/places.md. Set by hand, then adjusted by a coordinate search on half of the LGL and
    TR-News development articles and checked on the other half."""

    population: float = 0.3  # per power of ten
    country: float = 3.0
    admin1: float = 0.5
    admin2: float = 0.5
    continent: float = 4.0
    feature: float = 1.5  # only curated features are in the gazetteer
    capital: float = 1.0
    alias: float = -0.5
    alternate: float = -2.5
    same_country: float = 3.0  # share of the article's other places in the same country
    area_named: float = 1.0  # the article names the candidate's state, province or county
    neighbour: float = 2.0  # share of the article's other places in a neighbouring country
    same_admin1: float = 1.5  # share of the article's other places in the same admin1
    near: float = 3.0  # an other place of the article within about 100 km
    container: float = 6.0  # "Paris, Texas"
    temperature: float = 1.0


WEIGHTS = Weights()


# ---------------------------------------------------------------------------------------------
# Public API


def find_places(doc, article: Article) -> list[Place]:
    """The toponyms of an article's parse, resolved; offsets index ``article.text``."""
    spans = toponym_spans(doc)
    recovered = {(s, e) for s, e, from_tagger in spans if not from_tagger}
    places = resolve(article.text, [(s, e) for s, e, _ in spans])
    for place in places:
        if (place.start, place.end) in recovered:
            place.confidence = round(place.confidence * RECOVERED_CONFIDENCE, 3)
    return [p for p in places if p.name is not None]


def detect_places(text: str) -> list[Place]:
    """End to end: parse ``text`` and find its places (for evaluation)."""
    from storyline.models import nlp

    article = Article(id="", origin="text", title=None, text=text, content_hash="")
    return find_places(nlp()(text), article)


def resolve_toponyms(text: str, spans: Sequence[tuple[int, int]]) -> list[Place]:
    """Resolve given toponym spans with the whole text as context (for evaluation). Unlike
    :func:`find_places` it also reads a demonym span as its country ("Russian" → Russia)."""
    return resolve(text, spans, demonyms=True)


# ---------------------------------------------------------------------------------------------
# Finding toponyms


def toponym_spans(doc) -> list[tuple[int, int, bool]]:
    """(start, end, from the tagger) of every toponym in the parse, in text order."""
    index = gazetteer()
    tagged = [span for ent in doc.ents if ent.label_ in PLACE_LABELS
              if (span := _trimmed(ent)) is not None and name_key(span.text) not in NOT_PLACES]
    known = {name_key(s.text) for s in tagged if index.lookup(s.text)}
    taken = {i for s in tagged for i in range(s.start, s.end)}
    found = [(s.start_char, s.end_char, True) for s in tagged]
    found += [(s.start_char, s.end_char, False) for s in _gazetteer_spans(doc, index, taken, known)]
    return sorted(found)


def _trimmed(span):
    """The span without a leading "the" or a trailing possessive or punctuation."""
    start, end = span.start, span.end
    while start < end and span.doc[start].lower_ == "the":
        start += 1
    while end > start and (span.doc[end - 1].is_punct and span.doc[end - 1].text != "."
                           or span.doc[end - 1].text in ("'s", "’s")):
        end -= 1
    return span.doc[start:end] if end > start else None


def _gazetteer_spans(doc, index: Gazetteer, taken: set[int], known: set[str]) -> list:
    spans, i = [], 0
    while i < len(doc):
        span = None if i in taken or not _capitalized(doc[i]) else _longest_name(doc, i, index)
        if span is not None and not taken.intersection(range(span.start, span.end)) \
                and _plausible(span, index, known):
            spans.append(span)
            i = span.end
        else:
            i += 1
    return spans


def _longest_name(doc, start: int, index: Gazetteer):
    """The longest gazetteer name (main name or curated alias) starting at ``start``."""
    limit = min(len(doc), start + min(index.longest, MAX_NAME_TOKENS))
    for end in range(limit, start, -1):
        span = doc[start:end]
        if not _name_shaped(span):
            continue
        if any(m.quality <= ALIAS for m in index.lookup(span.text)):
            return span
    return None


def _name_shaped(span) -> bool:
    """Capitalized words, with curated lower-case feature words and inner connectors."""
    last = span[-1]
    if not (_capitalized(last) or last.lower_ in FEATURE_WORDS or last.text == "."):
        return False
    return all(_capitalized(t) or t.lower_ in FEATURE_WORDS or t.lower_ in CONNECTORS
               or t.is_punct for t in span[1:-1])


def _capitalized(token) -> bool:
    return token.text[:1].isupper()


def _plausible(span, index: Gazetteer, known: set[str]) -> bool:
    """Whether a gazetteer match the tagger did not call a place is one: the tagger calls it
    a place elsewhere in the article, the words around it say place ("in Zvečan", "Huntsville
    police"), or it is a well-attested name that no person or demonym reading covers."""
    key = name_key(span.text)
    if key in NOT_PLACES or _too_short(span.text) or (len(span) == 1 and span[0].is_stop):
        return False
    if any(t.ent_type_ in NOT_PLACE_LABELS for t in span):
        return False
    if key in known:
        return True
    entity = _entity_covering(span)
    cued = _locative_cue(span, index)
    if entity is None:
        proper = all(t.pos_ == "PROPN" for t in span if _capitalized(t))
        return proper and (cued or _strong(span, index))
    if entity.label_ == "PERSON":
        return cued
    exact = (entity.start, entity.end) == (span.start, span.end)
    return cued or _is_area_name(span.text, index) or (exact and _strong(span, index))


def _too_short(written: str) -> bool:
    """Two letters are a place only as an abbreviation with points ("U.S.", "D.C.")."""
    return len(written.replace(".", "")) < 3 and "." not in written


def _locative_cue(span, index: Gazetteer) -> bool:
    """A preposition of place before it, a word such as "police" or "woman" after it, or an
    area after a comma ("Alexandria, La.")."""
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    if before in LOCATIVE_PREPOSITIONS or after in PLACE_NOUNS:
        return True
    if after == "," and span.end + 1 < len(doc) and _capitalized(doc[span.end + 1]):
        following = doc[span.end + 1: span.end + 3].text
        return any(_is_area_name(name, index) for name in (following, doc[span.end + 1].text))
    return False


def _entity_covering(span):
    for ent in span.doc.ents:
        if ent.start < span.end and span.start < ent.end:
            return ent
    return None


def _strong(span, index: Gazetteer) -> bool:
    """A name that is rarely anything but a place: several words, or a country, an area or a
    curated feature (a single city name is too often a surname or a word)."""
    matches = [m for m in index.lookup(span.text) if m.quality <= ALIAS]
    return len(span) > 1 or any(m.entry.kind != "city" for m in matches)


def _is_area_name(name: str, index: Gazetteer) -> bool:
    return any(m.entry.kind in ("country", "admin1") and m.quality <= ALIAS
               for m in index.lookup(name))


# ---------------------------------------------------------------------------------------------
# Resolving toponyms


@dataclass
class _Name:
    """Every mention of one name in a text: they share one reading."""

    key: str
    matches: list[Match]
    containers: set[str] = field(default_factory=set)  # names written right after it
    scores: list[float] = field(default_factory=list)


def resolve(text: str, spans: Sequence[tuple[int, int]], *, demonyms: bool = False,
            weights: Weights = WEIGHTS, passes: int = 2) -> list[Place]:
    """Places for the spans of ``text`` (in text order), each read in the light of all the
    others; a span no gazetteer name matches gives a Place without a name."""
    index = gazetteer()
    spans = sorted(set(spans))
    names: dict[str, _Name] = {}
    keys = []
    for start, end in spans:
        written = _clean(text[start:end])
        key = name_key(written)
        keys.append(key)
        if key not in names:
            names[key] = _Name(key, _candidates(index, written, demonyms))
    for (_, end), (next_start, _), key, next_key in zip(spans, spans[1:], keys, keys[1:],
                                                        strict=False):
        if _CONTAINER_GAP.fullmatch(text[end:next_start]):
            names[key].containers.add(next_key)
    _score(names, index, weights, passes)
    return [_place(text, start, end, names[key], index, weights)
            for (start, end), key in zip(spans, keys, strict=True)]


def _clean(written: str) -> str:
    return _TRAILING_JUNK.sub("", _LEADING_ARTICLE.sub("", written.strip())).strip()


def _candidates(index: Gazetteer, written: str, demonyms: bool) -> list[Match]:
    if name_key(written) in NOT_PLACES:
        return []
    matches = index.lookup(written)
    if demonyms:
        matches = index.lookup_demonym(written) + matches
    return _without_seat_areas(matches)[:MAX_CANDIDATES]


def _without_seat_areas(matches: list[Match]) -> list[Match]:
    """Drop an area that holds a city of the same name: "Moscow", "Los Angeles" and "Aleppo"
    mean the city; their areas are written "Moscow Oblast", "Los Angeles County"."""
    holders = {area for m in matches if m.entry.kind == "city" and m.quality == PRIMARY
               for area in (m.entry.admin1, m.entry.admin2) if area is not None}
    return [m for m in matches
            if m.entry.kind not in ("admin1", "admin2") or m.entry.geonameid not in holders]


def _score(names: dict[str, _Name], index: Gazetteer, weights: Weights, passes: int) -> None:
    """Score every reading by its prior, then (``passes`` times) by what the other names'
    likely readings say for it; a name's readings are weighed by their probabilities, so
    two names can settle each other ("Paris" and "Henry County", both in Tennessee)."""
    for name in names.values():
        name.scores = [_prior(m, weights) for m in name.matches]
    for _ in range(passes):
        evidence = {key: _Evidence.of(name, weights) for key, name in names.items()
                    if name.matches}
        for name in names.values():
            others = [e for key, e in evidence.items() if key != name.key]
            areas = [m.entry for key in name.containers for m in names[key].matches]
            name.scores = [_prior(m, weights) + _context(m.entry, others, areas, index, weights)
                           for m in name.matches]


@dataclass
class _Evidence:
    """What one name says about the article: how likely each country, first-level area and
    place is, and where its likely points are."""

    countries: dict[str, float]
    regions: dict[int, float]  # admin1 geonameid -> probability
    places: dict[int, float]  # geonameid -> probability
    points: list[tuple[float, float, float]]  # (lat, lon, probability) of point-like readings

    @classmethod
    def of(cls, name: _Name, weights: Weights) -> _Evidence:
        ranked = sorted(zip(_softmax(name.scores, weights.temperature), name.matches,
                            strict=True), key=lambda pm: -pm[0])[:EVIDENCE_READINGS]
        evidence = cls(defaultdict(float), defaultdict(float), {}, [])
        for p, match in ranked:
            entry = match.entry
            evidence.countries[entry.country] += p
            if (region := _admin1_of(entry)) is not None:
                evidence.regions[region] += p
            evidence.places[entry.geonameid] = p
            if entry.kind not in AREA_KINDS:
                evidence.points.append((entry.lat, entry.lon, p))
        return evidence


def _prior(match: Match, weights: Weights) -> float:
    """What a candidate is worth before any context: bigger and more official is likelier."""
    entry = match.entry
    score = weights.population * math.log10(entry.population + 1)
    score += getattr(weights, entry.kind, 0.0) if entry.kind != "city" else 0.0
    score += weights.capital * entry.capital
    score += {PRIMARY: 0.0, ALIAS: weights.alias, ALTERNATE: weights.alternate}[match.quality]
    return score


def _context(entry: Entry, others: list[_Evidence], areas: list[Entry], index: Gazetteer,
             weights: Weights) -> float:
    """What the rest of the article says for a candidate."""
    score = weights.container * any(_contains(area, entry) for area in areas)
    if not others:
        return score
    count = len(others)
    score += weights.same_country * sum(o.countries.get(entry.country, 0.0)
                                        for o in others) / count
    neighbours = index.neighbours.get(entry.country, frozenset())
    score += weights.neighbour * sum(p for o in others for c, p in o.countries.items()
                                     if c in neighbours) / count
    if (region := _admin1_of(entry)) is not None:
        score += weights.same_admin1 * sum(o.regions.get(region, 0.0) for o in others) / count
    areas_of = [a for a in (entry.admin1, entry.admin2) if a is not None]
    if areas_of:
        score += weights.area_named * max(o.places.get(a, 0.0) for o in others for a in areas_of)
    if entry.kind not in AREA_KINDS:
        score += weights.near * max(_nearness(entry, o.points) for o in others)
    return score


def _admin1_of(entry: Entry) -> int | None:
    return entry.geonameid if entry.kind == "admin1" else entry.admin1


def _nearness(entry: Entry, points: list[tuple[float, float, float]]) -> float:
    """How likely another name is a place near this one: 1 at the same spot, fading over
    about 100 km."""
    return sum(p * math.exp(-distance_km(entry.lat, entry.lon, lat, lon) / NEAR_KM)
               for lat, lon, p in points)


def _contains(area: Entry, entry: Entry) -> bool:
    if area.geonameid in (entry.admin1, entry.admin2):
        return True
    return area.kind == "country" and entry.kind != "country" and area.country == entry.country


def _place(text: str, start: int, end: int, name: _Name, index: Gazetteer,
           weights: Weights) -> Place:
    place = Place(start=start, end=end, text=text[start:end])
    if not name.matches:
        return place
    probabilities = _softmax(name.scores, weights.temperature)
    ranked = sorted(zip(probabilities, name.matches, strict=True), key=lambda pm: -pm[0])
    best = ranked[0][1].entry
    place.name = best.name
    place.geonameid = best.geonameid if best.geonameid > 0 else None
    place.lat, place.lon = best.lat, best.lon
    place.country = best.country or None
    place.admin1 = index.admin_name(best.admin1)
    place.kind = best.kind
    place.confidence = round(ranked[0][0], 3)
    place.candidates = [_candidate(m.entry, p) for p, m in ranked[:TOP_CANDIDATES]]
    return place


def _candidate(entry: Entry, probability: float) -> dict:
    return {"geonameid": entry.geonameid if entry.geonameid > 0 else None, "name": entry.name,
            "kind": entry.kind, "country": entry.country or None, "lat": entry.lat,
            "lon": entry.lon, "population": entry.population, "score": round(probability, 3)}


def _softmax(scores: list[float], temperature: float) -> list[float]:
    top = max(scores)
    exps = [math.exp((s - top) / temperature) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]
