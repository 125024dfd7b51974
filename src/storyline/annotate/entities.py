"""Entity mentions and canonical entities, read off the one spaCy parse of an article.

Every mention links to an entity whose id is the hash of a normalized name key
(:func:`storyline.annotate.actors.name_key`), so one actor gets one id in every article without a
corpus pass: "Aleksandar Vučić", "Vucic" and "Serbian President Aleksandar Vučić" are one entity.
Within an article a surname alone joins the full name given elsewhere in it; across articles the
actor dictionary and :func:`merge_entities` do that. Titles become attributes ("president",
SRB, GOV); a capital that acts ("Belgrade said") is its government; "the president" and "he"
get COREF mentions of the person they point back to when that person is clear.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from storyline.annotate.actors import (
    ActorDictionary,
    ActorEntry,
    PhraseCode,
    actor_dictionary,
    code_phrase,
    default_role,
    entity_id,
    name_key,
    surname,
)
from storyline.records import Annotation, Article, Entity, Mention

ENTITY_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"})
PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
# Nouns for a person with no post, who may be the one a later "he" or "she" means.
UNNAMED_PEOPLE = frozenset({
    "man", "woman", "person", "boy", "girl", "resident", "witness", "source", "protester",
    "demonstrator", "soldier", "officer", "policeman", "policewoman", "villager", "local",
})
# how a noun takes part in a clause, as someone a pronoun could stand for
PARTICIPANT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "agent", "pobj"})
# A pronoun's antecedent must be the only person named in its sentence or the two before.
PRONOUN_WINDOW = 2
# A place acts (and so stands for its government) as subject or object of a verb, as the agent
# of a passive ("supported by Washington"), or with these prepositions ("talks with Moscow").
ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "agent"})
ACTING_PREPOSITIONS = frozenset({"by", "with", "against"})
# Words of an organisation's name that its acronym leaves out.
ACRONYM_SKIPS = frozenset({"of", "for", "and", "the", "in", "on", "de", "&"})


@dataclass
class _Found:
    """A resolved mention (token offsets) before the entities are built."""

    start: int
    end: int
    text: str
    label: str  # the mention's label: what the words name (PERSON, GPE, ...) or COREF
    key: str  # the entity's name key
    type: str  # the entity's type
    name: str  # the canonical name when known, else the surface form
    known: bool = False  # from the actor dictionary
    country: str | None = None
    sector: str | None = None
    role: str | None = None


@dataclass
class _Attributes:
    """What the article says about one entity, for coreference."""

    type: str
    country: str | None
    roles: list[str]  # every post it is given


def find_entities(doc: Doc, article: Article) -> tuple[list[Mention], list[Entity]]:
    """The article's entity mentions (names and COREF), each linked to one of its entities."""
    dictionary = actor_dictionary()
    spans = _name_spans(doc, dictionary)
    found = _resolve_all(spans, dictionary)
    found += _coreferences(doc, found)
    found.sort(key=lambda f: f.start)
    mentions = [
        Mention(doc[f.start].idx, doc[f.end - 1].idx + len(doc[f.end - 1]), f.text, f.label,
                entity_id(f.key))
        for f in found
    ]
    return mentions, _entities(found)


def merge_entities(annotations: Sequence[Annotation]) -> list[Entity]:
    """The corpus's canonical entities. Entities with one id are merged (aliases united, the best
    name, the most common role, country and sector); then a surname-only person joins the one
    full name in the corpus that ends in it, and an acronym the one organisation that has it as
    an alias. The merged ids are kept in ``merged_ids``, so every mention's ``entity_id`` is the
    id, or one of the merged ids, of exactly one returned entity."""
    groups: dict[str, list[Entity]] = defaultdict(list)
    for annotation in annotations:
        for entity in annotation.entities:
            groups[entity.id].append(entity)
    for annotation in annotations:
        for mention in annotation.mentions:
            if mention.entity_id not in groups:  # a mention without its entity: keep it reachable
                label = "PERSON" if mention.label == "COREF" else mention.label
                groups[mention.entity_id].append(
                    Entity(mention.entity_id, mention.text, label, aliases=[mention.text])
                )
    merged = {id_: _combine(entities) for id_, entities in groups.items()}
    redirects = _redirects(merged)
    for source_id, target_id in redirects.items():
        _absorb(merged[target_id], merged.pop(source_id))
    return list(merged.values())


