"""Wires the stages: per-article work in committed batches, then corpus-level linking.

Per article (once, skipped when the article is already stored):
    ingest -> clean -> annotate -> embed sentences -> extract -> article summary -> store
(extraction reuses the sentence vectors rather than embedding the sentences again)
Over the whole store (every run, so new articles join old stories):
    link duplicates and rewrites -> stories -> merge events -> story summaries -> store
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice

from storyline.annotate import annotate
from storyline.annotate.entities import merge_entities
from storyline.clean import clean_documents
from storyline.extract import extract
from storyline.ingest import DEFAULT_MAX_BYTES, read_sources
from storyline.link import cluster_stories, find_links, merge_events
from storyline.link.similarity import sentence_vectors
from storyline.records import Article, Problem, RawDocument, to_dict
from storyline.store import Store
from storyline.summarize import summarize_article, summarize_story

BATCH_SIZE = 32
Progress = Callable[[int], None]


@dataclass
class RunReport:
    read: int = 0
    added: int = 0
    already_stored: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def processed(self) -> int:
        return self.added + self.already_stored


def run(
    paths: Sequence[str],
    store: Store,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
) -> RunReport:
    """Process every input under ``paths`` into ``store`` and relink the corpus."""
    report = RunReport()
    documents = _collect(read_sources(paths, max_bytes), report)
    return run_documents(documents, store, report, progress)


def run_documents(
    documents: Iterable[RawDocument],
    store: Store,
    report: RunReport | None = None,
    progress: Progress | None = None,
) -> RunReport:
    """Process documents already read (from files, the API, a feed) and relink the corpus."""
    report = report or RunReport()
    for raws in _batches(documents, BATCH_SIZE):
        report.read += len(raws)
        articles, problems = clean_documents(raws)
        report.problems.extend(problems)
        # By id, so an input given twice in one batch is stored once.
        new = list({a.id: a for a in articles if not store.has_article(a.id)}.values())
        report.already_stored += len(articles) - len(new)
        report.added += _process_reporting(new, store, report.problems)
        if progress:
            progress(len(raws))
    if report.added:
        link_corpus(store)
    return report


def _process_reporting(articles: list[Article], store: Store, problems: list[Problem]) -> int:
    """Process a batch; if it fails, retry one by one so one bad article stops nothing."""
    if len(articles) > 1:
        try:
            process_articles(articles, store)
            return len(articles)
        except Exception:  # noqa: S110 - the retry below finds and reports the bad article
            pass
    done = 0
    for article in articles:
        try:
            process_articles([article], store)
            done += 1
        except Exception as error:  # reported with the article's origin, never dropped
            problems.append(Problem(article.origin, f"could not be analysed: {error!r}",
                                    "analyse"))
    return done


def process_articles(articles: list[Article], store: Store) -> None:
    """The per-article stages for one batch, committed together."""
    annotations = annotate(articles)
    vectors = [sentence_vectors(a) for a in annotations]
    extractions = extract(annotations, vectors)  # the event classifier reuses the vectors
    for annotation, sentence_matrix in zip(annotations, vectors, strict=True):
        annotation.article.summary = summarize_article(annotation, sentence_matrix)
    store.save_articles(annotations, extractions, vectors)


def extract_documents(
    paths: Sequence[str], max_bytes: int, problems: list[Problem]
) -> Iterator[dict]:
    """The per-article stages without a store: one JSON-ready dict per article."""
    report = RunReport(problems=problems)
    for raws in _batches(_collect(read_sources(paths, max_bytes), report), BATCH_SIZE):
        articles, cleaning_problems = clean_documents(raws)
        problems.extend(cleaning_problems)
        annotations = annotate(articles)
        vectors = [sentence_vectors(a) for a in annotations]
        extractions = extract(annotations, vectors)
        for annotation, extraction, matrix in zip(annotations, extractions, vectors, strict=True):
            annotation.article.summary = summarize_article(annotation, matrix)
            yield article_record(annotation, extraction)


def article_record(annotation, extraction) -> dict:
    """The documented per-article JSON (docs/extract-schema.md)."""
    record = to_dict(annotation)
    sentences = annotation.sentences
    record["summary"] = [sentences[i].text for i in annotation.article.summary]
    record["events"] = to_dict(extraction.events)
    record["claims"] = to_dict(extraction.claims)
    return record


def _collect(items: Iterable[RawDocument | Problem], report: RunReport) -> Iterable[RawDocument]:
    """Pass documents on; record problems in the report as they come."""
    for item in items:
        if isinstance(item, Problem):
            report.problems.append(item)
        else:
            yield item


def _batches(items: Iterable[RawDocument], size: int) -> Iterable[list[RawDocument]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def link_corpus(store: Store) -> None:
    """Corpus-level stages over everything stored: links, stories, merged events, summaries."""
    corpus = store.load_corpus()
    links = find_links(corpus)
    stories = cluster_stories(corpus, links)
    events = merge_events(corpus, stories, links)
    for story in stories:
        story.summary = summarize_story(story, corpus, links, events)
    store.save_corpus_links(links, stories, events, merge_entities(corpus.annotations))
