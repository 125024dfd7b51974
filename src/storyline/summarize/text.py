"""Plain text to an :class:`Annotation` and its sentence vectors, for texts that did not come
through the pipeline (the eval harness, ``summarize_text``, ``summarize_documents``).

It fills only what the summary scorer reads: sentences, entity mentions (keyed so that
"Rory McIlroy" and "McIlroy" count as one entity), time and place spans. The pipeline's own
annotate stage does the full job; this light version keeps the summarizers usable alone.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np

from storyline.clean.text import word_count
from storyline.models import TIME_ENTITY_LABELS, doc_text, embed, nlp
from storyline.records import Annotation, Article, Mention, Place, Span, TimeRef
from storyline.summarize.boilerplate import END_MARKS, HEADLINE_WORDS

ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_LINE = re.compile(r"[^\s](?:[^\n]*[^\s])?")  # a line's text without its outer spaces


def annotate_texts(
    texts: Sequence[str], sources: Sequence[str | None] | None = None
) -> list[tuple[Annotation, np.ndarray]]:
    """Parse every text once (batched) and embed all sentences in one encoder call."""
    sources = sources if sources is not None else [None] * len(texts)
    annotations = [
        _annotation(doc, text, source)
        for doc, text, source in zip(nlp().pipe(texts, batch_size=16), texts, sources, strict=True)
    ]
    vectors = embed([s.text for a in annotations for s in a.sentences])
    result, row = [], 0
    for annotation in annotations:
        count = len(annotation.sentences)
        result.append((annotation, vectors[row : row + count]))
        row += count
    return result


def _annotation(doc, text: str, source: str | None) -> Annotation:
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()
    article = Article(id=digest[:16], origin="text", title=None, text=text,
                      content_hash=digest, source=source)
    ents = list(doc.ents)
    return Annotation(
        article=article,
        sentences=[line for sentence in doc.sents for line in _lines(sentence)],
        mentions=[
            Mention(e.start_char, e.end_char, e.text, e.label_, _entity_key(e))
            for e in ents
            if e.label_ in ENTITY_LABELS
        ],
        places=[Place(e.start_char, e.end_char, e.text) for e in ents if e.label_ in PLACE_LABELS],
        times=[
            TimeRef(e.start_char, e.end_char, e.text, e.label_, None)
            for e in ents
            if e.label_ in TIME_ENTITY_LABELS
        ],
        entities=[],
        doc=doc,
    )


def _lines(sentence) -> list[Span]:
    """The sentence cut at line breaks: the parser may run a headline, a byline and the first
    sentence together. A line that wraps (it has no end mark and the next line goes on in
    lower case, or it is too long for a headline) is not cut."""
    text, base = doc_text(sentence.doc), sentence.start_char
    spans: list[Span] = []
    previous_line, previous_end = "", 0
    for line in _LINE.finditer(sentence.text):
        start, end = base + line.start(), base + line.end()
        gap = text[previous_end:start]
        if spans and gap.count("\n") == 1 and _wraps(previous_line, line.group()):
            spans[-1] = Span(spans[-1].start, end, text[spans[-1].start : end])
        else:
            spans.append(Span(start, end, line.group()))
        previous_line, previous_end = line.group(), end
    return spans


def _wraps(line: str, following: str) -> bool:
    if line.endswith(END_MARKS):
        return False
    return following[:1].islower() or word_count(line) >= HEADLINE_WORDS


def _entity_key(ent) -> str:
    """A crude alias key: a person by surname, anything else by its lower-cased words."""
    words = [t.lower_ for t in ent if not t.is_punct and t.lower_ not in ("the", "'s")]
    if not words:
        return ent.text.lower()
    return words[-1] if ent.label_ == "PERSON" else " ".join(words)
