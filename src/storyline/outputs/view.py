"""The read model every output renders from: loaded from the store once, then sliced
per story (its events, claims, places and sources)."""

from __future__ import annotations

from collections import Counter
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


def load_briefing(store: Store) -> BriefingData:
    corpus = store.load_corpus()
    articles = {a.article.id: a for a in corpus.annotations}
    reports = {e.id: e for x in corpus.extractions for e in x.events}
    events = sorted(store.merged_events(), key=_event_order)
    return BriefingData(
        stories=store.stories(),
        events=events,
        reports=reports,
        claims=[c for x in corpus.extractions for c in x.claims],
        articles=articles,
        entities={i: e for e in store.entities() for i in (e.id, *e.merged_ids)},
        links=store.links(),
        problems=store.problems(),
    )


def _event_order(event: MergedEvent) -> tuple[str, str]:
    date = event.date.value if event.date and event.date.value else ""
    first = event.first_reported.isoformat() if event.first_reported else ""
    return (date or first or "9999", first)
