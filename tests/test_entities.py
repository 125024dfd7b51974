"""Entity mentions, canonical entities, coreference and the corpus-level merge."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.annotate import annotate
from storyline.annotate.actors import code_actor, fold_diacritics
from storyline.annotate.entities import best_name, find_entities, merge_entities
from storyline.models import nlp
from storyline.records import Annotation, Article, Entity, Mention

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).parent / "fixtures" / "entities"


def annotate_text(text: str, article_id: str) -> Annotation:
    article = Article(id=article_id, origin=article_id, title=None, text=text, content_hash="-")
    mentions, entities = find_entities(nlp()(text), article)
    return Annotation(article, [], mentions, [], [], entities)


@pytest.fixture(scope="module")
def articles() -> dict[str, Annotation]:
    """The fixture articles, parsed once for the module."""
    return {p.stem: annotate_text(p.read_text(encoding="utf-8"), p.stem)
            for p in sorted(FIXTURES.glob("*.txt"))}


def entity_of(annotation: Annotation, mention: Mention) -> Entity:
    return next(e for e in annotation.entities if e.id == mention.entity_id)


def mentions_of(annotation: Annotation, text: str) -> list[Mention]:
    return [m for m in annotation.mentions if m.text == text]


def test_every_mention_links_to_an_entity_of_its_article(articles):
    for annotation in articles.values():
        ids = {e.id for e in annotation.entities}
        assert annotation.mentions
        assert all(m.entity_id in ids for m in annotation.mentions)
        text = annotation.article.text
        assert all(text[m.start : m.end] == m.text for m in annotation.mentions)


def test_one_entity_for_every_spelling_of_a_person_across_articles(articles):
    monday, tuesday = articles["vucic_monday"], articles["vucic_tuesday"]
    full = mentions_of(monday, "Aleksandar Vučić")
    bare = mentions_of(tuesday, "Vucic")
    assert full and bare
    assert full[0].entity_id == bare[0].entity_id
    person = entity_of(monday, full[0])
    assert (person.name, person.type) == ("Aleksandar Vučić", "PERSON")


def test_title_becomes_role_and_country(articles):
    monday = articles["vucic_monday"]
    # the mention is the name alone: "Serbian President" went into attributes
    person = entity_of(monday, mentions_of(monday, "Aleksandar Vučić")[0])
    assert (person.role, person.country, person.sector) == ("president", "SRB", "GOV")
    # a person the dictionary does not know is coded from the title in the text
    minister = entity_of(articles["two_people"], mentions_of(articles["two_people"],
                                                             "Jana Radulović")[0])
    assert (minister.role, minister.country, minister.sector) == ("foreign minister", "MNE", "GOV")


def test_surname_joins_full_name_in_article_and_keeps_diacritics(articles):
    monday = articles["vucic_monday"]
    full, bare = mentions_of(monday, "Dragan Petrovich"), mentions_of(monday, "Petrović")
    assert full and bare and full[0].entity_id == bare[0].entity_id
    minister = entity_of(monday, full[0])
    assert minister.name == "Dragan Petrović"  # the spelling with diacritics wins
    assert minister.role == "interior minister"
    assert set(minister.aliases) == {"Dragan Petrovich", "Petrović"}


def test_kfor_short_and_long_forms_are_one_entity(articles):
    ids = {m.entity_id for a in articles.values() for m in a.mentions
           if m.text in ("NATO-led KFOR mission", "Kosovo Force", "KFOR")}
    assert len(ids) == 1
    (kfor,) = [e for e in merge_entities(list(articles.values())) if e.id in ids]
    assert {"NATO-led KFOR mission", "Kosovo Force", "KFOR"} <= set(kfor.aliases)


def test_capital_that_acts_is_its_government(articles):
    monday = articles["vucic_monday"]
    acting, place = mentions_of(monday, "Belgrade")  # "Belgrade would ask" / "held in Belgrade"
    government = entity_of(monday, acting)
    assert (government.type, government.country, government.sector) == ("ORG", "SRB", "GOV")
    city = entity_of(monday, place)
    assert (city.type, city.country, city.sector) == ("GPE", "SRB", None)
    # the same government is what code_actor gives for the bare name
    assert code_actor("Belgrade").entity_id == government.id


def test_the_president_and_a_clear_he_point_back_to_the_person(articles):
    monday = articles["vucic_monday"]
    person = mentions_of(monday, "Aleksandar Vučić")[0].entity_id
    corefs = {m.text: m.entity_id for m in monday.mentions if m.label == "COREF"}
    assert corefs == {"The president": person, "He": person}


def test_he_opening_a_sentence_continues_the_subject_before(articles):
    # two people in the sentence before, one its subject: "He" goes on with the subject
    two = articles["two_people"]
    kurti = mentions_of(two, "Albin Kurti")[0].entity_id
    assert [(m.text, m.entity_id) for m in two.mentions if m.label == "COREF"] == [("He", kurti)]


@pytest.mark.parametrize(("text", "pronoun", "person"), [
    # the main clause's subject, not the subject of the clause it reports
    ("Defence Minister Ivan Horvat said President Aleksandar Vučić had ordered the units to "
     "move. He did not say how many soldiers were involved.", "He", "Ivan Horvat"),
    # the source the sentence is attributed to, not a person inside what it says
    ("According to Maria Zakharova, the ministry spokeswoman, Western governments had "
     "ignored the warnings and allowed Albin Kurti to act. She said the mission had failed.",
     "She", "Maria Zakharova"),
])
def test_a_pronoun_opening_a_sentence_continues_its_main_actor(text, pronoun, person):
    article = Article(id="m", origin="m", title=None, text=text, content_hash="m")
    (annotation,) = annotate([article])
    expected = mentions_of(annotation, person)[0].entity_id
    corefs = [(m.text, m.entity_id) for m in annotation.mentions if m.label == "COREF"]
    assert corefs == [(pronoun, expected)]


@pytest.mark.parametrize("text", [
    "Albin Kurti and Ivan Horvat met in Pristina. He said the talks went well.",  # two subjects
    "Albin Kurti thanked Ivan Horvat. Officials said he had helped.",  # not opening the sentence
    "Albin Kurti met Ivan Horvat in Pristina, and he said the talks went well.",  # same sentence
])
def test_an_unclear_he_is_left_alone(text):
    article = Article(id="u", origin="u", title=None, text=text, content_hash="u")
    (annotation,) = annotate([article])
    assert not [m for m in annotation.mentions if m.label == "COREF"]


def test_he_in_a_joined_clause_continues_the_only_person_the_sentence_named():
    # "a key source of timber" describes a town: it is nobody a pronoun could stand for
    text = ("Ivan Horvat visited Raška, a town near the line and a key source of timber. "
            "Aleksandar Vučić said Serbia wanted peace, and he accused Albin Kurti of "
            "provoking the crisis.")
    article = Article(id="j", origin="j", title=None, text=text, content_hash="j")
    (annotation,) = annotate([article])
    vucic = mentions_of(annotation, "Aleksandar Vučić")[0].entity_id
    corefs = [(m.text, m.entity_id) for m in annotation.mentions if m.label == "COREF"]
    assert corefs == [("he", vucic)]


def test_a_name_after_a_post_is_a_person_and_said_he_is_the_one_who_said():
    text = ("Kosovo President Hashim Thaçi visited the dam on Saturday. "
            "In Belgrade, Aleksandar Vučić said he had not been warned.")
    article = Article(id="t", origin="t", title=None, text=text, content_hash="t")
    (annotation,) = annotate([article])
    assert ("Hashim Thaçi", "ORG") in {(e.text, e.label_) for e in annotation.doc.ents}
    types = {e.name: e.type for e in annotation.entities}
    assert types["Hashim Thaçi"] == "PERSON"  # after "President", whatever the NER says
    vucic = mentions_of(annotation, "Aleksandar Vučić")[0].entity_id
    # two people in view, but only Vučić named in the sentence, as its subject
    corefs = [(m.text, m.entity_id) for m in annotation.mentions if m.label == "COREF"]
    assert corefs == [("he", vucic)]


def test_someone_unnamed_in_between_blocks_coreference(articles):
    # "A man ... he" and "A retired ambassador ... The ambassador" mean the unnamed people,
    # not Vučić or Botsan-Kharchenko named just before them
    text = articles["unnamed_people"].article.text
    assert "he had not slept" in text and "The ambassador added" in text
    assert not [m for m in articles["unnamed_people"].mentions if m.label == "COREF"]


def test_merge_joins_a_lone_surname_and_an_acronym_from_other_articles(articles):
    annotations = list(articles.values())
    merged = merge_entities(annotations)
    owner = {i: e for e in merged for i in (e.id, *e.merged_ids)}
    lone = mentions_of(articles["acronym_only"], "Radulovic")[0]
    assert owner[lone.entity_id].name == "Jana Radulović"
    acronym = mentions_of(articles["acronym_only"], "AMC")[0]
    assert owner[acronym.entity_id].name == "Adriatic Mediation Council"
    # every mention of the input reaches exactly one merged entity
    for annotation in annotations:
        for mention in annotation.mentions:
            assert sum(mention.entity_id in (e.id, *e.merged_ids) for e in merged) == 1


def test_merge_keeps_apart_what_differs():
    a = Entity("ent-a", "Jana Radulović", "PERSON")
    b = Entity("ent-b", "Marko Radulović", "PERSON")
    lone = Entity("ent-c", "Radulović", "PERSON")
    article = Article("x", "x", None, "", "-")
    merged = merge_entities([Annotation(article, [], [], [], [], [a, b, lone])])
    assert {e.id for e in merged} == {"ent-a", "ent-b", "ent-c"}  # the surname is ambiguous


def test_best_name_prefers_full_forms_with_diacritics():
    assert best_name(["Aleksandar Vucic", "Vučić"]) == "Aleksandar Vučić"
    assert best_name(["ZVEČAN", "Zvečan"]) == "Zvečan"


def test_seed_articles_share_one_vucic_and_code_the_russian_ambassador(seeds_dir):
    annotations = [annotate_text(p.read_text(encoding="utf-8"), p.stem)
                   for p in sorted(seeds_dir.glob("*.txt"))]
    vucic = {m.entity_id for a in annotations for m in a.mentions
             if fold_diacritics(m.text).endswith("Vucic")}
    assert len(vucic) == 1
    spellings = {m.text for a in annotations for m in a.mentions if m.entity_id in vucic}
    assert {"Vucic", "Vučić"} <= {s.split()[-1] for s in spellings}
    ambassador = [e for a in annotations for e in a.entities if "Botsan-Kharchenko" in e.name]
    assert ambassador and all(e.country == "RUS" for e in ambassador)
    assert code_actor("Aleksandr Botsan-Kharchenko").country == "RUS"
