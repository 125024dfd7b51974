"""Exports for researchers: one row per merged event (events.csv, ACLED-like columns), one
row per report (mentions.csv, like GDELT's events/mentions split), JSON lines, claims,
articles and a GeoJSON of places. Columns are documented in docs/exports.md."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from storyline.annotate.timevalues import calendar_value
from storyline.extract.casualties import describe_reported
from storyline.extract.claims import reports_speech
from storyline.outputs.view import BriefingData
from storyline.records import Actor, Entity, MergedEvent, to_dict

EVENT_COLUMNS = [
    "event_id", "event_date", "date_precision", "event_type", "cameo_root", "mode",
    "actor1", "actor1_entity", "actor1_country", "actor1_sector",
    "actor2", "actor2_entity", "actor2_country", "actor2_sector",
    "country", "admin1", "location", "geonameid", "latitude", "longitude",
    "reports", "sources", "source", "first_reported", "story_id", "fatalities", "casualties",
    "notes",
]
MENTION_COLUMNS = [
    "event_id", "report_id", "article_id", "source", "published", "url", "event_type", "mode",
    "trigger", "confidence", "sentence", "sentence_start", "sentence_end",
]
CLAIM_COLUMNS = [
    "claim_id", "article_id", "story_id", "source", "published", "speaker", "speaker_entity",
    "speaker_antecedent", "cue", "addressee", "addressee_entity", "direct", "kind", "speech",
    "content", "event_ids",
]


def write_exports(data: BriefingData, out: Path) -> dict[str, Path]:
    paths = {
        "events.csv": _write_csv(out / "events.csv", EVENT_COLUMNS,
                                 (event_row(e, data.entities) for e in data.events)),
        "mentions.csv": _write_csv(out / "mentions.csv", MENTION_COLUMNS, mention_rows(data)),
        "claims.csv": _write_csv(out / "claims.csv", CLAIM_COLUMNS, claim_rows(data)),
        "events.jsonl": _write_jsonl(out / "events.jsonl", event_records(data)),
        "articles.jsonl": _write_jsonl(out / "articles.jsonl", article_records(data)),
        "places.geojson": out / "places.geojson",
    }
    paths["places.geojson"].write_text(json.dumps(places_geojson(data), ensure_ascii=False))
    return paths


def event_row(event: MergedEvent, entities: Mapping[str, Entity]) -> dict[str, Any]:
    place = event.place
    date = event.date if event.date and event.date.value else None  # "later": no value
    return {
        "event_id": event.id,
        "event_date": calendar_value(date.value) if date else None,
        "date_precision": date.precision if date else None,
        "event_type": event.plover,
        "cameo_root": event.cameo,
        "mode": event.mode,
        **_actor_columns("actor1", event.source_actor, entities),
        **_actor_columns("actor2", event.target_actor, entities),
        "country": place.country if place else None,
        "admin1": place.admin1 if place else None,
        "location": place.name or place.text if place else None,
        "geonameid": place.geonameid if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "reports": len(event.report_ids),
        "sources": len(set(event.sources)),
        "source": "; ".join(dict.fromkeys(event.sources)),
        "first_reported": event.first_reported.isoformat() if event.first_reported else None,
        "story_id": event.story_id,
        "fatalities": fatalities(event),
        "casualties": "; ".join(map(describe_reported, event.casualties)),
        "notes": event.summary,
    }


def fatalities(event: MergedEvent) -> int | None:
    """ACLED's count of the dead: the most conservative number a report gives (None when no
    report counts them)."""
    counts = [c.number for c in event.casualties if c.outcome == "killed" and c.number is not None]
    return min(counts, default=None)


def mention_rows(data: BriefingData) -> Iterable[dict[str, Any]]:
    for event in data.events:
        for report in (data.reports[r] for r in event.report_ids if r in data.reports):
            article = data.articles[report.evidence.article_id].article
            yield {
                "event_id": event.id,
                "report_id": report.id,
                "article_id": article.id,
                "source": article.source,
                "published": article.published.isoformat() if article.published else None,
                "url": article.url,
                "event_type": report.plover,
                "mode": report.mode,
                "trigger": report.trigger,
                "confidence": report.confidence,
                "sentence": report.evidence.sentence,
                "sentence_start": report.evidence.start,
                "sentence_end": report.evidence.end,
            }


def claim_rows(data: BriefingData) -> Iterable[dict[str, Any]]:
    for claim in data.claims:
        article = data.articles[claim.evidence.article_id].article
        entity = data.entities.get(claim.speaker_entity_id or "")
        addressee = data.entities.get(claim.addressee_entity_id or "")
        yield {
            "claim_id": claim.id,
            "article_id": article.id,
            "story_id": article.story_id,
            "source": article.source,
            "published": article.published.isoformat() if article.published else None,
            "speaker": claim.speaker,
            "speaker_entity": entity.name if entity else None,
            "speaker_antecedent": claim.speaker_antecedent,
            "cue": claim.cue,
            "addressee": claim.addressee,
            "addressee_entity": addressee.name if addressee else None,
            "direct": claim.direct,
            "kind": claim.kind,
            "speech": reports_speech(claim),
            "content": claim.content,
            "event_ids": " ".join(claim.event_ids),
        }


def event_records(data: BriefingData) -> Iterable[dict[str, Any]]:
    """Merged events with every report inside, PLOVER/POLECAT-style."""
    for event in data.events:
        record = to_dict(event)
        record["reports"] = [to_dict(data.reports[r]) for r in event.report_ids
                             if r in data.reports]
        yield record


def article_records(data: BriefingData) -> Iterable[dict[str, Any]]:
    for annotation in data.articles.values():
        record = to_dict(annotation.article)
        record["summary"] = [annotation.sentences[i].text for i in annotation.article.summary]
        yield record


def places_geojson(data: BriefingData) -> dict[str, Any]:
    """One point per resolved place, with its mention count and articles."""
    found: dict[Any, dict[str, Any]] = {}
    articles: dict[Any, set[str]] = defaultdict(set)
    for annotation in data.articles.values():
        for place in annotation.places:
            if place.lat is None or place.lon is None:
                continue
            key = place.geonameid or (place.name, place.lat, place.lon)
            feature = found.setdefault(key, {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
                "properties": {"name": place.name or place.text, "geonameid": place.geonameid,
                               "country": place.country, "kind": place.kind, "mentions": 0},
            })
            feature["properties"]["mentions"] += 1
            articles[key].add(annotation.article.id)
    for key, feature in found.items():
        feature["properties"]["articles"] = sorted(articles[key])
    return {"type": "FeatureCollection", "features": list(found.values())}


def _actor_columns(
    prefix: str, actor: Actor | None, entities: Mapping[str, Entity]
) -> dict[str, Any]:
    entity = entities.get(actor.entity_id or "") if actor else None
    return {
        prefix: actor.text if actor else None,
        f"{prefix}_entity": entity.name if entity else None,
        f"{prefix}_country": actor.country if actor else None,
        f"{prefix}_sector": actor.sector if actor else None,
    }


def _write_csv(path: Path, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


def _write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path
