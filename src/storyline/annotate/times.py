"""Temporal expressions: found in the parse, normalized to TIMEX3 values (TimeML).

Spans come from the NER's DATE/TIME entities, repaired (ages and bare numbers dropped, ranges
split, "'s" trimmed) and completed by Matcher patterns for what the small model misses ("now",
"recently", "daily", "12:00 Moscow time"). Each span is read by ``timevalues`` against the
publication date, with the tense of the verb that governs it ("will meet on Tuesday" is the
next Tuesday, "met on Monday" the last Monday). A clock time takes the date written in its
sentence and, when its zone is known ("local time": the place the text is about), is stored in
UTC with a Z.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache, cached_property

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from storyline.annotate.timevalues import (
    MONTHS,
    PARTS_OF_DAY,
    SET_WORDS,
    UNIT_FORMS,
    Context,
    Tense,
    TimexValue,
    normalize,
)
from storyline.annotate.timezones import ABBREVIATIONS, Zone, zone_of_places
from storyline.models import TIME_ENTITY_LABELS, doc_text
from storyline.records import Article, Place, TimeRef

CLOCK_TEXT = r"^\d{1,2}[:.]\d{2}$"
AM_PM = ["a.m.", "p.m.", "am", "pm", "a.m", "p.m"]
# Full names only: "Sun" and "sat" are a company and a verb far more often than days.
DAY_WORDS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
             "today", "yesterday", "tomorrow"]
MONTH_WORDS = [*MONTHS, *(m + "." for m in MONTHS)]
MONTH_NAMES = [m for m in MONTHS if len(m) > 4 or m in {"june", "july"}]
CALENDAR_WORDS = ["week", "month", "year", "quarter", "weekend", "decade", "century", "spring",
                  "summer", "fall", "autumn", "winter", *MONTH_NAMES, *DAY_WORDS[:7]]
# Verbs whose "to"-complement is still to happen: "is set to meet", "plans to visit".
FUTURE_HEADS = {"be", "set", "plan", "expect", "schedule", "due", "go", "intend", "hope", "aim",
                "agree", "promise", "vow", "pledge", "prepare", "want", "threaten", "seek"}
FUTURE_AUX = {"will", "'ll", "shall", "wo", "would", "'d"}
# Verbs that arrange a later event: "scheduled a news conference Thursday" looks ahead even
# when the arranging is past.
ARRANGING_VERBS = {"plan", "schedule", "reschedule", "slate"}
# Verbs that move a deadline, with "until": "postponed until Tuesday", "gave them until noon",
# "extended to Nov. 16", "extended loans through January".
DEADLINE_VERBS = {"postpone", "delay", "defer", "adjourn", "extend", "give", "push", "put"}
DEADLINE_LINKS = {"until", "till", "to", "through"}
# What a verb does to a date rather than when it happens: "set Nov. 10 as the deadline".
OBJECT_DEPS = {"dobj", "nsubj", "nsubjpass", "attr", "appos"}
# Words tagged as prepositions that belong to a time: "next year", "past midnight".
TIME_ADPOSITIONS = {"next", "last", "past", "ago", "earlier", "later", "before"}
# TimeML leaves these out of the expression: "three days later" is the duration "three days".
SIGNALS = {"later", "after", "before", "afterwards", "afterward"}
RANGE_WORDS = {"to", "through", "until", "till", "thru", "and", "-", "–", "ended", "ending",
               "of", ","}
YEAR_BACK = re.compile(r"\b(?:a\s+year\s+(?:ago|earlier|before)|year[-\s](?:ago|earlier))\b",
                       re.IGNORECASE)
AGE = re.compile(r"\b(?:year|month|week|day)s?[-\s]+old\b", re.IGNORECASE)
# Frequency words that modify a noun without saying how often it happens: "annual meeting".
KIND_ADJECTIVES = {"annual", "quarterly", "monthly", "yearly", "biweekly"}
YEAR = re.compile(r"^(1[0-9]{3}|20[0-9]{2})s?$")
# Spans the model tags DATE that name no time of their own.
EMPTY = {"the day", "that day", "the night", "the days", "that night", "this day", "day",
         "night", "nights", "morning", "evening", "afternoon", "the time", "that time"}


def find_times(doc: Doc, article: Article, places: Sequence[Place] = ()) -> list[TimeRef]:
    """Every temporal expression in ``doc`` (the parse of ``article.text``), normalized
    against ``article.published``; ``places`` tell what "local time" means."""
    reference = article.published
    spans = time_spans(doc)
    zones = LocalZones(spans, places)
    story = Narrative()
    refs: dict[int, TimeRef] = {}
    for span in sorted(spans, key=is_clock_only):  # dates first: a time takes their day
        local_zone, place_zone = zones.zones_for(span) if has_clock(span) else (None, None)
        ctx = Context(
            reference=reference.date() if reference else None,
            tense=tense_of(span),
            firm_tense=hangs_on_verb(span),
            local_zone=local_zone,
            place_zone=place_zone,
            day=story.day_near(span),
            ref_time=reference,
            anchor=story.anchor_before(span, paragraph_start(span) if is_clock_only(span) else 0),
        )
        value = normalize(span.text, ctx)
        if value is None:
            continue
        value = as_rate(span, fiscal_year(span, value))
        value = same_period_a_year_before(value, span, story.quarter)
        story.note(span, value)
        refs[span.start_char] = TimeRef(span.start_char, span.end_char, span.text, value.type,
                                        value.value, value.precision, value.timezone)
    return [refs[start] for start in sorted(refs)]


def normalize_timexes(text: str, dct: str) -> list[TimeRef]:
    """Parse ``text`` and return its temporal expressions normalized against ``dct`` (the
    document creation date, ISO 8601): the entry point of the time evaluation."""
    from storyline.models import nlp

    published = datetime.fromisoformat(dct) if dct else None
    if published is not None and published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    article = Article(id="timex", origin="timex", title=None, text=text, content_hash="",
                      published=published)
    return find_times(nlp()(text), article, [])


def normalize_expression(expression: str, reference: datetime | date | None,
                         tense: Tense | None = None, local_zone: Zone | None = None
                         ) -> TimexValue | None:
    """One expression read on its own against ``reference`` (the publication date)."""
    ref_time = reference if isinstance(reference, datetime) else None
    ref_day = reference.date() if isinstance(reference, datetime) else reference
    return normalize(expression, Context(ref_day, tense, local_zone, ref_time=ref_time))


# --- spans ---------------------------------------------------------------------------------


def time_spans(doc: Doc) -> list[Span]:
    """The NER's DATE/TIME spans and the pattern matches, repaired and without overlaps."""
    found = [e for e in doc.ents if e.label_ in TIME_ENTITY_LABELS or is_timed_quantity(e)]
    for match_id, start, end in matcher(doc.vocab)(doc):
        # the first word of a CONTEXT pattern only shows where a time may start
        start += doc.vocab.strings[match_id].startswith("CONTEXT")
        found.append(doc[start:end])
    pieces = [piece for span in found for piece in split_range(trim(span)) if piece]
    kept = [span for span in (trim(p) for p in pieces) if span and is_time(span)]
    return merge_overlaps(kept)


