"""`storyline bench`: time each stage of the pipeline on a corpus, with models loaded first,
and report articles per second, sentences per second and the process's peak memory."""

from __future__ import annotations

import resource
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline import models, pipeline
from storyline.annotate import annotate_doc
from storyline.clean import clean_documents
from storyline.extract import extract
from storyline.ingest import DEFAULT_MAX_BYTES, read_sources
from storyline.link.similarity import sentence_vectors
from storyline.outputs import load_briefing, write_outputs
from storyline.records import RawDocument
from storyline.store import Store
from storyline.summarize import summarize_article


@dataclass
class StageTiming:
    stage: str
    seconds: float
    peak_rss_mb: float


@dataclass
class BenchReport:
    articles: int
    sentences: int
    model_load_seconds: float
    stages: list[StageTiming]

    @property
    def pipeline_seconds(self) -> float:
        return sum(s.seconds for s in self.stages)

    def as_rows(self) -> list[dict[str, Any]]:
        rows = [
            {
                "stage": s.stage,
                "seconds": round(s.seconds, 3),
                "articles_per_s": round(self.articles / s.seconds, 1) if s.seconds else None,
                "sentences_per_s": round(self.sentences / s.seconds, 1) if s.seconds else None,
                "share": f"{s.seconds / self.pipeline_seconds:.1%}",
                "peak_rss_mb": round(s.peak_rss_mb),
            }
            for s in self.stages
        ]
        total = self.pipeline_seconds
        rows.append({
            "stage": "total (models loaded)",
            "seconds": round(total, 3),
            "articles_per_s": round(self.articles / total, 1),
            "sentences_per_s": round(self.sentences / total, 1),
            "share": "100%",
            "peak_rss_mb": round(max(s.peak_rss_mb for s in self.stages)),
        })
        return rows


def benchmark(paths: list[str], max_bytes: int = DEFAULT_MAX_BYTES) -> BenchReport:
    """Run every stage once over ``paths`` into a throwaway database, timing each."""
    stages: list[StageTiming] = []

    def timed(stage: str, work: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        result = work()
        stages.append(StageTiming(stage, time.perf_counter() - start, _peak_rss_mb()))
        return result

    load_start = time.perf_counter()
    models.nlp()
    models.embed(["warm up"])
    model_load = time.perf_counter() - load_start

    raws = timed("ingest", lambda: [r for r in read_sources(paths, max_bytes)
                                    if isinstance(r, RawDocument)])
    articles, _ = timed("clean", lambda: clean_documents(raws))
    docs = timed("parse (spaCy)", lambda: list(models.nlp().pipe(a.text for a in articles)))
    annotations = timed("annotate (entities, places, times)", lambda: [
        annotate_doc(doc, article) for doc, article in zip(docs, articles, strict=True)])
    # as the pipeline does: sentences are embedded once, and extraction reuses the vectors
    vectors = timed("embed sentences", lambda: [sentence_vectors(a) for a in annotations])
    extractions = timed("extract (events, claims)", lambda: extract(annotations, vectors))

    def summarize() -> None:
        for annotation, matrix in zip(annotations, vectors, strict=True):
            annotation.article.summary = summarize_article(annotation, matrix)

    timed("summarize articles", summarize)
    with tempfile.TemporaryDirectory() as folder:
        store = Store(str(Path(folder) / "bench.db"))
        timed("store", lambda: store.save_articles(annotations, extractions, vectors))
        timed("link (duplicates, stories, events, story summaries)",
              lambda: pipeline.link_corpus(store))
        timed("outputs", lambda: write_outputs(load_briefing(store), Path(folder) / "out"))
    sentences = sum(len(a.sentences) for a in annotations)
    return BenchReport(len(articles), sentences, model_load, stages)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
