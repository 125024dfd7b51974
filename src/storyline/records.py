"""The records every stage speaks.

Each stage is a function over a batch of these records that returns new records.
Character offsets (start, end) always index the article's clean ``text``.
Datetimes are timezone-aware; a value that is unknown is ``None``, never "now".
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

EventMode = Literal["asserted", "negated", "planned", "threatened", "hypothetical", "claimed"]
MODES: tuple[str, ...] = ("asserted", "negated", "planned", "threatened", "hypothetical", "claimed")
Precision = Literal["year", "month", "day", "hour", "minute", "second"]


@dataclass
class RawDocument:
    """One input item as read, before cleaning. ``origin`` names where it came from
    (a path, ``path:line 3``, ``stdin``) so every message can point at it."""

    origin: str
    text: str = ""
    html: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None  # the outlet that published it
    published: datetime | None = None
    published_from: str | None = None  # "metadata", "page", or None when unknown
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass
class Problem:
    """An input that could not be used: reported at the end of a run, never dropped silently."""

    origin: str
    reason: str
    stage: str = "ingest"


@dataclass
class Article:
    id: str  # stable: derived from source, url, title and content hash
    origin: str
    title: str | None
    text: str  # clean text
    content_hash: str
    source: str | None = None
    url: str | None = None
    published: datetime | None = None
    published_from: str | None = None
    removed: list[str] = field(default_factory=list)  # boilerplate lines, kept on record
    attribution: str | None = None  # wire source the article names, e.g. "TASS"
    language: str | None = None
    duplicate_of: str | None = None  # exact or near duplicate of this article id
    rewrite_of: str | None = None  # paraphrased rewrite of this article id
    story_id: str | None = None
    summary: list[int] = field(default_factory=list)  # indices into the sentence list


@dataclass
class Span:
    start: int
    end: int
    text: str


@dataclass
class Mention:
    """An entity mention in one article, linked to its canonical entity by ``entity_id``."""

    start: int
    end: int
    text: str
    label: str  # spaCy label: PERSON, ORG, NORP, GPE ...
    entity_id: str


@dataclass
class Entity:
    id: str
    name: str  # canonical name, diacritics kept where seen
    type: str  # PERSON, ORG, GPE, NORP, ...
    aliases: list[str] = field(default_factory=list)
    country: str | None = None  # ISO 3166-1 alpha-3; Kosovo is XKX
    sector: str | None = None  # GOV, MIL, POL, REB, IGO, NGO, MED, CVL, BUS, JUD, LEG, OPP ...
    role: str | None = None  # "president", "ambassador" ... stripped from the name
    # Ids of entities merged into this one across articles ("Vucic" alone into "Aleksandar
    # Vučić"): a mention whose entity_id is listed here refers to this entity.
    merged_ids: list[str] = field(default_factory=list)


@dataclass
class Place:
    start: int
    end: int
    text: str  # as written
    name: str | None = None  # resolved name
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO 3166-1 alpha-2 (Kosovo XK)
    admin1: str | None = None
    kind: str | None = None  # country, city, feature ...
    confidence: float = 0.0
    candidates: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class TimeRef:
    start: int
    end: int
    text: str
    type: str  # TIMEX3 type: DATE, TIME, DURATION, SET
    value: str | None  # TimeML-style value: 2023-05-29, 2023-05-30T09:00Z, P3D, XXXX-WXX-1
    precision: Precision | None = None
    timezone: str | None = None  # the zone the text spoke in, e.g. "Europe/Belgrade"


@dataclass
class Evidence:
    article_id: str
    sentence: str
    start: int  # the sentence's offsets in the article text
    end: int
    source: str | None = None  # outlet
    published: datetime | None = None


@dataclass
class Actor:
    text: str
    entity_id: str | None = None
    country: str | None = None
    sector: str | None = None


@dataclass
class Casualty:
    """A figure of harm as a report states it: "about 30 soldiers" injured."""

    outcome: Literal["injured", "killed"]
    count: str  # as written: "about 30", "more than 50", "dozens"
    who: str = ""  # whom it counts, as written ("soldiers"); empty when the text says not
    number: int | None = None  # the count's number ("about 30" -> 30); None when vague
    sources: list[str] = field(default_factory=list)  # on a merged event: the outlets giving it


@dataclass
class Event:
    id: str
    plover: str  # PLOVER root, e.g. PROTEST
    cameo: str  # CAMEO root, two digits, e.g. "14"
    mode: EventMode
    trigger: str  # the word that carries the event
    evidence: Evidence
    source_actor: Actor | None = None
    target_actor: Actor | None = None
    place: Place | None = None
    date: TimeRef | None = None
    confidence: float = 0.5
    merged_id: str | None = None  # the cross-article event this report belongs to
    # Told in the past in a relative clause ("a vote that the rebels boycotted"): done before
    # its report, whether or not the text says when.
    background: bool = False
    casualties: list[Casualty] = field(default_factory=list)  # the figures its sentence gives


@dataclass
class Claim:
    id: str
    speaker: str  # as written; vague speakers stay vague ("a senior Russian diplomat")
    cue: str  # "said", "argued", "according to"
    content: str
    content_start: int
    content_end: int
    direct: bool  # a quotation rather than reported speech
    evidence: Evidence
    speaker_entity_id: str | None = None
    stance: str | None = None
    event_ids: list[str] = field(default_factory=list)
    # The content's pieces when words of the attribution split it ("“A,” she said. “B”",
    # "The plan, he said, is dead"); empty when it is the one span content_start..content_end
    # (and in records stored before pieces existed).
    content_spans: list[Span] = field(default_factory=list)
    # What the content is, as the cue reports it: "ccomp" (a clause), "quote", "dobj" (an
    # object), "prep", ... (extract/claims.py, docs/claims.md); None in records stored before.
    kind: str | None = None
    # Whom the words were addressed to, as written: "urged **Kosovo** not to force ...",
    # "called on **KFOR** to ...", "told **reporters** that ..."; None when the text names
    # no one (and in records stored before).
    addressee: str | None = None
    addressee_entity_id: str | None = None
    # The vague speaker a "he" or "she" stands for when no entity does: "A senior Russian
    # lawmaker" for the "he" of "“...,” he said" right after "A senior Russian lawmaker said
    # ..."; the two a "both" stands for; None otherwise (the speaker stays as written).
    speaker_antecedent: str | None = None
    # Whether the content is something said, thought or asked ("said that ...", "demanded
    # **an end to the violence**"), not what an act was done to ("fired **tear gas**"); None
    # in records stored before (``extract.claims.reports_speech``).
    speech: bool | None = None

    def spans(self) -> list[tuple[int, int]]:
        """(start, end) of each piece of the content, in text order."""
        pieces = [(s.start, s.end) for s in self.content_spans]
        return pieces or [(self.content_start, self.content_end)]


@dataclass
class Annotation:
    """Everything read off one article's single parse."""

    article: Article
    sentences: list[Span]
    mentions: list[Mention]
    places: list[Place]
    times: list[TimeRef]
    entities: list[Entity]
    # The spaCy Doc of the one parse, reused by later stages; never stored or exported.
    doc: Any = field(default=None, repr=False, compare=False, metadata={"transient": True})