def is_timed_quantity(entity: Span) -> bool:
    """The model sometimes calls a duration a quantity: "about 5 1/2 hours"."""
    return entity.label_ == "QUANTITY" and entity[-1].lower_ in UNIT_FORMS


@cache
def matcher(vocab) -> Matcher:
    """Patterns for expressions the small model misses or cuts short."""
    m = Matcher(vocab)
    zone = [{"LOWER": {"IN": sorted(ABBREVIATIONS)}}]
    clock = [{"TEXT": {"REGEX": CLOCK_TEXT}}, {"LOWER": {"IN": AM_PM}, "OP": "?"}]
    hour = [{"LIKE_NUM": True}, {"LOWER": {"IN": AM_PM}}]
    for start in (clock, hour):
        m.add("CLOCK", [start])
        m.add("CLOCK_ZONE", [start + zone, start + [{"LOWER": "local"}, {"LOWER": "time"}],
                             start + [{"POS": "PROPN", "OP": "{1,2}"}, {"LOWER": "time"}]])
    m.add("REF", [[{"LOWER": {"IN": ["now", "currently", "recently", "nowadays"]},
                    "POS": "ADV"}],
                  [{"LOWER": "the"}, {"LOWER": {"IN": ["near", "distant"]}, "OP": "?"},
                   {"LOWER": {"IN": ["future", "past"]}}],
                  [{"LOWER": "more"}, {"LOWER": "recently"}],
                  # TimeML marks these adjectives too: "the current quarter", "recent gains"
                  [{"LOWER": {"IN": ["current", "recent"]}, "POS": "ADJ"}]])
    # results news: the quarter reported on
    m.add("PERIOD", [[{"LOWER": "the"}, {"LOWER": "latest"},
                      {"LOWER": {"IN": ["period", "quarter"]}}]])
    m.add("SET", [[{"LOWER": {"IN": ["daily", "weekly", "hourly", "nightly"]}}],
                  [{"LOWER": {"IN": sorted(SET_WORDS)}, "POS": "ADV"}],
                  [{"LOWER": {"IN": ["every", "each"]}},
                   {"LOWER": {"IN": [*DAY_WORDS, *MONTH_WORDS, *UNIT_FORMS, *PARTS_OF_DAY]}}]])
    m.add("DAY", [[{"LOWER": {"IN": DAY_WORDS}}],
                  [{"LOWER": {"IN": DAY_WORDS}}, {"LOWER": {"IN": list(PARTS_OF_DAY)}}],
                  [{"LOWER": {"IN": ["noon", "midnight"]}}, {"LOWER": {"IN": DAY_WORDS}}]])
    relative = {"IN": ["this", "last", "next", "coming", "past", "previous", "current"]}
    m.add("RELATIVE", [[{"LOWER": relative}, {"LOWER": {"IN": CALENDAR_WORDS}}]])
    m.add("CONTEXT_RATE", [[{"LIKE_NUM": True}, {"LOWER": {"IN": ["a", "an", "per"]}},
                            {"LOWER": {"IN": ["day", "week", "month", "year", "hour"]}}],
                           [{"ENT_TYPE": {"IN": ["MONEY", "PERCENT", "QUANTITY"]}},
                            {"LOWER": {"IN": ["a", "an", "per"]}},
                            {"LOWER": {"IN": ["day", "week", "month", "year", "hour"]}}]])
    m.add("CONTEXT_MONTH", [[{"LOWER": {"IN": ["in", "since", "by", "until", "from", "through",
                                                "before", "after", "during", "early", "late",
                                                "mid", "last", "next", "this"]}},
                             {"LOWER": {"IN": MONTH_NAMES}, "POS": "PROPN"}]])
    m.add("HOLIDAY", [[{"LOWER": {"IN": ["christmas", "thanksgiving", "easter", "halloween"]}},
                       {"LOWER": {"IN": ["day", "eve", "sunday", "monday"]}, "OP": "?"}],
                      [{"LOWER": "good"}, {"LOWER": "friday"}],
                      [{"LOWER": "new"}, {"LOWER": "year"}, {"LOWER": "'s"},
                       {"LOWER": {"IN": ["day", "eve"]}}],
                      [{"LOWER": {"IN": ["election", "memorial", "labor", "independence",
                                         "veterans", "armistice", "bastille"]}},
                       {"LOWER": "day"}]])
    m.add("MONTH_YEAR", [[{"LOWER": {"IN": MONTH_WORDS}},
                          {"LOWER": {"IN": ["this", "last", "next"]}}, {"LOWER": "year"}]])
    m.add("MONTH_DAY", [[{"LOWER": {"IN": MONTH_WORDS}},
                         {"TEXT": {"REGEX": r"^\d{1,2}(st|nd|rd|th)?$"}},
                         {"TEXT": ",", "OP": "?"}, {"TEXT": {"REGEX": r"^\d{4}$"}, "OP": "?"}]])
    return m


