"""Cross-article event merging: every report of one real event becomes one MergedEvent.

Two reports are of the same event when they are in the same story, have the same PLOVER
root, compatible modes, actors, place and date, and their evidence sentences are close by
the linking similarity. Reports are taken in the order they were published; each joins the
first merged event of its story and root all of whose reports it is compatible with and
half of whose evidence sentences are close to its own (see ``joins``), or starts a new one.
Reports from copies (links) stay reports, but count once with their origin in
``independent_sources``; a copy's report of its origin's event joins it even when the
typer gave the reworded sentence another root. Differing details (casualty numbers) stay
in each report's evidence.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC

import numpy as np

from storyline.link.articles import ArticleView, article_views, publication_key
from storyline.records import (
    Actor,
    Casualty,
    Corpus,
    Event,
    Link,
    MergedEvent,
    Place,
    Story,
    TimeRef,
)

EVIDENCE_SIMILARITY = 0.5  # cosine of the two evidence sentences
# A report joins a group when the hard constraints hold with every report of it and its
# evidence is similar to at least this share of them: reworded reports of one event
# chain (A like B, B like C) though A and C may not be close to each other.
SIMILAR_SHARE = 0.5
SAME_PLACE_KM = 25.0
# A claim that something happened and a report that it happened are one event.
_COMPATIBLE_MODES = {frozenset({"asserted", "claimed"})}
# A plan and a report that it happened are one event when both name the same day ("Vučić
# will meet the Russian ambassador on Tuesday", "Vučić met the ambassador on Tuesday").
_CARRIED_OUT = {frozenset({"planned", "asserted"}), frozenset({"planned", "claimed"})}
DAY = 10  # characters of an ISO date: 2023-05-30
# The merged event's mode: what happened, as soon as one report says it did.
_FACTUAL_MODES = ("asserted", "claimed")


@dataclass
class _Report:
    event: Event
    view: ArticleView
    vector: np.ndarray  # the evidence sentence's vector
    voice: str  # who independently tells it: the outlet of the origin of its link group


def merge_events(corpus: Corpus, stories: list[Story], links: list[Link]) -> list[MergedEvent]:
    """One MergedEvent per real event, with every report of it."""
    views = {v.id: v for v in article_views(corpus)}
    story_of = {a: s.id for s in stories for a in s.article_ids}
    origin_of = {link.article_id: link.origin_id for link in links}
    reports = [
        _Report(event, views[x.article_id], _evidence_vector(event, views[x.article_id]),
                _voice(views[origin_of.get(x.article_id, x.article_id)]))
        for x in corpus.extractions if x.article_id in views
        for event in x.events
    ]
    reports.sort(key=lambda r: publication_key(r.view.published, r.event.id))
    groups: list[list[_Report]] = []
    candidates: dict[tuple, list[list[_Report]]] = defaultdict(list)  # by story and root
    group_of: dict[str, list[_Report]] = {}  # by event id
    for report in reports:
        bucket = candidates[(story_of.get(report.view.id), report.event.plover)]
        home = next((g for g in bucket if joins(report, g)), None)
        if home is None:
            home = _origin_group(report, origin_of, reports, group_of)
        if home is None:
            bucket.append([report])
            groups.append(bucket[-1])
            home = bucket[-1]
        else:
            home.append(report)
        group_of[report.event.id] = home
    return [_merged(group) for group in groups]


def _origin_group(
    copy: _Report,
    origin_of: dict[str, str],
    reports: Sequence[_Report],
    group_of: dict[str, list[_Report]],
) -> list[_Report] | None:
    """The group of the origin's report of the same event, for a report in a copy: a copy
    tells its origin's event even when the typer read the reworded sentence otherwise
    ("... clashed with peacekeepers, according to Balkan Wire" typed PROTEST where the wire
    said ASSAULT). Same trigger word, fitting actors, mode and date, close sentences."""
    origin = origin_of.get(copy.view.id)
    for report in reports:
        if (
            origin is not None
            and report.view.id == origin
            and report.event.id in group_of
            and report.event.trigger.casefold() == copy.event.trigger.casefold()
            and compatible_modes(report.event.mode, copy.event.mode)
            and compatible_actors(report.event.source_actor, copy.event.source_actor)
            and compatible_actors(report.event.target_actor, copy.event.target_actor)
            and compatible_dates(report.event.date, copy.event.date)
            and float(report.vector @ copy.vector) >= EVIDENCE_SIMILARITY
        ):
            return group_of[report.event.id]
    return None


def joins(report: _Report, group: Sequence[_Report]) -> bool:
    """Whether a report, already in the group's story and of its PLOVER root, tells the
    group's event: compatible with every report of it, and its evidence similar to at least
    ``SIMILAR_SHARE`` of theirs (one at least). The root is checked by the caller's bucket,
    not per report: a copy that joined its origin's group under another root must not keep
    later reports of the event out."""
    if not all(compatible_reports(report, r) for r in group):
        return False
    similar = sum(similar_evidence(report, r) for r in group)
    return similar >= max(1, SIMILAR_SHARE * len(group))


def compatible_reports(a: _Report, b: _Report) -> bool:
    """The hard constraints besides the root: compatible modes, actors, place and date."""
    x, y = a.event, b.event
    return (
        not told_before(a, b)
        and not told_before(b, a)
        and (compatible_modes(x.mode, y.mode) or carried_out(x, y))
        and compatible_actors(x.source_actor, y.source_actor)
        and compatible_actors(x.target_actor, y.target_actor)
        and compatible_places(x.place, y.place)
        and compatible_dates(x.date, y.date)
    )


def similar_evidence(a: _Report, b: _Report) -> bool:
    return float(a.vector @ b.vector) >= EVIDENCE_SIMILARITY


def compatible_modes(a: str, b: str) -> bool:
    return a == b or frozenset({a, b}) in _COMPATIBLE_MODES


def told_before(undated: _Report, dated: _Report) -> bool:
    """Whether a report without a date was published before the day the other report dates
    its event: an act is not reported before it happens ("Vučić condemned the operation",
    published on Friday, is not his accusation dated Monday). A plan may be."""
    event, day = undated.event, _day(dated.event)
    published = undated.view.published if undated.view is not None else None
    if event.date is not None or event.mode == "planned" or not day or published is None:
        return False
    return published.astimezone(UTC).date().isoformat() < day


def _day(event: Event) -> str:
    """The ISO day an event is dated to, or "" when it has none that precise."""
    value = event.date.value if event.date and event.date.value else ""
    return value[:DAY] if len(value) >= DAY and value[:4].isdigit() else ""


def carried_out(a: Event, b: Event) -> bool:
    """Whether one report plans what the other says happened, on the day both name."""
    if frozenset({a.mode, b.mode}) not in _CARRIED_OUT:
        return False
    return bool(_day(a)) and _day(a) == _day(b)


def compatible_actors(a: Actor | None, b: Actor | None) -> bool:
    """Unknown fits anything; else the same entity, or the same sector and no conflicting
    country ("KFOR peacekeepers" and "NATO-led peacekeepers", both MIL; "Serb protesters"
    and "demonstrators", both CVL)."""
    if a is None or b is None:
        return True
    if a.entity_id and b.entity_id and a.entity_id == b.entity_id:
        return True
    if a.sector and b.sector:
        return a.sector == b.sector and not (a.country and b.country and a.country != b.country)
    if a.entity_id and b.entity_id:
        return False
    return a.text.casefold() == b.text.casefold()


def compatible_places(a: Place | None, b: Place | None) -> bool:
    """Unknown fits anything; a country fits the places inside it; else the same GeoNames
    id or within ``SAME_PLACE_KM``."""
    if a is None or b is None:
        return True
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    if "country" in (a.kind, b.kind):
        return bool(a.country and a.country == b.country)
    if None not in (a.lat, a.lon, b.lat, b.lon):
        return distance_km(a.lat, a.lon, b.lat, b.lon) <= SAME_PLACE_KM
    return (a.name or a.text).casefold() == (b.name or b.text).casefold()


def compatible_dates(a: TimeRef | None, b: TimeRef | None) -> bool:
    """Unknown fits anything; known dates agree on what both state (a month fits its days)."""
    if a is None or b is None or not a.value or not b.value:
        return True
    day_a, day_b = a.value[:10], b.value[:10]
    if not (day_a[:4].isdigit() and day_b[:4].isdigit()):
        return True  # "XXXX-WXX-1" and the like say nothing comparable
    shorter = min(len(day_a), len(day_b))
    return day_a[:shorter] == day_b[:shorter]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _voice(origin: ArticleView) -> str:
    """Copies speak with their origin's voice: its outlet (or the article) counts once."""
    return origin.article.source or "article:" + origin.id