# ---------------------------------------------------------------------------------------------
# Name spans


def _name_spans(doc: Doc, dictionary: ActorDictionary) -> list[Span]:
    """Spans naming entities: the NER's (split at commas, broken names rejoined, "the" and titles
    trimmed) and the dictionary's people and organisations the NER missed; longest first."""
    named = [piece for ent in doc.ents if ent.label_ in ENTITY_LABELS
             for piece in _split_at_commas(ent)]
    spans = [_trim(_person_after_title(s, dictionary), dictionary)
             for s in _join_broken_names(named)]
    spans += _dictionary_spans(doc, dictionary)
    spans = [s for s in spans if s is not None and not _in_post(s, dictionary)]
    kept: list[Span] = []
    taken: set[int] = set()
    for span in sorted(spans, key=lambda s: (-len(s), s.start)):
        if taken.isdisjoint(range(span.start, span.end)):
            kept.append(span)
            taken.update(range(span.start, span.end))
    return sorted(kept, key=lambda s: s.start)


def _split_at_commas(span: Span) -> list[Span]:
    """"Vucic, Serbia" tagged as one ORG is two names."""
    pieces, start = [], span.start
    for token in span:
        if token.text == ",":
            pieces.append(Span(span.doc, start, token.i, label=span.label_))
            start = token.i + 1
    pieces.append(Span(span.doc, start, span.end, label=span.label_))
    return [p for p in pieces if len(p)]


def _join_broken_names(spans: list[Span]) -> list[Span]:
    """The NER sometimes cuts a name in two ("Aleksandr" GPE + "Botsan-Kharchenko" PERSON)."""
    joined: list[Span] = []
    for span in spans:
        last = joined[-1] if joined else None
        if (last is not None and last.end == span.start and "PERSON" in (last.label_, span.label_)
                and all(t.pos_ == "PROPN" or t.tag_ == "HYPH" for t in (*last, *span))
                and last[-1].head.i in range(span.start, span.end)):
            joined[-1] = Span(span.doc, last.start, span.end, label="PERSON")
        else:
            joined.append(span)
    return joined


def _person_after_title(span: Span, dictionary: ActorDictionary) -> Span:
    """A name right after a person's post or title, written as one, is a person's, whatever
    the NER took it for: "Kosovo President **Hashim Thaçi**" (tagged ORG), "Mr **Li**"; not
    after a word that only looks like one ("the official **Xinhua** news agency")."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    titled = before is not None and before.text[:1].isupper()
    post = dictionary.lookup(before.text) if titled else None
    if (span.label_ == "PERSON" or post is None or post.type not in ("ROLE", "TITLE")
            or dictionary.lookup(span.text) is not None
            or not all(t.pos_ == "PROPN" or t.tag_ == "HYPH" for t in span)):
        return span
    return Span(span.doc, span.start, span.end, label="PERSON")


def _trim(span: Span, dictionary: ActorDictionary) -> Span | None:
    """Drop a leading "the", a trailing possessive or punctuation, and, from a person's name,
    leading titles, posts and nationalities ("President Vučić" → "Vučić")."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ == "the" or _is_filler(doc[start])):
        start += 1
    while end > start and (_is_filler(doc[end - 1]) or doc[end - 1].tag_ == "POS"):
        end -= 1
    if span.label_ == "PERSON":
        while end - start > 1 and _is_title(doc[start], dictionary):
            start += 1
    return Span(doc, start, end, label=span.label_) if end > start else None


def _is_filler(token: Token) -> bool:
    return token.is_punct or token.is_space