def trim(span: Span) -> Span | None:
    """Without edge punctuation, a trailing "'s" or "later", and leading words that are no
    part of a time ("between 1985", "as early as next year")."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].lower_ in {"both", "sometime", "as"}
                           or as_much_as(doc, start)
                           or (doc[start].pos_ in {"ADP", "CCONJ", "SCONJ"}
                               and doc[start].lower_ not in TIME_ADPOSITIONS)):
        start += 1
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS"
                               or doc[end - 1].lower_ in SIGNALS
                               or doc[end - 1].pos_ in {"ADP", "CCONJ", "SCONJ"}):
        end -= 1
    return doc[start:end] if end > start else None


def as_much_as(doc: Doc, i: int) -> bool:
    """ "(as) long as a month", "(as) much as a year": a bound, not part of the time."""
    return doc[i].lower_ in {"long", "much"} and i + 1 < len(doc) and doc[i + 1].lower_ == "as"


def split_range(span: Span | None) -> list[Span]:
    """ "Aug. 26 to Oct. 20", "the quarter ended Sept. 30", "between 1985 and 1987": two
    expressions, when each side reads as a time on its own."""
    if span is None:
        return []
    for token in span[1:-1]:
        if token.lower_ not in RANGE_WORDS:
            continue
        left, right = span.doc[span.start:token.i], span.doc[token.i + 1:span.end]
        if token.lower_ in {"and", "-", "–"} and not starts_like_date(right):
            continue
        if token.text == "," and not (YEAR.match(left[-1].text) and YEAR.match(right[0].text)):
            continue  # a list of years, "1994, 1995 and 1997"; not "May 30, 2023"
        if token.lower_ == "of" and not is_duration(left):
            continue  # "the third quarter of 1990" is one date; "the first nine months" of it
            # is a duration and a date
        if readable(left) and readable(right):
            return [left, *split_range(right)]
    return [span]


def starts_like_date(span: Span) -> bool:
    first = span[0].lower_
    return first in MONTH_WORDS or first in DAY_WORDS or bool(YEAR.match(first))


def is_duration(span: Span) -> bool:
    value = normalize(span.text, Context(date(2000, 1, 1)))
    return value is not None and value.type == "DURATION"


def readable(span: Span) -> bool:
    trimmed = trim(span)
    return trimmed is not None and normalize(trimmed.text, Context(date(2000, 1, 1))) is not None


def is_time(span: Span) -> bool:
    """Whether a candidate span is a temporal expression at all (not an age, a bare number,
    "annual" in "annual meeting", or "the day" with no day of its own)."""
    text = span.text.lower()
    if AGE.search(text) or text in EMPTY or is_age_decade(span):
        return False
    if any(t.lower_ in MONTH_NAMES and t.text.islower() for t in span):
        return False  # English capitalizes months: "this march" is a protest
    if all(t.like_num for t in span) and not any(YEAR.match(t.text) for t in span):
        return bool(re.match(CLOCK_TEXT, span.text))
    return not (len(span) == 1 and text in KIND_ADJECTIVES and span[0].dep_ == "amod")


def is_age_decade(span: Span) -> bool:
    """ "in his 30s", "her early 40s": an age, not a decade."""
    before = span.doc[span.start - 1] if span.start else None
    return (before is not None and before.tag_ == "PRP$"
            and re.fullmatch(r"\d0s", span[-1].text) is not None)


def merge_overlaps(spans: Iterable[Span]) -> list[Span]:
    """Overlapping spans become one, and a clock time or a part of a day joins a date written
    right next to it ("5 p.m. EST, Nov. 9", "mid-afternoon yesterday"), the way TimeML marks
    them."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if merged and (span.start < merged[-1].end or adjacent_clock_and_date(merged[-1], span)
                       or part_of_day_then_day(merged[-1], span)):
            last = merged[-1]
            merged[-1] = span.doc[last.start:max(last.end, span.end)]
        else:
            merged.append(span)
    return merged


