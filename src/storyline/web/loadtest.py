"""`storyline bench-web`: how fast the story page is served from a large database.

The database is grown from a processed corpus by copying every stored row under new ids
until it holds the wanted number of articles (each copy is a separate set of stories), then
the story page is requested over loopback and the latency percentiles are reported.
"""

from __future__ import annotations

import json
import random
import re
import statistics
import threading
import time
from dataclasses import dataclass
from typing import Any

import httpx
import uvicorn
from sqlalchemy import select

from storyline.store import Store, schema
from storyline.web.app import create_app
from storyline.web.settings import WebSettings

# Tables copied, and the columns of each that hold ids to rename.
ID_COLUMNS = {
    schema.articles: ("id", "duplicate_of", "rewrite_of", "story_id"),
    schema.places: ("article_id",),
    schema.events: ("id", "article_id", "merged_id"),
    schema.claims: ("id", "article_id"),
    schema.links: ("article_id", "origin_id"),
    schema.stories: ("id",),
    schema.merged_events: ("id", "story_id"),
}


@dataclass
class PageTiming:
    articles: int
    stories: int
    requests: int
    p50_ms: float
    p95_ms: float
    max_ms: float


def grow(store: Store, articles_wanted: int) -> int:
    """Copy the stored corpus under new ids until it holds ``articles_wanted`` articles."""
    with store.engine.connect() as db:
        rows = {table: [dict(r._mapping) for r in db.execute(select(table))]
                for table in ID_COLUMNS}
    base = len(rows[schema.articles])
    if not base:
        raise ValueError("the database holds no articles to copy")
    ids = {v for table, cols in ID_COLUMNS.items() for r in rows[table] for c in cols
           if (v := r.get(c))}
    quoted_id = re.compile('"(' + "|".join(map(re.escape, ids)) + ')"')
    copies = max(0, -(-articles_wanted // base) - 1)
    for copy in range(1, copies + 1):
        with store.engine.begin() as db:
            for table, columns in ID_COLUMNS.items():
                batch = [_renamed_row(r, columns, quoted_id, f"~{copy}") for r in rows[table]]
                if batch:
                    db.execute(table.insert(), batch)
    return base * (copies + 1)


def _renamed_row(row: dict[str, Any], columns: tuple[str, ...], quoted_id: re.Pattern,
                 suffix: str) -> dict[str, Any]:
    new = dict(row)
    if isinstance(new.get("id"), int):
        new.pop("id")  # autoincrement keys are renumbered by the database
    for column in columns:
        if new.get(column):
            new[column] += suffix
    if "record" in new:
        text = quoted_id.sub(lambda m: f'"{m.group(1)}{suffix}"', json.dumps(new["record"]))
        new["record"] = json.loads(text)
    return new


def time_story_page(store: Store, requests: int = 200, port: int = 8765) -> PageTiming:
    """Request random story pages over loopback; latency percentiles in milliseconds."""
    with store.engine.connect() as db:
        story_ids = list(db.execute(select(schema.stories.c.id)).scalars())
        articles = db.execute(select(schema.articles.c.id)).all()
    server = uvicorn.Server(uvicorn.Config(create_app(store, WebSettings()), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    chooser = random.Random(0)
    latencies = []
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
            client.get(f"/stories/{story_ids[0]}")  # warm up
            for _ in range(requests):
                start = time.perf_counter()
                response = client.get(f"/stories/{chooser.choice(story_ids)}")
                latencies.append((time.perf_counter() - start) * 1000)
                response.raise_for_status()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    cuts = statistics.quantiles(latencies, n=100)
    return PageTiming(len(articles), len(story_ids), requests, round(cuts[49], 1),
                      round(cuts[94], 1), round(max(latencies), 1))
