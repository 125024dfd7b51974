"""Summaries: of an article, of a story, of what is new in a story, and its timeline.

Every summary sentence is a sentence of a source article, verbatim. The only words added are
the date-range header of story summaries and the ``According to <outlet>: `` prefix of a
claim whose sentence does not name its speaker (docs/summaries.md).
"""

from storyline.summarize.article import summarize_article, summarize_text
from storyline.summarize.story import summarize_documents, summarize_story, summarize_whats_new
from storyline.summarize.timeline import timeline, timeline_lines, with_figures

__all__ = [
    "summarize_article",
    "summarize_documents",
    "summarize_story",
    "summarize_text",
    "summarize_whats_new",
    "timeline",
    "timeline_lines",
    "with_figures",
]