def adjacent_clock_and_date(first: Span, second: Span) -> bool:
    between = first.doc[first.end:second.start]
    if len(between) > 1 or any(t.text != "," for t in between):
        return False
    return has_clock(first) != has_clock(second)


def part_of_day_then_day(first: Span, second: Span) -> bool:
    """ "mid-afternoon yesterday", "the morning Friday": one part of one day."""
    return (second.start == first.end and first[-1].lower_ in PARTS_OF_DAY
            and second[0].lower_ in DAY_WORDS
            and not any(t.lower_ in DAY_WORDS for t in first))


def has_clock(span: Span) -> bool:
    return any(re.match(CLOCK_TEXT, t.text) or t.lower_ in AM_PM + ["noon", "midnight"]
               for t in span)


def is_clock_only(span: Span) -> bool:
    return has_clock(span) and not any(t.lower_ in MONTH_WORDS or t.lower_ in DAY_WORDS
                                       for t in span)


# --- context --------------------------------------------------------------------------------


def tense_of(span: Span) -> Tense | None:
    """The tense of the verb the expression hangs on: "will meet", "is set to meet", "is
    meeting" are the future; "met", "has met" the past; "meets" the present."""
    verb = governing_verb(span)
    if verb is None:
        return None
    if hangs_on_noun(span):
        return verb_tense(finite_verb(verb), span, dates_verb=False)
    if (head := adjunct_head(verb)) is not None:
        return verb_tense(head, span, dates_verb=False)
    return verb_tense(verb, span)