@dataclass
class Extraction:
    article_id: str
    events: list[Event]
    claims: list[Claim]


@dataclass
class MergedEvent:
    """One real-world event and every report of it."""

    id: str
    plover: str
    cameo: str
    mode: EventMode
    source_actor: Actor | None
    target_actor: Actor | None
    place: Place | None
    date: TimeRef | None
    report_ids: list[str]  # Event ids
    sources: list[str]  # outlets, first reporter first
    first_reported: datetime | None
    summary: str  # the evidence sentence of the origin report
    independent_sources: int = 0  # outlets that reported it, copies counted with their origin
    background: bool = False  # every report tells it as background (see Event.background)
    story_id: str | None = None  # the story of its first report, set when it is stored
    # Every figure its reports give, each once with the outlets that gave it: reports of one
    # event often disagree ("about 30 soldiers", "dozens of people"), and all are kept.
    casualties: list[Casualty] = field(default_factory=list)


@dataclass
class Link:
    """``article_id`` repeats ``origin_id``: an exact copy, a near duplicate or a rewrite.
    The group is a link, never a deletion: both articles keep their own records."""

    article_id: str
    origin_id: str
    kind: Literal["exact", "near", "rewrite"]
    similarity: float
    aligned: list[list[float]] = field(default_factory=list)  # [i, j, sim]: sentence pairs


