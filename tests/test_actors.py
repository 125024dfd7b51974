"""The actor dictionary, name keys and code_actor."""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path

import pytest

from storyline.annotate.actors import (
    ACTORS_ENV,
    actor_dictionary,
    code_actor,
    entity_id,
    name_key,
    read_actor_file,
)
from storyline.records import Annotation, Article

FIXTURES = Path(__file__).parent / "fixtures" / "entities"


@pytest.fixture(autouse=True)
def builtin_dictionary(monkeypatch):
    """Tests see the built-in dictionary unless they set STORYLINE_ACTORS themselves."""
    monkeypatch.delenv(ACTORS_ENV, raising=False)


def test_name_key_ignores_case_diacritics_and_transliteration():
    assert name_key("Vučić") == name_key("Vucic") == name_key("VUCIC") == name_key("Vucich")
    assert name_key("Aleksandr Botsan-Kharchenko") == name_key("Alexander Botsan Kharchenko")
    assert name_key("Đorđe") == "djordje"
    assert name_key("the U.S.") == name_key("US")
    assert name_key("Serbia's") == "serbia"
    assert name_key("Vučić") != name_key("Vučević")


def test_entity_ids_are_stable_and_distinct():
    assert entity_id(name_key("Vučić")) == entity_id(name_key("Vucic"))
    assert entity_id("vucic") != entity_id("kurti")
    assert len(entity_id("vucic")) <= 32  # fits the store's id columns


@pytest.mark.parametrize(
    ("phrase", "country", "sector"),
    [
        ("Kosovo police", "XKX", "COP"),
        ("the self-proclaimed Kosovo police", "XKX", "COP"),
        ("Serb protesters", "SRB", "CVL"),
        ("NATO's Kosovo Force (KFOR) personnel", None, "MIL"),
        ("Belgrade", "SRB", "GOV"),
        ("Pristina", "XKX", "GOV"),
        ("Moscow", "RUS", "GOV"),
        ("Washington", "USA", "GOV"),
        ("Brussels", None, "IGO"),
        ("a senior Russian diplomat", "RUS", "GOV"),
        ("Serbian President Aleksandar Vučić", "SRB", "GOV"),
        ("the president of Serbia", "SRB", "GOV"),
        ("Russia's ambassador to Serbia", "RUS", "GOV"),
        ("Kosovar officials", "XKX", "GOV"),
        ("American troops", "USA", "MIL"),
        ("Kosovo Albanian residents", "XKX", "CVL"),
        ("opposition leader", None, "OPP"),
        ("Serbian police and military personnel", "SRB", "COP"),
        ("Germany", "DEU", None),
        ("Baghdad", "IRQ", "GOV"),  # capitals and demonyms the file lacks come from libraries
        ("Bolivian authorities", "BOL", "GOV"),
        ("South African troops", "ZAF", "MIL"),
        ("rebel commander", None, "REB"),
        ("the former president of the ruling party", None, "POL"),
        ("The President", None, "GOV"),
        ("police in Belgrade", "SRB", "COP"),
    ],
)
def test_code_actor_codes(phrase, country, sector):
    actor = code_actor(phrase)
    assert actor is not None and actor.text == phrase
    assert (actor.country, actor.sector) == (country, sector)


def test_code_actor_links_named_actors_and_leaves_vague_ones_unlinked():
    vucic = code_actor("Vucic").entity_id
    assert vucic and code_actor("Serbian President Aleksandar Vučić").entity_id == vucic
    kfor = code_actor("KFOR").entity_id
    assert code_actor("NATO's Kosovo Force (KFOR) personnel").entity_id == kfor
    assert code_actor("the NATO-led KFOR mission").entity_id == kfor
    assert code_actor("NATO").entity_id not in (None, kfor)
    assert code_actor("Serb protesters").entity_id is None
    assert code_actor("a senior Russian diplomat").entity_id is None
    assert code_actor("Botsan-Kharchenko").country == "RUS"