def adjunct_head(verb: Token) -> Token | None:
    """The verb a bare -ing adjunct belongs to ("spoke on Friday after visiting the camp on
    Thursday", "while touring the camp on Monday"): the adjunct has no tense of its own and
    tells its time in the tense of that verb. None for any other verb."""
    if verb.tag_ != "VBG" or any(c.dep_ in {"aux", "auxpass"} for c in verb.children):
        return None
    head = verb.head.head if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" else verb.head
    if verb.dep_ not in {"advcl", "pcomp"} or head.pos_ not in {"VERB", "AUX"}:
        return None
    return head


def verb_tense(verb: Token, span: Span, dates_verb: bool = True) -> Tense | None:
    """``dates_verb``: the expression is the verb's own time, so a present progressive
    with it is an arrangement ("is meeting on Tuesday"); a noun's date ("is preparing to
    deploy after the riots on Saturday") is not arranged by the verb."""
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    aux_words = {a.lower_ for a in auxes}
    if aux_words & FUTURE_AUX and "have" not in aux_words:
        return "future"
    if "had" not in aux_words and arranges(verb, span):
        return "future"
    if "to" in aux_words and verb.dep_ == "xcomp" and verb.head.lemma_ in FUTURE_HEADS:
        return tense_of_to_head(verb.head)
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes) or (
            verb.tag_ == "VBN" and aux_words & {"has", "have", "had", "'s", "'ve"}):
        return "past"
    if verb.lower_ == "ended" and not auxes:
        return "past"  # "the quarter ended Sept. 30": a period already over
    if verb.tag_ == "VBG" and aux_words & {"is", "are", "am", "'s", "'re", "'m"}:
        # present progressive with a date: an arrangement
        return "future" if dates_verb else "present"
    if verb.tag_ == "VBP" and has_singular_subject(verb):
        return "past"  # "Weakness hurt the index": a past form read as a present one
    if verb.tag_ in {"VBZ", "VBP"}:
        return "present"
    return None


def hangs_on_noun(span: Span) -> bool:
    """Whether the expression dates a noun, directly or through one preposition ("the
    clashes on Monday"), rather than a verb."""
    preposition = span.root.head
    return (preposition.dep_ == "prep" and preposition.head.pos_ in {"NOUN", "PROPN"}
            and preposition not in span)