@dataclass
class StoryChange:
    """A story that clustering merged with or split from others, and why."""

    story_id: str
    kind: Literal["split", "merge"]
    other_ids: list[str]  # the stories merged into this one, or split off it / from
    reason: str
    at: datetime | None = None  # publication time of the latest article behind the change


@dataclass
class Story:
    id: str
    title: str
    article_ids: list[str]
    summary: list[str] = field(default_factory=list)  # sentences, verbatim from sources
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    origins: list[str] = field(default_factory=list)  # article ids that others copy
    changes: list[StoryChange] = field(default_factory=list)


@dataclass
class Corpus:
    """Everything stored, as the corpus-level stages (link, merge, story summaries) need it."""

    annotations: list[Annotation]
    extractions: list[Extraction]
    vectors: list[Any]  # per article: a (sentences x dim) float32 matrix of unit vectors


def to_dict(record: Any) -> Any:
    """A JSON-ready form of a record (datetimes as ISO 8601, transient fields left out)."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {
            f.name: to_dict(getattr(record, f.name))
            for f in dataclasses.fields(record)
            if not f.metadata.get("transient")
        }
    if isinstance(record, datetime):
        return record.isoformat()
    if isinstance(record, dict):
        return {k: to_dict(v) for k, v in record.items()}
    if isinstance(record, list | tuple):
        return [to_dict(v) for v in record]
    return record


def from_dict(cls: type, data: Any) -> Any:
    """Rebuild a record of type ``cls`` from the output of :func:`to_dict`."""
    return _builder(cls)(data)


Builder = typing.Callable[[Any], Any]


@functools.cache
def _builder(hint: Any) -> Builder:
    """The function that rebuilds values of type ``hint``. Reading type hints is slow, so it
    is worked out once per type; a page that loads thousands of records just calls it."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _builder(options[0]) if len(options) == 1 else _as_is
    if origin is list:
        (item,) = typing.get_args(hint) or (Any,)
        return _nullable(functools.partial(_build_list, _builder(item)))
    if hint is datetime:
        return _nullable(lambda v: datetime.fromisoformat(v) if isinstance(v, str) else v)
    if dataclasses.is_dataclass(hint):
        return _nullable(functools.partial(_build_record, hint))
    return _as_is  # dicts, Any, literals and plain values are stored as they are


def _as_is(value: Any) -> Any:
    return value


def _nullable(build: Builder) -> Builder:
    return lambda value: None if value is None else build(value)


def _build_list(build_item: Builder, values: list) -> list:
    return [build_item(v) for v in values]


def _build_record(cls: type, value: dict[str, Any]) -> Any:
    fields = _field_builders(cls)
    return cls(**{k: fields[k](v) for k, v in value.items() if k in fields})


@functools.cache
def _field_builders(cls: type) -> dict[str, Builder]:
    return {name: _builder(hint) for name, hint in _stored_fields(cls).items()}


@functools.cache
def _stored_fields(cls: type) -> dict[str, Any]:
    """Field name -> type of the fields a record keeps (resolving hints is slow: once)."""
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)
            if not f.metadata.get("transient")}