def test_a_post_before_a_name_the_dictionary_lacks_codes_a_person():
    envoy = code_actor("Ambassador Ivo Petrovsky")
    assert (envoy.country, envoy.sector) == (None, "GOV") and envoy.entity_id
    assert code_actor("Chinese Ambassador Ivo Petrovsky").entity_id == envoy.entity_id
    assert code_actor("Chinese Ambassador Ivo Petrovsky").country == "CHN"
    # a known person keeps the dictionary's codes and id
    assert code_actor("Ambassador Botsan-Kharchenko").entity_id == code_actor(
        "Botsan-Kharchenko").entity_id
    assert code_actor("the ambassador").entity_id is None  # a post alone names nobody


@pytest.mark.parametrize(
    "phrase",
    ["the situation", "Kosovo's independence", "us", "he", "", "a facility at the dam",
     "Hun Sen", "John King", "a director"],  # surnames that look like posts; a bare post
)
def test_code_actor_returns_none_for_non_actors(phrase):
    assert code_actor(phrase) is None


def test_acronyms_must_be_written_as_acronyms():
    assert code_actor("US").country == "USA"
    assert actor_dictionary().lookup("us") is None


@pytest.mark.slow
def test_code_actor_follows_the_annotation_to_the_person():
    from storyline.annotate.entities import find_entities
    from storyline.models import nlp

    text = ("Montenegrin Foreign Minister Jana Radulović arrived in Pristina. "
            "The minister said she expected progress.")
    article = Article("a", "a", None, text, "-")
    mentions, entities = find_entities(nlp()(text), article)
    annotation = Annotation(article, [], mentions, [], [], entities)
    person = next(e for e in entities if e.name == "Jana Radulović")
    for phrase in ("The minister", "she", "Jana Radulović"):
        actor = code_actor(phrase, annotation, start=text.index(phrase))
        assert actor is not None, phrase
        assert (actor.entity_id, actor.country, actor.sector) == (person.id, "MNE", "GOV")
    # without the annotation "she" is nobody, and the unknown name too
    assert code_actor("she") is None and code_actor("Jana Radulović") is None


def test_user_dictionary_extends_and_overrides(monkeypatch, caplog):
    assert code_actor("Stankovic") is None
    assert (code_actor("TASS").country, code_actor("TASS").sector) == ("RUS", "MED")
    monkeypatch.setenv(ACTORS_ENV, str(FIXTURES / "extra_actors.tsv"))
    with caplog.at_level(logging.WARNING, logger="storyline.annotate.actors"):
        general = code_actor("Stankovic")  # the surname of a new person is an alias too
    assert (general.country, general.sector) == ("SRB", "MIL")
    assert code_actor("Nikola Stanković").entity_id == general.entity_id
    assert code_actor("the AMC").sector == "NGO"
    assert code_actor("TASS").sector == "GOV"  # the user's row replaces the built-in one
    assert code_actor("Kosovo police").sector == "COP"  # the built-in rows stay
    assert "extra_actors.tsv line 7" in caplog.text  # the bad row is reported and skipped


def test_missing_user_dictionary_is_reported_not_fatal(monkeypatch, caplog, tmp_path):
    monkeypatch.setenv(ACTORS_ENV, str(tmp_path / "nowhere.tsv"))
    with caplog.at_level(logging.WARNING, logger="storyline.annotate.actors"):
        assert code_actor("Kosovo police").country == "XKX"
    assert "nowhere.tsv" in caplog.text


def test_builtin_dictionary_rows_are_valid(caplog):
    with caplog.at_level(logging.WARNING, logger="storyline.annotate.actors"):
        entries = read_actor_file(resources.files("storyline") / "data" / "actors.tsv")
    assert not caplog.text
    assert len(entries) > 300
    people = {e.name for e in entries if e.type == "PERSON"}
    assert {"Aleksandar Vučić", "Albin Kurti", "Aleksandr Botsan-Kharchenko"} <= people