def _in_post(span: Span, dictionary: ActorDictionary) -> bool:
    """Is the span a word of a post ("Defense" in "Defense Minister")?"""
    doc = span.doc
    for end in (span.end + 1, span.end + 2):
        entry = dictionary.lookup(doc[span.start : end].text) if end <= len(doc) else None
        if entry and entry.type == "ROLE":
            return True
    return False


def _is_title(token: Token, dictionary: ActorDictionary) -> bool:
    entry = dictionary.lookup(token.text)
    return entry is not None and entry.type in ("ROLE", "TITLE", "NORP", "AGENT", "GPE")


def _dictionary_spans(doc: Doc, dictionary: ActorDictionary) -> list[Span]:
    """Known people and organisations, found by their aliases: the NER tags only "Kosovo" in
    "Kosovo police" and misses names it has not learnt."""
    sentence_end = {t.i: sent.end for sent in doc.sents for t in sent}
    texts = [t.text_with_ws for t in doc]  # plain strings: slicing the Doc is slow
    can_end = [not (t.is_punct or t.is_space or t.tag_ == "POS") for t in doc]
    spans = []
    for start, text in enumerate(texts):
        if not text[:1].isupper() or name_key(text).split(" ")[0] not in dictionary.first_words:
            continue
        # + 2: hyphens are tokens of their own ("Co-operation") but not words of a key
        longest = min(sentence_end[start], start + dictionary.longest + 2)
        for end in range(longest, start, -1):
            entry = dictionary.lookup("".join(texts[start:end])) if can_end[end - 1] else None
            if entry and entry.type in ("PERSON", "ORG"):
                spans.append(Span(doc, start, end, label=entry.type))
                break
    return spans


# ---------------------------------------------------------------------------------------------
# Resolution


def _resolve_all(spans: list[Span], dictionary: ActorDictionary) -> list[_Found]:
    """Full names first, so that a surname alone can join the full name given in the article."""
    entries = {s.start: dictionary.lookup(s.text) for s in spans}
    full_names = [s for s in spans if s.label_ == "PERSON" and len(s.text.split()) > 1
                  and (entries[s.start] is None or entries[s.start].type == "PERSON")]
    found = {s.start: _resolve_person(s, entries[s.start]) for s in full_names}
    family = _family_names(found.values())
    acronyms = _acronyms(spans, entries)
    for span in spans:
        if span.start not in found:
            resolved = _resolve(span, entries[span.start], family, acronyms)
            if resolved:
                found[span.start] = resolved
    if spans:
        for span in _surnames_missed(spans[0].doc, spans, family):
            found[span.start] = _resolve_person(span, None, family[name_key(span.text)])
    return [found[start] for start in sorted(found)]


def _surnames_missed(doc: Doc, spans: list[Span], family: dict[str, str | None]) -> list[Span]:
    """The surname of a person named in full in the article, where the NER saw no name."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    missed: list[Span] = []
    for token in doc:
        if token.pos_ != "PROPN" or token.i in taken:
            continue
        for end in (token.i + 3, token.i + 1):  # "Botsan-Kharchenko" is three tokens
            span = doc[token.i : min(end, len(doc))]
            if family.get(name_key(span.text)) and taken.isdisjoint(range(span.start, span.end)):
                missed.append(Span(doc, span.start, span.end, label="PERSON"))
                taken.update(range(span.start, span.end))
                break
    return missed


def _resolve(
    span: Span,
    entry: ActorEntry | None,
    family: dict[str, str | None],
    acronyms: dict[str, str],
) -> _Found | None:
    key = name_key(span.text)
    if not key or (entry and entry.type not in ("PERSON", "ORG", "GPE", "NORP", "METONYM")):
        return None  # empty, or a post or a group noun ("President", "Police")
    if len(span.text.split()) == 1 and family.get(key) and span[0].pos_ == "PROPN":
        return _resolve_person(span, None, family[key])
    if entry and entry.type == "METONYM":
        return _resolve_metonym(span, entry)
    if entry:
        return _resolve_person(span, entry) if entry.type == "PERSON" else _known(span, entry)
    if span.label_ == "PERSON":
        return _resolve_person(span, None)
    if key in acronyms:
        return _Found(span.start, span.end, span.text, span.label_, acronyms[key], span.label_,
                      span.text)
    return _unknown(span, key)


def _known(span: Span, entry: ActorEntry, label: str | None = None) -> _Found:
    return _Found(
        span.start, span.end, span.text, label or entry.type, entry.key, entry.entity_type,
        entry.name, known=True, country=entry.country, sector=entry.sector,
    )


def _unknown(span: Span, key: str) -> _Found:
    """A name the dictionary lacks; an organisation's own words may still code it ("Serbian
    Orthodox Church" is SRB)."""
    found = _Found(span.start, span.end, span.text, span.label_, key, span.label_, span.text)
    if span.label_ == "ORG":
        codes = code_phrase(span.text)
        if codes:
            found.country, found.sector = codes[0].country, codes[0].sector
    return found