def _evidence_vector(event: Event, view: ArticleView) -> np.ndarray:
    """The stored vector of the sentence holding the evidence (the article's own parse)."""
    spans = view.sentence_spans
    for position, (start, end) in enumerate(spans):
        if start <= event.evidence.start < end:
            return view.sentence_matrix[position]
    texts = view.sentence_texts
    if event.evidence.sentence in texts:
        return view.sentence_matrix[texts.index(event.evidence.sentence)]
    return np.zeros(view.sentence_matrix.shape[1], dtype=np.float32)


def _merged(group: Sequence[_Report]) -> MergedEvent:
    """The merged event: the first report speaks for it, later ones fill what it lacks; a
    plan that happened is told by the first report that it happened."""
    first = group[0].event
    told = next((r.event for r in group if r.event.mode in _FACTUAL_MODES), first)
    sources: list[str] = []
    independent: set[str] = set()
    for report in group:
        outlet = report.view.article.source
        if outlet and outlet not in sources:
            sources.append(outlet)
        independent.add(report.voice)
    dates = [r.view.published for r in group if r.view.published]
    return MergedEvent(
        id="merged-" + hashlib.sha1(group[0].event.id.encode()).hexdigest()[:12],
        plover=first.plover,
        cameo=first.cameo,
        mode=told.mode,
        source_actor=_named_first([r.event.source_actor for r in group]),
        target_actor=_named_first([r.event.target_actor for r in group]),
        place=_most_specific_place([r.event.place for r in group]),
        date=_most_specific_date([r.event.date for r in group]),
        report_ids=[r.event.id for r in group],
        sources=sources,
        first_reported=min(dates, default=None),
        summary=told.evidence.sentence,
        independent_sources=len(independent),
        background=all(r.event.background for r in group),
        casualties=_casualties(group),
    )


