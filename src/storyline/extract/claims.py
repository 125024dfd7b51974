"""Claims: who said what, read off the parse.

A claim has a cue (a reporting verb from ``storyline/data/claim_cues.tsv``, or "according
to"), a speaker (the cue's subject, as written: vague speakers stay vague) and content (the
cue's clausal complement, or the quotation the cue introduces). Quotations are found in the
text, so a quote that runs over several sentences, or goes on after "he said", is one claim.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import NamedTuple

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from storyline.extract.evidence import evidence, record_id
from storyline.models import nlp
from storyline.records import Annotation, Article, Claim, Mention

CONTENT_KINDS = ("ccomp", "quote", "xcomp", "dobj")
SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
PRONOUNS = {"he", "she", "him", "her"}
STANCE_OF_CUE = {
    **dict.fromkeys(
        [
            "accuse",
            "blast",
            "condemn",
            "criticize",
            "criticise",
            "decry",
            "denounce",
            "deny",
            "dismiss",
            "mock",
            "slam",
        ],
        "against",
    ),
    **dict.fromkeys(["applaud", "praise", "tout", "endorse", "welcome"], "for"),
}
QUOTES = re.compile(r"“[^“”]{2,}?”|\"[^\"]{2,}?\"|«[^«»]{2,}?»")
# A quote that merely names something ("the “Today” show") is not speech.
MIN_QUOTE_WORDS = 4


class Attribution(NamedTuple):
    speaker: TokenSpan
    cue: str  # as written
    cue_lemma: str
    content: tuple[int, int]  # character offsets


@cache
def claim_cues() -> dict[str, frozenset[str]]:
    """Cue lemma → the kinds of content it reports (see ``claim_cues.tsv``)."""
    path = resources.files("storyline") / "data" / "claim_cues.tsv"
    cues = {}
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            lemma, kinds = line.split("\t")[:2]
            cues[lemma.strip()] = frozenset(kinds.split())
    return cues


def find_claims(annotation: Annotation) -> list[Claim]:
    """The claims of one annotated article, from its one parse."""
    return claims_in_doc(annotation.doc, annotation.article, annotation.mentions)


def find_claims_in_text(text: str) -> list[Claim]:
    """Claims in plain text (parsed here): what the ``claims`` eval task scores."""
    return claims_in_doc(nlp()(text), None, [])


def claims_in_doc(doc: Doc, article: Article | None, mentions: Sequence[Mention]) -> list[Claim]:
    quotes = quotation_spans(doc.text)
    claims: list[Claim] = []
    taken: set[tuple[int, int]] = set()
    for sentence in doc.sents:
        for token in sentence:
            found = _according_to(token) or _reported(token, quotes)
            if found is None:
                continue
            span = _widen_to_quotes(found.content, quotes)
            if span in taken or span[1] - span[0] < 2:
                continue
            taken.add(span)
            claims.append(
                _claim(doc, article, mentions, found._replace(content=span), quotes, sentence)
            )
    return _continue_quotes(claims, quotes, doc.text)


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quotations (marks included) long enough to be speech."""
    return [m.span() for m in QUOTES.finditer(text) if len(m.group().split()) >= MIN_QUOTE_WORDS]