def _resolve_metonym(span: Span, entry: ActorEntry) -> _Found:
    """"Belgrade demanded" is the Serbian government; "in Belgrade" is the city."""
    if _acts(span):
        return _known(span, entry, label="GPE")
    label = span.label_ if span.label_ in ("GPE", "LOC", "FAC") else "GPE"
    return _Found(span.start, span.end, span.text, label, name_key(span.text), label, span.text,
                  country=entry.country)


def _acts(span: Span) -> bool:
    token = span.root
    while token.dep_ == "conj" and token.head is not token:
        token = token.head  # "Belgrade and Pristina agreed"
    if token.dep_ in ACTING_DEPS:
        return True
    return token.dep_ == "pobj" and token.head.lower_ in ACTING_PREPOSITIONS


def _resolve_person(span: Span, entry: ActorEntry | None, key: str | None = None) -> _Found:
    """A person, with the post and country the words around the name give."""
    if entry:
        found = _known(span, entry, label="PERSON")
        found.role = default_role(entry)
    else:
        key = key or name_key(span.text)
        found = _Found(span.start, span.end, span.text, "PERSON", key, "PERSON", span.text)
    for code in _context_codes(span):
        found.role = code.role.name if code.role else found.role
        if not found.known:
            found.country = found.country or code.country
            found.sector = found.sector or code.sector
    return found


def _context_codes(span: Span) -> list[PhraseCode]:
    """Codes of the words that describe a person: titles before the name ("Serbian President
    Aleksandar Vučić") and an apposition ("the Russian ambassador, Aleksandr ...")."""
    phrases = []
    before = _modifiers_before(span)
    if before:
        phrases.append(before + span.text)
    root = span.root
    if root.dep_ == "appos" and root.head.i < span.start:
        phrases.append(span.doc[root.head.left_edge.i : root.head.i + 1].text)
    for child in root.children:
        if child.dep_ == "appos" and child.i >= span.end:
            phrases.append(span.doc[child.left_edge.i : child.right_edge.i + 1].text)
    return [codes[0] for codes in map(code_phrase, phrases) if codes and codes[0].role]


def _modifiers_before(span: Span) -> str:
    """The words before a name that belong to it: "Kosovo Prime Minister" in "Kosovo Prime
    Minister Albin Kurti", stopping at anything that is not a modifier."""
    doc, first = span.doc, span.start
    while first > 0:
        token = doc[first - 1]
        if token.is_punct or token.dep_ not in ("compound", "amod", "nmod", "poss", "case"):
            break
        if not (span.start <= token.head.i < span.end or first <= token.head.i < span.start):
            break
        first -= 1
    return doc[first : span.start].text_with_ws if first < span.start else ""


def _family_names(people: Iterable[_Found]) -> dict[str, str | None]:
    """Surname key → full-name key; None when two people in the article share the surname."""
    family: dict[str, str | None] = {}
    for person in people:
        surname_key = name_key(surname(person.text))
        if surname_key in family and family[surname_key] != person.key:
            family[surname_key] = None
        else:
            family[surname_key] = person.key
    return family


