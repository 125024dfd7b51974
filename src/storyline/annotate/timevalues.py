"""One temporal expression to its TIMEX3 type and value (TimeML / TempEval-3 conventions).

The expression is lower-cased and split into words and the rules below are tried in order,
first on all the words, then without the leading modifiers that leave the value as it is
("about", "early", "the end of"); each rule reads one kind of expression. Relative expressions
need the document date (the publication date): without one they get no value rather than an
invented one. The year of a date written without one is chosen from the tense of its verb.
Numeric and other calendar dates the rules do not read are left to dateparser.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Literal

from storyline.annotate.timezones import ABBREVIATIONS, Zone, localize, zone_named
from storyline.records import Precision

Tense = Literal["past", "present", "future"]


@dataclass(frozen=True)
class TimexValue:
    type: str  # DATE, TIME, DURATION, SET
    value: str | None
    precision: Precision | None = None
    timezone: str | None = None


@dataclass(frozen=True)
class Context:
    """What an expression is read against."""

    reference: date | None  # the document date; None when the article has none
    tense: Tense | None = None  # of the verb that governs the expression
    local_zone: Zone | None = None  # what "local time" means here
    place_zone: Zone | None = None  # the zone of a place in the sentence: a bare time's zone
    day: date | None = None  # the date a bare clock time belongs to (else the reference)
    ref_time: datetime | None = None  # the publication instant, for "two hours ago"
    anchor: TimexValue | None = None  # the last date the text named, for "that day"
    # the tense is that of the verb the expression hangs on directly ("In January, they
    # bought"): trusted to move a date up to a year, not just half a year
    firm_tense: bool = False


# --- vocabulary -----------------------------------------------------------------------------

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}
PARTS_OF_DAY = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
    "overnight": "NI", "daytime": "DT",
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}
# unit word -> (TIMEX3 duration letter, how many of it, whether it is a clock unit)
UNITS = {
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True),
    "day": ("D", 1, False), "night": ("D", 1, False), "week": ("W", 1, False),
    "fortnight": ("W", 2, False), "month": ("M", 1, False), "quarter": ("M", 3, False),
    "year": ("Y", 1, False), "decade": ("Y", 10, False), "century": ("Y", 100, False),
    "millennium": ("Y", 1000, False),
}
UNIT_FORMS = {**{u: u for u in UNITS}, **{u + "s": u for u in UNITS}, "centuries": "century",
              "millennia": "millennium", "yr": "year", "yrs": "year", "hr": "hour",
              "hrs": "hour", "min": "minute", "mins": "minute"}
NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1, "single": 1, "dozen": 12,
    "couple": 2, "half": 0.5,
}
VAGUE_COUNTS = {"few", "several", "some", "many", "numerous", "multiple", "various"}
DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}

PRESENT = {
    "now", "right now", "just now", "currently", "current", "present", "the present",
    "at present", "these days", "nowadays", "the moment", "at the moment", "this time",
    "the time being", "already", "so far", "to date", "today's", "then current", "presently",
}
PAST = {
    "recently", "recent", "more recently", "most recently", "lately", "the past", "past",
    "in the past", "previously", "earlier", "formerly", "once", "the old days", "long ago",
    "years ago", "some time ago", "a while ago", "not long ago", "before", "the recent past",
    "in recent times", "recent times",
}
FUTURE = {
    "future", "the future", "the near future", "the distant future", "soon", "later",
    "eventually", "the near term", "the short term", "the long term", "the medium term",
    "a later date", "as soon as possible", "shortly", "the years ahead", "down the road",
    "in the future", "the days ahead", "sooner", "the long run", "the short run",
}
SET_WORDS = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M",
    "quarterly": "P3M", "annually": "P1Y", "yearly": "P1Y", "annual": "P1Y", "hourly": "PT1H",
    "everyday": "P1D",
}
# Words in front of an expression that leave its value as it is (TimeML keeps them as "mod").
LEADING_NOISE = {
    "about", "around", "approximately", "roughly", "nearly", "almost", "only", "just",
    "barely", "over", "under", "within", "for", "since", "until", "till", "through",
    "throughout", "during", "by", "on", "at", "from", "after", "before", "of", "least", "most",
    "more", "less", "fewer", "than", "up", "to", "another", "additional", "further", "full",
    "whole", "entire", "mid", "early", "late", "end", "beginning", "start", "middle", "rest",
    "remainder", "part", "much", "all", "good", "same", "very", "its", "their", "his", "her",
    "our", "in", "some", "sometime", "as", "between", "both", "comparable", "corresponding",
    "earlier", "later", "each", "no",
}
# Words that say nothing about the value: "fiscal 1989" is 1989, "trading days" are days.
FILLERS = {"fiscal", "calendar", "trading", "business", "working"}
# Between a count and its unit: "20 more years", "three long weeks".
UNIT_FILLERS = {"more", "long", "full", "straight", "consecutive", "additional", "other", "of",
                "extra", "short"}
PLACEHOLDER = "X"
HALF_YEAR = 183  # days
YEAR = 365  # days
FUTURE_WEIGHT = 2


# --- entry point -------------------------------------------------------------------------------


def normalize(expression: str, ctx: Context) -> TimexValue | None:
    """The TIMEX3 type and value of ``expression``; None when it is not read as a time at all."""
    words = tokenize(expression)
    if not words:
        return None
    for candidate in (words, strip_modifiers(words)):
        for rule in RULES:
            try:
                result = rule(candidate, ctx)
            except (ValueError, OverflowError):  # a date beyond the calendar: not a time
                result = None
            if result is not None:
                return result
    return from_dateparser(expression)


def tokenize(expression: str) -> list[str]:
    text = expression.lower().replace("’", "'").replace("`", "'")
    text = re.sub(r"\b([ap])\.\s?m\b\.?", r"\1m", text)  # a.m. -> am
    text = re.sub(r"(?<=[a-z])'s\b", "", text)  # possessive
    text = re.sub(r"\bor so\b", "", text)  # "the next year or so": an approximation
    text = re.sub(r"(?<=[a-z])\.", "", text)  # Sept. -> sept
    text = re.sub(r"(\d)\s*([ap]m)\b", r"\1 \2", text)
    text = re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", text)  # 29th -> 29 (ordinals of days)
    text = re.sub(r"\b(gmt|utc)\s*([+-])\s*(?=\d)", r"\1\2", text)  # keep "utc-5" whole
    text = re.sub(r"(?<!gmt)(?<!utc)-", " ", text).replace("/", " / ")
    words = re.findall(
        r"(?:gmt|utc)[+-]\d{1,2}(?::?\d{2})?|\d{1,2}:\d{2}|'\d0s|'\d\d|\d+s\b|\d+(?:\.\d+)?"
        r"|[a-z']+|/", text)
    words = [w if re.match(r"'\d", w) else w.strip("'") for w in words]
    return [w for w in words if w and w not in FILLERS]


def strip_modifiers(words: list[str]) -> list[str]:
    """Drop the leading words that do not change the value ("the end of the year" is "the
    year", "about two weeks" is "two weeks"); a leading "the" stays, it can matter."""
    the = words[:1] == ["the"]
    i = int(the)
    while i < len(words) - 1 and words[i] in LEADING_NOISE | {"the", "a", "an"}:
        if words[i] in {"a", "an"} and words[i + 1] not in LEADING_NOISE | {"the"}:
            break  # "a year" counts one
        i += 1
    rest = words[i:] or words
    return ["the", *rest] if the and len(rest) == 1 and rest[0] != "the" else rest


# --- small helpers -----------------------------------------------------------------------------


def day_value(d: date) -> TimexValue:
    return TimexValue("DATE", d.isoformat(), "day")


def month_value(year: int, month: int) -> TimexValue:
    return TimexValue("DATE", f"{year:04d}-{month:02d}", "month")


def year_value(year: int) -> TimexValue:
    return TimexValue("DATE", f"{year:04d}", "year")


def part_of_day(day: date, part: str | None) -> TimexValue:
    """A day, or in TimeML's way a part of it: "this morning" is 2023-06-02TMO."""
    if part is None:
        return day_value(day)
    return TimexValue("TIME", f"{day.isoformat()}T{part}", "day")


def calendar_value(value: str) -> str:
    """The value in plain ISO 8601 as spreadsheets and data frames read it: a TimeML part of
    a day is its day ("2023-05-29TEV" -> "2023-05-29"); other values are kept."""
    day, _, part = value.partition("T")
    return day if part in PARTS_OF_DAY.values() else value


def week_value(d: date, suffix: str = "") -> TimexValue:
    year, week, _ = d.isocalendar()
    return TimexValue("DATE", f"{year:04d}-W{week:02d}{suffix}")


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def add_months(d: date, months: int) -> date:
    total = d.year * 12 + d.month - 1 + months
    year, month = divmod(total, 12)
    for day in (d.day, 30, 29, 28):
        try:
            return date(year, month + 1, day)
        except ValueError:
            continue
    raise ValueError(d)


def unknown(type_: str = "DATE") -> TimexValue:
    """A relative expression with no document date to resolve it against."""
    return TimexValue(type_, None)


def number(words: list[str]) -> tuple[float | str, int] | None:
    """A count at the start of ``words`` and how many words it took ("twenty four" -> 24);
    vague counts ("several") are "X"."""
    if not words:
        return None
    first = words[0]
    if first in VAGUE_COUNTS:
        n = 1 + (len(words) > 1 and words[1] in {"few", "couple"})
        return PLACEHOLDER, n + (len(words) > n and words[n] == "of")
    if first == "a" and len(words) > 1 and words[1] in {"few", "couple", "dozen"}:
        taken = 3 if len(words) > 2 and words[2] == "of" else 2
        return (2 if words[1] == "couple" else 12 if words[1] == "dozen" else PLACEHOLDER), taken
    if re.fullmatch(r"\d+(?:\.\d+)?", first):
        value, taken = float(first), 1
        if len(words) > 3 and words[2] == "/" and words[1].isdigit() and words[3].isdigit():
            value += int(words[1]) / int(words[3]) if int(words[3]) else 0  # 2 1/2
            taken = 4
        elif words[1:2] == ["and"] and words[2:4] in (["a", "half"], ["one", "half"]):
            value, taken = value + 0.5, 4
        return with_range(words, value, taken)
    if first in NUMBER_WORDS:
        value, taken = float(NUMBER_WORDS[first]), 1
        if first in {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
                     "ninety"} and len(words) > 1 and NUMBER_WORDS.get(words[1], 10) < 10:
            value, taken = value + NUMBER_WORDS[words[1]], 2
        if len(words) > taken and words[taken] in {"hundred", "thousand"}:
            value *= 100 if words[taken] == "hundred" else 1000
            taken += 1
        if first == "half" and words[1:2] in (["a"], ["an"]):
            taken = 2
        if words[taken:taken + 3] == ["and", "a", "half"]:
            value, taken = value + 0.5, taken + 3
        return with_range(words, value, taken)
    return None


def with_range(words: list[str], value: float, taken: int) -> tuple[float, int]:
    """ "two to three weeks", "12 or 18 months": the range is read as its first count."""
    if words[taken:taken + 1] in (["to"], ["or"]) and len(words) > taken + 1 and (
            words[taken + 1].isdigit() or words[taken + 1] in NUMBER_WORDS):
        following = number(words[taken + 1:])
        if following:
            return value, taken + 1 + following[1]
    return value, taken


@dataclass(frozen=True)
class Amount:
    """ "three days", "a few weeks", "2 1/2 years", "years": a count and a unit."""

    count: float | str | None  # "X" for "several"; None when no count is written
    unit: str
    plural: bool
    tail: list[str]  # the words after the unit


def amount(words: list[str]) -> Amount | None:
    count, taken = number(words) or (None, 0)
    i = taken
    while i < len(words) and words[i] in UNIT_FILLERS:
        i += 1
    if i >= len(words) or words[i] not in UNIT_FORMS:
        return None
    unit = UNIT_FORMS[words[i]]
    return Amount(count, unit, words[i] != unit, words[i + 1:])


# A fraction of a unit, in the next finer one: (units per unit, letter, clock unit)
FINER = {("Y", False): (12, "M", False), ("M", False): (30, "D", False),
         ("W", False): (7, "D", False), ("D", False): (24, "H", True),
         ("H", True): (60, "M", True), ("M", True): (60, "S", True)}


def duration_value(count: float | str, unit: str) -> str:
    """P3D, PT2H, P2Y6M (for 2 1/2 years), PXY (for "several years")."""
    letter, size, clock = UNITS[unit]
    if count == PLACEHOLDER:
        return f"P{'T' if clock else ''}X{'Y' if size >= 10 else letter}"
    amount = float(count) * size
    whole, part = int(amount), amount - int(amount)
    parts = [(whole, letter, clock)] if whole or not part else []
    if part:
        finer_size, finer_letter, finer_clock = FINER.get((letter, clock), (1, letter, clock))
        parts.append((round(part * finer_size), finer_letter, finer_clock))
    days = "".join(f"{n}{u}" for n, u, is_clock in parts if not is_clock)
    clock_time = "".join(f"{n}{u}" for n, u, is_clock in parts if is_clock)
    return f"P{days}" + (f"T{clock_time}" if clock_time else "")


def shift(ref: date, count: float, unit: str) -> tuple[date, Precision | None]:
    """``ref`` moved by ``count`` units (negative: back) and the precision that is left."""
    letter, size, _ = UNITS[unit]
    n = int(round(count * size))
    if letter == "D":
        return ref + timedelta(days=n), "day"
    if letter == "W":
        return ref + timedelta(weeks=n), "day"
    if letter == "M":
        return add_months(ref, n), "month"
    return add_months(ref, 12 * n), "year"


def value_at(d: date, precision: Precision | None, unit: str) -> TimexValue:
    if unit == "quarter":
        return TimexValue("DATE", f"{d.year:04d}-Q{quarter_of(d)}")

    if precision == "day":
        return day_value(d)
    if precision == "month":
        return month_value(d.year, d.month)
    return year_value(d.year)


def pick(candidates: list[tuple[date, date]], ref: date, tense: Tense | None,
         reach: int = HALF_YEAR) -> int:
    """Which of the consecutive periods [start, end] an expression without a year means: the
    latest that started by ``ref`` for the past tense, the first not yet over for the future,
    as long as that one lies within ``reach`` days of ``ref`` (a tense read off the wrong verb
    must not move a date by a year); otherwise the one holding ``ref``, else the nearest."""

    def distance(i: int) -> int:
        start, end = candidates[i]
        return 0 if start <= ref <= end else min(abs((start - ref).days), abs((end - ref).days))

    def news_distance(i: int) -> float:  # news mostly reports what happened: past leans nearer
        return distance(i) * (FUTURE_WEIGHT if candidates[i][0] > ref else 1)

    preferred = None
    if tense == "past":
        started = [i for i, (start, _) in enumerate(candidates) if start <= ref]
        preferred = started[-1] if started else None
    elif tense == "future":
        ahead = [i for i, (_, end) in enumerate(candidates) if end >= ref]
        preferred = ahead[0] if ahead else None
    if preferred is not None and distance(preferred) <= reach:
        return preferred
    return min(range(len(candidates)), key=news_distance)


def tense_reach(ctx: Context) -> int:
    """How far (days) the tense may move a date from the publication date."""
    return YEAR if ctx.firm_tense else HALF_YEAR


def month_end(year: int, month: int) -> date:
    return add_months(date(year, month, 1), 1) - timedelta(days=1)


def weekday_date(ref: date, weekday: int, tense: Tense | None, strict: bool = False) -> date:
    """The ``weekday`` nearest ``ref`` in the tense's direction ("last Friday" is strict:
    never ``ref`` itself). News style: with no tense, the nearer one, the past on a tie."""
    back = (ref.weekday() - weekday) % 7 or (7 if strict else 0)
    ahead = (weekday - ref.weekday()) % 7 or (7 if strict else 0)
    if tense == "past":
        return ref - timedelta(days=back)
    if tense == "future":
        return ref + timedelta(days=ahead)
    nearer_past = back <= FUTURE_WEIGHT * ahead  # news leans to the past
    return ref - timedelta(days=back) if nearer_past else ref + timedelta(days=ahead)


# --- rules: each reads one kind of expression or returns None ------------------------------


def rule_reference_words(words: list[str], ctx: Context) -> TimexValue | None:
    phrase = " ".join(words)
    for refs, value in ((PRESENT, "PRESENT_REF"), (PAST, "PAST_REF"), (FUTURE, "FUTURE_REF")):
        if phrase in refs or phrase.removeprefix("the ") in refs:
            return TimexValue("DATE", value)
    return None


def rule_set(words: list[str], ctx: Context) -> TimexValue | None:
    """ "daily", "every Monday", "each July", "every two weeks", "per year", "Tuesdays"."""
    if len(words) == 1 and words[0] in SET_WORDS:
        return TimexValue("SET", SET_WORDS[words[0]])
    if len(words) == 1 and words[0].endswith("s") and words[0][:-1] in WEEKDAYS:
        return TimexValue("SET", f"XXXX-WXX-{WEEKDAYS[words[0][:-1]] + 1}")
    if words[0] not in {"every", "each", "per", "a", "an"} or len(words) < 2:
        return None
    rest = words[1:]
    if rest[0] == "other":
        rest = ["2", *rest[1:]]
    if words[0] in {"every", "each"}:
        if rest[0] in WEEKDAYS:
            part = PARTS_OF_DAY.get(rest[1]) if len(rest) > 1 else None
            return TimexValue("SET", f"XXXX-WXX-{WEEKDAYS[rest[0]] + 1}"
                                     + (f"T{part}" if part else ""))
        if rest[0] in MONTHS:
            return TimexValue("SET", f"XXXX-{MONTHS[rest[0]]:02d}")
        if rest[0] in PARTS_OF_DAY:
            return TimexValue("SET", f"XXXX-XX-XXT{PARTS_OF_DAY[rest[0]]}")
        if rest[0] in SEASONS:
            return TimexValue("SET", f"XXXX-{SEASONS[rest[0]]}")
    every = amount(rest)
    if every and not every.tail and words[0] in {"every", "each", "per"}:
        count = every.count if every.count not in (None, PLACEHOLDER) else 1
        return TimexValue("SET", duration_value(count, every.unit))
    return None


DAY_OFFSETS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def rule_named_days(words: list[str], ctx: Context) -> TimexValue | None:
    """today, yesterday, tomorrow, tonight, this morning, last night, yesterday afternoon,
    the day before yesterday."""
    words = [w for w in words if w not in {"early", "late", "later", "earlier", "mid", "this",
                                           "the"}]
    offset = 0
    if words[:2] in (["day", "before"], ["day", "after"]) and words[2:3] in (
            ["yesterday"], ["tomorrow"]):
        offset, words = (-1 if words[1] == "before" else 1), words[2:]
    if words == ["last", "night"]:
        words = ["yesterday", "night"]
    days = [w for w in words if w in DAY_OFFSETS]
    parts = [w for w in words if w in PARTS_OF_DAY]
    if not words or len(days) > 1 or len(parts) > 1 or len(days) + len(parts) < len(words):
        return None
    day_word = days[0] if days else "today"
    part = PARTS_OF_DAY[parts[0]] if parts else ("NI" if day_word == "tonight" else None)
    if ctx.reference is None:
        return unknown("TIME" if part else "DATE")
    return part_of_day(ctx.reference + timedelta(days=DAY_OFFSETS[day_word] + offset), part)


def rule_ago(words: list[str], ctx: Context) -> TimexValue | None:
    """ "two days ago", "a year earlier", "three weeks later", "five years from now"."""
    directions = {"ago": -1, "earlier": -1, "before": -1, "previously": -1, "back": -1,
                  "later": 1, "hence": 1, "after": 1, "afterward": 1, "afterwards": 1}
    if words[-2:] == ["from", "now"]:
        sign, body = 1, words[:-2]
    elif words[-1] in directions and len(words) >= 2:
        sign, body = directions[words[-1]], words[:-1]
    else:
        return None
    body = strip_modifiers(body) if body[0] not in {"a", "an"} else body
    back = amount(body)
    if back is None or back.tail:
        return None
    if back.count == PLACEHOLDER or (back.count is None and back.plural):  # "years ago"
        return TimexValue("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    count, unit = back.count or 1, back.unit
    if ctx.reference is None:
        return unknown()
    if UNITS[unit][2]:  # hours, minutes: a clock time if the publication time is known
        if ctx.ref_time is None:
            return day_value(ctx.reference)
        moment = ctx.ref_time + sign * timedelta(**{unit + "s": float(count)})
        return utc_time_value(moment, "minute")
    moved, precision = shift(ctx.reference, sign * float(count), unit)
    return value_at(moved, precision, unit)


def rule_span_of_units(words: list[str], ctx: Context) -> TimexValue | None:
    """ "the past two years", "the next three weeks", "the first nine months", "the past year"
    (all durations), "recent weeks", "the coming months"."""
    body = words[1:] if words[0] == "the" else words
    if len(body) < 2 or body[0] not in {"past", "last", "next", "coming", "previous",
                                        "following", "first", "final", "recent", "initial",
                                        "latest", "ensuing", "preceding", "succeeding"}:
        return None
    span = amount(body[1:])
    if span is None or span.tail:
        return None
    if span.count is None:
        if span.plural:
            return TimexValue("DURATION", duration_value(PLACEHOLDER, span.unit))
        if body[0] == "past":  # "the past year" is the year up to now: a duration
            return TimexValue("DURATION", duration_value(1, span.unit))
        return None  # "last week", "the latest quarter": calendar rules
    return TimexValue("DURATION", duration_value(span.count, span.unit))


def rule_unit_of_date(words: list[str], ctx: Context) -> TimexValue | None:
    """ "the week of March 6", "the month of May 2023": the week or month holding a date."""
    body = words[1:] if words[0] == "the" else words
    if len(body) < 3 or body[0] not in {"week", "month"} or body[1] != "of":
        return None
    inner = normalize(" ".join(body[2:]), ctx)
    if inner is None or inner.type != "DATE" or inner.precision not in {"day", "month"}:
        return inner if inner is not None and inner.value is None else None
    if body[0] == "month":
        return month_value(int(inner.value[:4]), int(inner.value[5:7]))
    return week_value(date.fromisoformat(inner.value)) if inner.precision == "day" else None


ANAPHORA = {"that": 0, "same": 0, "following": 1, "previous": -1, "preceding": -1, "prior": -1}


def rule_anaphoric(words: list[str], ctx: Context) -> TimexValue | None:
    """ "that day", "later that year", "the following month", "the previous Friday", "the next
    morning": counted from the last date the text named, not from the publication date."""
    if ctx.anchor is None or ctx.anchor.value is None:
        return None
    body = [w for w in words if w not in {"earlier", "later", "early", "late", "very", "in"}]
    if body[:1] == ["the"] and body[1:2] == ["next"]:
        body = ["following", *body[2:]]  # "the next day"; "next year" counts from today
    body = [w for w in body if w != "the"]
    if body[:2] == ["that", "same"]:
        body = body[1:]
    if len(body) != 2 or body[0] not in ANAPHORA:
        return None
    step, name = ANAPHORA[body[0]], body[1]
    anchor, precision = anchor_date(ctx.anchor), ctx.anchor.precision
    if name in WEEKDAYS and precision == "day" and step:
        direction: Tense = "past" if step < 0 else "future"
        return day_value(weekday_date(anchor, WEEKDAYS[name], direction, strict=True))
    if name in PARTS_OF_DAY and precision == "day":
        return part_of_day(anchor + timedelta(days=step), PARTS_OF_DAY[name])
    granularity = {"day": 3, "week": 2, "month": 2, "year": 1, "quarter": 1}
    needed = {"day": 3, "month": 2, "year": 1}[precision]
    if name not in granularity or granularity[name] > needed:
        return None  # "that day" after "in May" says no more than the month
    return calendar_unit(anchor, name, step)


def anchor_date(value: TimexValue) -> date:
    year, month, day = (value.value.split("-") + ["01", "01"])[:3]
    return date(int(year), int(month), int(day))


def rule_relative_calendar(words: list[str], ctx: Context) -> TimexValue | None:
    """this/last/next + week, month, year, quarter, weekend, decade, season, May, Friday."""
    body = words[1:] if words[0] == "the" and len(words) > 2 else words
    steps = {"this": 0, "current": 0, "present": 0, "last": -1, "past": -1, "previous": -1,
             "prior": -1, "latest": -1, "next": 1, "coming": 1, "following": 1,
             "upcoming": 1, "same": 0}
    if len(body) == 3 and body[0] == "this" and body[1] in {"current", "coming", "past"}:
        body = body[1:]
    if len(body) != 2 or body[0] not in steps:
        if words[0] == "the" and len(words) == 2:
            return the_unit(words[1], ctx)
        return None
    step, name = steps[body[0]], body[1]
    if ctx.reference is None:
        return unknown()
    ref = ctx.reference
    if name in WEEKDAYS:
        if step == 0:
            return day_value(weekday_date(ref, WEEKDAYS[name], ctx.tense))
        direction: Tense = "past" if step < 0 else "future"
        return day_value(weekday_date(ref, WEEKDAYS[name], direction, strict=True))
    if name in MONTHS:
        return calendar_month(ref, MONTHS[name], step)
    if name in SEASONS:
        return calendar_season(ref, SEASONS[name], step)
    if name in {"weekend", "weekends"}:
        tense = {-1: "past", 1: "future"}.get(step, ctx.tense)
        return week_value(weekday_date(ref, 5, tense, strict=step != 0), "-WE")
    unit = UNIT_FORMS.get(name)
    if unit is None or name != unit:
        return None
    return calendar_unit(ref, unit, step)


def the_unit(name: str, ctx: Context) -> TimexValue | None:
    """ "the year", "the quarter", "the week", "the weekend": the one the news is about."""
    if name not in {"year", "month", "week", "quarter", "weekend", "decade"}:
        return None
    if ctx.reference is None:
        return unknown()
    if name == "weekend":
        tense = ctx.tense or "past"
        return week_value(weekday_date(ctx.reference, 5, tense), "-WE")
    # a quarter reported on is the last one closed; the others are the current ones
    return calendar_unit(ctx.reference, name, -1 if name == "quarter" else 0)


def calendar_unit(ref: date, unit: str, step: int) -> TimexValue | None:
    if unit == "day":
        return day_value(ref + timedelta(days=step))
    if unit == "week":
        return week_value(ref + timedelta(weeks=step))
    if unit == "month":
        d = add_months(ref, step)
        return month_value(d.year, d.month)
    if unit == "quarter":
        d = add_months(ref, 3 * step)
        return TimexValue("DATE", f"{d.year:04d}-Q{quarter_of(d)}")
    if unit == "year":
        return year_value(ref.year + step)
    if unit == "decade":
        return TimexValue("DATE", f"{ref.year // 10 + step:03d}")
    if unit == "century":
        return TimexValue("DATE", f"{ref.year // 100 + step:02d}")
    return None


def calendar_month(ref: date, month: int, step: int) -> TimexValue:
    if step == 0:
        return month_value(ref.year, month)
    year = ref.year
    if step < 0:
        year -= month >= ref.month
    else:
        year += month <= ref.month
    return month_value(year, month)


def calendar_season(ref: date, season: str, step: int) -> TimexValue:
    """This (step 0), the last (-1: the last one over) or the next (+1: the next one to
    begin) season of a kind, seen from ``ref``."""

    def start(year: int) -> date:
        return date(year, SEASON_START[season], 1)

    year = ref.year - (season == "WI" and ref.month < 3)  # January's winter began in December
    while step < 0 and add_months(start(year), 3) > ref:
        year -= 1
    while step > 0 and start(year) <= ref:
        year += 1
    return TimexValue("DATE", f"{year:04d}-{season}")


def rule_duration(words: list[str], ctx: Context) -> TimexValue | None:
    """ "three days", "two-year", "2 1/2 hours", "a few weeks", "years", "a minute and a half"."""
    length = amount(words[1:] if words[0] == "the" else words)
    if length is None:
        return None
    count, tail = length.count, length.tail
    if count is None:
        if not length.plural or tail:
            return None  # "year": not a duration on its own
        count = PLACEHOLDER  # "years", "weeks"
    if tail == ["and", "a", "half"] and count != PLACEHOLDER:
        count = float(count) + 0.5
    elif tail and tail[0] not in {"or", "to", "old", "and", "long"}:
        return None  # "weeks or months", "three days old": the first length is the value
    return TimexValue("DURATION", duration_value(count, length.unit))


def rule_quarter(words: list[str], ctx: Context) -> TimexValue | None:
    """ "the third quarter (of 1990)", "fourth-quarter", "the year-ago quarter",
    "the first half", "next year's first quarter", "Q3 2023"."""
    if words[0] in {"a", "an"}:
        return None  # "a quarter" is a duration or a fraction
    body = [w for w in words if w not in {"the", "its", "comparable", "corresponding", "same",
                                          "of", "latest", "most", "recent", "reporting"}]
    if not body:
        return None
    q_match = re.fullmatch(r"q([1-4])", body[0])
    if q_match:
        body = [str(q_match.group(1)), "quarter", *body[1:]]
    period = next((i for i, w in enumerate(body) if w in {"quarter", "half", "period"}), None)
    if period is None:
        return None
    kind = {"quarter": "Q", "half": "H", "period": "Q"}[body[period]]
    before, after = body[:period], body[period + 1:]
    digits = {"1", "2", "3", "4"}
    ordinal = next((ORDINALS.get(w) or int(w) for w in before if w in ORDINALS or w in digits),
                   None)
    if kind == "H" and {"last", "latter"} & set(before):
        ordinal = 2  # "the last half of 1989"
        before = [w for w in before if w not in {"last", "latter"}]
    if ordinal is not None and ordinal > (4 if kind == "Q" else 2):
        return None
    year_words = [w for w in before if w not in ORDINALS and w not in digits] + after
    if body[period] == "period" and not year_words and "latest" not in words:
        return None  # "a period", "the period": no quarter named
    year = year_phrase(year_words, ctx) if year_words else None
    if year_words and year is None:
        return None
    if ctx.reference is None and year is None:
        return unknown()
    if ordinal is None:
        if kind == "H" or ctx.reference is None:
            return None
        # the quarter a report is about is the last one closed
        last_closed = add_months(ctx.reference, -3)
        ordinal = quarter_of(last_closed)
        year = year if year is not None else last_closed.year
    if year is None:
        year = quarter_year(ctx.reference, ordinal, kind, ctx.tense)
    return TimexValue("DATE", f"{year:04d}-{kind}{ordinal}")


def quarter_year(ref: date, ordinal: int, kind: str, tense: Tense | None) -> int:
    """Quarters are written about as they close or ahead of it: this year's, unless the verb
    is past and this year's has not begun yet."""
    months = 3 if kind == "Q" else 6
    started = date(ref.year, (ordinal - 1) * months + 1, 1) <= ref
    return ref.year - 1 if tense == "past" and not started else ref.year


def year_phrase(words: list[str], ctx: Context) -> int | None:
    """The year named by "1990", "'89", "this year", "last year", "next year", "year-ago"."""
    words = [w for w in words if w not in {"of", "the", "in"}]
    if len(words) == 1 and re.fullmatch(r"1\d{3}|2\d{3}", words[0]):
        return int(words[0])
    if words and all(w in NUMBER_WORDS or w in {"hundred", "thousand"} for w in words):
        return spelled_year(words)
    if len(words) == 1 and re.fullmatch(r"'\d\d", words[0]):
        return two_digit_year(int(words[0][1:]), ctx.reference)
    if ctx.reference is None:
        return None
    ref_year = ctx.reference.year
    relative = {("this", "year"): 0, ("current", "year"): 0, ("last", "year"): -1,
                ("next", "year"): 1, ("year", "ago"): -1, ("year", "earlier"): -1,
                ("a", "year", "ago"): -1, ("a", "year", "earlier"): -1,
                ("previous", "year"): -1, ("prior", "year"): -1, ("year",): 0}
    step = relative.get(tuple(words))
    return ref_year + step if step is not None else None


def rule_year_end(words: list[str], ctx: Context) -> TimexValue | None:
    """ "year-end", "by year's end", "around year end": the end of the current year."""
    if [w for w in words if w not in {"the", "around", "by", "at", "before", "after"}] != [
            "year", "end"]:
        return None
    return year_value(ctx.reference.year) if ctx.reference else unknown()


def two_digit_year(yy: int, ref: date | None) -> int:
    pivot = (ref.year if ref else 2000) % 100 + 10
    century = (ref.year if ref else 2000) // 100
    return (century - (yy > pivot)) * 100 + yy


def rule_decade(words: list[str], ctx: Context) -> TimexValue | None:
    """ "the 1990s", "the '80s", "the nineties", "the 20th century", "mid-1990s"."""
    body = [w for w in words if w not in {"the", "early", "late", "mid", "of"}]
    if len(body) == 1:
        word = body[0]
        if re.fullmatch(r"1\d{2}0s|2\d{2}0s", word):
            return TimexValue("DATE", word[:3])
        if re.fullmatch(r"'\d0s|\d0s", word):
            decade = int(word.strip("'")[0])
            century = two_digit_year(decade * 10, ctx.reference) // 100
            return TimexValue("DATE", f"{century:02d}{decade}")
        if word in DECADE_WORDS:
            ref_year = ctx.reference.year if ctx.reference else 2000
            century = ref_year // 100 - (DECADE_WORDS[word] * 10 > ref_year % 100)
            return TimexValue("DATE", f"{century:02d}{DECADE_WORDS[word]}")
    if len(body) == 2 and body[1] in {"century", "centuries"}:
        ordinal = ORDINALS.get(body[0]) or (int(body[0]) if body[0].isdigit() else None)
        if ordinal:
            return TimexValue("DATE", f"{ordinal - 1:02d}")
    return None


def rule_season(words: list[str], ctx: Context) -> TimexValue | None:
    """ "summer", "the summer of 1990", "fall 2022"."""
    body = [w for w in words if w not in {"the", "of", "early", "late", "mid", "this"}]
    if not body or body[0] not in SEASONS:
        return None
    season = SEASONS[body[0]]
    year = year_phrase(body[1:], ctx) if body[1:] else None
    if body[1:] and year is None:
        return None
    if year is not None:
        return TimexValue("DATE", f"{year:04d}-{season}")
    if ctx.reference is None:
        return unknown()
    if words[0] == "this":
        return calendar_season(ctx.reference, season, 0)
    years = [ctx.reference.year + step for step in (-1, 0, 1)]
    starts = [date(year, SEASON_START[season], 1) for year in years]
    chosen = pick([(start, add_months(start, 3) - timedelta(days=1)) for start in starts],
                  ctx.reference, ctx.tense, tense_reach(ctx))
    return TimexValue("DATE", f"{years[chosen]:04d}-{season}")


def rule_year(words: list[str], ctx: Context) -> TimexValue | None:
    """ "1989", "fiscal 1990", "'89", "nineteen ninety-six", "the year two thousand"."""
    body = [w for w in words if w not in {"the", "year", "in", "of", "early", "late", "mid"}]
    numeric = len(body) == 1 and re.fullmatch(r"1\d{3}|2\d{3}|'\d\d", body[0])
    spelled = body and all(w in NUMBER_WORDS or w in {"hundred", "thousand"} for w in body)
    year = year_phrase(body, ctx) if numeric or spelled else None
    return year_value(year) if year else None


def spelled_year(words: list[str]) -> int | None:
    """ "nineteen ninety six" -> 1996, "two thousand" -> 2000."""
    if words[0] in {"a", "an", "half", "couple", "dozen"}:
        return None
    if words[:2] == ["two", "thousand"]:
        rest = number(words[2:]) if words[2:] else (0, 0)
        return 2000 + int(rest[0]) if rest and rest[0] != PLACEHOLDER else None
    head = NUMBER_WORDS.get(words[0])
    tail = number(words[1:]) if len(words) > 1 else None
    if head and 10 <= head <= 20 and tail and tail[1] == len(words) - 1:
        return int(head * 100 + float(tail[0]))
    return None


# --- calendar dates and clock times -------------------------------------------------------------

CLOCK = re.compile(
    r"\b(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ampm>am|pm)\b"
    r"|\b(?P<h24>\d{1,2}):(?P<m24>\d{2})\b"
    r"|\b(?P<mil>[01]\d|2[0-3])(?P<milm>[0-5]\d)\s*(?=gmt|utc|z\b|hrs|hours|local)"
    r"|\b(?P<word>noon|midnight|midday)\b"
    r"|\b(?P<oc>\d{1,2})\s*o'?clock\b"
    r"|\b(?P<h_pod>\d{1,2})\s+in\s+the\s+(?P<pod>morning|afternoon|evening|night)\b"
)
CLOCK_LINKS = {"at", "on", "of", "the", "around", "about", "approximately", "by", "until",
               "from", "after", "before", "since", "and", "to"}
OFFSET_ZONE = re.compile(r"(?:gmt|utc)[+-]\d{1,2}(?::?\d{2})?")


@dataclass(frozen=True)
class Clock:
    hour: int
    minute: int | None  # None: the minutes were not said ("10 a.m.")


def read_clock(match: re.Match) -> Clock | None:
    g = match.groupdict()
    if g["word"]:
        return Clock(0 if g["word"] == "midnight" else 12, 0)
    if g["h"]:
        hour = int(g["h"]) % 12 + (12 if g["ampm"] == "pm" else 0)
        return Clock(hour, int(g["m"])) if g["m"] else Clock(hour, None)
    if g["h24"]:
        return Clock(int(g["h24"]), int(g["m24"]))
    if g["mil"]:
        return Clock(int(g["mil"]), int(g["milm"]))
    if g["oc"]:
        return Clock(int(g["oc"]) % 24, 0)
    if g["h_pod"]:
        hour = int(g["h_pod"]) % 12 + (12 if g["pod"] in {"afternoon", "evening"} else 0)
        return Clock(hour, None)
    return None


def rule_clock_time(words: list[str], ctx: Context) -> TimexValue | None:
    """A clock time with an optional zone and date: "11:00 local time", "12:00 Moscow time",
    "5 p.m. EST Nov. 9", "10 p.m. Wednesday", "Tuesday, May 30, 2023, at 11:00"."""
    text = " ".join(words)
    match = CLOCK.search(text)
    if match is None or (clock := read_clock(match)) is None or clock.hour > 24:
        return None
    if clock.minute is not None and clock.minute > 59:
        return None
    rest = (text[:match.start()] + " " + text[match.end():]).split()
    zone, zone_known, rest = read_zone(rest, ctx)
    date_words = [w for w in rest if w not in CLOCK_LINKS]
    day = ctx.day or (anchor_date(ctx.anchor) if ctx.anchor and ctx.anchor.precision == "day"
                      else ctx.reference)  # the last day the text named, else the paper's
    date_part = None
    if date_words:
        date_part = normalize(" ".join(date_words), replace(ctx, day=None))
        if date_part is None or date_part.type == "DURATION":
            return None
        if date_part.value is None or date_part.precision != "day":
            return TimexValue("TIME", None, timezone=zone.name if zone else None)
        day = date.fromisoformat(date_part.value[:10])
    return time_value(day, clock, zone if zone_known else ctx.place_zone)


def read_zone(words: list[str], ctx: Context) -> tuple[Zone | None, bool, list[str]]:
    """The zone words among ``words``: (zone, whether it is known, the words without them).
    "local time" is the zone of the place the text is about (``ctx.local_zone``)."""
    for i, word in enumerate(words):
        following_time = words[i + 1:i + 2] == ["time"]
        if word == "local" and following_time:
            return ctx.local_zone, ctx.local_zone is not None, words[:i] + words[i + 2:]
        if word in ABBREVIATIONS or OFFSET_ZONE.fullmatch(word):
            end = i + 1 + following_time
            return zone_named(word), True, words[:i] + words[end:]
        if word == "time" and i > 0:
            for start in (i - 2, i - 1):  # "Central European time", "Moscow time"
                zone = zone_named(" ".join(words[max(start, 0):i])) if start >= 0 else None
                if zone:
                    return zone, True, words[:start] + words[i + 1:]
    return None, False, words


def time_value(day: date | None, clock: Clock, zone: Zone | None) -> TimexValue:
    """A clock time on ``day``: in UTC with a Z when its zone is known, else as written."""
    precision: Precision = "hour" if clock.minute is None else "minute"
    minute = clock.minute or 0
    if day is None:
        return TimexValue("TIME", f"XXXX-XX-XXT{clock.hour:02d}:{minute:02d}", precision,
                          zone.name if zone else None)
    moment = datetime(day.year, day.month, day.day) + timedelta(hours=clock.hour,
                                                                minutes=minute)
    if zone is None:
        return TimexValue("TIME", moment.strftime("%Y-%m-%dT%H:%M"), precision)
    return replace(utc_time_value(localize(moment, zone), precision), timezone=zone.name)


def utc_time_value(moment: datetime, precision: Precision) -> TimexValue:
    if moment.tzinfo is None:
        return TimexValue("TIME", moment.strftime("%Y-%m-%dT%H:%M"), precision)
    utc = moment.astimezone(UTC)
    return TimexValue("TIME", utc.strftime("%Y-%m-%dT%H:%MZ"), precision)


def rule_weekday(words: list[str], ctx: Context) -> TimexValue | None:
    """ "Monday", "Friday morning", "Wednesday night", "early Tuesday"."""
    body = [w for w in words if w not in {"early", "late", "mid", "on", "the", "earlier",
                                          "later", "this", "day"}]  # "the day Friday"
    if not body or body[0] not in WEEKDAYS or len(body) > 2:
        if len(body) == 2 and body[1] in WEEKDAYS and body[0] in PARTS_OF_DAY:
            body = body[::-1]
        else:
            return None
    part = PARTS_OF_DAY.get(body[1]) if len(body) == 2 else None
    if len(body) == 2 and part is None:
        return None
    if ctx.reference is None:
        return unknown("TIME" if part else "DATE")
    # news writes what is arranged in the present tense: "meet Monday", "the law takes effect
    # Friday"; what happened is told in the past
    arranged = ctx.tense == "present" and ctx.firm_tense
    tense: Tense | None = "future" if arranged else ctx.tense
    return part_of_day(weekday_date(ctx.reference, WEEKDAYS[body[0]], tense), part)


def rule_calendar_date(words: list[str], ctx: Context) -> TimexValue | None:
    """A month name with a day and/or a year: "May 29", "29 May 2023", "Tuesday, May 30,
    2023", "July 1997", "June last year", "April", "the end of November". A missing year is
    chosen from the tense (the latest past one for past tense, the next for the future)."""
    body = [w for w in words if w not in {"the", "of", "early", "late", "mid", "end", "in",
                                          "beginning", "middle", "start", "on"}]
    step = STEPS.get(body[0], 0) if body else 0  # "last Oct. 23", "next May 1"
    body = body[1:] if step else body
    months = [i for i, w in enumerate(body) if w in MONTHS]
    if len(months) != 1:
        return None
    month = MONTHS[body[months[0]]]
    rest = [w for w in body[:months[0]] + body[months[0] + 1:] if w not in WEEKDAYS]
    days = [int(w) for w in rest if re.fullmatch(r"\d{1,2}", w)]
    year_words = [w for w in rest if not re.fullmatch(r"\d{1,2}", w)]
    if len(days) > 1:
        return None
    day = days[0] if days else None
    year = year_phrase(year_words, ctx) if year_words else None
    if year_words and year is None:
        return None if ctx.reference else unknown()  # "June last year" with no date to count from
    if day is not None and not 1 <= day <= month_end(year or 2000, month).day:
        return None  # (2000: a leap year, so that Feb. 29 passes)
    # a year left out is the publication's, else that of the last date the text named
    seen_from = ctx.reference or (anchor_date(ctx.anchor) if ctx.anchor else None)
    if year is None and seen_from is None:
        return TimexValue("DATE", f"XXXX-{month:02d}" + (f"-{day:02d}" if day else ""))
    if year is None and step:
        year = stepped_year(seen_from, month, day or 1, step)
    if year is None:
        year = choose_year(seen_from, month, day, ctx.tense, tense_reach(ctx))
    if day is None:
        return month_value(year, month)
    return day_value(date(year, month, day))


@cache
def date_parser():
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first",
                                                      "RETURN_TIME_AS_PERIOD": True})


