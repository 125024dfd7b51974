"""The JSON API: stories, articles, events, claims, places, search; CSV and GeoJSON
downloads; POST /api/articles to add articles (token required)."""

from __future__ import annotations

import csv
import io
import json
import secrets
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from storyline.outputs.exports import EVENT_COLUMNS, event_row, places_geojson
from storyline.outputs.view import load_briefing
from storyline.records import Problem, RawDocument, to_dict
from storyline.store import EventFilters, Store
from storyline.web.fetch import FetchRefused, fetch_document


class ErrorBody(BaseModel):
    """Every error the API returns: a clear message, never a stack trace."""

    error: str
    details: list[str] | None = None


ERRORS = {status: {"model": ErrorBody} for status in (400, 401, 403, 404, 413, 422, 500)}
router = APIRouter(prefix="/api", responses=ERRORS)
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]


def get_store(request: Request) -> Store:
    return request.app.state.store


StoreDep = Annotated[Store, Depends(get_store)]


def event_filters(
    type: str | None = None, mode: str | None = None, actor: str | None = None,
    country: str | None = None, place: str | None = None, date_from: str | None = None,
    date_to: str | None = None, story: str | None = None,
) -> EventFilters:
    """Filters for events: PLOVER type, mode, actor (name or code), place country (ISO-2),
    place name, date range (ISO dates) and story id."""
    return EventFilters(type, mode, actor, country, place, date_from, date_to, story)


FiltersDep = Annotated[EventFilters, Depends(event_filters)]


def page(items: list[Any], total: int, limit: int, offset: int) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/stories")
def list_stories(store: StoreDep, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    stories = store.stories()
    return page([to_dict(s) for s in stories[offset:offset + limit]], len(stories), limit, offset)


@router.get("/stories/{story_id}")
def get_story(story_id: str, store: StoreDep) -> dict[str, Any]:
    data = load_briefing(store, [story_id], vectors=False)
    if not data.stories:
        raise HTTPException(404, f"no story with id {story_id}")
    story = to_dict(data.stories[0])
    story["events"] = [to_dict(e) for e in data.events]
    story["claims"] = [to_dict(c) for c in data.claims]
    story["links"] = [to_dict(link) for link in data.links]
    return story


@router.get("/articles")
def list_articles(store: StoreDep, story: str | None = None, limit: Limit = 50,
                  offset: Offset = 0) -> dict[str, Any]:
    total, articles = store.find_articles(story, limit, offset)
    return page([to_dict(a) for a in articles], total, limit, offset)


@router.get("/articles/{article_id}")
def get_article(article_id: str, store: StoreDep) -> dict[str, Any]:
    corpus = store.load_corpus([article_id], vectors=False)
    if not corpus.annotations:
        raise HTTPException(404, f"no article with id {article_id}")
    record = to_dict(corpus.annotations[0])
    record["events"] = to_dict(corpus.extractions[0].events)
    record["claims"] = to_dict(corpus.extractions[0].claims)
    return record


@router.get("/events")
def list_events(store: StoreDep, filters: FiltersDep, limit: Limit = 100,
                offset: Offset = 0) -> dict[str, Any]:
    total, events = store.find_merged_events(filters, limit, offset)
    return page([to_dict(e) for e in events], total, limit, offset)


def download(media_type: str, kind: str = "string") -> dict[str, Any]:
    """OpenAPI for a file download route."""
    content = {media_type: {"schema": {"type": kind}}}
    return {"response_class": Response, "responses": {200: {"content": content}}}


@router.get("/events.csv", **download("text/csv"))
def events_csv(store: StoreDep, filters: FiltersDep) -> Response:
    _, events = store.find_merged_events(filters, limit=100_000)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EVENT_COLUMNS)
    writer.writeheader()
    entities = {entity.id: entity for entity in store.entities()}
    writer.writerows(event_row(e, entities) for e in events)
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="events.csv"'})


@router.get("/claims")
def list_claims(store: StoreDep, story: str | None = None, speaker: str | None = None,
                limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    total, claims = store.find_claims(story, speaker, limit, offset)
    return page([to_dict(c) for c in claims], total, limit, offset)


@router.get("/places")
def list_places(store: StoreDep, story: str | None = None) -> dict[str, Any]:
    return places_geojson(load_briefing(store, [story] if story else None, vectors=False))


@router.get("/places.geojson", **download("application/geo+json", "object"))
def places_download(store: StoreDep, story: str | None = None) -> Response:
    geojson = list_places(store, story)
    return Response(json.dumps(geojson, ensure_ascii=False), media_type="application/geo+json",
                    headers={"Content-Disposition": 'attachment; filename="places.geojson"'})


@router.get("/search")
def search(store: StoreDep, q: Annotated[str, Query(min_length=1, max_length=200)],
           limit: Limit = 50) -> dict[str, Any]:
    """Articles, events and claims containing every word of ``q`` (accents ignored)."""
    hits = store.search(q, limit)
    return {"query": q, "items": hits}


class NewArticle(BaseModel):
    text: str = Field(min_length=1)
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: datetime | None = None


class NewArticles(BaseModel):
    articles: list[NewArticle] = Field(default_factory=list, max_length=200)
    urls: list[str] = Field(default_factory=list, max_length=50)


def require_token(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    expected = request.app.state.settings.token
    if not expected:
        raise HTTPException(403, "writing is disabled: no token is configured (STORYLINE_TOKEN)")
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not secrets.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(401, "a valid token is required: Authorization: Bearer <token>")


@router.post("/articles", dependencies=[Depends(require_token)])
def add_articles(body: NewArticles, request: Request, store: StoreDep) -> dict[str, Any]:
    """Run new articles (texts, or URLs from allowed hosts) through the pipeline."""
    from storyline.pipeline import RunReport, run_documents  # loads the models: only here

    documents, errors = [], []
    for index, item in enumerate(body.articles):
        published_from = "metadata" if item.published else None
        documents.append(RawDocument(origin=f"api:articles[{index}]", text=item.text,
                                     title=item.title, url=item.url, source=item.source,
                                     published=item.published, published_from=published_from))
    for url in body.urls:
        try:
            fetched = fetch_document(url, request.app.state.settings)
        except (FetchRefused, OSError, ValueError) as error:
            errors.append({"item": url, "error": str(error)})
            continue
        if isinstance(fetched, Problem):
            errors.append({"item": url, "error": fetched.reason})
        else:
            documents.append(fetched)
    report = run_documents(documents, store, RunReport()) if documents else RunReport()
    errors += [{"item": p.origin, "error": p.reason} for p in report.problems]
    return {"read": report.read, "added": report.added,
            "already_stored": report.already_stored, "errors": errors}

