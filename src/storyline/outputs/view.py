"""The read model every output renders from: loaded from the store once, then sliced
per story (its events, claims, places and sources)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime

from storyline.outputs.mapsvg import MapPoint
from storyline.records import (
    Annotation,
    Claim,
    Entity,
    Event,
    Link,
    MergedEvent,
    Problem,
    Story,
)
from storyline.store import Store

NEVER = datetime.max.replace(tzinfo=UTC)


@dataclass
class BriefingData:
    stories: list[Story]
    events: list[MergedEvent]
    reports: dict[str, Event]
    claims: list[Claim]
    articles: dict[str, Annotation]
    entities: dict[str, Entity]
    links: list[Link]
    problems: list[Problem] = field(default_factory=list)

    def story_of_event(self, event: MergedEvent) -> str | None:
        for report_id in event.report_ids:
            if report := self.reports.get(report_id):
                return self.articles[report.evidence.article_id].article.story_id
        return None

    def story_events(self, story: Story) -> list[MergedEvent]:
        return [e for e in self.events if self.story_of_event(e) == story.id]

    def story_claims(self, story: Story) -> list[Claim]:
        members = set(story.article_ids)
        return [c for c in self.claims if c.evidence.article_id in members]

    def story_articles(self, story: Story) -> list[Annotation]:
        members = [self.articles[a] for a in story.article_ids if a in self.articles]
        return sorted(members, key=lambda a: a.article.published or NEVER)

    def story_places(self, story: Story) -> list[MapPoint]:
        counts: Counter[tuple[str, float, float]] = Counter()
        for annotation in self.story_articles(story):
            for place in annotation.places:
                if place.lat is not None and place.lon is not None and place.kind != "country":
                    counts[(place.name or place.text, place.lat, place.lon)] += 1
        return [MapPoint(name, lat, lon, n) for (name, lat, lon), n in counts.items()]

    def copies_of(self, article_id: str) -> list[Link]:
        return [link for link in self.links if link.origin_id == article_id]

    def origin_of(self, article_id: str) -> Link | None:
        return next((link for link in self.links if link.article_id == article_id), None)


def load_briefing(
    store: Store, story_ids: Collection[str] | None = None, vectors: bool = False
) -> BriefingData:
    """Everything stored, or just the named stories and what belongs to them."""
    stories = store.stories(story_ids)
    article_ids = None if story_ids is None else [a for s in stories for a in s.article_ids]
    corpus = store.load_corpus(article_ids, vectors=vectors)
    entities = {e.id: e for a in corpus.annotations for e in a.entities}
    if story_ids is None:  # the corpus-level entities carry every alias seen
        entities |= {i: e for e in store.entities() for i in (e.id, *e.merged_ids)}
    return BriefingData(
        stories=stories,
        events=sorted(store.merged_events(story_ids), key=_event_order),
        reports={e.id: e for x in corpus.extractions for e in x.events},
        claims=[c for x in corpus.extractions for c in x.claims],
        articles={a.article.id: a for a in corpus.annotations},
        entities=entities,
        links=store.links(article_ids),
        problems=store.problems() if story_ids is None else [],
    )


def _event_order(event: MergedEvent) -> tuple[str, str]:
    date = event.date.value if event.date and event.date.value else ""
    first = event.first_reported.isoformat() if event.first_reported else ""
    return (date or first or "9999", first)
