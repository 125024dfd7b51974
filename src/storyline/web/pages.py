"""Server-rendered pages: they work without JavaScript and fetch nothing from outside."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException
from fastapi.responses import HTMLResponse
from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape

from storyline.outputs.briefing import story_view, template_globals
from storyline.outputs.view import load_briefing
from storyline.web.api import FiltersDep, StoreDep
from storyline.web.highlight import highlight_article
from storyline.web.sparkline import sparkline

router = APIRouter(include_in_schema=False)
templates = Environment(
    loader=ChoiceLoader([PackageLoader("storyline.web", "templates"),
                         PackageLoader("storyline.outputs", "templates")]),
    autoescape=select_autoescape(["html"]),
)
templates.globals.update(template_globals())


def render(name: str, **context: Any) -> HTMLResponse:
    return HTMLResponse(templates.get_template(name).render(web=True, **context))


@router.get("/", response_class=HTMLResponse)
def stories_page(store: StoreDep) -> HTMLResponse:
    activity = store.story_activity()
    rows = [
        {"story": s, "sources": counts, "chart": sparkline(activity.get(s.id, []))}
        for s, counts in store.stories_with_source_counts()
    ]
    return render("stories.html", rows=rows)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(story_id: str, store: StoreDep, filters: FiltersDep) -> HTMLResponse:
    data = load_briefing(store, [story_id])
    if not data.stories:
        raise HTTPException(404, f"no story with id {story_id}")
    filters.story = story_id
    _, events = store.find_merged_events(filters, limit=500)
    view = story_view(data, data.stories[0]) | {"events": events}
    shown = {k: v for k, v in vars(filters).items() if k != "story"}
    return render("story.html", s=view, filters=shown, title=data.stories[0].title)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(article_id: str, store: StoreDep) -> HTMLResponse:
    corpus = store.load_corpus([article_id], vectors=False)
    if not corpus.annotations:
        raise HTTPException(404, f"no article with id {article_id}")
    annotation, extraction = corpus.annotations[0], corpus.extractions[0]
    return render(
        "article.html", a=annotation, article=annotation.article,
        paragraphs=highlight_article(annotation, extraction),
        summary=[annotation.sentences[i].text for i in annotation.article.summary],
        title=annotation.article.title,
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(store: StoreDep, q: str = "") -> HTMLResponse:
    hits = store.search(q[:200]) if q.strip() else []
    return render("search.html", q=q, hits=hits, title=f"Search: {q}")
