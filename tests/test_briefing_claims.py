"""Claims in the briefing: grouped by the speaker a reader knows them by."""

from __future__ import annotations

from storyline.outputs.briefing import UNNAMED_SPEAKER, claims_by_speaker
from storyline.records import Claim, Entity, Evidence


def claim(speaker: str, content: str, entity_id: str | None = None,
          source: str = "Daily Post", **fields) -> Claim:
    evidence = Evidence(article_id="a1", sentence=content, start=0, end=len(content),
                        source=source)
    return Claim(id=content, speaker=speaker, cue="said", content=content, content_start=0,
                 content_end=len(content), direct=False, evidence=evidence,
                 speaker_entity_id=entity_id, **fields)


def test_claims_group_by_entity_and_unnamed_speakers_come_last():
    mayor = Entity(id="e1", name="Ana Petrović", type="PERSON")
    claims = [claim("", "talks are expected to resume"),
              claim("the mayor", "the bridge will reopen", "e1"),
              claim("Petrović", "the market stays closed", "e1"),
              claim("a senior diplomat", "the talks had stalled"),
              claim("  ", "a curfew is planned"),
              claim("It", "the ferry will not sail")]
    grouped = dict(claims_by_speaker(claims, {"e1": mayor}))
    assert list(grouped) == ["Ana Petrović", "a senior diplomat", UNNAMED_SPEAKER]
    assert [r.claim.content for r in grouped[UNNAMED_SPEAKER]] == [
        "talks are expected to resume", "a curfew is planned", "the ferry will not sail"]


def test_reports_of_one_claim_are_shown_once_with_their_outlets():
    mayor = Entity(id="e1", name="Ana Petrović", type="PERSON")
    claims = [claim("Petrović", "twelve people had been hurt in the flood", "e1", "Daily Post"),
              claim("the mayor", "twelve people had been injured in the flood", "e1", "Wire"),
              claim("Petrović", "the bridge will reopen on Monday", "e1", "Wire"),
              claim("Petrović", "twelve people had been hurt in the flood", "e1", "Daily Post")]
    (speaker, reported), = claims_by_speaker(claims, {"e1": mayor})
    assert [(r.claim.content, r.sources) for r in reported] == [
        ("twelve people had been hurt in the flood", ["Daily Post", "Wire"]),
        ("the bridge will reopen on Monday", ["Wire"])]


def test_the_addressee_shows_by_its_entity_name_else_as_written():
    mayor = Entity(id="e1", name="Ana Petrović", type="PERSON")
    claims = [claim("the governor", "to reopen the bridge", addressee="the mayor",
                    addressee_entity_id="e1"),
              claim("the governor", "to stay calm", addressee="residents"),
              claim("the governor", "the roads are closed")]
    (speaker, reported), = claims_by_speaker(claims, {"e1": mayor})
    assert [r.addressee for r in reported] == ["Ana Petrović", "residents", None]


def test_a_he_standing_for_a_vague_speaker_is_listed_under_that_speaker():
    claims = [claim("a senior diplomat", "the talks had stalled"),
              claim("he", "nobody trusts the ceasefire",
                    speaker_antecedent="a senior diplomat"),
              claim("he", "the envoy will return"),
              claim("both", "the border stays open")]
    grouped = dict(claims_by_speaker(claims, {}))
    assert [r.claim.content for r in grouped["a senior diplomat"]] == [
        "the talks had stalled", "nobody trusts the ceasefire"]
    assert [r.claim.content for r in grouped[UNNAMED_SPEAKER]] == [
        "the envoy will return", "the border stays open"]
