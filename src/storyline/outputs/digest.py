"""The terminal digest: each story with its summary and key events, short enough to read."""

from __future__ import annotations

from storyline.outputs.briefing import period
from storyline.outputs.view import BriefingData
from storyline.summarize import timeline

EVENTS_PER_STORY = 5


def render_digest(data: BriefingData) -> str:
    if not data.stories:
        return "No stories yet."
    blocks = []
    for story in data.stories:
        lines = [
            f"■ {story.title}",
            f"  {period(story)} · {len(story.article_ids)} articles",
            *(f"  • {sentence}" for sentence in story.summary),
        ]
        items = timeline(data.story_events(story))[:EVENTS_PER_STORY]
        if items:
            lines.append("  Key events:")
            lines += [f"    {t['when']}: {t['text']} {t['mark']}".rstrip() for t in items]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
