"""Publication dates from metadata strings: timezone-aware, or None; never "now"."""

from __future__ import annotations

import re
import warnings
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from dateutil import parser as dateutil_parser

ASSUMED_UTC = "assumed UTC"
# dateutil fills parts a string lacks from a default date; parsing with two different
# defaults shows whether year, month and day were all written (they must be: a date
# completed from the moment of the run is exactly what must never happen).
_DEFAULTS = (datetime(2001, 1, 1), datetime(2002, 2, 2))
_RFC2822 = re.compile(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}")
# Zone abbreviations common in news metadata; dateutil knows none of them by itself.
_ZONE_HOURS = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "BST": 1,
    "CET": 1,
    "CEST": 2,
    "EET": 2,
    "EEST": 3,
    "MSK": 3,
    "EST": -5,
    "EDT": -4,
    "CST": -6,
    "CDT": -5,
    "MST": -7,
    "MDT": -6,
    "PST": -8,
    "PDT": -7,
}
_ZONES = {name: timezone(timedelta(hours=hours)) for name, hours in _ZONE_HOURS.items()}


def parse_date(value: object) -> tuple[datetime | None, bool]:
    """A timezone-aware datetime and whether its zone was assumed (UTC) for lack of one."""
    moment = _parse_naive_or_aware(value)
    if moment is None:
        return None, False
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=UTC), True
    return moment, False


def _parse_naive_or_aware(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    for parse in (_iso, _rfc2822, _written_out):
        moment = parse(text)
        if moment is not None:
            return moment
    return None


def _iso(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _rfc2822(text: str) -> datetime | None:
    """Dates as RSS writes them: 'Mon, 29 May 2023 18:40:00 +0200'."""
    if not _RFC2822.match(text):
        return None
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def _written_out(text: str) -> datetime | None:
    """Dates as people write them: 'May 29, 2023 10:00', '29.05.2023'. Relative or partial
    dates ('yesterday', 'May 2023') give None."""
    try:
        with warnings.catch_warnings():  # an unknown zone name: the date is read as UTC
            warnings.simplefilter("ignore", dateutil_parser.UnknownTimezoneWarning)
            first, second = (
                dateutil_parser.parse(text, default=d, tzinfos=_ZONES) for d in _DEFAULTS
            )
    except (ValueError, OverflowError):
        return None
    return first if first == second else None
