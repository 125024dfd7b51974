"""The timeline: time order, the date at its own precision, modes marked."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from storyline.records import MergedEvent, TimeRef
from storyline.summarize import timeline, timeline_lines, with_figures
from storyline.summarize.dates import format_period


def event(event_id: str, mode: str = "asserted", value: str | None = None,
          precision: str | None = None, reported: datetime | None = None,
          zone: str | None = None, plover: str = "PROTEST",
          sentence: str | None = None) -> MergedEvent:
    date = TimeRef(0, 5, "text", "DATE", value, precision, zone) if value else None
    return MergedEvent(
        id=event_id, plover=plover, cameo="14", mode=mode, source_actor=None,
        target_actor=None, place=None, date=date, report_ids=[f"{event_id}-r"],
        sources=["Harbor Times"], first_reported=reported,
        summary=sentence or f"Sentence of {event_id}.",
    )


REPORTED = datetime(2024, 3, 13, 9, 30, tzinfo=timezone(timedelta(hours=2)))


@pytest.fixture()
def entries():
    events = [
        event("meeting", "planned", "2024-03-15", "day"),
        event("no-troops", "negated", "2024-03-12", "day"),
        event("storm", value="2024-03-12T21:00Z", precision="minute"),
        event("season", value="2024-03", precision="month"),
        event("undated"),
        event("protest", reported=REPORTED),
        event("pumping", value="2024-03-14T08:00", precision="minute", zone="Europe/Belgrade"),
        event("weekday", "hypothetical", "XXXX-WXX-1", reported=REPORTED + timedelta(hours=23)),
    ]
    return {e["event_id"]: e for e in timeline(events)}, [e["event_id"] for e in timeline(events)]


def test_timeline_is_in_time_order_with_undated_last(entries):
    _, order = entries
    assert order == ["season", "no-troops", "storm", "protest", "weekday", "pumping", "meeting",
                     "undated"]


def test_dates_show_their_precision(entries):
    by_id, _ = entries
    assert by_id["season"]["when"] == "March 2024"
    assert by_id["meeting"]["when"] == "15 March 2024"
    assert by_id["storm"]["when"] == "12 March 2024 21:00 UTC"
    assert by_id["pumping"]["when"] == "14 March 2024 07:00 UTC"  # Belgrade was UTC+1
    assert by_id["protest"]["when"] == "13 March 2024 07:30 UTC (reported)"
    assert by_id["protest"]["dated_by"] == "report" and by_id["storm"]["dated_by"] == "event"
    assert by_id["undated"]["when"] == "undated" and by_id["undated"]["dated_by"] is None


def test_modes_are_marked_and_only_asserted_events_happened(entries):
    by_id, _ = entries
    assert by_id["meeting"]["mark"] == "[planned]"
    assert by_id["no-troops"]["mark"] == "[denied/negated]"
    assert by_id["weekday"]["mark"] == "[hypothetical]"
    assert by_id["storm"]["mark"] == ""
    assert by_id["storm"]["happened"] and by_id["storm"]["status"] == "happened"
    for not_happened in ("no-troops", "weekday"):
        assert not by_id[not_happened]["happened"]
        assert by_id[not_happened]["status"] == "not happened"
    assert by_id["meeting"]["status"] == "announced" and not by_id["meeting"]["happened"]


def test_timeline_text_is_the_origin_sentence(entries):
    by_id, _ = entries
    assert by_id["storm"]["text"] == "Sentence of storm."
    assert timeline([]) == []


@pytest.mark.parametrize(
    "first, last, expected",
    [
        (datetime(2023, 5, 26, 9, tzinfo=UTC), datetime(2023, 5, 26, 23, tzinfo=UTC),
         "26 May 2023"),
        (datetime(2023, 5, 26, tzinfo=UTC), datetime(2023, 5, 30, tzinfo=UTC), "26–30 May 2023"),
        (datetime(2023, 4, 30, tzinfo=UTC), datetime(2023, 5, 2, tzinfo=UTC),
         "30 April – 2 May 2023"),
        (datetime(2022, 12, 30, tzinfo=UTC), datetime(2023, 1, 2, tzinfo=UTC),
         "30 December 2022 – 2 January 2023"),
        (None, None, "dates unknown"),
    ],
)
def test_format_period(first, last, expected):
    assert format_period(first, last) == expected


def test_parts_of_day_show_their_day_and_weeks_fall_back_to_the_report():
    morning, week = timeline([
        event("morning", value="2024-03-13TMO", precision="day"),
        event("week", value="2024-W11", reported=REPORTED + timedelta(days=3)),
    ])
    assert morning["when"] == "13 March 2024" and morning["dated_by"] == "event"
    assert week["dated_by"] == "report" and week["when"].endswith("(reported)")


def test_events_of_one_sentence_and_date_are_one_line_what_happened_first():
    said = "The mayor urged the crowd to leave and warned of arrests."
    events = [event("leave", "hypothetical", "2024-03-12", "day", plover="YIELD", sentence=said),
              event("urge", value="2024-03-12", precision="day", plover="REQUEST", sentence=said),
              event("warn", value="2024-03-12", precision="day", plover="THREATEN",
                    sentence=said),
              event("later", value="2024-03-13", precision="day", plover="REQUEST",
                    sentence=said),
              event("go", "hypothetical", "2024-03-12", "day", plover="YIELD", sentence=said)]
    lines = timeline_lines(timeline(events))
    assert [(line["when"], line["kinds"]) for line in lines] == [
        ("12 March 2024", ["REQUEST", "THREATEN", "YIELD [hypothetical]"]),
        ("13 March 2024", ["REQUEST"])]


def test_an_undated_background_act_is_shown_before_its_report_not_at_it():
    told_as_news = event("protest", reported=REPORTED)
    background = event("boycott", reported=REPORTED)
    background.background = True  # "a vote that the rebels boycotted": done before the report
    by_id = {e["event_id"]: e for e in timeline([told_as_news, background])}
    assert by_id["boycott"]["when"] == "before 13 March 2024 07:30 UTC (reported)"
    assert by_id["boycott"]["dated_by"] == "before report"
    assert [e["event_id"] for e in timeline([told_as_news, background])] == ["boycott", "protest"]


def test_a_line_shows_the_figures_its_reports_give():
    line = {"text": "Rebels clashed with the army.", "casualties": [
        "about 20 soldiers injured (Valley News)", "dozens of people injured (Wire)"]}
    assert with_figures(line) == ("Rebels clashed with the army. — about 20 soldiers injured "
                                  "(Valley News); dozens of people injured (Wire)")
    assert with_figures(line | {"casualties": []}) == "Rebels clashed with the army."
