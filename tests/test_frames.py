"""Event frames: who is the source and who the target of a trigger, read off the parse."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from storyline.extract.frames import EventFrame, frames_in_sentence
from storyline.extract.verbs import verb_dictionary
from storyline.models import nlp

pytestmark = pytest.mark.slow


def frames_of(sentence: str) -> dict[str, EventFrame]:
    doc = nlp()(sentence)
    return {f.trigger.text: f for s in doc.sents for f in frames_in_sentence(s, verb_dictionary())}


def cast(sentence: str, trigger: str) -> tuple[str | None, str | None]:
    frames = frames_of(sentence)
    assert trigger in frames, f"no frame on {trigger!r}: {list(frames)}"
    frame = frames[trigger]
    return (frame.source.text if frame.source is not None else None,
            frame.target.text if frame.target is not None else None)


@pytest.mark.parametrize(
    ("sentence", "trigger", "source", "target"),
    [
        # a conjoined verb of another form than its parse head goes with the reporting verb
        ("The minister said the mayors would stay in office and accused the rebels of stealing "
         "cattle.", "accused", "The minister", "the rebels"),
        # ... but a conjoined verb in the same clause keeps that clause's subject
        ("The minister told reporters that the army was watching the border and firmly "
         "supported the farmers.", "supported", "the army", "the farmers"),
        # a passive verb never borrows a subject as its actor
        ("The president warned that the country would react if its citizens were attacked.",
         "attacked", None, "its citizens"),
        ("The governor said the officers had every right to stay and would not be withdrawn.",
         "withdrawn", None, "the officers"),
        # object control: the object of the governing verb does the act
        ("The envoy urged the rebels to withdraw from the town.", "withdraw", "the rebels", None),
        ("The protest prompted the government to deploy the army.", "deploy", "the government",
         "the army"),
        # "is due to meet": the subject of "is"
        ("The mayor is due to meet the protesters on Friday.", "meet", "The mayor",
         "the protesters"),
        # a noun trigger takes the subject of a verb that performs it, not of one that talks
        # about it
        ("The governor announced talks with the rebels.", "talks", "The governor", "the rebels"),
        ("The governor described the attacks on the police.", "attacks", None, "the police"),
        # a dateline the parse takes for a second subject is not the subject
        ("BRUSSELS, Belgium — Several officers were injured when rioters attacked the station.",
         "injured", None, "Several officers"),
        # what is thrown is not whom it is thrown at
        ("The rioters threw stones and bottles at the police.", "threw", "The rioters",
         "the police"),
        ("The envoy met the minister at 11:00 local time.", "met", "The envoy", "the minister"),
        # an appositive the parse takes for a second subject is not the subject
        ("The peacekeepers, most of them from Italy, used tear gas against the crowd.", "gas",
         "The peacekeepers", "the crowd"),
        # a date is when, not whom
        ("The envoy has meetings with both ministers on Tuesday.", "meetings", "The envoy",
         "both ministers"),
        # a speech act conjoined to a reported clause is the speaker's ...
        ("The governor said on Friday that the farmers had no quarrel with the army and "
         "accused the rebels of stealing cattle.", "accused", "The governor", "the rebels"),
        ("The envoy told reporters that the town wanted peace and urged the rebels to leave.",
         "urged", "The envoy", "the rebels"),
        # ... a material act stays with the reported clause's subject
        ("The mayor said that the soldiers entered the village and attacked the farmers.",
         "attacked", "the soldiers", "the farmers"),
        # the object of a phrase trigger is part of the act: its target is the event's
        ("The rebels will hold talks with Colonel Ivan Petrov on Friday.", "hold", "The rebels",
         "Colonel Ivan Petrov"),
        # a subject the parse hangs on the auxiliary is still the verb's subject
        ("Consul Mira Novak-Stein has in recent weeks repeatedly accused Serbia of blocking "
         "the border crossing.", "accused", "Consul Mira Novak-Stein", "Serbia"),
    ],
)
def test_source_and_target(sentence: str, trigger: str, source: str | None, target: str | None):
    assert cast(sentence, trigger) == (source, target)


def test_a_noun_that_only_describes_another_is_no_trigger():
    frames = frames_of("Police in riot gear fired tear gas at the crowd.")
    assert "riot" not in frames
    assert "gas" in frames


@pytest.mark.parametrize(
    ("sentence", "trigger", "root"),
    [
        # stopping one's own action de-escalates; stopping talks or aid with another sanctions
        ("The rebels halted the offensive near the border.", "halted", "YIELD"),
        ("The city suspended the curfew in the old town.", "suspended", "YIELD"),
        ("The government halted talks with the rebels.", "halted", "SANCTION"),
        ("The donors suspended military aid to the regime.", "suspended", "SANCTION"),
    ],
)
def test_the_object_of_a_stop_verb_decides_its_dictionary_root(sentence, trigger, root):
    frames = frames_of(sentence)
    assert frames[trigger].entry.plover == root


@pytest.mark.parametrize(
    ("sentence", "trigger", "phrase"),
    [
        ("The envoy called on the rebels to lay down their arms.", "called", "call on"),
        ("The unions called for talks with the employers.", "called", "call for"),
        # a preposition that says when is no part of an appeal
        ("The president called the king on Saturday.", "called", None),
        ("On Monday the president called the king.", "called", None),
        ("The president called the king to apologize for the delay.", "called", None),
        # a particle may be parted from its verb; a phrase with a word of content is anchored
        ("The army pulled its troops out of the city.", "pulled", "pull out"),
        ("The government put the army on alert.", "put", "put on alert"),
        # a noun's "of" phrase says what the noun is about, and a date after it dates that
        ("The government put the army on its highest state of alert.", "put", "put on alert"),
        ("The government put its forces on the highest level of combat readiness on Friday.",
         "put", "put on readiness"),
    ],
)
def test_a_phrase_preposition_follows_its_verb_and_says_whom(sentence, trigger, phrase):
    frames = frames_of(sentence)
    entry = frames[trigger].entry if trigger in frames else None
    assert (entry.phrase if entry else None) == phrase


def test_one_name_the_parse_splits_into_two_objects_is_one_target():
    # the misparse seen on "accused Kosovo Prime Minister Albin Kurti of ...", built by hand
    words = ["The", "governor", "accused", "Ruritania", "Prime", "Minister", "Ivan", "Novak",
             "of", "lying", "."]
    heads = [1, 2, 2, 2, 5, 7, 7, 2, 2, 8, 2]
    deps = ["det", "nsubj", "ROOT", "dobj", "compound", "compound", "compound", "dobj", "prep",
            "pcomp", "punct"]
    pos = ["DET", "NOUN", "VERB", "PROPN", "PROPN", "PROPN", "PROPN", "PROPN", "ADP", "VERB",
           "PUNCT"]
    lemmas = ["the", "governor", "accuse", "Ruritania", "Prime", "Minister", "Ivan", "Novak",
              "of", "lie", "."]
    doc = Doc(nlp().vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas,
              sent_starts=[True] + [False] * 10)
    (frame,) = frames_in_sentence(doc[:], verb_dictionary())
    assert frame.target.text == "Ruritania Prime Minister Ivan Novak"