def _acronyms(spans: list[Span], entries: dict[int, ActorEntry | None]) -> dict[str, str]:
    """Acronym key → key of the organisation it abbreviates in this article: its initials, or
    the acronym in brackets right after the name."""
    acronyms = {}
    for span in spans:
        if span.label_ != "ORG" or entries[span.start] or len(span) < 2:
            continue
        words = [w for w in span.text.split() if w.lower() not in ACRONYM_SKIPS]
        acronyms[name_key("".join(w[0] for w in words))] = name_key(span.text)
        doc = span.doc
        if span.end + 2 < len(doc) and doc[span.end].text == "(" and doc[span.end + 2].text == ")":
            acronyms[name_key(doc[span.end + 1].text)] = name_key(span.text)
    return acronyms


# ---------------------------------------------------------------------------------------------
# Coreference


@dataclass(frozen=True)
class _Seen:
    """A person mentioned so far: an entity, or someone unnamed ("a man", "a Western diplomat")
    whom a later "he" or "the diplomat" may mean instead."""

    sentence: int
    key: str | None  # None for someone unnamed
    post: str | None = None  # the unnamed person's post, if the words give one
    # the subject of its sentence's main clause ("**Vučić** said Kurti had ..."), not of a
    # clause inside it (Kurti)
    subject: bool = False


def _coreferences(doc: Doc, found: list[_Found]) -> list[_Found]:
    """COREF mentions for "the president", "the Serbian leader" and clear "he"/"she"."""
    attributes = _attributes(found)
    sentence_of = {t.i: n for n, sent in enumerate(doc.sents) for t in sent}
    covered = {i for f in found for i in range(f.start, f.end)}
    people = iter(f for f in found if attributes[f.key].type == "PERSON")
    person = next(people, None)
    seen: list[_Seen] = []
    corefs: list[_Found] = []
    for token in doc:
        while person is not None and person.start < token.i:
            root = doc[person.start : person.end].root
            seen.append(_Seen(sentence_of[person.start], person.key,
                              subject=_is_main_subject(root)))
            person = next(people, None)
        if token.i in covered:
            continue
        unnamed = _someone_unnamed(token, sentence_of[token.i])
        if unnamed:
            seen.append(unnamed)
            continue
        coref = _pronoun(token, seen, sentence_of) or _definite_role(token, seen, attributes, found)
        if coref:
            corefs.append(coref)
            seen.append(_Seen(sentence_of[token.i], coref.key, subject=_is_main_subject(token)))
    return corefs


def _someone_unnamed(token: Token, sentence: int) -> _Seen | None:
    """"a man", "a Western diplomat": a person who is no entity, taking part in a clause (not
    "a town, **a key source** of water")."""
    if token.pos_ != "NOUN" or token.tag_ != "NN" or token.dep_ not in PARTICIPANT_DEPS:
        return None
    if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.lefts):
        return None
    if token.lower_ in UNNAMED_PEOPLE:
        return _Seen(sentence, None)
    entry = actor_dictionary().lookup(token.text)
    return _Seen(sentence, None, entry.name) if entry and entry.type == "ROLE" else None


def _pronoun(token: Token, seen: list[_Seen], sentence_of: dict[int, int]) -> _Found | None:
    if token.lower_ not in PRONOUNS or token.tag_ not in ("PRP", "PRP$"):
        return None
    sentence = sentence_of[token.i]
    candidates = {s.key for s in seen if sentence - PRONOUN_WINDOW <= s.sentence <= sentence}
    if None in candidates:
        return None  # someone unnamed it could be
    if len(candidates) != 1:
        candidates = _previous_subject(token, seen, sentence) or _sentence_subject(
            token, seen, sentence)
    if len(candidates) != 1:
        return None  # nobody, or more than one person it could be
    key = candidates.pop()
    return _Found(token.i, token.i + 1, token.text, "COREF", key, "PERSON", token.text)