def choose_year(ref: date, month: int, day: int | None, tense: Tense | None,
                reach: int = HALF_YEAR) -> int:
    """The year a date written without one most likely has, seen from ``ref``."""
    years = [y for y in (ref.year - 1, ref.year, ref.year + 1)
             if day is None or day <= month_end(y, month).day]  # Feb. 29: leap years only
    if not years:
        return ref.year
    spans = [(date(y, month, day), date(y, month, day)) if day else
             (date(y, month, 1), month_end(y, month)) for y in years]
    return years[pick(spans, ref, tense, reach)]


STEPS = {"last": -1, "past": -1, "next": 1, "coming": 1}


def stepped_year(ref: date, month: int, day: int, step: int) -> int:
    """The year of the last (``step`` -1) or next (+1) ``month``/``day`` strictly before or
    after ``ref``: "last Oct. 23" read in April is the October before."""
    years = [y for y in (ref.year - 1, ref.year, ref.year + 1) if day <= month_end(y, month).day]
    if step < 0:
        return max((y for y in years if date(y, month, day) < ref), default=ref.year)
    return min((y for y in years if date(y, month, day) > ref), default=ref.year)


def from_dateparser(text: str) -> TimexValue | None:
    """The last resort for calendar dates the rules do not read ("2023-05-29", "29/05/2023",
    "the 29th of May, 2023"): dateparser, trusted only when the text names its year."""
    if not re.search(r"\b\d{4}\b", text):
        return None
    data = date_parser().get_date_data(text)
    if not data or not data.date_obj:
        return None
    parsed = data.date_obj
    if data.period == "day":
        return day_value(parsed.date())
    if data.period == "month":
        return month_value(parsed.year, parsed.month)
    if data.period == "year":
        return year_value(parsed.year)
    return None


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th ``weekday`` of a month (n = -1: the last one)."""
    if n < 0:
        last = month_end(year, month)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def easter_date(year: int, orthodox: bool = False) -> date:
    from dateutil.easter import EASTER_ORTHODOX, EASTER_WESTERN, easter

    return easter(year, EASTER_ORTHODOX if orthodox else EASTER_WESTERN)


# Holidays news dates things by (words as tokenized: "new year's day" -> "new year day").
HOLIDAYS: dict[str, Callable[[int], date]] = {
    "christmas": lambda y: date(y, 12, 25), "christmas day": lambda y: date(y, 12, 25),
    "christmas eve": lambda y: date(y, 12, 24), "boxing day": lambda y: date(y, 12, 26),
    "new year day": lambda y: date(y, 1, 1), "new year eve": lambda y: date(y, 12, 31),
    "halloween": lambda y: date(y, 10, 31), "valentine day": lambda y: date(y, 2, 14),
    "independence day": lambda y: date(y, 7, 4), "bastille day": lambda y: date(y, 7, 14),
    "may day": lambda y: date(y, 5, 1), "veterans day": lambda y: date(y, 11, 11),
    "armistice day": lambda y: date(y, 11, 11), "st patrick day": lambda y: date(y, 3, 17),
    "vidovdan": lambda y: date(y, 6, 28), "orthodox christmas": lambda y: date(y, 1, 7),
    "thanksgiving": lambda y: nth_weekday(y, 11, 3, 4),
    "thanksgiving day": lambda y: nth_weekday(y, 11, 3, 4),
    "election day": lambda y: nth_weekday(y, 11, 0, 1) + timedelta(days=1),
    "memorial day": lambda y: nth_weekday(y, 5, 0, -1),
    "labor day": lambda y: nth_weekday(y, 9, 0, 1),
    "easter": easter_date, "easter sunday": easter_date,
    "easter monday": lambda y: easter_date(y) + timedelta(days=1),
    "good friday": lambda y: easter_date(y) - timedelta(days=2),
    "orthodox easter": lambda y: easter_date(y, orthodox=True),
}


def rule_holiday(words: list[str], ctx: Context) -> TimexValue | None:
    """ "Christmas", "last Thanksgiving", "Easter 2024", "Election Day"."""
    step = {"last": -1, "next": 1}.get(words[0], 0)
    body = [w for w in words if w not in {"the", "last", "next", "this", "on"}]
    year = year_phrase(body[-1:], ctx) if body and re.fullmatch(r"\d{4}", body[-1]) else None
    holiday = HOLIDAYS.get(" ".join(body[:-1] if year else body))
    if holiday is None:
        return None
    if year is not None:
        return day_value(holiday(year))
    if ctx.reference is None:
        return unknown()
    ref = ctx.reference
    days = [holiday(y) for y in (ref.year - 1, ref.year, ref.year + 1)]
    if step:
        before = [d for d in days if d < ref]
        after = [d for d in days if d > ref]
        return day_value(before[-1] if step < 0 else after[0])
    return day_value(days[pick([(d, d) for d in days], ref, ctx.tense, tense_reach(ctx))])


def rule_holiday_week(words: list[str], ctx: Context) -> TimexValue | None:
    """ "Easter week", "Thanksgiving week": the week the holiday falls in."""
    if len(words) < 2 or words[-1] != "week":
        return None
    holiday = rule_holiday(words[:-1], ctx)
    if holiday is None or holiday.precision != "day":
        return None
    return week_value(date.fromisoformat(holiday.value))


RULES: list[Callable[[list[str], Context], TimexValue | None]] = [
    rule_reference_words,
    rule_set,
    rule_anaphoric,
    rule_named_days,
    rule_clock_time,
    rule_ago,
    rule_span_of_units,
    rule_relative_calendar,
    rule_unit_of_date,
    rule_quarter,
    rule_decade,
    rule_season,
    rule_weekday,
    rule_calendar_date,
    rule_holiday,
    rule_holiday_week,
    rule_year_end,
    rule_year,
    rule_duration,
]
