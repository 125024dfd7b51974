"""Cross-article event merging: one real event, every report of it, copies counted once."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

import numpy as np
import pytest

from storyline.extract.casualties import describe
from storyline.link import cluster_stories, find_links, merge_events
from storyline.link.events import (
    _merged,
    _Report,
    compatible_actors,
    compatible_dates,
    compatible_modes,
    compatible_places,
    compatible_reports,
    joins,
)
from storyline.outputs.exports import event_row, fatalities
from storyline.records import (
    Actor,
    Annotation,
    Casualty,
    Event,
    Evidence,
    Extraction,
    MergedEvent,
    Place,
    TimeRef,
)
from tests.test_link_support import corpus_of, fixture

KFOR = Actor("KFOR", entity_id="kfor", country="IGO", sector="MIL")
PROTESTERS = Actor("Serb protesters", country="SRB", sector="CVL")
ZVECAN = Place(0, 0, "Zvecan", "Zvečan", 9001, 42.91, 20.84, "XK", kind="city")
KOSOVO = Place(0, 0, "Kosovo", "Kosovo", 831053, 42.58, 20.89, "XK", kind="country")
MAY_29 = TimeRef(0, 0, "Monday", "DATE", "2023-05-29", "day")


def report(annotation: Annotation, sentence: int, plover: str = "ASSAULT",
           date: TimeRef | None = MAY_29, place: Place | None = ZVECAN) -> Event:
    span = annotation.sentences[sentence]
    article = annotation.article
    evidence = Evidence(article.id, span.text, span.start, span.end, article.source,
                        article.published)
    return Event(f"{article.id}-{sentence}-{plover}", plover, "18" if plover == "ASSAULT"
                 else "15", "asserted", "attacked", evidence, source_actor=PROTESTERS,
                 target_actor=KFOR, place=place, date=date)


def merged_of(annotations: list[Annotation], events: dict[str, list[Event]]):
    corpus = corpus_of(*annotations)
    corpus.extractions = [Extraction(a.article.id, events.get(a.article.id, []), [])
                          for a in annotations]
    links = find_links(corpus)
    return merge_events(corpus, cluster_stories(corpus, links), links)


@pytest.mark.slow
def test_one_event_reported_by_copies_and_an_independent_outlet() -> None:
    names = ["origin", "near_copy", "credited_copy", "paraphrase", "same_story"]
    annotations = {n: fixture(n) for n in names}
    # Sentence 1 of each tells of the attack on KFOR (the weekly with its own numbers).
    events = {n: [report(a, 1)] for n, a in annotations.items()}
    events["origin"].append(report(annotations["origin"], 6, plover="MOBILIZE"))
    merged = merged_of(list(annotations.values()), events)

    assault = next(m for m in merged if m.plover == "ASSAULT")
    assert sorted(assault.report_ids) == sorted(e.id for n in names for e in events[n][:1])
    assert assault.report_ids[0] == events["origin"][0].id
    assert assault.sources == ["Adriatic Press Agency", "Morning Courier Online",
                               "Balkan Briefing", "Evening Ledger", "Pristina Weekly"]
    assert assault.independent_sources == 2  # the wire (with its copies) and the weekly
    assert assault.first_reported == annotations["origin"].article.published
    assert assault.summary == events["origin"][0].evidence.sentence
    assert assault.place == ZVECAN and assault.target_actor == KFOR
    mobilize = [m for m in merged if m.plover == "MOBILIZE"]
    assert len(mobilize) == 1 and mobilize[0].independent_sources == 1


@pytest.mark.slow
def test_reports_with_different_dates_or_stories_stay_apart() -> None:
    origin, weekly, other_year = fixture("origin"), fixture("same_story"), fixture("earlier_year")
    may_28 = TimeRef(0, 0, "Sunday", "DATE", "2023-05-28", "day")
    events = {
        "origin": [report(origin, 1)],
        "same_story": [report(weekly, 0, date=may_28)],
        "earlier_year": [report(other_year, 1, date=None)],
    }
    merged = merged_of([origin, weekly, other_year], events)
    assert sorted(len(m.report_ids) for m in merged) == [1, 1, 1]


def test_actors_fit_when_unknown_the_same_entity_or_the_same_country_and_sector() -> None:
    assert compatible_actors(None, KFOR)
    assert compatible_actors(KFOR, Actor("NATO peacekeepers", entity_id="kfor"))
    assert compatible_actors(PROTESTERS, Actor("local Serbs", country="SRB", sector="CVL"))
    assert not compatible_actors(PROTESTERS, Actor("Serbian army", country="SRB",
                                                    sector="MIL"))
    assert not compatible_actors(KFOR, Actor("Kosovo police", entity_id="kosovo-police"))
    # one sector and no conflicting country: two names for the same side
    peacekeepers = Actor("NATO-led peacekeepers", entity_id="nato-led", sector="MIL")
    assert compatible_actors(Actor("KFOR peacekeepers", entity_id="kfor-p", sector="MIL"),
                             peacekeepers)
    assert compatible_actors(PROTESTERS, Actor("demonstrators", entity_id="demo", sector="CVL"))
    assert not compatible_actors(Actor("Kosovo police", country="XKX", sector="COP"),
                                 Actor("Serbian police", country="SRB", sector="COP"))


def test_places_fit_when_unknown_inside_the_same_country_or_close_by() -> None:
    near = Place(0, 0, "North Mitrovica", "North Mitrovica", 9003, 42.89, 20.87, "XK",
                 kind="city")
    far = Place(0, 0, "Belgrade", "Belgrade", 792680, 44.80, 20.47, "RS", kind="city")
    assert compatible_places(None, ZVECAN)
    assert compatible_places(ZVECAN, KOSOVO)
    assert compatible_places(ZVECAN, near)
    assert not compatible_places(ZVECAN, far)
    assert not compatible_places(far, KOSOVO)


def test_dates_and_modes() -> None:
    may = TimeRef(0, 0, "May", "DATE", "2023-05", "month")
    may_28 = TimeRef(0, 0, "Sunday", "DATE", "2023-05-28", "day")
    assert compatible_dates(MAY_29, may) and compatible_dates(None, MAY_29)
    assert not compatible_dates(MAY_29, may_28)
    assert compatible_modes("asserted", "claimed")
    assert not compatible_modes("asserted", "negated")
    assert not compatible_modes("planned", "asserted")


@pytest.mark.slow
def test_a_copy_typed_otherwise_joins_its_origins_event() -> None:
    names = ["origin", "near_copy", "same_story"]
    annotations = {n: fixture(n) for n in names}
    events = {
        "origin": [report(annotations["origin"], 1)],
        # the typer read the copy's sentence as a protest; the independent weekly too
        "near_copy": [report(annotations["near_copy"], 1, plover="PROTEST")],
        "same_story": [report(annotations["same_story"], 1, plover="PROTEST")],
    }
    merged = merged_of(list(annotations.values()), events)
    assault = next(m for m in merged if m.plover == "ASSAULT")
    assert sorted(assault.report_ids) == sorted(
        [events["origin"][0].id, events["near_copy"][0].id]
    )
    protest = [m for m in merged if m.plover == "PROTEST"]
    assert [m.report_ids for m in protest] == [[events["same_story"][0].id]]


def _bare_report(name: str, vector: list[float], source_actor: Actor = PROTESTERS,
                 date: TimeRef | None = MAY_29) -> _Report:
    """A report with a chosen evidence vector (unit length), without an article behind it."""
    evidence = Evidence(name, name, 0, len(name), "outlet-" + name, None)
    event = Event(name, "ASSAULT", "18", "asserted", "clashed", evidence,
                  source_actor=source_actor, target_actor=KFOR, place=ZVECAN, date=date)
    unit = np.asarray(vector, dtype=np.float32)
    return _Report(event, None, unit / np.linalg.norm(unit), "outlet-" + name)


def test_a_report_joins_when_similar_to_half_the_group_and_compatible_with_all() -> None:
    # first and third are reworded past the threshold (cosine 0.28), each close to the second
    first = _bare_report("first", [1.0, 0.0, 0.0])
    second = _bare_report("second", [0.8, 0.6, 0.0])
    third = _bare_report("third", [0.28, 0.96, 0.0])
    assert float(first.vector @ third.vector) < 0.5
    assert joins(second, [first]) and joins(third, [first, second])
    assert not joins(third, [first])  # no similar report at all
    # the same words, the same day and place, but other actors or another day: another event
    police = Actor("Kosovo police", country="XKX", sector="COP")
    assert not joins(_bare_report("police", [0.8, 0.6, 0.0], source_actor=police),
                     [first, second, third])
    may_30 = TimeRef(0, 0, "Tuesday", "DATE", "2023-05-30", "day")
    assert not joins(_bare_report("later", [0.8, 0.6, 0.0], date=may_30), [first, second])
    # similar to one report of three is not enough
    far = _bare_report("far", [0.0, 0.0, 1.0])
    assert not joins(_bare_report("edge", [0.6, -0.8, 0.0]), [first, third, far])


def test_a_plan_and_the_report_that_it_happened_on_its_day_are_one_event() -> None:
    plan = _bare_report("plan", [1.0, 0.0, 0.0])
    plan.event.mode, plan.event.target_actor = "planned", Actor("the peacekeepers", sector="MIL")
    done = _bare_report("done", [0.8, 0.6, 0.0])
    done.event.date = TimeRef(0, 0, "Monday at 11:00", "TIME", "2023-05-29T09:00Z", "minute")
    assert joins(done, [plan])
    # without a day on both sides, or with another mode, a plan and an act may be two events
    assert not joins(_bare_report("undated", [0.8, 0.6, 0.0], date=None), [plan])
    may = TimeRef(0, 0, "May", "DATE", "2023-05", "month")
    assert not joins(_bare_report("in May", [0.8, 0.6, 0.0], date=may), [plan])
    denied = _bare_report("denied", [0.8, 0.6, 0.0])
    denied.event.mode = "negated"
    assert not joins(denied, [plan])
    # the merged event tells what happened: its mode, sentence, most specific date and the
    # actor with a name
    for item in (plan, done):
        item.view = SimpleNamespace(article=SimpleNamespace(source=item.voice), published=None)
    merged = _merged([plan, done])
    assert (merged.mode, merged.summary) == ("asserted", "done")
    assert merged.date.value == "2023-05-29T09:00Z"
    assert merged.target_actor == KFOR and merged.id == _merged([plan]).id


def test_an_undated_report_published_before_the_day_of_an_event_is_not_of_it() -> None:
    dated = _bare_report("dated", [1.0, 0.0, 0.0])  # the act of 29 May
    friday, tuesday = datetime(2023, 5, 26, 12, tzinfo=UTC), datetime(2023, 5, 30, 8, tzinfo=UTC)
    for name, published, fits in (("earlier", friday, False), ("later", tuesday, True)):
        undated = _bare_report(name, [0.8, 0.6, 0.0], date=None)
        undated.view = SimpleNamespace(published=published)
        assert compatible_reports(undated, dated) is fits and joins(undated, [dated]) is fits


def test_figures_that_disagree_stand_side_by_side_with_their_outlets() -> None:
    reports = [_bare_report(name, [1.0, 0.0, 0.0]) for name in ("wire", "copy", "weekly")]
    dozens = Casualty("injured", "Dozens", "people")
    reports[0].event.casualties = [dozens, Casualty("killed", "two", "protesters", 2)]
    reports[1].event.casualties = [Casualty("injured", "dozens", "people")]
    reports[2].event.casualties = [Casualty("injured", "about 30", "soldiers", 30),
                                   Casualty("killed", "one", "protester", 1)]
    for item in reports:
        item.view = SimpleNamespace(article=SimpleNamespace(source=item.voice, id=item.voice),
                                    published=None)
    merged = _merged(reports)
    assert [(describe(c), c.sources) for c in merged.casualties] == [
        ("dozens of people injured", ["outlet-wire", "outlet-copy"]),
        ("two protesters killed", ["outlet-wire"]),
        ("about 30 soldiers injured", ["outlet-weekly"]),
        ("one protester killed", ["outlet-weekly"]),
    ]
    assert fatalities(merged) == 1  # ACLED's most conservative count of the dead
    assert not dozens.sources  # the reports keep their own figures untouched


@pytest.mark.parametrize(("value", "date", "precision"), [
    ("2023-05-29TEV", "2023-05-29", "day"),  # a part of a day is given as its day
    (None, None, None),  # a date the text gives but that has no calendar value
])
def test_the_events_table_gives_a_plain_date_or_none(value, date, precision):
    when = TimeRef(0, 5, "later", "DATE", value, precision if value else None)
    event = MergedEvent(id="m", plover="PROTEST", cameo="14", mode="asserted",
                        source_actor=None, target_actor=None, place=None, date=when,
                        report_ids=["r"], sources=["Wire"], first_reported=None,
                        summary="Crowds gathered.")
    row = event_row(event, {})
    assert (row["event_date"], row["date_precision"]) == (date, precision)
