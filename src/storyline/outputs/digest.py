"""The terminal digest: each story with its summary and key events, short enough to read."""

from __future__ import annotations

from storyline.outputs.briefing import period
from storyline.outputs.view import BriefingData
from storyline.records import MergedEvent
from storyline.summarize import timeline, timeline_lines, with_figures

EVENTS_PER_STORY = 5


def key_events(events: list[MergedEvent], count: int = EVENTS_PER_STORY) -> list[MergedEvent]:
    """The events most widely reported, things that happened before announcements."""
    ranked = sorted(events, key=lambda e: (e.mode != "asserted", -len(set(e.sources)),
                                           -len(e.report_ids)))
    return ranked[:count]


def render_digest(data: BriefingData) -> str:
    if not data.stories:
        return "No stories yet."
    blocks = []
    for story in data.stories:
        header, *summary = story.summary or [period(story)]
        lines = [f"■ {story.title}", f"  {header}", *(f"  • {sentence}" for sentence in summary)]
        if items := timeline_lines(timeline(key_events(data.story_events(story)))):
            lines.append("  Key events:")
            lines += [f"    {t['when']} · {', '.join(t['kinds'])}: {with_figures(t)}"
                      for t in items]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
