"""The timeline: one line per merged event, in time order, with what did not happen marked."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from storyline.extract.casualties import describe_reported
from storyline.records import MergedEvent
from storyline.summarize.dates import format_moment, read_time

# Modes that report something that did not (or not yet) happen, and how each is marked.
MARKS: dict[str, str] = {
    "planned": "[planned]",
    "threatened": "[threatened]",
    "negated": "[denied/negated]",
    "hypothetical": "[hypothetical]",
    "claimed": "[claimed]",
}
STATUS: dict[str, str] = {
    "asserted": "happened",
    "claimed": "claimed",  # happened according to a speaker, not established
    "planned": "announced",
    "threatened": "announced",
    "negated": "not happened",
    "hypothetical": "not happened",
}
_LAST = datetime.max.replace(tzinfo=UTC)
UNDATED = "undated"  # neither the text nor a publication time says when
# At one moment: dated by the text, then what was done before the report, then the report.
_DATED_BY_ORDER = {"event": 0, "before report": 1, "report": 2, None: 3}


def timeline(events: list[MergedEvent]) -> list[dict[str, Any]]:
    """One entry per event, earliest first (undated events last). Each entry is a dict:

    - ``when``: the event's date at the precision the source gave ("May 2023", "29 May 2023",
      "30 May 2023 09:00 UTC"), or its first report time "30 May 2023 09:00 UTC (reported)";
      "before 30 May 2023 09:00 UTC (reported)" for an undated act told as background (done
      before the report); "undated" when neither is known;
    - ``dated_by``: "event", "report", "before report" or None; ``date``: the ISO value
      behind ``when``;
    - ``text``: the evidence sentence of the origin report, verbatim;
    - ``mode`` and ``mark`` ("[planned]", "[denied/negated]", ... ; "" when asserted);
    - ``status``: "happened" (asserted), "claimed" (a speaker says so), "announced" (planned,
      threatened) or "not happened" (negated, hypothetical); ``happened`` is True only for
      "happened", so denied and hypothetical events are never shown as things that happened;
    - ``event_id``, ``plover``, ``cameo``, ``sources``;
    - ``casualties``: every figure of injured and dead its reports give, with the outlets
      that gave it ("about 30 soldiers injured (Balkan Wire)"): disagreeing counts side by
      side.
    """
    return [entry for _, entry in sorted((_entry(e) for e in events), key=lambda p: p[0])]


def timeline_lines(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The timeline as a reader sees it: the events one sentence reports on one date ("called
    on the West to stop blaming ... and warned that ...": a REQUEST, a THREATEN and what was
    asked for) are one line. Each line is its first entry with ``kinds``, each "PLOVER
    [mark]" of its events once, what happened first."""
    lines: dict[tuple[str, str], dict[str, Any]] = {}
    for entry in entries:
        line = lines.setdefault((entry["when"], entry["text"]), entry | {"events": []})
        line["events"].append(entry)
    for line in lines.values():
        events = sorted(line.pop("events"), key=lambda e: not e["happened"])
        line["kinds"] = list(dict.fromkeys(f"{e['plover']} {e['mark']}".rstrip() for e in events))
        line["casualties"] = list(dict.fromkeys(c for e in events for c in e["casualties"]))
    return list(lines.values())


def with_figures(line: dict[str, Any]) -> str:
    """A line's sentence followed by the casualty figures its reports give, if any."""
    figures = "; ".join(line["casualties"])
    return f"{line['text']} — {figures}" if figures else line["text"]


def _entry(event: MergedEvent) -> tuple[tuple[datetime, int], dict[str, Any]]:
    when, moment, dated_by, value = UNDATED, _LAST, None, None
    read = read_time(event.date) if event.date else None
    if read:
        (moment, when), dated_by, value = read, "event", event.date.value
    elif event.first_reported and event.background:
        # done before the report, when not said: placed at its report, not as of then
        moment, dated_by = event.first_reported, "before report"
        when, value = f"before {format_moment(moment)} (reported)", moment.isoformat()
    elif event.first_reported:
        moment, dated_by = event.first_reported, "report"
        when, value = f"{format_moment(moment)} (reported)", moment.isoformat()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    entry = {
        "when": when,
        "dated_by": dated_by,
        "date": value,
        "text": event.summary,
        "mode": event.mode,
        "mark": MARKS.get(event.mode, ""),
        "status": STATUS.get(event.mode, "claimed"),
        "happened": event.mode == "asserted",
        "event_id": event.id,
        "plover": event.plover,
        "cameo": event.cameo,
        "sources": list(event.sources),
        "casualties": [describe_reported(c) for c in event.casualties],
    }
    # Within a day, events dated by the text come before those only dated by their report.
    return (moment, _DATED_BY_ORDER[dated_by]), entry