def _previous_subject(token: Token, seen: list[_Seen], sentence: int) -> set[str | None]:
    """A pronoun opening a sentence as its subject continues the subject of the sentence
    before ("Vučić said ... from Kurti's police. He warned ..." is Vučić); other people named
    between them make it unclear."""
    opening = _is_subject(token) and token.head == token.sent.root
    if not opening or any(s.sentence == sentence for s in seen):
        return set()
    return {s.key for s in seen if s.sentence == sentence - 1 and s.subject}


def _sentence_subject(token: Token, seen: list[_Seen], sentence: int) -> set[str | None]:
    """A pronoun subject continues the subject of its sentence when that is the only person
    the sentence has named before it ("Vučić said **he** had been told ...", "Vučić said
    ..., and **he** accused Kurti ..."); someone else named there, even as the subject of a
    clause inside it, makes it unclear."""
    if not _is_subject(token):
        return set()
    here = [s for s in seen if s.sentence == sentence]
    return {s.key for s in here} if here and all(s.subject for s in here) else set()


def _is_main_subject(token: Token) -> bool:
    """The subject of the sentence's main verb, or of a verb joined to it ("Vučić said ...,
    and **he** accused ..."), or the source the sentence is attributed to ("According to
    **Zakharova**, ..."): whom a "she" opening the next sentence goes on about."""
    if token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.head.lower_ == "according":
        return True
    if not _is_subject(token):
        return False
    verb = _first_conjunct(_first_conjunct(token).head)
    return verb == verb.sent.root


def _is_subject(token: Token) -> bool:
    """The subject of its clause, or one of joined subjects ("Kurti and Radulović met")."""
    return _first_conjunct(token).dep_ in ("nsubj", "nsubjpass")


def _first_conjunct(token: Token) -> Token:
    """The first of the words joined to this one ("Kurti" of "Kurti and Radulović")."""
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    return token


def _definite_role(
    token: Token,
    seen: list[_Seen],
    attributes: dict[str, _Attributes],
    found: list[_Found],
) -> _Found | None:
    """"the president" → the latest person before it who holds that post (and, for "the Serbian
    leader", is Serbian); nobody when an unnamed person with that post came in between."""
    if token.pos_ not in ("NOUN", "PROPN") or token.tag_ not in ("NN", "NNP"):
        return None
    lefts = list(token.lefts)
    if not lefts or lefts[0].lower_ != "the" or _names_someone(token, found):
        return None
    phrase = token.doc[lefts[0].i : token.i + 1]
    codes = code_phrase(phrase.text)
    code = codes[0] if codes else None
    if code is None or code.head is None or code.head.type != "ROLE":
        return None
    if code.head.sector is None and code.country is None:
        return None  # "the official", "the diplomat": too often an unnamed source
    generic = code.head.sector is None
    for person in reversed(seen):
        if person.key is None:
            if person.post and (generic or person.post == code.head.name):
                return None  # "a Western diplomat ... the diplomat"
        elif _fits(code, attributes[person.key]):
            return _Found(phrase.start, phrase.end, phrase.text, "COREF", person.key, "PERSON",
                          phrase.text)
    return None


def _names_someone(token: Token, found: list[_Found]) -> bool:
    """Is this post the title of a name right beside it ("the Russian ambassador, Aleksandr
    Botsan-Kharchenko"; "Vucic, the president,")?"""
    near = {token.i + 1, token.i + 2}
    if any(f.start in near and f.type == "PERSON" for f in found):
        return True
    return token.dep_ == "appos" or any(c.dep_ == "appos" for c in token.children)


def _fits(code: PhraseCode, person: _Attributes) -> bool:
    if not person.roles or code.head is None:
        return False
    post = code.head.name
    generic = code.head.sector is None  # "leader", "official": any post will do
    if not generic and not any(r == post or r.endswith(" " + post) for r in person.roles):
        return False
    return code.country is None or code.country == person.country


