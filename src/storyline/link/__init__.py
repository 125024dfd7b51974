"""Link: duplicates and rewrites traced to their origin, stories, merged events."""

from storyline.link.duplicates import find_links
from storyline.link.events import merge_events
from storyline.link.stories import cluster_stories

__all__ = ["cluster_stories", "find_links", "merge_events"]
