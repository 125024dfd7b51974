"""Events: triggers, PLOVER/CAMEO typing, actors, place, date, mode, evidence, ids."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from storyline.annotate import annotate
from storyline.extract import extract
from storyline.extract.classifier import (
    DICTIONARY_FLOOR,
    EventClassifier,
    classify_events,
    codebook_choice,
    dictionary_floor,
    items_to_instances,
    overruled_once_per_sentence,
    split_role,
    train_classifier,
)
from storyline.extract.frames import frames_in_sentence
from storyline.extract.plover import PLOVER_ROOTS, PLOVER_TO_CAMEO, binary_class, pentaclass
from storyline.extract.verbs import EXTRA_VERBS_ENV, parse_entries, verb_dictionary
from storyline.link.similarity import sentence_vectors
from storyline.models import nlp
from storyline.records import Annotation, Article, Event, Extraction

PUBLISHED = datetime(2023, 5, 31, 9, 0, tzinfo=UTC)  # a Wednesday
FIXTURES = Path(__file__).parent / "fixtures" / "extract"
pytestmark = pytest.mark.slow


def _article(text: str, article_id: str = "a1") -> Article:
    return Article(id=article_id, origin=f"{article_id}.txt", title=None, text=text,
                   content_hash=article_id, source="Test Wire", published=PUBLISHED)


@pytest.fixture(scope="module")
def north() -> tuple[Annotation, Extraction]:
    text = (FIXTURES / "north.txt").read_text("utf-8")
    (annotation,) = annotate([_article(text)])
    (extraction,) = extract([annotation])
    return annotation, extraction


def _event_with(extraction: Extraction, trigger: str) -> Event:
    found = [e for e in extraction.events if e.trigger == trigger]
    assert found, f"no event on {trigger!r}: {[e.trigger for e in extraction.events]}"
    return found[0]


def test_plover_table_covers_every_root_with_a_cameo_root():
    assert len(PLOVER_ROOTS) == 15
    for root, code in PLOVER_TO_CAMEO.items():
        assert len(code) == 2 and 1 <= int(code) <= 20, root
    assert binary_class("AID") == "cooperation" and binary_class("ASSAULT") == "conflict"
    assert pentaclass("REQUEST") == 0 and pentaclass("PROTEST") == 4


def test_clash_is_typed_with_actors_place_date_and_evidence(north):
    annotation, extraction = north
    clash = _event_with(extraction, "clashed")
    assert clash.plover in {"ASSAULT", "PROTEST"}
    assert clash.cameo == PLOVER_TO_CAMEO[clash.plover] or clash.cameo in {"19", "14"}
    assert clash.mode == "asserted"
    assert "protesters" in clash.source_actor.text
    assert clash.source_actor.sector == "CVL"
    assert "KFOR" in clash.target_actor.text
    assert clash.place is not None and clash.place.text == "Zvečan"
    assert clash.date is not None and clash.date.text == "Monday"
    assert clash.date.value == "2023-05-29"
    evidence = clash.evidence
    assert annotation.article.text[evidence.start : evidence.end] == evidence.sentence
    assert evidence.sentence.startswith("Serb protesters clashed")
    assert evidence.article_id == "a1" and evidence.source == "Test Wire"


def test_denied_deployment_is_negated(north):
    _, extraction = north
    deploy = _event_with(extraction, "deploy")
    assert deploy.plover == "MOBILIZE" and deploy.cameo == "15"
    assert deploy.mode == "negated"
    assert deploy.date is None  # no date in its sentence: the event's own date stays unknown


def test_future_meeting_is_planned_consultation(north):
    _, extraction = north
    meeting = _event_with(extraction, "meet")
    assert (meeting.plover, meeting.mode) == ("CONSULT", "planned")
    assert "ambassador" in meeting.target_actor.text
    assert meeting.target_actor.country == "RUS"
    assert meeting.date is not None and meeting.date.text == "Tuesday"


def test_request_that_would_be_submitted_is_planned(north):
    _, extraction = north
    request = _event_with(extraction, "request")
    assert (request.plover, request.cameo, request.mode) == ("REQUEST", "02", "planned")
    assert request.source_actor.country == "SRB"
    assert "KFOR" in request.target_actor.text


def test_event_inside_a_claim_is_claimed_and_listed_by_the_claim(north):
    _, extraction = north
    attack = _event_with(extraction, "attacked")
    assert attack.plover == "ASSAULT" and attack.mode == "claimed"
    kurti = [c for c in extraction.claims if c.speaker == "Kurti"]
    assert kurti and attack.id in kurti[0].event_ids
    assert attack.place is not None and attack.place.text == "Leposavić"


def test_ids_are_deterministic_and_per_article(north):
    annotation, extraction = north
    (again,) = extract([annotation])
    assert [e.id for e in again.events] == [e.id for e in extraction.events]
    assert len({e.id for e in extraction.events}) == len(extraction.events)
    (other,) = annotate([_article(annotation.article.text, "a2")])
    (moved,) = extract([other])
    assert not {e.id for e in moved.events} & {e.id for e in extraction.events}


def test_sentence_without_interaction_gives_no_event():
    (annotation,) = annotate([_article("The weather in Pristina was mild and sunny.")])
    (extraction,) = extract([annotation])
    assert extraction.events == []


def test_annotation_without_parse_gives_an_empty_extraction():
    bare = Annotation(_article("No parse here."), [], [], [], [], [], doc=None)
    assert extract([bare]) == [Extraction("a1", [], [])]


def test_shipped_classifier_types_triples():
    labels = classify_events([
        ("Rebels shelled the town overnight, killing four.", "Rebels", "the town"),
        ("The two presidents held talks in Geneva.", "The two presidents", ""),
        ("Thousands marched in the capital against the new tax.", "Thousands", "the new tax"),
    ])
    assert labels == ["ASSAULT", "CONSULT", "PROTEST"]


def test_classifier_trains_predicts_and_round_trips(tmp_path):
    records = [json.loads(line) for line in (FIXTURES / "classifier_items.jsonl").open()]
    items = [(r["sentence"], r["source"], r["target"]) for r in records]
    labels = [r["label"] for r in records]
    model = train_classifier(items, labels)
    unseen = [("Armed men attacked the police station at dawn.", "Armed men", "the police station"),
              ("The leaders met in Brussels to talk about trade.", "The leaders", "trade")]
    predicted = model.predict(unseen)
    assert predicted == ["ASSAULT", "CONSULT"]
    model.save(tmp_path / "model.npz")
    assert EventClassifier.load(tmp_path / "model.npz").predict(unseen) == predicted
    two_way = [(i, lab) for i, lab in zip(items, labels, strict=True) if lab != "PROTEST"]
    binary = train_classifier([i for i, _ in two_way], [lab for _, lab in two_way])
    assert binary.predict(unseen) == ["ASSAULT", "CONSULT"]  # a two-class SVM has one score


def test_verb_dictionary_rejects_bad_lines_and_takes_user_extensions(tmp_path, monkeypatch):
    with pytest.raises(ValueError, match=r"mine.tsv:2"):
        parse_entries(["# comment", "storm\tATTACK\t18\tverb"], "mine.tsv")
    with pytest.raises(ValueError, match="01..20"):
        parse_entries(["storm\tASSAULT\t21\tverb"], "mine.tsv")
    extra = tmp_path / "extra.tsv"
    extra.write_text("torch\tASSAULT\t18\tverb\nmeet\tCOOPERATE\t06\tverb\n", "utf-8")
    monkeypatch.setenv(EXTRA_VERBS_ENV, str(extra))
    verb_dictionary.cache_clear()
    try:
        entries = {e.phrase: e for v in verb_dictionary().by_trigger.values() for e in v}
        assert entries["torch"].plover == "ASSAULT"
        assert entries["meet"].plover == "COOPERATE"  # the user's line replaces the shipped one
    finally:
        verb_dictionary.cache_clear()


def test_seed_articles_end_to_end(seeds_dir):
    articles = [_article(p.read_text("utf-8"), p.stem) for p in sorted(seeds_dir.glob("*.txt"))]
    annotations = annotate(articles)
    extractions = extract(annotations)
    events = [e for x in extractions for e in x.events]
    claims = [c for x in extractions for c in x.claims]

    def one(trigger: str, plover: str) -> Event:
        found = [e for e in events if e.trigger == trigger and e.plover == plover]
        assert found, f"no {plover} on {trigger!r}"
        return found[0]

    clash = [e for e in events if e.trigger == "clashed"]
    assert clash and clash[0].plover in {"ASSAULT", "PROTEST"}
    assert clash[0].place is not None and clash[0].place.text == "Zvečan"
    assert clash[0].date is not None and "05-29" in (clash[0].date.value or "")
    seizure = one("seized", "COERCE")
    assert seizure.source_actor.country == "XKX"
    assert seizure.place is not None and seizure.place.text == "Gazivode dam"
    request = one("request", "REQUEST")
    assert request.mode == "planned" and request.source_actor.country == "SRB"
    meeting = one("meeting", "CONSULT")
    assert meeting.mode == "planned" and meeting.target_actor.country == "RUS"
    assert meeting.source_actor.country == "SRB"
    # dated by the later sentence "The meeting was described as taking place on Tuesday,
    # May 30, 2023, at 11:00 local time": Belgrade's 11:00 is 09:00 UTC
    assert meeting.date is not None and meeting.date.value == "2023-05-30T09:00Z"
    assert one("deploy", "MOBILIZE").mode == "negated"
    accusation = one("accused", "ACCUSE")  # "Kosovo has at times accused Serbia of ..."
    assert accusation.mode == "asserted"
    assert (accusation.source_actor.country, accusation.target_actor.country) == ("XKX", "SRB")
    # "KFOR personnel ... deployed a combination of crowd-control measures": KFOR acts
    measures = [e for e in events if e.trigger == "deployed"]
    assert measures and measures[0].plover in {"MOBILIZE", "COERCE"}
    assert "KFOR" in measures[0].source_actor.text and measures[0].source_actor.sector == "MIL"
    # dated by the paragraph's narrative time ("On May 29, protests escalated ...")
    assert measures[0].date is not None and measures[0].date.value == "2023-05-29"
    diplomat = [c for c in claims if c.cue == "argued"]
    assert diplomat and diplomat[0].speaker == "A senior Russian diplomat"
    # a vague speaker stays vague: linked at most to the group it names, never to a person
    people = {e.id for a in annotations for e in a.entities if e.type == "PERSON"}
    assert diplomat[0].speaker_entity_id not in people
    assert "Western powers" in diplomat[0].content and not diplomat[0].direct


def test_role_prefix_is_split_from_the_mention_unless_the_sentence_holds_it():
    assert split_role("Attacker:the raiders", "The raiders struck.") == ("Attacker", "the raiders")
    assert split_role("the raiders", "The raiders struck.") == ("", "the raiders")
    assert split_role("Unit:Nine", "Officers of Unit:Nine arrived.") == ("", "Unit:Nine")
    assert split_role("Place: the valley", "It rained in the valley.") == ("", "Place: the valley")


def test_role_prefixed_actors_are_found_in_the_sentence():
    [instance] = items_to_instances(
        [("Raiders burned the granary at night.", "Attacker:Raiders", "Target:the granary")]
    )
    assert (instance.source_role, instance.target_role) == ("Attacker", "Target")
    assert instance.frame.source.text == "Raiders"
    assert instance.frame.target.text == "the granary"
    assert instance.frame.trigger.lemma_ == "burn"


def test_argument_roles_are_features_the_classifier_learns():
    # The same sentences under both labels: only the roles tell the classes apart.
    sentences = ["Anna saw Boris at the market.", "The crew reached the port on Sunday.",
                 "Clara visited the farmers in spring."]
    items, labels = [], []
    for sentence in sentences:
        first, *_, last = sentence.rstrip(".").split()
        for roles, label in ((("Attacker", "Victim"), "conflict"),
                             (("Giver", "Recipient"), "cooperation")):
            items.append((sentence, f"{roles[0]}:{first}", f"{roles[1]}:{last}"))
            labels.append(label)
    model = train_classifier(items, labels)
    unseen = "Dmitri found Elena near the bridge."
    assert model.predict([(unseen, "Attacker:Dmitri", "Victim:Elena"),
                          (unseen, "Giver:Dmitri", "Recipient:Elena")]) == ["conflict",
                                                                              "cooperation"]


def test_a_later_definite_mention_dates_the_event():
    text = ("The two presidents announced a meeting with the UN envoy. "
            "The meeting will take place on Friday, June 2, 2023, at 10:00.")
    (annotation,) = annotate([_article(text)])
    (extraction,) = extract([annotation])
    meeting = _event_with(extraction, "meeting")
    assert meeting.date is not None and meeting.date.start > text.index("The meeting")
    assert meeting.date.value.startswith("2023-06-02T")


def test_planned_events_keep_the_dictionary_root_over_the_intent_root():
    # CAMEO codes "will meet" as intent (AGREE); storyline codes the act and its mode
    agree, consult = list(PLOVER_ROOTS).index("AGREE"), list(PLOVER_ROOTS).index("CONSULT")
    probabilities = np.full(len(PLOVER_ROOTS), 0.001)
    probabilities[agree], probabilities[consult] = 0.95, 0.02
    assert codebook_choice(probabilities, consult) == agree  # implausible reading: overruled
    assert codebook_choice(probabilities, consult, intent=agree) == consult
    assert codebook_choice(probabilities, None, intent=agree) == agree


def test_shared_sentence_vectors_give_the_same_events(north):
    annotation, extraction = north
    (shared,) = extract([annotation], [sentence_vectors(annotation)])
    assert [(e.id, e.plover, e.confidence) for e in shared.events] == [
        (e.id, e.plover, e.confidence) for e in extraction.events
    ]


def test_the_victims_side_of_one_act_is_not_a_second_event():
    text = ("Dozens of police officers were injured on Sunday when Serb protesters attacked "
            "the police. Two police officers were injured in the north.")
    (annotation,) = annotate([_article(text)])
    (extraction,) = extract([annotation])
    triggers = [(e.trigger, e.plover) for e in extraction.events]
    assert ("attacked", "ASSAULT") in triggers
    injured = [e for e in extraction.events if e.trigger == "injured"]
    # the first "injured" is the attack; the second, alone in its sentence, stays an event
    assert [e.evidence.sentence for e in injured] == [
        "Two police officers were injured in the north."
    ]


def test_a_paragraphs_narrative_time_dates_its_past_acts_only():
    text = ("On May 12, protests spread across Skopje as students marched on parliament. "
            "Witnesses said police fired tear gas at the students. "
            "In response, students threw stones at the police. "
            "The president will meet the students.\n\n"
            "Police arrested ten students.")
    (annotation,) = annotate([_article(text)])
    (extraction,) = extract([annotation])
    for trigger in ("gas", "threw"):  # the narrative runs on through past acts
        assert _event_with(extraction, trigger).date.value == "2023-05-12"
    assert _event_with(extraction, "meet").date is None  # a plan is no part of it
    assert _event_with(extraction, "arrested").date is None  # another paragraph
    # a report dates the saying, not the acts told after it
    text = "The mayor said on Tuesday that the town was calm. Police arrested ten students."
    (annotation,) = annotate([_article(text, "a2")])
    (extraction,) = extract([annotation])
    assert _event_with(extraction, "arrested").date is None


def test_a_relative_clause_on_a_noun_is_dated_by_the_nouns_own_context():
    text = ("The governors were elected on March 12 in a vote that the rebels boycotted. "
            "The councils were chosen in last month's ballot, which the opposition boycotted. "
            "Students protested on Monday against a decree that the minister signed.")
    (annotation,) = annotate([_article(text)])
    (extraction,) = extract([annotation])
    boycotts = [e for e in extraction.events if e.trigger == "boycotted"]
    # the vote's occasion ("elected on March 12 in a vote"), the noun's own date
    assert [e.date.value for e in boycotts] == ["2023-03-12", "2023-04"]
    signed = _event_with(extraction, "signed")
    assert signed.date is None  # the protest's Monday is not the decree's
    assert signed.background and all(e.background for e in boycotts)
    assert not _event_with(extraction, "protested").background


def test_an_after_or_before_ing_adjunct_takes_its_own_date_else_its_heads():
    text = ("The envoy said on Friday, after meeting the rebels in Tirana, that talks would go "
            "on. The envoy spoke on Friday after consulting the rebels on Thursday. "
            "The minister criticised the rebels on Monday while visiting the camps. "
            "The envoy spoke on Friday, two days after meeting the rebels.")
    (annotation,) = annotate([_article(text)])
    (extraction,) = extract([annotation])
    meetings = [e.date and e.date.value for e in extraction.events if e.trigger == "meeting"]
    # the saying's Friday; two days before it is not Friday
    assert meetings == ["2023-05-26", None]
    # its own Thursday, the last one: the adjunct tells it in its head's past tense
    assert _event_with(extraction, "consulting").date.value == "2023-05-25"
    assert _event_with(extraction, "visiting").date.value == "2023-05-29"


def test_places_of_another_event_or_of_a_time_zone_are_not_the_events():
    text = ("The two presidents will hold talks on Friday, after a week of riots in Tirana. "
            "The envoy will meet the minister at 11:00 local time (12:00 Moscow time).")
    (annotation,) = annotate([_article(text)])
    (extraction,) = extract([annotation])
    assert _event_with(extraction, "hold").place is None
    assert _event_with(extraction, "meet").place is None


def test_a_phrase_or_a_noun_keeps_its_dictionary_root_a_verb_only_if_plausible():
    doc = nlp()("The envoy called on the rebels to stop. A visit by the envoy followed. "
                "The envoy stormed out.")
    frames = {f.trigger.text: f for s in doc.sents
              for f in frames_in_sentence(s, verb_dictionary())}
    assert dictionary_floor(frames["called"]) == dictionary_floor(frames["visit"]) == 0.0
    assert dictionary_floor(frames["stormed"]) == DICTIONARY_FLOOR
    probabilities = np.full(len(PLOVER_ROOTS), 0.001)
    request, accuse = list(PLOVER_ROOTS).index("REQUEST"), list(PLOVER_ROOTS).index("ACCUSE")
    probabilities[request], probabilities[accuse] = 0.01, 0.9
    assert codebook_choice(probabilities, request, floor=0.0) == request
    assert codebook_choice(probabilities, request) == accuse


def test_a_class_that_overrules_the_dictionary_names_one_act_of_the_sentence():
    doc = nlp()("The alliance will deploy more peacekeepers, a day after soldiers were injured. "
                "Soldiers were injured.")
    frames = [f for s in doc.sents for f in frames_in_sentence(s, verb_dictionary())]
    assert [f.trigger.text for f in frames] == ["deploy", "injured", "injured"]
    roots = list(PLOVER_ROOTS)
    aid, assault, mobilize = (roots.index(r) for r in ("AID", "ASSAULT", "MOBILIZE"))
    probabilities = np.full((3, len(roots)), 0.001)
    probabilities[:, aid] = 0.9, 0.8, 0.8
    readings, choices = [mobilize, assault, assault], [aid, aid, aid]
    # the sentence reads as aid, which the deployment fits best; the injuries stay an
    # assault, but one alone in its sentence is still overruled
    assert overruled_once_per_sentence(frames, probabilities, readings, choices) == [
        aid, assault, aid]


def test_a_clause_told_as_before_or_after_takes_no_date_from_its_head():
    text = ("The alliance will send more troops to Bosnia, its commander said on Tuesday, "
            "a day after soldiers were injured in riots. "
            "Police fired tear gas in Mostar on Monday as protesters attacked the town hall.")
    (annotation,) = annotate([_article(text)])
    (extraction,) = extract([annotation])
    assert _event_with(extraction, "injured").date is None
    assert _event_with(extraction, "attacked").date.value == "2023-05-29"  # the same scene


def test_a_date_that_says_which_thing_the_object_is_does_not_date_the_act():
    text = ("Farmers protested against the March 12 decree. "
            "Rebels boycotted the April 23 vote. "
            "Students demonstrated on Monday against the decree.")
    (annotation,) = annotate([_article(text)])
    (extraction,) = extract([annotation])
    assert _event_with(extraction, "protested").date is None  # the decree's date
    assert _event_with(extraction, "demonstrated").date.value == "2023-05-29"  # its own Monday
    assert _event_with(extraction, "boycotted").date.value == "2023-04-23"  # the vote's too


def test_a_negated_act_typed_as_the_refusal_is_not_also_negated():
    text = ("The union said the strike would stay peaceful but that farmers would never accept "
            "governors who had won a few hundred votes. The ministry did not reject the plan.")
    (annotation,) = annotate([_article(text)])
    (extraction,) = extract([annotation])
    accept = _event_with(extraction, "accept")
    assert (accept.plover, accept.mode) == ("REJECT", "planned")  # a refusal, declared
    reject = _event_with(extraction, "reject")  # the dictionary's own refusal, negated
    assert (reject.plover, reject.mode) == ("REJECT", "negated")
