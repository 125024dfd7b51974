"""Dates as a reader sees them: a period ("26–30 May 2023") and a time at the precision the
source gave it ("May 2023", "29 May 2023", "30 May 2023 09:00 UTC")."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from storyline.records import TimeRef

# A calendar date at year, month or day precision; TimeML's parts of a day ("2023-06-02TMO",
# this morning) are read as their day.
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(?:MO|AF|EV|NI|DT))?)?)?$")
_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}")  # not weeks ("2023-W22"): no point


def day(moment: datetime) -> str:
    return f"{moment.day} {moment:%B %Y}"


def format_period(first: datetime | None, last: datetime | None) -> str:
    """'26 May 2023', '26–30 May 2023', '30 April – 2 May 2023', '30 December 2022 – 2 January
    2023'. Each date is read in the zone it was published in."""
    first, last = first or last, last or first
    if first is None or last is None:
        return "dates unknown"
    if first.date() == last.date():
        return day(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{day(last)}"
    if first.year == last.year:
        return f"{first.day} {first:%B} – {day(last)}"
    return f"{day(first)} – {day(last)}"


def format_moment(moment: datetime) -> str:
    """A timestamp in UTC to the minute, '30 May 2023 09:00 UTC'."""
    if moment.tzinfo is None:
        return f"{day(moment)} {moment:%H:%M}"
    return f"{day(moment.astimezone(UTC))} {moment.astimezone(UTC):%H:%M} UTC"


def read_time(time: TimeRef) -> tuple[datetime, str] | None:
    """When a time expression points to and how to show it at its own precision; ``None`` for
    values that are not a point in time (durations, sets, unresolved weekdays)."""
    value = (time.value or "").strip()
    if match := _DATE.match(value):
        year, month, dayno = (int(g) if g else None for g in match.groups())
        try:
            moment = datetime(year, month or 1, dayno or 1, tzinfo=UTC)
        except ValueError:
            return None
        if dayno:
            return moment, day(moment)
        return moment, (f"{moment:%B %Y}" if month else str(year))
    moment = _timestamp(value, time.timezone)
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC), f"{day(moment)} {moment:%H:%M} (local time)"
    return moment, format_moment(moment)


def _timestamp(value: str, zone: str | None) -> datetime | None:
    if not _TIMESTAMP.match(value):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None and zone:
        try:
            moment = moment.replace(tzinfo=ZoneInfo(zone))
        except (ZoneInfoNotFoundError, ValueError):
            return moment
    return moment
