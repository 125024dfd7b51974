"""Events: who did what to whom, where and when, coded to PLOVER and a CAMEO root.

For each sentence of an annotated article, the verb dictionary finds candidate triggers, the
parse gives each its source and target (:mod:`storyline.extract.frames`), the learned
classifier types the frame, and the sentence's places and times that attach to the trigger's
clause give its place and date. A frame with no actor on either side is no interaction and
is dropped. See docs/events.md for the coding rules.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from spacy.tokens import Span as TokenSpan
from spacy.tokens import Token

from storyline.extract.casualties import casualties_in
from storyline.extract.classifier import (
    ClassifierItem,
    EventClassifier,
    classify_events,
    shipped_classifier,
    train_classifier,
)
from storyline.extract.evidence import evidence, record_id
from storyline.extract.frames import EventFrame, conjunct_head, frames_in_sentence
from storyline.extract.modes import TIME_PREPOSITIONS, event_mode, in_claim
from storyline.extract.plover import PLOVER_TO_CAMEO
from storyline.extract.verbs import VerbDictionary, verb_dictionary
from storyline.models import doc_text
from storyline.records import Actor, Annotation, Claim, Event, Place, TimeRef

__all__ = [
    "ClassifierItem",
    "EventClassifier",
    "classify_events",
    "find_events",
    "train_classifier",
]

Cast = tuple[Actor | None, Actor | None]  # source, target
LOCATIVE_PREPOSITIONS = {"in", "at", "near", "outside", "inside", "across", "around", "from"}
DATED_TYPES = {"DATE", "TIME"}
DEFINITE = {"the", "this", "that"}
PRECISION_RANK = {"year": 1, "month": 2, "day": 3, "hour": 4, "minute": 5, "second": 6}
# A clause that only sets the scene for the trigger's clause shares its place and date:
# "protests escalated in Zvečan on May 29 as demonstrators clashed with police".
SCENE_DEPENDENCIES = {"advcl", "conj", "xcomp"}
# ... unless the clause is told as coming before or after it: "NATO said on Tuesday it would
# send troops, a day after soldiers were injured" (the injuries are not Tuesday's).
SEQUENCE_MARKS = {"after", "before", "since", "until", "once"}
# ... but a subjectless "after / before + -ing" is part of the same occasion: "Vučić said on
# Tuesday, after meeting the envoys, that ..." met them that day.
ADJACENT_MARKS = {"after", "before"}
# A relative clause (or a participle) on a noun tells of what the noun names: "the vote that
# the rebels boycotted", "the vote boycotted by the rebels".
RELATIVE_DEPENDENCIES = {"relcl", "acl"}
# how a date hangs on a noun when it says which one: "the March 12 vote", "last month's vote"
NOUN_MODIFIERS = {"nmod", "nummod", "compound", "poss", "amod"}
# The roots whose events hurt people: the figures of injured and dead their sentence gives
# are theirs ("clashed ..., leaving about 30 soldiers injured").
HARMING_ROOTS = {"ASSAULT", "COERCE"}
# A noun in such a phrase is the occasion of its clause: "were elected in a vote", "spoke at
# a meeting" happen during the vote and the meeting.
OCCASION_PREPOSITIONS = {"in", "at", "during"}


def find_events(
    annotations: Sequence[Annotation],
    claims: Sequence[Sequence[Claim]] = (),
    sentence_vectors: Sequence[np.ndarray] = (),
) -> list[list[Event]]:
    """The events of each article; the frames of the whole batch are typed in one call.
    An event inside a claim's content gets the mode "claimed" and joins the claim's
    ``event_ids``. ``sentence_vectors`` (one matrix per article, a row per
    ``annotation.sentences``), when the caller has them, spare the classifier encoding the
    sentences again."""
    verbs = verb_dictionary()
    found = [_interactions(a, verbs) for a in annotations]
    cast_of = [cast for cast, _ in found]
    frames = [frame for cast in cast_of for frame, _ in cast]
    known = _vectors_by_text(annotations, cast_of, sentence_vectors) if sentence_vectors else {}
    typed = iter(shipped_classifier().type_frames(frames, known))
    claims = list(claims) or [[] for _ in annotations]
    events = []
    for annotation, (cast, mentions), article_claims in zip(
        annotations, found, claims, strict=True
    ):
        spans = [span for c in article_claims for span in c.spans()]
        told = [
            ((frame, actors), _event(annotation, frame, actors, *next(typed), spans))
            for frame, actors in cast
        ]
        told = _without_victim_side_repeats(told)
        for (frame, _), event in told:
            for claim in article_claims:
                if in_claim(frame.trigger, claim.spans()):
                    claim.event_ids.append(event.id)
        _date_from_later_mentions(told, mentions, annotation.times)
        _date_from_narrative_time(told, annotation)
        events.append([event for _, event in told])
    return events


def _without_victim_side_repeats(
    told: list[tuple[tuple[EventFrame, Cast], Event]],
) -> list[tuple[tuple[EventFrame, Cast], Event]]:
    """One act told twice in one sentence, once from the victims' side: in "Dozens were
    injured when Serb protesters clashed with peacekeepers" (or "... clashed, leaving 30
    injured") the injuring is the clash. An event with no source whose trigger governs, or is
    governed by, an event of the same root that has one is dropped."""

    def repeats(a: tuple[EventFrame, Event], b: tuple[EventFrame, Event]) -> bool:
        (frame, event), (other, told_by) = a, b
        return (
            event.source_actor is None
            and told_by.source_actor is not None
            and event.plover == told_by.plover
            and frame.sentence.start == other.sentence.start
            and _linked(frame.trigger, other.trigger)
        )

    pairs = [(frame, event) for (frame, _), event in told]
    return [
        item
        for item, pair in zip(told, pairs, strict=True)
        if not any(repeats(pair, other) for other in pairs if other is not pair)
    ]


def _linked(a: Token, b: Token) -> bool:
    """Whether one word governs the other."""
    return a in b.ancestors or b in a.ancestors


def _date_from_later_mentions(
    told: list[tuple[tuple[EventFrame, Cast], Event]],
    mentions: Sequence[EventFrame],
    times: Sequence[TimeRef],
) -> None:
    """An event told without a date gets the date of a later sentence that names it again
    ("Vučić announced a planned meeting with the Russian ambassador. ... The meeting was
    described as taking place on Tuesday, May 30, at 11:00 local time"): a definite noun
    with the same trigger word and no participants of its own refers back to the latest
    such event before it."""
    for mention in mentions:
        date = _mention_date(mention, times)
        if date is None:
            continue
        earlier = [
            event
            for (frame, _), event in told
            if frame.trigger.i < mention.trigger.i
            and frame.trigger.lemma_ == mention.trigger.lemma_
        ]
        if earlier and earlier[-1].date is None:
            earlier[-1].date = date


def _date_from_narrative_time(
    told: list[tuple[tuple[EventFrame, Cast], Event]], annotation: Annotation
) -> None:
    """An event told in the simple past in a sentence with no date takes the narrative time
    of the paragraph: "On May 29, protests escalated in Zvečan. Reports indicate that KFOR
    personnel deployed crowd-control measures. In response, protesters threw stones" → May 29
    for the deploying and the throwing. A sentence whose main verb is in the simple past and
    dated sets the narrative time; it holds for the next sentence of the same paragraph, and
    on while each next sentence has an event that took it. Only asserted or claimed acts
    take it (a plan or a condition is not part of the narrative)."""
    sentences = list(annotation.doc.sents)
    times = [t for t in annotation.times if t.type in DATED_TYPES]
    by_sentence: dict[int, list[tuple[EventFrame, Event]]] = {}
    for (frame, _), event in told:
        by_sentence.setdefault(frame.sentence.start, []).append((frame, event))
    narrative: TimeRef | None = None
    for position, sentence in enumerate(sentences):
        said = [t for t in times if sentence.start_char <= t.start < sentence.end_char]
        if position and _new_paragraph(sentences[position - 1], sentence):
            narrative = None
        if said:
            narrative = _narrative_time(sentence, said)
            continue
        took = [
            event
            for frame, event in by_sentence.get(sentence.start, [])
            if narrative is not None and event.date is None and _in_narrative(frame, event)
        ]
        for event in took:
            event.date = narrative
        if not took:
            narrative = None


def _new_paragraph(previous: TokenSpan, sentence: TokenSpan) -> bool:
    """Whether a line break (kept as the previous sentence's trailing space) parts them."""
    between = doc_text(sentence.doc)[previous.start_char : sentence.start_char]
    return "\n" in between[len(between.rstrip()) :]


def _narrative_time(sentence: TokenSpan, times: Sequence[TimeRef]) -> TimeRef | None:
    """The calendar date that dates a sentence's main verb in the simple past ("On May 29,
    protests escalated ..."), if it has one. A report ("Kurti said on Tuesday that ...") dates
    the saying, not a narrative of events."""
    root = sentence.root
    if root.tag_ != "VBD" or any(c.dep_ == "ccomp" for c in root.children):
        return None
    dated = [
        t
        for t in times
        if t.value and t.value[:4].isdigit()
        and (token := _token_in(sentence, t.start)) is not None
        and _clause_of(token).i == root.i
    ]
    return min(dated, key=lambda t: abs(t.start - root.idx), default=None)


def _in_narrative(frame: EventFrame, event: Event) -> bool:
    """An act reported as done, in the simple past, can continue a past narrative."""
    return event.mode in ("asserted", "claimed") and frame.anchor.tag_ == "VBD"


def _mention_date(mention: EventFrame, times: Sequence[TimeRef]) -> TimeRef | None:
    """The most precise date or time said of a definite noun trigger ("THE meeting was ...
    on Tuesday at 11:00") anywhere in the clause it is a participant of."""
    noun = mention.trigger
    definite = any(c.dep_ == "det" and c.lower_ in DEFINITE for c in noun.children)
    if noun.pos_ != "NOUN" or not definite:
        return None
    clause = _clause_of(noun.head)  # the verb the noun is a participant of
    said = [
        t
        for t in times
        if t.type in DATED_TYPES and t.value
        and (token := _token_at(mention, t.start)) is not None
        and clause in (token, *token.ancestors)
    ]
    return max(said, key=lambda t: PRECISION_RANK.get(t.precision or "", 0), default=None)


def _vectors_by_text(
    annotations: Sequence[Annotation],
    cast_of: Sequence[list[tuple[EventFrame, Cast]]],
    sentence_vectors: Sequence[np.ndarray],
) -> dict[str, np.ndarray]:
    """The given vectors of the frames' sentences, keyed by the text the classifier embeds
    (matched by start offset: ``annotation.sentences`` are the parse's sentences without
    their trailing whitespace, which the encoder ignores)."""
    known = {}
    for annotation, cast, matrix in zip(annotations, cast_of, sentence_vectors, strict=True):
        row_at = {sentence.start: row for sentence, row in zip(annotation.sentences, matrix,
                                                                 strict=True)}
        for frame, _ in cast:
            row = row_at.get(frame.sentence.start_char)
            if row is not None:
                known[frame.sentence.text] = row
    return known


def _interactions(
    annotation: Annotation, verbs: VerbDictionary
) -> tuple[list[tuple[EventFrame, Cast]], list[EventFrame]]:
    """The frames of an article with an actor on at least one side, and those actors; and
    the frames with none (no event, but they may say more of an event told before)."""
    found, without_actors = [], []
    for sentence in annotation.doc.sents:
        for frame in frames_in_sentence(sentence, verbs):
            actors = _actors(frame, annotation)
            if any(actors):
                found.append((frame, actors))
            else:
                without_actors.append(frame)
    return found, without_actors


def _event(
    annotation: Annotation,
    frame: EventFrame,
    actors: Cast,
    plover: str,
    confidence: float,
    claim_spans: list[tuple[int, int]],
) -> Event:
    trigger = frame.trigger
    cameo = frame.entry.cameo if frame.entry and frame.entry.plover == plover else None
    source, target = actors
    article_id = annotation.article.id
    mode = event_mode(frame, claim_spans, refusal=_refusal(frame, plover))
    return Event(
        id=record_id("event", article_id, trigger.idx, trigger.idx + len(trigger), plover),
        plover=plover,
        cameo=cameo or PLOVER_TO_CAMEO[plover],
        mode=mode,
        trigger=trigger.text,
        evidence=evidence(annotation.article, frame.sentence),
        source_actor=source,
        target_actor=target,
        place=event_place(frame, annotation.places, _actor_tokens(frame, source, target)),
        date=event_date(frame, annotation.times),
        confidence=round(confidence, 3),
        background=mode in ("asserted", "claimed") and _told_as_background(frame),
        casualties=casualties_in(frame.sentence) if _harms(frame, plover) else [],
    )


def _harms(frame: EventFrame, plover: str) -> bool:
    """Whether the event hurts people, as typed or as its trigger word reads ("clashed"): a
    reworded report the typer gave another root still joins its event's figures."""
    return plover in HARMING_ROOTS or (frame.entry is not None
                                        and frame.entry.plover in HARMING_ROOTS)


def _refusal(frame: EventFrame, plover: str) -> bool:
    """Typed REJECT against the dictionary's reading of the trigger: the classifier read the
    negated act ("never accept", "will not be withdrawn") as the refusal PLOVER codes it."""
    return plover == "REJECT" and (frame.entry is None or frame.entry.plover != "REJECT")


def _actors(frame: EventFrame, annotation: Annotation) -> Cast:
    return (
        actor(frame.source, annotation) if frame.source is not None else None,
        actor(frame.target, annotation) if frame.target is not None else None,
    )


def actor(span: TokenSpan, annotation: Annotation) -> Actor | None:
    """The coded actor a noun phrase names (None for "control", "a facility")."""
    return code_actor(span.text, annotation, start=span.start_char)


def event_place(
    frame: EventFrame, places: Sequence[Place], actor_tokens: set[int] = frozenset()
) -> Place | None:
    """The place of the trigger's clause: its "in/at/near" phrase, else the place nearest the
    trigger in the clause, else the same from the clause it sets the scene for. A place
    inside an actor's name ("Kosovo police") is not where the event happened."""
    return _attached(frame, places, actor_tokens, _place_in_clause)


def event_date(frame: EventFrame, times: Sequence[TimeRef]) -> TimeRef | None:
    """The date or time that modifies the trigger's clause; None when the sentence has none
    there (the timeline may fall back to the publication date, the event does not)."""
    dated = [t for t in times if t.type in DATED_TYPES]
    return _attached(frame, dated, set(), _time_in_clause) or _described_noun_date(frame, dated)


def _described_noun_date(frame: EventFrame, times: Sequence[TimeRef]) -> TimeRef | None:
    """The date of the noun a relative clause describes, as the clause with the noun in place
    would be dated: "the March 12 vote that the rebels boycotted" as "the rebels boycotted the
    March 12 vote" (a date in the noun's own phrase), "were elected on March 12 in a vote that
    the rebels boycotted" by the clause the vote is the occasion of."""
    noun = _described_noun(frame.anchor)
    if noun is None:
        return None
    governing = _clause_of(noun)
    own = [
        t
        for t in times
        if (token := _token_at(frame, t.start)) is not None
        and noun in (token, *token.ancestors)
        and _clause_of(token).i == governing.i  # not a date in a clause inside the phrase
    ]
    if own:
        return min(own, key=lambda t: abs(t.start - noun.idx))
    if _is_occasion(noun, governing):
        return _time_in_clause(frame, governing, times, set())
    return None


def _described_noun(clause: Token) -> Token | None:
    """The noun a relative clause (or one coordinated with it) describes, if it is one."""
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = conjunct_head(clause)
    if clause.dep_ in RELATIVE_DEPENDENCIES and clause.head.pos_ == "NOUN":
        return clause.head
    return None


def _is_occasion(noun: Token, clause: Token) -> bool:
    """Whether a noun is the object of the clause's "in / at / during" phrase."""
    return _occasion_object(noun) and noun.head.head.i == clause.i


def _occasion_object(noun: Token) -> bool:
    """Whether a noun is the object of an "in / at / during" phrase."""
    return noun.dep_ == "pobj" and noun.head.lower_ in OCCASION_PREPOSITIONS


def _told_as_background(frame: EventFrame) -> bool:
    """An act told in the past in a relative clause on a noun ("a vote that the rebels
    boycotted", "the talks held by the envoys") is background: it was done before the report,
    whether or not the text says when."""
    return _described_noun(frame.anchor) is not None and frame.anchor.tag_ in ("VBD", "VBN")


def _attached(frame, items, outside, pick):
    """What the trigger's own clause says, else what the clause it sets the scene for says."""
    clause: Token | None = frame.anchor
    for _ in range(3):
        found = pick(frame, clause, items, outside)
        if found is not None:
            return found
        clause = _scene_of(clause)
        if clause is None:
            return None
    return None


def _scene_of(clause: Token) -> Token | None:
    """The clause whose place and date a clause shares, if any: the one it sets the scene
    for, or the one a subjectless "after / before + -ing" belongs to ("said on Tuesday,
    after meeting the envoys"), not one it is told as coming before or after."""
    word = _sequence_word(clause)
    if word is not None:
        if not _same_occasion(clause, word):
            return None
        if clause.dep_ == "pcomp":  # "after meeting": the preposition's verb
            return word.head
    if clause.dep_ not in SCENE_DEPENDENCIES or clause.head.i == clause.i:
        return None
    return conjunct_head(clause) if clause.dep_ == "conj" else clause.head


def _sequence_word(clause: Token) -> Token | None:
    """The "after / before / since ..." that orders a clause against its head, if any: its
    mark ("after soldiers were injured") or the preposition it completes ("after meeting")."""
    if clause.dep_ == "pcomp" and clause.head.lower_ in SEQUENCE_MARKS:
        return clause.head
    marks = (c for c in clause.children if c.dep_ == "mark" and c.lower_ in SEQUENCE_MARKS)
    return next(marks, None)


def _same_occasion(clause: Token, word: Token) -> bool:
    """A subjectless "after / before + -ing" with no distance is one occasion with its head
    ("said on Tuesday, after meeting the envoys"); a clause with a subject of its own ("a
    day after soldiers were injured"), a distance ("two days after meeting") or another
    order ("since taking office") has a time of its own."""
    measured = any(c.dep_ == "npadvmod" for c in (*word.children, *clause.children))
    return (
        word.lower_ in ADJACENT_MARKS
        and clause.tag_ == "VBG"
        and not measured
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
    )


def _place_in_clause(
    frame: EventFrame, clause: Token, places: Sequence[Place], outside: set[int]
) -> Place | None:
    in_clause = [
        p
        for p in places
        if (token := _token_at(frame, p.start)) is not None
        and token.i not in outside
        and not _names_a_party(token, p)
        and _clause_of(token).i == clause.i
        and not _in_time_adjunct(token, clause)
        and not (token.dep_ == "compound" and token.head.lemma_ == "time")  # "Moscow time"
    ]
    if not in_clause:
        return None
    locative = [p for p in in_clause if _under_locative(_token_at(frame, p.start), clause)]
    pool = locative or in_clause
    # the most specific name: "the municipality of Zvečan" → Zvečan, the deepest word
    return max(
        pool, key=lambda p: (_depth(_token_at(frame, p.start)), -abs(p.start - frame.trigger.idx))
    )


def _time_in_clause(
    frame: EventFrame, clause: Token, times: Sequence[TimeRef], outside: set[int]
) -> TimeRef | None:
    in_clause = [
        t
        for t in times
        if (token := _token_at(frame, t.start)) is not None and _clause_of(token).i == clause.i
        and not _dates_a_thing(frame, t)
    ]
    if not in_clause:
        return None
    return min(in_clause, key=lambda t: abs(t.start - frame.trigger.idx))


def _dates_a_thing(frame: EventFrame, time: TimeRef) -> bool:
    """A date that says which thing a prepositional object is ("protested against **the
    March 12** decree", "a row over **last month's** vote") dates that thing, not the act.
    An object the act takes part in keeps it ("boycotted the April 23 vote", "elected in the
    April 23 vote"): a direct object, or one of an occasion preposition (in, at, during)."""
    date = frame.sentence.doc.char_span(time.start, time.end, alignment_mode="expand")
    if date is None or not len(date):
        return False
    head = date.root
    thing = head.head
    return (head.dep_ in NOUN_MODIFIERS and thing.pos_ in ("NOUN", "PROPN")
            and thing.dep_ == "pobj" and not _occasion_object(thing))


def _token_at(frame: EventFrame, offset: int) -> Token | None:
    return _token_in(frame.sentence, offset)


def _token_in(sentence: TokenSpan, offset: int) -> Token | None:
    if not sentence.start_char <= offset < sentence.end_char:
        return None
    span = sentence.doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _clause_of(token: Token) -> Token:
    """The nearest verb above a word (the word itself if it is one): its clause."""
    current = token
    while current.pos_ not in ("VERB", "AUX") and current.head.i != current.i:
        current = current.head
    return current


def _names_a_party(token: Token, place: Place) -> bool:
    """A place that is a clause's subject, or a country that is its object, names a party
    ("Serbia would not stand by", "prompted Serbia to put its army on alert"), not where
    something happened ("seized the Gazivode dam" is a place)."""
    while token.dep_ in ("compound", "amod") and token.head.i != token.i:
        token = token.head
    if token.dep_ in ("nsubj", "nsubjpass"):
        return True
    return token.dep_ in ("dobj", "dative") and place.kind == "country"


def _under_locative(token: Token, clause: Token) -> bool:
    current = token
    while current.i != clause.i and current.head.i != current.i:
        if current.dep_ == "pobj" and current.head.lower_ in LOCATIVE_PREPOSITIONS:
            return True
        current = current.head
    return False


def _in_time_adjunct(token: Token, clause: Token) -> bool:
    """A place inside an "after / before / during ..." phrase is where that other event
    happened ("will hold talks on Tuesday, after a day of violence in the north of
    Kosovo"), not where this one does."""
    current = token
    while current.i != clause.i and current.head.i != current.i:
        if current.dep_ in ("pobj", "pcomp") and current.head.lower_ in TIME_PREPOSITIONS:
            return True
        current = current.head
    return False


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i:
        token, depth = token.head, depth + 1
    return depth


def _actor_tokens(frame: EventFrame, source: Actor | None, target: Actor | None) -> set[int]:
    """Token positions of the phrases that name actors."""
    spans = [(frame.source, source), (frame.target, target)]
    return {t.i for span, found in spans if span is not None and found is not None for t in span}


def code_actor(text: str, annotation: Annotation, start: int | None = None) -> Actor | None:
    """The entities helper's actor coder; a bare Actor only if it is not installed."""
    try:
        from storyline.annotate.actors import code_actor as coder
    except ImportError:  # pragma: no cover - the annotate stage ships with storyline
        return Actor(text=text)
    return coder(text, annotation, start=start)