def _attributes(found: list[_Found]) -> dict[str, _Attributes]:
    by_key: dict[str, list[_Found]] = defaultdict(list)
    for f in found:
        by_key[f.key].append(f)
    return {
        key: _Attributes(
            type=_most_common(f.type for f in group) or "",
            country=_most_common(f.country for f in group),
            roles=[f.role for f in group if f.role],
        )
        for key, group in by_key.items()
    }


# ---------------------------------------------------------------------------------------------
# Entities


def _entities(found: list[_Found]) -> list[Entity]:
    by_key: dict[str, list[_Found]] = defaultdict(list)
    for f in found:
        by_key[f.key].append(f)
    return [_entity(key, group) for key, group in by_key.items()]


def _entity(key: str, group: list[_Found]) -> Entity:
    names = [f for f in group if f.label != "COREF"]
    known = next((f for f in names if f.known), None)
    return Entity(
        id=entity_id(key),
        name=known.name if known else best_name(f.text for f in names),
        type=known.type if known else _most_common(f.type for f in group) or "PERSON",
        aliases=_unique(f.text for f in names),
        country=_most_common(f.country for f in group),
        sector=_most_common(f.sector for f in group),
        role=_most_common(f.role for f in group),
    )


def best_name(names: Iterable[str]) -> str:
    """The fullest form, with diacritics wherever any form had them: ["Dragan Petrovich",
    "Petrović"] → "Dragan Petrović"."""
    names = [n for n in names if n]
    if not names:
        return ""
    # the most words, then diacritics, then not a shouted dateline ("ZVEČAN")
    words = max(names, key=lambda n: (len(n.split()), not n.isascii(), not n.isupper())).split()
    accented = {name_key(w): w for n in names for w in n.split() if not w.isascii()}
    return " ".join(accented.get(name_key(w), w) for w in words)


def _combine(entities: list[Entity]) -> Entity:
    first = entities[0]
    return replace(
        first,
        name=best_name(e.name for e in entities),
        type=_most_common(e.type for e in entities) or first.type,
        aliases=_unique(a for e in entities for a in e.aliases),
        country=_most_common(e.country for e in entities),
        sector=_most_common(e.sector for e in entities),
        role=_most_common(e.role for e in entities),
        merged_ids=_unique(i for e in entities for i in e.merged_ids),
    )


def _redirects(entities: dict[str, Entity]) -> dict[str, str]:
    """Entity id → id of the entity it is a short form of: a surname of the one full name that
    ends in it, an acronym of the one organisation that has it as an alias."""
    full_names: dict[str, list[Entity]] = defaultdict(list)
    aliases: dict[str, set[str]] = defaultdict(set)
    for entity in entities.values():
        if len(entity.name.split()) > 1:
            if entity.type == "PERSON":
                full_names[name_key(entity.name).split()[-1]].append(entity)
            for alias in entity.aliases:
                aliases[name_key(alias)].add(entity.id)
    redirects = {}
    for entity in entities.values():
        if len(entity.name.split()) != 1:
            continue
        key = name_key(entity.name)
        if _may_be_surname(entity):
            owners = {e.id for e in full_names.get(key.split()[-1] if key else "", [])
                      if name_key(e.name).endswith(" " + key)}
        elif entity.type == "ORG" and entity.name.isupper():
            owners = aliases.get(key, set())
        else:
            continue
        if len(owners) == 1 and entity.id not in owners:
            redirects[entity.id] = owners.pop()
    return redirects


def _may_be_surname(entity: Entity) -> bool:
    """A person's name, or a word the NER mistook for a place or an organisation ("Kelani" as
    ORG): uncoded and no acronym."""
    if entity.type == "PERSON":
        return True
    return (entity.type in ENTITY_LABELS and not entity.country and not entity.sector
            and not entity.name.isupper())


def _absorb(target: Entity, source: Entity) -> None:
    target.aliases = _unique([*target.aliases, *source.aliases])
    target.merged_ids = _unique([*target.merged_ids, source.id, *source.merged_ids])
    target.country = target.country or source.country
    target.sector = target.sector or source.sector
    target.role = target.role or source.role


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))