def _according_to(token: Token) -> Attribution | None:
    """ "According to X, CONTENT" and "CONTENT, according to X"."""
    if token.lower_ != "according":
        return None
    to = next((c for c in token.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if source is None:
        return None
    phrase = token.doc[token.left_edge.i : token.right_edge.i + 1]
    sentence = token.sent
    before = (sentence.start_char, phrase.start_char)
    after = (phrase.end_char, sentence.end_char)
    content = max(before, after, key=lambda span: span[1] - span[0])
    speaker = token.doc[source.left_edge.i : source.right_edge.i + 1]
    return Attribution(speaker, "according to", "according to", _trim(token.doc.text, content))


def _reported(cue: Token, quotes: list[tuple[int, int]]) -> Attribution | None:
    """A cue verb with a speaker and content of a kind the cue list allows for it."""
    allowed = claim_cues().get(cue.lemma_.lower()) if cue.pos_ == "VERB" else None
    if not allowed or any(start <= cue.idx < end for start, end in quotes):
        return None  # a verb inside a quotation is part of what is quoted
    speaker = _speaker(cue)
    if speaker is None or any(c.dep_ == "neg" for c in cue.children):
        return None  # "did not say that X" attributes nothing
    for kind, span in content_options(cue, quotes):
        if kind in allowed:
            text = cue.doc.text
            return Attribution(speaker, _cue_text(cue), cue.lemma_.lower(), _trim(text, span))
    return None


def content_options(cue: Token, quotes: list[tuple[int, int]]) -> list[tuple[str, tuple[int, int]]]:
    """What a verb could report, most telling first: a clause ("said that ..."), a quotation
    next to it ("“...,” she said"), an infinitive ("urged X to ..."), an object ("announced
    his candidacy")."""
    options = []
    for kind in CONTENT_KINDS:
        if kind == "quote":
            span = _adjacent_quote(cue, quotes)
        else:
            child = next((c for c in cue.children if c.dep_ == kind), None)
            span = (child.left_edge.idx, _end_char(child.right_edge)) if child else None
        if span is not None:
            options.append((kind, span))
    return options


def _speaker(cue: Token) -> TokenSpan | None:
    """The cue's subject, or the subject it shares ("..., adding that")."""
    token = cue
    for _ in range(3):
        subject = next((c for c in token.children if c.dep_ in SUBJECTS), None)
        if subject is not None and subject.dep_ != "nsubjpass":
            return _phrase(subject)
        agent = next((c for c in token.children if c.dep_ == "agent"), None)
        if agent is not None and any(c.dep_ == "pobj" for c in agent.children):
            pobj = next(c for c in agent.children if c.dep_ == "pobj")
            return _phrase(pobj)
        if token.dep_ not in ("advcl", "xcomp", "conj") or token.head.i == token.i:
            return None
        token = token.head
    return None


def _phrase(head: Token) -> TokenSpan:
    """The speaker phrase: the subject's words without a trailing clause or punctuation."""
    doc = head.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    for child in head.rights:
        if child.dep_ in ("relcl", "acl"):
            end = min(end, child.left_edge.i)
    while end - start > 1 and doc[end - 1].is_punct:
        end -= 1
    # a subject never runs across a paragraph break (a left-over heading before it)
    breaks = [t.i for t in doc[start:end] if "\n" in t.text or "\n" in t.whitespace_]
    if breaks and breaks[-1] + 1 < end:
        start = breaks[-1] + 1
    return doc[start:end]


def _cue_text(cue: Token) -> str:
    """The cue as written, with its particle ("pointed out")."""
    words = [cue] + [c for c in cue.children if c.dep_ == "prt"]
    return " ".join(t.text for t in sorted(words, key=lambda t: t.i))


def _adjacent_quote(cue: Token, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """A quotation right before the cue's clause ("“...,” he said") or right after it."""
    clause_start, clause_end = cue.left_edge.idx, _end_char(cue.right_edge)
    text = cue.doc.text
    for start, end in quotes:
        if start <= cue.idx < end:
            continue  # a verb inside the quotation is what is quoted, not its cue
        if end <= clause_start and not text[end:clause_start].strip(" ,"):
            return start, end  # “...,” she said
        if clause_end <= start and not text[clause_end:start].strip(" ,:"):
            return start, end  # she said: “...”
    return None


def _widen_to_quotes(span: tuple[int, int], quotes: list[tuple[int, int]]) -> tuple[int, int]:
    """Content that lies within a quotation becomes the whole quotation."""
    start, end = span
    for q_start, q_end in quotes:
        inside = min(end, q_end) - max(start, q_start)
        if inside > 0 and inside >= 0.5 * (end - start):
            return q_start, q_end
    return span


def _continue_quotes(claims: list[Claim], quotes: list[tuple[int, int]], text: str) -> list[Claim]:
    """A quotation that follows a quoted claim with no cue of its own continues it."""
    claimed = {(c.content_start, c.content_end) for c in claims}
    by_start = sorted(claims, key=lambda c: c.content_start)
    for claim in by_start:
        if not claim.direct:
            continue
        for start, end in quotes:
            between = text[claim.evidence.end : start]
            if start <= claim.content_end or (start, end) in claimed:
                continue
            if start >= claim.evidence.end and len(between) < 3 and not between.strip():
                claim.content_end = end
                claim.content = text[claim.content_start : end]
                claimed.add((start, end))
            break
    return claims


def _claim(
    doc: Doc,
    article: Article | None,
    mentions: Sequence[Mention],
    found: Attribution,
    quotes: list[tuple[int, int]],
    sentence: TokenSpan,
) -> Claim:
    article_id = article.id if article else ""
    start, end = found.content
    return Claim(
        id=record_id("claim", article_id, start, end),
        speaker=found.speaker.text,
        cue=found.cue,
        content=doc.text[start:end],
        content_start=start,
        content_end=end,
        direct=(start, end) in set(quotes),
        evidence=evidence(article, sentence),
        speaker_entity_id=speaker_entity(found.speaker, mentions),
        stance=STANCE_OF_CUE.get(found.cue_lemma),
    )


def speaker_entity(speaker: TokenSpan, mentions: Sequence[Mention]) -> str | None:
    """The entity the speaker phrase names, or, for "he"/"she", the last person named before."""
    inside = [m for m in mentions if m.start >= speaker.start_char and m.end <= speaker.end_char]
    if inside:  # the head's own mention first: "the aide to Vučić" is not Vučić
        head = speaker.root
        on_head = [m for m in inside if m.start <= head.idx < m.end]
        return (on_head or inside)[0].entity_id
    if speaker.text.lower() in PRONOUNS:
        people = [m for m in mentions if m.label == "PERSON" and m.end <= speaker.start_char]
        return people[-1].entity_id if people else None
    return None


def _trim(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The span without surrounding spaces and commas."""
    start, end = span
    while start < end and text[start] in " \n\t,;:":
        start += 1
    while end > start and text[end - 1] in " \n\t,;:":
        end -= 1
    return start, end


def _end_char(token: Token) -> int:
    return token.idx + len(token.text)