def _casualties(group: Sequence[_Report]) -> list[Casualty]:
    """Every figure the reports give, each once (by outcome, count and whom it counts) with
    the outlets that gave it, in the order they were first reported: disagreeing figures
    stand side by side, none is chosen."""
    figures: dict[tuple[str, str, str], Casualty] = {}
    for report in group:
        for figure in report.event.casualties:
            key = (figure.outcome, figure.count.lower(), figure.who.lower())
            merged = figures.setdefault(key, replace(figure, sources=[]))
            outlet = report.view.article.source or report.view.article.id
            if outlet not in merged.sources:
                merged.sources.append(outlet)
    return list(figures.values())


def _first_known(values):
    return next((v for v in values if v is not None), None)


def _named_first(actors: Sequence[Actor | None]) -> Actor | None:
    """The first actor that names an entity ("Russian Ambassador Alexander
    Botsan-Kharchenko" over "the Russian ambassador"), else the first known."""
    known = [a for a in actors if a is not None]
    return next((a for a in known if a.entity_id), known[0] if known else None)


def _most_specific_date(dates: Sequence[TimeRef | None]) -> TimeRef | None:
    """The dates of one group agree; the longest value says most ("2023-05-30T09:00Z")."""
    known = [d for d in dates if d is not None and d.value]
    return max(known, key=lambda d: len(d.value or ""), default=None) or _first_known(dates)


def _most_specific_place(places: Sequence[Place | None]) -> Place | None:
    known = [p for p in places if p is not None]
    return next((p for p in known if p.kind != "country"), known[0] if known else None)