def finite_verb(verb: Token) -> Token:
    """The nearest tensed verb above ``verb`` through a chain of untensed verbs (``verb``
    itself if there is none). A date on a noun takes the tense of the clause the noun sits
    in, not the look-ahead of an infinitive around it: in "NATO prepared to send troops after
    the clashes on Monday", the clashes are dated by "prepared" (past), not by "to send"."""
    current = verb
    for _ in range(4):
        if is_finite(current):
            return current
        if current.head == current or current.head.pos_ not in {"VERB", "AUX"}:
            return verb
        current = current.head
    return verb


def is_finite(verb: Token) -> bool:
    return verb.tag_ in {"VBD", "VBZ", "VBP", "MD"} or any(
        c.dep_ in {"aux", "auxpass"} and c.lower_ != "to" for c in verb.children)


def has_singular_subject(verb: Token) -> bool:
    """Whether the subject is one singular noun: then a base form ("hurt", "cut", "set")
    cannot be a present tense, only the past that is written the same (unless it is a
    subjunctive: "ordered that Elian remain")."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if any(c.dep_ == "mark" for c in verb.children):
        return False
    return (len(subjects) == 1 and subjects[0].tag_ in {"NN", "NNP"}
            and not any(c.dep_ == "conj" for c in subjects[0].children))


def hangs_on_verb(span: Span) -> bool:
    """Whether the expression depends on its governing verb directly, or through one
    preposition ("In January, they bought", "bought it in February"), as its time (not its
    object), and that verb carries its own tense: not "to expire", whose time comes from the
    verb above it, nor a present perfect, which English does not date ("has set Nov. 10 as
    the deadline": the date is what was set)."""
    verb = governing_verb(span)
    head = span.root.head
    if head.dep_ == "prep":
        head = head.head
    if verb is None or head != verb or span.root.dep_ in OBJECT_DEPS:
        return False
    auxes = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    return not auxes & {"to", "has", "have", "'s", "'ve"}


def arranges(verb: Token, span: Span) -> bool:
    """Whether ``verb`` sets the time of something still to come: "planned a rally on
    Saturday", "the vote was scheduled for Tuesday", "postponed the vote until Tuesday",
    "extended the offer to Nov. 16".
    Without an object the time is the planning's: "on Friday, they planned to pay"."""
    if verb.lemma_ in ARRANGING_VERBS:
        return any(c.dep_ in {"dobj", "nsubjpass"} for c in verb.children)
    link = span.root.head
    return (verb.lemma_ in DEADLINE_VERBS and link.lower_ in DEADLINE_LINKS
            and link.head == verb)


def tense_of_to_head(head: Token) -> Tense:
    """ "was to meet" is still a plan; "planned to meet" was one too: both look ahead from
    the time of writing unless the plan is reported as past ("had planned", "had been due
    to expire": the adjective's tense is its copula's)."""
    verb = head.head if head.dep_ == "acomp" else head
    aux_words = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    return "past" if "had" in aux_words else "future"


def governing_verb(span: Span) -> Token | None:
    token = span.root
    for _ in range(6):
        if token.pos_ in {"VERB", "AUX"} and token not in span:
            return token
        if token.head == token:
            return token if token.pos_ in {"VERB", "AUX"} else None
        token = token.head
    return None


@dataclass
class Narrative:
    """What the text has dated so far, for the expressions that lean on it."""

    quarter: str | None = None  # the last quarter named: "a year earlier" may compare with it
    # the dates named, by offset: "that day", "the following year" lean on the last one
    anchors: list[tuple[int, TimexValue]] = field(default_factory=list)
    days: dict[int, list[tuple[int, date]]] = field(default_factory=dict)  # by sentence

    def note(self, span: Span, value: TimexValue) -> None:
        if value.type != "DATE" or value.precision not in {"day", "month", "year"}:
            if re.fullmatch(r"\d{4}-Q[1-4]", value.value or "") and (
                    "year" not in span.text.lower()):
                self.quarter = value.value  # not "the year-ago quarter"
            return
        self.anchors.append((span.start_char, value))
        if value.precision == "day":
            self.days.setdefault(span.sent.start_char, []).append(
                (span.start_char, date.fromisoformat(value.value)))

    def anchor_before(self, span: Span, since: int = 0) -> TimexValue | None:
        """The last date named before ``span``, from offset ``since`` on (clock times are
        read after all the dates)."""
        before = [(start, value) for start, value in self.anchors
                  if since <= start < span.start_char]
        return max(before, key=lambda item: item[0])[1] if before else None

    def day_near(self, span: Span) -> date | None:
        """The day written in the span's sentence that a bare clock time belongs to: the
        nearest one before it, else the first after it."""
        dated = self.days.get(span.sent.start_char, [])
        before = [d for start, d in dated if start < span.start_char]
        after = [d for start, d in dated if start > span.start_char]
        return before[-1] if before else (after[0] if after else None)


def paragraph_start(span: Span) -> int:
    """Where the span's paragraph begins. A bare clock time ("at 11:00") takes a day named in
    its own paragraph; a day named in an earlier one is often another event's, and then the
    time belongs to the day of publication."""
    return doc_text(span.doc).rfind("\n\n", 0, span.start_char) + 1


def as_rate(span: Span, value: TimexValue) -> TimexValue:
    """ "5% a year", "twice a week": a one-unit duration after a quantity is a frequency."""
    if value.type != "DURATION" or not re.fullmatch(r"PT?1[A-Z]", value.value or ""):
        return value
    prev = span.doc[span.start - 1] if span.start else None
    if span[0].lower_ in {"a", "an", "per"} and prev is not None and (
            prev.like_num or prev.ent_type_ in {"MONEY", "PERCENT", "QUANTITY", "CARDINAL"}
            or prev.lower_ in {"times", "twice", "once", "thrice", "%"}):
        return TimexValue("SET", value.value, None)
    return value


def fiscal_year(span: Span, value: TimexValue) -> TimexValue:
    """ "the year ended March 31" is twelve months that are not a calendar year."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if after is not None and after.lower_ in {"ended", "ending"} and value.precision == "year":
        return TimexValue("DURATION", "P1Y")
    return value


def same_period_a_year_before(value: TimexValue, span: Span, quarter: str | None
                              ) -> TimexValue:
    """Results news compares a quarter with the same quarter of the year before: once a text
    is about a quarter, "a year earlier" is that quarter a year back, not the whole year."""
    if quarter is None or value.precision != "year" or not YEAR_BACK.search(span.text):
        return value
    year, period = quarter.split("-")
    return TimexValue("DATE", f"{int(year) - 1:04d}-{period}")


class LocalZones:
    """What "local time" means in each sentence: the zone of the nearest resolved place in
    the sentence, else of the country the article mentions most. Places inside a time
    expression ("12:00 Moscow time") say nothing about the others. Zones are looked up only
    for clock times (GeoNames loads on first use)."""

    def __init__(self, spans: Sequence[Span], places: Sequence[Place]):
        inside = [(s.start_char, s.end_char) for s in spans]
        self.places = [p for p in places if (p.geonameid is not None or p.country)
                       and not any(a <= p.start < b for a, b in inside)]

    @cached_property
    def article_zone(self) -> Zone | None:
        counts = Counter(p.country for p in self.places if p.country)
        ranked = sorted(self.places, key=lambda p: (-counts[p.country], p.start))
        return zone_of_places(ranked)

    def zones_for(self, span: Span) -> tuple[Zone | None, Zone | None]:
        """(what "local time" means at ``span``, the zone of a place in its sentence)."""
        sentence = span.sent
        near = [p for p in self.places if sentence.start_char <= p.start < sentence.end_char]
        near.sort(key=lambda p: abs(p.start - span.start_char))
        place_zone = zone_of_places(near)
        return place_zone or self.article_zone, place_zone
