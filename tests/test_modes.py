"""Event modes read off the parse: negated, planned, threatened, hypothetical, claimed."""

from __future__ import annotations

import pytest

from storyline.extract.claims import claims_in_doc
from storyline.extract.frames import frames_in_sentence
from storyline.extract.modes import event_mode
from storyline.extract.verbs import verb_dictionary
from storyline.models import nlp

pytestmark = pytest.mark.slow


def mode_of(sentence: str, trigger: str) -> str:
    doc = nlp()(sentence)
    spans = [(c.content_start, c.content_end) for c in claims_in_doc(doc, None, [])]
    frames = [f for s in doc.sents for f in frames_in_sentence(s, verb_dictionary())]
    found = [f for f in frames if f.trigger.text == trigger]
    assert found, f"no frame on {trigger!r}: {[f.trigger.text for f in frames]}"
    return event_mode(found[0], spans)


@pytest.mark.parametrize(
    ("sentence", "trigger", "mode"),
    [
        ("Protesters clashed with the police in the town.", "clashed", "asserted"),
        ("Belgrade has no plan to deploy troops to Kosovo.", "deploy", "negated"),
        ("The army did not attack the village.", "attack", "negated"),
        ("The police never detained the activists.", "detained", "negated"),
        ("The minister denied that soldiers attacked the protesters.", "attacked", "negated"),
        ("Vučić will meet the ambassador.", "meet", "planned"),
        ("Serbia plans to deploy more police in the north.", "deploy", "planned"),
        ("The president is set to meet the envoy next week.", "meet", "planned"),
        ("The mayor is due to meet the protesters on Friday.", "meet", "planned"),
        ("The army is ready to attack if talks fail.", "attack", "hypothetical"),
        ("Serbia would submit an official request to KFOR.", "request", "planned"),
        ("Vučić announced a planned meeting with the ambassador.", "meeting", "planned"),
        ("The rebels threatened to attack the capital.", "attack", "threatened"),
        ("If the talks fail, the army will attack the town.", "attack", "hypothetical"),
        # what a promise waits for has not happened; what a past act lasted until has
        ("The farmers would stay on the road until the ministry withdrew the quota.",
         "withdrew", "hypothetical"),
        ("The farmers stayed on the road until the ministry withdrew the quota.",
         "withdrew", "asserted"),
        ("The police might arrest the organisers.", "arrest", "hypothetical"),
        ("Kurti said Serbian gangs attacked the police.", "attacked", "claimed"),
        ("Kurti said Serbian gangs would attack the police.", "attack", "planned"),
        # a conjoined verb with its own tense or auxiliary has its own mode ...
        ("The minister said the mayors would stay in office and accused the rebels of looting.",
         "accused", "asserted"),
        ("Moscow does not recognise the new state and has backed the government.", "backed",
         "asserted"),
        # ... a bare one shares its partner's
        ("The army did not attack or shell the village.", "shell", "negated"),
        # an event in a time adjunct only dates the clause: it is not planned or denied with it
        ("The alliance prepared new plans after the clashes with the police on Monday.",
         "clashes", "asserted"),
        ("After meeting the envoys, he said that troops would not enter the town.", "meeting",
         "asserted"),
        ("The envoy has meetings scheduled with both ministers.", "meetings", "planned"),
        # an act asked of someone has not happened; one someone is accused of is claimed
        ("The envoy urged the rebels to release the hostages.", "release", "hypothetical"),
        ("The council called on the army to withdraw its troops.", "withdraw", "hypothetical"),
        ("The minister pushed for talks with the rebels.", "talks", "hypothetical"),
        ("The union demanded that the police release the workers.", "release", "hypothetical"),
        ("The opposition accused the minister of attacking journalists.", "attacking",
         "claimed"),
        ("The court charged the soldiers with attacking civilians.", "attacking", "claimed"),
        # nested: the pushing is what the unions are accused of, the accepting what is pushed
        ("The mayor accused the unions of pushing the city to accept the cuts.", "accept",
         "hypothetical"),
        # a conjoined infinitive is asked for too
        ("The mediator called on the government to lift the curfew in the capital, and on "
         "the protesters to withdraw.", "withdraw", "hypothetical"),
        # an event that follows or precedes another in a plan is planned with it, also when
        # the parse hangs "followed by" on the verb of saying
        ("The minister will visit the dam on Friday, followed by talks with the mayors.",
         "talks", "planned"),
        ("The envoy will meet the mayors on Monday, his office said, followed by talks with "
         "the police.", "talks", "planned"),
        ("The minister visited the dam, followed by talks with the mayors.", "talks",
         "asserted"),
        # ... also when the parser reads the second one as a purpose clause
        ("The UN envoy has called on the army to pull its tanks back from the bridges in Alna "
         "and Brevik, and on the rebels to end their raids and stop attacking convoys.",
         "attacking", "hypothetical"),
        # the verb of request or accusation is itself asserted
        ("The opposition accused the minister of attacking journalists.", "accused",
         "asserted"),
    ],
)
def test_mode(sentence: str, trigger: str, mode: str):
    assert mode_of(sentence, trigger) == mode


def test_the_threat_itself_is_asserted():
    # "threatened" is the event (THREATEN), not a threat of another event
    assert mode_of("The rebels threatened the capital.", "threatened") == "asserted"
